import { z } from 'zod';
import { channel, event } from '../../ipc/define';
import { SshOptions, StoredSshOptions } from './ssh-options';

/** lab = a simulated host in a local pwsh (the default); local = this machine's PowerShell. */
export const HostTransport = z.enum(['lab', 'local', 'winrm', 'ssh']);
export type HostTransport = z.infer<typeof HostTransport>;

export const WinRmAuthentication = z.enum(['Default', 'Kerberos', 'Negotiate', 'CredSSP']);

/** A DNS name or address: one word, never starting with '-' (ssh and ssh-keyscan would read it as an option). */
const HostAddress = z
  .string()
  .trim()
  .min(1)
  .max(255)
  .regex(/^[^\s\-][^\s]*$/, 'An address is one word and does not start with -');

/** What is persisted about a host (never a secret: passwords live in the SecretStore, keyed by host id). */
export const HostConfig = z.object({
  id: z.string().min(1).max(64),
  name: z.string().trim().min(1).max(200),
  transport: HostTransport,
  /** DNS name or address for winrm/ssh. */
  address: HostAddress.optional(),
  port: z.number().int().min(1).max(65535).optional(),
  userName: z.string().max(256).optional(),
  keyFilePath: z.string().max(4096).optional(),
  useSsl: z.boolean().optional(),
  authentication: WinRmAuthentication.optional(),
  /** Extra ssh options passed to New-PSSession -Options: an allowlist (ssh-options.ts), host keys always checked strictly. */
  sshOptions: SshOptions.optional(),
  /** Lab hosts: the folder holding this simulated host's state. */
  labStateDir: z.string().max(4096).optional(),
});
export type HostConfig = z.infer<typeof HostConfig>;

export const HostState = z.enum(['connecting', 'ready', 'degraded', 'reconnecting', 'failed', 'closed']);
export type HostState = z.infer<typeof HostState>;

/** Why a host is not ready, in terms a person can act on. */
export const HostReason = z.enum([
  'unreachable',
  'auth-failed',
  'winrm-not-enabled',
  'hyperv-missing',
  'access-denied',
  'timeout',
  'powershell-failed',
  // SSH causes, read from what the ssh client printed (see platform/sessions/ssh-probe.ts).
  'connection-refused',
  'name-not-resolved',
  'host-key-unknown',
  'host-key-changed',
  'no-subsystem',
  /** The saved config cannot be used as it is (e.g. a refused ssh option in hosts.json): nothing was started. */
  'config-refused',
]);
export type HostReason = z.infer<typeof HostReason>;

export const HostInfo = z.object({
  computerName: z.string(),
  psVersion: z.string(),
  psEdition: z.string(),
  hypervModule: z.boolean(),
  hypervModuleVersion: z.string().nullable(),
  logicalProcessorCount: z.number().nullable(),
  memoryCapacity: z.number().nullable(),
  virtualMachinePath: z.string().nullable(),
});
export type HostInfo = z.infer<typeof HostInfo>;

export const HostStatus = z.object({
  state: HostState,
  reason: HostReason.optional(),
  message: z.string().optional(),
  /** SSH: the client's own line that names the cause (shown under the translated reason). */
  detail: z.string().optional(),
  since: z.string(),
});
export type HostStatus = z.infer<typeof HostStatus>;

/** What an SSH host presented, against what the app's own known_hosts holds for that address and port. */
export const HostKeyCheck = z.object({
  address: z.string(),
  port: z.number().int(),
  /** unknown: never trusted; changed: a different key is trusted for this host (refused); trusted: it matches. */
  status: z.enum(['trusted', 'unknown', 'changed']),
  keyType: z.string(),
  /** SHA256:<base64>, as `ssh-keygen -l` prints it. */
  fingerprint: z.string(),
  /** The fingerprints trusted before (status changed). */
  knownFingerprints: z.array(z.string()),
});
export type HostKeyCheck = z.infer<typeof HostKeyCheck>;

