import type { TOptions } from 'i18next';
import type { IpcErrorShape } from '../../../shared/ipc/errors';
import { ApiError } from '../api/api-error';
import { translateRuntimeKey } from '../i18n/keys';

/**
 * The one mapping from an error to what the user reads, in their language. The error contract carries the code,
 * a user message (i18n key + values, set where the cause is known) and the technical text separately; internal
 * prefixes ("inventory/set-vm-settings on HV-LAB02: "), zod paths and codes never reach the message, only the
 * detail one click away. A host's own error is said as the host's: "HV-LAB02 says: ...".
 */
export interface UserError {
  message: string;
  /** The technical text (code, script prefix, structured detail): shown behind "Details". */
  detail: string;
  /** Words inside `message` that are the host's own (or a recorded transcript's), quoted as they came: not ours to translate. */
  verbatim?: string;
}

type AnyT = (key: never, options?: never) => string;
type ErrorLike = Pick<IpcErrorShape, 'code' | 'message'> & Partial<Pick<IpcErrorShape, 'hostId' | 'detail' | 'user'>>;

/** `<feature>/<script>` or `<feature>/<script> on <host>` before a colon: the session layer's technical prefix. */
const SCRIPT_PREFIX = /^[a-z0-9-]+\/[a-z0-9-]+(?: on [^:]+?)?:\s*/;
/** A malformed answer ("... returned unexpected data at vms.0.name: expected string"). */
const BAD_ANSWER = /^[a-z0-9-]+\/[a-z0-9-]+ on .+? returned (unexpected data|malformed output)/;
/** A zod-style issue path glued onto a message ("processor.count: Too big"). */
const ZOD_PATH = /^[A-Za-z_][\w]*(?:\.[\w]+)+:\s*/;

const asShape = (err: unknown): ErrorLike | null => {
  if (err instanceof ApiError) return { code: err.code, message: err.message, hostId: err.hostId, detail: err.detail, ...(err.user ? { user: err.user } : {}) };
  if (err && typeof err === 'object' && 'code' in err && 'message' in err) return err as ErrorLike;
  return null;
};

function technical(e: ErrorLike): string {
  const detail = e.detail === undefined ? '' : `\n${JSON.stringify(e.detail, null, 2).slice(0, 4000)}`;
  return `${e.code}: ${e.message}${detail}`;
}

/** Strips what only the session layer and the contract need: the script prefix and zod paths. */
export function plainMessage(message: string): string {
  return message.replace(SCRIPT_PREFIX, '').replace(ZOD_PATH, '').trim();
}

export function describeError(t: AnyT, err: unknown, hostName: (hostId: string) => string | undefined = () => undefined): UserError {
  const e = asShape(err);
  if (!e) {
    const text = err instanceof Error ? err.message : String(err);
    return { message: translateRuntimeKey(t, 'common:errors.generic', { message: plainMessage(text) }), detail: text };
  }
  // Never a host's Id in a sentence: unnamed, it is "the host".
  const host = (e.hostId && hostName(e.hostId)) || translateRuntimeKey(t, 'common:errors.theHost');
  const tr = (key: string, values: TOptions = {}) => translateRuntimeKey(t, key, { host, ...values });
  if (e.user) {
    // "<host> says: …" carries the host's own words in `message`: quoted as they came.
    const words = e.user.key.endsWith('errors.hostSays') && typeof e.user.values?.message === 'string' ? e.user.values.message : undefined;
    return { message: tr(e.user.key, e.user.values), detail: technical(e), ...(words ? { verbatim: words } : {}) };
  }
  if (Array.isArray(e.detail) && e.code === 'VALIDATION' && e.detail.every((p) => p && typeof p === 'object' && typeof (p as { key?: unknown }).key === 'string' && 'field' in p)) {
    // The settings/new-VM rules' problems: each has its own sentence.
    const lines = (e.detail as { key: string }[]).map((p) => tr(`common:validation.${p.key}`, { defaultValue: p.key }));
    return { message: lines.join(' '), detail: technical(e) };
  }
  switch (e.code) {
    case 'PS_ERROR':
      if (BAD_ANSWER.test(e.message)) return { message: tr('common:errors.badAnswer'), detail: technical(e) };
      return { message: tr('common:errors.hostSays', { message: plainMessage(e.message) }), detail: technical(e), verbatim: plainMessage(e.message) };
    case 'TIMEOUT':
      return { message: tr(host ? 'common:errors.timeoutOn' : 'common:errors.timeout'), detail: technical(e) };
    case 'CANCELLED':
      return { message: tr('common:errors.cancelled'), detail: technical(e) };
    case 'INTERNAL':
      return { message: tr('common:errors.internal'), detail: technical(e) };
    case 'VALIDATION':
      return { message: tr('common:errors.invalid', { message: plainMessage(e.message) }), detail: technical(e) };
    default:
      return { message: plainMessage(e.message), detail: technical(e) };
  }
}
