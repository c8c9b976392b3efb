import { defineFeature, portless } from '../../platform/feature';
import type { Ledger } from '../../platform/ledger/ledger';
import { createLedgerFeature, type ScriptTexts } from './ledger.feature';

export const ledgerFeature = defineFeature<{ ledger: Ledger; scripts: ScriptTexts }>({ name: 'ledger', create: (d) => portless(createLedgerFeature(d.ledger, d.scripts)) });
