import { safeStorage } from 'electron';

/**
 * Encrypts secrets with the OS credential vault key (DPAPI on Windows, Keychain on macOS, libsecret/kwallet
 * on Linux) through Electron's safeStorage. The SecretStore persists the ciphertext; only this adapter
 * touches Electron, so the store itself runs under Node and tests with another cipher.
 */
export interface SecretCipher {
  /** False when the OS offers no vault (e.g. Linux without a keyring): callers must not persist secrets then. */
  isAvailable(): boolean;
  encrypt(plain: string): Buffer;
  decrypt(cipher: Buffer): string;
}

export function createSafeStorageCipher(): SecretCipher {
  return {
    isAvailable: () => {
      if (!safeStorage.isEncryptionAvailable()) return false;
      // On Linux, 'basic_text' means a hard-coded key: as good as plain text, so we treat it as unavailable.
      if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return false;
      return true;
    },
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (cipher) => safeStorage.decryptString(cipher),
  };
}
