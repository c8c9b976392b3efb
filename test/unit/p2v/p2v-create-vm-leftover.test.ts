import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { z } from 'zod';
import type { P2vCreatedVm, P2vJob } from '../../../shared/features/p2v/p2v.contract';
import { createLogger } from '../../../electron/main/app/logger';
import { nodeJobFiles } from '../../../electron/main/features/p2v/p2v.feature';
import { P2vJobStore } from '../../../electron/main/features/p2v/p2v-job-documents';
import { buildPlan } from '../../../electron/main/features/p2v/p2v-plan';
import { P2vService } from '../../../electron/main/features/p2v/p2v.service';
import { nodeStateFiles } from '../../../electron/main/platform/documents/atomic-file';
import { TaskHistory } from '../../../electron/main/platform/tasks/task-history';
import { TaskJournal } from '../../../electron/main/platform/tasks/task-journal';
import { TaskServiceImpl } from '../../../electron/main/platform/tasks/tasks.service';
import { biosFacts, fakeRunner, host } from './p2v-fixtures';

/** P2V's create-vm step declares the VM it makes, as new-VM does, so a crash mid-create can offer its removal. */
const dir = mkdtempSync(join(tmpdir(), 'p2v-leftover-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const log = createLogger('p2v-leftover-test');
const VM_ID = '22222222-2222-4222-8222-222222222222';
const made: z.infer<typeof P2vCreatedVm> = { vmId: VM_ID, name: 'LEGACY-APP', generation: 1, state: 'Off', controllerType: 'IDE', secureBoot: null, secureBootTemplate: null, checkpointName: 'Before first boot', switchName: 'Hyperdesk P2V isolated' };

it('create-vm is journaled naming the VM before the script runs, and with its Id once the host returned it', async () => {
  const history = new TaskHistory(join(dir, 'tasks.jsonl'), nodeStateFiles, log);
  await history.load();
  const journalFile = join(dir, 'tasks-journal.jsonl');
  const journal = new TaskJournal(journalFile, nodeStateFiles, log);
  const tasks = new TaskServiceImpl({ history, journal, emit: () => undefined, log });
  const store = new P2vJobStore(join(dir, 'p2v'), nodeJobFiles(nodeStateFiles), log);

  // What a crash at a given moment would leave: a copy of the journal recovered by a fresh process.
  const recoveredNow = async (name: string) => {
    const copy = join(dir, `${name}.jsonl`);
    await journal.flush();
    copyFileSync(journalFile, copy);
    const [rec] = await new TaskJournal(copy, nodeStateFiles, log).recover(new Set());
    return rec;
  };

  let beforeScript: Awaited<ReturnType<typeof recoveredNow>>;
  let afterScript: Awaited<ReturnType<typeof recoveredNow>>;
  let answered = false;
  const runner = fakeRunner('a fake host', async (script) => {
    if (script !== 'p2v/create-vm') return { value: {} };
    beforeScript = await recoveredNow('before-script');
    answered = true;
    return { value: made };
  });
  const s = new P2vService({
    store,
    tasks,
    sourceRunner: () => runner,
    hosts: { on: () => runner },
    sourcePassword: async () => undefined,
    releaseSource: async () => undefined,
    seedLabSource: async () => undefined,
    removeJobFolder: async () => undefined,
    defaultCaptureFolder: (id) => join(dir, 'p2v', 'captures', id),
    emitChanged: () => undefined,
    timing: { pollMs: 10, stuckMs: 1000, transferSliceSeconds: 1 },
    log,
  });
  await s.init();
  // The first job write after the host answered: the moment just before the job records its VM.
  const update = store.update.bind(store);
  store.update = async (id: string, change: (job: P2vJob) => P2vJob) => {
    if (answered && !afterScript) afterScript = await recoveredNow('after-script');
    return update(id, change);
  };

  const job = await s.create({ kind: 'lab', scenario: 'bios-mbr' });
  const plan = buildPlan(biosFacts(), { hostId: 'h', vmName: 'LEGACY-APP' }, host, join(dir, 'p2v', 'captures', job.id));
  await store.update(job.id, (j) => ({ ...j, status: 'draft', step: 'create-vm', completed: ['preflight', 'plan', 'capture', 'verify', 'transfer'], plan }));
  await s.start(job.id);
  await expect.poll(() => s.get(job.id).step, { timeout: 5000 }).toBe('first-boot');

  expect(beforeScript!).toMatchObject({ kind: 'p2v.create-vm', status: 'interrupted', creates: [{ kind: 'vm', hostId: 'h', name: 'LEGACY-APP' }] });
  expect(beforeScript!.creates![0]!.vmId).toBeUndefined();
  // With the Id the interrupted-task note offers "Remove leftover VM" (it removes by Id only).
  expect(afterScript!).toMatchObject({ kind: 'p2v.create-vm', status: 'interrupted', creates: [{ kind: 'vm', hostId: 'h', name: 'LEGACY-APP', vmId: VM_ID }] });
  const finished = tasks.list().find((t) => t.kind === 'p2v.create-vm');
  expect(finished).toMatchObject({ status: 'succeeded', creates: [{ kind: 'vm', vmId: VM_ID }] });
});
