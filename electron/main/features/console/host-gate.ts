import type { ScriptDef } from '../../platform/scripts/script-def';
import type { HostScripts, ScriptRunner } from '../../platform/scripts/script-runner';
import { SequencerByKey } from '../../platform/time/sequencer';

/**
 * Runs the gated script one call at a time per host, across every console (each waits for the previous one on
 * the same host, whatever its outcome); other scripts pass straight through. Keeps several consoles on one host
 * to one read session, so inventory reads keep the other(s).
 */
export function perHostSingleFlight(hosts: Pick<HostScripts, 'on'>, gated: Pick<ScriptDef, 'name'>): Pick<HostScripts, 'on'> {
  const perHost = new SequencerByKey<string>();
  return {
    on(hostId: string): ScriptRunner {
      const host = hosts.on(hostId);
      return {
        run: (def, params, opts) => (def.name === gated.name ? perHost.run(hostId, () => host.run(def, params, opts)) : host.run(def, params, opts)),
      };
    },
  };
}
