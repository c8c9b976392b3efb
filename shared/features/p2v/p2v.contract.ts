import { z } from 'zod';
import { channel, event } from '../../ipc/define';
import { IpcErrorShape } from '../../ipc/errors';
import { HostConfig } from '../hosts/hosts.contract';

/**
 * A physical machine reached over PowerShell remoting, with the same transports and settings as hosts. Never a
 * secret: the password travels only in `p2v.create` and lives in the SecretStore, keyed by the job.
 */
export const RemoteP2vSource = z
  .object({
    kind: z.literal('remote'),
    transport: z.enum(['ssh', 'winrm']),
    /** Required here (optional on a host config, where lab and local hosts have none). */
    address: HostConfig.shape.address.unwrap(),
  })
  .extend(HostConfig.pick({ port: true, userName: true, keyFilePath: true, useSsl: true, authentication: true, sshOptions: true }).shape);
export type RemoteP2vSource = z.infer<typeof RemoteP2vSource>;

/** Where the physical machine is reached: this machine, the lab's simulated source (a scenario), or a remote machine. */
export const P2vSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('local') }),
  z.object({ kind: z.literal('lab'), scenario: z.enum(['bios-mbr', 'uefi-gpt', 'bitlocker', 'no-space', 'no-disk2vhd']) }),
  RemoteP2vSource,
]);
export type P2vSource = z.infer<typeof P2vSource>;

export const PartitionRole = z.enum(['system', 'boot', 'efi', 'recovery', 'msr', 'data']);

export const SourcePartition = z.object({
  diskNumber: z.number(),
  partitionNumber: z.number(),
  driveLetter: z.string().nullable(),
  role: PartitionRole,
  offset: z.number(),
  size: z.number(),
  isBoot: z.boolean(),
  isSystem: z.boolean(),
  fileSystem: z.string().nullable(),
  label: z.string().nullable(),
  usedBytes: z.number().nullable(),
  volumePath: z.string().nullable(),
  bitLocker: z.object({ volumeStatus: z.string(), protectionStatus: z.string(), encryptionPercentage: z.number() }).nullable(),
});
export type SourcePartition = z.infer<typeof SourcePartition>;

/** What preflight.ps1 returns (the raw facts; findings are derived in main). */
export const PreflightFacts = z.object({
  computerName: z.string(),
  os: z.object({ caption: z.string(), version: z.string(), buildNumber: z.string(), productType: z.number(), architecture: z.string() }),
  memoryBytes: z.number(),
  logicalProcessors: z.number(),
  firmware: z.enum(['BIOS', 'UEFI', 'Unknown']),
  secureBoot: z.boolean().nullable(),
  disks: z.array(
    z.object({ number: z.number(), friendlyName: z.string(), partitionStyle: z.string(), size: z.number(), isBoot: z.boolean(), isSystem: z.boolean(), fileBacked: z.boolean() }),
  ),
  partitions: z.array(SourcePartition),
  bitLockerAvailable: z.boolean(),
  target: z.object({ path: z.string(), freeBytes: z.number().nullable(), kind: z.enum(['none', 'local', 'share']) }),
  disk2vhd: z.object({ present: z.boolean(), path: z.string().nullable(), version: z.string().nullable() }),
});
export type PreflightFacts = z.infer<typeof PreflightFacts>;

/** One preflight finding: i18n key + values, so the renderer words it in the user's language. */
export const Finding = z.object({
  id: z.string(),
  level: z.enum(['pass', 'warn', 'block']),
  /** i18n keys with their namespace ('p2v:find.os', 'p2v:fix.osOld'), translated with `values`. */
  key: z.string(),
  values: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
  /** i18n key of "what to do" (warn/block). */
  fixKey: z.string().optional(),
});
export type Finding = z.infer<typeof Finding>;

/**
 * A P2V VM's name. Brackets stay legal (Hyper-V allows them; the scripts address the VM by Id, so a name that
 * reads as a wildcard pattern acts on nothing else), but characters Hyper-V or the VM's folder reject, control
 * characters and leading or trailing spaces (which the user cannot see, and Hyper-V keeps) are refused.
 */
