import { z } from 'zod';
import { SafeKey } from './safe-keys';

/**
 * A VM's identity is its Hyper-V VMId; the host is only where it runs now. A live-migrated VM keeps its Id,
 * and its replica on another host has the same Id, so everything keyed by `vmKey` (tags, domain-controller
 * roles, checkpoint groups) follows the VM. Hyper-V prints GUIDs in either case: keys are lower case.
 */
export const VmRef = z.object({ vmId: SafeKey(64), hostId: z.string().min(1).max(200) });
export type VmRef = z.infer<typeof VmRef>;

export function vmKey(ref: Pick<VmRef, 'vmId'> | string): string {
  return (typeof ref === 'string' ? ref : ref.vmId).trim().toLowerCase();
}

/** The key the first slice used (`hostId/vmId`); only data-file migrations need it. */
export function legacyVmKey(ref: VmRef): string {
  return `${ref.hostId}/${ref.vmId}`;
}

/** Splits a legacy `hostId/vmId` key (the host id may not contain '/', the VM id is a GUID). */
export function parseLegacyVmKey(key: string): VmRef | undefined {
  const at = key.lastIndexOf('/');
  if (at <= 0 || at === key.length - 1) return undefined;
  return { hostId: key.slice(0, at), vmId: key.slice(at + 1) };
}
