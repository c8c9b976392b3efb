import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import type { P2vJob } from '../../../../shared/features/p2v/p2v.contract';
import { AppError } from '../../../../shared/ipc/errors';
import type { LedgerEntry } from '../../../../shared/features/ledger/ledger.contract';
import type { Logger } from '../../app/logger';
import type { FeatureModule } from '../../platform/ipc/handlers';
import type { StateFiles } from '../../platform/documents/atomic-file';
import type { TaskService } from '../../platform/tasks/tasks.port';
import { P2vJobStore, type JobFiles } from './p2v-job-documents';
import type { PipelineTiming } from './p2v-pipeline';
import { systemClock, type Clock } from '../../platform/time/clock';
import type { OpenDetachedSession, SecretStore, Spawner } from '../../platform/sessions';
import type { HostScripts, ScriptRunner } from '../../platform/scripts/script-runner';
import { SourceSessions, sourceSecretKey } from './p2v-source-sessions';
import { labSourceEndpoint, localSourceEndpoint, processSourceRunner } from './p2v-runners';
import { captureFolderFor, P2vService } from './p2v.service';
import { createP2vFeature } from './p2v.handlers';

export interface P2vModuleDeps {
  dataDir: string;
  resourcesDir: string;
  pwsh: string;
  spawn: Spawner;
  files: StateFiles;
  /** Scripts on Hyper-V hosts (host-info, transfer, create-vm, vm-action). */
  hosts: Pick<HostScripts, 'on'>;
  tasks: TaskService;
  appendLedger(entry: LedgerEntry): void;
  emitChanged(id: string): void;
  log: Logger;
  timing?: Partial<PipelineTiming>;
  env?: NodeJS.ProcessEnv;
  /** Remote sources: sessions outside the host list (same transports and credentials as hosts) and the password store. */
  remote: { open: OpenDetachedSession; secrets: SecretStore; clock?: Clock };
}

export const defaultTiming: PipelineTiming = { pollMs: 2_000, stuckMs: 120_000, transferSliceSeconds: 3 };

export const nodeJobFiles = (files: StateFiles): JobFiles => ({
  ...files,
  async list(dir) {
    try {
      return await fsp.readdir(dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
  },
  remove: (file) => fsp.rm(file, { force: true }),
});

/** Seeds a lab source machine for a job with assets/lab/p2v/bin/new-source.ps1. */
export function labSourceSeeder(pwsh: string, resourcesDir: string, dataDir: string) {
  return (jobId: string, scenario: string) =>
    new Promise<void>((resolve, reject) => {
      const script = join(resourcesDir, 'assets', 'lab', 'p2v', 'bin', 'new-source.ps1');
      execFile(pwsh, ['-NoLogo', '-NoProfile', '-NonInteractive', '-File', script, '-Scenario', scenario, '-StateDir', labSourceDir(dataDir, jobId)], { timeout: 60_000 }, (err, _out, stderr) =>
        err ? reject(new AppError('INTERNAL', `could not seed the lab source: ${stderr || err.message}`)) : resolve(),
      );
    });
}

export const labSourceDir = (dataDir: string, jobId: string) => join(dataDir, 'p2v', 'lab-sources', jobId);

export async function createP2vModule(d: P2vModuleDeps): Promise<FeatureModule & { service: P2vService; sources: SourceSessions }> {
  const env = d.env ?? process.env;
  const runnerDeps = { pwsh: d.pwsh, resourcesDir: d.resourcesDir, spawn: d.spawn, appendLedger: d.appendLedger };
  const remote = new SourceSessions({
    open: d.remote.open,
    clock: d.remote.clock ?? systemClock,
    appendLedger: d.appendLedger,
    log: d.log,
    newId: randomUUID,
  });
  const sourceRunner = (job: P2vJob): ScriptRunner => {
    const source = job.source;
    if (source.kind === 'remote') return remote.runner(job.id, source);
    if (source.kind === 'lab') return processSourceRunner(runnerDeps, labSourceEndpoint(d.resourcesDir, labSourceDir(d.dataDir, job.id), job.id, env));
    return processSourceRunner(runnerDeps, localSourceEndpoint(job.id, env));
  };
  const service = new P2vService({
    store: new P2vJobStore(join(d.dataDir, 'p2v'), nodeJobFiles(d.files), d.log),
    tasks: d.tasks,
    sourceRunner,
    hosts: d.hosts,
    sourcePassword: (jobId, password) => (password === null ? d.remote.secrets.delete(sourceSecretKey(jobId)) : d.remote.secrets.set(sourceSecretKey(jobId), password)),
    releaseSource: (jobId) => remote.release(jobId),
    seedLabSource: labSourceSeeder(d.pwsh, d.resourcesDir, d.dataDir),
    removeJobFolder: (which, jobId) => fsp.rm(which === 'lab-source' ? labSourceDir(d.dataDir, jobId) : captureFolderFor(d.dataDir, jobId), { recursive: true, force: true }),
    defaultCaptureFolder: (jobId) => captureFolderFor(d.dataDir, jobId),
    emitChanged: d.emitChanged,
    timing: { ...defaultTiming, ...d.timing },
    log: d.log,
  });
  await service.init();
  const feature = createP2vFeature(service);
  return {
    ...feature,
    service,
    sources: remote,
    dispose: async () => {
      await feature.dispose?.();
      await remote.dispose();
    },
  };
}
