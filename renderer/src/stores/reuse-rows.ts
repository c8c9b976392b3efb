import { rowKey, type VmRow } from '../../../shared/features/inventory/vm-row.schema';

/** Values of a row are scalars, except lists of scalars (ipAddresses): those compare by their items. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sameRow(a: VmRow, b: VmRow): boolean {
  let n = 0;
  for (const k in a) {
    if (!sameValue(a[k as keyof VmRow], b[k as keyof VmRow])) return false;
    n++;
  }
  for (const _ in b) n--;
  return n === 0;
}

/**
 * Keeps the previous row objects (and the previous array) where a host's rows did not change: a pull answers
 * with freshly parsed objects, and identity is what the grid's memos, search index and row components key on.
 * Every pull of a host runs this, so the usual case (same VMs in the same order) compares by position and
 * builds no key strings; a key map is made only once the order differs.
 */
export function reuseRows(prev: readonly VmRow[] | undefined, next: VmRow[]): VmRow[] {
  if (!prev || prev.length === 0) return next;
  let byKey: Map<string, VmRow> | null = null;
  let same = prev.length === next.length;
  const out = new Array<VmRow>(next.length);
  for (let i = 0; i < next.length; i++) {
    const r = next[i]!;
    let old: VmRow | undefined = prev[i];
    if (!old || old.id !== r.id || old.hostId !== r.hostId) {
      byKey ??= new Map(prev.map((p) => [rowKey(p), p]));
      old = byKey.get(rowKey(r));
    }
    const kept = old && sameRow(old, r) ? old : r;
    if (kept !== prev[i]) same = false;
    out[i] = kept;
  }
  return same ? (prev as VmRow[]) : out;
}

export const sameArray = <T,>(a: readonly T[], b: readonly T[]) => a.length === b.length && a.every((x, i) => x === b[i]);
