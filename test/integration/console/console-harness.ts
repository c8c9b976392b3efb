import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { createHarness, repoRoot, type Harness } from '../sessions/session-harness';
import { startSshLabHosts, type SshLabHosts } from '../../support/lab-hosts/ssh-lab-hosts';
import { ConsoleService } from '../../../electron/main/features/console/console.service';
import { consoleHosts } from '../../../electron/main/features/console/console.feature';
import { ConsoleHandoff } from '../../../electron/main/features/console/console-handoff';
import { createHostScripts } from '../../../electron/main/platform/sessions/host-scripts';
import type { HostScripts } from '../../../electron/main/platform/scripts/script-runner';
import { systemClock } from '../../../electron/main/platform/time/clock';
import type { ConsoleFrame, ConsoleStatus } from '../../../shared/features/console/console.contract';

export interface ConsoleLab {
  h: Harness;
  lab: SshLabHosts;
  hostId: string;
  service: ConsoleService;
  hosts: Pick<HostScripts, 'on'>;
  frames: ConsoleFrame[];
  statuses: ConsoleStatus[];
  dispose(): Promise<void>;
}

/**
 * The real session layer connected to one lab host over loopback SSH, with the console scripts in its library
 * and a ConsoleService whose events are recorded (frames as the bus would carry them).
 */
export async function startConsoleLab(hostName = 'HV-LAB02'): Promise<ConsoleLab> {
  const lab = await startSshLabHosts({ scenario: 'small-shop', count: 2 });
  const h = await createHarness();
  symlinkSync(join(repoRoot, 'electron', 'main', 'features', 'console'), join(h.dir, 'resources', 'electron', 'main', 'features', 'console'));
  // small-shop's HV-LAB02 runs LNX1, whose login prompt echoes typed text (a Windows lock screen would not).
  const host = lab.hosts.find((x) => x.name === hostName) ?? lab.hosts[0]!;
  const added = await h.registry.add({
    name: host.name,
    transport: 'ssh',
    address: host.hostName,
    port: host.port,
    userName: host.userName,
    keyFilePath: host.keyFilePath,
    sshOptions: { UserKnownHostsFile: host.knownHostsFile },
  });
  await h.waitFor(added.id, 'ready', 60_000);
  const hosts = consoleHosts(createHostScripts(h.registry, () => () => undefined));
  const frames: ConsoleFrame[] = [];
  const statuses: ConsoleStatus[] = [];
  const service = new ConsoleService({
    hosts,
    clock: systemClock,
    handoff: new ConsoleHandoff({ platform: 'linux', findExecutable: () => null, spawnDetached: () => undefined }, () => null),
    bus: {
      emitTo: ((_to: string, name: string, payload: unknown) => {
        if (name === 'console.frame') frames.push(payload as ConsoleFrame);
        else statuses.push(payload as ConsoleStatus);
      }) as never,
    },
  });
  return {
    h,
    lab,
    hostId: added.id,
    service,
    hosts,
    frames,
    statuses,
    async dispose() {
      await service.dispose();
      await h.dispose();
      await lab.dispose();
    },
  };
}

/** Renews a stream's lease the way the renderer does (every 15 s), for tests that run longer than a lease. */
export function keepAlive(service: ConsoleService, clientId: string, streamId: string): () => void {
  const t = setInterval(() => {
    try {
      service.setVisibility(clientId, streamId, 'visible');
    } catch (err) {
      console.warn('keepAlive: stream gone', err);
    }
  }, 15_000);
  return () => clearInterval(t);
}

export async function until<T>(what: string, get: () => T | undefined | null | false, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = get();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Number of pixels that differ between two frames of the same size. */
export function diffPixels(a: Uint8Array, b: Uint8Array): number {
  let n = 0;
  for (let i = 0; i + 1 < a.length; i += 2) if (a[i] !== b[i] || a[i + 1] !== b[i + 1]) n++;
  return n;
}
