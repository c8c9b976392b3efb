import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import {
  type ChecklistItem,
  type P2vVmAction,
  type P2vDisk2vhdCopy,
  type P2vJob,
  type P2vPlanInput,
  type P2vSource,
  type StepName,
} from '../../../../shared/features/p2v/p2v.contract';
import { AppError } from '../../../../shared/ipc/errors';
import type { Logger } from '../../app/logger';
import type { TaskService } from '../../platform/tasks/tasks.port';
import { isoNow, systemClock, type Clock } from '../../platform/time/clock';
import type { HostScripts, ScriptAnswer, ScriptRunner } from '../../platform/scripts/script-runner';
import { copyDisk2vhdToSource, readDisk2vhdFile, type LocalFiles } from './p2v-disk2vhd-copy';
import { isBlocked, preflightFindings } from './p2v-findings';
import type { P2vJobStore } from './p2v-job-documents';
import { buildPlan, type HostInfo } from './p2v-plan';
import { P2vPipeline, withLedgerId, type PipelineTiming } from './p2v-pipeline';
import { hostInfoScript, preflightScript, vmActionScript } from './p2v.scripts';
import { removeIsolatedSwitchScript } from './p2v-isolated-switch';
import { settleJob } from './p2v-status';
import { isAbsolute, relative } from 'node:path';

export interface P2vServiceDeps {
  store: P2vJobStore;
  tasks: TaskService;
  /** Runs P2V scripts on the job's source machine (process or session; answers validated, calls ledgered). */
  sourceRunner(job: P2vJob): ScriptRunner;
  /** Runs P2V scripts on Hyper-V hosts through their sessions. */
  hosts: Pick<HostScripts, 'on'>;
  /** Keeps a remote source's password in the SecretStore (keyed by job), or forgets it (null). */
  sourcePassword(jobId: string, password: string | null): Promise<void>;
  /** Closes the job's source session, if it has one (job removed or service disposed). */
  releaseSource(jobId: string): Promise<void>;
  /** Deletes a folder the app made for the job: its lab source, or its capture folder (with the image in it). */
  removeJobFolder(which: 'lab-source' | 'capture', jobId: string): Promise<void>;
  /** Seeds the lab source of a job (lab sources only). */
  seedLabSource(jobId: string, scenario: string): Promise<void>;
  /** The folder the lab source captures into by default. */
  defaultCaptureFolder(jobId: string): string;
  emitChanged(id: string): void;
  timing: PipelineTiming;
  log: Logger;
  newId?: () => string;
  /** Reads the Disk2vhd the user points at (tests substitute it; default: the local file system). */
  localFiles?: LocalFiles;
  /** Stamps job times and waits between capture polls (tests pass a ManualClock). */
  clock?: Clock;
}

const stepOrder: StepName[] = ['preflight', 'plan', 'capture', 'verify', 'transfer', 'create-vm', 'first-boot', 'checklist'];

/**
 * The P2V wizard's main side: a persisted job per conversion, moved step by step. Short steps (preflight,
 * plan, VM actions) run inline; the long ones (capture, verify, transfer, create VM) run as tasks in the
 * pipeline. On start every job that was running resumes from its last completed step.
 */
export class P2vService {
  readonly pipeline: P2vPipeline;
  private readonly newId: () => string;
  private readonly clock: Clock;

  constructor(private readonly d: P2vServiceDeps) {
    this.newId = d.newId ?? (() => randomUUID());
    this.clock = d.clock ?? systemClock;
    this.pipeline = new P2vPipeline({ ...d, update: (id, fn) => this.update(id, fn) });
  }

  async init(): Promise<void> {
    await this.d.store.load();
    for (const job of this.d.store.all()) {
      if (job.disk2vhdCopy?.state === 'running') {
        // The app stopped mid-copy: the next copy starts over (and sweeps the partial file on the source).
        await this.updateCopy(job.id, { state: 'failed', error: { code: 'CANCELLED', message: 'The app stopped during the copy' } });
      }
      if (job.status !== 'running') continue;
      this.d.log.info(`p2v: resuming job ${job.id} at ${job.step}`);
      this.pipeline.run(job.id);
    }
  }

  list(): P2vJob[] {
    return this.d.store.all();
  }

  get(id: string): P2vJob {
    const job = this.d.store.get(id);
    if (!job) throw new AppError('NOT_FOUND', `No P2V job ${id}`);
    return job;
  }