// A saved host keeps whatever hosts.json held (a refused option shows on that host as config-refused).
export const HostView = HostConfig.extend({
  sshOptions: StoredSshOptions.optional(),
  hasCredential: z.boolean(),
  status: HostStatus,
  info: HostInfo.optional(),
});
export type HostView = z.infer<typeof HostView>;

/** Adding or testing a host: the config without id, plus a password that only ever flows inward. */
export const HostInput = HostConfig.omit({ id: true }).extend({ password: z.string().max(1024).optional() });
export type HostInput = z.infer<typeof HostInput>;

export const HostTestResult = z.object({
  ok: z.boolean(),
  code: z.string().optional(),
  reason: HostReason.optional(),
  message: z.string().optional(),
  info: HostInfo.optional(),
  /** SSH: the host's key when it is not trusted yet (unknown) or differs from the trusted one (changed). */
  hostKey: HostKeyCheck.optional(),
  /** SSH: the client's own line that names the cause (e.g. "Permission denied (publickey)."). */
  detail: z.string().optional(),
  durationMs: z.number(),
});
export type HostTestResult = z.infer<typeof HostTestResult>;

const HostId = z.object({ id: z.string().min(1).max(64) });
const HostEndpoint = z.object({ address: HostAddress, port: z.number().int().min(1).max(65535).optional() });

/** Editing a host: any HostInput field; null clears an optional one (null password forgets the stored one). */
export const HostPatch = HostInput.partial().extend({
  address: HostInput.shape.address.unwrap().nullable().optional(),
  port: HostInput.shape.port.unwrap().nullable().optional(),
  userName: HostInput.shape.userName.unwrap().nullable().optional(),
  keyFilePath: HostInput.shape.keyFilePath.unwrap().nullable().optional(),
  useSsl: HostInput.shape.useSsl.unwrap().nullable().optional(),
  authentication: WinRmAuthentication.nullable().optional(),
  sshOptions: HostInput.shape.sshOptions.unwrap().nullable().optional(),
  password: z.string().max(1024).nullable().optional(),
});
export type HostPatch = z.infer<typeof HostPatch>;

/** Why a host config cannot work, or null: remote transports need an address. */
export function hostConfigProblem(config: Pick<HostConfig, 'transport' | 'address'>): string | null {
  if ((config.transport === 'ssh' || config.transport === 'winrm') && !config.address) return `A ${config.transport === 'ssh' ? 'SSH' : 'WinRM'} host needs an address`;
  return null;
}

export const hostsChannels = {
  'hosts.list': channel(z.object({}), z.object({ hosts: z.array(HostView) })),
  'hosts.add': channel(HostInput, HostView),
  'hosts.update': channel(HostId.extend({ patch: HostPatch }), HostView),
  'hosts.remove': channel(HostId, z.object({ removed: z.boolean() })),
  'hosts.test': channel(HostInput, HostTestResult),
  'hosts.reconnect': channel(HostId, HostView),
  /** Reads an SSH host's key (ssh-keyscan) and compares it with the app's known_hosts; null when nothing answered. */
  'hosts.hostKey': channel(HostEndpoint, z.object({ key: HostKeyCheck.nullable() })),
  /** Trusts the key the host presents now, only if its fingerprint is the one the user saw; never replaces another key. */
  'hosts.trustHostKey': channel(HostEndpoint.extend({ fingerprint: z.string().min(8).max(200) }), HostKeyCheck),
  /** Forgets every trusted key of that address and port (the deliberate step before trusting a changed key). */
  'hosts.forgetHostKey': channel(HostEndpoint, z.object({ removed: z.number() })),
};

export const hostsEvents = {
  /** The host list or a host's config changed: re-fetch hosts.list. */
  'hosts.changed': event(z.object({})),
  /** A host's connection state changed. */
  'host.state': event(z.object({ hostId: z.string(), status: HostStatus })),
};
