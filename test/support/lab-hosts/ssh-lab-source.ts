/**
 * A P2V lab source (a simulated physical Windows machine, assets/lab/p2v) reachable over PowerShell SSH remoting
 * on loopback: seeded with new-source.ps1, served by an sshd whose pwsh subsystem has the lab SOURCE module
 * first on PSModulePath and the environment Windows would have (what enter-source.ps1 sets for a local lab
 * source: COMPUTERNAME, firmware_type, ProgramData, PATH with the Disk2vhd folder). Only ever binds 127.0.0.1.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { pwshPath, startSshLabHosts, type SshLabHost } from './ssh-lab-hosts';

export type LabSourceScenario = 'bios-mbr' | 'uefi-gpt' | 'bitlocker' | 'no-space' | 'no-disk2vhd';

export interface SshLabSource {
  readonly host: SshLabHost;
  /** The source's lab state (source.json, tools/, disk2vhd.log). */
  readonly stateDir: string;
  readonly computerName: string;
  dispose(): Promise<void>;
}

const repoRootDefault = resolve(__dirname, '..', '..', '..');

export async function startSshLabSource(opts: { scenario: LabSourceScenario; env?: Record<string, string>; repoRoot?: string }): Promise<SshLabSource> {
  const repoRoot = opts.repoRoot ?? repoRootDefault;
  const dir = mkdtempSync(join(tmpdir(), 'hd-ssh-source-'));
  const stateDir = join(dir, 'source');
  const seed = spawnSync(pwshPath(), ['-NoLogo', '-NoProfile', '-NonInteractive', '-File', join(repoRoot, 'assets/lab/p2v/bin/new-source.ps1'), '-Scenario', opts.scenario, '-StateDir', stateDir], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (seed.status !== 0) throw new Error(`new-source.ps1 failed (${seed.status}): ${seed.stderr || seed.stdout}`);
  const src = JSON.parse(readFileSync(join(stateDir, 'source.json'), 'utf8')) as { computerName: string; firmware: string };
  const env: Record<string, string> = {
    HYPERDESK_LAB_SOURCE: stateDir,
    COMPUTERNAME: src.computerName,
    firmware_type: src.firmware,
    ProgramData: join(stateDir, 'ProgramData'),
    PATH: [join(stateDir, 'tools'), process.env.PATH ?? '/usr/bin:/bin'].join(delimiter),
    ...opts.env,
  };
  const lab = await startSshLabHosts({ repoRoot, seeds: [{ name: src.computerName, stateDir, env }], modulesPath: join(repoRoot, 'assets', 'lab', 'p2v', 'modules') });
  return {
    host: lab.hosts[0]!,
    stateDir,
    computerName: src.computerName,
    async dispose() {
      await lab.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
