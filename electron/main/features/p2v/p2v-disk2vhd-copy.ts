import { createHash, randomUUID } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { basename, isAbsolute, win32 } from 'node:path';
import { AppError } from '../../../../shared/ipc/errors';
import type { ParamsOf } from '../../platform/scripts/script-def';
import type { ScriptAnswer, ScriptRunner } from '../../platform/scripts/script-runner';
import { copyDisk2vhdScript } from './p2v.scripts';

/** Disk2vhd 2.02's disk2vhd64.exe is about 1 MB: anything much bigger is not Disk2vhd. */
export const maxDisk2vhdBytes = 16 * 1024 * 1024;
/** Bytes per call: 512 KiB is ~700 KB of base64 per request, well inside every transport's line and message sizes. */
export const copyChunkBytes = 512 * 1024;
const allowedNames = new Set(['disk2vhd64.exe', 'disk2vhd.exe']);

/** A validated Disk2vhd read from the machine running Hyperdesk, with the hash the source must reproduce. */
export interface Disk2vhdFile {
  path: string;
  fileName: string;
  bytes: Buffer;
  sha256: string;
}

export interface LocalFiles {
  stat(path: string): Promise<{ isFile(): boolean; isDirectory(): boolean; size: number }>;
  readFile(path: string): Promise<Buffer>;
}
export const nodeLocalFiles: LocalFiles = { stat: (p) => fsp.stat(p), readFile: (p) => fsp.readFile(p) };

/**
 * Checks the path the user typed (a path on the machine running Hyperdesk: the desktop app, or the gateway on
 * loopback) and reads the file: it exists, is a regular file named disk2vhd64.exe or disk2vhd.exe and is at most
 * 16 MiB. Every refusal is a VALIDATION error that says what to fix.
 */
