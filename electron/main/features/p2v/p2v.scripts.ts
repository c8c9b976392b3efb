import { z } from 'zod';
import { P2vCreatedVm, PreflightFacts } from '../../../../shared/features/p2v/p2v.contract';
import { defineScript } from '../../platform/scripts/script-def';
import { p2vDisplay } from './p2v.display';

/*
 * Every P2V .ps1 as a typed operation (params as the script's param() block binds them, the answer it prints).
 * Source scripts run on the physical machine through the job's source runner; host scripts on a Hyper-V host
 * through HostScripts. Either way the runner validates the answer, so a wrong shape is PS_ERROR naming the
 * script and the machine.
 */

// ---- on the source machine ----

export const preflightScript = defineScript({
  display: p2vDisplay.preflight,
  name: 'p2v/preflight',
  params: z.object({ TargetPath: z.string().optional(), Disk2vhdPath: z.string().optional() }),
  result: PreflightFacts,
  lane: 'read',
  timeoutMs: 120_000,
});

export const captureStartScript = defineScript({
  display: p2vDisplay.captureStart,
  name: 'p2v/capture-start',
  params: z.object({ Disk2vhdPath: z.string(), Volumes: z.array(z.string()), VhdPath: z.string(), UseShadowCopy: z.boolean().optional() }),
  result: z.object({ processId: z.number(), processStartTime: z.string(), commandLine: z.string() }),
  lane: 'op',
  timeoutMs: 120_000,
});

export const captureStatusScript = defineScript({
  display: p2vDisplay.captureStatus,
  name: 'p2v/capture-status',
  params: z.object({ VhdPath: z.string(), ProcessId: z.number().int(), ProcessStartTime: z.string() }),
  result: z.object({ running: z.boolean(), fileExists: z.boolean(), fileBytes: z.number().nullable() }),
  lane: 'read',
  timeoutMs: 60_000,
});

export const captureStopScript = defineScript({
  display: p2vDisplay.captureStop,
  name: 'p2v/capture-stop',
  params: z.object({ VhdPath: z.string(), ProcessId: z.number().int().optional(), ProcessStartTime: z.string().optional() }),
  result: z.object({ stopped: z.boolean(), removed: z.boolean() }),
  lane: 'op',
  timeoutMs: 60_000,
});

export const verifyImageScript = defineScript({
  display: p2vDisplay.verifyImage,
  name: 'p2v/verify-image',
  params: z.object({ Path: z.string() }),
  result: z.object({ exists: z.boolean(), bytes: z.number(), format: z.enum(['VHDX', 'VHD']).nullable() }),
  lane: 'read',
  timeoutMs: 120_000,
});

/** One call of the chunked copy: append a chunk, commit (hash check + rename), or discard the partial file. */
export const copyDisk2vhdScript = defineScript({
  display: p2vDisplay.copyDisk2vhd,
  name: 'p2v/copy-disk2vhd',
  params: z.object({
    CopyId: z.string().regex(/^[0-9a-f]{32}$/),
    Action: z.enum(['append', 'commit', 'discard']),
    Offset: z.number().int().optional(),
    Data: z.string().optional(),
    TotalBytes: z.number().int().optional(),
    Sha256: z.string().optional(),
  }),
  result: z.discriminatedUnion('action', [
    z.object({ action: z.literal('append'), bytes: z.number() }),
    z.object({ action: z.literal('commit'), path: z.string(), bytes: z.number(), sha256: z.string() }),
    z.object({ action: z.literal('discard'), discarded: z.boolean() }),
  ]),
  lane: 'op',
  timeoutMs: 120_000,
});

// ---- on the Hyper-V host ----

export const hostInfoScript = defineScript({
  display: p2vDisplay.hostInfo,
  name: 'p2v/host-info',
  params: z.object({}),
  result: z.object({
    name: z.string(),
    virtualHardDiskPath: z.string(),
    logicalProcessorCount: z.number(),
    memoryCapacity: z.number(),
    switches: z.array(z.object({ name: z.string(), switchType: z.string() })),
  }),
  lane: 'read',
  timeoutMs: 60_000,
});

export const transferScript = defineScript({
  display: p2vDisplay.transfer,
  name: 'p2v/transfer',
  params: z.object({ SourcePath: z.string(), DestinationPath: z.string(), MaxSeconds: z.number().int().optional() }),
  result: z.object({ copiedBytes: z.number(), totalBytes: z.number(), done: z.boolean() }),
  lane: 'op',
  timeoutMs: 120_000,
});

export const createVmScript = defineScript({
  display: p2vDisplay.createVm,
  name: 'p2v/create-vm',
  params: z.object({
    Name: z.string(),
    Generation: z.union([z.literal(1), z.literal(2)]),
    VhdPath: z.string(),
    MemoryStartupBytes: z.number(),
    ProcessorCount: z.number().int(),
    IsolatedSwitchName: z.string(),
    JobId: z.string(),
    SecureBootTemplate: z.enum(['MicrosoftWindows', 'MicrosoftUEFICertificateAuthority']).optional(),
    CheckpointName: z.string().optional(),
  }),
  result: P2vCreatedVm,
  lane: 'op',
  timeoutMs: 300_000,
});

export const vmActionScript = defineScript({
  display: p2vDisplay.vmAction,
  name: 'p2v/vm-action',
  // The VM by its Id and the checkpoint by its Id (name only for jobs that kept none): never by -Name (wildcards).
  params: z.object({
    VmId: z.string().min(1),
    Action: z.enum(['start', 'rollback', 'production', 'remove-checkpoint']),
    CheckpointId: z.string().optional(),
    CheckpointName: z.string().optional(),
    SwitchName: z.string().optional(),
  }),
  result: z.object({ state: z.string(), switchName: z.string(), checkpoints: z.array(z.string()) }),
  lane: 'op',
  timeoutMs: 120_000,
});
