import { join } from 'node:path';
import { P2vJob } from '../../../../shared/features/p2v/p2v.contract';
import type { Logger } from '../../app/logger';
import type { StateFiles } from '../../platform/documents/atomic-file';

export interface JobFiles extends StateFiles {
  list(dir: string): Promise<string[]>;
  remove(file: string): Promise<void>;
}

/**
 * P2V jobs, one file each: <dataDir>/p2v/<jobId>.json, written atomically after every step change, so a
 * crash or restart resumes from the last completed step. Updates to one job are serialised.
 */
export class P2vJobStore {
  private readonly jobs = new Map<string, P2vJob>();
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    private readonly dir: string,
    private readonly files: JobFiles,
    private readonly log: Logger,
  ) {}

  async load(): Promise<void> {
    for (const name of await this.files.list(this.dir)) {
      if (!/^[a-z0-9-]+\.json$/.test(name)) continue;
      const text = await this.files.read(join(this.dir, name));
      if (!text) continue;
      try {
        const parsed = P2vJob.safeParse(JSON.parse(text));
        if (parsed.success) this.jobs.set(parsed.data.id, parsed.data);
        else this.log.warn(`p2v: ignoring unreadable job file ${name}: ${parsed.error.issues[0]?.message ?? ''}`);
      } catch (err) {
        this.log.warn(`p2v: ignoring corrupt job file ${name}`, err);
      }
    }
  }

  all(): P2vJob[] {
    return [...this.jobs.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  get(id: string): P2vJob | undefined {
    return this.jobs.get(id);
  }

  async put(job: P2vJob): Promise<P2vJob> {
    return this.update(job.id, () => job, true);
  }

  /** Applies `change` to the current job and persists it; changes to one job run one after the other. */
  async update(id: string, change: (job: P2vJob) => P2vJob, create = false): Promise<P2vJob> {
    const prev = this.queues.get(id) ?? Promise.resolve();
    const next = prev.then(async () => {
      const current = this.jobs.get(id);
      if (!current && !create) throw new Error(`p2v job ${id} is gone`);
      const updated = P2vJob.parse({ ...change(current as P2vJob), updatedAt: new Date().toISOString() });
      this.jobs.set(id, updated);
      await this.files.writeAtomic(join(this.dir, `${id}.json`), JSON.stringify(updated, null, 1));
      return updated;
    });
    this.queues.set(id, next.catch(() => undefined));
    return next;
  }

  async remove(id: string): Promise<boolean> {
    const had = this.jobs.delete(id);
    await this.files.remove(join(this.dir, `${id}.json`));
    return had;
  }
}
