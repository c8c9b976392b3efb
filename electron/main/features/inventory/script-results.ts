import { z } from 'zod';
import { VmRow } from '../../../../shared/features/inventory/vm-row.schema';
import { HostOptions, VmDetails } from '../../../../shared/features/inventory/vm-details.schema';

/** The JSON each inventory script returns, validated in main before anything reaches the UI. */
const HostRow = VmRow.omit({ hostId: true });
export const InventoryResult = z.object({ vms: z.array(HostRow) });

const HostError = z.object({ message: z.string(), fqid: z.string(), category: z.string() });
export type HostError = z.infer<typeof HostError>;

/** The row per VM comes back with the outcome (read after the action), so main updates the grid and the details panel without re-reading the host. */
export const ActionResult = z.object({
  results: z.array(z.object({ id: z.string(), ok: z.boolean(), row: HostRow.nullable(), error: HostError.nullable() })),
});

export const RemoveResult = z.object({
  results: z.array(z.object({ id: z.string(), ok: z.boolean(), deleted: z.array(z.string()), error: HostError.nullable() })),
});

export const VmFilesResult = z.object({
  vms: z.array(z.object({ id: z.string(), name: z.string(), path: z.string(), files: z.array(z.string()) })),
});

export const DetailsResult = VmDetails.omit({ hostId: true });
export const HostOptionsResult = HostOptions.omit({ hostId: true });
export const SettingsResult = z.object({ id: z.string(), state: z.string(), applied: z.array(z.string()) });
export const NewVmResult = z.object({ id: z.string(), name: z.string(), state: z.string() });
