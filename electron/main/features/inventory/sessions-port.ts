import type { z } from 'zod';
import type { ScriptRunOptions, SessionsPort } from './inventory-ports';

/** The parts of the session layer (electron/main/hosts/session-registry.ts) the inventory uses. */
export interface RegistryLike {
  run<T>(
    hostId: string,
    script: string,
    args: Record<string, unknown>,
    opts: { signal?: AbortSignal; timeoutMs?: number; onProgress?: (p: { percent: number; status: string }) => void; schema?: z.ZodType<T>; lane?: 'read' | 'op' },
  ): Promise<T>;
  list(): Promise<{ id: string }[]>;
}

export interface LedgerLike {
  list(filter: { hostId?: string; script?: string; limit: number }): { id: string; startedAt: string }[];
}

/**
 * Adapts the session registry to the inventory's port. Ledger ids: the registry calls `onLedgerId` when it
 * supports it; otherwise the newest unclaimed ledger entry of this host and script, started after the call
 * began, is taken (the ledger is appended synchronously as the call settles).
 */
export function sessionsPort(registry: RegistryLike, ledger: LedgerLike, subscribeHostsChanged: (l: () => void) => () => void): SessionsPort {
  const claimed = new Set<string>();
  const claim = (hostId: string, script: string, since: number, report: (id: string) => void) => {
    const recent = ledger.list({ hostId, script, limit: 20 });
    const hit = recent.find((e) => !claimed.has(e.id) && Date.parse(e.startedAt) >= since - 5);
    if (!hit) return;
    claimed.add(hit.id);
    if (claimed.size > 10_000) claimed.clear();
    report(hit.id);
  };
  return {
    async run<T>(hostId: string, script: string, args: Record<string, unknown>, opts: ScriptRunOptions<T>): Promise<T> {
      const { onLedgerId, ...rest } = opts;
      let reported = false;
      const report = (id: string) => {
        reported = true;
        onLedgerId?.(id);
      };
      const forwarded = { ...rest, onLedgerId: report };
      const since = Date.now();
      try {
        return await registry.run<T>(hostId, script, args, forwarded);
      } finally {
        if (!reported && onLedgerId) claim(hostId, script, since, report);
      }
    },
    async hostIds() {
      return (await registry.list()).map((h) => h.id);
    },
    onHostsChanged: subscribeHostsChanged,
  };
}
