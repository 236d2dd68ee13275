import { renameSync, writeFileSync } from 'node:fs';

/**
 * Writes a file only the app's user can read (0600), whole: through a temporary file renamed over it,
 * so a crash mid-write leaves the old one (the secrets' fallback files, the audit head).
 */
export function writePrivateFile(path: string, data: string | Buffer): void {
  writeFileSync(`${path}.tmp`, data, { mode: 0o600 });
  renameSync(`${path}.tmp`, path);
}
