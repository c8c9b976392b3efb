import { z } from 'zod';
import { CheckpointTypes, StartActions, StopActions } from '../../../../shared/features/inventory/vm-settings.schema';
import { defineScript } from '../../platform/scripts/script-def';
import { inventoryDisplay } from './inventory.display';
import { ActionResult, DetailsResult, HostOptionsResult, InventoryResult, NewVmResult, RemoveResult, SettingsResult, VmFilesResult } from './script-results';

/** The power actions vm-action.ps1 runs. Checkpoints are not among them: they go through the checkpoints feature's safety rule. */
export const PowerActions = ['start', 'shutdown', 'turnoff', 'save', 'suspend', 'resume', 'restart'] as const;
export type PowerAction = (typeof PowerActions)[number];

const noParams = z.object({}).strict();
const vmIds = z.array(z.string().min(1)).min(1);

/**
 * Every script the inventory ships, with the parameters its param() block binds and the answer main accepts.
 * Calls go through HostScripts (platform/scripts): nothing else in the feature names a .ps1.
 */
export const inventoryScripts = {
  getInventory: defineScript({
    name: 'inventory/get-inventory',
    params: noParams,
    result: InventoryResult,
    lane: 'read',
    timeoutMs: 60_000,
    // Polled every few seconds: only failures belong in the ledger.
    record: 'errors',
    display: inventoryDisplay.getInventory,
  }),
  getVmDetails: defineScript({ name: 'inventory/get-vm-details', params: z.object({ VmId: z.string().min(1) }).strict(), result: DetailsResult, lane: 'read', timeoutMs: 60_000, display: inventoryDisplay.getVmDetails }),
  getHostOptions: defineScript({ name: 'inventory/get-host-options', params: noParams, result: HostOptionsResult, lane: 'read', timeoutMs: 60_000, display: inventoryDisplay.getHostOptions }),
  getVmFiles: defineScript({ name: 'inventory/get-vm-files', params: z.object({ VmId: vmIds }).strict(), result: VmFilesResult, lane: 'read', timeoutMs: 60_000, display: inventoryDisplay.getVmFiles }),
  vmAction: defineScript({ name: 'inventory/vm-action', params: z.object({ Action: z.enum(PowerActions), VmId: vmIds }).strict(), result: ActionResult, lane: 'op', display: inventoryDisplay.vmAction }),
  removeVm: defineScript({ name: 'inventory/remove-vm', params: z.object({ VmId: vmIds, DeleteFiles: z.boolean() }).strict(), result: RemoveResult, lane: 'op', display: inventoryDisplay.removeVm }),
  setVmSettings: defineScript({
    name: 'inventory/set-vm-settings',
    params: z
      .object({
        VmId: z.string().min(1),
        ProcessorCount: z.number().int().optional(),
        DynamicMemory: z.boolean().optional(),
        MemoryStartupBytes: z.number().int().optional(),
        MemoryMinimumBytes: z.number().int().optional(),
        MemoryMaximumBytes: z.number().int().optional(),
        MemoryBuffer: z.number().int().optional(),
        MemoryPriority: z.number().int().optional(),
        Notes: z.string().optional(),
        CheckpointType: z.enum(CheckpointTypes).optional(),
        AutomaticStartAction: z.enum(StartActions).optional(),
        AutomaticStartDelay: z.number().int().optional(),
        AutomaticStopAction: z.enum(StopActions).optional(),
        NetworkAdapters: z
          .array(
            z.object({
              id: z.string(),
              switchName: z.string().nullable().optional(),
              vlanId: z.number().int().optional(),
              mac: z.string().nullable().optional(),
              macSpoofing: z.boolean().optional(),
              maximumBandwidth: z.number().int().optional(),
              minimumBandwidthAbsolute: z.number().int().optional(),
            }),
          )
          .optional(),
        AddNetworkAdapters: z.array(z.object({ switchName: z.string().nullable() })).optional(),
        RemoveNetworkAdapters: z.array(z.string()).optional(),
        DvdDrives: z.array(z.object({ controllerNumber: z.number().int(), controllerLocation: z.number().int(), path: z.string().nullable() })).optional(),
        AddDvdDrivePath: z.string().optional(),
        AddHardDrives: z.array(z.object({ kind: z.enum(['new', 'existing']), path: z.string(), sizeBytes: z.number().int().optional() })).optional(),
        ResizeHardDrives: z.array(z.object({ controllerType: z.enum(['IDE', 'SCSI']), controllerNumber: z.number().int(), controllerLocation: z.number().int(), sizeBytes: z.number().int() })).optional(),
        RemoveHardDrives: z.array(z.object({ controllerType: z.enum(['IDE', 'SCSI']), controllerNumber: z.number().int(), controllerLocation: z.number().int(), deleteFile: z.boolean() })).optional(),
        BootOrder: z.array(z.string()).optional(),
        SecureBoot: z.boolean().optional(),
        SecureBootTemplate: z.string().optional(),
        Tpm: z.boolean().optional(),
      })
      .strict(),
    result: SettingsResult,
    lane: 'op',
    timeoutMs: 120_000,
    display: inventoryDisplay.setVmSettings,
  }),
  newVm: defineScript({
    name: 'inventory/new-vm',
    params: z
      .object({
        Name: z.string().min(1),
        Generation: z.union([z.literal(1), z.literal(2)]),
        MemoryStartupBytes: z.number().int(),
        DynamicMemory: z.boolean().optional(),
        ProcessorCount: z.number().int(),
        SwitchName: z.string().optional(),
        DiskKind: z.enum(['new', 'existing', 'none']).optional(),
        DiskPath: z.string().optional(),
        DiskSizeBytes: z.number().int().optional(),
        IsoPath: z.string().optional(),
        Path: z.string().optional(),
      })
      .strict(),
    result: NewVmResult,
    lane: 'op',
    timeoutMs: 300_000,
    display: inventoryDisplay.newVm,
  }),
};

export type SettingsParams = z.infer<typeof inventoryScripts.setVmSettings.params>;
export type NewVmParams = z.infer<typeof inventoryScripts.newVm.params>;
