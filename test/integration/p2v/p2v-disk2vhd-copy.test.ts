import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyDisk2vhdToSource, readDisk2vhdFile } from '../../../electron/main/features/p2v/p2v-disk2vhd-copy';
import { labSourceDir } from '../../../electron/main/features/p2v/p2v.feature';
import { labSourceEndpoint, processSourceRunner } from '../../../electron/main/features/p2v/p2v-runners';
import { preflightScript } from '../../../electron/main/features/p2v/p2v.scripts';
import { nodeSpawner } from '../../../electron/main/platform/powershell/spawner';
import type { LedgerEntry } from '../../../shared/features/ledger/ledger.contract';
import { startSshLabSource, type SshLabSource } from '../../support/lab-hosts/ssh-lab-source';
import { P2vHarness, pwsh, qemuCheck, repoRoot } from './p2v-harness';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/**
 * The lab's Disk2vhd stand-in (the shim install-disk2vhd.ps1 writes) in `folder`, padded after its `exec` line
 * with comment lines to `padTo` bytes: still a runnable stand-in, but big enough to travel in several chunks.
 */
function standIn(folder: string, padTo = 0): string {
  execFileSync(pwsh, ['-NoLogo', '-NoProfile', '-NonInteractive', '-File', join(repoRoot, 'assets/lab/p2v/bin/install-disk2vhd.ps1'), '-Destination', folder]);
  const file = join(folder, 'disk2vhd64.exe');
  let size = readFileSync(file).length;
  while (size < padTo) {
    const line = `# ${randomBytes(3000).toString('base64')}\n`;
    appendFileSync(file, line);
    size += line.length;
  }
  return file;
}

