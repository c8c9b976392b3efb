import { describe, expect, it } from 'vitest';
import { buildPlan, joinPath } from '../../../electron/main/features/p2v/p2v-plan';
import { biosFacts, host, uefiFacts } from './p2v-fixtures';

describe('P2V capture plan', () => {
  it('BIOS/MBR: Gen 1, IDE, no Secure Boot, `*` with -c and -accepteula', () => {
    const plan = buildPlan(biosFacts(), { hostId: 'h', vmName: 'P2V1' }, host, 'E:\\p2v');
    expect(plan).toMatchObject({ generation: 1, controller: 'IDE', secureBootTemplate: null, volumeArgs: ['*'], useShadowCopy: false });
    expect(plan.capturePath).toBe('E:\\p2v\\SRV1.vhdx');
    expect(plan.vmDiskPath).toBe('D:\\Hyper-V\\Virtual Hard Disks\\P2V1.vhdx');
    // Pasteable into PowerShell: the call operator, every argument a literal (a bare * would be globbed by pwsh on Linux).
    expect(plan.commands[0]).toBe("& 'C:\\Tools\\disk2vhd64.exe' -accepteula -c '*' 'E:\\p2v\\SRV1.vhdx'");
    // Memory and CPUs from the source, within what the host has.
    expect(plan.memoryBytes).toBe(8 * 1024 ** 3);
    expect(plan.processorCount).toBe(4);
  });

  it('UEFI/GPT: Gen 2 on SCSI with the template chosen by guest OS', () => {
    expect(buildPlan(uefiFacts(), { hostId: 'h', vmName: 'W' }, host, '/c')).toMatchObject({ generation: 2, controller: 'SCSI', secureBootTemplate: 'MicrosoftWindows' });
    expect(buildPlan(uefiFacts(), { hostId: 'h', vmName: 'L', guestOs: 'linux' }, host, '/c').secureBootTemplate).toBe('MicrosoftUEFICertificateAuthority');
  });

  it('excluding a data volume still captures everything when a boot partition has no letter', () => {
    const plan = buildPlan(biosFacts(), { hostId: 'h', vmName: 'X', include: [] }, host, '/c');
    expect(plan.volumeArgs).toEqual(['*']);
    expect(plan.notes.map((n) => n.key)).toContain('p2v:note.allVolumes');
  });

  it('names volumes by letter when every needed one has a letter', () => {
    const f = biosFacts();
    f.partitions[0]!.driveLetter = 'S';
    const plan = buildPlan(f, { hostId: 'h', vmName: 'X', include: [] }, host, '/c');
    expect(plan.volumeArgs).toEqual(['S:', 'C:']);
    expect(plan.include).toEqual(['0:1', '0:2']);
  });

  it('refuses VHD above 2040 GB and VHD for Generation 2', () => {
    const big = biosFacts();
    big.disks[0]!.size = 2041 * 1024 ** 3;
    expect(() => buildPlan(big, { hostId: 'h', vmName: 'X', format: 'vhd' }, host, '/c')).toThrow(/2040 GB/);
    expect(() => buildPlan(uefiFacts(), { hostId: 'h', vmName: 'X', format: 'vhd' }, host, '/c')).toThrow(/VHDX/);
    expect(buildPlan(biosFacts(), { hostId: 'h', vmName: 'X', format: 'vhd' }, host, '/c').capturePath).toBe('/c/SRV1.vhd');
  });

  it('falls back to -c when shadow copy is asked of Disk2vhd 2.02, and keeps VSS for 2.01', () => {
    const p202 = buildPlan(biosFacts(), { hostId: 'h', vmName: 'X', useShadowCopy: true }, host, '/c');
    expect(p202.useShadowCopy).toBe(false);
    expect(p202.notes.map((n) => n.key)).toContain('p2v:note.noVss');
    const p201 = buildPlan(biosFacts({ disk2vhd: { present: true, path: 'd', version: '2.01' } }), { hostId: 'h', vmName: 'X', useShadowCopy: true }, host, '/c');
    expect(p201.useShadowCopy).toBe(true);
    expect(p201.commands[0]).not.toContain(' -c ');
  });

  it('refuses a production switch the host does not have', () => {
    expect(() => buildPlan(biosFacts(), { hostId: 'h', vmName: 'X', productionSwitch: 'Nope' }, host, '/c')).toThrow(/no virtual switch/);
  });

  it('joins paths with the folder’s own separator', () => {
    expect(joinPath('C:\\a', 'b.vhdx')).toBe('C:\\a\\b.vhdx');
    expect(joinPath('/a/', 'b.vhdx')).toBe('/a/b.vhdx');
  });
});
