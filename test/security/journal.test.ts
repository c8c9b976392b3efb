import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTaskService } from '../../electron/main/features/tasks/tasks.feature';
import { nodeStateFiles } from '../../electron/main/platform/documents/atomic-file';
import type { TaskRecord } from '../../shared/features/tasks/tasks.contract';

const root = resolve(__dirname, '..', '..');
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** Runs the child until it says READY, then kills it with SIGKILL (no handler, no flush, no finally). */
function startAndKill(dataDir: string): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'support', 'journal-crash-child.ts'), dataDir], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`child never got ready\n${err}`));
    }, 30_000);
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      if (!d.toString().includes('READY')) return;
      child.kill('SIGKILL');
    });
    child.once('exit', (_code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL') done();
      else fail(new Error(`child exited by itself (${signal ?? _code})\n${err}`));
    });
  });
}

describe('tasks cut short by a crash', () => {
  it('after kill -9 mid-create, the next start reports the task interrupted and names the VM it made', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hd-journal-'));
    await startAndKill(dataDir);

    const tasks = await createTaskService({ dataDir, files: nodeStateFiles, log: quiet, emit: () => undefined });
    const list = tasks.list();
    expect(list).toHaveLength(1);
    const task = list[0]!;
    expect(task).toMatchObject({ kind: 'vm.create', status: 'interrupted', hostId: 'lab', vmName: 'APP-07', cancellable: false });
    expect(task.creates).toEqual([
      { kind: 'vm', hostId: 'lab', name: 'APP-07', vmId: '5f0c1d2e-0000-4000-8000-000000000007' },
      { kind: 'disk', hostId: 'lab', path: 'C:\\VMs\\APP-07.vhdx' },
    ]);
    // It is in the history now (a second restart shows it once, still interrupted) and the journal is empty.
    await tasks.dispose();
    expect(readFileSync(join(dataDir, 'tasks-journal.jsonl'), 'utf8')).toBe('');
    const again = await createTaskService({ dataDir, files: nodeStateFiles, log: quiet, emit: () => undefined });
    expect(again.list().map((r: TaskRecord) => [r.id, r.status])).toEqual([[task.id, 'interrupted']]);
    await again.dispose();
  }, 60_000);

  it('a task that finished normally is not reported, and its journal lines are closed', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hd-journal-'));
    const tasks = await createTaskService({ dataDir, files: nodeStateFiles, log: quiet, emit: () => undefined });
    const h = tasks.start({ kind: 'vm.create', titleKey: 'x', hostId: 'lab', vmName: 'B', cancellable: false, creates: [{ kind: 'vm', hostId: 'lab', name: 'B' }] }, async () => undefined);
    await h.done;
    await tasks.dispose();
    const lines = readFileSync(join(dataDir, 'tasks-journal.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { t: string });
    expect(lines.map((l) => l.t)).toEqual(['begin', 'end']);
    const next = await createTaskService({ dataDir, files: nodeStateFiles, log: quiet, emit: () => undefined });
    expect(next.list().map((r) => r.status)).toEqual(['succeeded']);
    await next.dispose();
  });
});
