// The desktop app's secrets key: the same `secrets.key` file as headless mode, sealed with
// Electron safeStorage (the OS keychain / DPAPI / libsecret) when the OS offers it, so a copy of
// the data folder alone opens nothing. Pure: main.ts passes Electron's safeStorage in.
import { keyFileProvider, type KeyProvider, type KeyWrapper } from '../src/profiles/key-file.js';

/** The part of Electron's `safeStorage` used here (a fake one in tests). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

export const SAFE_STORAGE_WRAPPER = 'electron-safeStorage';

export function safeStorageWrapper(safeStorage: SafeStorageLike): KeyWrapper {
  return {
    name: SAFE_STORAGE_WRAPPER,
    // safeStorage seals strings: the key travels as base64 inside it.
    wrap: (key) => safeStorage.encryptString(key.toString('base64')),
    unwrap: (sealed) => Buffer.from(safeStorage.decryptString(sealed), 'base64'),
  };
}

/**
 * Sealed when safeStorage can; otherwise (Linux without a keyring) the plain key file, as in
 * headless mode, rather than refusing to start. Availability is asked at load time: on some
 * platforms it is only known once the app is ready.
 */
export function desktopKeyProvider(safeStorage: SafeStorageLike): KeyProvider {
  return {
    load: (dataDir) => keyFileProvider(safeStorage.isEncryptionAvailable() ? safeStorageWrapper(safeStorage) : null).load(dataDir),
  };
}
