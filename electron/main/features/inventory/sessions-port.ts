import type { z } from 'zod';
import type { ScriptRunOptions, SessionsPort } from './inventory-ports';

/** The parts of the session layer (electron/main/hosts/session-registry.ts) the inventory uses. */
export interface RegistryLike {
  run<T>(
    hostId: string,
    script: string,
    args: Record<string, unknown>,
    opts: {
      signal?: AbortSignal;
      timeoutMs?: number;
      onProgress?: (p: { percent: number; status: string }) => void;
      schema?: z.ZodType<T>;
      lane?: 'read' | 'op';
      record?: 'always' | 'errors';
      onLedgerId?: (id: string) => void;
    },
  ): Promise<T>;
  list(): Promise<{ id: string }[]>;
}

/** Adapts the session registry to the inventory's port (the registry reports each call's ledger id: RunOptions.onLedgerId). */
export function sessionsPort(registry: RegistryLike, subscribeHostsChanged: (l: () => void) => () => void): SessionsPort {
  return {
    run: (hostId, script, args, opts) => registry.run(hostId, script, args, opts as ScriptRunOptions<never>),
    async hostIds() {
      return (await registry.list()).map((h) => h.id);
    },
    onHostsChanged: subscribeHostsChanged,
  };
}
