import { TaskRecord } from '../../../../shared/features/tasks/tasks.contract';
import type { Logger } from '../../app/logger';
import type { StateFiles } from '../documents/atomic-file';
import { Sequencer } from '../time/sequencer';

/**
 * Finished tasks, persisted as JSON lines in <dataDir>/tasks.jsonl. A finished task is one append (one
 * write of one line, so a crash can at worst tear the last line, which load skips). When the file holds
 * twice the bound, it is compacted to the newest `max` records with an atomic rewrite (temp + rename).
 */
export class TaskHistory {
  private records: TaskRecord[] = [];
  private linesOnDisk = 0;
  /** Appends and compactions run one after another. */
  private readonly writes = new Sequencer();

  constructor(
    private readonly file: string,
    private readonly files: StateFiles,
    private readonly log: Logger,
    readonly max = 1000,
  ) {}

  async load(): Promise<void> {
    const text = await this.files.read(this.file);
    if (text === null) return;
    const lines = text.split('\n').filter((l) => l.trim() !== '');
    const out: TaskRecord[] = [];
    let bad = 0;
    for (const line of lines) {
      try {
        const parsed = TaskRecord.safeParse(JSON.parse(line));
        if (parsed.success) out.push(parsed.data);
        else bad++;
      } catch {
        bad++; // a torn last line after a crash, or a hand edit: counted and reported below
      }
    }
    if (bad > 0) this.log.warn(`tasks history: skipped ${bad} unreadable line(s) in ${this.file}`);
    this.records = out.slice(-this.max);
    this.linesOnDisk = lines.length;
  }

  all(): readonly TaskRecord[] {
    return this.records;
  }

  /** Records a finished task; resolves when it is on disk. Writes are serialised. */
  add(record: TaskRecord): Promise<void> {
    this.records.push(record);
    if (this.records.length > this.max) this.records.splice(0, this.records.length - this.max);
    const run = async () => {
      if (this.linesOnDisk + 1 > this.max * 2) {
        await this.files.writeAtomic(this.file, this.records.map((r) => JSON.stringify(r)).join('\n') + '\n');
        this.linesOnDisk = this.records.length;
      } else {
        await this.files.append(this.file, JSON.stringify(record) + '\n');
        this.linesOnDisk++;
      }
    };
    return this.writes.run(run).catch((err: unknown) => this.log.error('tasks history: write failed', err));
  }

  flush(): Promise<void> {
    return this.writes.idle();
  }
}
