import type { z } from 'zod';
import { AppError } from '../../../../shared/ipc/errors';
import type { Logger } from '../../app/logger';
import type { StateFiles } from '../../platform/documents/atomic-file';

/**
 * A small JSON document kept in the data folder, written atomically (temp + rename) and serialised so two
 * changes never interleave. A file that does not parse is not silently replaced: loading fails with a
 * clear error naming the file, so the user's groups or roles are never lost by an overwrite.
 */
export class LocalJsonStore<T> {
  private cache: T | null = null;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly file: string,
    private readonly schema: z.ZodType<T>,
    private readonly empty: () => T,
    private readonly files: StateFiles,
    private readonly log: Logger,
  ) {}

  async read(): Promise<T> {
    if (this.cache) return this.cache;
    const text = await this.files.read(this.file);
    if (text === null) return (this.cache = this.empty());
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (err) {
      this.log.error(`${this.file} is not valid JSON`, err);
      throw new AppError('INTERNAL', `${this.file} is not valid JSON; fix or remove it (nothing was overwritten).`);
    }
    const parsed = this.schema.safeParse(raw);
    if (!parsed.success) {
      throw new AppError('INTERNAL', `${this.file} does not match the expected shape: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    }
    return (this.cache = parsed.data);
  }

  /** Applies a change to the latest state and persists it; changes run one after another. */
  update(change: (current: T) => T): Promise<T> {
    const next = this.chain.then(async () => {
      const updated = change(structuredClone(await this.read()));
      await this.files.writeAtomic(this.file, JSON.stringify(updated, null, 2));
      this.cache = updated;
      return updated;
    });
    this.chain = next.catch(() => undefined);
    return next;
  }
}
