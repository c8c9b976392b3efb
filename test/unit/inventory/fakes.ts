import type { Logger } from '../../../electron/main/app/logger';
import { checkScriptAnswer, checkScriptParams } from '../../../electron/main/platform/scripts/script-answer';
import type { ScriptDef } from '../../../electron/main/platform/scripts/script-def';
import type { HostScripts, ScriptRunner } from '../../../electron/main/platform/scripts/script-runner';
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
    exists: async (f) => f in data,
    rename: async (from, to) => {
      data[to] = data[from]!;
      delete data[from];
    },
  };
}

export interface Call {
  hostId: string;
  script: string;
  args: Record<string, unknown>;
}

/**
 * HostScripts whose scripts are answered by a function: records every call (the round trips a test counts),
 * checks the params and the answer with the definition like the real session layer (a malformed answer is
 * PS_ERROR naming script and host), and hands out ledger ids.
 */
export function fakeHostScripts(answer: (c: Call) => unknown | Promise<unknown>, hosts: string[] = ['h1']) {
  const calls: Call[] = [];
  const listeners = new Set<() => void>();
  let ledgerSeq = 0;
  const port: HostScripts & { calls: Call[]; hosts: string[]; hostListReads: number; changeHosts(ids: string[]): void; scripts(): string[] } = {
    calls,
    hostListReads: 0,
    hosts,
    scripts: () => calls.map((c) => c.script),
    changeHosts(ids) {
      port.hosts = ids;
      for (const l of listeners) l();
    },
    on(hostId: string): ScriptRunner {
      return {
        async run<P extends Record<string, unknown>, R>(def: ScriptDef<P, R>, params: P) {
          const args = checkScriptParams(def.name, params, def.params) as Record<string, unknown>;
          calls.push({ hostId, script: def.name, args });
          const ledgerId = `L${++ledgerSeq}`;
          try {
            return { value: checkScriptAnswer(def.name, hostId, await answer({ hostId, script: def.name, args }), def.result, hostId), ledgerId };
          } catch (err) {
            throw Object.assign(err as object, { ledgerId });
          }
        },
      };
    },
    async hostIds() {
      port.hostListReads++;
      return port.hosts;
    },
    onHostsChanged(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
  return port;
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
