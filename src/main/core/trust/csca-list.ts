import { X509Certificate } from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { z } from 'zod';
import type { CscaListStatus } from '../../../shared/evidence';
import { appendAudit } from '../audit/audit';
import { openSignedList, SignedListError, type TrustRoot } from './signed-list';

/**
 * The CSCA list in force (passport-chip.md): from upstream in the signed envelope of permit-qr.md
 * §3a, taken only when a pinned root signed it and it is not older than the list in force; or imported
 * by an administrator as a PEM bundle or an ICAO master list (CMS SignedData of a CscaMasterList),
 * taken on the administrator's word, said so wherever its source is shown, and audited. Only CA
 * certificates are kept; the rest of a list is left out and counted.
 */

export class CscaListError extends Error {}

const payloadSchema = z.object({
  version: z.number().int().min(1),
  issuedAt: z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'an RFC 3339 time'),
  certificates: z.array(z.string().max(16_384).regex(/^[A-Za-z0-9+/]+={0,2}$/)).max(5000),
});

/** The list in force as stored (its age is the caller's, from the time it asks). */
export type CscaStatus = Omit<CscaListStatus, 'ageDays'>;

/** CA certificates of a list, as DER; what is not one is left out. */
function caCertificates(ders: Buffer[]): { kept: Buffer[]; leftOut: number } {
  const kept: Buffer[] = [];
  let leftOut = 0;
  for (const der of ders) {
    try {
      const c = new X509Certificate(der);
      if (c.ca) kept.push(Buffer.from(c.raw));
      else leftOut++;
    } catch {
      leftOut++;
    }
  }
  return { kept, leftOut };
}

function held(db: Database): { version: number } | undefined {
  return db.prepare('SELECT version FROM csca_lists ORDER BY version DESC LIMIT 1').get() as { version: number } | undefined;
}

function store(db: Database, l: { version: number; issuedAt: string; source: string; signedBy: string | null; certificates: Buffer[]; by: string; now: Date }): void {
  db.prepare('INSERT OR REPLACE INTO csca_lists (version, issued_at, source, signed_by, certificates, stored_at, stored_by) VALUES (?,?,?,?,?,?,?)').run(
    l.version,
    l.issuedAt,
    l.source,
    l.signedBy,
    JSON.stringify(l.certificates.map((c) => c.toString('base64'))),
    l.now.toISOString(),
    l.by,
  );
}

/** A signed list from upstream. Throws SignedListError (refused) or CscaListError (signed, but no usable list); the list in force stays. */
export function acceptSignedCscaList(db: Database, envelope: unknown, roots: readonly TrustRoot[], source: string, now: Date): { version: number; count: number; leftOut: number } {
  const { payload, root } = openSignedList(envelope, roots);
  const parsed = payloadSchema.safeParse(payload);
  if (!parsed.success) throw new CscaListError(`the CSCA list is not usable: ${parsed.error.issues[0]?.message ?? ''}`);
  const current = held(db)?.version;
  if (current !== undefined && parsed.data.version < current) throw new SignedListError('older-version', `the CSCA list is version ${parsed.data.version}, older than version ${current} in force`);
  const { kept, leftOut } = caCertificates(parsed.data.certificates.map((c) => Buffer.from(c, 'base64')));
  return db.transaction(() => {
    if (current !== parsed.data.version) {
      store(db, { version: parsed.data.version, issuedAt: parsed.data.issuedAt, source, signedBy: root.kid, certificates: kept, by: 'system', now });
      appendAudit(db, { at: now.toISOString(), actor: 'system', action: 'csca.updated', target: `version ${parsed.data.version}, ${kept.length} CSCA(s), signed by ${root.kid}` });
    }
    return { version: parsed.data.version, count: kept.length, leftOut };
  })();
}

/** The certificates of a PEM bundle, or of an ICAO master list (DER, or its base64). */
function importedCertificates(bytes: Buffer): Buffer[] {
  const text = bytes.toString('latin1');
  const pems = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g);
  if (pems) return pems.map((p) => Buffer.from(p.replace(/-----[A-Z ]+-----|\s/g, ''), 'base64'));
  const der = /^[A-Za-z0-9+/=\s]+$/.test(text) ? Buffer.from(text.replace(/\s/g, ''), 'base64') : bytes;
  try {
    const info = pkijs.ContentInfo.fromBER(der.buffer.slice(der.byteOffset, der.byteOffset + der.byteLength) as ArrayBuffer);
    const signed = new pkijs.SignedData({ schema: info.content });
    // CscaMasterList ::= SEQUENCE { version INTEGER, certList SET OF Certificate } (ICAO 9303 Part 12 §9).
    const content = signed.encapContentInfo.eContent?.getValue();
    const list = content ? asn1js.fromBER(content) : null;
    const set = list && list.result instanceof asn1js.Sequence ? list.result.valueBlock.value[1] : null;
    if (!(set instanceof asn1js.Set)) throw new Error('no certificate list');
    return set.valueBlock.value.map((c) => Buffer.from(c.toBER()));
  } catch {
    throw new CscaListError('the file is neither PEM certificates nor an ICAO master list');
  }
}

/**
 * An administrator's import: replaces the list in force with these CSCAs, on the administrator's word
 * (no pinned root signed it), as the next version. Audited.
 */
export function importCscaList(db: Database, file: Buffer, actor: string, now: Date): { version: number; count: number; leftOut: number } {
  const { kept, leftOut } = caCertificates(importedCertificates(file));
  if (kept.length === 0) throw new CscaListError('the file holds no CA certificate');
  return db.transaction(() => {
    const version = (held(db)?.version ?? 0) + 1;
    store(db, { version, issuedAt: now.toISOString(), source: 'import', signedBy: null, certificates: kept, by: actor, now });
    appendAudit(db, { at: now.toISOString(), actor, action: 'csca.imported', target: `version ${version}, ${kept.length} CSCA(s), on the administrator's word` });
    return { version, count: kept.length, leftOut };
  })();
}

/** The CSCA certificates in force (DER), none when no list was ever taken. */
export function currentCscas(db: Database): Buffer[] {
  const row = db.prepare('SELECT certificates FROM csca_lists ORDER BY version DESC LIMIT 1').get() as { certificates: string } | undefined;
  return row ? (JSON.parse(row.certificates) as string[]).map((c) => Buffer.from(c, 'base64')) : [];
}

export function cscaStatus(db: Database): CscaStatus | null {
  const row = db.prepare('SELECT version, issued_at AS issuedAt, source, signed_by AS signedBy, stored_by AS storedBy, certificates FROM csca_lists ORDER BY version DESC LIMIT 1').get() as
    | (Omit<CscaStatus, 'count'> & { certificates: string })
    | undefined;
  if (!row) return null;
  const { certificates, ...rest } = row;
  return { ...rest, count: (JSON.parse(certificates) as string[]).length };
}
