import { chmodSync, lstatSync, mkdirSync, mkdtempSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { securePrivateDataDir } from '../../electron/main/platform/files/private-data-dir';
import { nodeStateFiles, writeFileAtomic } from '../../electron/main/platform/documents/atomic-file';
import { nodeFileOps } from '../../electron/main/platform/sessions/file-ops';

const mode = (p: string) => statSync(p).mode & 0o7777;

/**
 * Private files: the data folder is 0700 and every state file 0600, on creation and when an existing
 * folder with looser modes is opened. The umask is cleared during each test so a writer that forgets to
 * ask for owner-only modes shows it (a default umask of 022 would hide a missing mode as 0644/0755 only).
 */
describe('private data folder', () => {
  let root: string;
  let savedUmask: number;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'hd-private-'));
    savedUmask = process.umask(0);
  });
  afterEach(() => {
    process.umask(savedUmask);
  });

  it('creates a missing data folder 0700', async () => {
    const dir = join(root, 'Hyperdesk');
    await securePrivateDataDir(dir);
    expect(mode(dir)).toBe(0o700);
  });

  it('tightens an existing folder left loose: folders 0700, files 0600, and says which it fixed', async () => {
    const dir = join(root, 'data');
    mkdirSync(join(dir, 'p2v', 'jobs'), { recursive: true, mode: 0o777 });
    chmodSync(dir, 0o755);
    chmodSync(join(dir, 'p2v'), 0o775);
    chmodSync(join(dir, 'p2v', 'jobs'), 0o777);
    const files = ['tasks.jsonl', 'inventory-cache.json', 'secrets.json', 'known_hosts', 'prefs.json', 'ledger.jsonl', 'p2v/jobs/job-1.json'];
    for (const f of files) writeFileSync(join(dir, f), '{}', { mode: 0o644 });
    chmodSync(join(dir, 'secrets.json'), 0o666);
    writeFileSync(join(dir, 'already.json'), '{}', { mode: 0o600 });

    const report = await securePrivateDataDir(dir);

    expect(mode(dir)).toBe(0o700);
    expect(mode(join(dir, 'p2v'))).toBe(0o700);
    expect(mode(join(dir, 'p2v', 'jobs'))).toBe(0o700);
    for (const f of files) expect([f, mode(join(dir, f))]).toEqual([f, 0o600]);
    expect(mode(join(dir, 'already.json'))).toBe(0o600);
    expect(report.tightened.sort()).toEqual(['.', 'p2v', 'p2v/jobs', ...files].sort());
    expect((await securePrivateDataDir(dir)).tightened).toEqual([]); // idempotent
  });

  it('does not follow a symlink out of the folder', async () => {
    const dir = join(root, 'data');
    mkdirSync(dir, { mode: 0o700 });
    const outside = join(root, 'outside.txt');
    writeFileSync(outside, 'x', { mode: 0o644 });
    symlinkSync(outside, join(dir, 'link'));
    await securePrivateDataDir(dir);
    expect(mode(outside)).toBe(0o644);
    expect(lstatSync(join(dir, 'link')).isSymbolicLink()).toBe(true);
  });

  it('every state writer creates its file 0600 and any folder it makes 0700', async () => {
    await writeFileAtomic(join(root, 'a', 'doc.json'), '{}');
    await nodeStateFiles.append(join(root, 'b', 'tasks.jsonl'), '{}\n');
    nodeFileOps.writeAtomic(join(root, 'c', 'hosts.json'), '{}');
    nodeFileOps.append(join(root, 'd', 'ledger.jsonl'), '{}\n');
    for (const [folder, file] of [
      ['a', 'doc.json'],
      ['b', 'tasks.jsonl'],
      ['c', 'hosts.json'],
      ['d', 'ledger.jsonl'],
    ] as const) {
      expect([folder, mode(join(root, folder))]).toEqual([folder, 0o700]);
      expect([file, mode(join(root, folder, file))]).toEqual([file, 0o600]);
    }
  });
});