  async create(source: P2vSource, password?: string): Promise<P2vJob> {
    const id = this.newId();
    if (source.kind === 'lab') await this.d.seedLabSource(id, source.scenario);
    if (source.kind === 'remote' && password) await this.d.sourcePassword(id, password);
    const now = isoNow(this.clock);
    const job = await this.d.store.put({
      id,
      version: 1,
      createdAt: now,
      updatedAt: now,
      source,
      sourceLabel: sourceLabel(source),
      status: 'draft',
      step: 'preflight',
      completed: [],
      checklist: {},
      ledgerIds: [],
    });
    this.d.emitChanged(id);
    return job;
  }

  async preflight(id: string, targetFolder: string, signal?: AbortSignal): Promise<P2vJob> {
    const job = this.get(id);
    this.assertIdle(job);
    const folder = targetFolder || (job.source.kind === 'lab' ? this.d.defaultCaptureFolder(id) : '');
    const res = await this.d.sourceRunner(job).run(preflightScript, { TargetPath: folder }, { signal });
    const facts = res.value;
    const findings = preflightFindings(facts);
    const blocked = isBlocked(findings);
    return this.update(id, (j) => ({
      ...withLedger(j, res),
      preflight: { facts, findings, blocked, at: isoNow(this.clock) },
      status: blocked ? 'blocked' : 'draft',
      step: blocked ? 'preflight' : 'plan',
      completed: blocked ? [] : ['preflight'],
      noteKey: blocked ? 'p2v:note.blocked' : undefined,
      plan: undefined,
    }));
  }

  /**
   * Copies a Disk2vhd from this machine to the source (validated here, sent in chunks as a cancellable task),
   * then runs the preflight again so the Disk2vhd finding reflects it. Returns at once with the copy running.
   */
  async copyDisk2vhd(id: string, localPath: string): Promise<P2vJob> {
    const job = this.get(id);
    this.assertIdle(job);
    // Replacing Disk2vhd (and re-running the preflight) would discard a capture already made with it.
    if (job.capture || stepOrder.indexOf(job.step) > stepOrder.indexOf('capture')) throw new AppError('CONFLICT', 'This job has already captured with Disk2vhd; start a new conversion to use another one');
    const file = await readDisk2vhdFile(localPath, this.d.localFiles);
    const startedAt = this.clock.now();
    await this.update(id, (j) => ({
      ...j,
      disk2vhdCopy: { state: 'running', fileName: file.fileName, totalBytes: file.bytes.length, copiedBytes: 0, sha256: file.sha256, destination: null, startedAt: new Date(startedAt).toISOString() },
    }));
    const handle = this.d.tasks.start(
      { kind: 'p2v.copy-disk2vhd', titleKey: 'p2v:task.copyDisk2vhd', titleValues: { name: this.get(id).preflight?.facts.computerName ?? job.sourceLabel }, cancellable: true },
      async (ctx) => {
        const res = await copyDisk2vhdToSource(this.d.sourceRunner(this.get(id)), file, {
          signal: ctx.signal,
          progress: async (copied) => {
            ctx.progress(Math.floor((copied / file.bytes.length) * 100));
            await this.updateCopy(id, { copiedBytes: copied });
          },
          called: async (r) => {
            if (!r.ledgerId) return;
            ctx.addLedgerId(r.ledgerId);
            await this.update(id, (j) => withLedger(j, r));
          },
          cleanupFailed: (err) => this.d.log.error(`p2v: could not remove the partial Disk2vhd copy of job ${id}`, err),
        });
        await this.updateCopy(id, { destination: res.path, copiedBytes: res.bytes });
      },
    );
    const updated = await this.updateCopy(id, { taskId: handle.id });
    void handle.done.then(async (record) => {
      const state = record.status === 'succeeded' ? 'done' : record.status === 'cancelled' ? 'cancelled' : 'failed';
      await this.updateCopy(id, { state, durationMs: this.clock.now() - startedAt, ...(state === 'failed' ? { error: record.error ?? { code: 'INTERNAL', message: 'The copy failed' } } : {}) });
      if (state !== 'done') return;
      this.d.log.info(`p2v: Disk2vhd (${file.bytes.length} bytes) copied to the source of job ${id} in ${this.clock.now() - startedAt} ms`);
      const current = this.get(id);
      await this.preflight(id, current.preflight?.facts.target.path ?? '');
    }).catch((err: unknown) => {
      this.d.log.error(`p2v: after the Disk2vhd copy of job ${id}`, err);
      return this.update(id, (j) => ({ ...j, error: { code: err instanceof AppError ? err.code : 'INTERNAL', message: `The preflight after the copy failed: ${err instanceof Error ? err.message : String(err)}` } })).catch((e: unknown) =>
        this.d.log.error(`p2v: could not record the failure of job ${id}`, e),
      );
    });
    return updated;
  }

