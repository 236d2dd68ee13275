import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { SecretName, SecretPort } from '../../core/secrets/secret-port';
import { writePrivateFile } from '../private-file';
import { createFileSecrets } from './file-secrets';
import { openOsKeyStore } from './os-key-store';

/** The part of Electron's safeStorage the app uses (the host hands the real one; the tests a stand-in). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  /** Linux only: which store Chromium's OSCrypt chose. */
  getSelectedStorageBackend?(): string;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/**
 * What safeStorage really protects with. On Linux without a key ring Chromium falls back to a fixed
 * password (`basic_text`), which protects nothing: that counts as no key store at all.
 */
export function safeStorageBackend(safe: SafeStorageLike, platform: NodeJS.Platform): { usable: true; name: string } | { usable: false; reason: string } {
  if (!safe.isEncryptionAvailable()) return { usable: false, reason: 'safeStorage: encryption is not available' };
  if (platform !== 'linux') return { usable: true, name: platform === 'win32' ? 'DPAPI' : platform === 'darwin' ? 'Keychain' : platform };
  const backend = safe.getSelectedStorageBackend?.() ?? 'unknown';
  if (backend === 'basic_text' || backend === 'unknown') return { usable: false, reason: `safeStorage uses ${backend}, a fixed password that protects nothing` };
  return { usable: true, name: backend };
}

/** Each secret in `<file>.enc`, encrypted by safeStorage; the store key keeps the name it always had. */
const ENC_FILES: Record<SecretName, string> = { 'store-key': 'store.key.enc', 'upstream-token': 'upstream.token.enc', 'audit-key': 'audit.key.enc' };

function safeStorageSecrets(dir: string, safe: SafeStorageLike, name: string): SecretPort {
  const path = (n: SecretName) => join(dir, ENC_FILES[n]);
  return {
    where: { kind: 'safe-storage', name, fallbackReason: null },
    get: (n) => (existsSync(path(n)) ? safe.decryptString(readFileSync(path(n))) : null),
    set: (n, v) => writePrivateFile(path(n), safe.encryptString(v)),
    delete: (n) => rmSync(path(n), { force: true }),
  };
}

/**
 * The Electron host's secrets: the OS key store where it works; else safeStorage when it really
 * encrypts; else the fallback files, said plainly. A store key kept before in `store.key.enc` is moved
 * to the key store or the fallback file, checked there first.
 */
export function openElectronSecrets(dataDir: string, safe: SafeStorageLike, opts: { platform?: NodeJS.Platform; osKeyStore?: typeof openOsKeyStore } = {}): SecretPort {
  const platform = opts.platform ?? process.platform;
  const backend = safeStorageBackend(safe, platform);
  const os = (opts.osKeyStore ?? openOsKeyStore)(dataDir, platform);
  if (!os.port && backend.usable) return safeStorageSecrets(dataDir, safe, backend.name);
  const chosen = os.port ?? createFileSecrets(dataDir, `${os.reason}; ${backend.usable ? '' : backend.reason}`);
  // What safeStorage held (while it could decrypt it) goes to the store chosen.
  if (safe.isEncryptionAvailable()) {
    const old = safeStorageSecrets(dataDir, safe, 'old');
    for (const n of Object.keys(ENC_FILES) as SecretName[]) {
      const value = existsSync(join(dataDir, ENC_FILES[n])) ? old.get(n) : null;
      if (value === null) continue;
      if (chosen.get(n) === null) chosen.set(n, value);
      if (chosen.get(n) === value) old.delete(n);
    }
  }
  return chosen;
}
