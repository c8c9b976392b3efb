import { spawnSync } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createHarness, repoRoot, type Harness } from './session-harness';

// The inventory's own one-round-trip read (inventory/get-inventory.ps1): what the grid shows.
const Inventory = z.object({
  vms: z.array(z.object({ id: z.string(), name: z.string(), state: z.string(), memoryAssigned: z.number(), uptimeSeconds: z.number(), heartbeat: z.string().nullable() })),
});

let h: Harness;
const ids: string[] = [];

beforeAll(async () => {
  h = await createHarness({ requireHyperV: true });
  symlinkSync(join(repoRoot, 'electron', 'main', 'features', 'inventory'), join(h.dir, 'resources', 'electron', 'main', 'features', 'inventory'));
  const r = spawnSync('pwsh', ['-NoLogo', '-NoProfile', '-NonInteractive', '-File', join(repoRoot, 'assets', 'lab', 'bin', 'new-lab.ps1'), '-StateRoot', join(h.dir, 'lab'), '-Scenario', 'small-shop'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  const seeded = JSON.parse(r.stdout.trim().split('\n').pop()!) as Array<{ name: string; stateDir: string }>;
  for (const s of seeded) ids.push((await h.registry.add({ name: s.name, transport: 'lab', labStateDir: s.stateDir })).id);
  await Promise.all(ids.map((id) => h.waitFor(id, 'ready', 60_000)));
}, 120_000);
afterAll(async () => h?.dispose());

describe('local lab hosts', () => {
  it('connect with host facts from Get-VMHost and list VMs in one round trip', async () => {
    const [view] = await h.registry.list();
    expect(view!.info?.hypervModule).toBe(true);
    expect(view!.info?.logicalProcessorCount).toBeGreaterThan(0);
    const inv = await h.registry.run(ids[0]!, 'inventory/get-inventory', {}, { schema: Inventory });
    expect(inv.vms.length).toBeGreaterThan(0);
    expect(inv.vms[0]!.state).toMatch(/^[A-Z][a-zA-Z]+$/); // enum name, not a number
  });

  it('gives each lab host its own state', async () => {
    const a = await h.registry.run(ids[0]!, 'inventory/get-inventory', {}, { schema: Inventory });
    const b = await h.registry.run(ids[1]!, 'inventory/get-inventory', {}, { schema: Inventory });
    const views = await h.registry.list();
    expect(views.find((v) => v.id === ids[0])!.info?.computerName).not.toBe(views.find((v) => v.id === ids[1])!.info?.computerName);
    // Each host's own VMs: no VM Id is on both.
    expect(a.vms.filter((v) => b.vms.some((w) => w.id === v.id))).toEqual([]);
  });
});
