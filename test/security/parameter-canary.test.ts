import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkpointScripts } from '../../electron/main/features/checkpoints/checkpoints.scripts';
import { inventoryScripts } from '../../electron/main/features/inventory/inventory.scripts';
import { removeIsolatedSwitchScript } from '../../electron/main/features/p2v/p2v-isolated-switch';
import { Canary } from './canary';
import { hostileCorpus, type Payload } from './corpus';
import { createWildcardLab, type WildcardLab } from './wildcards-lab';

/*
 * User input reaches a host as parameters, never as PowerShell text (#14). Each operation here takes a text the
 * user types (a VM name, notes, a checkpoint name, a switch name) and runs its shipped script through the real
 * session layer on a lab host once per hostile payload. The host may accept the value or refuse it with an
 * error; what may never happen is the payload's canary firing (a file appearing: canary.ts). Where the host took
 * the value, it must read back exactly as sent. The figure (operations x payloads, executed) is printed.
 */
let lab: WildcardLab;
let canary: Canary;
let corpus: Payload[];
let vmId: string;
let checkpointId: string;
const figures: Array<{ op: string; tried: number; accepted: number; executed: string[] }> = [];

interface ParamOperation {
  name: string;
  /** Runs the operation with the payload; resolves to the value as the host holds it afterwards (null: not kept). */
  run(value: string): Promise<string | null>;
}

const operations: ParamOperation[] = [
  {
    name: 'inventory new VM (name)',
    run: async (value) => {
      const made = await lab.run(inventoryScripts.newVm, { Name: value, Generation: 2, MemoryStartupBytes: 512 * 1024 ** 2, ProcessorCount: 1, DiskKind: 'none' });
      const name = (await lab.facts()).vms.find((v) => v.id === made.id)?.name ?? null;
      await lab.drop(made.id);
      return name;
    },
  },
  {
    name: 'inventory settings (notes)',
    run: async (value) => {
      await lab.run(inventoryScripts.setVmSettings, { VmId: vmId, Notes: value });
      return (await lab.facts()).vms.find((v) => v.id === vmId)!.notes;
    },
  },
  {
    name: 'checkpoint create (name)',
    run: async (value) => {
      const before = new Set((await lab.facts()).vms.find((v) => v.id === vmId)!.checkpoints);
      await lab.run(checkpointScripts.create, { VMId: vmId, SnapshotName: value, Kind: 'Standard' });
      const made = (await lab.facts()).vms.find((v) => v.id === vmId)!.checkpoints.find((c) => !before.has(c));
      if (!made) return null;
      const [id] = made.split('|');
      await lab.run(checkpointScripts.remove, { VMId: vmId, CheckpointId: id! });
      return made.slice(id!.length + 1, made.lastIndexOf('|'));
    },
  },
  {
    name: 'checkpoint rename (new name)',
    run: async (value) => {
      await lab.run(checkpointScripts.rename, { VMId: vmId, CheckpointId: checkpointId, NewName: value });
      const row = (await lab.facts()).vms.find((v) => v.id === vmId)!.checkpoints.find((c) => c.startsWith(`${checkpointId}|`))!;
      return row.slice(checkpointId.length + 1, row.lastIndexOf('|'));
    },
  },
  {
    name: 'p2v remove isolated switch (switch name)',
    run: async (value) => {
      await lab.run(removeIsolatedSwitchScript, { SwitchName: value });
      return null;
    },
  },
];

beforeAll(async () => {
  canary = new Canary();
  corpus = hostileCorpus(canary);
  lab = await createWildcardLab();
  vmId = (await lab.makeVm(`canary-${randomUUID().slice(0, 8)}`)).id;
  checkpointId = await lab.checkpoint(vmId, 'canary-base');
}, 240_000);
afterAll(async () => {
  const tried = figures.reduce((n, f) => n + f.tried, 0);
  const executed = figures.reduce((n, f) => n + f.executed.length, 0);
  console.log(`parameter canary: ${figures.length} operations x ${corpus.length} payloads = ${tried} runs on a lab host, ${executed} executed`);
  for (const f of figures) console.log(`  ${f.op}: ${f.tried} runs, ${f.accepted} accepted, ${f.executed.length} executed${f.executed.length ? ` (${f.executed.join(', ')})` : ''}`);
  await lab?.dispose();
  canary?.dispose();
});

describe('hostile text passed as parameters never runs on the host', () => {
  it('the canaries fire when a value is spliced into PowerShell text (the control)', async () => {
    canary.reset();
    for (const id of ['sq', 'sq-plus', 'semicolon']) await lab.splice(corpus.find((p) => p.id === id)!.value);
    expect(canary.fired()).toEqual(['sq', 'sq-plus']); // 'semicolon' stays inside the quotes here
  });

  for (const op of operations) {
    it(op.name, async () => {
      canary.reset();
      const altered: string[] = [];
      let accepted = 0;
      for (const p of corpus) {
        let kept: string | null = null;
        try {
          kept = await op.run(p.value);
          accepted += 1;
        } catch {
          continue; // refused by the host (an invalid name, too long): allowed, as long as nothing ran
        }
        if (kept !== null && kept !== p.value) altered.push(`${p.id}: ${JSON.stringify(kept.slice(0, 80))}`);
      }
      const executed = canary.fired();
      figures.push({ op: op.name, tried: corpus.length, accepted, executed });
      expect(executed).toEqual([]);
      expect(altered).toEqual([]);
      expect(accepted).toBeGreaterThan(0);
    }, 600_000);
  }
});
