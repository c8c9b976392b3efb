/** What the grid area says when it has no row to show, and the one thing to do about it. */
export type EmptyKind = { kind: 'noHosts' } | { kind: 'noMatch' } | { kind: 'hostEmpty'; hostName: string } | { kind: 'noVms' };

/** Which empty state applies, or null when there are rows to show. */
export function emptyKind(p: { hostCount: number; rowCount: number; shownCount: number; filtered: boolean; hostId: string | null; hostName: string | null; hostRowCount: number }): EmptyKind | null {
  if (p.hostCount === 0 && p.rowCount === 0) return { kind: 'noHosts' };
  if (p.shownCount > 0) return null;
  if (p.hostId && p.hostRowCount === 0) return { kind: 'hostEmpty', hostName: p.hostName ?? p.hostId };
  if (p.filtered) return { kind: 'noMatch' };
  return p.rowCount === 0 ? { kind: 'noVms' } : { kind: 'noMatch' };
}
