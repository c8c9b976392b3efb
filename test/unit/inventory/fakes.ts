import type { Logger } from '../../../electron/main/app/logger';
import type { ScriptRunOptions, SessionsPort, Timers } from '../../../electron/main/features/inventory/inventory-ports';
import type { StateFiles } from '../../../electron/main/platform/documents/atomic-file';

export const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

export function memFiles(initial: Record<string, string> = {}): StateFiles & { data: Record<string, string> } {
  const data = { ...initial };
  return {
    data,
    read: async (f) => data[f] ?? null,
    writeAtomic: async (f, d) => {
      data[f] = d;
    },
    append: async (f, d) => {
      data[f] = (data[f] ?? '') + d;
    },
  };
}

export interface Call {
  hostId: string;
  script: string;
  args: Record<string, unknown>;
}

/** A session layer whose scripts are answered by a function; records every call and hands out ledger ids. */
export function fakeSessions(answer: (c: Call) => unknown | Promise<unknown>, hosts: string[] = ['h1']) {
  const calls: Call[] = [];
  const listeners = new Set<() => void>();
  let ledgerSeq = 0;
  const port: SessionsPort & { calls: Call[]; hosts: string[]; changeHosts(ids: string[]): void } = {
    calls,
    hosts,
    changeHosts(ids) {
      port.hosts = ids;
      for (const l of listeners) l();
    },
    async run<T>(hostId: string, script: string, args: Record<string, unknown>, opts: ScriptRunOptions<T>): Promise<T> {
      calls.push({ hostId, script, args });
      opts.onLedgerId?.(`L${++ledgerSeq}`);
      const raw = await answer({ hostId, script, args });
      return opts.schema ? opts.schema.parse(raw) : (raw as T);
    },
    async hostIds() {
      return port.hosts;
    },
    onHostsChanged(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
  return port;
}

export function manualTimers(): Timers & { tick(): void; active: number; t: number } {
  const fns = new Map<number, () => void>();
  let seq = 0;
  const timers = {
    t: 1_700_000_000_000,
    get active() {
      return fns.size;
    },
    setInterval(fn: () => void) {
      fns.set(++seq, fn);
      return seq;
    },
    clearInterval(h: unknown) {
      fns.delete(h as number);
    },
    now: () => timers.t,
    tick() {
      for (const f of [...fns.values()]) f();
    },
  };
  return timers;
}

export const vm = (id: string, over: Record<string, unknown> = {}) => ({
  id,
  name: `vm-${id}`,
  state: 'Off',
  status: 'Operating normally',
  cpuUsage: 0,
  memoryAssigned: 0,
  memoryDemand: 0,
  memoryStartup: 1073741824,
  dynamicMemory: false,
  processorCount: 2,
  uptimeSeconds: 0,
  heartbeat: null,
  generation: 2,
  version: '9.0',
  checkpointCount: 0,
  replicationState: 'Disabled',
  notes: '',
  ...over,
});
