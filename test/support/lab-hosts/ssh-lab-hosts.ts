/**
 * Lab hosts reachable over PowerShell SSH remoting on loopback: one sshd per host, each with the pwsh SSH
 * subsystem, the lab modules first on PSModulePath and its own lab state. Used by integration tests,
 * benchmarks and `npm run lab`. Only ever binds 127.0.0.1.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { appendFileSync, chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { delimiter, join, resolve } from 'node:path';

export type LabScenario = 'small-shop' | 'fleet' | 'empty' | 'contoso-datacenter';

export interface SshLabHost {
  readonly name: string;
  /** The host's site in a multi-site scenario (contoso-datacenter: HQ or DR); undefined for flat labs. */
  readonly site?: string;
  readonly hostName: '127.0.0.1';
  readonly port: number;
  readonly userName: string;
  readonly keyFilePath: string;
  /** A known_hosts file that already trusts this host's key (tests that are not about host keys use it). */
  readonly knownHostsFile: string;
  /** The host key's fingerprint as `ssh-keygen -l` prints it (what the add-host dialog must show). */
  hostKeyFingerprint(): string;
  /** A new host key (sshd restarted on the same port), as after a reinstall; knownHostsFile keeps the old one. */
  rotateHostKey(): Promise<void>;
  readonly stateDir: string;
  /** Stops the listener; with dropConnections (default) also ends every live connection to this host. */
  stopSshd(opts?: { dropConnections?: boolean }): Promise<void>;
  /** Starts the listener again on the same port (after stopSshd). */
  startSshd(): Promise<void>;
  /** Kills every remote pwsh this host's sshd has started (as if the server-side process crashed). */
  killRemotePwsh(): number;
  /** PIDs of the remote pwsh processes that are alive now. */
  remotePwshPids(): number[];
}

export interface SshLabHosts {
  readonly hosts: SshLabHost[];
  readonly dir: string;
  /** The lab's state root (datacenter.json, the site folders), when new-lab.ps1 seeded it. */
  readonly stateRoot?: string;
  dispose(): Promise<void>;
}

export interface StartOptions {
  scenario?: LabScenario;
  /** Number of hosts; for 'empty' any number, for the other scenarios at most the scenario's host count. */
  count?: number;
  /** contoso-datacenter: tops each cluster node up to this many VMs (new-lab.ps1 -VMsPerNode). */
  vmsPerNode?: number;
  /** Repository root (where assets/lab lives). */
  repoRoot?: string;
  /**
   * Machines seeded by the caller instead of new-lab.ps1 (e.g. P2V lab sources): each gets its own sshd whose
   * pwsh subsystem starts with `env` exported (after the defaults, so it may override HYPERDESK_LAB_STATE).
   */
  seeds?: Array<{ name: string; stateDir: string; env?: Record<string, string> }>;
  /** Folder put first on PSModulePath of every remote pwsh (default: assets/lab/modules, the Hyper-V lab). */
  modulesPath?: string;
  /** false: sshd without the powershell subsystem (a host where PowerShell remoting over SSH is not set up). */
  powershellSubsystem?: boolean;
}

const repoRootDefault = resolve(__dirname, '..', '..', '..');

export function pwshPath(): string {
  const found = spawnSync('sh', ['-c', 'command -v pwsh'], { encoding: 'utf8' }).stdout.trim();
  if (!found) throw new Error('pwsh is not installed (dotnet tool install --global PowerShell --version 7.6.9)');
  return found;
}

/**
 * The dotnet-tool `pwsh` is a launcher that starts PowerShell as a second process; a lab host's remote pwsh
 * should be the real one (one process per session, less CPU per start, and killRemotePwsh kills what runs).
 */
function realPwsh(launcher: string): { command: string; env: string } {
  const probe = spawnSync(
    launcher,
    ['-NoLogo', '-NoProfile', '-NonInteractive', '-Command', '[Console]::Out.Write($PSHOME + [char]10 + [Diagnostics.Process]::GetCurrentProcess().MainModule.FileName)'],
    { encoding: 'utf8', timeout: 60_000 },
  );
  const [home, proc] = (probe.stdout ?? '').split('\n');
  const apphost = home ? join(home, 'pwsh') : '';
  if (probe.status === 0 && home && proc && existsSync(apphost)) {
    const viaDotnet = /\/dotnet$/.test(proc);
    return { command: apphost, env: viaDotnet ? `export DOTNET_ROOT='${proc.slice(0, -'/dotnet'.length)}'` : '' };
  }
  return { command: launcher, env: '' };
}

