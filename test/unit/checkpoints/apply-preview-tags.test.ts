import { describe, expect, it } from 'vitest';
import { createCheckpointsModule } from '../../../electron/main/features/checkpoints/checkpoints.feature';
import { createInventoryFeature } from '../../../electron/main/features/inventory/inventory.feature';
import { tagMatesOf } from '../../../electron/main/features/inventory/tag-mates';
import { EventBus } from '../../../electron/main/platform/ipc/event-bus';
import type { CallContext } from '../../../electron/main/platform/ipc/handlers';
import { TaskHistory } from '../../../electron/main/platform/tasks/task-history';
import { TaskServiceImpl } from '../../../electron/main/platform/tasks/tasks.service';
import { ManualClock } from '../../support/manual-clock';
import { fakeHostScripts, memFiles, quiet, vm } from '../inventory/fakes';
import { cp, gid } from './checkpoint-fixtures';

const WEB = gid('web1');
const DB = gid('db1');
const ctx: CallContext = { signal: new AbortController().signal, clientId: 'test' };

/** The two features wired as compose.ts wires them, over one fake HostScripts that counts every host call. */
async function setup() {
  const hosts = fakeHostScripts((c) => {
    if (c.script === 'inventory/get-inventory') return { vms: c.hostId === 'h1' ? [vm(WEB, { name: 'WEB1' })] : [vm(DB, { name: 'DB1' })] };
    if (c.script === 'checkpoints/get-checkpoint-tree') {
      return { vm: { id: WEB, name: 'WEB1', state: 'Running', parentCheckpointId: gid('B'), parentCheckpointName: 'B', checkpointType: 'Production' }, checkpoints: [cp('A', null), cp('B', 'A')], disks: [], guest: { productType: 3, osName: null, fqdn: null } };
    }
    throw new Error(`unexpected ${c.script}`);
  }, ['h1', 'h2']);
  const files = memFiles();
  const tasks = new TaskServiceImpl({ history: new TaskHistory('/d/tasks.jsonl', files, quiet), emit: () => undefined, log: quiet, progressIntervalMs: 0 });
  const late: { port?: ReturnType<typeof createCheckpointsModule>['port'] } = {};
  const inventory = await createInventoryFeature({
    dataDir: '/d', hosts, tasks, files, clock: new ManualClock(), log: quiet,
    checkpoints: { take: (...a) => late.port!.take(...a) },
    emitChanged: () => undefined, emitPrefsChanged: () => undefined,
  });
  const checkpoints = createCheckpointsModule({ dataDir: '/d', hosts, tasks, bus: new EventBus(), files, log: quiet, inventory: inventory.port });
  late.port = checkpoints.port;
  return { hosts, inventory, checkpoints };
}

describe('apply preview reads the multi-VM groups from the inventory port', () => {
  it('names the tag mates without any inventory host call (the rows main already holds give the names)', async () => {
    const { hosts, inventory, checkpoints } = await setup();
    await inventory.handlers['inventory.refresh']!({}, ctx);
    await inventory.handlers['inventory.setTags']!({ vmKeys: [WEB, DB], add: ['shop-app'], remove: [] }, ctx);
    const before = hosts.calls.length;
    const listReads = hosts.hostListReads;
    const preview = await checkpoints.handlers['checkpoints.previewApply']!({ hostId: 'h1', vmId: WEB, checkpointId: gid('A') }, ctx);
    expect(preview.multiVmGroups).toEqual([{ tag: 'shop-app', otherVms: ['DB1'] }]);
    expect(preview.required).toContain('multi-vm-group');
    expect(hosts.calls.slice(before).map((c) => c.script)).toEqual(['checkpoints/get-checkpoint-tree']);
    // Not even the host list: the old path built a whole inventory snapshot through the IPC handlers.
    expect(hosts.hostListReads).toBe(listReads);
  });
});

describe('tagMatesOf', () => {
  it('matches a VM by its Id whether the tags are keyed by the VM Id or the legacy hostId/vmId, in any case', () => {
    const tags = { [`h1/${WEB.toUpperCase()}`]: ['app', 'solo'], [DB]: ['app'], [`h9/${gid('other')}`]: ['app'] };
    const names = new Map([[DB, 'DB1']]);
    expect(tagMatesOf(WEB, tags, (id) => names.get(id))).toEqual([{ tag: 'app', otherVms: ['DB1', `h9/${gid('other')}`] }]);
  });
});
