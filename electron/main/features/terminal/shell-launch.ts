import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { TerminalTarget, TerminalTargetOption } from '../../../../shared/features/terminal/terminal.contract';
import { AppError } from '../../../../shared/ipc/errors';
import type { PtyProcess } from './pty-spawner';
import { systemClock, type Clock } from '../../platform/time/clock';
import { credentialPipeArgs, credentialPipePlan, currentUserSid, deliverSecretToPipe } from './credential-pipe';

/** How to start one terminal's shell. */
export interface ShellLaunch {
  file: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
  title: string;
  /** Called once the PTY exists. */
  started?(pty: PtyProcess): void;
  /** Called when the shell ends: releases anything the launch set up (a credential pipe). */
  dispose?(): void;
}

export type ShellLauncher = (target: TerminalTarget) => Promise<ShellLaunch>;

/** The connection settings of one managed host, as the terminal needs them (adapted from the host store). */
export type HostShellSettings =
  | { id: string; name: string; transport: 'local' }
  | { id: string; name: string; transport: 'lab'; stateDir: string }
  | { id: string; name: string; transport: 'ssh'; hostName: string; port?: number; userName?: string; keyFilePath?: string; knownHostsFile?: string }
  | {
      id: string;
      name: string;
      transport: 'winrm';
      computerName: string;
      port?: number;
      useSsl?: boolean;
      authentication?: 'Default' | 'Kerberos' | 'Negotiate' | 'CredSSP';
      userName?: string;
      /** Fetches the stored password only when the shell is about to need it. */
      password?: () => Promise<string | null>;
    };

export interface HostShellSource {
  list(): Promise<HostShellSettings[]>;
  get(hostId: string): Promise<HostShellSettings | undefined>;
}

export interface ShellLauncherDeps {
  /** Where shipped resources live: assets/lab/modules and the terminal's scripts. */
  resourcesDir: string;
  hosts: HostShellSource;
  /** pwsh, or powershell.exe where pwsh is missing (electron/main/platform/powershell/pwsh-locator.ts). */
  shell: string;
  baseEnv?: NodeJS.ProcessEnv;
  homeDir?: string;
}

export function enterHostScriptPath(resourcesDir: string): string {
  return join(resourcesDir, 'electron', 'main', 'features', 'terminal', 'scripts', 'enter-host-session.ps1');
}

function cleanEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out[k] = v;
  // Our own launch details (gateway token, Electron flags) are none of the shell's business.
  for (const k of Object.keys(out)) if (k.startsWith('HYPERDESK_') || k.startsWith('ELECTRON_')) delete out[k];
  out.TERM = 'xterm-256color';
  out.COLORTERM = 'truecolor';
  return out;
}

export function targetOptions(hosts: HostShellSettings[]): TerminalTargetOption[] {
  return [
    { target: { kind: 'local' }, label: 'Local PowerShell', transport: 'local' },
    ...hosts.map((h) => ({ target: { kind: 'host' as const, hostId: h.id }, label: h.name, transport: h.transport })),
  ];
}

/**
 * Whether a shell on `target` sees this machine's files: local and lab shells run here, SSH and WinRM
 * shells run inside the host (Enter-PSSession), where our script paths do not exist.
 */
export async function runsHere(target: TerminalTarget, hosts: HostShellSource): Promise<boolean> {
  if (target.kind === 'local') return true;
  const host = await hosts.get(target.hostId);
  if (!host) throw new AppError('NOT_FOUND', `Unknown host ${target.hostId}`, { hostId: target.hostId });
  return host.transport === 'local' || host.transport === 'lab';
}

/** The bootstrap is our own shipped file: Windows' execution policy must not stop it. */
function enterArgs(): string[] {
  return process.platform === 'win32' ? ['-NoLogo', '-NoExit', '-ExecutionPolicy', 'Bypass'] : ['-NoLogo', '-NoExit'];
}

