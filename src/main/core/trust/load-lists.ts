import { readFileSync } from 'node:fs';
import { isEnvelope, openSignedList, readTrustRoots, SignedListError, type TrustRoot } from './signed-list';
import { readTrustList, revocationListSchema, revocationsAddedSchema, TrustListError, type RevocationList } from './trust-list';

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

/** A file of pinned trust roots (a JSON array of {kid, alg, publicKey}); entries it cannot use are named. */
export function loadTrustRootsFile(path: string): ReturnType<typeof readTrustRoots> {
  try {
    return readTrustRoots(readJson(path, 'trust roots'));
  } catch (err) {
    if (err instanceof SignedListError) throw new ListFileError(`the trust roots ${path} cannot be used: ${err.message}`);
    throw err;
  }
}

/**
 * A list file's content: a bare list is taken as it is (the operator vouches for the file, §3a); an
 * envelope must verify against the roots given, and without roots it cannot be checked at all.
 */
function openListFile(path: string, what: string, roots: readonly TrustRoot[] | null): { payload: unknown; signedBy: string | null } {
  const json = readJson(path, what);
  if (!isEnvelope(json)) return { payload: json, signedBy: null };
  if (roots === null) throw new ListFileError(`the ${what} ${path} is a signed envelope: give "--trust-root FILE" to check its signature`);
  try {
    const { payload, root } = openSignedList(json, roots);
    return { payload, signedBy: root.kid };
  } catch (err) {
    if (err instanceof SignedListError) throw new ListFileError(`the ${what} ${path} is refused (${err.reason}): ${err.message}`);
    throw err;
  }
}

/** A trust list file, read as permit-qr.md §3 says: the signers in force, and those left out. */
export function loadTrustListFile(path: string, roots: readonly TrustRoot[] | null = null): ReturnType<typeof readTrustList> & { signedBy: string | null } {
  const { payload, signedBy } = openListFile(path, 'trust list', roots);
  try {
    return { ...readTrustList(payload), signedBy };
  } catch (err) {
    if (err instanceof TrustListError) throw new ListFileError(`the trust list ${path} cannot be used: ${err.message}`);
    throw err;
  }
}

/** A revocation list file, bare or signed: the whole list {version, revoked}, or {version, added} as upstream sends it. */
export function loadRevocationListFile(path: string, roots: readonly TrustRoot[] | null = null): RevocationList {
  const { payload } = openListFile(path, 'revocation list', roots);
  const parsed = revocationListSchema.safeParse(payload);
  if (parsed.success) return parsed.data;
  const added = revocationsAddedSchema.safeParse(payload);
  if (added.success) return { version: added.data.version, revoked: added.data.added };
  throw new ListFileError(`the revocation list ${path} is not valid: ${parsed.error.issues[0].path.join('.')} ${parsed.error.issues[0].message}`);
}
