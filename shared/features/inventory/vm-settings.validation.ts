import { isVmOff } from './vm-row.schema';
import { diskLimits, type NewVmSpec, type VmSettingsChange } from './vm-settings.schema';

/** Every problem key; each is a text under common:validation in every language (the locale test checks). */
export const settingsProblemKeys = ['memoryLimitsRequired', 'memoryMinAboveStartup', 'memoryStartupAboveMax', 'needsOffDynamic', 'needsOffStaticMemory', 'needsOffProcessor', 'gen2Only', 'needsOffFirmware', 'needsOffBootOrder', 'nameChars', 'diskExtension', 'gen2NeedsVhdx', 'isoExtension', 'macFormat', 'macMulticast', 'macZero', 'needsOffMac', 'bandwidthMinAboveMax', 'needsOffAdapterGen1', 'needsOffIdeDisk', 'resizeNotLarger', 'resizeIdeRunning', 'vhdTooLarge', 'deleteCheckpointDisk', 'diskPathMissing'] as const;
export type SettingsProblemKey = (typeof settingsProblemKeys)[number];

/** A problem found before sending: an i18n key (under common:validation) and the field it belongs to. */
export interface SettingsProblem {
  field: string;
  key: SettingsProblemKey;
}

/**
 * Rules Hyper-V enforces, checked before a round trip so the user sees them at once:
 * - dynamic memory: minimum ≤ startup ≤ maximum;
 * - while the VM is not off: processor count, dynamic-memory on/off, generation-2 firmware (Secure Boot), TPM
 *   and (Gen1) boot order cannot change; startup memory cannot change when memory is static.
 */
/** What the device rules need to know of the VM; the drives only when the caller has read them (the editor has). */
export interface ValidatedVm {
  state: string;
  generation: number;
  memory: { dynamic: boolean; startup: number };
  hardDrives?: readonly { controllerType: string; controllerNumber: number; controllerLocation: number; path: string | null; size?: number | null; vhdFormat?: string | null }[];
}

/** A static MAC as Hyper-V takes it: 12 hex digits (":" or "-" between pairs allowed), unicast, not all zeros. */
export function macProblem(mac: string): SettingsProblemKey | null {
  const hex = mac.trim().replace(/[-:]/g, '');
  if (!/^[0-9a-fA-F]{12}$/.test(hex)) return 'macFormat';
  if (/^0{12}$/.test(hex)) return 'macZero';
  // The lowest bit of the first octet marks a multicast (group) address; an adapter needs a unicast one.
  if (parseInt(hex.slice(0, 2), 16) & 1) return 'macMulticast';
  return null;
}

const placeKey = (d: { controllerType: string; controllerNumber: number; controllerLocation: number }) => `${d.controllerType}/${d.controllerNumber}/${d.controllerLocation}`;

/**
 * Device rules (Hyper-V Manager's): IDE devices and a generation 1 VM's adapters change only while the VM is off; a
 * MAC address too; a disk is expanded, never shrunk, online only on SCSI, a VHD to 2040 GB; a checkpoint's
 * differencing disk is never deleted; bandwidth reservations stay below the limit.
 */
