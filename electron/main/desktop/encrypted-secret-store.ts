import { z } from 'zod';
import { registerSecret } from '../app/logger';
import type { SecretStore } from '../platform/sessions/secret-store';
import { readFileIfExists, writeFileAtomic } from '../platform/documents/atomic-file';
import type { SecretCipher } from './safe-storage-cipher';
import { Sequencer } from '../platform/time/sequencer';

const SecretsFile = z.object({ version: z.literal(1), entries: z.record(z.string(), z.string()) });

/**
 * Host passwords encrypted at rest: one JSON file of base64 ciphertexts (never plain text), written
 * atomically, decrypted on demand. The cipher is Electron's safeStorage in the app; plain Node here,
 * so tests run with a fake cipher.
 */
export class EncryptedFileSecretStore implements SecretStore {
  readonly persistent = true;
  private entries: Record<string, string> | null = null;
  private readonly writes = new Sequencer();

  constructor(
    private readonly file: string,
    private readonly cipher: SecretCipher,
  ) {}

  async get(key: string): Promise<string | undefined> {
    const entries = await this.load();
    const sealed = entries[key];
    if (sealed === undefined) return undefined;
    const value = this.cipher.decrypt(Buffer.from(sealed, 'base64'));
    registerSecret(value);
    return value;
  }

  async set(key: string, value: string): Promise<void> {
    registerSecret(value);
    const entries = await this.load();
    entries[key] = this.cipher.encrypt(value).toString('base64');
    await this.save();
  }

  async delete(key: string): Promise<void> {
    const entries = await this.load();
    if (!(key in entries)) return;
    delete entries[key];
    await this.save();
  }

  async has(key: string): Promise<boolean> {
    return key in (await this.load());
  }

  private async load(): Promise<Record<string, string>> {
    if (this.entries) return this.entries;
    const text = await readFileIfExists(this.file);
    if (text === null) {
      this.entries = {};
      return this.entries;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      throw new Error(`${this.file} is not valid JSON (${(err as Error).message}); move it away to start with no saved passwords`);
    }
    const parsed = SecretsFile.safeParse(json);
    if (!parsed.success) throw new Error(`${this.file} has an unexpected shape; move it away to start with no saved passwords`);
    this.entries = { ...parsed.data.entries };
    return this.entries;
  }

  /** Writes are serialised so two quick sets cannot interleave their temp+rename. */
  private save(): Promise<void> {
    const data = JSON.stringify({ version: 1, entries: this.entries ?? {} }, null, 2);
    return this.writes.run(() => writeFileAtomic(this.file, data));
  }
}
