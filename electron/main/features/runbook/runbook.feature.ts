import type { LedgerEntry } from '../../../../shared/features/ledger/ledger.contract';
import { AppError } from '../../../../shared/ipc/errors';
import type { FeatureModule } from '../../platform/ipc/handlers';
import { systemClock, type Clock } from '../../platform/time/clock';
import { explainScript, type CompactReference } from './cmdlet-explainer';
import { writeRunbook } from './runbook-writer';
import { terminalCommand, type PasteForm } from './terminal-command';
import referenceJson from './reference/cmdlet-sets.json';

export interface RunbookFeatureDeps {
  /** Ledger entries by id (newest-first list of the session layer's ledger). */
  ledger: { list(filter: { limit: number }): LedgerEntry[] };
  /** The script library: shipped text of a script by name. */
  scripts: { load(name: string): { text: string } };
  hostName(hostId: string): Promise<string>;
  /** Which form a terminal tab of this client can run (NOT_FOUND when the tab is not the client's). */
  pasteForm(clientId: string, sessionId: string): Promise<PasteForm>;
  /** Stamps the exported runbook's header. */
  clock?: Pick<Clock, 'now'>;
  reference?: CompactReference;
}

/** "Explain" and "export as runbook" for the PowerShell ledger; runs in main (the reference stays out of the renderer). */
export function createRunbookFeature(deps: RunbookFeatureDeps): FeatureModule {
  const reference = deps.reference ?? (referenceJson as unknown as CompactReference);
  const explained = new Map<string, ReturnType<typeof explainScript>>(); // per script: scripts do not change while we run
  const entry = (id: string): LedgerEntry => {
    const found = deps.ledger.list({ limit: 5000 }).find((e) => e.id === id);
    if (!found) throw new AppError('NOT_FOUND', `Ledger entry ${id} is no longer kept`);
    return found;
  };
  return {
    name: 'runbook',
    handlers: {
      'runbook.explain': ({ entryId }) => {
        const e = entry(entryId);
        let cmdlets = explained.get(e.script);
        if (!cmdlets) {
          cmdlets = explainScript(deps.scripts.load(e.script).text, reference);
          explained.set(e.script, cmdlets);
        }
        return { entryId, script: e.script, cmdlets };
      },
      'runbook.export': async ({ entryIds }) => {
        const entries = [...new Set(entryIds)].map(entry);
        const hostName = await deps.hostName(entries[0]!.hostId);
        return writeRunbook({ entries, scriptText: (name) => deps.scripts.load(name).text, hostName, now: new Date((deps.clock ?? systemClock).now()) });
      },
      'runbook.terminalCommand': async ({ entryId, sessionId }, ctx) => {
        const e = entry(entryId);
        const form = await deps.pasteForm(ctx.clientId, sessionId);
        return { form, text: terminalCommand(form, e, () => deps.scripts.load(e.script).text) };
      },
    },
  };
}
