import type { Browser, Page } from '@playwright/test';

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  args?: { name?: string };
}

/** What Chromium calls one main-thread task, by the trace category that records it. */
const taskNames = new Set(['ThreadControllerImpl::RunTask', 'RunTask']);

/**
 * Records Chromium's own task timeline while `work` runs and returns the longest task on any renderer main
 * thread, in ms. This is what a "long task" is (one uninterrupted task on the main thread); a timer-gap
 * probe would also count the time the OS gave the CPU to other processes between tasks, which on a shared
 * 2-core runner says more about the neighbours than about the page.
 */
export async function longestMainThreadTask(browser: Browser, page: Page, work: () => Promise<void>): Promise<number> {
  await browser.startTracing(page, { categories: ['toplevel', '__metadata'] });
  let trace: Buffer;
  try {
    await work();
  } finally {
    trace = await browser.stopTracing();
  }
  const events = (JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const mains = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  if (mains.size === 0) throw new Error('the trace names no renderer main thread');
  let longest = 0;
  for (const e of events) {
    if (e.ph === 'X' && taskNames.has(e.name) && mains.has(`${e.pid}:${e.tid}`)) longest = Math.max(longest, (e.dur ?? 0) / 1000);
  }
  return longest;
}
