import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { P2vJob } from '../../../shared/features/p2v/p2v.contract';
import { createLogger } from '../../../electron/main/app/logger';
import { nodeJobFiles } from '../../../electron/main/features/p2v/p2v.feature';
import { P2vJobStore } from '../../../electron/main/features/p2v/p2v-job-documents';
import { buildPlan } from '../../../electron/main/features/p2v/p2v-plan';
import { P2vService } from '../../../electron/main/features/p2v/p2v.service';
import { nodeStateFiles } from '../../../electron/main/platform/documents/atomic-file';
import { TaskHistory } from '../../../electron/main/platform/tasks/task-history';
import { TaskServiceImpl } from '../../../electron/main/platform/tasks/tasks.service';
import { biosFacts, fakeRunner, host } from './p2v-fixtures';

/** A job's end of life: status that follows its steps, the isolated switch offered for removal, removing the job. */
const dir = mkdtempSync(join(tmpdir(), 'p2v-life-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const log = createLogger('p2v-life-test');
let n = 0;

async function setup(answer: (script: string, args: Record<string, unknown>) => unknown = () => ({})) {
  const dataDir = join(dir, String(++n));
  const history = new TaskHistory(join(dataDir, 'tasks.jsonl'), nodeStateFiles, log);
  await history.load();
  const store = new P2vJobStore(join(dataDir, 'p2v'), nodeJobFiles(nodeStateFiles), log);
  const calls: Array<{ script: string; args: Record<string, unknown> }> = [];
  const removedFolders: string[] = [];
  const passwords: Array<[string, string | null]> = [];
  const runner = fakeRunner('a fake host', async (script, args) => {
    calls.push({ script, args });
    return { value: answer(script, args) };
  });
  const s = new P2vService({
    store,
    tasks: new TaskServiceImpl({ history, emit: () => undefined, log }),
    sourceRunner: () => runner,
    hosts: { on: () => runner },
    sourcePassword: async (id, p) => void passwords.push([id, p]),
    releaseSource: async () => undefined,
    seedLabSource: async () => undefined,
    removeJobFolder: async (which, id) => void removedFolders.push(`${which}:${id}`),
    defaultCaptureFolder: (id) => join(dataDir, 'p2v', 'captures', id),
    emitChanged: () => undefined,
    timing: { pollMs: 10, stuckMs: 1000, transferSliceSeconds: 1 },
    log,
  });
  await s.init();
  return { s, store, calls, removedFolders, passwords, dataDir };
}

/** A job whose VM exists (first boot done), as the pipeline leaves it. */
async function jobWithVm(x: Awaited<ReturnType<typeof setup>>, capturePath?: string): Promise<P2vJob> {
  const job = await x.s.create({ kind: 'lab', scenario: 'bios-mbr' });
  const plan = buildPlan(biosFacts(), { hostId: 'h', vmName: 'LEGACY-AP[P]' }, host, join(x.dataDir, 'p2v', 'captures', job.id));
  return x.store.update(job.id, (j) => ({
    ...j,
    status: 'waiting',
    step: 'checklist',
    completed: ['preflight', 'plan', 'capture', 'verify', 'transfer', 'create-vm', 'first-boot'],
    plan: capturePath ? { ...plan, capturePath } : plan,
    capture: { processId: 1, processStartTime: 't', commandLine: 'c', startedAt: 't', bytes: 1, lastGrowthAt: 't', stuck: false, endedAt: 't' },
    vm: { vmId: '11111111-1111-4111-8111-111111111111', name: 'LEGACY-AP[P]', generation: 1, state: 'Running', controllerType: 'IDE', secureBoot: null, secureBootTemplate: null, checkpointName: 'c', switchName: 'Hyperdesk P2V isolated', checkpoints: [] },
  }));
}

describe('P2V job status follows its steps', () => {
  it('waits for the operator until every checklist item is ticked, completes then, and reopens when one is unticked', async () => {
    const x = await setup();
    const job = await jobWithVm(x);
    const items = ['integration-services', 'vendor-agents', 'stale-drivers', 'ip-config', 'activation', 'production-network', 'delete-checkpoint'] as const;
    for (const item of items) expect((await x.s.checklist(job.id, item, true)).status).toBe('waiting');
    const done = await x.s.checklist(job.id, 'isolated-switch', true);
    expect(done.status).toBe('completed');
    expect(done.completed).toContain('checklist');
    const reopened = await x.s.checklist(job.id, 'activation', false);
    expect(reopened.status).toBe('waiting');
    expect(reopened.completed).not.toContain('checklist');
  });

  it('a job that is only planned is a draft, not running', async () => {
    const x = await setup();
    const job = await x.s.create({ kind: 'local' });
    const touched = await x.s.checklist(job.id, 'activation', true); // any write settles the status
    expect(touched.status).toBe('draft');
  });
});

describe('the isolated first-boot switch is offered for removal at the end', () => {
  it('removes it through the script by its exact name and ticks the item', async () => {
    const x = await setup((script) => (script === 'p2v/remove-isolated-switch' ? { found: 1, removed: 1, usedBy: [] } : {}));
    const job = await jobWithVm(x);
    const after = await x.s.vmAction(job.id, 'remove-isolated-switch');
    expect(x.calls.at(-1)).toEqual({ script: 'p2v/remove-isolated-switch', args: { SwitchName: 'Hyperdesk P2V isolated' } });
    expect(after.checklist['isolated-switch']).toBe(true);
  });

  it('refuses while another VM uses it, naming the VM, and leaves the item open', async () => {
    const x = await setup((script) => (script === 'p2v/remove-isolated-switch' ? { found: 1, removed: 0, usedBy: ['OTHER-P2V'] } : {}));
    const job = await jobWithVm(x);
    await expect(x.s.vmAction(job.id, 'remove-isolated-switch')).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('OTHER-P2V') });
    expect(x.s.get(job.id).checklist['isolated-switch']).toBeUndefined();
  });
});

