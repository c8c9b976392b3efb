/**
 * The UI texts, one JSON file per namespace per language (locales/<lang>/<ns>.json).
 * A feature's components call useTranslation('<its namespace>') and reach shared words and enum
 * labels as 'common:…'. Adding a namespace means a file in every language and a line in each map below.
 */
import enCommon from './locales/en/common.json';
import enShell from './locales/en/shell.json';
import enSettings from './locales/en/settings.json';
import enInventory from './locales/en/inventory.json';
import enVmDetails from './locales/en/vmDetails.json';
import enHosts from './locales/en/hosts.json';
import enConsole from './locales/en/console.json';
import enCheckpoints from './locales/en/checkpoints.json';
import enP2v from './locales/en/p2v.json';
import enTerminal from './locales/en/terminal.json';
import enLedger from './locales/en/ledger.json';
import enTasks from './locales/en/tasks.json';
import enHostOverview from './locales/en/hostOverview.json';
import zhTWCommon from './locales/zh-TW/common.json';
import zhTWShell from './locales/zh-TW/shell.json';
import zhTWSettings from './locales/zh-TW/settings.json';
import zhTWInventory from './locales/zh-TW/inventory.json';
import zhTWVmDetails from './locales/zh-TW/vmDetails.json';
import zhTWHosts from './locales/zh-TW/hosts.json';
import zhTWConsole from './locales/zh-TW/console.json';
import zhTWCheckpoints from './locales/zh-TW/checkpoints.json';
import zhTWP2v from './locales/zh-TW/p2v.json';
import zhTWTerminal from './locales/zh-TW/terminal.json';
import zhTWLedger from './locales/zh-TW/ledger.json';
import zhTWTasks from './locales/zh-TW/tasks.json';
import zhTWHostOverview from './locales/zh-TW/hostOverview.json';

export const namespaces = ['common', 'shell', 'settings', 'inventory', 'vmDetails', 'hosts', 'console', 'checkpoints', 'p2v', 'terminal', 'ledger', 'tasks', 'hostOverview'] as const;
export type Namespace = (typeof namespaces)[number];
/** Words and enum labels every feature may show; also where a bare key without 'ns:' resolves. */
export const defaultNS = 'common' satisfies Namespace;

/** The English texts are the source of the key types (see i18next.d.ts). */
export const en = {
  common: enCommon,
  shell: enShell,
  settings: enSettings,
  inventory: enInventory,
  vmDetails: enVmDetails,
  hosts: enHosts,
  console: enConsole,
  checkpoints: enCheckpoints,
  p2v: enP2v,
  terminal: enTerminal,
  ledger: enLedger,
  tasks: enTasks,
  hostOverview: enHostOverview,
} satisfies Record<Namespace, unknown>;

/** Missing or extra namespaces are compile errors; a missing key is caught by test/unit/renderer/i18n-locales.test.ts. */
export const zhTW = {
  common: zhTWCommon,
  shell: zhTWShell,
  settings: zhTWSettings,
  inventory: zhTWInventory,
  vmDetails: zhTWVmDetails,
  hosts: zhTWHosts,
  console: zhTWConsole,
  checkpoints: zhTWCheckpoints,
  p2v: zhTWP2v,
  terminal: zhTWTerminal,
  ledger: zhTWLedger,
  tasks: zhTWTasks,
  hostOverview: zhTWHostOverview,
} satisfies Record<Namespace, unknown>;

export const resources = { en, 'zh-TW': zhTW } as const;
