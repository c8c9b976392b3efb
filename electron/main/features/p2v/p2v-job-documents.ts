import { join } from 'node:path';
import { P2vJob } from '../../../../shared/features/p2v/p2v.contract';
import { AppError } from '../../../../shared/ipc/errors';
import type { Logger } from '../../app/logger';
import type { StateFiles } from '../../platform/documents/atomic-file';
import { DocumentStore, type DocumentProblem } from '../../platform/documents/document-store';
import { isoNow, systemClock, type Clock } from '../../platform/time/clock';

export interface JobFiles extends StateFiles {
  list(dir: string): Promise<string[]>;
  remove(file: string): Promise<void>;
}

/**
 * P2V jobs, one document each: <dataDir>/p2v/<jobId>.json on the one document store, written atomically after
 * every step change, so a crash or restart resumes from the last completed step. Updates to one job are
 * serialised (each job's store has its own queue). An unreadable job file is set aside as
 * `<jobId>.json.unreadable-<ts>` and listed in `problems`, never silently skipped and left to be overwritten.
 */
export class P2vJobStore {
  private readonly jobs = new Map<string, DocumentStore<P2vJob>>();
  private readonly unreadable: DocumentProblem[] = [];

  constructor(
    private readonly dir: string,
    private readonly files: JobFiles,
    private readonly log: Logger,
    private readonly clock: Clock = systemClock,
  ) {}

  async load(): Promise<void> {
    for (const name of await this.files.list(this.dir)) {
      if (!/^[a-z0-9-]+\.json$/.test(name)) continue;
      const doc = this.documentOf(name.slice(0, -'.json'.length));
      try {
        const job = await doc.read();
        this.jobs.set(job.id, doc);
      } catch (err) {
        if (doc.problem) this.unreadable.push(doc.problem);
        else this.log.error(`p2v: could not read job file ${name}`, err);
      }
    }
  }

  /** Job files that were set aside at load (each already logged with both paths). */
  get problems(): readonly DocumentProblem[] {
    return this.unreadable;
  }

  all(): P2vJob[] {
    return this.list().sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  get(id: string): P2vJob | undefined {
    return this.jobs.get(id)?.peek();
  }

  /** Saves a job whole: a new one gets its file, an existing one is replaced (in its queue). */
  async put(job: P2vJob): Promise<P2vJob> {
    const existing = this.jobs.get(job.id);
    if (existing) return this.update(job.id, () => job);
    const doc = this.documentOf(job.id);
    this.jobs.set(job.id, doc);
    try {
      return await doc.replace({ ...job, updatedAt: isoNow(this.clock) });
    } catch (err) {
      if (this.jobs.get(job.id) === doc && !doc.peek()) this.jobs.delete(job.id);
      throw err;
    }
  }

  /** Applies `change` to the current job and persists it; changes to one job run one after the other. */
  async update(id: string, change: (job: P2vJob) => P2vJob): Promise<P2vJob> {
    const doc = this.jobs.get(id);
    if (!doc) throw new Error(`p2v job ${id} is gone`);
    return doc.update((job) => ({ ...change(job), updatedAt: isoNow(this.clock) }));
  }

  async remove(id: string): Promise<boolean> {
    const doc = this.jobs.get(id);
    this.jobs.delete(id);
    // A write still queued would bring the file back after the delete: let it land first.
    await doc?.settled();
    await this.files.remove(join(this.dir, `${id}.json`));
    return doc !== undefined;
  }

  private list(): P2vJob[] {
    return [...this.jobs.values()].flatMap((d) => d.peek() ?? []);
  }

  private documentOf(id: string): DocumentStore<P2vJob> {
    return new DocumentStore<P2vJob>(
      {
        path: join(this.dir, `${id}.json`),
        version: 1,
        schema: P2vJob,
        empty: () => {
          throw new AppError('NOT_FOUND', `No P2V job ${id}`); // a job exists only as its file
        },
      },
      { files: this.files, log: this.log },
    );
  }
}
