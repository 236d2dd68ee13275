import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { AuditHeadPort } from '../../core/audit/sealed-head';

/** The sealed head as a file apart from the store, written whole through a temporary file (0600). */
export function createHeadFile(path: string): AuditHeadPort {
  return {
    where: path,
    read: () => (existsSync(path) ? readFileSync(path, 'utf8') : null),
    write(text) {
      writeFileSync(`${path}.tmp`, text, { mode: 0o600 });
      renameSync(`${path}.tmp`, path);
    },
  };
}
