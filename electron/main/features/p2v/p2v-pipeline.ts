import type { P2vJob, StepName } from '../../../../shared/features/p2v/p2v.contract';
import { AppError, type IpcErrorShape } from '../../../../shared/ipc/errors';
import type { Logger } from '../../app/logger';
import type { TaskContext, TaskService } from '../../platform/tasks/tasks.port';
import { runInTask } from '../../platform/scripts/in-task';
import { isoNow, systemClock, type Clock } from '../../platform/time/clock';
import type { ScriptDef } from '../../platform/scripts/script-def';
import type { HostScripts, ScriptRunner } from '../../platform/scripts/script-runner';
import { checklistCommands } from './p2v-checklist';
import { captureStartScript, captureStatusScript, captureStopScript, createVmScript, transferScript, verifyImageScript } from './p2v.scripts';

export interface PipelineTiming {
  /** How often the capture's file is measured. */
  pollMs: number;
  /** No growth for this long = the capture is reported stuck. */
  stuckMs: number;
  /** Seconds each transfer slice copies before reporting progress. */
  transferSliceSeconds: number;
}

export interface PipelineDeps {
  store: { get(id: string): P2vJob | undefined };
  tasks: TaskService;
  /** Runs P2V scripts on the job's source machine. */
  sourceRunner(job: P2vJob): ScriptRunner;
  /** Runs P2V scripts on Hyper-V hosts (their sessions record the calls). */
  hosts: Pick<HostScripts, 'on'>;
  update(id: string, fn: (j: P2vJob) => P2vJob): Promise<P2vJob>;
  timing: PipelineTiming;
  log: Logger;
  clock?: Clock;
}

/** Adds a call's ledger entry to the job (the last 200), so the wizard links each step to its PowerShell. */
export function withLedgerId(job: P2vJob, ledgerId: string | undefined): P2vJob {
  return ledgerId ? { ...job, ledgerIds: [...job.ledgerIds, ledgerId].slice(-200) } : job;
}

const sleep = (clock: Clock, ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal.aborted) return reject(new AppError('CANCELLED', 'Cancelled'));
    const onAbort = () => {
      clock.clearTimeout(t);
      reject(new AppError('CANCELLED', 'Cancelled'));
    };
    // The listener goes when the timer fires: a long capture polls thousands of times on one signal.
    const t = clock.setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });

/**
 * Capture → verify → transfer → create VM, each a task, each persisted on completion. `run` is idempotent per
 * job (a second call while running is ignored) and resumes from the job's current step: a capture whose
 * Disk2vhd process is already running is watched again, not started twice.
 */
export class P2vPipeline {
  private readonly running = new Map<string, { taskId?: string; cancelling: boolean }>();
  private disposed = false;

  constructor(private readonly d: PipelineDeps) {}

  private get clock(): Clock {
    return this.d.clock ?? systemClock;
  }

  run(id: string): void {
    if (this.running.has(id)) return;
    const slot = { cancelling: false } as { taskId?: string; cancelling: boolean };
    this.running.set(id, slot);
    void this.loop(id, slot)
      .catch((err) => this.d.log.error(`p2v: job ${id} pipeline failed`, err))
      .finally(() => this.running.delete(id));
  }

  isRunning(id: string): boolean {
    return this.running.has(id);
  }

  /** Cancels the job's running step; a capture stops Disk2vhd and deletes the partial file. */
  async cancel(id: string): Promise<void> {
    const slot = this.running.get(id);
    if (slot) {
      slot.cancelling = true;
      if (slot.taskId) this.d.tasks.cancel(slot.taskId);
      // Wait for the loop to unwind (it does the clean-up and writes the final state).
      while (this.running.has(id)) await new Promise((r) => this.clock.setTimeout(() => r(undefined), 50));
      return;
    }
    // Not running in this process (e.g. a stale "running" job): clean up directly.
    await this.cleanupCapture(id);
    await this.markCancelled(id);
  }

  dispose(): void {
    // Quit: stop watching, but leave the job "running" on disk (and Disk2vhd running on the source):
    // the next start resumes from the persisted step.
    this.disposed = true;
    for (const slot of this.running.values()) if (slot.taskId) this.d.tasks.cancel(slot.taskId);
  }

