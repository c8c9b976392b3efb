import { registerSecret } from '../../app/logger';

/**
 * Where host passwords live. The desktop app backs this with Electron safeStorage (an adapter in
 * electron/main/desktop/, encrypted at rest); browser mode and tests use the in-memory store below.
 * Every value read or written is registered with the logger so it is masked in every log line.
 */
export interface SecretStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
  has(key: string): Promise<boolean>;
  /** True when secrets survive a restart (encrypted on disk); false for memory-only stores. */
  readonly persistent: boolean;
}

export class MemorySecretStore implements SecretStore {
  readonly persistent = false;
  private readonly values = new Map<string, string>();

  async get(key: string): Promise<string | undefined> {
    return this.values.get(key);
  }
  async set(key: string, value: string): Promise<void> {
    registerSecret(value);
    this.values.set(key, value);
  }
  async delete(key: string): Promise<void> {
    this.values.delete(key);
  }
  async has(key: string): Promise<boolean> {
    return this.values.has(key);
  }
}

export const hostSecretKey = (hostId: string) => `host:${hostId}:password`;
