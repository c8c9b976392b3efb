import { isVmOff } from './vm-row.schema';
import type { NewVmSpec, VmSettingsChange } from './vm-settings.schema';

/** Every problem key; each is a text under common:validation in every language (the locale test checks). */
export const settingsProblemKeys = ['memoryLimitsRequired', 'memoryMinAboveStartup', 'memoryStartupAboveMax', 'needsOffDynamic', 'needsOffStaticMemory', 'needsOffProcessor', 'gen2Only', 'needsOffFirmware', 'needsOffBootOrder', 'nameChars', 'diskExtension', 'gen2NeedsVhdx', 'isoExtension'] as const;
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
export function validateSettings(change: VmSettingsChange, vm: { state: string; generation: number; memory: { dynamic: boolean; startup: number } }): SettingsProblem[] {
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
