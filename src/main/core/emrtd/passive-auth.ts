import { createHash, webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { PassiveVerdict } from '../../../shared/passport';

/**
 * Passive authentication (ICAO 9303 Part 11 §5.1, Part 12): the Document Security Object (EF.SOD, a
 * CMS SignedData over an LDSSecurityObject) holds each data group's hash, signed by the issuing state's
 * Document Signer, whose certificate its Country Signing CA issued. The verdicts of passport-chip.md,
 * the first that applies winning: hash-mismatch, bad-signature, unknown-csca; no-sod when there is none.
 * ASN.1, CMS and X.509 by pkijs and asn1js; the signatures by Node's WebCrypto.
 */

export type { PassiveVerdict };

export interface PassiveResult {
  verdict: PassiveVerdict;
  /** The data groups whose hashes differ (hash-mismatch). */
  mismatched: number[];
  /** The Document Signer's subject and the CSCA it chains to, when known. */
  signer: string | null;
  csca: string | null;
  problems: string[];
}

const engine = new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as unknown as ConstructorParameters<typeof pkijs.CryptoEngine>[0]['crypto'] });
pkijs.setEngine('node', engine);

const LDS_SECURITY_OBJECT = '2.23.136.1.1.1';
const HASHES: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.4': 'sha224',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

const view = (b: Uint8Array) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

/** The SOD's content without its application tag 0x77 and length. */
function unwrapSod(file: Uint8Array): Uint8Array {
  if (file[0] !== 0x77) return file;
  const first = file[1];
  const skip = first < 0x80 ? 2 : 2 + (first & 0x7f);
  return file.subarray(skip);
}

/** The LDSSecurityObject's hash algorithm and its data group hashes. */
function ldsSecurityObject(econtent: ArrayBuffer): { algorithm: string; hashes: Map<number, Buffer> } | null {
  const parsed = asn1js.fromBER(econtent);
  if (parsed.offset === -1 || !(parsed.result instanceof asn1js.Sequence)) return null;
  const [, algorithmId, groups] = parsed.result.valueBlock.value;
  if (!(algorithmId instanceof asn1js.Sequence) || !(groups instanceof asn1js.Sequence)) return null;
  const oid = algorithmId.valueBlock.value[0];
  if (!(oid instanceof asn1js.ObjectIdentifier)) return null;
  const algorithm = HASHES[oid.valueBlock.toString()];
  if (!algorithm) return null;
  const hashes = new Map<number, Buffer>();
  for (const g of groups.valueBlock.value) {
    if (!(g instanceof asn1js.Sequence)) return null;
    const [n, h] = g.valueBlock.value;
    if (!(n instanceof asn1js.Integer) || !(h instanceof asn1js.OctetString)) return null;
    hashes.set(n.valueBlock.valueDec, Buffer.from(h.valueBlock.valueHexView));
  }
  return { algorithm, hashes };
}

const nameOf = (c: pkijs.Certificate) => c.subject.typesAndValues.map((tv) => `${tv.type}=${tv.value.valueBlock.value}`).join(',');

/**
 * Checks the data groups read against the SOD, the SOD's signature, and the signer's chain to one of
 * `cscas` (DER certificates in force). `groups` maps a data group number to its file as read.
 */
export async function passiveAuthentication(sodFile: Uint8Array | null, groups: Map<number, Uint8Array>, cscas: Uint8Array[]): Promise<PassiveResult> {
  const result = (verdict: PassiveVerdict, extra: Partial<PassiveResult> = {}): PassiveResult => ({ verdict, mismatched: [], signer: null, csca: null, problems: [], ...extra });
  if (!sodFile || sodFile.length === 0) return result('no-sod');
  let signed: pkijs.SignedData;
  try {
    const info = pkijs.ContentInfo.fromBER(view(unwrapSod(sodFile)));
    if (info.contentType !== pkijs.ContentInfo.SIGNED_DATA) return result('bad-signature', { problems: ['the SOD is not a SignedData'] });
    signed = new pkijs.SignedData({ schema: info.content });
  } catch (err) {
    return result('bad-signature', { problems: [`the SOD cannot be read: ${(err as Error).message}`] });
  }
  const econtent = signed.encapContentInfo.eContent;
  const lds = signed.encapContentInfo.eContentType === LDS_SECURITY_OBJECT && econtent ? ldsSecurityObject(view(new Uint8Array(econtent.getValue()))) : null;
  if (!lds) return result('bad-signature', { problems: ['the SOD holds no LDSSecurityObject'] });
  const mismatched = [...groups].filter(([n, bytes]) => {
    const expected = lds.hashes.get(n);
    return !expected || !createHash(lds.algorithm).update(bytes).digest().equals(expected);
  }).map(([n]) => n);
  const signer = (signed.certificates ?? []).find((c): c is pkijs.Certificate => c instanceof pkijs.Certificate) ?? null;
  const signerName = signer ? nameOf(signer) : null;
  if (mismatched.length) return result('hash-mismatch', { mismatched, signer: signerName, problems: mismatched.map((n) => `DG${n}`) });
  if (!signer) return result('bad-signature', { problems: ['the SOD carries no Document Signer certificate'] });
  let signatureOk = false;
  try {
    signatureOk = (await signed.verify({ signer: 0, checkChain: false, extendedMode: true })).signatureVerified === true;
  } catch {
    signatureOk = false;
  }
  if (!signatureOk) return result('bad-signature', { signer: signerName });
  // The Document Signer's certificate under a CSCA of the list: issuer named, signature verified,
  // and valid when it signed (its signing time, else now; an expired signer still vouches for what it
  // signed while valid, which is how passports outlive their signers' certificates).
  const signingTime = signed.signerInfos[0]?.signedAttrs?.attributes.find((a) => a.type === '1.2.840.113549.1.9.5')?.values[0] as { toDate?: () => Date } | undefined;
  const at = signingTime?.toDate?.() ?? null;
  for (const der of cscas) {
    let csca: pkijs.Certificate;
    try {
      csca = pkijs.Certificate.fromBER(view(der));
    } catch {
      continue;
    }
    if (!csca.subject.isEqual(signer.issuer)) continue;
    let verified = false;
    try {
      verified = await signer.verify(csca);
    } catch {
      verified = false;
    }
    if (!verified) continue;
    const within = (c: pkijs.Certificate, t: Date) => c.notBefore.value <= t && t <= c.notAfter.value;
    if (at && !within(signer, at)) return result('unknown-csca', { signer: signerName, problems: ['the Document Signer was not valid when it signed'] });
    if (!at && signer.notBefore.value > new Date()) return result('unknown-csca', { signer: signerName, problems: ['the Document Signer is not valid yet'] });
    return result('valid', { signer: signerName, csca: nameOf(csca) });
  }
  return result('unknown-csca', { signer: signerName });
}
