import type { HostReason } from '../../../../shared/features/hosts/hosts.contract';

/** What ssh printed that names why a connection failed, and the reason it means. */
export interface SshCause {
  reason: HostReason;
  /** ssh's own line, shown as the detail. */
  line: string;
}

// OpenSSH's client messages (English, not localized: ssh has no translations). Order matters: a changed key
// also prints "Host key verification failed", and an unknown key under strict checking does too.
const causes: Array<[RegExp, HostReason]> = [
  [/REMOTE HOST IDENTIFICATION HAS CHANGED|Host key for .* has changed/i, 'host-key-changed'],
  [/No .* host key is known for|Host key verification failed/i, 'host-key-unknown'],
  [/Could not resolve hostname|Name or service not known|nodename nor servname|Temporary failure in name resolution/i, 'name-not-resolved'],
  [/Connection refused/i, 'connection-refused'],
  [/Connection timed out|Operation timed out|timed out during banner exchange/i, 'timeout'],
  [/Permission denied \(|Too many authentication failures|no such identity|Load key .*: (invalid format|bad permissions)/i, 'auth-failed'],
  [/subsystem request failed/i, 'no-subsystem'],
  [/No route to host|Network is unreachable/i, 'unreachable'],
];

/** The first cause found in ssh's output lines (the most specific one wins), or null. */
export function sshCause(lines: readonly string[]): SshCause | null {
  for (const [pattern, reason] of causes) {
    const line = lines.find((l) => pattern.test(l));
    if (line) {
      // For a changed key the useful line is the one with the new fingerprint, not the banner of @ signs.
      const shown = reason === 'host-key-changed' ? (lines.find((l) => /Host key for .* has changed/i.test(l)) ?? line) : line;
      return { reason, line: shown.trim() };
    }
  }
  return null;
}

/** The sentence the log and the API carry for a cause (the renderer shows its own translation by reason). */
export function sshCauseMessage(cause: SshCause, hostName: string, port: number | undefined): string {
  const where = `${hostName}${port ? ` port ${port}` : ''}`;
  switch (cause.reason) {
    case 'connection-refused':
      return `Nothing accepts SSH connections on ${where} (connection refused)`;
    case 'name-not-resolved':
      return `The name ${hostName} could not be resolved`;
    case 'host-key-unknown':
      return `The host key of ${where} is not trusted yet: check its fingerprint and trust it`;
    case 'host-key-changed':
      return `The host key of ${where} has changed: refused (it may be reinstalled, or someone is in between)`;
    case 'auth-failed':
      return `SSH sign-in to ${where} was refused: ${cause.line}`;
    case 'no-subsystem':
      return `${hostName} accepts SSH but has no PowerShell subsystem (add "Subsystem powershell ... -sshs" to its sshd_config)`;
    case 'timeout':
      return `${where} did not answer in time`;
    default:
      return `${where} is unreachable: ${cause.line}`;
  }
}
