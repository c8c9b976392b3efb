import { displayLines, type ScriptDef } from '../scripts/script-def';
import { checkScriptParams } from '../scripts/script-answer';
import type { CallOptions, HostScripts, ScriptAnswer, ScriptRunner } from '../scripts/script-runner';
import type { SessionRegistry } from './session-registry';

/**
 * HostScripts over the session registry: what every feature receives to run scripts on hosts. Parameters are
 * checked before the call; the answer is validated inside the session (HostSession.run, PS_ERROR naming the
 * script and host); the call's ledger id comes back with the value, and rides on the error when it fails.
 */
export function createHostScripts(
  registry: Pick<SessionRegistry, 'runDetailed' | 'list'>,
  onHostsChanged: (listener: () => void) => () => void,
  /** A VM's name by Id (the inventory's cache), so the ledger's display lines name VMs the caller did not. */
  knownVmName?: (vmId: string) => string | undefined,
): HostScripts {
  return {
    on(hostId: string): ScriptRunner {
      return {
        async run<P extends Record<string, unknown>, R>(def: ScriptDef<P, R>, params: P, opts: CallOptions = {}): Promise<ScriptAnswer<R>> {
          const args = checkScriptParams(def.name, params, def.params) as Record<string, unknown>;
          let ledgerId: string | undefined;
          try {
            const outcome = await registry.runDetailed(hostId, def.name, args, {
              schema: def.result,
              lane: def.lane,
              signal: opts.signal,
              timeoutMs: opts.timeoutMs ?? def.timeoutMs,
              onProgress: opts.onProgress,
              record: opts.record ?? def.record,
              maxChars: opts.maxChars,
              ledgerParams: opts.ledgerParams,
              onLedgerId: (id) => (ledgerId = id),
              display: (redacted) => displayLines(def, redacted as P, { lookupVm: knownVmName, ...opts.names }),
            });
            return { value: outcome.value, ...(ledgerId ? { ledgerId } : {}) };
          } catch (err) {
            if (ledgerId && err && typeof err === 'object') Object.assign(err, { ledgerId });
            throw err;
          }
        },
      };
    },
    async hostIds() {
      return (await registry.list()).map((h) => h.id);
    },
    onHostsChanged,
  };
}
