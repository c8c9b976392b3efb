import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isolatedSwitchName, operations } from './operations';
import { createWildcardLab, type HostFacts, type WildcardLab } from './wildcards-lab';

/*
 * Issue #14 (High): Hyper-V reads [ ] * ? in -Name as wildcards, so a script that addressed a VM by name acted on
 * others ('LEGACY-AP[P]' reconfigured LEGACY-APP; '測試伺服[器]' deleted 測試伺服器 in its clean-up). Every mutating
 * operation (operations.ts) runs here for names that are patterns, next to VMs those patterns match, against a
 * real lab host through the session layer; every other VM (state, settings, checkpoints, adapters, disks) and
 * every switch must come out exactly as they went in, and the target must show the operation reached it.
 */
const HOSTILE_NAMES = ['LEGACY-AP[P]', 'DC*', 'FS?', '測試伺服[器]'];
/** VMs the hostile names match as patterns (beside the seeded DC1, FS1, 測試伺服器), each with a checkpoint 'before1' that 'before[1]' matches. */
const DECOYS = [
  { name: 'LEGACY-APP', running: true },
  { name: 'DC2', running: true },
  { name: 'FS2', running: false },
];

let lab: WildcardLab;
const tally = { runs: 0, collateral: 0 };

/** Private switches the isolated-switch name of each hostile VM name matches as a pattern (operations.ts). */
const DECOY_SWITCHES = ['LEGACY-APP', 'DC1', 'FS1', '測試伺服器'].map(isolatedSwitchName);

function collateralOf(before: HostFacts, after: HostFacts, targetId: string, targetSwitch?: string): string[] {
  const out: string[] = [];
  for (const vm of before.vms) {
    if (vm.id === targetId) continue;
    const now = after.vms.find((v) => v.id === vm.id);
    if (!now) out.push(`${vm.name} was removed`);
    else if (!isDeepStrictEqual(now, vm)) out.push(`${vm.name} changed: ${JSON.stringify(vm)} -> ${JSON.stringify(now)}`);
  }
  for (const sw of before.switches) if (!sw.startsWith(`${targetSwitch}|`) && !after.switches.includes(sw)) out.push(`switch ${sw} changed or was removed`);
  return out;
}

beforeAll(async () => {
  lab = await createWildcardLab();
  for (const d of DECOYS) await lab.makeVm(d.name, { running: d.running, guest: d.running });
  for (const vm of (await lab.facts()).vms) await lab.checkpoint(vm.id, 'before1');
  for (const sw of DECOY_SWITCHES) await lab.makeSwitch(sw);
  const names = (await lab.facts()).vms.map((v) => v.name);
  for (const n of ['DC1', 'DC2', 'FS1', 'FS2', 'LEGACY-APP', '測試伺服器']) expect(names).toContain(n);
}, 240_000);
afterAll(async () => {
  console.log(`wildcards: ${operations.length} operations x ${HOSTILE_NAMES.length} hostile names = ${tally.runs} runs, ${tally.collateral} collateral changes`);
  await lab?.dispose();
});

describe('every mutating operation with a wildcard name changes only its target', () => {
  for (const op of operations) {
    it(op.name, async () => {
      const problems: string[] = [];
      for (const name of HOSTILE_NAMES) {
        const target = await op.setup(lab, name);
        const before = await lab.facts();
        let after = before;
        let targetId = target.id;
        try {
          const done = await op.run(lab, target, before.vms.find((v) => v.id === target.id));
          targetId = done.id;
          after = await lab.facts();
          const collateral = collateralOf(before, after, targetId, done.switchId);
          tally.runs += 1;
          tally.collateral += collateral.length;
          problems.push(...collateral.map((c) => `${name}: ${c}`));
          if (!op.acted(before.vms.find((v) => v.id === targetId), after.vms.find((v) => v.id === targetId), { before, after, target: done })) problems.push(`${name}: the operation did not reach its target`);
          if (done.keepFile && !(await lab.exists(done.keepFile))) problems.push(`${name}: the user's file ${done.keepFile} was deleted`);
        } finally {
          // The target, and anything a failed create left, go by Id.
          // `after` is already the host as it is now, unless the operation threw (then read it again).
          const seen = new Set(before.vms.map((v) => v.id));
          const now = after === before ? await lab.facts() : after;
          const made = now.vms.filter((v) => !seen.has(v.id)).map((v) => v.id);
          for (const id of new Set([targetId, ...made].filter(Boolean))) await lab.drop(id);
        }
      }
      expect(problems).toEqual([]);
    }, 180_000);
  }
});
