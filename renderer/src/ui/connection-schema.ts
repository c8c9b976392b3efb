import { z } from 'zod';
import { WinRmAuthentication } from '../../../shared/features/hosts/hosts.contract';

export const ConnectionTransport = z.enum(['winrm', 'ssh', 'local']);
export type ConnectionTransport = z.infer<typeof ConnectionTransport>;

/**
 * The fields of a PowerShell-remoting connection as typed in a form (strings, as inputs hold them). The same
 * in every form that reaches a machine: the add-host dialog and the P2V source.
 */
export const connectionShape = {
  transport: ConnectionTransport,
  address: z.string().trim().max(255),
  port: z
    .string()
    .trim()
    .refine((p) => p === '' || (/^\d+$/.test(p) && Number(p) >= 1 && Number(p) <= 65535), { message: 'hosts:portRange' }),
  userName: z.string().max(256),
  /** Only ever flows inward (to main's SecretStore); never kept outside the form. */
  password: z.string().max(1024),
  keyFilePath: z.string().max(4096),
  useSsl: z.boolean(),
  authentication: WinRmAuthentication,
};

export type ConnectionValues = z.input<z.ZodObject<typeof connectionShape>>;

/** The address is required for a remote transport (a schema refinement, so both forms say it the same way). */
export function requireAddress(v: { transport: ConnectionTransport; address: string }, ctx: z.RefinementCtx): void {
  if (v.transport !== 'local' && v.address.trim() === '') ctx.addIssue({ code: 'custom', path: ['address'], message: 'hosts:addressRequired' });
}

export const connectionDefaults = (): ConnectionValues => ({
  transport: 'winrm',
  address: '',
  port: '',
  userName: '',
  password: '',
  keyFilePath: '',
  useSsl: false,
  authentication: 'Default',
});

/**
 * The contract's connection fields for what the user chose: only those the transport uses (SSH is key-only:
 * New-PSSession -HostName takes no credential; WinRM has SSL and the authentication). No password: each caller
 * passes it on its own way.
 */
export function connectionFields(v: ConnectionValues) {
  return {
    ...(v.transport !== 'local' ? { address: v.address.trim() } : {}),
    ...(v.port.trim() ? { port: Number(v.port) } : {}),
    ...(v.userName ? { userName: v.userName } : {}),
    ...(v.transport === 'ssh' && v.keyFilePath ? { keyFilePath: v.keyFilePath } : {}),
    ...(v.transport === 'winrm' ? { useSsl: v.useSsl, authentication: v.authentication } : {}),
  };
}
