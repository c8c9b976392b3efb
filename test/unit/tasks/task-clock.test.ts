import { describe, expect, it } from 'vitest';
import type { TaskRecord } from '../../../shared/features/tasks/tasks.contract';
import type { StateFiles } from '../../../electron/main/platform/documents/atomic-file';
import { TaskHistory } from '../../../electron/main/platform/tasks/task-history';
import { TaskServiceImpl } from '../../../electron/main/platform/tasks/tasks.service';
import { ManualClock } from '../../support/manual-clock';

/** The task service reads time only from its Clock: record times and the progress throttle follow a manual one. */
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const files = { read: async () => null, writeAtomic: async () => undefined, append: async () => undefined, exists: async () => false, rename: async () => undefined };

function setup() {
  const clock = new ManualClock(Date.UTC(2026, 5, 1, 12, 0, 0));
  const history = new TaskHistory('/d/tasks.jsonl', files as unknown as StateFiles, quiet, 1000);
  const events: TaskRecord[] = [];
  const svc = new TaskServiceImpl({ history, emit: (r) => events.push(r), log: quiet, clock, progressIntervalMs: 150 });
  return { clock, svc, events };
}

const spec = { kind: 'vm.start', titleKey: 'tasks.title.start', titleValues: {}, hostId: 'lab', vmId: 'v', vmName: 'DC1', cancellable: true };

describe('TaskService on a Clock', () => {
  it('stamps start and duration from the clock', async () => {
    const { clock, svc } = setup();
    let finish!: () => void;
    const handle = svc.start(spec, () => new Promise<void>((r) => (finish = r)));
    await new Promise((r) => setTimeout(r, 0));
    clock.advance(2_500);
    finish();
    const done = await handle.done;
    expect(done.startedAt).toBe('2026-06-01T12:00:00.000Z');
    expect(done.durationMs).toBe(2_500);
  });

  it('throttles progress events on the clock: one waits until the interval has passed', async () => {
    const { clock, svc, events } = setup();
    let report!: (p: number) => void;
    let finish!: () => void;
    const handle = svc.start(spec, (ctx) => {
      report = (p) => ctx.progress(p);
      return new Promise<void>((r) => (finish = r));
    });
    await new Promise((r) => setTimeout(r, 0));
    const before = events.length; // 'running' was just sent: progress waits out the interval from it
    report(10);
    report(20);
    expect(events.length).toBe(before);
    clock.advance(149);
    expect(events.length).toBe(before);
    clock.advance(1);
    expect(events.length).toBe(before + 1);
    expect(events.at(-1)?.percent).toBe(20);
    clock.advance(1_000);
    report(30); // past the interval: at once
    expect(events.length).toBe(before + 2);
    finish();
    await handle.done;
  });
});
