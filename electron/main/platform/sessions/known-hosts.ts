import { createHash } from 'node:crypto';
import type { HostKeyCheck } from '../../../../shared/features/hosts/hosts.contract';
import { AppError } from '../../../../shared/ipc/errors';
import type { StateFiles } from '../documents/atomic-file';
import type { Spawner } from '../powershell/spawner';
import type { Clock } from '../time/clock';

/** One public key as known_hosts and ssh-keyscan write it. */
export interface HostKey {
  keyType: string;
  /** base64 of the key blob. */
  blob: string;
}

/** The key's fingerprint as `ssh-keygen -l` prints it: SHA256 of the blob, base64 without padding. */
export function fingerprintOf(blob: string): string {
  return `SHA256:${createHash('sha256').update(Buffer.from(blob, 'base64')).digest('base64').replace(/=+$/, '')}`;
}

/** How known_hosts names a host: `[address]:port` unless the port is ssh's default. */
export function knownHostsName(address: string, port: number | undefined): string {
  return port && port !== 22 ? `[${address}]:${port}` : address;
}

/** ssh's own preference when several host key types are offered: the one the user is shown and that gets trusted. */
const preference = ['ssh-ed25519', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521', 'rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'];
function preferred(keys: HostKey[]): HostKey | undefined {
  return [...keys].sort((a, b) => rank(a.keyType) - rank(b.keyType))[0];
}
function rank(type: string): number {
  const i = preference.indexOf(type);
  return i < 0 ? preference.length : i;
}

/** Parses known_hosts text (plain host names only: the app writes its own file unhashed). */
export function parseKnownHosts(text: string): Array<{ hosts: string[]; key: HostKey; line: string }> {
  const out: Array<{ hosts: string[]; key: HostKey; line: string }> = [];
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith('#') || trimmed.startsWith('@')) continue;
    const [hosts, keyType, blob] = trimmed.split(/\s+/);
    if (!hosts || !keyType || !blob) continue;
    out.push({ hosts: hosts.split(','), key: { keyType, blob }, line: trimmed });
  }
  return out;
}

export interface KnownHostsDeps {
  /** <dataDir>/known_hosts: the app's own file (0600), never the user's ~/.ssh/known_hosts. */
  path: string;
  files: StateFiles;
  spawner: Spawner;
  env: Record<string, string | undefined>;
  clock: Clock;
  scanTimeoutMs?: number;
}

/**
 * The app's own known_hosts: what an SSH host's key is (ssh-keyscan), whether the user trusted it, and the two
 * deliberate acts, trust (only the key whose fingerprint the user saw) and forget. A different key for a trusted
 * host is never written over: it is reported as changed until the user forgets the old one.
 */
export class KnownHosts {
  private writes: Promise<unknown> = Promise.resolve();

  constructor(private readonly d: KnownHostsDeps) {}

  get path(): string {
    return this.d.path;
  }

  /** The key the host offers now compared with the trusted ones; null when nothing answered on that port. */
  async check(address: string, port: number | undefined): Promise<HostKeyCheck | null> {
    const offered = await this.scan(address, port);
    const key = preferred(offered);
    if (!key) return null;
    const known = await this.trusted(address, port);
    const matches = known.some((k) => offered.some((o) => o.keyType === k.keyType && o.blob === k.blob));
    return {
      address,
      port: port ?? 22,
      status: matches ? 'trusted' : known.length ? 'changed' : 'unknown',
      keyType: key.keyType,
      fingerprint: fingerprintOf(key.blob),
      knownFingerprints: matches ? [] : known.map((k) => fingerprintOf(k.blob)),
    };
  }

  /** Trusts the host's current key if its fingerprint is the one the user approved; refuses to replace another key. */
  async trust(address: string, port: number | undefined, fingerprint: string): Promise<HostKeyCheck> {
    const check = await this.check(address, port);
    if (!check) throw new AppError('HOST_UNREACHABLE', `${knownHostsName(address, port)} did not present a host key`);
    if (check.status === 'changed') {
      throw new AppError('CONFLICT', `The host key of ${knownHostsName(address, port)} changed (now ${check.fingerprint}, trusted ${check.knownFingerprints.join(', ')}): forget the old key first`);
    }
    if (check.fingerprint !== fingerprint) {
      throw new AppError('CONFLICT', `The host key of ${knownHostsName(address, port)} is ${check.fingerprint}, not the ${fingerprint} that was shown`);
    }
    if (check.status === 'trusted') return check;
    const offered = preferred(await this.scan(address, port));
    if (!offered || fingerprintOf(offered.blob) !== fingerprint) throw new AppError('CONFLICT', `The host key of ${knownHostsName(address, port)} changed while it was being trusted`);
    await this.edit((lines) => [...lines, `${knownHostsName(address, port)} ${offered.keyType} ${offered.blob}`]);
    return { ...check, status: 'trusted', knownFingerprints: [] };
  }

  /** Forgets every trusted key of that address and port; returns how many were removed. */
  async forget(address: string, port: number | undefined): Promise<number> {
    const name = knownHostsName(address, port);
    let removed = 0;
    await this.edit((lines) =>
      lines.filter((line) => {
        const [entry] = parseKnownHosts(line);
        const hit = entry?.hosts.includes(name) ?? false;
        if (hit) removed++;
        return !hit;
      }),
    );
    return removed;
  }

  async trusted(address: string, port: number | undefined): Promise<HostKey[]> {
    const name = knownHostsName(address, port);
    const text = (await this.d.files.read(this.d.path)) ?? '';
    return parseKnownHosts(text)
      .filter((e) => e.hosts.includes(name))
      .map((e) => e.key);
  }

  private edit(change: (lines: string[]) => string[]): Promise<void> {
    const run = this.writes.then(async () => {
      const text = (await this.d.files.read(this.d.path)) ?? '';
      const lines = text.split('\n').filter((l) => l.trim() !== '');
      const next = change(lines);
      await this.d.files.writeAtomic(this.d.path, next.length ? `${next.join('\n')}\n` : '');
    });
    this.writes = run.catch(() => undefined);
    return run;
  }

  /** ssh-keyscan's answer: every key the host offers (none when the port is closed or the name does not resolve). */
  private scan(address: string, port: number | undefined): Promise<HostKey[]> {
    const timeoutMs = this.d.scanTimeoutMs ?? 8_000;
    const args = ['-T', String(Math.max(1, Math.ceil(timeoutMs / 1000))), '-p', String(port ?? 22), '--', address];
    return new Promise((resolve) => {
      let out = '';
      let proc;
      try {
        proc = this.d.spawner({ command: 'ssh-keyscan', args, env: this.d.env });
      } catch {
        resolve([]);
        return;
      }
      const guard = this.d.clock.setTimeout(() => proc.kill('SIGKILL'), timeoutMs + 2_000);
      proc.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
      proc.stderr.on('data', () => undefined); // its "# host:port SSH-2.0-..." banner lines
      proc.stdin.end();
      proc.onExit(() => {
        this.d.clock.clearTimeout(guard);
        const name = knownHostsName(address, port);
        resolve(parseKnownHosts(out).filter((e) => e.hosts.includes(name) || e.hosts.includes(address)).map((e) => e.key));
      });
    });
  }
}