  private async loop(id: string, slot: { taskId?: string; cancelling: boolean }): Promise<void> {
    for (;;) {
      const job = this.d.store.get(id);
      if (!job || job.status !== 'running' || this.disposed) return;
      const step = job.step;
      if (!['capture', 'verify', 'transfer', 'create-vm'].includes(step)) {
        await this.d.update(id, (j) => ({ ...j, status: 'waiting', percent: undefined }));
        return;
      }
      const handle = this.d.tasks.start(
        {
          kind: `p2v.${step}`,
          titleKey: `p2v:task.${step}`,
          titleValues: { name: job.plan?.vmName ?? job.sourceLabel },
          hostId: step === 'create-vm' || step === 'transfer' ? job.plan?.hostId : undefined,
          cancellable: step !== 'create-vm',
          // Journaled before the script runs (as new-VM does): a crash mid-create leaves a task naming the VM.
          ...(step === 'create-vm' && job.plan ? { creates: [{ kind: 'vm' as const, hostId: job.plan.hostId, name: job.plan.vmName }] } : {}),
        },
        (ctx) => this.runStep(id, step, ctx),
      );
      slot.taskId = handle.id;
      await this.d.update(id, (j) => ({ ...j, taskId: handle.id }));
      const record = await handle.done;
      if (this.disposed) return;
      if (record.status === 'succeeded') continue;
      if (record.status === 'cancelled' || slot.cancelling) {
        await this.cleanupCapture(id);
        await this.markCancelled(id);
        return;
      }
      await this.d.update(id, (j) => ({ ...j, status: 'failed', error: record.error ?? failure('The step failed'), percent: undefined }));
      return;
    }
  }

  private async runStep(id: string, step: StepName, ctx: TaskContext): Promise<void> {
    const job = this.must(id);
    if (step === 'capture') await this.capture(job, ctx);
    else if (step === 'verify') await this.verify(job, ctx);
    else if (step === 'transfer') await this.transfer(job, ctx);
    else if (step === 'create-vm') await this.createVm(job, ctx);
  }

  /**
   * One script of a step, in the step's task (its signal, its ledger links): the ledger id also joins the job,
   * on success and on failure. The runner validates the answer, so a wrong shape fails the step as PS_ERROR.
   */
  private async call<P extends Record<string, unknown>, R>(job: P2vJob, where: 'source' | 'host', def: ScriptDef<P, R>, params: P, ctx: TaskContext): Promise<R> {
    const runner = where === 'source' ? this.d.sourceRunner(job) : this.d.hosts.on(job.plan!.hostId);
    const linkToJob = (ledgerId: string | undefined) => (ledgerId ? this.d.update(job.id, (j) => withLedgerId(j, ledgerId)) : undefined);
    const linked: ScriptRunner = {
      run: async (d, p, opts) => {
        try {
          const answer = await runner.run(d, p, opts);
          await linkToJob(answer.ledgerId);
          return answer;
        } catch (err) {
          await linkToJob((err as { ledgerId?: string }).ledgerId);
          throw err;
        }
      },
    };
    // The step reports its own progress (file growth, bytes copied), not the scripts' Write-Progress.
    return runInTask(ctx, linked, def, params, { progress: false });
  }

  private async capture(job: P2vJob, ctx: TaskContext): Promise<void> {
    const plan = job.plan!;
    let cap = job.capture;
    if (!cap) {
      const d2v = job.preflight?.facts.disk2vhd.path;
      if (!d2v) throw new AppError('CONFLICT', 'Disk2vhd is not on the source');
      const s = await this.call(job, 'source', captureStartScript, { Disk2vhdPath: d2v, Volumes: plan.volumeArgs, VhdPath: plan.capturePath, UseShadowCopy: plan.useShadowCopy }, ctx);
      const now = isoNow(this.clock);
      // Persist the PID at once: after a crash the wizard watches this process instead of starting another.
      const updated = await this.d.update(job.id, (j) => ({ ...j, capture: { ...s, startedAt: now, bytes: 0, lastGrowthAt: now, stuck: false } }));
      cap = updated.capture!;
    }
    let lastBytes = cap.bytes;
    let lastGrowth = Date.parse(cap.lastGrowthAt);
    for (;;) {
      const st = await this.call(this.must(job.id), 'source', captureStatusScript, { VhdPath: plan.capturePath, ProcessId: cap.processId, ProcessStartTime: cap.processStartTime }, ctx);
      const bytes = st.fileBytes ?? 0;
      const now = this.clock.now();
      if (bytes > lastBytes) {
        lastBytes = bytes;
        lastGrowth = now;
      }
      const stuck = st.running && now - lastGrowth > this.d.timing.stuckMs;
      const percent = Math.min(99, Math.floor((bytes / Math.max(1, plan.expectedBytes)) * 100));
      ctx.progress(percent, stuck ? `no growth for ${Math.round((now - lastGrowth) / 1000)} s` : undefined);
      await this.d.update(job.id, (j) => ({
        ...j,
        percent,
        noteKey: stuck ? 'p2v:note.stuck' : undefined,
        capture: j.capture ? { ...j.capture, bytes, lastGrowthAt: new Date(lastGrowth).toISOString(), stuck } : j.capture,
      }));
      if (!st.running) {
        if (!st.fileExists) throw new AppError('PS_ERROR', 'Disk2vhd ended without creating the disk file');
        break;
      }
      await sleep(this.clock, this.d.timing.pollMs, ctx.signal);
    }
    await this.d.update(job.id, (j) => ({
      ...j,
      capture: j.capture ? { ...j.capture, endedAt: isoNow(this.clock), stuck: false } : j.capture,
      noteKey: undefined,
      completed: [...new Set([...j.completed, 'capture' as const])],
      step: 'verify',
    }));
  }

