import { createHash, randomBytes } from 'node:crypto';
import { Entry } from '@napi-rs/keyring';
import type { SecretName, SecretPort } from '../../core/secrets/secret-port';

const SERVICE = 'acceptance-window';

export function keyStoreName(platform: NodeJS.Platform): string {
  return platform === 'win32' ? 'Windows Credential Manager' : platform === 'darwin' ? 'macOS Keychain' : 'Secret Service';
}

/**
 * The operating system's key store through @napi-rs/keyring. On Linux the entry is held to the Secret
 * Service: the library's other Linux store, the kernel keyring, forgets everything at reboot, and a
 * store key forgotten is the store lost. Each data folder has entries of its own (a PC may hold
 * more than one installation). Returns null with the reason when the key store cannot be used: a
 * probe entry is written, read back and removed first.
 */
export function openOsKeyStore(dataDir: string, platform: NodeJS.Platform = process.platform): { port: SecretPort } | { port: null; reason: string } {
  const folder = createHash('sha256').update(dataDir).digest('hex').slice(0, 16);
  const options = platform === 'linux' ? { linux: { store: 'secret-service' as const } } : undefined;
  const entry = (name: string) => new Entry(SERVICE, `${name}@${folder}`, options);
  try {
    const probe = entry('probe');
    const value = randomBytes(8).toString('hex');
    probe.setPassword(value);
    const back = probe.getPassword();
    probe.deletePassword();
    if (back !== value) return { port: null, reason: `${keyStoreName(platform)} did not give back what was written` };
  } catch (err) {
    return { port: null, reason: `${keyStoreName(platform)} cannot be used: ${(err as Error).message.slice(0, 200)}` };
  }
  const port: SecretPort = {
    where: { kind: 'os-key-store', name: keyStoreName(platform), fallbackReason: null },
    get: (n: SecretName) => entry(n).getPassword() ?? null,
    set: (n: SecretName, v: string) => entry(n).setPassword(v),
    delete: (n: SecretName) => void entry(n).deletePassword(),
  };
  return { port };
}