// Issue #9: "Disk2vhd present and its version (offer to copy a Disk2vhd the user provides to the source)".
describe('P2V: copy a user-provided Disk2vhd to the source', { timeout: 300_000 }, () => {
  let h: P2vHarness;
  beforeAll(() => {
    h = new P2vHarness({ HYPERDESK_LAB_D2V_RATE: String(64 * 1024 * 1024) });
  });
  afterAll(async () => h.dispose());

  it('a source without Disk2vhd is blocked; after the copy the preflight finds it in ProgramData, byte-identical, and the capture runs it', async () => {
    const s = await h.service();
    const job = await s.create({ kind: 'lab', scenario: 'no-disk2vhd' });
    const pre = await s.preflight(job.id, '');
    expect(pre.preflight?.facts.disk2vhd).toEqual({ present: false, path: null, version: null });
    expect(pre.preflight?.findings.find((f) => f.id === 'disk2vhd')).toMatchObject({ level: 'block', key: 'p2v:find.disk2vhdMissing' });
    expect(pre.status).toBe('blocked');

    const local = standIn(join(h.dir, 'downloads', 'Disk2vhd'), 1_400_000);
    const original = readFileSync(local);
    const running = await s.copyDisk2vhd(job.id, local);
    expect(running.disk2vhdCopy).toMatchObject({ state: 'running', fileName: 'disk2vhd64.exe', totalBytes: original.length, sha256: sha256(original) });
    // While it copies, the wizard does not move on.
    await expect(s.preflight(job.id, '')).rejects.toMatchObject({ code: 'CONFLICT' });
    const t0 = Date.now();
    const done = await h.waitFor(s, job.id, (j) => j.disk2vhdCopy?.state !== 'running' && j.preflight!.at !== pre.preflight!.at);
    console.log(`p2v copy-disk2vhd: ${original.length} bytes in ${done.disk2vhdCopy?.durationMs} ms (3 chunks + commit, process per call); preflight again after ${Date.now() - t0} ms`);
    expect(done.disk2vhdCopy?.state, JSON.stringify(done.disk2vhdCopy?.error)).toBe('done');

    const expected = join(labSourceDir(h.dataDir, job.id), 'ProgramData', 'Hyperdesk', 'disk2vhd64.exe');
    expect(done.disk2vhdCopy).toMatchObject({ copiedBytes: original.length, destination: expected });
    expect(sha256(readFileSync(expected))).toBe(sha256(original));
    expect(readdirSync(join(labSourceDir(h.dataDir, job.id), 'ProgramData', 'Hyperdesk'))).toEqual(['disk2vhd64.exe']);
    // The preflight ran again by itself: the finding is no longer a block. The stand-in is a shell script with no
    // version resource, so it says "version unknown" (a warning), as a real unversioned file would.
    expect(done.preflight?.facts.disk2vhd).toEqual({ present: true, path: expected, version: null });
    expect(done.preflight?.findings.find((f) => f.id === 'disk2vhd')).toMatchObject({ level: 'warn', key: 'p2v:find.disk2vhdUnknown', values: { path: expected } });
    expect(done.preflight?.blocked).toBe(false);
    expect(done.step).toBe('plan');

    // Recorded in the ledger, one call per chunk and a commit, none with the payload.
    const copies = h.ledger.filter((e) => e.script === 'p2v/copy-disk2vhd' && e.hostId === `p2v-source:${job.id}`);
    expect(copies.map((e) => e.params.Action)).toEqual(['append', 'append', 'append', 'commit']);
    expect(copies.every((e) => e.outcome === 'ok')).toBe(true);
    expect(copies.map((e) => e.params.Offset).slice(0, 3)).toEqual([0, 524288, 1048576]);
    const ledgerText = JSON.stringify(h.ledger);
    expect(ledgerText.length).toBeLessThan(50_000);
    expect(ledgerText).not.toContain(original.subarray(600_000, 600_300).toString('base64'));
    expect(copies[0]!.scriptCall).toContain('<524288 bytes as base64, not recorded>');
    expect(done.ledgerIds).toEqual(expect.arrayContaining(copies.map((e) => e.id)));

    // The copied stand-in is the Disk2vhd the capture runs.
    const planned = await s.plan(job.id, { hostId: 'lab', vmName: 'P2V-COPIED-D2V' });
    expect(planned.plan!.commands[0]).toContain(expected);
    await s.start(job.id);
    const captured = await h.waitFor(s, job.id, (j) => j.status !== 'running');
    expect(captured.status, JSON.stringify(captured.error)).toBe('waiting');
    expect(captured.completed).toEqual(expect.arrayContaining(['capture', 'verify']));
    expect(qemuCheck(captured.plan!.capturePath).ok).toBe(true);
    expect(readFileSync(join(labSourceDir(h.dataDir, job.id), 'disk2vhd.log'), 'utf8')).toContain('"outcome":"done"');
  });

  it('refuses a wrong file before anything runs; cancel stops the copy and leaves nothing on the source', async () => {
    const s = await h.service();
    const job = await s.create({ kind: 'lab', scenario: 'no-disk2vhd' });
    await s.preflight(job.id, '');
    const before = h.ledger.length;
    await expect(s.copyDisk2vhd(job.id, join(h.dir, 'nowhere', 'disk2vhd64.exe'))).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/^No file at/) });
    await expect(s.copyDisk2vhd(job.id, join(repoRoot, 'package.json'))).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/disk2vhd64\.exe or disk2vhd\.exe/) });
    expect(h.ledger.length).toBe(before);
    expect(s.get(job.id).disk2vhdCopy).toBeUndefined();

    const big = standIn(join(h.dir, 'big'), 12 * 1024 * 1024);
    await s.copyDisk2vhd(job.id, big);
    await h.waitFor(s, job.id, (j) => (j.disk2vhdCopy?.copiedBytes ?? 0) > 0);
    await s.cancel(job.id);
    const cancelled = await h.waitFor(s, job.id, (j) => j.disk2vhdCopy?.state !== 'running');
    expect(cancelled.disk2vhdCopy?.state).toBe('cancelled');
    expect(cancelled.disk2vhdCopy!.copiedBytes).toBeLessThan(cancelled.disk2vhdCopy!.totalBytes);
    expect(cancelled.preflight?.blocked).toBe(true);
    // The discard call runs as the task unwinds: wait for its ledger entry, then the source folder is empty.
    const deadline = Date.now() + 30_000;
    const discarded = () => h.ledger.find((e) => e.hostId === `p2v-source:${job.id}` && e.script === 'p2v/copy-disk2vhd' && e.params.Action === 'discard');
    while (!discarded() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(discarded()?.outcome).toBe('ok');
    const folder = join(labSourceDir(h.dataDir, job.id), 'ProgramData', 'Hyperdesk');
    expect(existsSync(folder) ? readdirSync(folder) : []).toEqual([]);
  });

  it('a hostile local path and a hostile source folder (quotes, $(), ;, backtick) travel as data', async () => {
    const hostile = `it's "$(touch pwned-d2v)"; \`echo x\` & $env:HOME`;
    const local = standIn(join(h.dir, hostile, 'Disk2vhd'), 700_000);
    const stateDir = join(h.dir, `source ${hostile}`);
    mkdirSync(stateDir, { recursive: true });
    execFileSync(pwsh, ['-NoLogo', '-NoProfile', '-NonInteractive', '-File', join(repoRoot, 'assets/lab/p2v/bin/new-source.ps1'), '-Scenario', 'no-disk2vhd', '-StateDir', stateDir]);
    const ledger: LedgerEntry[] = [];
    const call = processSourceRunner(
      { pwsh, resourcesDir: repoRoot, spawn: nodeSpawner, appendLedger: (e) => ledger.push(e) },
      labSourceEndpoint(repoRoot, stateDir, 'hostile', process.env),
    );
    const file = await readDisk2vhdFile(local);
    const res = await copyDisk2vhdToSource(call, file, {
      signal: new AbortController().signal,
      progress: () => undefined,
      called: () => undefined,
      cleanupFailed: (e) => {
        throw e;
      },
    });
    const expected = join(stateDir, 'ProgramData', 'Hyperdesk', 'disk2vhd64.exe');
    expect(res).toEqual({ path: expected, bytes: file.bytes.length, sha256: file.sha256 });
    expect(sha256(readFileSync(expected))).toBe(file.sha256);
    const pre = await call.run(preflightScript, { TargetPath: '' });
    expect(pre.value.disk2vhd).toEqual({ present: true, path: expected, version: null });
    // Nothing was evaluated: no file made by the $() anywhere we ran.
    for (const dir of [repoRoot, h.dir, stateDir, join(stateDir, 'ProgramData', 'Hyperdesk')]) expect(existsSync(join(dir, 'pwned-d2v'))).toBe(false);
    expect(ledger.map((e) => e.outcome)).toEqual(['ok', 'ok', 'ok', 'ok']);
  });
});

