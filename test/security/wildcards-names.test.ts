import { describe, expect, it } from 'vitest';
import { P2vPlanInput, P2vVmName } from '../../shared/features/p2v/p2v.contract';

// The P2V VM name rule (#14): brackets are legal Hyper-V names and stay allowed (the scripts address the VM by Id,
// test/security/wildcards.test.ts proves they act on nothing else); what Hyper-V or the VM folder rejects, control
// characters and edge spaces are refused, with the message next to the field.
describe('P2V VM name', () => {
  it('keeps names with brackets and non-ASCII text', () => {
    for (const n of ['LEGACY-AP[P]', '測試伺服[器]', 'APP [old]', 'P2V-1']) expect(P2vVmName.safeParse(n).success, n).toBe(true);
  });

  it('refuses leading or trailing spaces, control characters and the characters Hyper-V rejects', () => {
    for (const n of [' LEGACY', 'LEGACY ', '\tAPP', 'A\u0000B', 'A\nB', 'A\u007fB', 'DC*', 'FS?', 'a/b', 'a\\b', 'a:b', 'a"b', 'a<b', 'a>b', 'a|b', '', 'x'.repeat(101)]) {
      expect(P2vVmName.safeParse(n).success, JSON.stringify(n)).toBe(false);
    }
  });

  it('reports the problem at the vmName field of the plan', () => {
    const r = P2vPlanInput.safeParse({ hostId: 'h', vmName: 'APP ' });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['vmName', 'the name starts or ends with a space']]);
  });
});
