/** The left navigation, in order. A feature's view is registered in views.tsx under the same id. */
export const navItems = [
  { id: 'inventory', labelKey: 'nav.inventory', glyph: '▦' },
  { id: 'checkpoints', labelKey: 'nav.checkpoints', glyph: '⎇' },
  { id: 'console', labelKey: 'nav.consoles', glyph: '▣' },
  { id: 'terminal', labelKey: 'nav.terminal', glyph: '❯' },
  { id: 'p2v', labelKey: 'nav.p2v', glyph: '⇪' },
  { id: 'ledger', labelKey: 'nav.ledger', glyph: '☰' },
  { id: 'settings', labelKey: 'nav.settings', glyph: '⚙' },
] as const;

export type ViewId = (typeof navItems)[number]['id'];
