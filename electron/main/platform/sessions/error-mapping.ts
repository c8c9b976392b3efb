import { AppError, type ErrorCode } from '../../../../shared/ipc/errors';
import type { HostReason } from '../../../../shared/features/hosts/hosts.contract';
import { AgentCallError } from '../powershell/agent-process';
import type { PsErrorInfo } from '../powershell/protocol';
import { sshCause, sshCauseMessage } from './ssh-causes';

export interface Classified {
  code: ErrorCode;
  reason: HostReason;
  message: string;
  /** The session (or the agent) is gone: the host must reconnect. */
  lost: boolean;
  /** The ssh client's own line that names the cause, when there is one. */
  detail?: string;
}

// SSH and WinRM report connection failures only as text; these are the stable, English, non-localized
// parts (ssh's own messages and WinRM's fixed HRESULTs), used only to pick a human reason.
const AUTH = /permission denied|publickey|authentication failed|logon failure|user name or password is incorrect|too many authentication failures|invalid user|0x8009030e/i;
const ACCESS = /access is denied|accessdenied|unauthorizedaccess/i;
const WINRM_OFF = /winrm (service|client) cannot|ensure that the winrm service is running|0x80338012|-2144108526/i;
const NO_WSMAN = /no supported WSMan client library was found/i;
const UNREACHABLE = /connection refused|could not resolve|name or service not known|no route to host|network is unreachable|timed out|connection (closed|reset)|broken pipe|session has ended|kex_exchange|connection timed out|host key verification failed/i;

function describe(e: PsErrorInfo | undefined, fallback: string): string {
  return (e?.message || fallback).trim();
}

const codeOfSshCause: Partial<Record<HostReason, ErrorCode>> = {
  'auth-failed': 'AUTH_FAILED',
  'host-key-unknown': 'AUTH_FAILED',
  'host-key-changed': 'AUTH_FAILED',
  'no-subsystem': 'NOT_SUPPORTED',
  timeout: 'TIMEOUT',
};

/**
 * Maps a failure to open a session (or of the transport under a call) to a code and an actionable reason.
 * `port` only words the message. The ssh client's own lines (err.diagnostics) name the cause first.
 */
export function classifyTransportFailure(err: unknown, hostName: string, port?: number): Classified {
  if (err instanceof AppError) return { code: err.code, reason: 'powershell-failed', message: err.message, lost: false };
  if (!(err instanceof AgentCallError)) {
    return { code: 'INTERNAL', reason: 'powershell-failed', message: err instanceof Error ? err.message : String(err), lost: true };
  }
  if (err.code === 'AGENT_EXITED') return { code: 'HOST_UNREACHABLE', reason: 'powershell-failed', message: `${hostName}: ${err.message}`, lost: true };
  if (err.code === 'TIMEOUT' || err.code === 'AGENT_STUCK') {
    return { code: 'TIMEOUT', reason: 'timeout', message: `${hostName} did not answer in time`, lost: true };
  }
  const cause = sshCause(err.diagnostics);
  if (cause) {
    return { code: codeOfSshCause[cause.reason] ?? 'HOST_UNREACHABLE', reason: cause.reason, message: sshCauseMessage(cause, hostName, port), lost: true, detail: cause.line };
  }
  const first = err.errors[0];
  const text = [...err.errors.map((e) => `${e.message} ${e.fqid} ${e.errorCode ?? ''}`), err.message, ...err.diagnostics].join(' ');
  const msg = describe(first, err.message);
  const authLine = err.diagnostics.find((l) => AUTH.test(l));
  if (AUTH.test(text)) return { code: 'AUTH_FAILED', reason: 'auth-failed', message: `Authentication to ${hostName} failed: ${authLine ?? msg}`, lost: true };
  if (NO_WSMAN.test(text)) {
    // pwsh on Linux/macOS cannot speak WinRM at all: say so instead of "unreachable", and don't retry.
    return { code: 'NOT_SUPPORTED', reason: 'winrm-not-enabled', message: `WinRM needs Windows: PowerShell on this machine has no WSMan client. Use SSH to reach ${hostName}.`, lost: true };
  }
  if (WINRM_OFF.test(text)) return { code: 'HOST_UNREACHABLE', reason: 'winrm-not-enabled', message: `WinRM is not enabled or not reachable on ${hostName}: ${msg}`, lost: true };
  if (ACCESS.test(text)) return { code: 'ACCESS_DENIED', reason: 'access-denied', message: `Access to ${hostName} was denied: ${msg}`, lost: true };
  if (UNREACHABLE.test(text) || err.code === 'TRANSPORT' || err.code === 'NO_SESSION') {
    return { code: 'HOST_UNREACHABLE', reason: 'unreachable', message: `${hostName} is unreachable: ${msg}`, lost: true };
  }
  return { code: 'PS_ERROR', reason: 'powershell-failed', message: msg, lost: false };
}

/** Turns a failed script call into the AppError the caller sees. Does not decide about reconnecting. */
export function toCallError(err: unknown, hostId: string, hostName: string, script: string, aborted: boolean): AppError {
  if (err instanceof AppError) return err;
  if (!(err instanceof AgentCallError)) return new AppError('INTERNAL', `${script}: ${err instanceof Error ? err.message : String(err)}`, { hostId });
  switch (err.code) {
    case 'CANCELLED':
      return new AppError('CANCELLED', `${script} on ${hostName} was cancelled`, { hostId });
    case 'TIMEOUT':
      return new AppError('TIMEOUT', `${script} on ${hostName} ran past its deadline and was stopped`, { hostId });
    case 'AGENT_STUCK':
      return aborted
        ? new AppError('CANCELLED', `${script} on ${hostName} was cancelled`, { hostId })
        : new AppError('TIMEOUT', `${script} on ${hostName} did not answer and was abandoned`, { hostId });
    case 'TOO_LARGE':
      return new AppError('PS_ERROR', `${script} on ${hostName}: ${err.message}`, { hostId });
    case 'PS_ERROR': {
      const first = err.errors[0];
      const denied = err.errors.some((e) => e.category === 'PermissionDenied' || /UnauthorizedAccess/.test(e.exceptionType));
      const missing = err.errors.some((e) => /CommandNotFoundException/.test(e.exceptionType));
      const code: ErrorCode = denied ? 'ACCESS_DENIED' : missing ? 'NOT_SUPPORTED' : 'PS_ERROR';
      return new AppError(code, `${script} on ${hostName}: ${describe(first, err.message)}`, {
        hostId,
        detail: { errors: err.errors, warnings: err.streams?.warnings ?? [] },
        // The UI shows the host's own words as the host's ("HV-LAB02 says: ..."), without the script prefix.
        user: { key: 'common:errors.hostSays', values: { message: describe(first, err.message) } },
      });
    }
    default: {
      const c = classifyTransportFailure(err, hostName);
      return new AppError(c.code, c.message, { hostId, detail: { errors: err.errors } });
    }
  }
}
