import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { P2vHarness, repoRoot } from './p2v-harness';
import { toErrorShape } from '../../../electron/main/platform/ipc/dispatcher';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const scriptsOf = (root: string) => join(root, 'electron', 'main', 'features', 'p2v', 'scripts');
const dirs: string[] = [];
const harnesses: P2vHarness[] = [];
afterAll(async () => {
  for (const h of harnesses) await h.dispose();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/**
 * A resources folder like the shipped one, except that one P2V script keeps its param() block but answers JSON
 * of the wrong shape (what a script/app version mismatch or a broken module looks like from main).
 */
function resourcesWithFaulty(script: string, answer: string): string {
  const root = mkdtempSync(join(tmpdir(), 'hd-p2v-res-'));
  dirs.push(root);
  const feature = join(root, 'electron', 'main', 'features', 'p2v');
  mkdirSync(scriptsOf(root), { recursive: true });
  symlinkSync(join(repoRoot, 'electron', 'main', 'features', 'p2v', 'source'), join(feature, 'source'));
  symlinkSync(join(repoRoot, 'assets'), join(root, 'assets'));
  for (const f of readdirSync(scriptsOf(repoRoot))) {
    if (f !== `${script}.ps1`) symlinkSync(join(scriptsOf(repoRoot), f), join(scriptsOf(root), f));
  }
  const real = readFileSync(join(scriptsOf(repoRoot), `${script}.ps1`), 'utf8');
  const params = /^param\([\s\S]*?^\)/m.exec(real)![0];
  writeFileSync(join(scriptsOf(root), `${script}.ps1`), `${params}\nSet-StrictMode -Version Latest\n'${answer}'\n`);
  return root;
}

describe('a P2V script that answers the wrong shape', { timeout: 240_000 }, () => {
  it("p2v.preflight: the source's PS_ERROR naming the script and the source, not the user's VALIDATION", async () => {
    const h = new P2vHarness({}, resourcesWithFaulty('preflight', '{"computerName":"SRV1","disks":"none"}'));
    harnesses.push(h);
    const s = await h.service();
    const job = await s.create({ kind: 'lab', scenario: 'bios-mbr' });
    const shape = await s.preflight(job.id, '').then(
      () => null,
      (err: unknown) => toErrorShape(err, undefined, quiet, 'p2v.preflight'),
    );
    expect(shape?.code).toBe('PS_ERROR');
    expect(shape?.message).toMatch(/^p2v\/preflight on the lab source returned unexpected data at /);
    // The failed answer is in the ledger like every source call.
    expect(h.ledger.map((e) => e.script)).toContain('p2v/preflight');
  });

  it('the create-vm step (a task): the job fails PS_ERROR naming the script and the host, not INTERNAL with raw zod text', async () => {
    const h = new P2vHarness({ HYPERDESK_LAB_D2V_RATE: String(64 * 1024 * 1024) }, resourcesWithFaulty('create-vm', '{"name":"P2V-BAD"}'));
    harnesses.push(h);
    const s = await h.service();
    const job = await s.create({ kind: 'lab', scenario: 'bios-mbr' });
    await s.preflight(job.id, '');
    await s.plan(job.id, { hostId: 'lab', vmName: 'P2V-BAD' });
    await s.start(job.id);
    const done = await h.waitFor(s, job.id, (j) => j.status !== 'running');
    expect(done.status).toBe('failed');
    expect(done.step).toBe('create-vm');
    expect(done.error?.code).toBe('PS_ERROR');
    expect(done.error?.message).toMatch(/^p2v\/create-vm on lab host returned unexpected data at /);
  });
});