export function createShellLauncher(deps: ShellLauncherDeps): ShellLauncher {
  return async (target) => {
    const shell = deps.shell;
    const env = cleanEnv(deps.baseEnv ?? process.env);
    const cwd = deps.homeDir ?? process.env.HOME ?? process.env.USERPROFILE ?? process.cwd();
    const base = { file: shell, env, cwd };
    if (target.kind === 'local') return { ...base, args: ['-NoLogo'], title: 'PowerShell' };

    const host = await deps.hosts.get(target.hostId);
    if (!host) throw new AppError('NOT_FOUND', `Unknown host ${target.hostId}`, { hostId: target.hostId });
    switch (host.transport) {
      case 'local':
        return { ...base, args: ['-NoLogo'], title: host.name };
      case 'lab': {
        const modules = join(deps.resourcesDir, 'assets', 'lab', 'modules');
        const labEnv = { ...env, PSModulePath: [modules, env.PSModulePath].filter(Boolean).join(delimiter), HYPERDESK_LAB_STATE: host.stateDir };
        return { ...base, env: labEnv, args: ['-NoLogo'], title: host.name };
      }
      case 'ssh': {
        const args = [...enterArgs(), '-File', enterHostScriptPath(deps.resourcesDir), '-Transport', 'ssh', '-ComputerName', host.hostName];
        if (host.port) args.push('-Port', String(host.port));
        if (host.userName) args.push('-UserName', host.userName);
        if (host.keyFilePath) args.push('-KeyFilePath', host.keyFilePath);
        if (host.knownHostsFile) args.push('-KnownHostsFile', host.knownHostsFile);
        return { ...base, args, title: host.name };
      }
      case 'winrm': {
        const args = [...enterArgs(), '-File', enterHostScriptPath(deps.resourcesDir), '-Transport', 'winrm', '-ComputerName', host.computerName];
        if (host.port) args.push('-Port', String(host.port));
        if (host.useSsl) args.push('-UseSsl');
        if (host.authentication) args.push('-Authentication', host.authentication);
        const password = host.password ? await host.password() : null;
        if (!password) return { ...base, args, title: host.name };
        if (host.userName) args.push('-UserName', host.userName);
        if (process.platform === 'win32') {
          // The bootstrap serves the pipe with an ACL for this user only and admits only our process (credential-pipe.ts).
          const plan = credentialPipePlan(currentUserSid(), process.pid);
          args.push(...credentialPipeArgs(plan));
          let delivery: ReturnType<typeof deliverSecretToPipe> | undefined;
          return { ...base, args, title: host.name, started: () => (delivery = deliverSecretToPipe(plan.name, JSON.stringify({ password }))), dispose: () => delivery?.cancel() };
        }
        const pipe = await serveSecretOnce(JSON.stringify({ password }));
        args.push('-CredentialPipe', pipe.name);
        return { ...base, args, title: host.name, dispose: () => pipe.close() };
      }
    }
  };
}

/**
 * A one-shot local pipe (a Windows named pipe, or a Unix socket in a private 0700 folder) that hands
 * `secret` to the first process that connects, then closes: the shell's bootstrap reads its password
 * here so it never appears in argv, the environment or the terminal.
 */
export async function serveSecretOnce(secret: string, timeoutMs = 30_000, clock: Clock = systemClock): Promise<{ name: string; close(): void }> {
  let dir: string | null = null;
  let path: string;
  let name: string;
  if (process.platform === 'win32') {
    name = `hyperdesk-${randomBytes(16).toString('hex')}`;
    path = `\\\\.\\pipe\\${name}`;
  } else {
    dir = mkdtempSync(join(tmpdir(), 'hd-cred-'));
    path = join(dir, 's');
    name = path; // .NET's NamedPipeClientStream takes an absolute socket path on Unix
  }
  const server: Server = createServer((socket) => {
    server.close();
    socket.end(secret + '\n');
  });
  server.maxConnections = 1;
  const close = () => {
    clock.clearTimeout(timer);
    server.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  };
  const timer = clock.setTimeout(close, timeoutMs); // unref'd by systemClock
  server.on('close', () => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => resolve());
  });
  return { name, close };
}
