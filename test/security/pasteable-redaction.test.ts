import { spawnSync } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { registerSecret } from '../../electron/main/app/logger';
import { createHarness, repoRoot, type Harness } from '../integration/sessions/session-harness';

/**
 * Redaction is structural: the ledger (and the command it offers for pasting) masks credential parameters by
 * name and keeps every other value as it was, even one that contains a known password. A VM once recorded as
 * `***-db` because its name contained the password: a replay then acted on another name, and the ledger let a
 * reader test password guesses.
 */
const PASSWORD = 'Winter2024!';
let h: Harness;
let hostId: string;

beforeAll(async () => {
  h = await createHarness({ requireHyperV: true });
  symlinkSync(join(repoRoot, 'electron', 'main', 'features', 'checkpoints'), join(h.dir, 'resources', 'electron', 'main', 'features', 'checkpoints'));
  const r = spawnSync('pwsh', ['-NoLogo', '-NoProfile', '-NonInteractive', '-File', join(repoRoot, 'assets', 'lab', 'bin', 'new-lab.ps1'), '-StateRoot', join(h.dir, 'lab'), '-Scenario', 'small-shop', '-HostCount', '1'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  const seeded = (JSON.parse(r.stdout.trim().split('\n').pop()!) as Array<{ name: string; stateDir: string }>)[0]!;
  hostId = (await h.registry.add({ name: seeded.name, transport: 'lab', labStateDir: seeded.stateDir })).id;
  await h.waitFor(hostId, 'ready', 60_000);
}, 120_000);
afterAll(() => h?.dispose());

describe('the ledger records values verbatim and masks credentials by name', { timeout: 120_000 }, () => {
  it('a checkpoint named after the password is recorded as named; a Password parameter is ***', async () => {
    registerSecret(PASSWORD); // as the secret store does for every host password it holds
    const vms = await h.registry.run(hostId, 'checkpoints/get-checkpoint-vms', {}, { schema: z.array(z.object({ id: z.string() })) });
    const name = `${PASSWORD}-db`;
    await h.registry.run(hostId, 'checkpoints/new-checkpoint', { VMId: vms[0]!.id, SnapshotName: name, Kind: 'Standard' }, { ledgerParams: { VMId: vms[0]!.id, SnapshotName: name, Kind: 'Standard', Password: PASSWORD } });
    const entry = h.ledger.list({ limit: 20 }).find((e) => e.script === 'checkpoints/new-checkpoint')!;
    expect(entry.params.SnapshotName).toBe(name);
    expect(entry.params.Password).toBe('***');
    expect(entry.command).toContain(name);
    // The password appears exactly once per place the name is kept, and never as the Password's value.
    expect(JSON.stringify(entry).split(PASSWORD).length - 1).toBe(JSON.stringify(entry).split(name).length - 1);
  });
});
