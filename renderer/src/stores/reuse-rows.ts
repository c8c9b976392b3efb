import { vmKey, type VmRow } from '../../../shared/features/inventory/vm-row.schema';

function sameRow(a: VmRow, b: VmRow): boolean {
  for (const k in a) if (a[k as keyof VmRow] !== b[k as keyof VmRow]) return false;
  return Object.keys(a).length === Object.keys(b).length;
}

/**
 * Keeps the previous row objects (and the previous array) where a host's rows did not change: a pull answers
 * with freshly parsed objects, and identity is what the grid's memos, search index and row components key on.
 */
export function reuseRows(prev: readonly VmRow[] | undefined, next: VmRow[]): VmRow[] {
  if (!prev || prev.length === 0) return next;
  const byKey = new Map(prev.map((r) => [vmKey(r), r]));
  let same = prev.length === next.length;
  const out = next.map((r, i) => {
    const old = byKey.get(vmKey(r));
    const kept = old && sameRow(old, r) ? old : r;
    if (kept !== prev[i]) same = false;
    return kept;
  });
  return same ? (prev as VmRow[]) : out;
}

export const sameArray = <T,>(a: readonly T[], b: readonly T[]) => a.length === b.length && a.every((x, i) => x === b[i]);
