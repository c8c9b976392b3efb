/** Locale-aware formatting of the grid's numbers, bytes, durations and dates (Intl, never hand-made strings). */
const cache = new Map<string, Intl.NumberFormat>();

function nf(locale: string, key: string, opts: Intl.NumberFormatOptions): Intl.NumberFormat {
  const k = `${locale}|${key}`;
  let f = cache.get(k);
  if (!f) {
    f = new Intl.NumberFormat(locale, opts);
    cache.set(k, f);
  }
  return f;
}

const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte', 'petabyte'] as const;

export function formatBytes(bytes: number, locale: string): string {
  if (!Number.isFinite(bytes) || bytes <= 0) return nf(locale, 'b0', { style: 'unit', unit: 'byte' }).format(0);
  let i = Math.min(units.length - 1, Math.floor(Math.log(bytes) / Math.log(1024)));
  if (i < 0) i = 0;
  const v = bytes / 1024 ** i;
  return nf(locale, `u${i}`, { style: 'unit', unit: units[i], unitDisplay: 'short', maximumFractionDigits: v < 10 && i > 0 ? 1 : 0 }).format(v);
}

export function formatPercent(p: number, locale: string): string {
  return nf(locale, 'pct', { style: 'percent', maximumFractionDigits: 0 }).format(p / 100);
}

export function formatNumber(n: number, locale: string): string {
  return nf(locale, 'num', { maximumFractionDigits: 1 }).format(n);
}

/** Uptime as the two most significant units ("3 d 4 h", "3天 4小時"), via Intl unit formatting. */
export function formatDuration(seconds: number, locale: string): string {
  if (!seconds || seconds < 0) return '—';
  const parts: [number, 'day' | 'hour' | 'minute' | 'second'][] = [
    [Math.floor(seconds / 86400), 'day'],
    [Math.floor((seconds % 86400) / 3600), 'hour'],
    [Math.floor((seconds % 3600) / 60), 'minute'],
    [Math.floor(seconds % 60), 'second'],
  ];
  const first = parts.findIndex(([v]) => v > 0);
  return parts
    .slice(first, first + 2)
    .filter(([v]) => v > 0)
    .map(([v, unit]) => nf(locale, `d-${unit}`, { style: 'unit', unit, unitDisplay: 'narrow' }).format(v))
    .join(' ');
}

export function formatDateTime(iso: string | null | undefined, locale: string): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

export function formatMs(ms: number | undefined, locale: string): string {
  if (ms === undefined) return '—';
  if (ms < 1000) return nf(locale, 'ms', { style: 'unit', unit: 'millisecond', unitDisplay: 'narrow' }).format(Math.round(ms));
  return nf(locale, 's', { style: 'unit', unit: 'second', unitDisplay: 'narrow', maximumFractionDigits: 1 }).format(ms / 1000);
}
