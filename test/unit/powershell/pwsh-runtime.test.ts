import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { resolvePowerShellCommand, type ResolveDeps } from '../../../electron/main/platform/powershell/pwsh-runtime';
import { ManualClock } from '../../support/manual-clock';
import { forbiddenSpawner, type SpawnRequest, type Spawner } from '../../../electron/main/platform/powershell/spawner';

const HOME = '/store/powershell/7.6.9/tools/net10.0/any/unix';

/** A spawner whose process prints `stdout` and exits with `code`; records what was started. */
function probeSpawner(stdout: string, code = 0): Spawner & { calls: SpawnRequest[] } {
  const calls: SpawnRequest[] = [];
  const start: Spawner = (req) => {
    calls.push(req);
    const out = new PassThrough();
    const err = new PassThrough();
    const listeners: Array<(c: number | null, s: string | null) => void> = [];
    setTimeout(() => {
      out.end(stdout);
      err.end();
      for (const l of listeners) l(code, null);
    }, 1);
    return { pid: 1, stdin: new PassThrough(), stdout: out, stderr: err, kill: () => undefined, onExit: (l) => void listeners.push(l) };
  };
  return Object.assign(start, { calls });
}

function memoryFiles() {
  const data = new Map<string, string>();
  return { data, read: (p: string) => data.get(p), writeAtomic: (p: string, t: string) => void data.set(p, t) };
}

const shimFs = (files: string[]): Partial<ResolveDeps> => ({
  realpath: (p) => (p === '/usr/local/bin/pwsh' ? '/home/u/.dotnet/tools/pwsh' : p),
  exists: (p) => files.includes(p),
  isExecutable: () => true,
  fingerprint: () => '78192-1',
});

describe('resolvePowerShellCommand', () => {
  it('uses PowerShell directly when pwsh.dll sits beside the resolved executable, without starting anything', async () => {
    const cmd = await resolvePowerShellCommand('/usr/bin/pwsh', {
      spawner: forbiddenSpawner, env: {}, realpath: () => '/opt/microsoft/powershell/7/pwsh', exists: (p) => p === '/opt/microsoft/powershell/7/pwsh.dll',
    });
    expect(cmd).toEqual({ command: '/usr/bin/pwsh', prefixArgs: [], env: {}, via: 'direct' });
  });

  it('finds the real pwsh behind a dotnet tool shim, points it at the same runtime, and remembers it', async () => {
    const spawner = probeSpawner(JSON.stringify({ home: HOME, process: '/usr/share/dotnet/dotnet' }));
    const files = memoryFiles();
    const deps = { spawner, env: {}, cache: { path: '/data/pwsh-runtime.json', files }, ...shimFs([`${HOME}/pwsh`, `${HOME}/pwsh.dll`]) };
    const first = await resolvePowerShellCommand('/usr/local/bin/pwsh', deps);
    expect(first).toEqual({ command: `${HOME}/pwsh`, prefixArgs: [], env: { DOTNET_ROOT: '/usr/share/dotnet' }, via: 'resolved' });
    expect(spawner.calls).toHaveLength(1);
    expect(spawner.calls[0]!.command).toBe('/usr/local/bin/pwsh');
    const again = await resolvePowerShellCommand('/usr/local/bin/pwsh', deps);
    expect(again).toEqual(first);
    expect(spawner.calls).toHaveLength(1); // answered from the cache file
  });

  it('probes again when the launcher changed (cache key mismatch)', async () => {
    const spawner = probeSpawner(JSON.stringify({ home: HOME, process: '/usr/share/dotnet/dotnet' }));
    const files = memoryFiles();
    files.data.set('/c.json', JSON.stringify({ key: '/home/u/.dotnet/tools/pwsh|old', command: '/elsewhere/pwsh', prefixArgs: [], env: {} }));
    const cmd = await resolvePowerShellCommand('/usr/local/bin/pwsh', { spawner, env: {}, cache: { path: '/c.json', files }, ...shimFs([`${HOME}/pwsh`, '/elsewhere/pwsh']) });
    expect(cmd.command).toBe(`${HOME}/pwsh`);
    expect(spawner.calls).toHaveLength(1);
  });

  it('runs dotnet with pwsh.dll when there is no apphost, and keeps a DOTNET_ROOT the user set', async () => {
    const spawner = probeSpawner(JSON.stringify({ home: HOME, process: '/usr/share/dotnet/dotnet' }));
    const cmd = await resolvePowerShellCommand('/usr/local/bin/pwsh', { spawner, env: { DOTNET_ROOT: '/mine' }, ...shimFs([`${HOME}/pwsh.dll`]) });
    expect(cmd).toEqual({ command: '/usr/share/dotnet/dotnet', prefixArgs: [`${HOME}/pwsh.dll`], env: {}, via: 'resolved' });
  });

  it('falls back to the launcher when the probe fails or answers nonsense', async () => {
    const failed = await resolvePowerShellCommand('/usr/local/bin/pwsh', { spawner: probeSpawner('', 1), env: {}, ...shimFs([]) });
    expect(failed).toEqual({ command: '/usr/local/bin/pwsh', prefixArgs: [], env: {}, via: 'launcher' });
    const nonsense = await resolvePowerShellCommand('/usr/local/bin/pwsh', { spawner: probeSpawner('WARNING: not json'), env: {}, ...shimFs([]) });
    expect(nonsense.via).toBe('launcher');
  });

  it('gives up on a probe that never answers after probeTimeoutMs on its clock, and falls back to the launcher', async () => {
    const clock = new ManualClock();
    let killed = '';
    const listeners: Array<(c: number | null, s: string | null) => void> = [];
    const hung: Spawner = () => ({
      pid: 1, stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough(),
      kill: (sig) => { killed = String(sig); for (const l of listeners) l(null, 'SIGKILL'); },
      onExit: (l) => void listeners.push(l),
    });
    const pending = resolvePowerShellCommand('/usr/local/bin/pwsh', { spawner: hung, env: {}, clock, probeTimeoutMs: 5_000, ...shimFs([]) });
    await new Promise((r) => setImmediate(r));
    expect(clock.pending).toBe(1);
    clock.advance(4_999);
    expect(killed).toBe('');
    clock.advance(1);
    const cmd = await pending;
    expect(killed).toBe('SIGKILL');
    expect(cmd.via).not.toBe('resolved');
  });
});
