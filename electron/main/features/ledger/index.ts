import { defineFeature, portless } from '../../platform/feature';
import type { Ledger } from '../../platform/ledger/ledger';
import { createLedgerFeature } from './ledger.feature';

export const ledgerFeature = defineFeature<{ ledger: Ledger }>({ name: 'ledger', create: (d) => portless(createLedgerFeature(d.ledger)) });