describe('P2V: copy Disk2vhd to a remote source over SSH', { timeout: 240_000 }, () => {
  let h: P2vHarness;
  let src: SshLabSource;
  beforeAll(async () => {
    h = new P2vHarness();
    src = await startSshLabSource({ scenario: 'no-disk2vhd' });
  });
  afterAll(async () => {
    await h?.dispose();
    await src?.dispose();
  });

  it('copies through the job\'s source session; the preflight then finds it in the source\'s ProgramData', async () => {
    const s = await h.service();
    const job = await s.create({
      kind: 'remote',
      transport: 'ssh',
      address: src.host.hostName,
      port: src.host.port,
      userName: src.host.userName,
      keyFilePath: src.host.keyFilePath,
      sshOptions: { UserKnownHostsFile: src.host.knownHostsFile },
    });
    const pre = await s.preflight(job.id, join(h.dir, 'captures'));
    expect(pre.preflight?.findings.find((f) => f.id === 'disk2vhd')?.level).toBe('block');
    const local = standIn(join(h.dir, 'tools'), 1_100_000);
    await s.copyDisk2vhd(job.id, local);
    const done = await h.waitFor(s, job.id, (j) => j.disk2vhdCopy?.state !== 'running' && j.preflight!.at !== pre.preflight!.at);
    console.log(`p2v copy-disk2vhd over SSH: ${done.disk2vhdCopy?.totalBytes} bytes in ${done.disk2vhdCopy?.durationMs} ms`);
    expect(done.disk2vhdCopy?.state, JSON.stringify(done.disk2vhdCopy?.error)).toBe('done');
    const expected = join(src.stateDir, 'ProgramData', 'Hyperdesk', 'disk2vhd64.exe');
    expect(sha256(readFileSync(expected))).toBe(sha256(readFileSync(local)));
    expect(done.preflight?.facts.disk2vhd).toEqual({ present: true, path: expected, version: null });
    expect(done.preflight?.blocked).toBe(false);
    const copies = h.ledger.filter((e) => e.script === 'p2v/copy-disk2vhd');
    expect(copies.map((e) => e.params.Action)).toEqual(['append', 'append', 'append', 'commit']);
    expect(JSON.stringify(copies).length).toBeLessThan(10_000);
    // One session: a bounded number of remote pwsh, not one per chunk.
    expect(src.host.remotePwshPids().length).toBeLessThanOrEqual(4);
  });
});
