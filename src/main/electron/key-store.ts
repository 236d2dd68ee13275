import { safeStorage } from 'electron';
import type { SecretPort } from '../core/secrets/secret-port';
import { openElectronSecrets } from '../platform/secrets/safe-storage';

/**
 * The Electron host's secrets: the OS key store (Credential Manager, Keychain, Secret Service), else
 * safeStorage when its backend really encrypts (never `basic_text`), else the 0600 fallback files.
 */
export function openAppSecrets(userData: string): SecretPort {
  return openElectronSecrets(userData, safeStorage);
}
