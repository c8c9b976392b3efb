import { spawnSync } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DetailsResult, NewVmResult, SettingsResult } from '../../../electron/main/features/inventory/script-results';
import { newVmArgs, settingsArgs } from '../../../electron/main/features/inventory/settings-args';
import { AppError } from '../../../shared/ipc/errors';
import type { VmSettingsChange } from '../../../shared/features/inventory/vm-settings.schema';
import { createHarness, prologue, repoRoot, type Harness } from '../sessions/session-harness';

// The details and settings scripts against a lab host through the real session layer: TPM state and the
// key protector (Gen 2), the BIOS startup order (Gen 1), and the host's own refusal coming back as the error.
let h: Harness;
let hostId = '';
let gen2Id = '';
let gen1Id = '';

const KeyProtector = z.object({ base64: z.string(), length: z.number() });
const keyProtectorScript = `param([Parameter(Mandatory = $true)][string]$VmId)
${prologue}$kp = Get-VMKeyProtector -VM (Get-VM -Id ([guid]$VmId))
ConvertTo-Json -Compress -InputObject ([ordered]@{ base64 = [Convert]::ToBase64String([byte[]]@($kp)); length = @($kp).Count })
`;

const details = (vmId: string) => h.registry.run(hostId, 'inventory/get-vm-details', { VmId: vmId }, { schema: DetailsResult });
const keyProtector = (vmId: string) => h.registry.run(hostId, 'fixture/key-protector', { VmId: vmId }, { schema: KeyProtector });
const apply = (vmId: string, change: VmSettingsChange) =>
  h.registry.run(hostId, 'inventory/set-vm-settings', settingsArgs(vmId, change), { schema: SettingsResult, lane: 'op', timeoutMs: 60_000 });

beforeAll(async () => {
  h = await createHarness({ fixtures: { 'key-protector': keyProtectorScript } });
  symlinkSync(join(repoRoot, 'electron', 'main', 'features', 'inventory'), join(h.dir, 'resources', 'electron', 'main', 'features', 'inventory'));
  const r = spawnSync('pwsh', ['-NoLogo', '-NoProfile', '-NonInteractive', '-File', join(repoRoot, 'assets', 'lab', 'bin', 'new-lab.ps1'), '-StateRoot', join(h.dir, 'lab'), '-Scenario', 'small-shop'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  const seeded = JSON.parse(r.stdout.trim().split('\n').pop()!) as Array<{ name: string; stateDir: string }>;
  const lab02 = seeded.find((s) => s.name === 'HV-LAB02')!;
  hostId = (await h.registry.add({ name: lab02.name, transport: 'lab', labStateDir: lab02.stateDir })).id;
  await h.waitFor(hostId, 'ready', 90_000);
  const made = await h.registry.run(
    hostId,
    'inventory/new-vm',
    newVmArgs({ name: 'tpm-測試', generation: 2, memoryStartup: 1024 ** 3, dynamicMemory: false, processorCount: 2, switchName: null, disk: { kind: 'none' }, isoPath: null, location: null }),
    { schema: NewVmResult, lane: 'op', timeoutMs: 60_000 },
  );
  gen2Id = made.id;
  const inv = (await h.registry.run(hostId, 'inventory/get-inventory', {})) as { vms: Array<{ id: string; name: string }> };
  gen1Id = inv.vms.find((v) => v.name === 'LEGACY-APP')!.id;
}, 240_000);
afterAll(async () => {
  await h?.dispose();
});

describe('VM security and BIOS settings against a lab host', () => {
  it('details report the TPM as known (false) on a new Gen 2 VM, without a warning', async () => {
    const d = await details(gen2Id);
    expect(d.generation).toBe(2);
    expect(d.tpmEnabled).toBe(false);
    expect(d.firmware).toMatchObject({ secureBoot: true });
    const reads = h.ledger.list({ limit: 500 }).filter((e) => e.script === 'inventory/get-vm-details');
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.flatMap((e) => e.warnings)).toEqual([]);
  });

  it('enables the TPM, creating a local key protector only when the VM has none', async () => {
    expect((await keyProtector(gen2Id)).length).toBe(4); // Hyper-V's empty protector
    expect((await apply(gen2Id, { tpm: true })).applied).toEqual(['tpm']);
    expect((await details(gen2Id)).tpmEnabled).toBe(true);
    const first = await keyProtector(gen2Id);
    expect(first.length).toBeGreaterThan(4);

    expect((await apply(gen2Id, { tpm: false })).applied).toEqual(['tpm']);
    expect((await details(gen2Id)).tpmEnabled).toBe(false);
    await apply(gen2Id, { tpm: true });
    expect((await details(gen2Id)).tpmEnabled).toBe(true);
    // Re-enabling keeps the protector the TPM's data was sealed with.
    expect((await keyProtector(gen2Id)).base64).toBe(first.base64);
  });

  it('details carry the Gen 1 BIOS startup order, and a reorder is applied by Set-VMBios', async () => {
    const before = await details(gen1Id);
    expect(before.generation).toBe(1);
    expect(before.tpmEnabled).toBeNull();
    expect(before.firmware).toBeNull();
    expect(before.bootOrder.map((b) => b.kind)).toEqual(['CD', 'IDE', 'LegacyNetworkAdapter', 'Floppy']);

    const order = ['IDE', 'CD', 'LegacyNetworkAdapter', 'Floppy'];
    expect((await apply(gen1Id, { bootOrder: order })).applied).toEqual(['boot']);
    const after = await details(gen1Id);
    expect(after.bootOrder.map((b) => b.kind)).toEqual(order);
    expect(after.bootOrder.map((b) => b.description)).toEqual(order);
    // The order travels as data (a string array bound to -BootOrder), as the ledger records it.
    const commands = h.ledger.list({ limit: 500 }).filter((e) => e.script === 'inventory/set-vm-settings').map((e) => e.scriptCall ?? '');
    expect(commands.some((c) => c.includes("-BootOrder @('IDE', 'CD', 'LegacyNetworkAdapter', 'Floppy')"))).toBe(true);
  });

  it('an incomplete Gen 1 order comes back as the host refusal and changes nothing', async () => {
    const err = await apply(gen1Id, { bootOrder: ['Floppy', 'CD'] }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('PS_ERROR');
    expect((err as AppError).message).toMatch(/exactly once/);
    expect((await details(gen1Id)).bootOrder.map((b) => b.kind)).toEqual(['IDE', 'CD', 'LegacyNetworkAdapter', 'Floppy']);
  });

  it('a Gen 2 boot order change names the first device kind (Set-VMFirmware -FirstBootDevice)', async () => {
    await apply(gen2Id, { bootOrder: ['NetworkAdapter'] });
    const d = await details(gen2Id);
    expect(d.bootOrder[0]?.kind).toBe('NetworkAdapter');
  });
});
