import type { TagMates } from './tag-mates';

export type { TagMates } from './tag-mates';

/** The inventory feature's port for other features: what main knows about VMs, without host calls. */
export interface InventoryPort {
  /** The tags this VM shares with other VMs (its multi-VM application groups), read from the saved tags only. */
  tagMates(ref: { hostId: string; vmId: string }): Promise<TagMates[]>;
  /** Where a VM runs now, by its Id, from the inventory's cache (no host call); undefined when no host lists it. */
  locate(vmId: string): { hostId: string; vmName: string } | undefined;
  /** Sets how often the hosts are polled while a client watches (Settings → refresh interval), from the next tick. */
  setPollInterval(ms: number): void;
  pollIntervalMs(): number;
}

export { createInventoryFeature, type InventoryFeatureDeps } from './inventory.feature';

import { defineFeature } from '../../platform/feature';
import { createInventoryFeature, type InventoryFeatureDeps } from './inventory.feature';

export const inventoryFeature = defineFeature<InventoryFeatureDeps, InventoryPort>({ name: 'inventory', create: (d) => createInventoryFeature(d) });
