import { z } from 'zod';

/** The closed set of error codes any IPC call can fail with. Add a code only when the UI must act differently on it. */
export const errorCodes = [
  'VALIDATION', // input did not match the contract
  'NOT_FOUND', // a host, VM or other object named in the input does not exist
  'HOST_UNREACHABLE', // network, DNS, sshd/WinRM down
  'AUTH_FAILED', // wrong credential or key
  'ACCESS_DENIED', // authenticated but not allowed (not Hyper-V Administrators)
  'PS_ERROR', // PowerShell ran and reported an error (detail carries the structured record)
  'TIMEOUT', // the call ran past its deadline and was cancelled
  'CANCELLED', // the caller cancelled
  'NOT_SUPPORTED', // the host or platform cannot do this (e.g. not simulated in the lab)
  'CONFLICT', // the object is in a state that forbids the operation
  'INTERNAL', // a bug on our side
] as const;
export const ErrorCode = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof ErrorCode>;

/**
 * What the UI says about an error, in the user's language: an i18n key ('common:errors.hostSays') with its values.
 * `message` stays the full technical text (logs, ledger, "details"); the renderer shows `user` when present
 * (renderer/src/ui/user-error.ts), with the host's name filled in from hostId.
 */
export const UserMessage = z.object({ key: z.string(), values: z.record(z.string(), z.union([z.string(), z.number()])).default({}) });
export type UserMessage = z.infer<typeof UserMessage>;

export const IpcErrorShape = z.object({
  code: ErrorCode,
  message: z.string(),
  hostId: z.string().optional(),
  detail: z.unknown().optional(),
  user: UserMessage.optional(),
});
export type IpcErrorShape = z.infer<typeof IpcErrorShape>;

/** Thrown by main-side code to fail a call with a specific code; anything else thrown becomes INTERNAL. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: { hostId?: string; detail?: unknown; user?: UserMessage } = {},
  ) {
    super(message);
    this.name = 'AppError';
  }

  toShape(): IpcErrorShape {
    return { code: this.code, message: this.message, ...this.extra };
  }
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: IpcErrorShape };
