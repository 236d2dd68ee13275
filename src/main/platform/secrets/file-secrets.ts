import { chmodSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { SecretName, SecretPort } from '../../core/secrets/secret-port';
import { writePrivateFile } from '../private-file';

/** The file each secret lives in; `store.key` is the name the web host has always used. */
export const SECRET_FILES: Record<SecretName, string> = { 'store-key': 'store.key', 'upstream-token': 'upstream.token', 'audit-key': 'audit.key' };

/**
 * The stated fallback where no OS key store can be used: each secret in its own file that only the
 * app's user can read (0600), written whole through a temporary file so a crash leaves the old one.
 */
export function createFileSecrets(dir: string, fallbackReason: string): SecretPort {
  const path = (n: SecretName) => join(dir, SECRET_FILES[n]);
  return {
    where: { kind: 'file', name: dir, fallbackReason },
    get(n) {
      const p = path(n);
      if (!existsSync(p)) return null;
      chmodSync(p, 0o600);
      return readFileSync(p, 'utf8').trim();
    },
    set: (n, value) => writePrivateFile(path(n), value),
    delete(n) {
      rmSync(path(n), { force: true });
    },
  };
}
