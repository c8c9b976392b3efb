import { z } from 'zod';
import { channel, event } from '../../ipc/define';
import { defineLive } from '../../ipc/live';
import { HostInventory } from './vm-row.schema';
import { SafeKey } from '../../platform/safe-keys';
import { InventoryPrefs, SavedView, Tag, TagVmKey, prefsLimits } from './inventory-prefs.schema';
import { HostOptions, VmDetails } from './vm-details.schema';
import { NewVmSpec, VmSettingsChange } from './vm-settings.schema';

export const VmActions = ['start', 'shutdown', 'turnoff', 'save', 'suspend', 'resume', 'restart', 'checkpoint', 'delete'] as const;
export const VmAction = z.enum(VmActions);
export type VmAction = z.infer<typeof VmAction>;

// vmId keys tags, roles and caches: never a prototype member's name (shared/platform/safe-keys.ts).
export const VmTarget = z.object({ hostId: z.string().min(1), vmId: SafeKey(64), vmName: z.string() });
export type VmTarget = z.infer<typeof VmTarget>;

const TaskRef = z.object({ taskId: z.string() });
const VmRef = z.object({ hostId: z.string().min(1), vmId: SafeKey(64) });

/** The poll for changes made elsewhere (the terminal, other tools): one id, every host. */
export const inventoryLive = defineLive('inventory', { id: z.literal('all') });

export const inventoryChannels = {
  /** What main knows now (cache or fresh), without a round trip: paints at once. */
  'inventory.snapshot': channel(z.object({ hostIds: z.array(z.string()).optional() }), z.object({ hosts: z.array(HostInventory) })),
  /** Reads the hosts now (one round trip each, in parallel) and answers with the new rows. */
  'inventory.refresh': channel(z.object({ hostIds: z.array(z.string()).optional() }), z.object({ hosts: z.array(HostInventory) })),
  /** inventory.lease {id: 'all'} while the client is visible: main polls for changes made elsewhere; inventory.release when hidden. */
  ...inventoryLive.channels,
  /** One VM or many: always one task, with one item per VM for bulk. */
  'inventory.action': channel(
    z.object({
      action: VmAction,
      targets: z.array(VmTarget).min(1).max(10_000),
      deleteFiles: z.boolean().default(false),
      /** For 'checkpoint': the user's reason to override the domain-controller rule (else a DC is refused, CONFLICT). */
      overrideReason: z.string().trim().min(1).max(500).optional(),
      /** For 'checkpoint': 'production' takes a production checkpoint (what a DC needs) instead of the VM's own type. */
      checkpointKind: z.enum(['default', 'production']).default('default'),
    }),
    TaskRef,
  ),
  'inventory.prefs': channel(z.object({}), InventoryPrefs),
  'inventory.setTags': channel(
    z.object({
      vmKeys: z.array(TagVmKey).min(1).max(prefsLimits.vmsPerTagCall),
      add: z.array(Tag).max(prefsLimits.tagsPerVm).default([]),
      remove: z.array(Tag).max(prefsLimits.tagsPerVm).default([]),
    }),
    InventoryPrefs,
  ),
  'inventory.saveView': channel(SavedView, InventoryPrefs),
  'inventory.deleteView': channel(z.object({ id: z.string() }), InventoryPrefs),
  'vms.details': channel(VmRef, VmDetails),
  'vms.updateSettings': channel(VmRef.extend({ vmName: z.string(), change: VmSettingsChange }), TaskRef),
  'vms.create': channel(z.object({ hostId: z.string().min(1), spec: NewVmSpec }), TaskRef),
  'vms.hostOptions': channel(z.object({ hostId: z.string().min(1) }), HostOptions),
  /** What "delete with files" would remove, per VM, so the confirmation can name it. */
  'vms.deletePlan': channel(
    z.object({ targets: z.array(VmTarget).min(1).max(1000) }),
    z.object({ vms: z.array(z.object({ hostId: z.string(), vmId: z.string(), name: z.string(), path: z.string(), files: z.array(z.string()) })) }),
  ),
};

export const inventoryEvents = {
  /** A host's rows changed (poll, refresh, or a task finished): pull with inventory.snapshot. */
  'inventory.changed': event(z.object({ hostId: z.string() })),
  /** Saved views or tags changed (from another window). */
  'inventory.prefsChanged': event(z.object({})),
};
