import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { DocumentProblemSink } from './document-problems';

/**
 * Writes a file so a reader (or a crash) never sees half of it: write a temp file beside it (mode 0600: state
 * files are the user's alone), flush it to disk, rename. Rename is atomic on the same volume on POSIX and NTFS,
 * so after a crash the file holds either the old or the new text.
 */
export async function writeFileAtomic(file: string, data: string): Promise<void> {
  await fsp.mkdir(path.dirname(file), { recursive: true, mode: 0o700 }); // folders in the data folder are private too
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    const handle = await fsp.open(tmp, 'w', 0o600);
    try {
      await handle.writeFile(data, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fsp.rename(tmp, file);
  } catch (err) {
    await fsp.rm(tmp, { force: true });
    throw err;
  }
}

/** Reads a file, or null when it does not exist (any other error is real and propagates). */
export async function readFileIfExists(file: string): Promise<string | null> {
  try {
    return await fsp.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/** The file operations state stores need: a seam so unit tests run in memory. */
export interface StateFiles {
  read(file: string): Promise<string | null>;
  writeAtomic(file: string, data: string): Promise<void>;
  append(file: string, data: string): Promise<void>;
  exists(file: string): Promise<boolean>;
  /** Moves a file (an unreadable one, aside); the store picks a `to` that does not exist. */
  rename(from: string, to: string): Promise<void>;
  /**
   * Where the stores on these files report a file they set aside. compose.ts hands every store the same
   * files, so the app collects every problem in one list (platform/documents/document-problems.ts).
   */
  problems?: DocumentProblemSink;
}

export const nodeStateFiles: StateFiles = {
  read: readFileIfExists,
  writeAtomic: writeFileAtomic,
  async append(file, data) {
    await fsp.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    await fsp.appendFile(file, data, { encoding: 'utf8', mode: 0o600 });
  },
  async exists(file) {
    try {
      await fsp.access(file);
      return true;
    } catch {
      return false;
    }
  },
  rename: (from, to) => fsp.rename(from, to),
};
