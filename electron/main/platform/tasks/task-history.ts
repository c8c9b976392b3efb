import { TaskRecord } from '../../../../shared/features/tasks/tasks.contract';
import type { Logger } from '../../app/logger';
import type { StateFiles } from '../documents/atomic-file';
import { asideName, type DocumentProblem } from '../documents/document-store';
import { systemClock } from '../time/clock';

/**
 * Finished tasks, persisted as JSON lines in <dataDir>/tasks.jsonl. A finished task is one append (one
 * write of one line, so a crash can at worst tear the last line). When the file holds twice the bound, it is
 * compacted to the newest `max` records with an atomic rewrite (temp + rename).
 *
 * Unreadable lines follow the state files' one policy: at load they are kept aside in
 * `tasks.jsonl.unreadable-<timestamp>` (never overwritten), logged with both paths and kept as `problem`; then
 * the file is rewritten with the good lines, so a torn last line cannot swallow the next append.
 */
export class TaskHistory {
  private records: TaskRecord[] = [];
  private linesOnDisk = 0;
  private chain: Promise<void> = Promise.resolve();
  private setAside: DocumentProblem | undefined;

  constructor(
    private readonly file: string,
    private readonly files: StateFiles,
    private readonly log: Logger,
    readonly max = 1000,
    private readonly now: () => number = () => systemClock.now(),
    /** The user's retention (Settings): at most `count` records, none older than `days`; read on each use. */
    private readonly retention?: () => { count: number; days: number },
  ) {}

  /** How many records are kept: the user's count when set, else `max`. */
  private get limit(): number {
    return this.retention?.().count ?? this.max;
  }

  /** Set when load found unreadable lines (they were kept aside). */
  get problem(): DocumentProblem | undefined {
    return this.setAside;
  }

  async load(): Promise<void> {
    const text = await this.files.read(this.file);
    if (text === null) return;
    const lines = text.split('\n').filter((l) => l.trim() !== '');
    const good: TaskRecord[] = [];
    const bad: string[] = [];
    for (const line of lines) {
      const parsed = parseLine(line);
      if (parsed) good.push(parsed);
      else bad.push(line); // a torn last line after a crash, or a hand edit
    }
    this.records = good.slice(-this.limit);
    this.linesOnDisk = good.length;
    if (bad.length > 0) await this.keepAside(bad, good);
  }

  all(): readonly TaskRecord[] {
    const days = this.retention?.().days;
    if (days === undefined) return this.records;
    // Older than the user keeps: hidden now, dropped from the file at the next compaction.
    const cutoff = this.now() - days * 86_400_000;
    const kept = this.records.filter((r) => Date.parse(r.endedAt ?? r.startedAt) >= cutoff);
    return kept.length === this.records.length ? this.records : kept;
  }

  /** Records a finished task; resolves when it is on disk. Writes are serialised. */
  add(record: TaskRecord): Promise<void> {
    this.records.push(record);
    const limit = this.limit;
    if (this.records.length > limit) this.records.splice(0, this.records.length - limit);
    const run = async () => {
      if (this.linesOnDisk + 1 > limit * 2) {
        const kept = this.all();
        await this.files.writeAtomic(this.file, kept.map((r) => JSON.stringify(r)).join('\n') + '\n');
        this.linesOnDisk = kept.length;
      } else {
        await this.files.append(this.file, JSON.stringify(record) + '\n');
        this.linesOnDisk++;
      }
    };
    this.chain = this.chain.then(run, run).catch((err: unknown) => this.log.error('tasks history: write failed', err));
    return this.chain;
  }

  flush(): Promise<void> {
    return this.chain;
  }

  /** The bad lines go to their own file first; only then is the history rewritten without them. */
  private async keepAside(bad: string[], good: TaskRecord[]): Promise<void> {
    const keptAt = await asideName(this.files, this.file, this.now());
    await this.files.writeAtomic(keptAt, bad.join('\n') + '\n');
    await this.files.writeAtomic(this.file, good.map((r) => JSON.stringify(r)).join('\n') + (good.length ? '\n' : ''));
    const reason = `${bad.length} unreadable line(s)`;
    const message = `${this.file}: ${reason} kept as ${keptAt}; the history goes on with the readable ones`;
    this.log.error(message);
    this.setAside = { file: this.file, keptAt, reason, message };
    this.files.problems?.report(this.setAside);
  }
}

function parseLine(line: string): TaskRecord | undefined {
  try {
    const parsed = TaskRecord.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
