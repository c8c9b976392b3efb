import { readdirSync, readFileSync } from 'node:fs';

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export async function timeIt(fn: () => Promise<unknown>): Promise<number> {
  const t = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

/** Resident memory of a process in bytes (0 when it is gone). */
export function rssOf(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

export function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const stat = readFileSync(`/proc/${e}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) out.push(Number(e));
    } catch {
      continue; // exited while we looked
    }
  }
  return out;
}

export function commOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '?';
  }
}

export const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(0);

export function report(markdown: string): void {
  process.stdout.write(`\nBENCH_RESULT ${JSON.stringify({ markdown })}\n`);
}

/** A Chromium trace event (the fields the task analysis reads). */
export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/** One task on a renderer main thread: wall-clock ms, and ms the thread actually ran (the rest, the OS gave away). */
export interface MainThreadTask {
  at: number;
  ms: number;
  cpuMs: number;
}

/**
 * The tasks of every renderer main thread (CrRendererMain) in a trace recorded with the 'toplevel' category,
 * between two performance.mark() names (the 'blink.user_timing' category), outermost only. A long task is one
 * uninterrupted main-thread task; its thread time tells the page's own work from a shared machine's preemption.
 */
export function mainThreadTasks(events: readonly TraceEvent[], fromMark?: string, toMark?: string): MainThreadTask[] {
  const mains = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const onMain = (e: TraceEvent) => mains.has(`${e.pid}:${e.tid}`);
  const markTs = (name?: string) => (name ? events.find((e) => e.name === name && onMain(e))?.ts : undefined);
  const from = markTs(fromMark) ?? -Infinity;
  const to = markTs(toMark) ?? Infinity;
  const tasks = events
    .filter((e) => e.ph === 'X' && (e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask') && onMain(e) && e.ts >= from && e.ts < to)
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const out: MainThreadTask[] = [];
  let end = -Infinity;
  let key = '';
  for (const t of tasks) {
    const k = `${t.pid}:${t.tid}`;
    if (k === key && t.ts < end) continue; // nested in the task before
    key = k;
    end = t.ts + (t.dur ?? 0);
    out.push({ at: t.ts, ms: (t.dur ?? 0) / 1000, cpuMs: (t.tdur ?? t.dur ?? 0) / 1000 });
  }
  return out;
}
