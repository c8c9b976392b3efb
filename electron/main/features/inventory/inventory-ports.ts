import type { z } from 'zod';

/*
 * Transitional: the inventory no longer uses this port (it runs ScriptDefs through HostScripts). Only P2V's
 * compose still imports SessionsPort; remove this file once P2V is on HostScripts.
 */

export interface ScriptRunOptions<T> {
  signal?: AbortSignal;
  timeoutMs?: number;
  onProgress?: (p: { percent: number; status: string }) => void;
  schema: z.ZodType<T>;
  lane: 'read' | 'op';
  onLedgerId?: (id: string) => void;
  record?: 'always' | 'errors';
}

export interface SessionsPort {
  run<T>(hostId: string, script: string, args: Record<string, unknown>, opts: ScriptRunOptions<T>): Promise<T>;
  hostIds(): Promise<string[]>;
  onHostsChanged(listener: () => void): () => void;
}

/** Adapts the session registry to SessionsPort (for P2V only, see above). */
export function sessionsPort(
  registry: { run<T>(hostId: string, script: string, args: Record<string, unknown>, opts: ScriptRunOptions<T>): Promise<T>; list(): Promise<{ id: string }[]> },
  subscribeHostsChanged: (l: () => void) => () => void,
): SessionsPort {
  return {
    run: (hostId, script, args, opts) => registry.run(hostId, script, args, opts),
    async hostIds() {
      return (await registry.list()).map((h) => h.id);
    },
    onHostsChanged: subscribeHostsChanged,
  };
}
