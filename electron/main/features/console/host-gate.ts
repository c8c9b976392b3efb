import type { RunScript } from './console-frame-source';

/**
 * Serialises the matching calls per host: each waits for the previous one on the same host. Other calls pass
 * straight through. Keeps several consoles on one host from taking every session of a lane.
 */
export function perHostSingleFlight(run: RunScript, matches: (script: string) => boolean): RunScript {
  const tails = new Map<string, Promise<unknown>>();
  return (hostId, script, args, opts) => {
    if (!matches(script)) return run(hostId, script, args, opts);
    const previous = tails.get(hostId) ?? Promise.resolve();
    const next = previous.then(() => run(hostId, script, args, opts));
    const tail = next.then(
      () => undefined,
      () => undefined, // the caller handles its own failure; the chain only orders calls
    );
    tails.set(hostId, tail);
    void tail.then(() => {
      if (tails.get(hostId) === tail) tails.delete(hostId);
    });
    return next;
  };
}
