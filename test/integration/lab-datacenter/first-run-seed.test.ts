/**
 * The app's first start seeds the small shop and contoso-datacenter (platform/sessions/lab-seed.ts through
 * createHostServices, real pwsh): every host is registered as a lab host under the name the scenario gives it,
 * on its own state folder; HYPERDESK_LAB_SCENARIOS=small-shop keeps the small shop only (what the e2e suite uses).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHostServices, type HostServices } from '../../../electron/main/platform/sessions/host-services';
import { labResetCommand, labScenariosFromEnv } from '../../../electron/main/platform/sessions/lab-seed';
import { nodeFileOps } from '../../../electron/main/platform/sessions/file-ops';
import { MemorySecretStore } from '../../../electron/main/platform/sessions/secret-store';
import { nodeSpawner } from '../../../electron/main/platform/powershell/spawner';
import { systemClock } from '../../../electron/main/platform/time/clock';
import { repoRoot } from '../sessions/session-harness';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
let services: HostServices | undefined;
let dir: string | undefined;

afterEach(async () => {
  await services?.registry.dispose();
  services = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function firstStart(env: Record<string, string | undefined>) {
  dir = mkdtempSync(join(tmpdir(), 'hd-first-run-'));
  services = await createHostServices({
    dataDir: join(dir, 'data'), resourcesDir: repoRoot, spawner: nodeSpawner, files: nodeFileOps, clock: systemClock, secrets: new MemorySecretStore(),
    events: { hostsChanged: () => undefined, hostState: () => undefined, ledgerAppended: () => undefined }, log: quiet, env, requireHyperV: false,
  });
  const lab = join(dir, 'data', 'lab');
  return { lab, hosts: (await services.registry.list()).map((h) => ({ name: h.name, transport: h.transport, labStateDir: h.labStateDir })) };
}

describe('first start: the lab scenarios', () => {
  it('registers the small shop and every datacenter host by its scenario name, each on its own folder', async () => {
    const { lab, hosts } = await firstStart({ ...process.env, HYPERDESK_LAB_SCENARIOS: undefined });
    const dc = join(lab, 'contoso-datacenter');
    expect(hosts).toEqual([
      { name: 'HV-LAB01', transport: 'lab', labStateDir: join(lab, 'HV-LAB01') },
      { name: 'HV-LAB02', transport: 'lab', labStateDir: join(lab, 'HV-LAB02') },
      ...['HQ/HV-C01', 'HQ/HV-C02', 'HQ/HV-C03', 'HQ/HV-S01', 'DR/HV-DR01'].map((p) => ({ name: p.split('/')[1], transport: 'lab', labStateDir: join(dc, p) })),
    ]);
    for (const h of hosts) expect(existsSync(join(h.labStateDir!, 'state.json'))).toBe(true);
    expect(existsSync(join(dc, 'datacenter.json'))).toBe(true);
    expect(existsSync(join(dc, 'HQ', 'ClusterStorage', 'Volume1', 'SQL01'))).toBe(true);
  }, 120_000);

  it('keeps the small shop only with HYPERDESK_LAB_SCENARIOS=small-shop', async () => {
    const { lab, hosts } = await firstStart({ ...process.env, HYPERDESK_LAB_SCENARIOS: 'small-shop' });
    expect(hosts.map((h) => h.name)).toEqual(['HV-LAB01', 'HV-LAB02']);
    expect(existsSync(join(lab, 'contoso-datacenter'))).toBe(false);
  }, 120_000);

  it('reads the knob as a list and shows one reset command per scenario', () => {
    expect(labScenariosFromEnv({})).toEqual(['small-shop', 'contoso-datacenter']);
    expect(labScenariosFromEnv({ HYPERDESK_LAB_SCENARIOS: ' contoso-datacenter ' })).toEqual(['contoso-datacenter']);
    expect(labScenariosFromEnv({ HYPERDESK_LAB_SCENARIOS: 'fleet' })).toEqual([]);
    const cmd = labResetCommand('pwsh', '/r', '/d/lab');
    expect(cmd).toBe("pwsh -NoProfile -File '/r/assets/lab/bin/new-lab.ps1' -StateRoot '/d/lab' -Scenario small-shop -Force; pwsh -NoProfile -File '/r/assets/lab/bin/new-lab.ps1' -StateRoot '/d/lab/contoso-datacenter' -Scenario contoso-datacenter -Force");
  });
});
