import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/ipc/errors';
import { chunksOf, copyDisk2vhdToSource, maxDisk2vhdBytes, readDisk2vhdFile, type Disk2vhdFile } from '../../../electron/main/features/p2v/p2v-disk2vhd-copy';
import type { CallOptions } from '../../../electron/main/platform/scripts/script-runner';
import { fakeRunner } from './p2v-fixtures';

const dir = mkdtempSync(join(tmpdir(), 'p2v-d2v-copy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const at = (...parts: string[]) => {
  const p = join(dir, ...parts);
  mkdirSync(join(p, '..'), { recursive: true });
  return p;
};
const refusal = async (path: string) => {
  const err = await readDisk2vhdFile(path).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe('VALIDATION');
  return (err as AppError).message;
};

describe('Disk2vhd file validation', () => {
  it('reads disk2vhd64.exe / disk2vhd.exe (any case) and hashes it', async () => {
    const bytes = randomBytes(70_000);
    for (const name of ['disk2vhd64.exe', 'DISK2VHD64.EXE', 'Disk2vhd.exe']) {
      const p = at(name.toLowerCase() === 'disk2vhd.exe' ? 'b' : `a-${name}`, name);
      writeFileSync(p, bytes);
      const f = await readDisk2vhdFile(`  ${p} `);
      expect(f.fileName).toBe(name);
      expect(f.bytes.equals(bytes)).toBe(true);
      expect(f.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
  });

  it('refuses with a clear message: missing, a folder, not a regular file, wrong name, relative, empty, too big', async () => {
    expect(await refusal('')).toMatch(/Enter the full path/);
    expect(await refusal('tools/disk2vhd64.exe')).toMatch(/relative/);
    expect(await refusal(at('missing', 'disk2vhd64.exe'))).toMatch(/^No file at .*missing/);
    mkdirSync(at('folder', 'disk2vhd64.exe'), { recursive: true });
    expect(await refusal(at('folder', 'disk2vhd64.exe'))).toMatch(/is a folder/);
    const link = at('device', 'disk2vhd64.exe');
    symlinkSync('/dev/null', link);
    expect(await refusal(link)).toMatch(/not a regular file/);
    writeFileSync(at('named', 'setup.exe'), 'x');
    expect(await refusal(at('named', 'setup.exe'))).toMatch(/must be disk2vhd64\.exe or disk2vhd\.exe.*not setup\.exe/);
    writeFileSync(at('named', 'disk2vhd64.exe.bak'), 'x');
    expect(await refusal(at('named', 'disk2vhd64.exe.bak'))).toMatch(/not disk2vhd64\.exe\.bak/);
    writeFileSync(at('empty', 'disk2vhd64.exe'), '');
    expect(await refusal(at('empty', 'disk2vhd64.exe'))).toMatch(/is empty/);
    const big = at('big', 'disk2vhd64.exe');
    writeFileSync(big, '');
    truncateSync(big, maxDisk2vhdBytes + 1);
    expect(await refusal(big)).toMatch(/16777217 bytes.*16 MiB/);
  });

  it('accepts exactly 16 MiB', async () => {
    const edge = at('edge', 'disk2vhd64.exe');
    writeFileSync(edge, '');
    truncateSync(edge, maxDisk2vhdBytes);
    expect((await readDisk2vhdFile(edge)).bytes.length).toBe(maxDisk2vhdBytes);
  });
});

describe('chunking', () => {
  it('cuts the file into 512 KiB base64 chunks that decode back to the file', () => {
    const bytes = randomBytes(1_200_000);
    const chunks = [...chunksOf(bytes)];
    expect(chunks.map((c) => [c.offset, c.length])).toEqual([
      [0, 524288],
      [524288, 524288],
      [1048576, 151424],
    ]);
    expect(Buffer.concat(chunks.map((c) => Buffer.from(c.data, 'base64'))).equals(bytes)).toBe(true);
  });

  it('an exact multiple has no empty tail; a one-byte file is one chunk', () => {
    expect([...chunksOf(randomBytes(2048), 1024)].map((c) => c.length)).toEqual([1024, 1024]);
    expect([...chunksOf(Buffer.from([7]), 1024)]).toEqual([{ offset: 0, length: 1, data: 'Bw==' }]);
    expect(() => [...chunksOf(Buffer.alloc(4), 0)]).toThrow(/chunk size/);
  });
});

/** A fake source: keeps what the copy script would write, and every call as the ledger would record it. */
function fakeSource(opts: { corruptAt?: number; abortAfterChunks?: { n: number; ctl: AbortController } } = {}) {
  let partial = Buffer.alloc(0);
  let final: Buffer | null = null;
  const calls: { args: Record<string, unknown>; opts: CallOptions }[] = [];
  let appended = 0;
  const call = fakeRunner('a fake source', async (script, args, o) => {
    expect(script).toBe('p2v/copy-disk2vhd');
    calls.push({ args, opts: o });
    if (o.signal?.aborted) throw new AppError('CANCELLED', 'Cancelled');
    const id = `l${calls.length}`;
    if (args.Action === 'append') {
      let data = Buffer.from(String(args.Data), 'base64');
      if (opts.corruptAt === args.Offset) data = Buffer.from(data.map((b) => b ^ 1));
      partial = Buffer.concat([partial.subarray(0, Number(args.Offset)), data]);
      appended++;
      if (opts.abortAfterChunks && appended === opts.abortAfterChunks.n) opts.abortAfterChunks.ctl.abort();
      return { value: { action: 'append', bytes: partial.length }, ledgerId: id };
    }
    if (args.Action === 'commit') {
      const sha = createHash('sha256').update(partial).digest('hex');
      if (sha !== args.Sha256) throw Object.assign(new AppError('PS_ERROR', `SHA-256 mismatch after the copy: ${sha}`), { ledgerId: id });
      final = partial;
      return { value: { action: 'commit', path: 'C:\\ProgramData\\Hyperdesk\\disk2vhd64.exe', bytes: partial.length, sha256: sha }, ledgerId: id };
    }
    partial = Buffer.alloc(0);
    return { value: { action: 'discard', discarded: true }, ledgerId: id };
  });
  return { call, calls, final: () => final };
}

const fileOf = (bytes: Buffer): Disk2vhdFile => ({ path: '/x/disk2vhd64.exe', fileName: 'disk2vhd64.exe', bytes, sha256: createHash('sha256').update(bytes).digest('hex') });

describe('copying to the source', () => {
  it('appends every chunk in order, commits with the hash, reports progress; the ledger never sees the payload', async () => {
    const bytes = randomBytes(1_300_000);
    const src = fakeSource();
    const progress: number[] = [];
    const ledgerIds: string[] = [];
    const res = await copyDisk2vhdToSource(src.call, fileOf(bytes), {
      signal: new AbortController().signal,
      progress: (n) => void progress.push(n),
      called: (r) => void (r.ledgerId && ledgerIds.push(r.ledgerId)),
      cleanupFailed: (e) => {
        throw e;
      },
      newCopyId: () => 'a'.repeat(32),
    });
    expect(src.final()?.equals(bytes)).toBe(true);
    expect(res).toEqual({ path: 'C:\\ProgramData\\Hyperdesk\\disk2vhd64.exe', bytes: bytes.length, sha256: fileOf(bytes).sha256 });
    expect(progress).toEqual([524288, 1048576, 1300000]);
    expect(ledgerIds).toEqual(['l1', 'l2', 'l3', 'l4']);
    expect(src.calls.map((c) => c.args.Action)).toEqual(['append', 'append', 'append', 'commit']);
    expect(src.calls.every((c) => c.args.CopyId === 'a'.repeat(32))).toBe(true);
    for (const c of src.calls.slice(0, 3)) {
      expect(String(c.args.Data).length).toBeGreaterThan(100_000);
      expect(c.opts.ledgerParams).toMatchObject({ Action: 'append', Offset: c.args.Offset, TotalBytes: bytes.length });
      expect(JSON.stringify(c.opts.ledgerParams).length).toBeLessThan(200);
      expect(String(c.opts.ledgerParams!.Data)).toMatch(/^<\d+ bytes as base64, not recorded>$/);
    }
  });

  it('cancel between chunks stops sending and discards the partial file (the discard is not itself cancelled)', async () => {
    const ctl = new AbortController();
    const src = fakeSource({ abortAfterChunks: { n: 1, ctl } });
    const err = await copyDisk2vhdToSource(src.call, fileOf(randomBytes(1_300_000)), {
      signal: ctl.signal,
      progress: () => undefined,
      called: () => undefined,
      cleanupFailed: (e) => {
        throw e;
      },
    }).catch((e: unknown) => e);
    expect((err as AppError).code).toBe('CANCELLED');
    expect(src.calls.map((c) => c.args.Action)).toEqual(['append', 'discard']);
    expect(src.calls[1]!.opts.signal).toBeUndefined();
    expect(src.final()).toBeNull();
  });

  it('a chunk corrupted on the way fails the commit (hash check on the source) and discards', async () => {
    const src = fakeSource({ corruptAt: 524288 });
    const failed: unknown[] = [];
    const err = await copyDisk2vhdToSource(src.call, fileOf(randomBytes(1_300_000)), {
      signal: new AbortController().signal,
      progress: () => undefined,
      called: () => undefined,
      cleanupFailed: (e) => failed.push(e),
    }).catch((e: unknown) => e);
    expect((err as AppError).message).toMatch(/SHA-256 mismatch/);
    expect(src.calls.map((c) => c.args.Action)).toEqual(['append', 'append', 'append', 'commit', 'discard']);
    expect(src.final()).toBeNull();
    expect(failed).toEqual([]);
  });
});
