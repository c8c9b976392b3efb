import { AppError } from '../../../../shared/ipc/errors';
import type { FeatureModule } from '../../platform/ipc/handlers';
import type { Ledger } from '../../platform/ledger/ledger';
import { scriptCall } from '../../platform/scripts/display';

/** The text of a library script by name (ScriptLibrary.load): "Show full script" reads it, never its path. */
export interface ScriptTexts {
  load(name: string): { text: string };
}

export function createLedgerFeature(ledger: Ledger, scripts: ScriptTexts): FeatureModule {
  return {
    name: 'ledger',
    handlers: {
      'ledger.list': (q) => ({ entries: ledger.list({ ...q, limit: q.limit ?? 200 }) }),
      'ledger.script': ({ entryId }) => {
        const entry = ledger.list({ limit: Number.MAX_SAFE_INTEGER }).find((e) => e.id === entryId);
        if (!entry) throw new AppError('NOT_FOUND', `No ledger entry ${entryId}`);
        // P2V source scripts share the library's layout, so one lookup serves hosts and sources.
        return { script: entry.script, call: entry.scriptCall ?? scriptCall(entry.script, entry.params), text: scripts.load(entry.script).text };
      },
    },
  };
}
