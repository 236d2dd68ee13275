import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createLogger } from '../../core/log/logger';
import type { SecretName, SecretPort } from '../../core/secrets/secret-port';
import { createFileSecrets } from './file-secrets';
import { openOsKeyStore } from './os-key-store';

const log = createLogger('secrets');
const NAMES: SecretName[] = ['store-key', 'upstream-token', 'audit-key'];

/**
 * The secrets of the data folder: in the OS key store where one works, else in the fallback files
 * (0600) in the folder, with the reason. `ACW_SECRETS=file` chooses the files (a kiosk with no
 * desktop session). Secrets found in the files while the key store works are moved into it, each
 * checked there before its file is removed, so an update moves an existing installation over.
 */
export function openSecrets(
  dataDir: string,
  opts: { platform?: NodeJS.Platform; env?: NodeJS.ProcessEnv; osKeyStore?: typeof openOsKeyStore; readOnly?: boolean } = {},
): SecretPort {
  const env = opts.env ?? process.env;
  if (env.ACW_SECRETS === 'file') return createFileSecrets(dataDir, 'chosen by ACW_SECRETS=file');
  const os = (opts.osKeyStore ?? openOsKeyStore)(dataDir, opts.platform);
  const files = createFileSecrets(dataDir, os.port ? '' : os.reason);
  if (!os.port) {
    log.warn('no OS key store: the fallback files are used', { reason: os.reason });
    return files;
  }
  // A reader (the command line, perhaps in another session than the host's) moves nothing: it reads
  // the key store, and the files where the host keeps them there.
  if (opts.readOnly) {
    const os2 = os.port;
    return {
      where: os2.where,
      get: (n) => os2.get(n) ?? files.get(n),
      set: () => {
        throw new Error('these secrets are opened to be read only');
      },
      delete: () => {
        throw new Error('these secrets are opened to be read only');
      },
    };
  }
  for (const name of NAMES) {
    const inFile = files.get(name);
    if (inFile === null) continue;
    const held = os.port.get(name);
    if (held === null) {
      os.port.set(name, inFile);
      if (os.port.get(name) !== inFile) throw new Error(`${os.port.where.name} did not keep the ${name}; it stays in its file`);
      files.delete(name);
      log.info('secret moved into the OS key store', { name });
    } else if (held === inFile) files.delete(name);
    else log.warn('a secret is in the OS key store and, different, in its file: the key store is used', { name });
  }
  return os.port;
}

export class StoreKeyMissingError extends Error {}

/** A 256-bit key kept as hex: the one held (checked), or, when none is and `mayMake` allows, a new one kept. */
function hexKey(secrets: SecretPort, name: 'store-key' | 'audit-key', what: string, mayMake: () => void): Buffer {
  const hex = secrets.get(name);
  if (hex !== null) {
    const key = Buffer.from(hex, 'hex');
    if (key.length !== 32) throw new Error(`The ${what} in ${secrets.where.name} is not a 256-bit hex key.`);
    return key;
  }
  mayMake();
  const key = randomBytes(32);
  secrets.set(name, key.toString('hex'));
  return key;
}

/**
 * The store's key (256 bits, hex): made on the first start, and never made again for a store that
 * exists, since a new key cannot open it; its loss is said, with where it was looked for.
 */
export function loadOrCreateStoreKey(secrets: SecretPort, storePath: string): Buffer {
  return hexKey(secrets, 'store-key', 'store key', () => {
    if (existsSync(storePath)) {
      throw new StoreKeyMissingError(`The key of the store ${storePath} is not in ${secrets.where.name}: the local data cannot be opened without it. 本地数据的密钥缺失。`);
    }
  });
}

/** The audit chain's key (256 bits, hex), made on the first start; the store never holds it. */
export function loadOrCreateAuditKey(secrets: SecretPort): Buffer {
  return hexKey(secrets, 'audit-key', 'audit key', () => undefined);
}
