import type { FeatureModule } from '../../ipc/handlers';
import type { Ledger } from '../../ledger/ledger';

export function createLedgerFeature(ledger: Ledger): FeatureModule {
  return {
    name: 'ledger',
    handlers: {
      'ledger.list': (q) => ({ entries: ledger.list({ ...q, limit: q.limit ?? 200 }) }),
    },
  };
}
