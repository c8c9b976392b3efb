import type { HostConfig } from '../../../../shared/features/hosts/hosts.contract';
import type { Spawner } from '../powershell/spawner';
import type { Clock } from '../time/clock';

/**
 * How every SSH connection of the app is made: the host's allowed options, then host key checking forced strict
 * against the app's own known_hosts (or the admin's file given as UserKnownHostsFile). Never
 * StrictHostKeyChecking=no or accept-new: a key the user has not trusted is refused.
 */
export function strictSshOptions(config: Pick<HostConfig, 'sshOptions'>, knownHostsFile: string | undefined): Record<string, string> {
  const own = Object.entries(config.sshOptions ?? {});
  const userFile = own.find(([k]) => k.toLowerCase() === 'userknownhostsfile')?.[1];
  const rest = own.filter(([k]) => !/^(stricthostkeychecking|userknownhostsfile)$/i.test(k));
  const file = userFile ?? knownHostsFile;
  return { ...Object.fromEntries(rest), StrictHostKeyChecking: 'yes', ...(file ? { UserKnownHostsFile: file } : {}) };
}

export interface SshProbeDeps {
  spawner: Spawner;
  env: Record<string, string | undefined>;
  clock: Clock;
  knownHostsFile: string;
  timeoutMs?: number;
}

/**
 * After a failed SSH open, runs the same connection once with the plain ssh client (batch mode, same options,
 * the powershell subsystem, stdin closed) and returns what it printed. PowerShell only says "the SSH transport
 * process has abruptly terminated"; ssh's own lines say why, and this probe's output belongs to this host alone.
 */
export function sshProbe(d: SshProbeDeps): (config: HostConfig) => Promise<string[]> {
  return (config) => {
    const timeoutMs = d.timeoutMs ?? 10_000;
    const options = { ...strictSshOptions(config, d.knownHostsFile), BatchMode: 'yes', ConnectTimeout: String(Math.max(1, Math.ceil(timeoutMs / 1000))) };
    const args: string[] = [];
    for (const [k, v] of Object.entries(options)) args.push('-o', `${k}=${v}`);
    if (config.port) args.push('-p', String(config.port));
    if (config.keyFilePath) args.push('-i', config.keyFilePath);
    if (config.userName) args.push('-l', config.userName);
    args.push('-s', '--', config.address ?? config.name, 'powershell');
    return new Promise((resolve) => {
      let text = '';
      let proc;
      try {
        proc = d.spawner({ command: 'ssh', args, env: d.env });
      } catch (err) {
        resolve([`ssh could not be started: ${String(err)}`]);
        return;
      }
      const p = proc;
      // A working subsystem (pwsh -sshs) waits for input: once it is up, the probe has learnt what it can.
      const guard = d.clock.setTimeout(() => p.kill('SIGKILL'), timeoutMs + 2_000);
      p.stderr.on('data', (c: Buffer) => {
        if (text.length < 16_000) text += c.toString('utf8');
      });
      p.stdout.on('data', () => undefined);
      p.stdin.end();
      p.onExit(() => {
        d.clock.clearTimeout(guard);
        resolve(text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean).slice(0, 40));
      });
    });
  };
}
