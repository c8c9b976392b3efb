import type { FeatureModule } from '../../platform/ipc/handlers';
import type { Ledger } from '../../platform/ledger/ledger';

export function createLedgerFeature(ledger: Ledger): FeatureModule {
  return {
    name: 'ledger',
    handlers: {
      'ledger.list': (q) => ({ entries: ledger.list({ ...q, limit: q.limit ?? 200 }) }),
    },
  };
}
