import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** File access as a seam for the host store and the ledger. */
export interface FileOps {
  /** undefined when the file does not exist. */
  read(path: string): string | undefined;
  /** Write temp + rename, so a crash never leaves a half-written file. */
  writeAtomic(path: string, text: string): void;
  append(path: string, text: string): void;
  size(path: string): number;
  rename(from: string, to: string): void;
  remove(path: string): void;
}

/** Temp names need only be unique among this process's writes (the pid covers other processes): a counter, not the time. */
let tmpSeq = 0;

export const nodeFileOps: FileOps = {
  read(path) {
    if (!existsSync(path)) return undefined;
    return readFileSync(path, 'utf8');
  },
  writeAtomic(path, text) {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 }); // folders in the data folder are private too
    const tmp = `${path}.${process.pid}.${++tmpSeq}.tmp`;
    writeFileSync(tmp, text, { encoding: 'utf8', mode: 0o600 });
    renameSync(tmp, path);
  },
  append(path, text) {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 }); // folders in the data folder are private too
    appendFileSync(path, text, { encoding: 'utf8', mode: 0o600 });
  },
  size(path) {
    return existsSync(path) ? statSync(path).size : 0;
  },
  rename(from, to) {
    renameSync(from, to);
  },
  remove(path) {
    if (existsSync(path)) unlinkSync(path);
  },
};
