import { z } from 'zod';
import { HostConfig } from '../../../../shared/features/hosts/hosts.contract';
import { StoredSshOptions } from '../../../../shared/features/hosts/ssh-options';
import { createLogger, type Logger } from '../../app/logger';
import type { StateFiles } from '../documents/atomic-file';
import { DocumentStore } from '../documents/document-store';

export const HOSTS_FILE_VERSION = 1;

// A saved ssh option outside the allowlist does not make the whole file unreadable: that host is kept and reported
// (config-refused, never connected) by its session, so nothing it names is executed.
const StoredHost = HostConfig.extend({ sshOptions: StoredSshOptions.optional() });
const HostsFile = z.object({ version: z.literal(1), hosts: z.array(StoredHost) });
type HostsFile = z.infer<typeof HostsFile>;

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

/** <dataDir>/hosts.json on the one document store: versioned, validated with zod, written atomically. Never holds secrets. */
export class HostStore {
  private readonly doc: DocumentStore<HostsFile>;

  constructor(path: string, files: StateFiles, now?: () => number, log: Logger = createLogger('hosts')) {
    this.doc = new DocumentStore<HostsFile>(
      {
        path,
        version: HOSTS_FILE_VERSION,
        schema: HostsFile,
        // Before versioning (version 0) the file was a bare array of hosts.
        migrations: { 0: (old) => ({ hosts: old }) },
        empty: () => ({ version: 1, hosts: [] }),
      },
      { files, log, now },
    );
  }

  async load(): Promise<LoadResult> {
    const { hosts } = await this.doc.read();
    const problem = this.doc.problem;
    if (problem) return { hosts: [], firstRun: false, problem: new HostStoreError(problem.message, problem.keptAt) };
    return { hosts, firstRun: !this.doc.existed };
  }

  /** Writes the list (HostConfig drops any secret field); saves run one after another, the last one wins. */
  async save(hosts: readonly HostConfig[]): Promise<void> {
    await this.doc.replace({ version: HOSTS_FILE_VERSION, hosts: hosts.map((h) => StoredHost.parse(h)) });
  }
}
