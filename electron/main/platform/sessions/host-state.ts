import type { HostReason, HostState } from '../../../../shared/features/hosts/hosts.contract';

/**
 * The host connection state machine, as a pure transition table.
 *   connecting → ready | failed | reconnecting
 *   ready ⇄ degraded (a heartbeat or call failed on transport; the session may still work)
 *   degraded → reconnecting → ready | failed
 *   reconnecting → failed after too many attempts (retries continue at the cap); failed → ready on success
 *   failed → connecting when the user asks to reconnect
 *   any → closed (removed or app quit); closed is final.
 */
export type HostEvent =
  | { type: 'open' }
  | { type: 'opened' }
  | { type: 'open-failed'; reason: HostReason; fatal: boolean }
  | { type: 'transport-error'; reason: HostReason }
  | { type: 'heartbeat-ok' }
  | { type: 'lost'; reason: HostReason }
  | { type: 'retry' }
  | { type: 'give-up'; reason: HostReason }
  | { type: 'close' };

const table: Record<HostState, Partial<Record<HostEvent['type'], HostState>>> = {
  connecting: { opened: 'ready', 'open-failed': 'reconnecting', lost: 'reconnecting', close: 'closed' },
  ready: { 'transport-error': 'degraded', lost: 'reconnecting', 'heartbeat-ok': 'ready', open: 'connecting', close: 'closed' },
  degraded: { 'heartbeat-ok': 'ready', opened: 'ready', lost: 'reconnecting', 'transport-error': 'degraded', open: 'connecting', close: 'closed' },
  reconnecting: { opened: 'ready', 'open-failed': 'reconnecting', retry: 'reconnecting', 'give-up': 'failed', open: 'connecting', close: 'closed' },
  // Background retries continue (at the backoff cap) while failed; only success or the user moves it.
  failed: { 'open-failed': 'failed', retry: 'reconnecting', open: 'connecting', opened: 'ready', close: 'closed' },
  closed: {},
};

/** Returns the next state, or undefined when the event does not apply (the caller ignores it). */
export function nextHostState(state: HostState, ev: HostEvent): HostState | undefined {
  // A fatal open failure (bad credential, module missing) does not retry on its own: the user must act.
  if (ev.type === 'open-failed' && ev.fatal && state !== 'closed') return 'failed';
  return table[state][ev.type];
}

/** Reasons that retrying cannot fix without the user changing something. */
export function isFatalReason(reason: HostReason): boolean {
  return (
    reason === 'auth-failed' ||
    reason === 'access-denied' ||
    reason === 'hyperv-missing' ||
    reason === 'winrm-not-enabled' ||
    // A host key to trust (or a changed one), a missing subsystem, a refused saved option: retrying cannot help.
    reason === 'host-key-unknown' ||
    reason === 'host-key-changed' ||
    reason === 'no-subsystem' ||
    reason === 'config-refused'
  );
}
