import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { LedgerEntry } from '../../../shared/features/ledger/ledger.contract';
import type { P2vJob } from '../../../shared/features/p2v/p2v.contract';
import { randomUUID } from 'node:crypto';
import { createLogger, type Logger } from '../../../electron/main/app/logger';
import { SourceSessions, sourceSecretKey } from '../../../electron/main/features/p2v/p2v-source-sessions';
import { AgentHub } from '../../../electron/main/platform/sessions/agent-hub';
import { systemClock } from '../../../electron/main/platform/time/clock';
import { defaultSessionTiming, detachedSessions } from '../../../electron/main/platform/sessions';
import { MemorySecretStore } from '../../../electron/main/platform/sessions/secret-store';
import { ScriptLibrary } from '../../../electron/main/platform/powershell/script-library';
import { labSourceDir, labSourceSeeder, nodeJobFiles } from '../../../electron/main/features/p2v/p2v.feature';
import { P2vJobStore } from '../../../electron/main/features/p2v/p2v-job-documents';
import type { PipelineTiming } from '../../../electron/main/features/p2v/p2v-pipeline';
import { labSourceEndpoint, processSourceRunner } from '../../../electron/main/features/p2v/p2v-runners';
import { captureFolderFor, P2vService } from '../../../electron/main/features/p2v/p2v.service';
import { nodeSpawner } from '../../../electron/main/platform/powershell/spawner';
import { nodeStateFiles } from '../../../electron/main/platform/documents/atomic-file';
import { TaskHistory } from '../../../electron/main/platform/tasks/task-history';
import { TaskServiceImpl } from '../../../electron/main/platform/tasks/tasks.service';

export const repoRoot = resolve(__dirname, '..', '..', '..');
export const pwsh = 'pwsh';

/** A lab Hyper-V host (state folder) and a data folder; services are built over them, possibly twice (restart). */
export class P2vHarness {
  readonly dir = mkdtempSync(join(tmpdir(), 'hd-p2v-'));
  readonly dataDir = join(this.dir, 'data');
  readonly hostState: string;
  readonly ledger: LedgerEntry[] = [];
  readonly secrets = new MemorySecretStore();
  private services: P2vService[] = [];
  private hub: AgentHub | undefined;
  private remote: SourceSessions | undefined;

  /** resourcesDir: where the P2V scripts and the lab come from (a test may swap one script for a faulty one). */
  constructor(
    readonly sourceEnv: NodeJS.ProcessEnv = {},
    readonly resourcesDir: string = repoRoot,
  ) {
    const out = execFileSync(pwsh, ['-NoProfile', '-NonInteractive', '-File', join(repoRoot, 'assets/lab/bin/new-lab.ps1'), '-StateRoot', join(this.dir, 'hosts'), '-Scenario', 'empty'], { encoding: 'utf8' });
    this.hostState = (JSON.parse(out.trim().split('\n').pop()!) as { stateDir: string }[])[0]!.stateDir;
  }

  hostEnv(): NodeJS.ProcessEnv {
    return { ...process.env, PSModulePath: [join(repoRoot, 'assets/lab/modules'), process.env.PSModulePath].filter(Boolean).join(':'), HYPERDESK_LAB_STATE: this.hostState };
  }

  async service(timing: Partial<PipelineTiming> = {}): Promise<P2vService> {
    const log = createLogger('p2v-test');
    const history = new TaskHistory(join(this.dataDir, 'tasks.jsonl'), nodeStateFiles, log);
    await history.load();
    const tasks = new TaskServiceImpl({ history, emit: () => undefined, log });
    const runnerDeps = { pwsh, resourcesDir: this.resourcesDir, spawn: nodeSpawner, appendLedger: (e: LedgerEntry) => this.ledger.push(e) };
    const env = { ...process.env, ...this.sourceEnv };
    const service = new P2vService({
      store: new P2vJobStore(join(this.dataDir, 'p2v'), nodeJobFiles(nodeStateFiles), log),
      tasks,
      sourceRunner: (job: P2vJob) =>
        job.source.kind === 'remote'
          ? this.sources(log).runner(job.id, job.source)
          : processSourceRunner(runnerDeps, labSourceEndpoint(this.resourcesDir, labSourceDir(this.dataDir, job.id), job.id, env)),
      sourcePassword: async (jobId, password) => (password === null ? this.secrets.delete(sourceSecretKey(jobId)) : this.secrets.set(sourceSecretKey(jobId), password)),
      releaseSource: (jobId) => this.sources(log).release(jobId),
      // The lab host through a process per call: the same scripts and answer checks as a session, without one.
      hosts: { on: () => processSourceRunner(runnerDeps, { ledgerHostId: 'lab', where: 'lab host', env: this.hostEnv(), labEnter: null }) },
      seedLabSource: labSourceSeeder(pwsh, this.resourcesDir, this.dataDir),
      removeJobFolder: (which, jobId) => rm(which === 'lab-source' ? labSourceDir(this.dataDir, jobId) : captureFolderFor(this.dataDir, jobId), { recursive: true, force: true }),
      defaultCaptureFolder: (id) => captureFolderFor(this.dataDir, id),
      emitChanged: () => undefined,
      timing: { pollMs: 300, stuckMs: 60_000, transferSliceSeconds: 1, ...timing },
      log,
    });
    await service.init();
    this.services.push(service);
    return service;
  }

  /** Runs PowerShell against the lab host directly (Hyper-V's own view, nothing of ours in between). */
  onHost(command: string): string {
    const r = spawnSync(pwsh, ['-NoProfile', '-NonInteractive', '-Command', command], { env: this.hostEnv(), encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`host command failed: ${r.stderr}`);
    return r.stdout.trim();
  }

  async waitFor(service: P2vService, id: string, pred: (j: P2vJob) => boolean, timeoutMs = 90_000): Promise<P2vJob> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const job = service.get(id);
      if (pred(job)) return job;
      if (Date.now() > deadline) throw new Error(`timed out; job is ${job.status} at ${job.step}: ${JSON.stringify(job.error ?? job.noteKey)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** Remote sources: the session layer's pieces (agent hub, script library, secrets), built on first use. */
  sources(log: Logger): SourceSessions {
    if (!this.remote) {
      this.hub = new AgentHub({
        spawner: nodeSpawner,
        pwshPath: pwsh,
        agentScriptPath: join(repoRoot, 'electron/main/platform/powershell/agent/hyperdesk-agent.ps1'),
        labModulesDir: join(repoRoot, 'assets/lab/modules'),
        baseEnv: { ...process.env },
        log,
      });
      this.remote = new SourceSessions({
        open: detachedSessions({ hub: this.hub, library: new ScriptLibrary(repoRoot), secrets: this.secrets, clock: systemClock, timing: defaultSessionTiming, log }),
        clock: systemClock,
        appendLedger: (e) => this.ledger.push(e),
        log,
        newId: randomUUID,
      });
    }
    return this.remote;
  }

  async dispose(): Promise<void> {
    for (const s of this.services) await s.dispose();
    await this.remote?.dispose();
    await this.hub?.dispose();
    // Stand-ins a test left running (a stalled capture) are stopped by the tests themselves; the folder goes.
    if (existsSync(this.dir)) rmSync(this.dir, { recursive: true, force: true });
  }
}

export function qemuCheck(path: string): { ok: boolean; out: string } {
  const r = spawnSync('qemu-img', ['check', path], { encoding: 'utf8' });
  return { ok: r.status === 0, out: r.stdout + r.stderr };
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
