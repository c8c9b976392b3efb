import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));

import { EncryptedFileSecretStore } from '../../../electron/main/desktop/encrypted-secret-store';
import type { SecretCipher } from '../../../electron/main/desktop/safe-storage-cipher';
import { redact } from '../../../electron/main/app/logger';

// A reversible stand-in for safeStorage: XOR, so the file never holds the plain text.
const cipher: SecretCipher = {
  isAvailable: () => true,
  encrypt: (s) => Buffer.from(Buffer.from(s, 'utf8').map((b) => b ^ 0x5a)),
  decrypt: (b) => Buffer.from(b.map((x) => x ^ 0x5a)).toString('utf8'),
};

const tempFile = () => join(mkdtempSync(join(tmpdir(), 'hyperdesk-secrets-')), 'secrets.json');

describe('EncryptedFileSecretStore', () => {
  it('round-trips through a new instance and never writes the plain text', async () => {
    const file = tempFile();
    const a = new EncryptedFileSecretStore(file, cipher);
    await a.set('host:h1:password', 'Pa55word!x');
    expect(readFileSync(file, 'utf8')).not.toContain('Pa55word!x');
    const b = new EncryptedFileSecretStore(file, cipher);
    expect(await b.has('host:h1:password')).toBe(true);
    expect(await b.get('host:h1:password')).toBe('Pa55word!x');
    expect(await b.get('host:other')).toBeUndefined();
    expect(b.persistent).toBe(true);
  });

  it('masks stored values in logs from the moment they are read', async () => {
    const file = tempFile();
    await new EncryptedFileSecretStore(file, cipher).set('k', 'another-secret-42');
    expect(redact('x another-secret-42 y')).toBe('x *** y');
  });

  it('deletes', async () => {
    const file = tempFile();
    const s = new EncryptedFileSecretStore(file, cipher);
    await s.set('k1', 'v1-secret');
    await s.set('k2', 'v2-secret');
    await s.delete('k1');
    const fresh = new EncryptedFileSecretStore(file, cipher);
    expect(await fresh.has('k1')).toBe(false);
    expect(await fresh.get('k2')).toBe('v2-secret');
  });

  it('refuses a corrupt file with a clear message instead of dropping it', async () => {
    const file = tempFile();
    writeFileSync(file, '{ not json');
    await expect(new EncryptedFileSecretStore(file, cipher).get('k')).rejects.toThrow(/not valid JSON/);
    writeFileSync(file, JSON.stringify({ version: 2, entries: {} }));
    await expect(new EncryptedFileSecretStore(file, cipher).get('k')).rejects.toThrow(/unexpected shape/);
  });
});