describe('removing a P2V job', () => {
  it('removes the record and the lab source it owns, and keeps the captured image unless asked', async () => {
    const x = await setup();
    const job = await jobWithVm(x);
    expect(await x.s.remove(job.id)).toEqual({ removed: true, imageDeleted: false, leftBehind: [] });
    expect(x.removedFolders).toEqual([`lab-source:${job.id}`]);
    expect(() => x.s.get(job.id)).toThrow(/No P2V job/);
  });

  it('deletes the image when asked, from the app’s own capture folder only', async () => {
    const x = await setup();
    const own = await jobWithVm(x);
    expect((await x.s.remove(own.id, true)).imageDeleted).toBe(true);
    expect(x.removedFolders).toEqual([`capture:${own.id}`, `lab-source:${own.id}`]);

    const elsewhere = await jobWithVm(x, 'E:\\images\\SRV1.vhdx');
    await expect(x.s.remove(elsewhere.id, true)).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('E:\\images\\SRV1.vhdx') });
    expect(x.s.get(elsewhere.id).id).toBe(elsewhere.id); // nothing removed
  });

  it('forgets a remote source’s password, and refuses a running job', async () => {
    const x = await setup();
    const job = await x.s.create({ kind: 'remote', transport: 'ssh', address: 'pc1' }, 'pw');
    await x.s.remove(job.id);
    expect(x.passwords).toEqual([
      [job.id, 'pw'],
      [job.id, null],
    ]);
    const running = await x.s.create({ kind: 'local' });
    await x.store.update(running.id, (j) => ({ ...j, status: 'running' }));
    await expect(x.s.remove(running.id)).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});

describe('the plan’s processors and memory', () => {
  it('are the operator’s when given, shown in the PowerShell preview, and refused beyond the host', () => {
    const plan = buildPlan(biosFacts(), { hostId: 'h', vmName: 'X', processorCount: 3, memoryBytes: 3072 * 1024 ** 2 }, host, 'E:\\p2v');
    expect(plan).toMatchObject({ processorCount: 3, memoryBytes: 3072 * 1024 ** 2 });
    expect(plan.commands).toContain('Set-VM -VM $vm -ProcessorCount 3');
    expect(plan.commands.find((c) => c.startsWith('$vm = New-VM'))).toContain(`-MemoryStartupBytes ${3072 * 1024 ** 2}`);
    expect(() => buildPlan(biosFacts(), { hostId: 'h', vmName: 'X', processorCount: 5 }, host, '/c')).toThrow('Processors: 1 to 4 on this host');
    expect(() => buildPlan(biosFacts(), { hostId: 'h', vmName: 'X', memoryBytes: 32 * 1024 ** 3 }, host, '/c')).toThrow(/at most 16384 MB on this host/);
    expect(() => buildPlan(biosFacts(), { hostId: 'h', vmName: 'X', memoryBytes: 33 * 1024 ** 2 }, host, '/c')).toThrow(); // not a 2 MB step
  });

  it('quotes a hostile VM name in every command', () => {
    const name = "x‘; Remove-VM -VM $(Get-VM); '";
    const plan = buildPlan(biosFacts(), { hostId: 'h', vmName: name }, host, 'E:\\p2v');
    // Typographic and ASCII single quotes doubled: the whole name stays one literal.
    expect(plan.commands.find((c) => c.startsWith('$vm = New-VM'))).toContain("-Name 'x‘‘; Remove-VM -VM $(Get-VM); '''");
    expect(plan.commands.find((c) => c.startsWith('$vm = New-VM'))).toContain("-VHDPath 'D:\\Hyper-V\\Virtual Hard Disks\\x‘‘; Remove-VM -VM $(Get-VM); ''.vhdx'");
  });
});
