export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
  /** 0..1: the delay is drawn from [d*(1-jitter), d]. */
  jitter: number;
  /** Attempts before the host is declared failed (it still retries, at maxMs). */
  failAfter: number;
}

export const defaultBackoff: BackoffPolicy = { baseMs: 1_000, maxMs: 60_000, jitter: 0.5, failAfter: 5 };

/** Capped exponential backoff with jitter, so many hosts that drop together do not reconnect in lockstep. */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const exp = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt));
  const low = exp * (1 - policy.jitter);
  return Math.round(low + (exp - low) * random());
}