  private async verify(job: P2vJob, ctx: TaskContext): Promise<void> {
    const plan = job.plan!;
    const v = await this.call(job, 'source', verifyImageScript, { Path: plan.capturePath }, ctx);
    if (!v.exists) throw new AppError('NOT_FOUND', `The captured disk is missing: ${plan.capturePath}`);
    const want = plan.format === 'vhdx' ? 'VHDX' : 'VHD';
    if (v.format !== want) throw new AppError('PS_ERROR', `The captured file has no ${want} signature`);
    // Plausible: a dynamic image holds at least the used data it was asked to copy (minus slack) and its header.
    if (v.bytes < Math.min(plan.expectedBytes * 0.5, plan.expectedBytes - 8 * 1024 * 1024)) {
      throw new AppError('PS_ERROR', `The captured disk is too small (${v.bytes} bytes for about ${plan.expectedBytes} bytes of data)`);
    }
    await this.d.update(job.id, (j) => ({ ...j, verify: { format: v.format!, bytes: v.bytes }, completed: [...new Set([...j.completed, 'verify' as const])], step: 'transfer' }));
  }

  private async transfer(job: P2vJob, ctx: TaskContext): Promise<void> {
    const plan = job.plan!;
    if (plan.hostPath === plan.vmDiskPath) {
      await this.d.update(job.id, (j) => ({ ...j, transfer: { copiedBytes: 0, totalBytes: 0, skipped: true }, completed: [...new Set([...j.completed, 'transfer' as const])], step: 'create-vm' }));
      return;
    }
    for (;;) {
      const t = await this.call(this.must(job.id), 'host', transferScript, { SourcePath: plan.hostPath, DestinationPath: plan.vmDiskPath, MaxSeconds: this.d.timing.transferSliceSeconds }, ctx);
      const percent = t.totalBytes > 0 ? Math.floor((t.copiedBytes / t.totalBytes) * 100) : 100;
      ctx.progress(percent);
      await this.d.update(job.id, (j) => ({ ...j, percent, transfer: { copiedBytes: t.copiedBytes, totalBytes: t.totalBytes, skipped: false } }));
      if (t.done) break;
      if (ctx.signal.aborted) throw new AppError('CANCELLED', 'Cancelled');
    }
    await this.d.update(job.id, (j) => ({ ...j, completed: [...new Set([...j.completed, 'transfer' as const])], step: 'create-vm' }));
  }

  private async createVm(job: P2vJob, ctx: TaskContext): Promise<void> {
    const plan = job.plan!;
    const vm = await this.call(
      job,
      'host',
      createVmScript,
      {
        Name: plan.vmName,
        Generation: plan.generation,
        VhdPath: plan.vmDiskPath,
        MemoryStartupBytes: plan.memoryBytes,
        ProcessorCount: plan.processorCount,
        IsolatedSwitchName: plan.isolatedSwitch,
        JobId: job.id,
        ...(plan.secureBootTemplate ? { SecureBootTemplate: plan.secureBootTemplate } : {}),
      },
      ctx,
    );
    // Its Id as soon as the host returned it: an interruption from here on offers "Remove leftover VM" by Id.
    await ctx.created({ kind: 'vm', hostId: plan.hostId, name: vm.name, vmId: vm.vmId });
    await this.d.update(job.id, (j) => ({
      ...j,
      vm: { ...vm, checkpoints: [vm.checkpointName] },
      checklistCommands: checklistCommands(vm),
      completed: [...new Set([...j.completed, 'create-vm' as const])],
      step: 'first-boot',
      percent: undefined,
    }));
  }

  private async cleanupCapture(id: string): Promise<void> {
    const job = this.d.store.get(id);
    if (!job?.plan || job.step !== 'capture') return;
    const cap = job.capture;
    try {
      const res = await this.d.sourceRunner(job).run(captureStopScript, { VhdPath: job.plan.capturePath, ProcessId: cap?.processId ?? 0, ProcessStartTime: cap?.processStartTime ?? '' });
      await this.d.update(id, (j) => withLedgerId(j, res.ledgerId));
    } catch (err) {
      this.d.log.error(`p2v: could not stop the capture of job ${id}`, err);
      await this.d.update(id, (j) => ({ ...j, error: failure(`The capture could not be stopped: ${err instanceof Error ? err.message : String(err)}`) }));
    }
  }

  private async markCancelled(id: string): Promise<void> {
    await this.d.update(id, (j) => ({
      ...j,
      status: 'cancelled',
      noteKey: j.step === 'capture' ? 'p2v:note.captureCancelled' : 'p2v:note.cancelled',
      capture: j.step === 'capture' ? undefined : j.capture,
      percent: undefined,
    }));
  }

  private must(id: string): P2vJob {
    const job = this.d.store.get(id);
    if (!job) throw new AppError('NOT_FOUND', `No P2V job ${id}`);
    return job;
  }
}

const failure = (message: string): IpcErrorShape => ({ code: 'INTERNAL', message });
