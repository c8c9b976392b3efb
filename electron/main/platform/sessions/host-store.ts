import { z } from 'zod';
import { HostConfig } from '../../../../shared/features/hosts/hosts.contract';
import type { FileOps } from './file-ops';

export const HOSTS_FILE_VERSION = 1;

const HostsFileV1 = z.object({ version: z.literal(1), hosts: z.array(HostConfig) });
/** Before versioning (version 0) the file was a bare array of hosts. */
const HostsFileV0 = z.array(HostConfig);

export class HostStoreError extends Error {
  constructor(
    message: string,
    readonly keptAt: string,
  ) {
    super(message);
    this.name = 'HostStoreError';
  }
}

export interface LoadResult {
  hosts: HostConfig[];
  /** Set when the file was unreadable: it was moved aside (kept, never overwritten) and the list starts empty. */
  problem?: HostStoreError;
  firstRun: boolean;
}

/** <dataDir>/hosts.json: versioned, validated with zod, written atomically. Never holds secrets. */
export class HostStore {
  constructor(
    private readonly path: string,
    private readonly files: FileOps,
    private readonly now: () => number = Date.now,
  ) {}

  load(): LoadResult {
    const text = this.files.read(this.path);
    if (text === undefined) return { hosts: [], firstRun: true };
    const parsed = this.parse(text);
    if (parsed.ok) return { hosts: parsed.hosts, firstRun: false };
    const keptAt = `${this.path}.unreadable-${this.now()}`;
    this.files.rename(this.path, keptAt);
    return { hosts: [], firstRun: false, problem: new HostStoreError(`${this.path} could not be read (${parsed.error}); it was kept as ${keptAt}`, keptAt) };
  }

  save(hosts: readonly HostConfig[]): void {
    const body = { version: HOSTS_FILE_VERSION, hosts: hosts.map((h) => HostConfig.parse(h)) };
    this.files.writeAtomic(this.path, JSON.stringify(body, null, 2) + '\n');
  }

  private parse(text: string): { ok: true; hosts: HostConfig[] } | { ok: false; error: string } {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (err) {
      return { ok: false, error: `not JSON: ${(err as Error).message}` };
    }
    if (Array.isArray(raw)) {
      const v0 = HostsFileV0.safeParse(raw);
      return v0.success ? { ok: true, hosts: v0.data } : { ok: false, error: `version 0 file does not match: ${v0.error.issues[0]?.message}` };
    }
    const version = (raw as { version?: unknown } | null)?.version;
    if (typeof version === 'number' && version > HOSTS_FILE_VERSION) {
      return { ok: false, error: `written by a newer Hyperdesk (version ${version})` };
    }
    const v1 = HostsFileV1.safeParse(raw);
    if (!v1.success) {
      const issue = v1.error.issues[0];
      return { ok: false, error: `does not match the schema at ${issue?.path.join('.') || '(root)'}: ${issue?.message}` };
    }
    return { ok: true, hosts: v1.data.hosts };
  }
}
