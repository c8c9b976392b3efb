import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PreflightFacts } from '../../../shared/features/p2v/p2v.contract';
import { createLogger } from '../../../electron/main/app/logger';
import { nodeJobFiles } from '../../../electron/main/features/p2v/p2v.feature';
import { P2vJobStore } from '../../../electron/main/features/p2v/p2v-job-documents';
import type { ScriptRunner } from '../../../electron/main/platform/scripts/script-runner';
import { P2vService } from '../../../electron/main/features/p2v/p2v.service';
import { nodeStateFiles } from '../../../electron/main/platform/documents/atomic-file';
import { TaskHistory } from '../../../electron/main/platform/tasks/task-history';
import { TaskServiceImpl } from '../../../electron/main/platform/tasks/tasks.service';
import { biosFacts, fakeRunner } from './p2v-fixtures';

const dir = mkdtempSync(join(tmpdir(), 'p2v-svc-d2v-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const log = createLogger('p2v-svc-test');

/** A source whose Disk2vhd appears once copy-disk2vhd.ps1 commits (the fake keeps the bytes). */
function fakeSource() {
  let partial = Buffer.alloc(0);
  let installed: Buffer | null = null;
  const scripts: string[] = [];
  const call = fakeRunner('a fake source', async (script, args) => {
    scripts.push(`${script}:${String(args.Action ?? '')}`);
    if (script === 'p2v/preflight') {
      const d2v = installed ? { present: true, path: 'C:\\ProgramData\\Hyperdesk\\disk2vhd64.exe', version: '2.3' } : { present: false, path: null, version: null };
      return { value: biosFacts({ disk2vhd: d2v }) satisfies PreflightFacts };
    }
    if (args.Action === 'append') {
      partial = Buffer.concat([partial.subarray(0, Number(args.Offset)), Buffer.from(String(args.Data), 'base64')]);
      return { value: { action: 'append', bytes: partial.length } };
    }
    if (args.Action === 'commit') {
      installed = partial;
      return { value: { action: 'commit', path: 'C:\\ProgramData\\Hyperdesk\\disk2vhd64.exe', bytes: partial.length, sha256: createHash('sha256').update(partial).digest('hex') } };
    }
    return { value: { action: 'discard', discarded: true } };
  });
  return { call, scripts, installed: () => installed };
}

async function service(sub: string, call: ScriptRunner) {
  const dataDir = join(dir, sub);
  const history = new TaskHistory(join(dataDir, 'tasks.jsonl'), nodeStateFiles, log);
  await history.load();
  const store = new P2vJobStore(join(dataDir, 'p2v'), nodeJobFiles(nodeStateFiles), log);
  const s = new P2vService({
    store,
    tasks: new TaskServiceImpl({ history, emit: () => undefined, log }),
    sourceRunner: () => call,
    hosts: { on: () => call },
    sourcePassword: async () => undefined,
    releaseSource: async () => undefined,
    seedLabSource: async () => undefined,
    removeJobFolder: async () => undefined,
    defaultCaptureFolder: () => '/captures',
    emitChanged: () => undefined,
    timing: { pollMs: 10, stuckMs: 1000, transferSliceSeconds: 1 },
    log,
  });
  await s.init();
  return { s, store };
}

const until = async (pred: () => boolean) => {
  const deadline = Date.now() + 5000;
  while (!pred()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('P2vService: copying Disk2vhd', () => {
  it('copies, then runs the preflight again: the Disk2vhd block becomes a pass', async () => {
    const src = fakeSource();
    const { s } = await service('a', src.call);
    const job = await s.create({ kind: 'local' });
    const pre = await s.preflight(job.id, '/captures');
    expect(pre.preflight?.findings.find((f) => f.id === 'disk2vhd')?.level).toBe('block');
    const exe = join(dir, 'disk2vhd64.exe');
    const bytes = Buffer.alloc(600_000, 7);
    writeFileSync(exe, bytes);
    await s.copyDisk2vhd(job.id, exe);
    await until(() => s.get(job.id).preflight!.at !== pre.preflight!.at);
    const done = s.get(job.id);
    expect(done.disk2vhdCopy).toMatchObject({ state: 'done', copiedBytes: 600_000, destination: 'C:\\ProgramData\\Hyperdesk\\disk2vhd64.exe' });
    expect(src.installed()?.equals(bytes)).toBe(true);
    expect(done.preflight?.findings.find((f) => f.id === 'disk2vhd')).toMatchObject({ level: 'pass', values: { version: '2.3' } });
    expect(done.preflight?.blocked).toBe(false);
    expect(src.scripts).toEqual(['p2v/preflight:', 'p2v/copy-disk2vhd:append', 'p2v/copy-disk2vhd:append', 'p2v/copy-disk2vhd:commit', 'p2v/preflight:']);
  });

  it('refuses a copy once the job has captured; a copy left running by a crash is marked failed on start', async () => {
    const src = fakeSource();
    const { s, store } = await service('b', src.call);
    const job = await s.create({ kind: 'local' });
    await store.update(job.id, (j) => ({ ...j, step: 'verify', capture: { processId: 1, processStartTime: 'x', commandLine: 'x', startedAt: 'x', bytes: 0, lastGrowthAt: 'x', stuck: false } }));
    await expect(s.copyDisk2vhd(job.id, join(dir, 'disk2vhd64.exe'))).rejects.toMatchObject({ code: 'CONFLICT' });

    const other = await s.create({ kind: 'local' });
    await store.update(other.id, (j) => ({ ...j, disk2vhdCopy: { state: 'running', fileName: 'disk2vhd64.exe', totalBytes: 10, copiedBytes: 5, sha256: 'x', destination: null, startedAt: 'x' } }));
    const { s: restarted } = await service('b', src.call);
    expect(restarted.get(other.id).disk2vhdCopy).toMatchObject({ state: 'failed', error: { message: 'The app stopped during the copy' } });
    // Not running any more: the wizard is usable again.
    await expect(restarted.preflight(other.id, '/captures')).resolves.toMatchObject({ id: other.id });
  });
});
