import { accessSync, constants, existsSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Spawner } from './spawner';
import { systemClock, type Clock } from '../time/clock';

/** How to start PowerShell: the executable, arguments that go before ours, and extra environment. */
export interface PowerShellCommand {
  command: string;
  prefixArgs: string[];
  env: Record<string, string>;
  /** 'direct': the launcher is PowerShell itself; 'resolved': found behind a launcher; 'launcher': fallback. */
  via: 'direct' | 'resolved' | 'launcher';
}

/** Starting PowerShell through the given launcher itself (the fallback whenever the real one is in doubt). */
export function launcherCommand(launcher: string): PowerShellCommand {
  return { command: launcher, prefixArgs: [], env: {}, via: 'launcher' };
}

export interface ResolveDeps {
  spawner: Spawner;
  env: Record<string, string | undefined>;
  /** Remembers the answer across app starts (the probe costs one PowerShell start). */
  cache?: { path: string; files: { read(path: string): string | undefined; writeAtomic(path: string, text: string): void } };
  exists?: (p: string) => boolean;
  realpath?: (p: string) => string;
  isExecutable?: (p: string) => boolean;
  fingerprint?: (p: string) => string;
  probeTimeoutMs?: number;
  clock?: Clock;
}

const PROBE =
  "[Console]::Out.Write((@{ home = $PSHOME; process = [System.Diagnostics.Process]::GetCurrentProcess().MainModule.FileName } | ConvertTo-Json -Compress))";

/**
 * `pwsh` is often a launcher, not PowerShell: a dotnet global tool installs a shim (a .NET program of its own,
 * ~30 MB and a runtime start) that starts `dotnet …/pwsh.dll` as its child. Every agent would pay for both.
 * This finds the real PowerShell once: if pwsh.dll sits beside the (symlink-resolved) launcher it is PowerShell
 * itself; otherwise PowerShell is asked where it lives ($PSHOME) and its own apphost (or dotnet + pwsh.dll) is
 * used. Windows PowerShell (powershell.exe) is always direct. Any doubt falls back to the launcher.
 */
export async function resolvePowerShellCommand(launcher: string, d: ResolveDeps): Promise<PowerShellCommand> {
  const exists = d.exists ?? existsSync;
  const realpath = d.realpath ?? ((p: string) => realpathSync(p));
  const isExecutable = d.isExecutable ?? defaultIsExecutable;
  const fingerprint = d.fingerprint ?? defaultFingerprint;
  const fallback = launcherCommand(launcher);
  let real: string;
  try {
    real = realpath(launcher);
  } catch {
    return fallback; // a bare name found on PATH by the OS, or missing: let the spawn decide
  }
  const direct: PowerShellCommand = { command: launcher, prefixArgs: [], env: {}, via: 'direct' };
  if (/^powershell(\.exe)?$/i.test(basename(real)) || exists(join(dirname(real), 'pwsh.dll'))) return direct;

  const key = `${real}|${fingerprint(real)}`;
  const cached = readCache(d.cache, key);
  if (cached && exists(cached.command) && cached.prefixArgs.every((a) => exists(a))) return cached;

  const answer = await probe(launcher, d);
  if (!answer) return fallback;
  const apphost = join(answer.home, process.platform === 'win32' ? 'pwsh.exe' : 'pwsh');
  const processName = basename(answer.process).toLowerCase();
  const env: Record<string, string> = {};
  // The apphost finds the .NET runtime through DOTNET_ROOT first; point it at the one the launcher used.
  if (/^dotnet(\.exe)?$/.test(processName) && !d.env.DOTNET_ROOT) env.DOTNET_ROOT = dirname(answer.process);
  let resolved: PowerShellCommand | undefined;
  if (exists(apphost) && isExecutable(apphost)) resolved = { command: apphost, prefixArgs: [], env, via: 'resolved' };
  else if (/^dotnet(\.exe)?$/.test(processName) && exists(join(answer.home, 'pwsh.dll'))) {
    resolved = { command: answer.process, prefixArgs: [join(answer.home, 'pwsh.dll')], env: {}, via: 'resolved' };
  }
  if (!resolved) return fallback;
  writeCache(d.cache, key, resolved);
  return resolved;
}

async function probe(launcher: string, d: ResolveDeps): Promise<{ home: string; process: string } | undefined> {
  const proc = d.spawner({ command: launcher, args: ['-NoLogo', '-NoProfile', '-NonInteractive', '-Command', PROBE], env: d.env });
  const chunks: Buffer[] = [];
  proc.stdout.on('data', (c: Buffer) => chunks.push(c));
  proc.stderr.on('data', () => undefined); // drained; a failed probe just means "use the launcher"
  proc.stdin.end();
  const code = await new Promise<number | null>((resolve) => {
    const clock = d.clock ?? systemClock;
    const timer = clock.setTimeout(() => {
      proc.kill('SIGKILL');
      resolve(null);
    }, d.probeTimeoutMs ?? 30_000);
    proc.onExit((c) => {
      clock.clearTimeout(timer);
      resolve(c);
    });
  });
  if (code !== 0) return undefined;
  try {
    const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8').trim()) as { home?: unknown; process?: unknown };
    if (typeof parsed.home === 'string' && typeof parsed.process === 'string' && parsed.home && parsed.process) return { home: parsed.home, process: parsed.process };
  } catch {
    return undefined;
  }
  return undefined;
}

function readCache(cache: ResolveDeps['cache'], key: string): PowerShellCommand | undefined {
  if (!cache) return undefined;
  try {
    const raw = cache.files.read(cache.path);
    if (!raw) return undefined;
    const v = JSON.parse(raw) as { key?: unknown; command?: unknown; prefixArgs?: unknown; env?: unknown };
    if (v.key !== key || typeof v.command !== 'string' || !Array.isArray(v.prefixArgs) || !v.prefixArgs.every((a) => typeof a === 'string')) return undefined;
    const env = typeof v.env === 'object' && v.env !== null ? Object.fromEntries(Object.entries(v.env).filter(([, x]) => typeof x === 'string')) : {};
    return { command: v.command, prefixArgs: v.prefixArgs as string[], env: env as Record<string, string>, via: 'resolved' };
  } catch {
    return undefined; // unreadable cache: probe again and rewrite it
  }
}

function writeCache(cache: ResolveDeps['cache'], key: string, c: PowerShellCommand): void {
  if (!cache) return;
  try {
    cache.files.writeAtomic(cache.path, JSON.stringify({ key, command: c.command, prefixArgs: c.prefixArgs, env: c.env }));
  } catch {
    // Only a missed optimisation: the next start probes again.
    return;
  }
}

function defaultIsExecutable(p: string): boolean {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function defaultFingerprint(p: string): string {
  const s = statSync(p);
  return `${s.size}-${Math.round(s.mtimeMs)}`;
}
