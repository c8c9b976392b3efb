import type { TFunction } from 'i18next';
import type { VmRow } from '../../../../shared/features/inventory/vm-row.schema';
import { formatBytes, formatDuration, formatPercent } from './format';
import { translateRuntimeKey } from '../../i18n/keys';

type Translate = TFunction<['inventory', 'common']>;

/** The formatted numeric cells of a row. */
export interface CellText {
  cpu: string;
  memoryAssigned: string;
  memoryDemand: string;
  uptime: string;
}

const cellCaches = new Map<string, WeakMap<VmRow, CellText>>();

/**
 * Formatted cells per row object and locale: rows are replaced, never mutated, so a row scrolled back into view
 * (or re-rendered by a filter) costs no Intl call.
 */
export function cellText(row: VmRow, locale: string): CellText {
  let cache = cellCaches.get(locale);
  if (!cache) cellCaches.set(locale, (cache = new WeakMap()));
  let hit = cache.get(row);
  if (!hit) {
    hit = {
      cpu: formatPercent(row.cpuUsage, locale),
      memoryAssigned: row.memoryAssigned ? formatBytes(row.memoryAssigned, locale) : '—',
      memoryDemand: row.memoryDemand ? formatBytes(row.memoryDemand, locale) : '—',
      uptime: formatDuration(row.uptimeSeconds, locale),
    };
    cache.set(row, hit);
  }
  return hit;
}

/** The grid columns whose values are Hyper-V enum names shown with a translated label. */
export type LabelledEnum = 'vmState' | 'heartbeat' | 'replication';

/** Enum labels and the row checkbox's label, translated once per language instead of per cell. */
export interface RowLabels {
  /**
   * The text of `common:<kind>.<value>`. Hosts report these as free strings, so a value we have no text for shows
   * as itself (the locale test checks that every text we do have exists in every language).
   */
  of(kind: LabelledEnum, value: string): string;
  selectVm(name: string): string;
  /** The label of a row's ⋯ (actions menu) button. */
  menu(name: string): string;
}

const MARK = '\u0001';

export function rowLabels(t: Translate): RowLabels {
  const known = new Map<string, string>();
  const [before = '', after = ''] = t('selectVm', { name: MARK }).split(MARK);
  const [menuBefore = '', menuAfter = ''] = t('menu.label', { name: MARK }).split(MARK);
  return {
    of(kind, value) {
      const key = `common:${kind}.${value}`;
      let label = known.get(key);
      if (label === undefined) known.set(key, (label = translateRuntimeKey(t, key, { defaultValue: value })));
      return label;
    },
    selectVm: (name) => before + name + after,
    menu: (name) => menuBefore + name + menuAfter,
  };
}
