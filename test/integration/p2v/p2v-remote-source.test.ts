import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSshLabSource, type SshLabSource } from '../../support/lab-hosts/ssh-lab-source';
import { P2vHarness, qemuCheck } from './p2v-harness';

// A P2V source reached over PowerShell SSH remoting (the same session layer as hosts): the lab source runs in
// an sshd's pwsh subsystem; preflight and capture → verify run through one session, not a process per call.
describe('P2V with a remote source over SSH', { timeout: 240_000 }, () => {
  let h: P2vHarness;
  let src: SshLabSource;
  beforeAll(async () => {
    h = new P2vHarness();
    src = await startSshLabSource({ scenario: 'bios-mbr', env: { HYPERDESK_LAB_D2V_RATE: String(64 * 1024 * 1024) } });
  });
  afterAll(async () => {
    await h?.dispose();
    await src?.dispose();
  });

  const remote = () => ({
    kind: 'remote' as const,
    transport: 'ssh' as const,
    address: src.host.hostName,
    port: src.host.port,
    userName: src.host.userName,
    keyFilePath: src.host.keyFilePath,
    sshOptions: { UserKnownHostsFile: src.host.knownHostsFile },
  });

  it('preflights the BIOS/MBR source and captures a disk that verifies and passes qemu-img check', async () => {
    const s = await h.service();
    const job = await s.create(remote());
    expect(job.sourceLabel).toBe(`ssh://${src.host.userName}@127.0.0.1:${src.host.port}`);
    const pre = await s.preflight(job.id, join(h.dir, 'captures'));
    expect(pre.preflight?.facts.computerName).toBe(src.computerName);
    expect(pre.preflight?.blocked).toBe(false);
    expect(pre.preflight?.findings.find((f) => f.id === 'firmware')).toMatchObject({ level: 'pass', values: { firmware: 'BIOS', style: 'MBR', generation: 1 } });
    expect(pre.preflight?.findings.find((f) => f.id === 'bitlocker')?.level).toBe('pass');
    expect(pre.preflight?.facts.disk2vhd.present).toBe(true);

    // The app's data folder is not a place on another machine: a remote source needs a chosen capture folder.
    await expect(s.plan(job.id, { hostId: 'lab', vmName: 'P2V-REMOTE' })).rejects.toMatchObject({ code: 'VALIDATION' });
    const planned = await s.plan(job.id, { hostId: 'lab', vmName: 'P2V-REMOTE', targetFolder: join(h.dir, 'captures') });
    expect(planned.plan!.capturePath.startsWith(join(h.dir, 'captures'))).toBe(true);
    expect(planned.plan).toMatchObject({ generation: 1, controller: 'IDE', volumeArgs: ['*'] });
    await s.start(job.id);
    const done = await h.waitFor(s, job.id, (j) => j.status !== 'running');
    expect(done.status, JSON.stringify(done.error)).toBe('waiting');
    expect(done.completed).toEqual(expect.arrayContaining(['capture', 'verify']));
    expect(done.verify?.format).toBe('VHDX');
    expect(qemuCheck(done.plan!.capturePath).ok).toBe(true);
    expect(readFileSync(done.plan!.capturePath).subarray(0, 8).toString('ascii')).toBe('vhdxfile');
    // The stand-in ran on the remote source (its own log), as the plan said.
    expect(readFileSync(join(src.stateDir, 'disk2vhd.log'), 'utf8')).toContain('"outcome":"done"');

    // Every source call went through the job's source session and is in the ledger under its id.
    const sourceEntries = h.ledger.filter((e) => e.hostId === `p2v-source:${job.id}`);
    const scripts = sourceEntries.map((e) => e.script);
    for (const name of ['p2v/preflight', 'p2v/capture-start', 'p2v/capture-status', 'p2v/verify-image']) expect(scripts).toContain(name);
    expect(sourceEntries.every((e) => e.outcome === 'ok')).toBe(true);
    // One session: the source's sshd started a bounded number of remote pwsh (lanes), not one per call.
    expect(src.host.remotePwshPids().length).toBeGreaterThan(0);
    expect(src.host.remotePwshPids().length).toBeLessThanOrEqual(4);
    expect(sourceEntries.length).toBeGreaterThan(src.host.remotePwshPids().length);
  });

  it('a key the source does not accept fails preflight as an authentication failure, recorded in the ledger', async () => {
    const s = await h.service();
    const wrongKey = join(h.dir, 'wrong_ed25519');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', wrongKey]);
    const job = await s.create({ ...remote(), keyFilePath: wrongKey });
    await expect(s.preflight(job.id, join(h.dir, 'captures'))).rejects.toMatchObject({ code: 'AUTH_FAILED' });
    expect(s.get(job.id).preflight).toBeUndefined();
    const entry = h.ledger.find((e) => e.hostId === `p2v-source:${job.id}`);
    expect(entry?.outcome).toBe('error');
  });
});
