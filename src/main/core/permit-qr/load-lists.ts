import { readFileSync } from 'node:fs';
import { revocationListSchema, trustListSchema, type RevocationList, type TrustList } from './trust-list';

export class ListFileError extends Error {}

function readJson(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ListFileError(`cannot read the ${what} ${path}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ListFileError(`the ${what} ${path} is not JSON`);
  }
}

/** A trust list file, validated against permit-qr.md §3. */
export function loadTrustListFile(path: string): TrustList {
  const parsed = trustListSchema.safeParse(readJson(path, 'trust list'));
  if (!parsed.success) throw new ListFileError(`the trust list ${path} is not valid: ${parsed.error.issues[0].path.join('.')} ${parsed.error.issues[0].message}`);
  return parsed.data;
}

export function loadRevocationListFile(path: string): RevocationList {
  const parsed = revocationListSchema.safeParse(readJson(path, 'revocation list'));
  if (!parsed.success) throw new ListFileError(`the revocation list ${path} is not valid: ${parsed.error.issues[0].path.join('.')} ${parsed.error.issues[0].message}`);
  return parsed.data;
}
