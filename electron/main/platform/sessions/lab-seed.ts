import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Logger } from '../../app/logger';
import type { Spawner } from '../powershell/spawner';
import { systemClock, type Clock } from '../time/clock';

const Seeded = z.array(z.object({ name: z.string(), stateDir: z.string() }));
export type SeededLabHost = z.infer<typeof Seeded>[number];

/**
 * First start: seeds the small-shop lab scenario into <dataDir>/lab with the lab's own seeding script, so the
 * app shows working hosts with no server. Returns [] when the lab is not shipped (logged, not fatal).
 */
export async function seedLab(opts: {
  spawner: Spawner;
  pwshPath: string;
  resourcesDir: string;
  stateRoot: string;
  scenario?: 'small-shop' | 'fleet' | 'empty';
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

/** The command seedLab runs to reset the lab (shown in Settings, so the user can run it by hand). */
export function labResetCommand(pwshPath: string, resourcesDir: string, stateRoot: string): string {
  const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
  return `${pwshPath} -NoProfile -File ${q(join(resourcesDir, 'assets', 'lab', 'bin', 'new-lab.ps1'))} -StateRoot ${q(stateRoot)} -Scenario small-shop -Force`;
}