  async plan(id: string, input: P2vPlanInput, signal?: AbortSignal): Promise<P2vJob> {
    const job = this.get(id);
    this.assertIdle(job);
    if (!job.preflight || job.preflight.blocked) throw new AppError('CONFLICT', 'Run a preflight without blocking findings first');
    // The app's own data folder means nothing on another machine: a remote source needs a folder it can write to.
    if (job.source.kind === 'remote' && !input.targetFolder?.trim()) {
      throw new AppError('VALIDATION', 'Choose a capture folder for a remote source: a share on the Hyper-V host or a folder on the source');
    }
    const res = await this.d.hosts.on(input.hostId).run(hostInfoScript, {}, { signal });
    const host: HostInfo = res.value;
    const plan = buildPlan(job.preflight.facts, input, host, this.d.defaultCaptureFolder(id));
    return this.update(id, (j) => ({ ...withLedger(j, res), plan, step: 'capture', completed: ['preflight', 'plan'], status: 'draft' }));
  }

  async start(id: string): Promise<P2vJob> {
    const job = this.get(id);
    this.assertIdle(job);
    if (!job.plan || stepOrder.indexOf(job.step) < stepOrder.indexOf('capture')) throw new AppError('CONFLICT', 'Plan the capture first');
    if (stepOrder.indexOf(job.step) > stepOrder.indexOf('create-vm')) throw new AppError('CONFLICT', 'This job has already created its VM');
    const updated = await this.update(id, (j) => ({ ...j, status: 'running', error: undefined, noteKey: undefined }));
    this.pipeline.run(id);
    return updated;
  }

  async cancel(id: string): Promise<P2vJob> {
    const job = this.get(id);
    const copy = job.disk2vhdCopy;
    if (copy?.state === 'running' && copy.taskId) {
      this.d.tasks.cancel(copy.taskId);
      return job;
    }
    if (job.status !== 'running') throw new AppError('CONFLICT', 'Only a running job can be cancelled');
    await this.pipeline.cancel(id);
    return this.get(id);
  }

  async vmAction(id: string, action: P2vVmAction, signal?: AbortSignal): Promise<P2vJob> {
    if (action === 'remove-isolated-switch') return this.removeIsolatedSwitch(id, signal);
    const job = this.get(id);
    if (!job.vm || !job.plan) throw new AppError('CONFLICT', 'The VM has not been created yet');
    if (action === 'production' && !job.plan.productionSwitch) throw new AppError('VALIDATION', 'No production switch was chosen in the plan');
    const res = await this.d.hosts
      .on(job.plan.hostId)
      .run(
        vmActionScript,
        { VmId: job.vm.vmId, Action: action, ...(job.vm.checkpointId ? { CheckpointId: job.vm.checkpointId } : {}), CheckpointName: job.vm.checkpointName, SwitchName: job.plan.productionSwitch },
        { signal },
      );
    const v = res.value;
    return this.update(id, (j) => {
      const vm = j.vm ? { ...j.vm, state: v.state, switchName: v.switchName, checkpoints: v.checkpoints } : j.vm;
      const checklist = { ...j.checklist };
      if (action === 'production') checklist['production-network'] = true;
      if (action === 'remove-checkpoint') checklist['delete-checkpoint'] = true;
      const firstBootDone = action === 'start' && !j.completed.includes('first-boot');
      return {
        ...withLedger(j, res),
        vm,
        checklist,
        ...(firstBootDone ? { completed: [...j.completed, 'first-boot' as const], step: 'checklist' as const } : {}),
      };
    });
  }

  async checklist(id: string, item: ChecklistItem, done: boolean): Promise<P2vJob> {
    this.get(id);
    return this.update(id, (j) => {
      const checklist = { ...j.checklist, [item]: done };
      // Completion (and un-completion) follows from the checklist in settleJob, on every write.
      return { ...j, checklist };
    });
  }