function deviceProblems(change: VmSettingsChange, vm: ValidatedVm, off: boolean): SettingsProblem[] {
  const problems: SettingsProblem[] = [];
  for (const a of change.networkAdapters ?? []) {
    if (typeof a.mac === 'string') {
      const key = macProblem(a.mac);
      if (key) problems.push({ field: `adapter.${a.id}.mac`, key });
    }
    if (a.mac !== undefined && !off) problems.push({ field: `adapter.${a.id}.mac`, key: 'needsOffMac' });
    if (a.maximumBandwidth && a.minimumBandwidthAbsolute && a.minimumBandwidthAbsolute > a.maximumBandwidth) problems.push({ field: `adapter.${a.id}.bandwidth`, key: 'bandwidthMinAboveMax' });
  }
  if (!off && vm.generation === 1 && (change.addAdapters?.length || change.removeAdapters?.length)) problems.push({ field: 'adapters', key: 'needsOffAdapterGen1' });
  if (!off && vm.generation === 1 && (change.addDisks?.length || change.addDvdDrive)) problems.push({ field: 'disks.add', key: 'needsOffIdeDisk' });
  const drives = new Map((vm.hardDrives ?? []).map((d) => [placeKey(d), d]));
  for (const r of change.removeDisks ?? []) {
    if (!off && r.controllerType === 'IDE') problems.push({ field: `disk.${placeKey(r)}`, key: 'needsOffIdeDisk' });
    if (r.deleteFile && /\.a(vhd|vhdx)$/i.test(drives.get(placeKey(r))?.path ?? '')) problems.push({ field: `disk.${placeKey(r)}`, key: 'deleteCheckpointDisk' });
  }
  for (const r of change.resizeDisks ?? []) {
    const d = drives.get(placeKey(r));
    if (!off && r.controllerType === 'IDE') problems.push({ field: `disk.${placeKey(r)}`, key: 'resizeIdeRunning' });
    if (d?.size && r.sizeBytes <= d.size) problems.push({ field: `disk.${placeKey(r)}`, key: 'resizeNotLarger' });
    if (d?.vhdFormat === 'VHD' && r.sizeBytes > diskLimits.vhdMaxBytes) problems.push({ field: `disk.${placeKey(r)}`, key: 'vhdTooLarge' });
  }
  change.addDisks?.forEach((d, i) => {
    if (!d.path.trim()) problems.push({ field: `disks.add.${i}`, key: 'diskPathMissing' });
    else if (!/\.(vhdx|vhd)$/i.test(d.path)) problems.push({ field: `disks.add.${i}`, key: 'diskExtension' });
    else if (vm.generation === 2 && /\.vhd$/i.test(d.path)) problems.push({ field: `disks.add.${i}`, key: 'gen2NeedsVhdx' });
    else if (d.kind === 'new' && /\.vhd$/i.test(d.path) && d.sizeBytes > diskLimits.vhdMaxBytes) problems.push({ field: `disks.add.${i}`, key: 'vhdTooLarge' });
  });
  const isos = [...(change.dvdDrives ?? []).map((d) => d.path), change.addDvdDrive?.path ?? null];
  if (isos.some((p) => p !== null && p !== '' && !/\.iso$/i.test(p))) problems.push({ field: 'dvd', key: 'isoExtension' });
  return problems;
}

export function validateSettings(change: VmSettingsChange, vm: ValidatedVm): SettingsProblem[] {
  const problems: SettingsProblem[] = [];
  const off = isVmOff(vm.state);
  const m = change.memory;
  if (m) {
    if (m.dynamic) {
      if (m.minimum === undefined || m.maximum === undefined) problems.push({ field: 'memory', key: 'memoryLimitsRequired' });
      else {
        if (m.minimum > m.startup) problems.push({ field: 'memory.minimum', key: 'memoryMinAboveStartup' });
        if (m.startup > m.maximum) problems.push({ field: 'memory.maximum', key: 'memoryStartupAboveMax' });
      }
    }
    if (!off) {
      if (m.dynamic !== vm.memory.dynamic) problems.push({ field: 'memory.dynamic', key: 'needsOffDynamic' });
      else if (!m.dynamic && m.startup !== vm.memory.startup) problems.push({ field: 'memory.startup', key: 'needsOffStaticMemory' });
    }
  }
  if (!off && change.processor) problems.push({ field: 'processor.count', key: 'needsOffProcessor' });
  if (vm.generation !== 2 && (change.secureBoot || change.tpm !== undefined)) problems.push({ field: 'firmware', key: 'gen2Only' });
  if (!off && (change.secureBoot || change.tpm !== undefined)) problems.push({ field: 'firmware', key: 'needsOffFirmware' });
  if (!off && change.bootOrder && vm.generation === 1) problems.push({ field: 'bootOrder', key: 'needsOffBootOrder' });
  problems.push(...deviceProblems(change, vm, off));
  return problems;
}

export function validateNewVm(spec: NewVmSpec): SettingsProblem[] {
  const problems: SettingsProblem[] = [];
  if (/[\\/:*?"<>|]/.test(spec.name)) problems.push({ field: 'name', key: 'nameChars' });
  if (spec.disk.kind !== 'none' && !/\.(vhdx|vhd)$/i.test(spec.disk.path)) problems.push({ field: 'disk.path', key: 'diskExtension' });
  if (spec.generation === 2 && spec.disk.kind !== 'none' && /\.vhd$/i.test(spec.disk.path)) problems.push({ field: 'disk.path', key: 'gen2NeedsVhdx' });
  if (spec.isoPath !== null && !/\.iso$/i.test(spec.isoPath)) problems.push({ field: 'isoPath', key: 'isoExtension' });
  return problems;
}
