import type { P2vPlan, P2vPlanInput, PreflightFacts } from '../../../../shared/features/p2v/p2v.contract';
import { P2vPlanInput as PlanInputSchema } from '../../../../shared/features/p2v/p2v.contract';
import { AppError } from '../../../../shared/ipc/errors';
import { psComment, psLiteral } from '../../platform/ledger/ps-command';
import { bootDisk, expectedBytes, partKey, requiredRoles } from './p2v-findings';

/** VHD (not VHDX) tops out at 2040 GB. */
export const VHD_MAX_BYTES = 2040 * 1024 ** 3;
export const ISOLATED_SWITCH = 'Hyperdesk P2V isolated';

export interface HostInfo {
  name: string;
  virtualHardDiskPath: string;
  logicalProcessorCount: number;
  memoryCapacity: number;
  switches: { name: string; switchType: string }[];
}

/** Joins a folder and a file name with the folder's own separator (Windows paths on Windows hosts). */
export function joinPath(folder: string, name: string): string {
  const sep = folder.includes('\\') && !folder.includes('/') ? '\\' : '/';
  return folder.endsWith(sep) ? folder + name : folder + sep + name;
}

/**
 * The capture plan from the preflight facts, the operator's choices and the target host: which volumes
 * (and how Disk2vhd 2.02 must be told), VHDX or VHD, the VM's generation, controller and Secure Boot
 * template, and the exact commands. Pure; refuses what cannot work with VALIDATION errors.
 */
export function buildPlan(facts: PreflightFacts, raw: P2vPlanInput, host: HostInfo, defaultFolder: string): P2vPlan {
  const input = PlanInputSchema.parse(raw);
  const disk = bootDisk(facts);
  if (!disk) throw new AppError('VALIDATION', 'The source has no boot disk to capture');
  const onDisk = facts.partitions.filter((p) => p.diskNumber === disk.number && p.volumePath !== null);
  const wanted = new Set(input.include);
  const included = onDisk.filter((p) => requiredRoles.has(p.role) || p.role === 'recovery' || wanted.has(partKey(p)));
  const notes: P2vPlan['notes'] = [];
  const all = included.length === onDisk.length;
  const letterlessNeeded = included.some((p) => !p.driveLetter);
  let volumeArgs: string[];
  if (all) volumeArgs = ['*'];
  else if (letterlessNeeded) {
    // Disk2vhd 2.02 cannot name a partition without a letter: `*` is the only way to get EFI/System Reserved.
    volumeArgs = ['*'];
    notes.push({ key: 'p2v:note.allVolumes', values: {} });
    included.splice(0, included.length, ...onDisk);
  } else volumeArgs = included.map((p) => `${p.driveLetter}:`);

  const gpt = disk.partitionStyle === 'GPT';
  const generation: 1 | 2 = gpt ? 2 : 1;
  if (input.format === 'vhd' && disk.size > VHD_MAX_BYTES) {
    throw new AppError('VALIDATION', `The disk is ${Math.round(disk.size / 1024 ** 3)} GB: VHD is limited to 2040 GB, use VHDX`);
  }
  if (input.format === 'vhd' && generation === 2) throw new AppError('VALIDATION', 'A Generation 2 VM needs a VHDX: choose VHDX for a UEFI/GPT source');
  let useShadowCopy = input.useShadowCopy;
  if (useShadowCopy && facts.disk2vhd.version !== '2.01') {
    // 2.02's command line only works with -c (no VSS): shadow copy would leave it on its usage window.
    useShadowCopy = false;
    notes.push({ key: 'p2v:note.noVss', values: {} });
  }
  if (!useShadowCopy) notes.push({ key: 'p2v:note.crashConsistent', values: {} });
  const switchNames = new Set(host.switches.map((s) => s.name));
  if (input.productionSwitch && !switchNames.has(input.productionSwitch)) {
    throw new AppError('VALIDATION', `The host has no virtual switch named ${input.productionSwitch}`);
  }
  const ext = input.format === 'vhdx' ? '.vhdx' : '.vhd';
  const folder = input.targetFolder || defaultFolder;
  const fileName = `${facts.computerName}${ext}`;
  const capturePath = joinPath(folder, fileName);
  const vmDiskPath = joinPath(host.virtualHardDiskPath, `${input.vmName}${ext}`);
  // The operator's sizing when given (refused beyond what the host has), else the source's within the host's.
  if (input.processorCount !== undefined && input.processorCount > host.logicalProcessorCount) {
    throw new AppError('VALIDATION', `Processors: 1 to ${host.logicalProcessorCount} on this host`, {
      detail: { field: 'processorCount', max: host.logicalProcessorCount },
      user: { key: 'p2v:sizing.processorsRange', values: { max: host.logicalProcessorCount } },
    });
  }
  if (input.memoryBytes !== undefined && input.memoryBytes > host.memoryCapacity) {
    throw new AppError('VALIDATION', `Memory: at most ${Math.floor(host.memoryCapacity / 1024 ** 2)} MB on this host`, {
      detail: { field: 'memoryBytes', max: host.memoryCapacity },
      user: { key: 'p2v:sizing.memoryRange', values: { max: Math.floor(host.memoryCapacity / 1024 ** 2) } },
    });
  }
  const twoMb = 2 * 1024 ** 2;
  const memoryBytes = input.memoryBytes ?? Math.max(32 * 1024 ** 2, Math.floor(Math.min(facts.memoryBytes, Math.floor(host.memoryCapacity / 2)) / twoMb) * twoMb);
  const processorCount = input.processorCount ?? Math.max(1, Math.min(facts.logicalProcessors, host.logicalProcessorCount));
  const secureBootTemplate = generation === 2 ? (input.guestOs === 'linux' ? 'MicrosoftUEFICertificateAuthority' : 'MicrosoftWindows') : null;
  const d2v = facts.disk2vhd.path ?? 'disk2vhd64.exe';
  const commands = planCommands({ d2v, useShadowCopy, volumeArgs, capturePath, vmDiskPath, vmName: input.vmName, generation, memoryBytes, processorCount, secureBootTemplate });
  return {
    include: included.map(partKey),
    volumeArgs,
    format: input.format,
    useShadowCopy,
    capturePath,
    hostPath: capturePath,
    vmDiskPath,
    expectedBytes: expectedBytes(included),
    diskSize: disk.size,
    hostId: input.hostId,
    vmName: input.vmName,
    generation,
    secureBootTemplate,
    controller: generation === 1 ? 'IDE' : 'SCSI',
    productionSwitch: input.productionSwitch,
    isolatedSwitch: ISOLATED_SWITCH,
    memoryBytes,
    processorCount,
    commands,
    notes,
  };
}

