import type { z } from 'zod';
import type { Logger } from '../../app/logger';
import { systemClock } from '../time/clock';
import { Sequencer } from '../time/sequencer';
import type { StateFiles } from './atomic-file';

/** A versioned document: every state file carries its format version (a file without one is version 0). */
type Versioned = { version: number };

/** Turns a document of one version into the next; it returns the body, the store stamps the new version. */
export type Migration = (old: Record<string, unknown> | unknown[]) => Record<string, unknown>;

export interface DocumentSpec<T extends Versioned> {
  path: string;
  /** The current version; the schema below must require `version` to be exactly this. */
  version: T['version'];
  schema: z.ZodType<T>;
  /**
   * migrations[v] upgrades a version-v document to v + 1, for every v below the current version that a
   * released Hyperdesk wrote. Index 0 is a file from before versioning (e.g. hosts.json's bare array).
   */
  migrations?: Readonly<Record<number, Migration>>;
  /** The document of a first run, and after an unreadable file was set aside. A document that cannot exist without its file (a P2V job) throws here. */
  empty(): T;
}

/** Why a state file was not used, and where the user can find it. Features report it (e.g. prefs.problem). */
export interface DocumentProblem {
  file: string;
  keptAt: string;
  reason: string;
  message: string;
}

export interface DocumentDeps {
  files: StateFiles;
  log: Logger;
  /** Stamps the name of a set-aside file. */
  now?: () => number;
}

type Decoded<T> = { ok: true; doc: T; migratedFrom?: number } | { ok: false; reason: string };

/**
 * The one JSON state document of main: a path, a zod schema for the current version and the migrations
 * from older ones, atomic writes (temp, fsync, rename, 0600), updates serialised one after another, and a
 * cached read. The one policy for a file it cannot use (not JSON, failing its schema, or written by a newer
 * Hyperdesk): move it aside as `<file>.unreadable-<timestamp>` (never overwritten), start from empty, log an
 * error naming both paths, and keep `problem` for the feature to show. So a later write never destroys
 * what the user had.
 */
export class DocumentStore<T extends Versioned> {
  private cached: T | undefined;
  private loading: Promise<T> | undefined;
  private readonly queue = new Sequencer();
  private readonly now: () => number;
  private currentProblem: DocumentProblem | undefined;
  private existedAtLoad = false;

  constructor(
    private readonly spec: DocumentSpec<T>,
    private readonly d: DocumentDeps,
  ) {
    this.now = d.now ?? (() => systemClock.now());
  }

  get path(): string {
    return this.spec.path;
  }

  /** Set when the file on disk could not be used at load: it was kept aside and the document started empty. */
  get problem(): DocumentProblem | undefined {
    return this.currentProblem;
  }

  /** False on a first run (there was no file). */
  get existed(): boolean {
    return this.existedAtLoad;
  }

  /** The document (loaded once, then from memory). Treat it as read-only: change it with update(). */
  read(): Promise<T> {
    if (this.cached) return Promise.resolve(this.cached);
    // One load for concurrent first readers; forgotten once settled, so an I/O failure can be retried.
    this.loading ??= this.queue.run(() => this.load()).finally(() => (this.loading = undefined));
    return this.loading;
  }

  /** The cached document after read() has settled; undefined before. */
  peek(): T | undefined {
    return this.cached;
  }

  /**
   * Applies a change to the latest document and writes it before resolving. Changes run one after another,
   * each on a copy of the result of the one before; the result is validated, so a bad change writes nothing.
   */
  update(change: (draft: T) => T | void): Promise<T> {
    return this.queue.run(async () => {
      const current = this.cached ?? (await this.load());
      const draft = structuredClone(current);
      const next = this.spec.schema.parse(change(draft) ?? draft);
      await this.write(next);
      return next;
    });
  }

  /** Replaces the whole document (a cache snapshot) without copying the current one; serialised with updates. */
  replace(doc: T): Promise<T> {
    return this.queue.run(async () => {
      const next = this.spec.schema.parse(doc);
      await this.write(next);
      return next;
    });
  }