export async function readDisk2vhdFile(rawPath: string, files: LocalFiles = nodeLocalFiles): Promise<Disk2vhdFile> {
  const path = rawPath.trim();
  if (!path) throw new AppError('VALIDATION', 'Enter the full path of disk2vhd64.exe on this machine');
  if (!isAbsolute(path) && !win32.isAbsolute(path)) throw new AppError('VALIDATION', `Enter a full path (this is relative): ${path}`);
  const fileName = basename(path);
  if (!allowedNames.has(fileName.toLowerCase())) {
    throw new AppError('VALIDATION', `The file must be disk2vhd64.exe or disk2vhd.exe (from Sysinternals' Disk2vhd.zip), not ${fileName}`);
  }
  let st: Awaited<ReturnType<LocalFiles['stat']>>;
  try {
    st = await files.stat(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new AppError('VALIDATION', `No file at ${path}`);
    if (code === 'EACCES' || code === 'EPERM') throw new AppError('VALIDATION', `Hyperdesk may not read ${path} (${code})`);
    throw new AppError('VALIDATION', `Cannot read ${path}: ${(err as Error).message}`);
  }
  if (st.isDirectory()) throw new AppError('VALIDATION', `${path} is a folder: give the path of the .exe inside it`);
  if (!st.isFile()) throw new AppError('VALIDATION', `${path} is not a regular file`);
  if (st.size === 0) throw new AppError('VALIDATION', `${path} is empty`);
  if (st.size > maxDisk2vhdBytes) throw new AppError('VALIDATION', `${path} is ${st.size} bytes; Disk2vhd is about 1 MB (the limit is 16 MiB)`);
  const bytes = await files.readFile(path);
  // The file may have changed between stat and read: the limit holds for what was read.
  if (bytes.length === 0 || bytes.length > maxDisk2vhdBytes) throw new AppError('VALIDATION', `${path} changed while it was read (${bytes.length} bytes)`);
  return { path, fileName, bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
}

export interface Chunk {
  offset: number;
  /** base64 of bytes [offset, offset + length). */
  data: string;
  length: number;
}

/** The file as consecutive base64 chunks (the last may be shorter); an empty file has none. */
export function* chunksOf(bytes: Buffer, chunkBytes = copyChunkBytes): Generator<Chunk> {
  if (!Number.isInteger(chunkBytes) || chunkBytes <= 0) throw new AppError('INTERNAL', `bad chunk size ${chunkBytes}`);
  for (let offset = 0; offset < bytes.length; offset += chunkBytes) {
    const part = bytes.subarray(offset, Math.min(bytes.length, offset + chunkBytes));
    yield { offset, data: part.toString('base64'), length: part.length };
  }
}

export interface CopyResult {
  path: string;
  bytes: number;
  sha256: string;
}

export interface CopyHooks {
  signal: AbortSignal;
  /** After each chunk: bytes on the source so far. */
  progress(copiedBytes: number): void | Promise<void>;
  /** Every call's result (ledger ids for the task and the job). */
  called(res: Pick<ScriptAnswer<unknown>, 'ledgerId'>): void | Promise<void>;
  /** The temporary file could not be removed after a failure (reported, not thrown: the first error wins). */
  cleanupFailed(err: unknown): void;
  chunkBytes?: number;
  newCopyId?: () => string;
}

/**
 * Sends the file to the source with copy-disk2vhd.ps1 over the job's source runner: one call per chunk (so the
 * copy shows progress and stops between chunks when cancelled), then a commit that checks the SHA-256 and renames
 * into %ProgramData%\Hyperdesk\disk2vhd64.exe. The ledger keeps each call without its payload. On failure or
 * cancel the temporary file on the source is discarded (best effort) and the error is rethrown.
 */
export async function copyDisk2vhdToSource(runner: ScriptRunner, file: Disk2vhdFile, hooks: CopyHooks): Promise<CopyResult> {
  const copyId = (hooks.newCopyId ?? (() => randomUUID().replace(/-/g, '')))();
  const total = file.bytes.length;
  type CopyParams = ParamsOf<typeof copyDisk2vhdScript>;
  const run = async (params: CopyParams, ledgerParams: Record<string, unknown>, signal?: AbortSignal) => {
    try {
      const res = await runner.run(copyDisk2vhdScript, params, { signal, ledgerParams });
      await hooks.called(res);
      return res.value;
    } catch (err) {
      const ledgerId = (err as { ledgerId?: string }).ledgerId;
      if (ledgerId) await hooks.called({ ledgerId });
      throw err;
    }
  };
  /** The answer a step must give (the script answers with the action it did; anything else is the source's fault). */
  const answerOf = <A extends 'append' | 'commit'>(out: Awaited<ReturnType<typeof run>>, action: A) => {
    if (out.action !== action) throw new AppError('PS_ERROR', `p2v/copy-disk2vhd answered "${out.action}" to "${action}"`);
    return out as Extract<typeof out, { action: A }>;
  };
  try {
    for (const c of chunksOf(file.bytes, hooks.chunkBytes)) {
      if (hooks.signal.aborted) throw new AppError('CANCELLED', 'Cancelled');
      const args = { CopyId: copyId, Action: 'append' as const, Offset: c.offset, TotalBytes: total };
      const out = answerOf(await run({ ...args, Data: c.data }, { ...args, Data: `<${c.length} bytes as base64, not recorded>` }, hooks.signal), 'append');
      const onSource = out.bytes;
      if (onSource !== c.offset + c.length) throw new AppError('PS_ERROR', `the source holds ${onSource} bytes after the chunk at ${c.offset}; expected ${c.offset + c.length}`);
      await hooks.progress(onSource);
    }
    if (hooks.signal.aborted) throw new AppError('CANCELLED', 'Cancelled');
    const commit = { CopyId: copyId, Action: 'commit' as const, TotalBytes: total, Sha256: file.sha256 };
    const out = answerOf(await run(commit, commit, hooks.signal), 'commit');
    if (out.sha256 !== file.sha256) throw new AppError('PS_ERROR', `the source reports SHA-256 ${out.sha256}, expected ${file.sha256}`);
    return { path: out.path, bytes: out.bytes, sha256: out.sha256 };
  } catch (err) {
    const discard = { CopyId: copyId, Action: 'discard' as const };
    // Without the task's signal: a cancelled copy still cleans up after itself.
    await run(discard, discard).catch((e: unknown) => hooks.cleanupFailed(e));
    throw err;
  }
}
