import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../../electron/main/platform/sessions/backoff';
import { isFatalReason, nextHostState } from '../../../electron/main/platform/sessions/host-state';

describe('host state machine', () => {
  it('walks connecting → ready → degraded → ready → reconnecting → ready', () => {
    let s = nextHostState('connecting', { type: 'opened' })!;
    expect(s).toBe('ready');
    s = nextHostState(s, { type: 'transport-error', reason: 'timeout' })!;
    expect(s).toBe('degraded');
    s = nextHostState(s, { type: 'heartbeat-ok' })!;
    expect(s).toBe('ready');
    s = nextHostState(s, { type: 'lost', reason: 'unreachable' })!;
    expect(s).toBe('reconnecting');
    expect(nextHostState(s, { type: 'opened' })).toBe('ready');
  });

  it('goes to failed at once on a fatal open failure, and stays retrying on a transient one', () => {
    expect(nextHostState('connecting', { type: 'open-failed', reason: 'auth-failed', fatal: true })).toBe('failed');
    expect(nextHostState('connecting', { type: 'open-failed', reason: 'unreachable', fatal: false })).toBe('reconnecting');
    expect(nextHostState('reconnecting', { type: 'give-up', reason: 'unreachable' })).toBe('failed');
    expect(nextHostState('failed', { type: 'open-failed', reason: 'unreachable', fatal: false })).toBe('failed');
    expect(nextHostState('failed', { type: 'opened' })).toBe('ready');
    expect(nextHostState('failed', { type: 'open' })).toBe('connecting');
  });

  it('ignores events that do not apply, and closed is final', () => {
    expect(nextHostState('ready', { type: 'retry' })).toBeUndefined();
    expect(nextHostState('closed', { type: 'open' })).toBeUndefined();
    expect(nextHostState('closed', { type: 'open-failed', reason: 'auth-failed', fatal: true })).toBeUndefined();
    for (const s of ['connecting', 'ready', 'degraded', 'reconnecting', 'failed'] as const) expect(nextHostState(s, { type: 'close' })).toBe('closed');
  });

  it('treats credential, permission and missing-module problems as fatal, network ones as transient', () => {
    expect(isFatalReason('auth-failed')).toBe(true);
    expect(isFatalReason('access-denied')).toBe(true);
    expect(isFatalReason('hyperv-missing')).toBe(true);
    expect(isFatalReason('unreachable')).toBe(false);
    expect(isFatalReason('timeout')).toBe(false);
  });
});

describe('backoff', () => {
  const policy = { baseMs: 1_000, maxMs: 30_000, jitter: 0.5, failAfter: 5 };
  it('doubles per attempt up to the cap', () => {
    const top = (a: number) => backoffDelay(a, policy, () => 1);
    expect([0, 1, 2, 3, 4, 5, 6].map(top)).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
  });
  it('draws within [d*(1-jitter), d]', () => {
    expect(backoffDelay(3, policy, () => 0)).toBe(4_000);
    expect(backoffDelay(3, policy, () => 0.5)).toBe(6_000);
    for (let i = 0; i < 100; i++) {
      const d = backoffDelay(10, policy);
      expect(d).toBeGreaterThanOrEqual(15_000);
      expect(d).toBeLessThanOrEqual(30_000);
    }
  });
});
