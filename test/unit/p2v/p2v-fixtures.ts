import type { PreflightFacts, SourcePartition } from '../../../shared/features/p2v/p2v.contract';
import type { HostInfo } from '../../../electron/main/features/p2v/p2v-plan';
import type { ScriptDef } from '../../../electron/main/platform/scripts/script-def';
import { checkScriptAnswer, checkScriptParams } from '../../../electron/main/platform/scripts/script-answer';
import type { CallOptions, ScriptAnswer, ScriptRunner } from '../../../electron/main/platform/scripts/script-runner';

const MB = 1024 * 1024;
const GB = 1024 * MB;

export function part(over: Partial<SourcePartition>): SourcePartition {
  return {
    diskNumber: 0,
    partitionNumber: 1,
    driveLetter: null,
    role: 'data',
    offset: MB,
    size: GB,
    isBoot: false,
    isSystem: false,
    fileSystem: 'NTFS',
    label: '',
    usedBytes: 10 * MB,
    volumePath: '\\\\?\\Volume{x}\\',
    bitLocker: { volumeStatus: 'FullyDecrypted', protectionStatus: 'Off', encryptionPercentage: 0 },
    ...over,
  };
}

/** A BIOS/MBR server: System Reserved (no letter), C: (boot), D: (data). */
export function biosFacts(over: Partial<PreflightFacts> = {}): PreflightFacts {
  return {
    computerName: 'SRV1',
    os: { caption: 'Windows Server 2016', version: '10.0.14393', buildNumber: '14393', productType: 3, architecture: '64-bit' },
    memoryBytes: 16 * GB,
    logicalProcessors: 8,
    firmware: 'BIOS',
    secureBoot: null,
    disks: [{ number: 0, friendlyName: 'PERC', partitionStyle: 'MBR', size: 127 * GB, isBoot: true, isSystem: true, fileBacked: false }],
    partitions: [
      part({ partitionNumber: 1, role: 'system', isSystem: true, label: 'System Reserved', usedBytes: 30 * MB }),
      part({ partitionNumber: 2, driveLetter: 'C', role: 'boot', isBoot: true, usedBytes: 100 * MB }),
      part({ partitionNumber: 3, driveLetter: 'D', role: 'data', usedBytes: 20 * MB }),
    ],
    bitLockerAvailable: true,
    target: { path: '/captures', freeBytes: 500 * GB, kind: 'local' },
    disk2vhd: { present: true, path: 'C:\\Tools\\disk2vhd64.exe', version: '2.02' },
    ...over,
  };
}

/** A UEFI/GPT server: recovery, EFI, MSR (no volume), C:. */
export function uefiFacts(): PreflightFacts {
  return biosFacts({
    firmware: 'UEFI',
    secureBoot: true,
    disks: [{ number: 0, friendlyName: 'HPE', partitionStyle: 'GPT', size: 127 * GB, isBoot: true, isSystem: true, fileBacked: false }],
    partitions: [
      part({ partitionNumber: 1, role: 'recovery', usedBytes: 16 * MB }),
      part({ partitionNumber: 2, role: 'efi', isSystem: true, fileSystem: 'FAT32', usedBytes: 24 * MB }),
      part({ partitionNumber: 3, role: 'msr', volumePath: null, usedBytes: null, fileSystem: null, bitLocker: null }),
      part({ partitionNumber: 4, driveLetter: 'C', role: 'boot', isBoot: true, usedBytes: 100 * MB }),
    ],
  });
}

export const host: HostInfo = {
  name: 'HV1',
  virtualHardDiskPath: 'D:\\Hyper-V\\Virtual Hard Disks',
  logicalProcessorCount: 4,
  memoryCapacity: 16 * GB,
  switches: [{ name: 'External', switchType: 'External' }],
};

/** What a fake machine answers for one script call (the raw JSON, before the runner checks it). */
export type FakeScript = (script: string, params: Record<string, unknown>, opts: CallOptions) => Promise<{ value: unknown; ledgerId?: string }>;

/**
 * A ScriptRunner over a fake machine that keeps the runners' contract: params checked before the call, the answer
 * validated after with the one mapping (PS_ERROR "<script> on <where> returned unexpected data at ...").
 */
export function fakeRunner(where: string, fake: FakeScript): ScriptRunner {
  return {
    async run<P extends Record<string, unknown>, R>(def: ScriptDef<P, R>, params: P, opts: CallOptions = {}): Promise<ScriptAnswer<R>> {
      const args = checkScriptParams(def.name, params, def.params) as Record<string, unknown>;
      const out = await fake(def.name, args, opts);
      return { value: checkScriptAnswer(def.name, where, out.value, def.result), ...(out.ledgerId ? { ledgerId: out.ledgerId } : {}) };
    },
  };
}
