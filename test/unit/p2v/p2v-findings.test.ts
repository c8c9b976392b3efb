import { describe, expect, it } from 'vitest';
import { isBlocked, preflightFindings } from '../../../electron/main/features/p2v/p2v-findings';
import { biosFacts, part, uefiFacts } from './p2v-fixtures';

const find = (facts: ReturnType<typeof biosFacts>, id: string) => preflightFindings(facts).find((f) => f.id === id);

describe('P2V preflight findings', () => {
  it('passes a BIOS/MBR source as Generation 1 and a UEFI/GPT source as Generation 2', () => {
    expect(find(biosFacts(), 'firmware')).toMatchObject({ level: 'pass', values: { generation: 1 } });
    expect(find(uefiFacts(), 'firmware')).toMatchObject({ level: 'pass', values: { generation: 2 } });
    expect(isBlocked(preflightFindings(biosFacts()))).toBe(false);
  });

  it('warns when firmware and partition style disagree, and follows the disk', () => {
    const f = biosFacts({ firmware: 'UEFI' });
    expect(find(f, 'firmware')).toMatchObject({ level: 'warn', key: 'p2v:find.firmwareMismatch', values: { generation: 1 } });
  });

  it('blocks BitLocker on any volume, naming it, with what to do', () => {
    const f = biosFacts();
    f.partitions[1] = part({ ...f.partitions[1], bitLocker: { volumeStatus: 'FullyEncrypted', protectionStatus: 'On', encryptionPercentage: 100 } });
    expect(find(f, 'bitlocker')).toMatchObject({ level: 'block', values: { volumes: 'C:' }, fixKey: 'p2v:fix.bitlocker' });
    // Suspended protection on a still-encrypted volume is still encrypted data: blocked too.
    f.partitions[1] = part({ ...f.partitions[1], bitLocker: { volumeStatus: 'FullyEncrypted', protectionStatus: 'Off', encryptionPercentage: 100 } });
    expect(find(f, 'bitlocker')?.level).toBe('block');
  });

  it('blocks a VHD-booted OS and a missing Disk2vhd; warns on an unknown version', () => {
    const vhd = biosFacts();
    vhd.disks[0]!.fileBacked = true;
    expect(find(vhd, 'vhdBoot')?.level).toBe('block');
    expect(find(biosFacts({ disk2vhd: { present: false, path: null, version: null } }), 'disk2vhd')).toMatchObject({ level: 'block', fixKey: 'p2v:fix.disk2vhdMissing' });
    expect(find(biosFacts({ disk2vhd: { present: true, path: 'x', version: null } }), 'disk2vhd')?.level).toBe('warn');
    expect(find(biosFacts({ disk2vhd: { present: true, path: 'x', version: '2.01' } }), 'disk2vhd')?.level).toBe('pass');
  });

  it('checks target space against the used data plus 10 %, and says when it cannot measure', () => {
    // used = 150 MB + 1 MB table → needs ~166 MB
    expect(find(biosFacts({ target: { path: '/t', freeBytes: 100 * 1024 * 1024, kind: 'local' } }), 'target')?.level).toBe('block');
    expect(find(biosFacts({ target: { path: '/t', freeBytes: 200 * 1024 * 1024, kind: 'local' } }), 'target')?.level).toBe('pass');
    expect(find(biosFacts({ target: { path: '\\\\hv\\p2v', freeBytes: null, kind: 'share' } }), 'target')?.level).toBe('warn');
  });

  it('warns about letterless boot partitions (Disk2vhd 2.02 cannot name them)', () => {
    expect(find(uefiFacts(), 'letterless')).toMatchObject({ level: 'warn', values: { count: 1 } });
    expect(find(biosFacts(), 'letterless')).toMatchObject({ level: 'warn', values: { count: 1 } });
  });
});