function sshdPath(): string {
  for (const p of ['/usr/sbin/sshd', '/usr/bin/sshd']) if (existsSync(p)) return p;
  throw new Error('sshd is not installed (apt-get install openssh-server)');
}

async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => res(port));
    });
  });
}

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((res) => {
      const s = connect({ host: '127.0.0.1', port }, () => {
        s.end();
        res(true);
      });
      s.once('error', () => res(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`sshd did not listen on 127.0.0.1:${port} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function seedLab(repoRoot: string, stateRoot: string, scenario: LabScenario, count: number | undefined, vmsPerNode: number | undefined) {
  const script = join(repoRoot, 'assets', 'lab', 'bin', 'new-lab.ps1');
  if (!existsSync(script)) throw new Error(`lab seeding script missing: ${script}`);
  const args = ['-NoLogo', '-NoProfile', '-NonInteractive', '-File', script, '-StateRoot', stateRoot, '-Scenario', scenario];
  if (scenario === 'empty' && count !== undefined) args.push('-HostCount', String(count));
  if (vmsPerNode !== undefined) args.push('-VMsPerNode', String(vmsPerNode));
  const r = spawnSync(pwshPath(), args, { encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`new-lab.ps1 failed (${r.status}): ${r.stderr || r.stdout}`);
  const line = r.stdout.trim().split('\n').filter(Boolean).pop() ?? '[]';
  const parsed = JSON.parse(line) as SeededHost | SeededHost[];
  return Array.isArray(parsed) ? parsed : [parsed];
}

interface SeededHost {
  name: string;
  stateDir: string;
  site?: string;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function childPids(pid: number): number[] {
  const r = spawnSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' });
  return r.stdout.split('\n').filter(Boolean).map(Number);
}

export async function startSshLabHosts(opts: StartOptions = {}): Promise<SshLabHosts> {
  const repoRoot = opts.repoRoot ?? repoRootDefault;
  const scenario = opts.scenario ?? 'empty';
  const dir = mkdtempSync(join(tmpdir(), 'hd-ssh-lab-'));
  const pwsh = realPwsh(pwshPath());
  const sshd = sshdPath();
  mkdirSync('/run/sshd', { recursive: true });

  const keyFilePath = join(dir, 'client_ed25519');
  newKey(keyFilePath);
  writeFileSync(join(dir, 'authorized_keys'), readFileSync(`${keyFilePath}.pub`));
  const knownHostsFile = join(dir, 'known_hosts');
  writeFileSync(knownHostsFile, '');

  let seeded: Array<SeededHost & { env?: Record<string, string> }> = opts.seeds ?? seedLab(repoRoot, join(dir, 'state'), scenario, opts.count, opts.vmsPerNode);
  if (!opts.seeds && opts.count !== undefined && scenario !== 'empty') {
    if (opts.count > seeded.length) throw new Error(`scenario ${scenario} has only ${seeded.length} hosts`);
    seeded = seeded.slice(0, opts.count);
  }
  const modules = opts.modulesPath ?? join(repoRoot, 'assets', 'lab', 'modules');
  const userName = userInfo().username;

  const hosts: SshLabHost[] = [];
  const stops: Array<() => Promise<void>> = [];
  for (const [i, seed] of seeded.entries()) {
    const hostDir = join(dir, `host-${i}`);
    mkdirSync(hostDir);
    const port = await freePort();
    // Each host has its own key, trusted in knownHostsFile as `[127.0.0.1]:<port>` (how ssh names a non-22 port).
    const hostKey = join(hostDir, 'ssh_host_ed25519_key');
    newKey(hostKey);
    appendFileSync(knownHostsFile, `[127.0.0.1]:${port} ${readFileSync(`${hostKey}.pub`, 'utf8').split(' ').slice(0, 2).join(' ')}\n`);
    const pidsFile = join(hostDir, 'pwsh.pids');
    const wrapper = join(hostDir, 'pwsh-subsystem.sh');
    // sshd starts subsystems with a clean environment: the wrapper gives this host its lab modules and state,
    // and records the pwsh PID (exec keeps it) so tests can kill the server side on purpose.
    writeFileSync(
      wrapper,
      [
        '#!/bin/sh',
        `export HYPERDESK_LAB_STATE='${seed.stateDir}'`,
        `export PSModulePath='${modules}${delimiter}'"\${PSModulePath:-}"`,
        ...Object.entries(seed.env ?? {}).map(([k, v]) => `export ${k}=${shellQuote(v)}`),
        pwsh.env,
        // Many lab hosts share this machine's 2 cores: dynamic PGO's background re-JIT in every host's pwsh costs
        // more CPU than the lab's own work (measured), so the simulated hosts run without it.
        'export DOTNET_TieredPGO=0',
        `echo $$ >> '${pidsFile}'`,
        `exec '${pwsh.command}' -sshs -NoLogo -NoProfile`,
        '',
      ].join('\n'),
    );
    chmodSync(wrapper, 0o755);
    const config = join(hostDir, 'sshd_config');
    writeFileSync(
      config,
      [
        `Port ${port}`,
        'ListenAddress 127.0.0.1',
        `HostKey ${hostKey}`,
        `PidFile ${join(hostDir, 'sshd.pid')}`,
        `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
        'PubkeyAuthentication yes',
        'PasswordAuthentication no',
        'KbdInteractiveAuthentication no',
        'PermitRootLogin prohibit-password',
        'UsePAM no',
        'StrictModes no',
        'MaxStartups 100:30:200',
        'MaxSessions 100',
        'LogLevel ERROR',
        ...(opts.powershellSubsystem === false ? [] : [`Subsystem powershell ${wrapper}`]),
        '',
      ].join('\n'),
    );
    const check = spawnSync(sshd, ['-t', '-f', config], { encoding: 'utf8' });
    if (check.status !== 0) throw new Error(`sshd config rejected: ${check.stderr}`);

    let proc: ChildProcess | undefined;
    const startSshd = async () => {
      if (proc && proc.exitCode === null) return;
      proc = spawn(sshd, ['-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
      proc.stderr?.on('data', () => undefined); // drained so sshd never blocks on a full pipe
      await waitForPort(port, 10_000);
    };
    const stopSshd = async ({ dropConnections = true }: { dropConnections?: boolean } = {}) => {
      const p = proc;
      if (!p || p.exitCode !== null) return;
      const children = dropConnections ? childPids(p.pid ?? 0) : [];
      const exited = new Promise<void>((r) => p.once('exit', () => r()));
      p.kill('SIGTERM');
      for (const c of children) {
        for (const gc of childPids(c)) safeKill(gc);
        safeKill(c);
      }
      await exited;
    };
    const remotePwshPids = () =>
      existsSync(pidsFile)
        ? readFileSync(pidsFile, 'utf8').split('\n').filter(Boolean).map(Number).filter(pidAlive)
        : [];
    const killRemotePwsh = () => {
      const pids = remotePwshPids();
      for (const pid of pids) safeKill(pid, 'SIGKILL');
      return pids.length;
    };
    await startSshd();
    stops.push(async () => {
      await stopSshd();
      killRemotePwsh();
    });
    const hostKeyFingerprint = () => spawnSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${hostKey}.pub`], { encoding: 'utf8' }).stdout.split(' ')[1] ?? '';
    const rotateHostKey = async () => {
      await stopSshd();
      rmSync(hostKey, { force: true });
      rmSync(`${hostKey}.pub`, { force: true });
      newKey(hostKey);
      await startSshd();
    };
    hosts.push({ name: seed.name, ...(seed.site ? { site: seed.site } : {}), hostName: '127.0.0.1', port, userName, keyFilePath, knownHostsFile, hostKeyFingerprint, rotateHostKey, stateDir: seed.stateDir, stopSshd, startSshd, killRemotePwsh, remotePwshPids });
  }

  return {
    hosts,
    dir,
    ...(opts.seeds ? {} : { stateRoot: join(dir, 'state') }),
    async dispose() {
      await Promise.all(stops.map((s) => s()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function newKey(path: string): void {
  const r = spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', path], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ssh-keygen failed: ${r.stderr}`);
}

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

function safeKill(pid: number, signal: NodeJS.Signals = 'SIGTERM'): void {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone: that is the goal
  }
}

/** The New-PSSession line a person (or a test) uses to reach a lab host: strict, against the file that trusts it. */
export function newPsSessionCommand(h: SshLabHost): string {
  return `New-PSSession -HostName ${h.hostName} -Port ${h.port} -UserName ${h.userName} -KeyFilePath '${h.keyFilePath}' -Options @{StrictHostKeyChecking='yes'; UserKnownHostsFile='${h.knownHostsFile}'}`;
}
