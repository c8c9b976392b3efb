import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * Writes a file so a reader (or a crash) never sees half of it: write a temp file beside it, flush, rename.
 * Rename is atomic on the same volume on POSIX and NTFS.
 */
export async function writeFileAtomic(file: string, data: string): Promise<void> {
  await fsp.mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const handle = await fsp.open(tmp, 'w');
  try {
    await handle.writeFile(data, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
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
}

export const nodeStateFiles: StateFiles = {
  read: readFileIfExists,
  writeAtomic: writeFileAtomic,
  async append(file, data) {
    await fsp.mkdir(path.dirname(file), { recursive: true });
    await fsp.appendFile(file, data, 'utf8');
  },
};
