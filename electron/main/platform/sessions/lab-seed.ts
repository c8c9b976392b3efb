import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Logger } from '../../app/logger';
import type { Spawner } from '../powershell/spawner';
import { systemClock, type Clock } from '../time/clock';

const Seeded = z.array(z.object({ name: z.string(), stateDir: z.string(), site: z.string().optional() }));
export type SeededLabHost = z.infer<typeof Seeded>[number];

export type LabScenarioName = 'small-shop' | 'fleet' | 'empty' | 'contoso-datacenter';

/**
 * The scenarios a first start seeds, each in its own folder under <dataDir>/lab: the small shop (two hosts, flat in
 * the lab folder, as every earlier version seeded it) and the contoso-datacenter (a cluster, a SOFS host and a DR
 * site in <dataDir>/lab/contoso-datacenter). HYPERDESK_LAB_SCENARIOS (comma-separated) keeps fewer: tests whose
 * subject is not the datacenter set it to `small-shop`, which keeps their app start and host list as they were.
 */
export const firstRunLabScenarios = ['small-shop', 'contoso-datacenter'] as const;
export type FirstRunLabScenario = (typeof firstRunLabScenarios)[number];

export function labScenariosFromEnv(env: Record<string, string | undefined>): FirstRunLabScenario[] {
  const raw = env.HYPERDESK_LAB_SCENARIOS;
  if (raw === undefined || raw.trim() === '') return [...firstRunLabScenarios];
  const asked = raw.split(',').map((s) => s.trim()).filter(Boolean);
  return firstRunLabScenarios.filter((s) => asked.includes(s));
}

/** Where a first-run scenario lives under the lab folder (the small shop is the folder itself). */
export function labScenarioRoot(labRoot: string, scenario: FirstRunLabScenario): string {
  return scenario === 'small-shop' ? labRoot : join(labRoot, scenario);
}

/**
 * Seeds every first-run scenario (in parallel: each is one pwsh process, and the datacenter's ~45 disks make it
 * the longer one) and returns their hosts, small shop first. A scenario that fails is logged and left out.
 */
export async function seedLabs(opts: Omit<Parameters<typeof seedLab>[0], 'scenario' | 'stateRoot'> & { labRoot: string; scenarios?: FirstRunLabScenario[] }): Promise<SeededLabHost[]> {
  const { labRoot, scenarios, ...rest } = opts;
  const list = scenarios ?? labScenariosFromEnv(opts.env);
  const seeded = await Promise.all(list.map((scenario) => seedLab({ ...rest, scenario, stateRoot: labScenarioRoot(labRoot, scenario) })));
  return seeded.flat();
}

/**
 * First start: seeds one lab scenario into <dataDir>/lab with the lab's own seeding script, so the
 * app shows working hosts with no server. Returns [] when the lab is not shipped (logged, not fatal).
 */
export async function seedLab(opts: {
  spawner: Spawner;
  pwshPath: string;
  resourcesDir: string;
  stateRoot: string;
  scenario?: LabScenarioName;
  env: Record<string, string | undefined>;
  log: Logger;
  timeoutMs?: number;
  clock?: Clock;
  /** Replace host folders that exist (Settings → Reset lab); without it the script refuses to. */
  force?: boolean;
}): Promise<SeededLabHost[]> {
  const clock = opts.clock ?? systemClock;
  const script = join(opts.resourcesDir, 'assets', 'lab', 'bin', 'new-lab.ps1');
  if (!existsSync(script)) {
    opts.log.warn(`lab seeding script not found (${script}); starting without lab hosts`);
    return [];
  }
  const proc = opts.spawner({
    command: opts.pwshPath,
    args: ['-NoLogo', '-NoProfile', '-NonInteractive', '-File', script, '-StateRoot', opts.stateRoot, '-Scenario', opts.scenario ?? 'small-shop', ...(opts.force ? ['-Force'] : [])],
    env: opts.env,
  });
  proc.stdin.end();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  proc.stdout.on('data', (c: Buffer) => out.push(c));
  proc.stderr.on('data', (c: Buffer) => err.push(c));
  const code = await new Promise<number | null>((resolve) => {
    const timer = clock.setTimeout(() => {
      proc.kill('SIGKILL');
      resolve(null);
    }, opts.timeoutMs ?? 120_000);
    proc.onExit((c) => {
      clock.clearTimeout(timer);
      resolve(c);
    });
  });
  const stdout = Buffer.concat(out).toString('utf8');
  if (code !== 0) {
    opts.log.error(`lab seeding failed (exit ${code}): ${Buffer.concat(err).toString('utf8').slice(0, 2000)}`);
    return [];
  }
  const last = stdout.trim().split('\n').filter(Boolean).pop() ?? '[]';
  const raw: unknown = JSON.parse(last);
  return Seeded.parse(Array.isArray(raw) ? raw : [raw]);
}

/** The commands seedLabs runs to reset the lab (shown in Settings, so the user can run them by hand), joined by `; ` (one line for bash and pwsh alike). */
export function labResetCommand(pwshPath: string, resourcesDir: string, labRoot: string, scenarios: FirstRunLabScenario[] = [...firstRunLabScenarios]): string {
  const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
  const script = q(join(resourcesDir, 'assets', 'lab', 'bin', 'new-lab.ps1'));
  return scenarios.map((s) => `${pwshPath} -NoProfile -File ${script} -StateRoot ${q(labScenarioRoot(labRoot, s))} -Scenario ${s} -Force`).join('; ');
}
