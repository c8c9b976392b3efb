import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAlive, P2vHarness, qemuCheck } from './p2v-harness';
import { labSourceDir } from '../../../electron/main/features/p2v/p2v.feature';
import { join } from 'node:path';

// Real pwsh, the lab source (Storage/BitLocker/CIM simulation + the Disk2vhd stand-in writing a real VHDX)
// and a lab Hyper-V host: the whole P2V pipeline without the UI.
describe('P2V pipeline against the lab', { timeout: 240_000 }, () => {
  let h: P2vHarness;
  beforeAll(() => {
    h = new P2vHarness({ HYPERDESK_LAB_D2V_RATE: String(64 * 1024 * 1024) });
  });
  afterAll(async () => h.dispose());

  it('BIOS/MBR source becomes a Gen 1 VM on IDE that starts, from a disk that passes qemu-img check', async () => {
    const s = await h.service();
    const job = await s.create({ kind: 'lab', scenario: 'bios-mbr' });
    const pre = await s.preflight(job.id, '');
    expect(pre.preflight?.blocked).toBe(false);
    expect(pre.preflight?.findings.find((f) => f.id === 'firmware')).toMatchObject({ level: 'pass', values: { firmware: 'BIOS', style: 'MBR', generation: 1 } });
    const planned = await s.plan(job.id, { hostId: 'lab', vmName: 'P2V-BIOS', productionSwitch: 'External' });
    expect(planned.plan).toMatchObject({ generation: 1, controller: 'IDE', volumeArgs: ['*'], useShadowCopy: false, secureBootTemplate: null });
    expect(planned.plan!.commands[0]).toMatch(/disk2vhd64\.exe' -accepteula -c '\*' '.*SRV-FILE01\.vhdx'$/);
    await s.start(job.id);
    const done = await h.waitFor(s, job.id, (j) => j.status !== 'running');
    expect(done.status, JSON.stringify(done.error)).toBe('waiting');
    expect(done.step).toBe('first-boot');
    expect(done.completed).toEqual(expect.arrayContaining(['capture', 'verify', 'transfer', 'create-vm']));
    expect(done.vm).toMatchObject({ generation: 1, controllerType: 'IDE', switchName: 'Hyperdesk P2V isolated' });
    expect(qemuCheck(done.plan!.vmDiskPath).ok).toBe(true);
    expect(done.transfer?.skipped).toBe(false);
    expect(readFileSync(done.plan!.vmDiskPath).subarray(0, 8).toString('ascii')).toBe('vhdxfile');
    // The stand-in was called the way the wizard said it would be.
    const log = readFileSync(join(labSourceDir(h.dataDir, job.id), 'disk2vhd.log'), 'utf8');
    expect(log).toContain('"outcome":"done"');
    const started = await s.vmAction(job.id, 'start');
    expect(started.vm?.state).toBe('Running');
    expect(started.step).toBe('checklist');
    expect(h.onHost(`(Get-VMSnapshot -VMName 'P2V-BIOS').Name`)).toBe('Before first boot (Hyperdesk P2V)');
    const rolled = await s.vmAction(job.id, 'rollback');
    expect(rolled.vm?.state).toBe('Off');
    // Every step's PowerShell is in the ledger.
    const scripts = h.ledger.map((e) => e.script);
    for (const name of ['p2v/preflight', 'p2v/host-info', 'p2v/capture-start', 'p2v/capture-status', 'p2v/verify-image', 'p2v/transfer', 'p2v/create-vm']) expect(scripts).toContain(name);
  });

  it('UEFI/GPT source becomes a Gen 2 VM on SCSI with Secure Boot (Windows template)', async () => {
    const s = await h.service();
    const job = await s.create({ kind: 'lab', scenario: 'uefi-gpt' });
    const pre = await s.preflight(job.id, '');
    expect(pre.preflight?.findings.find((f) => f.id === 'letterless')?.level).toBe('warn');
    await s.plan(job.id, { hostId: 'lab', vmName: 'P2V-UEFI', include: [] });
    await s.start(job.id);
    const done = await h.waitFor(s, job.id, (j) => j.status !== 'running');
    expect(done.status, JSON.stringify(done.error)).toBe('waiting');
    expect(done.vm).toMatchObject({ generation: 2, controllerType: 'SCSI', secureBoot: 'On', secureBootTemplate: 'MicrosoftWindows' });
    expect(h.onHost(`(Get-VMFirmware -VMName 'P2V-UEFI').SecureBootTemplate`)).toBe('MicrosoftWindows');
    expect(qemuCheck(done.plan!.vmDiskPath).ok).toBe(true);
  });

  it('blocks a BitLocker source and a target without room, with the reason', async () => {
    const s = await h.service();
    const bl = await s.create({ kind: 'lab', scenario: 'bitlocker' });
    const pre = await s.preflight(bl.id, '');
    expect(pre.status).toBe('blocked');
    expect(pre.preflight?.findings.find((f) => f.id === 'bitlocker')).toMatchObject({ level: 'block', values: { volumes: 'C:' }, fixKey: 'p2v:fix.bitlocker' });
    await expect(s.plan(bl.id, { hostId: 'lab', vmName: 'X' })).rejects.toMatchObject({ code: 'CONFLICT' });
    const ns = await s.create({ kind: 'lab', scenario: 'no-space' });
    const pre2 = await s.preflight(ns.id, '');
    expect(pre2.preflight?.findings.find((f) => f.id === 'target')?.level).toBe('block');
  });

  it('cancel during capture stops Disk2vhd, deletes the partial file and creates no VM', async () => {
    const slow = new P2vHarness({ HYPERDESK_LAB_D2V_RATE: String(2 * 1024 * 1024) });
    try {
      const s = await slow.service();
      const job = await s.create({ kind: 'lab', scenario: 'bios-mbr' });
      await s.preflight(job.id, '');
      await s.plan(job.id, { hostId: 'lab', vmName: 'P2V-CANCEL' });
      await s.start(job.id);
      const capturing = await slow.waitFor(s, job.id, (j) => (j.capture?.bytes ?? 0) > 0);
      const pid = capturing.capture!.processId;
      expect(isAlive(pid)).toBe(true);
      const cancelled = await s.cancel(job.id);
      expect(cancelled.status).toBe('cancelled');
      expect(cancelled.noteKey).toBe('p2v:note.captureCancelled');
      expect(cancelled.capture).toBeUndefined();
      expect(existsSync(capturing.plan!.capturePath)).toBe(false);
      expect(isAlive(pid)).toBe(false);
      expect(slow.onHost(`@(Get-VM).Count`)).toBe('0');
      expect(slow.ledger.map((e) => e.script)).toContain('p2v/capture-stop');
    } finally {
      await slow.dispose();
    }
  });

  it('resumes after a restart: the running capture is watched again, not started twice', async () => {
    const slow = new P2vHarness({ HYPERDESK_LAB_D2V_RATE: String(24 * 1024 * 1024) });
    try {
      const s1 = await slow.service();
      const job = await s1.create({ kind: 'lab', scenario: 'bios-mbr' });
      await s1.preflight(job.id, '');
      await s1.plan(job.id, { hostId: 'lab', vmName: 'P2V-RESUME' });
      await s1.start(job.id);
      const capturing = await slow.waitFor(s1, job.id, (j) => (j.capture?.bytes ?? 0) > 0);
      await s1.dispose(); // the app goes away mid-capture; Disk2vhd keeps running on the source
      const t0 = Date.now();
      const s2 = await slow.service();
      expect(s2.get(job.id)).toMatchObject({ status: 'running', step: 'capture' });
      const done = await slow.waitFor(s2, job.id, (j) => j.status !== 'running');
      expect(done.status, JSON.stringify(done.error)).toBe('waiting');
      expect(done.capture?.processId).toBe(capturing.capture!.processId);
      expect(slow.ledger.filter((e) => e.script === 'p2v/capture-start')).toHaveLength(1);
      expect(qemuCheck(done.plan!.vmDiskPath).ok).toBe(true);
      console.log(`p2v resume: restart to VM ready in ${Date.now() - t0} ms`);
    } finally {
      await slow.dispose();
    }
  });

  it('reports a stuck capture (no growth) and still cancels cleanly', async () => {
    const stall = new P2vHarness({ HYPERDESK_LAB_D2V_RATE: String(8 * 1024 * 1024), HYPERDESK_LAB_D2V_STALL_AFTER: String(4 * 1024 * 1024) });
    try {
      const s = await stall.service({ stuckMs: 1500 });
      const job = await s.create({ kind: 'lab', scenario: 'bios-mbr' });
      await s.preflight(job.id, '');
      await s.plan(job.id, { hostId: 'lab', vmName: 'P2V-STUCK' });
      await s.start(job.id);
      const stuck = await stall.waitFor(s, job.id, (j) => j.capture?.stuck === true);
      expect(stuck.noteKey).toBe('p2v:note.stuck');
      const cancelled = await s.cancel(job.id);
      expect(cancelled.status).toBe('cancelled');
      expect(isAlive(stuck.capture!.processId)).toBe(false);
    } finally {
      await stall.dispose();
    }
  });
});
