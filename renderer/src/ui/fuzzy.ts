/**
 * A fuzzy match of what was typed against a text: every typed character must appear in order (case- and
 * width-insensitive). The score favours matches at word starts and runs of consecutive characters, so "dc1"
 * ranks "DC1" above "Dev-Cluster-1" and both above "dhcp-server-01". Null when it does not match.
 */
export function fuzzyScore(query: string, text: string): number | null {
  const q = fold(query).replace(/\s+/g, '');
  if (!q) return 0;
  const s = fold(text);
  let score = 0;
  let at = -1;
  let run = 0;
  for (const ch of q) {
    const next = s.indexOf(ch, at + 1);
    if (next === -1) return null;
    const wordStart = next === 0 || /[\s\-_.:/\\()]/.test(s[next - 1]!) || (isUpper(text[next]) && !isUpper(text[next - 1]));
    run = next === at + 1 ? run + 1 : 0;
    score += 1 + (wordStart ? 3 : 0) + run * 2 - Math.min(3, (next - at - 1) * 0.1);
    at = next;
  }
  if (s.startsWith(q)) score += 5;
  if (s === q) score += 10;
  return score - s.length * 0.01; // of equal matches, the shorter text first
}

const fold = (s: string): string => s.normalize('NFKC').toLocaleLowerCase();
const isUpper = (c: string | undefined): boolean => !!c && c !== c.toLocaleLowerCase() && c === c.toLocaleUpperCase();

/** The `limit` best matches, best first (stable for equal scores). */
export function fuzzyFilter<T>(query: string, items: readonly T[], text: (item: T) => string, limit = 50): T[] {
  const scored: { item: T; score: number; i: number }[] = [];
  items.forEach((item, i) => {
    const score = fuzzyScore(query, text(item));
    if (score !== null) scored.push({ item, score, i });
  });
  scored.sort((a, b) => b.score - a.score || a.i - b.i);
  return scored.slice(0, limit).map((s) => s.item);
}
