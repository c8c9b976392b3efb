import { TaskLeftover, TaskRecord } from '../../../../shared/features/tasks/tasks.contract';
import type { Logger } from '../../app/logger';
import type { StateFiles } from '../documents/atomic-file';

/**
 * Tasks that have started and not yet finished, as JSON lines in <dataDir>/tasks-journal.jsonl:
 *   {"t":"begin","record":{...}}   written (and awaited) before the task's work starts
 *   {"t":"created","id","leftover"} what the work learned it made (the new VM's Id...)
 *   {"t":"end","id"}               after the finished record reached tasks.jsonl
 * A kill -9 leaves begin lines without their end: at the next start those tasks come back 'interrupted',
 * naming what they set out to create. One append per line (a crash can at worst tear the last one, which
 * is ignored); the file is rewritten with only the running tasks once it grows past `compactAfter` lines.
 */
export class TaskJournal {
  private chain: Promise<void> = Promise.resolve();
  private lines = 0;
  private readonly running = new Map<string, TaskRecord>();

  constructor(
    private readonly file: string,
    private readonly files: StateFiles,
    private readonly log: Logger,
    private readonly compactAfter = 500,
  ) {}

  /**
   * Reads what a previous run left unfinished, returns those tasks as 'interrupted' (skipping ids the
   * history already holds finished: the crash fell between the two writes) and empties the journal.
   */
  async recover(finishedIds: ReadonlySet<string>): Promise<TaskRecord[]> {
    const text = await this.files.read(this.file);
    if (text === null) return [];
    const open = new Map<string, TaskRecord>();
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      const entry = parseEntry(line);
      if (!entry) {
        this.log.warn(`${this.file}: an unreadable line ignored (a write torn by the crash)`);
        continue;
      }
      if (entry.t === 'begin') open.set(entry.record.id, entry.record);
      else if (entry.t === 'end') open.delete(entry.id);
      else {
        const rec = open.get(entry.id);
        if (rec) rec.creates = mergeLeftover(rec.creates ?? [], entry.leftover);
      }
    }
    await this.files.writeAtomic(this.file, '');
    this.lines = 0;
    return [...open.values()].filter((r) => !finishedIds.has(r.id)).map((r) => ({ ...r, status: 'interrupted' as const, cancellable: false }));
  }

  begin(record: TaskRecord): Promise<void> {
    this.running.set(record.id, record);
    return this.append({ t: 'begin', record });
  }

  created(id: string, leftover: TaskLeftover): Promise<void> {
    return this.append({ t: 'created', id, leftover });
  }

  end(id: string): Promise<void> {
    if (!this.running.delete(id)) return this.chain; // never begun (cancelled while queued)
    return this.append({ t: 'end', id });
  }

  flush(): Promise<void> {
    return this.chain;
  }

  private append(entry: object): Promise<void> {
    const run = async () => {
      if (this.lines + 1 > this.compactAfter) {
        // Only the tasks still running matter; their begin lines carry what they create (records are live objects).
        const keep = [...this.running.values()].map((record) => JSON.stringify({ t: 'begin', record }));
        await this.files.writeAtomic(this.file, keep.map((l) => l + '\n').join(''));
        this.lines = keep.length;
        if ((entry as { t: string }).t === 'begin') return; // the rewrite already holds it
      }
      await this.files.append(this.file, JSON.stringify(entry) + '\n');
      this.lines++;
    };
    this.chain = this.chain.then(run, run).catch((err: unknown) => this.log.error('tasks journal: write failed', err));
    return this.chain;
  }
}

type Entry = { t: 'begin'; record: TaskRecord } | { t: 'created'; id: string; leftover: TaskLeftover } | { t: 'end'; id: string };

function parseEntry(line: string): Entry | undefined {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return undefined;
  }
  const o = json as { t?: unknown; id?: unknown; record?: unknown; leftover?: unknown };
  if (o?.t === 'begin') {
    const r = TaskRecord.safeParse(o.record);
    return r.success ? { t: 'begin', record: r.data } : undefined;
  }
  if (o?.t === 'end' && typeof o.id === 'string') return { t: 'end', id: o.id };
  if (o?.t === 'created' && typeof o.id === 'string') {
    const l = TaskLeftover.safeParse(o.leftover);
    return l.success ? { t: 'created', id: o.id, leftover: l.data } : undefined;
  }
  return undefined;
}

/** A later note about the same thing (same kind, host, and name or path) completes it instead of repeating it. */
export function mergeLeftover(list: TaskLeftover[], add: TaskLeftover): TaskLeftover[] {
  const same = (a: TaskLeftover) => a.kind === add.kind && a.hostId === add.hostId && ((add.name !== undefined && a.name === add.name) || (add.path !== undefined && a.path === add.path));
  const i = list.findIndex(same);
  if (i < 0) return [...list, add];
  return list.map((l, j) => (j === i ? { ...l, ...add } : l));
}