  /**
   * Removes a job that is not running, with what the app made for it: the job record, its source session, its
   * stored password and its lab source. The captured image stays unless asked, and then only from the app's own
   * capture folder (an image elsewhere is in a folder the user chose). What could not be removed is returned,
   * never hidden.
   */
  async remove(id: string, deleteImage = false): Promise<{ removed: boolean; imageDeleted: boolean; leftBehind: LeftBehind[] }> {
    const job = this.get(id);
    this.assertIdle(job);
    const ownFolder = this.d.defaultCaptureFolder(id);
    const image = job.plan?.capturePath;
    if (deleteImage && !(image && isWithin(ownFolder, image))) {
      throw new AppError('VALIDATION', image ? `The captured image is in a folder you chose (${image}): delete it there` : 'This job has no captured image');
    }
    // The image first: if it cannot go, the job stays and says so.
    if (deleteImage) await this.d.removeJobFolder('capture', id);
    const removed = await this.d.store.remove(id);
    const leftBehind: LeftBehind[] = [];
    const attempt = async (what: LeftBehind, fn: () => Promise<void>) => {
      try {
        await fn();
      } catch (err) {
        this.d.log.error(`p2v: removing job ${id}: could not remove ${what}`, err);
        leftBehind.push(what);
      }
    };
    await attempt('source-session', () => this.d.releaseSource(id));
    if (job.source.kind === 'remote') await attempt('password', () => this.d.sourcePassword(id, null));
    if (job.source.kind === 'lab') await attempt('lab-source', () => this.d.removeJobFolder('lab-source', id));
    this.d.emitChanged(id);
    return { removed, imageDeleted: deleteImage, leftBehind };
  }

  /**
   * The checklist's last item: the isolated first-boot switch goes when no VM uses it any more (the script
   * checks by the switch's Id and removes the object). Still in use: CONFLICT naming the VMs, nothing removed.
   */
  private async removeIsolatedSwitch(id: string, signal?: AbortSignal): Promise<P2vJob> {
    const job = this.get(id);
    if (!job.vm || !job.plan) throw new AppError('CONFLICT', 'The VM has not been created yet');
    const res = await this.d.hosts.on(job.plan.hostId).run(removeIsolatedSwitchScript, { SwitchName: job.plan.isolatedSwitch }, { signal });
    const { usedBy } = res.value;
    if (usedBy.length > 0) {
      await this.update(id, (j) => withLedger(j, res));
      throw new AppError('CONFLICT', `The switch ${job.plan.isolatedSwitch} is still used by ${usedBy.join(', ')}: move ${usedBy.length === 1 ? 'it' : 'them'} to another switch first`);
    }
    return this.update(id, (j) => ({ ...withLedger(j, res), checklist: { ...j.checklist, 'isolated-switch': true } }));
  }

  async dispose(): Promise<void> {
    this.pipeline.dispose();
  }

  private assertIdle(job: P2vJob) {
    if (job.status === 'running') throw new AppError('CONFLICT', 'The job is running: cancel it or wait for it to finish');
    if (job.disk2vhdCopy?.state === 'running') throw new AppError('CONFLICT', 'Disk2vhd is being copied to the source: wait for it or cancel it');
  }

  /** Patches the job's Disk2vhd copy record (a job without one is left as it is). */
  private updateCopy(id: string, patch: Partial<P2vDisk2vhdCopy>): Promise<P2vJob> {
    return this.update(id, (j) => ({ ...j, disk2vhdCopy: j.disk2vhdCopy && { ...j.disk2vhdCopy, ...patch } }));
  }

  private async update(id: string, fn: (j: P2vJob) => P2vJob): Promise<P2vJob> {
    const job = await this.d.store.update(id, (j) => settleJob(fn(j)));
    this.d.emitChanged(id);
    return job;
  }
}

function sourceLabel(source: P2vSource): string {
  if (source.kind === 'lab') return `lab:${source.scenario}`;
  if (source.kind === 'local') return 'this machine';
  const port = source.port ? `:${source.port}` : '';
  return `${source.transport}://${source.userName ? `${source.userName}@` : ''}${source.address}${port}`;
}

export function withLedger(job: P2vJob, res: Pick<ScriptAnswer<unknown>, 'ledgerId'>): P2vJob {
  return withLedgerId(job, res.ledgerId);
}

/** What a removal could not clean up (the renderer words it). */
type LeftBehind = 'source-session' | 'password' | 'lab-source';

function isWithin(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

export const captureFolderFor = (dataDir: string, jobId: string) => join(dataDir, 'p2v', 'captures', jobId);
