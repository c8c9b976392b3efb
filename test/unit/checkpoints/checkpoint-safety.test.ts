import { describe, expect, it } from 'vitest';
import {
  decideRole,
  judgeCreate,
  missingAcknowledgements,
  requiredAcknowledgements,
  roleToRemember,
  stateAfterApply,
} from '../../../shared/features/checkpoints/checkpoint-safety';
import { analyseChainHealth, cleanupSteps } from '../../../shared/features/checkpoints/chain-health';
import type { ChainHealthScriptResult } from '../../../shared/features/checkpoints/checkpoint-schemas';

describe('domain controller rules', () => {
  it('detects a DC from KVP ProductType 2 unless the user says otherwise', () => {
    expect(decideRole('auto', 2)).toMatchObject({ isDomainController: true, source: 'kvp' });
    expect(decideRole('auto', 3)).toMatchObject({ isDomainController: false, source: 'none' });
    expect(decideRole('member', 2)).toMatchObject({ isDomainController: false, source: 'user' });
    expect(decideRole('domain-controller', null)).toMatchObject({ isDomainController: true, source: 'user' });
  });

  it('keeps the last reported role when the guest reports nothing, and treats a never-seen VM that is off as a possible DC', () => {
    const seenDc = { isDomainController: true, productType: 2, seenAt: '2024-05-01T10:00:00.000Z' };
    const seenServer = { isDomainController: false, productType: 3, seenAt: '2024-05-01T10:00:00.000Z' };
    // DC1 turned off: KVP is empty, the remembered report keeps it a DC, with when it was seen.
    expect(decideRole('auto', null, { vmState: 'Off', lastSeen: seenDc })).toEqual({ isDomainController: true, source: 'remembered', userRole: 'auto', seenAt: seenDc.seenAt });
    expect(decideRole('auto', null, { vmState: 'Off', lastSeen: seenServer })).toMatchObject({ isDomainController: false, source: 'remembered' });
    // Never reported and not running: unknown, so every DC rule applies.
    expect(decideRole('auto', null, { vmState: 'Off' })).toEqual({ isDomainController: true, source: 'unknown', userRole: 'auto', seenAt: null });
    expect(decideRole('auto', null, { vmState: 'Saved', lastSeen: null })).toMatchObject({ isDomainController: true, source: 'unknown' });
    // Running and reporting nothing (integration services off, not Windows): no DC evidence.
    expect(decideRole('auto', null, { vmState: 'Running' })).toMatchObject({ isDomainController: false, source: 'none' });
    // What the guest reports now wins over the memory; the user's setting wins over both.
    expect(decideRole('auto', 3, { vmState: 'Running', lastSeen: seenDc })).toMatchObject({ isDomainController: false, source: 'none' });
    expect(decideRole('member', null, { vmState: 'Off' })).toMatchObject({ isDomainController: false, source: 'user' });
  });

  it('remembers a report only when the guest gave one', () => {
    const now = new Date('2024-06-01T00:00:00Z');
    expect(roleToRemember(2, now)).toEqual({ isDomainController: true, productType: 2, seenAt: '2024-06-01T00:00:00.000Z' });
    expect(roleToRemember(3, now)).toEqual({ isDomainController: false, productType: 3, seenAt: '2024-06-01T00:00:00.000Z' });
    expect(roleToRemember(null, now)).toBeNull();
  });

  it('refuses a standard checkpoint of a DC without a reason, allows production and overrides', () => {
    expect(judgeCreate(true, 'standard', undefined)).toMatchObject({ allowed: false, rule: 'dc-standard-checkpoint' });
    expect(judgeCreate(true, 'standard', '  ok ')).toMatchObject({ allowed: false });
    expect(judgeCreate(true, 'standard', 'lab test of schema update')).toEqual({ allowed: true, overridden: true });
    expect(judgeCreate(true, 'production', undefined)).toEqual({ allowed: true, overridden: false });
    expect(judgeCreate(false, 'standard', undefined)).toEqual({ allowed: true, overridden: false });
  });

  it('asks for the acknowledgements that apply', () => {
    expect(requiredAcknowledgements(true, 1)).toEqual(['domain-controller', 'multi-vm-group']);
    expect(missingAcknowledgements(['domain-controller', 'multi-vm-group'], ['multi-vm-group'])).toEqual(['domain-controller']);
    expect(stateAfterApply('Running')).toBe('Saved');
    expect(stateAfterApply('Off')).toBe('Off');
  });
});

