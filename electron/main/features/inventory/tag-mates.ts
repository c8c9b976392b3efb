import type { InventoryPrefs } from '../../../../shared/features/inventory/inventory-prefs.schema';
import { parseLegacyVmKey, vmKey } from '../../../../shared/platform/vm-ref';

export interface TagMates {
  tag: string;
  /** The other VMs with this tag, by name where main knows it (else by their key). */
  otherVms: string[];
}

/** A tags key as the VM's identity: the VM Id (lower case), whether the key is the Id or a legacy `hostId/vmId`. */
const idOfKey = (key: string): string => vmKey(key.includes('/') ? (parseLegacyVmKey(key)?.vmId ?? key) : key);

/**
 * The tags a VM shares with other VMs (the multi-VM application groups an Apply warns about), from the saved
 * tags alone: names come from the rows main already holds, so this never calls a host.
 */
export function tagMatesOf(vmId: string, tags: InventoryPrefs['tags'], nameOf: (vmId: string) => string | undefined): TagMates[] {
  const self = vmKey(vmId);
  const entries = Object.entries(tags).map(([key, list]) => ({ key, id: idOfKey(key), list }));
  const mine = new Set(entries.filter((e) => e.id === self).flatMap((e) => e.list));
  return [...mine]
    .map((tag) => ({
      tag,
      otherVms: entries.filter((e) => e.id !== self && e.list.includes(tag)).map((e) => nameOf(e.id) ?? e.key),
    }))
    .filter((g) => g.otherVms.length > 0);
}
