import { isVmOff } from '../../../../shared/features/inventory/vm-row.schema';
import { formatBytes, formatPercent } from '../inventory';

/** What the summary shows where there is nothing to measure: an off VM has no demand, no usage, no addresses. */
export const NONE = '—';

/** Measured now (demand, assigned, CPU): only a VM that is on has one; 0 bytes means "not measured", not "uses nothing". */
export function liveBytes(state: string, bytes: number, locale: string): string {
  return isVmOff(state) || !(bytes > 0) ? NONE : formatBytes(bytes, locale);
}

export function livePercent(state: string, percent: number, locale: string): string {
  return isVmOff(state) ? NONE : formatPercent(percent, locale);
}

/** Configured sizes (startup, limits, disk sizes): shown whatever the state, "—" when the host did not say. */
export function sizeOrNone(bytes: number | null | undefined, locale: string): string {
  return bytes === null || bytes === undefined || !(bytes > 0) ? NONE : formatBytes(bytes, locale);
}

/** Bandwidth as Hyper-V Manager shows it: Mbps; null or 0 = no limit / no reservation. */
export function mbps(bitsPerSecond: number | null | undefined): number | null {
  return bitsPerSecond && bitsPerSecond > 0 ? Math.round(bitsPerSecond / 1_000_000) : null;
}

/** A MAC as admins read it: 00-15-5D-01-02-03. */
export function formatMac(mac: string): string {
  const hex = mac.replace(/[^0-9a-f]/gi, '').toUpperCase();
  return hex.length === 12 ? (hex.match(/../g) ?? []).join('-') : mac;
}