const link = (path: string, vhdType: string, parentPath: string | null, exists = true) => ({
  path,
  exists,
  vhdType,
  fileSize: 10,
  parentPath,
});

describe('chain health', () => {
  const ids = { hostId: 'h', vmId: 'v' };
  const base: ChainHealthScriptResult = {
    vmName: 'SQL1',
    vmState: 'Running',
    checkpointCount: 1,
    disks: [
      {
        controllerType: 'SCSI',
        controllerNumber: 0,
        controllerLocation: 0,
        path: 'D:\\VMs\\sql_2.avhdx',
        chain: [link('D:\\VMs\\sql_2.avhdx', 'Differencing', 'D:\\VMs\\sql_1.avhdx'), link('D:\\VMs\\sql_1.avhdx', 'Differencing', 'D:\\VMs\\sql.vhdx'), link('D:\\VMs\\sql.vhdx', 'Dynamic', null)],
      },
    ],
    ownedPaths: ['d:\\vms\\SQL_1.avhdx', 'D:\\VMs\\sql_2.avhdx'],
    candidates: [
      { path: 'D:\\VMs\\sql_1.avhdx', fileSize: 1, parentPath: 'D:\\VMs\\sql.vhdx', chainRoot: 'D:\\VMs\\sql.vhdx' },
      { path: 'D:\\VMs\\sql_old.avhdx', fileSize: 5, parentPath: 'D:\\VMs\\sql.vhdx', chainRoot: 'D:\\VMs\\sql.vhdx' },
    ],
  };

  it('counts differencing depth and finds AVHDX files no checkpoint owns (paths case-insensitive)', () => {
    const h = analyseChainHealth(base, ids, new Date(0));
    expect(h.disks[0]!.depth).toBe(2);
    expect(h.lingering).toEqual([{ path: 'D:\\VMs\\sql_old.avhdx', fileSize: 5 }]);
    expect(h.issues).toEqual([{ kind: 'lingering-avhdx', path: 'D:\\VMs\\sql_old.avhdx' }]);
    expect(cleanupSteps(h).map((s) => s.id)).toEqual(['no-manual-merge', 'check-backups', 'set-aside-lingering', 'refresh']);
  });

  it('flags a VM running on AVHDX with no checkpoint and offers Hyper-V’s own merge, never Merge-VHD first', () => {
    const h = analyseChainHealth({ ...base, checkpointCount: 0, candidates: [] }, ids, new Date(0));
    expect(h.issues.map((i) => i.kind)).toEqual(['avhdx-without-checkpoints']);
    const steps = cleanupSteps(h);
    expect(steps[0]!.id).toBe('no-manual-merge');
    expect(steps.find((s) => s.action === 'cleanup-merge')?.id).toBe('let-hyperv-merge');
  });

  it('stops at a disk that points into a merged-away chain', () => {
    const broken = {
      ...base,
      disks: [{ ...base.disks[0]!, chain: [link('D:\\VMs\\sql_2.avhdx', 'Differencing', 'D:\\VMs\\gone.avhdx'), link('D:\\VMs\\gone.avhdx', 'Differencing', null, false)] }],
      candidates: [],
    };
    const h = analyseChainHealth(broken, ids, new Date(0));
    expect(h.disks[0]!.brokenAt).toBe('D:\\VMs\\gone.avhdx');
    const steps = cleanupSteps(h).map((s) => s.id);
    expect(steps).toContain('stop-broken-chain');
    expect(steps).not.toContain('let-hyperv-merge');
  });

  it('warns on a deep chain', () => {
    const chain = Array.from({ length: 9 }, (_, i) => link(`D:\\c${i}.avhdx`, 'Differencing', `D:\\c${i + 1}.avhdx`));
    const h = analyseChainHealth({ ...base, checkpointCount: 9, disks: [{ ...base.disks[0]!, chain }], candidates: [] }, ids, new Date(0));
    expect(h.issues).toEqual([{ kind: 'deep-chain', path: 'D:\\VMs\\sql_2.avhdx', depth: 9 }]);
  });
});
