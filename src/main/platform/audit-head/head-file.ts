import { existsSync, readFileSync } from 'node:fs';
import { writePrivateFile } from '../private-file';
import type { AuditHeadPort } from '../../core/audit/sealed-head';

/** The sealed head as a file apart from the store, written whole (0600). */
export function createHeadFile(path: string): AuditHeadPort {
  return {
    where: path,
    read: () => (existsSync(path) ? readFileSync(path, 'utf8') : null),
    write: (text) => writePrivateFile(path, text),
  };
}
