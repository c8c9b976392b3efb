import type { HostOptions } from './vm-details.schema';

/**
 * What a value the user types may be on this host, from get-host-options.ps1: a VM has at most as many virtual
 * processors as the host has logical processors (and Hyper-V's own cap: 64 for generation 1, 240 for 2), and no
 * more startup memory than the host has. The forms refuse a value outside next to its field ("1 to 12 on this
 * host") instead of letting the host refuse it after Create.
 */
export interface Range {
  min: number;
  max: number;
}

const MB = 1024 * 1024;

export function processorRange(options: Pick<HostOptions, 'logicalProcessorCount'> | null, generation: 1 | 2 = 2): Range | null {
  if (!options || options.logicalProcessorCount < 1) return null;
  return { min: 1, max: Math.min(options.logicalProcessorCount, generation === 1 ? 64 : 240) };
}

/** Startup memory in MB (Hyper-V's minimum is 32 MB). */
export function memoryMbRange(options: Pick<HostOptions, 'memoryCapacity'> | null): Range | null {
  if (!options || options.memoryCapacity < 32 * MB) return null;
  return { min: 32, max: Math.floor(options.memoryCapacity / MB) };
}

/** The range the value breaks (for the field's message), or null when it fits or the limits are not known yet. */
export function outOfRange(value: number, range: Range | null): Range | null {
  if (!range) return null;
  return Number.isInteger(value) && value >= range.min && value <= range.max ? null : range;
}
