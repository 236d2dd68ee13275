/**
 * The secrets the app keeps outside its store (issue 13): the store's own key, the workstation's
 * token for the authority, and the key that authenticates the audit chain. The host hands the core a
 * port to the operating system's key store where there is one, or to the stated fallback, 0600 files
 * in the data folder; the screens and the diagnostics say which.
 */
export type SecretName = 'store-key' | 'upstream-token' | 'audit-key';

import type { SecretsWhere } from '../../../shared/secrets';

export type { SecretsWhere };

export interface SecretPort {
  readonly where: SecretsWhere;
  get(name: SecretName): string | null;
  set(name: SecretName, value: string): void;
  delete(name: SecretName): void;
}

/** Secrets held in memory only: the tests' and the command line's when no host folder is named. */
export function memorySecrets(): SecretPort {
  const held = new Map<SecretName, string>();
  return {
    where: { kind: 'file', name: 'memory', fallbackReason: 'held in memory for this process only' },
    get: (n) => held.get(n) ?? null,
    set: (n, v) => void held.set(n, v),
    delete: (n) => void held.delete(n),
  };
}