export const FIRST_BOOT_CHECKPOINT = 'Before first boot (Hyperdesk P2V)';

interface CommandFacts {
  d2v: string;
  useShadowCopy: boolean;
  volumeArgs: string[];
  capturePath: string;
  vmDiskPath: string;
  vmName: string;
  generation: 1 | 2;
  memoryBytes: number;
  processorCount: number;
  secureBootTemplate: string | null;
}

/**
 * What the capture and create-vm steps do, as commands an admin could paste into PowerShell on the host: every
 * value through the one quoting function (the VM name, paths and the source's computer name are not ours),
 * and the VM addressed by the object New-VM returns, never by its name (names are wildcard patterns).
 */
export function planCommands(f: CommandFacts): string[] {
  const sw = psLiteral(ISOLATED_SWITCH);
  const commands = [['&', psLiteral(f.d2v), '-accepteula', ...(f.useShadowCopy ? [] : ['-c']), ...f.volumeArgs.map(psLiteral), psLiteral(f.capturePath)].join(' ')];
  if (f.capturePath !== f.vmDiskPath) commands.push(`# ${psComment(`copy (resumable) ${f.capturePath} -> ${f.vmDiskPath}`)}`);
  const name = psLiteral(f.vmName);
  if (f.generation === 1) commands.push(`$vm = New-VM -Name ${name} -Generation 1 -MemoryStartupBytes ${f.memoryBytes} -VHDPath ${psLiteral(f.vmDiskPath)} -SwitchName ${sw}`);
  else {
    commands.push(`$vm = New-VM -Name ${name} -Generation 2 -MemoryStartupBytes ${f.memoryBytes} -NoVHD -SwitchName ${sw}`);
    commands.push(`$disk = Add-VMHardDiskDrive -VM $vm -ControllerType SCSI -Path ${psLiteral(f.vmDiskPath)} -Passthru`);
    commands.push(`Set-VMFirmware -VM $vm -FirstBootDevice $disk -EnableSecureBoot On -SecureBootTemplate ${psLiteral(f.secureBootTemplate)}`);
  }
  commands.push(`Set-VM -VM $vm -ProcessorCount ${f.processorCount}`);
  commands.push(`Checkpoint-VM -VM $vm -SnapshotName ${psLiteral(FIRST_BOOT_CHECKPOINT)}`);
  return commands;
}