  /** Settles when every read and change queued so far has settled (before deleting the file, say). */
  settled(): Promise<void> {
    return this.queue.idle();
  }

  private async write(doc: T): Promise<void> {
    await this.d.files.writeAtomic(this.spec.path, JSON.stringify(doc, null, 1) + '\n');
    this.cached = doc;
  }

  private async load(): Promise<T> {
    if (this.cached) return this.cached;
    const text = await this.d.files.read(this.spec.path);
    this.existedAtLoad = text !== null;
    if (text === null) return (this.cached = this.spec.empty());
    const decoded = decodeDocument(text, this.spec);
    if (decoded.ok) {
      this.cached = decoded.doc;
      if (decoded.migratedFrom !== undefined) await this.persistMigration(decoded.migratedFrom, decoded.doc);
      return decoded.doc;
    }
    await this.setAside(decoded.reason);
    return (this.cached = this.spec.empty());
  }

  /** A migrated document is written back at once, so the upgrade happens on the first start, not the first change. */
  private async persistMigration(from: number, doc: T): Promise<void> {
    try {
      await this.write(doc);
      this.d.log.info(`${this.spec.path}: migrated from version ${from} to ${this.spec.version}`);
    } catch (err) {
      this.d.log.error(`${this.spec.path}: migrated from version ${from} in memory but could not write it back`, err);
    }
  }

  private async setAside(reason: string): Promise<void> {
    const keptAt = await asideName(this.d.files, this.spec.path, this.now());
    await this.d.files.rename(this.spec.path, keptAt);
    const message = `${this.spec.path} could not be read (${reason}); it was kept as ${keptAt} and Hyperdesk started from empty`;
    this.d.log.error(message);
    this.currentProblem = { file: this.spec.path, keptAt, reason, message };
    this.d.files.problems?.report(this.currentProblem);
  }
}

/**
 * Where an unreadable state file (or the bad lines of a jsonl one) is kept: `<file>.unreadable-<timestamp>`,
 * with a suffix when that exists, so a file set aside is never replaced by another one.
 */
export async function asideName(files: Pick<StateFiles, 'exists'>, file: string, timestamp: number): Promise<string> {
  const base = `${file}.unreadable-${timestamp}`;
  let candidate = base;
  for (let i = 1; await files.exists(candidate); i++) candidate = `${base}-${i}`;
  return candidate;
}

/** Parses, version-checks, migrates and validates a document's text: the one decoding of every state file. */
export function decodeDocument<T extends Versioned>(text: string, spec: Pick<DocumentSpec<T>, 'version' | 'schema' | 'migrations'>): Decoded<T> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return { ok: false, reason: `not JSON: ${(err as Error).message}` };
  }
  if (raw === null || typeof raw !== 'object') return { ok: false, reason: 'not a JSON object or array' };
  const declared = Array.isArray(raw) ? 0 : (raw as { version?: unknown }).version ?? 0;
  if (typeof declared !== 'number' || !Number.isInteger(declared) || declared < 0) return { ok: false, reason: `its version is not a number: ${JSON.stringify(declared)}` };
  if (declared > spec.version) return { ok: false, reason: `written by a newer Hyperdesk (version ${declared}); this one reads up to version ${spec.version}` };
  let doc = raw as Record<string, unknown> | unknown[];
  for (let v = declared; v < spec.version; v++) {
    const migrate = spec.migrations?.[v];
    if (!migrate) return { ok: false, reason: `no migration from version ${v}` };
    try {
      doc = { ...migrate(doc), version: v + 1 };
    } catch (err) {
      return { ok: false, reason: `migration from version ${v} failed: ${(err as Error).message}` };
    }
  }
  const parsed = spec.schema.safeParse(doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `does not match the schema at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}` };
  }
  return declared < spec.version ? { ok: true, doc: parsed.data, migratedFrom: declared } : { ok: true, doc: parsed.data };
}