export const P2vVmName = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[^\\/:*?"<>|\u0000-\u001f\u007f]+$/, 'not a valid VM name')
  .refine((v) => v.trim() === v, 'the name starts or ends with a space');

export const P2vPlanInput = z.object({
  /** Partitions to capture, as "disk:partition"; system/boot/EFI are always added. */
  include: z.array(z.string().regex(/^\d+:\d+$/)).default([]),
  format: z.enum(['vhdx', 'vhd']).default('vhdx'),
  useShadowCopy: z.boolean().default(false),
  /** Folder on the source where Disk2vhd writes (a share on the host or a local folder); empty = the app's default. */
  targetFolder: z.string().max(260).default(''),
  hostId: z.string().min(1),
  vmName: P2vVmName,
  productionSwitch: z.string().max(100).default(''),
  /** Startup memory: Hyper-V takes multiples of 2 MB from 32 MB (the host's own limit is checked in main). */
  memoryBytes: z.number().int().min(32 * 1024 ** 2).multipleOf(2 * 1024 ** 2).optional(),
  processorCount: z.number().int().min(1).max(240).optional(),
  guestOs: z.enum(['windows', 'linux']).default('windows'),
});
export type P2vPlanInput = z.input<typeof P2vPlanInput>;

export const P2vPlan = z.object({
  include: z.array(z.string()),
  volumeArgs: z.array(z.string()),
  format: z.enum(['vhdx', 'vhd']),
  useShadowCopy: z.boolean(),
  capturePath: z.string(),
  hostPath: z.string(),
  vmDiskPath: z.string(),
  expectedBytes: z.number(),
  diskSize: z.number(),
  hostId: z.string(),
  vmName: z.string(),
  generation: z.union([z.literal(1), z.literal(2)]),
  secureBootTemplate: z.enum(['MicrosoftWindows', 'MicrosoftUEFICertificateAuthority']).nullable(),
  controller: z.enum(['IDE', 'SCSI']),
  productionSwitch: z.string(),
  isolatedSwitch: z.string(),
  memoryBytes: z.number(),
  processorCount: z.number(),
  /** The exact commands the capture will run, for the operator to read before starting. */
  commands: z.array(z.string()),
  notes: z.array(z.object({ key: z.string(), values: z.record(z.string(), z.union([z.string(), z.number()])).default({}) })),
});
export type P2vPlan = z.infer<typeof P2vPlan>;

export const StepName = z.enum(['preflight', 'plan', 'capture', 'verify', 'transfer', 'create-vm', 'first-boot', 'checklist']);
export type StepName = z.infer<typeof StepName>;

export const JobStatus = z.enum(['draft', 'running', 'waiting', 'blocked', 'failed', 'cancelled', 'completed']);
export type JobStatus = z.infer<typeof JobStatus>;

export const ChecklistItem = z.enum(['integration-services', 'vendor-agents', 'stale-drivers', 'ip-config', 'activation', 'production-network', 'delete-checkpoint', 'isolated-switch']);
export type ChecklistItem = z.infer<typeof ChecklistItem>;

/** What create-vm.ps1 reports about the VM it made (the pipeline parses it; the job keeps it). */
export const P2vCreatedVm = z.object({
  vmId: z.string(),
  name: z.string(),
  generation: z.number(),
  state: z.string(),
  controllerType: z.string(),
  secureBoot: z.string().nullable(),
  secureBootTemplate: z.string().nullable(),
  checkpointName: z.string(),
  /** The safety checkpoint's Id, so later actions address it by Id (absent in jobs made before it was kept). */
  checkpointId: z.string().optional(),
  switchName: z.string(),
});

/** Copying a Disk2vhd the user provided (a file on the machine running Hyperdesk) to the source's %ProgramData%\Hyperdesk. */
export const P2vDisk2vhdCopy = z.object({
  state: z.enum(['running', 'done', 'failed', 'cancelled']),
  fileName: z.string(),
  totalBytes: z.number(),
  copiedBytes: z.number(),
  sha256: z.string(),
  /** Where the file landed on the source (after the commit). */
  destination: z.string().nullable(),
  taskId: z.string().optional(),
  startedAt: z.string(),
  durationMs: z.number().optional(),
  error: IpcErrorShape.optional(),
});
export type P2vDisk2vhdCopy = z.infer<typeof P2vDisk2vhdCopy>;

export const P2vJob = z.object({
  id: z.string(),
  version: z.literal(1),
  createdAt: z.string(),
  updatedAt: z.string(),
  source: P2vSource,
  sourceLabel: z.string(),
  status: JobStatus,
  /** The step the wizard is on (the next to run, or the one running). */
  step: StepName,
  completed: z.array(StepName),
  preflight: z.object({ facts: PreflightFacts, findings: z.array(Finding), blocked: z.boolean(), at: z.string() }).optional(),
  plan: P2vPlan.optional(),
  capture: z
    .object({
      processId: z.number(),
      processStartTime: z.string(),
      commandLine: z.string(),
      startedAt: z.string(),
      bytes: z.number(),
      lastGrowthAt: z.string(),
      stuck: z.boolean(),
      endedAt: z.string().optional(),
    })
    .optional(),
  verify: z.object({ format: z.string(), bytes: z.number() }).optional(),
  transfer: z.object({ copiedBytes: z.number(), totalBytes: z.number(), skipped: z.boolean() }).optional(),
  disk2vhdCopy: P2vDisk2vhdCopy.optional(),
  vm: P2vCreatedVm.extend({ checkpoints: z.array(z.string()).default([]) }).optional(),
  checklist: z.record(z.string(), z.boolean()).default({}),
  /** The command shown beside a checklist item (built in main with the one quoting function, the VM by Id). */
  checklistCommands: z.record(z.string(), z.string()).optional(),
  taskId: z.string().optional(),
  percent: z.number().optional(),
  ledgerIds: z.array(z.string()).default([]),
  error: IpcErrorShape.optional(),
  /** A human-readable line for the job's state (e.g. why it is blocked or cancelled), as an i18n key. */
  /** An i18n key with its namespace ('p2v:note.stuck'). */
  noteKey: z.string().optional(),
});
export type P2vJob = z.infer<typeof P2vJob>;

const JobRef = z.object({ id: z.string().min(1) });

/** What removing a job could not clean up (the dialog says so, in words). */
export const P2vLeftBehind = z.enum(['source-session', 'password', 'lab-source']);
export type P2vLeftBehind = z.infer<typeof P2vLeftBehind>;

/** What the first-boot panel and the checklist can do to the new VM (and, at the end, to the isolated switch). */
export const P2vVmAction = z.enum(['start', 'rollback', 'production', 'remove-checkpoint', 'remove-isolated-switch']);
export type P2vVmAction = z.infer<typeof P2vVmAction>;

export const p2vChannels = {
  'p2v.list': channel(z.object({}), z.array(P2vJob)),
  'p2v.get': channel(JobRef, P2vJob),
  /** `password` (remote sources) only flows inward, into the SecretStore; it is never returned or persisted in the job. */
  'p2v.create': channel(z.object({ source: P2vSource, password: z.string().max(1024).optional() }), P2vJob),
  'p2v.preflight': channel(z.object({ id: z.string().min(1), targetFolder: z.string().max(260).default('') }), P2vJob),
  /**
   * Copies the disk2vhd64.exe / disk2vhd.exe at `path` (on the machine running Hyperdesk) to the source's
   * %ProgramData%\Hyperdesk\disk2vhd64.exe as a task; returns at once, then the preflight runs again.
   */
  'p2v.copyDisk2vhd': channel(z.object({ id: z.string().min(1), path: z.string().max(4096) }), P2vJob),
  'p2v.plan': channel(z.object({ id: z.string().min(1), plan: P2vPlanInput }), P2vJob),
  /** Runs capture → verify → transfer → create VM as tasks; returns at once. */
  'p2v.start': channel(JobRef, P2vJob),
  /** Cancels the running step, or a running Disk2vhd copy. */
  'p2v.cancel': channel(JobRef, P2vJob),
  'p2v.vmAction': channel(z.object({ id: z.string().min(1), action: P2vVmAction }), P2vJob),
  'p2v.checklist': channel(z.object({ id: z.string().min(1), item: ChecklistItem, done: z.boolean() }), P2vJob),
  /**
   * Removes a job that is not running: its record, its source session, its stored password and the files the
   * app made for it (a lab source). The captured image stays unless `deleteImage` (and only from the app's own
   * capture folder: an image elsewhere is the user's to delete).
   */
  'p2v.remove': channel(z.object({ id: z.string().min(1), deleteImage: z.boolean().default(false) }), z.object({ removed: z.boolean(), imageDeleted: z.boolean(), leftBehind: z.array(P2vLeftBehind) })),
};

export const p2vEvents = {
  /** A job changed: signal, then the renderer pulls p2v.get. */
  'p2v.changed': event(z.object({ id: z.string() })),
};
