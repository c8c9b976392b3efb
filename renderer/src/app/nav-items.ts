import type { ViewId } from '../ui/navigation';

/** The left navigation, in order. A feature's view is registered in views.tsx under the same id (ids: ui/navigation.ts). */
export const navItems = [
  { id: 'inventory', labelKey: 'nav.inventory', glyph: '▦' },
  { id: 'host-overview', labelKey: 'nav.hostOverview', glyph: '◫' },
  { id: 'checkpoints', labelKey: 'nav.checkpoints', glyph: '⎇' },
  { id: 'console', labelKey: 'nav.consoles', glyph: '▣' },
  { id: 'terminal', labelKey: 'nav.terminal', glyph: '❯' },
  { id: 'p2v', labelKey: 'nav.p2v', glyph: '⇪' },
  { id: 'ledger', labelKey: 'nav.ledger', glyph: '☰' },
  { id: 'settings', labelKey: 'nav.settings', glyph: '⚙' },
] as const satisfies ReadonlyArray<{ id: ViewId; labelKey: string; glyph: string }>;

export type { ViewId };
