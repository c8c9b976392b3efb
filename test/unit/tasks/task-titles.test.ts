import { describe, expect, it } from 'vitest';
import { createRoleStore } from '../../../electron/main/features/checkpoints/checkpoint-documents';
import { CheckpointsService } from '../../../electron/main/features/checkpoints/checkpoints.service';
import type { CallOptions, HostScripts } from '../../../electron/main/platform/scripts/script-runner';
import { displayLines, type ScriptDef } from '../../../electron/main/platform/scripts/script-def';
import { TaskHistory } from '../../../electron/main/platform/tasks/task-history';
import { TaskServiceImpl } from '../../../electron/main/platform/tasks/tasks.service';
import type { TaskRecord } from '../../../shared/features/tasks/tasks.contract';
import { cp, gid } from '../checkpoints/checkpoint-fixtures';
import { FakeRunner, memoryFiles, quietLog } from '../checkpoints/fake-runner';

/** Names, not GUIDs: task titles and View PowerShell name the VM and the checkpoint even when the caller sent only Ids. */
const GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const FS1 = gid('fs1');

function setup() {
  const fake = new FakeRunner({
    'checkpoints/get-checkpoint-tree': () => ({
      vm: { id: FS1, name: 'FS1', state: 'Running', parentCheckpointId: gid('Before AD upgrade'), parentCheckpointName: 'Before AD upgrade', checkpointType: 'Production' },
      checkpoints: [cp('Before AD upgrade', null)],
      disks: [],
      guest: { productType: 3, osName: 'Windows Server', fqdn: null },
    }),
    'checkpoints/remove-checkpoint': () => ({ vmName: 'FS1', removedName: 'Before AD upgrade', removedCount: 1, remaining: 0 }),
    'checkpoints/rename-checkpoint': () => ({ vmName: 'FS1', oldName: 'Before AD upgrade', newName: 'Kept' }),
    'checkpoints/export-checkpoint': () => ({ vmName: 'FS1', checkpointName: 'Before AD upgrade', path: 'D:\\exports' }),
  });
  // What the ledger would show for each call: the display lines with the names the caller passed.
  const shown: string[] = [];
  const hosts: HostScripts = {
    ...fake,
    hostIds: () => fake.hostIds(),
    onHostsChanged: () => () => undefined,
    on: (hostId) => ({
      run: <P extends Record<string, unknown>, R>(def: ScriptDef<P, R>, params: P, opts: CallOptions = {}) => {
        shown.push(...displayLines(def, params, opts.names));
        return fake.on(hostId).run(def, params, opts);
      },
    }),
  };
  const records: TaskRecord[] = [];
  const files = memoryFiles();
  const tasks = new TaskServiceImpl({ history: new TaskHistory('/d/tasks.jsonl', files, quietLog), emit: (r) => records.push(r), log: quietLog, progressIntervalMs: 0 });
  const service = new CheckpointsService({ hosts, tasks, roles: createRoleStore('/d', files, quietLog), tagGroups: { groupsOf: async () => [] }, emitChanged: () => undefined, now: () => new Date('2024-06-01T00:00:00Z') });
  const finished = async (taskId: string) => {
    for (let i = 0; i < 200; i++) {
      const r = records.filter((x) => x.id === taskId).at(-1);
      if (r && ['succeeded', 'failed', 'partial', 'cancelled'].includes(r.status)) return r;
      await new Promise((res) => setTimeout(res, 5));
    }
    throw new Error('task did not finish');
  };
  return { service, finished, shown };
}

describe('task titles and View PowerShell name objects', () => {
  it('a checkpoint delete sent with Ids only is titled by names: Delete checkpoint "Before AD upgrade" of FS1', async () => {
    const s = setup();
    const cpId = gid('Before AD upgrade');
    const rec = await s.finished((await s.service.remove({ hostId: 'h1', vmId: FS1 }, cpId, false)).taskId);
    expect(rec.status).toBe('succeeded');
    expect(rec.titleValues).toEqual({ name: 'Before AD upgrade', vm: 'FS1' });
    expect(rec.vmName).toBe('FS1');
    expect(JSON.stringify(rec.titleValues)).not.toMatch(GUID);
    expect(s.shown.at(-1)).toBe("Remove-VMSnapshot -VMName 'FS1' -Name 'Before AD upgrade'");
  });

  it('rename and export name the VM and show the checkpoint by name', async () => {
    const s = setup();
    const cpId = gid('Before AD upgrade');
    const renamed = await s.finished((await s.service.rename({ hostId: 'h1', vmId: FS1 }, cpId, 'Kept')).taskId);
    expect(renamed.titleValues).toEqual({ name: 'Kept', vm: 'FS1' });
    expect(s.shown.at(-1)).toBe("Rename-VMSnapshot -VMName 'FS1' -Name 'Before AD upgrade' -NewName 'Kept'");
    const exported = await s.finished((await s.service.export({ hostId: 'h1', vmId: FS1, vmName: 'FS1' }, cpId, 'D:\\exports')).taskId);
    expect(JSON.stringify(exported.titleValues)).not.toMatch(GUID);
    expect(s.shown.at(-1)).toBe("Export-VMSnapshot -VMName 'FS1' -Name 'Before AD upgrade' -Path 'D:\\exports'");
  });
});
