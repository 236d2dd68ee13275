import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { safeStorage } from 'electron';

/**
 * The store key, kept encrypted by the operating system's key store (DPAPI on Windows, the
 * keyring on Linux) through Electron's safeStorage.
 */
export function loadOrCreateSafeKey(path: string): Buffer {
  if (!safeStorage.isEncryptionAvailable()) {
    throw new Error('The system key store is not available, so the local data cannot be encrypted. 系统密钥存储不可用。');
  }
  if (existsSync(path)) {
    const key = Buffer.from(safeStorage.decryptString(readFileSync(path)), 'hex');
    if (key.length !== 32) throw new Error(`The key at ${path} is not a 256-bit key.`);
    return key;
  }
  const key = randomBytes(32);
  writeFileSync(path, safeStorage.encryptString(key.toString('hex')), { mode: 0o600, flag: 'wx' });
  return key;
}
