import { readFileSync } from 'node:fs';
import { readTrustList, revocationListSchema, TrustListError, type RevocationList } from './trust-list';

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

/** A trust list file, read as permit-qr.md §3 says: the signers in force, and those left out. */
export function loadTrustListFile(path: string): ReturnType<typeof readTrustList> {
  try {
    return readTrustList(readJson(path, 'trust list'));
  } catch (err) {
    if (err instanceof TrustListError) throw new ListFileError(`the trust list ${path} cannot be used: ${err.message}`);
    throw err;
  }
}

export function loadRevocationListFile(path: string): RevocationList {
  const parsed = revocationListSchema.safeParse(readJson(path, 'revocation list'));
  if (!parsed.success) throw new ListFileError(`the revocation list ${path} is not valid: ${parsed.error.issues[0].path.join('.')} ${parsed.error.issues[0].message}`);
  return parsed.data;
}
