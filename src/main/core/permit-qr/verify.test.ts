import { deflateSync } from 'node:zlib';
import { decode, encode, Tag } from 'cbor2';
import { describe, expect, it } from 'vitest';
import { base45Encode } from './base45';
import { claimsMap, qrTextFromCose, signCose, signPermitQr } from './sign';
import { EXP, IAT, SAMPLE_PERMIT, newSigner, trustFor } from './test-signer';
import { verifyPermitQr } from './verify';

const signer = newSigner();
const trust = trustFor([signer.publicKey]);
const NOW = new Date('2026-11-23T03:00:00Z');
const sample = { iss: 'CN-110000', iat: IAT, exp: EXP, wp: SAMPLE_PERMIT };
const verify = (text: string, t = trust, now = NOW) => verifyPermitQr(text, { trust: t, now });
const raw = (bytes: Uint8Array) => 'WPN1:' + base45Encode(deflateSync(bytes));

describe('permit QR verdicts', () => {
  it('VALID: a permit signed by a trusted signer, in date, not revoked, with its fields', () => {
    const r = verify(signPermitQr(sample, signer.privateKey));
    expect(r).toMatchObject({ verdict: 'VALID', permit: SAMPLE_PERMIT, issuer: 'CN-110000', trustListVersion: 3 });
  });

  it('VALID also with EdDSA and PS256 signers, and with the CR/LF a scanner appends', () => {
    for (const type of ['ed25519', 'rsa'] as const) {
      const s = newSigner(type);
      expect(verify(`${signPermitQr(sample, s.privateKey)}\r\n`, trustFor([s.publicKey])).verdict).toBe('VALID');
    }
  });

  it('SIGNATURE_INVALID: one changed claim, or a forger using a trusted kid with his own key', () => {
    const tampered = signCose(claimsMap(sample), signer.privateKey);
    const forgedPayload = claimsMap({ ...sample, wp: { ...SAMPLE_PERMIT, nm: 'DOE,JANE' } });
    const cose = signCose(forgedPayload, newSigner().privateKey, { kid: new Uint8Array(Buffer.from(trust.byKid.keys().next().value!, 'base64')) });
    expect(verify(qrTextFromCose(cose)).verdict).toBe('SIGNATURE_INVALID');
    const flipped = new Uint8Array(tampered);
    flipped[flipped.length - 1] ^= 1;
    expect(verify(qrTextFromCose(flipped)).verdict).toBe('SIGNATURE_INVALID');
  });

  it('UNKNOWN_SIGNER: a kid no trusted signer has, or a signer outside its validity at iat', () => {
    expect(verify(signPermitQr(sample, newSigner().privateKey)).verdict).toBe('UNKNOWN_SIGNER');
    const lapsed = trustFor([signer.publicKey], null, { validFrom: '2026-02-01' });
    expect(verify(signPermitQr(sample, signer.privateKey), lapsed).verdict).toBe('UNKNOWN_SIGNER');
    expect(verifyPermitQr(signPermitQr(sample, signer.privateKey), { trust: null, now: NOW }).verdict).toBe('UNKNOWN_SIGNER');
  });

  it('tries each signer sharing a kid', () => {
    const other = newSigner();
    const list = trustFor([other.publicKey, signer.publicKey]);
    const kid = [...list.byKid.keys()][1];
    list.byKid.set(kid, [{ ...list.byKid.get(kid)![0], key: other.publicKey }, ...list.byKid.get(kid)!]);
    expect(verify(signPermitQr(sample, signer.privateKey), list).verdict).toBe('VALID');
  });

  it('REVOKED: the permit number is on the revocation list, fields marked as not to rely on', () => {
    const revoked = trustFor([signer.publicKey], { version: 9, revoked: [SAMPLE_PERMIT.pn] });
    expect(verify(signPermitQr(sample, signer.privateKey), revoked)).toMatchObject({ verdict: 'REVOKED', permit: SAMPLE_PERMIT });
  });

  it('EXPIRED: after exp, or after the last day of the permit in Beijing time', () => {
    const text = signPermitQr(sample, signer.privateKey);
    expect(verify(text, trust, new Date(EXP * 1000 + 1000)).verdict).toBe('EXPIRED');
    const longQr = signPermitQr({ ...sample, exp: EXP + 86_400 * 30 }, signer.privateKey);
    expect(verify(longQr, trust, new Date('2027-01-05T15:59:59Z')).verdict).toBe('VALID');
    expect(verify(longQr, trust, new Date('2027-01-05T16:00:00Z')).verdict).toBe('EXPIRED');
  });

  it('NOT_YET_VALID: issued more than 5 minutes in the future, or a permit that starts later', () => {
    const future = signPermitQr({ ...sample, iat: NOW.getTime() / 1000 + 301 }, signer.privateKey);
    expect(verify(future).verdict).toBe('NOT_YET_VALID');
    const skew = signPermitQr({ ...sample, iat: NOW.getTime() / 1000 + 299 }, signer.privateKey);
    expect(verify(skew).verdict).toBe('VALID');
    const later = signPermitQr({ ...sample, wp: { ...SAMPLE_PERMIT, vf: '2026-11-24' } }, signer.privateKey);
    expect(verify(later).verdict).toBe('NOT_YET_VALID');
  });

  it('checks in the spec order: a revoked and expired permit is REVOKED; a forged and revoked one SIGNATURE_INVALID', () => {
    const revoked = trustFor([signer.publicKey], { version: 1, revoked: [SAMPLE_PERMIT.pn] });
    expect(verify(signPermitQr(sample, signer.privateKey), revoked, new Date(EXP * 1000 + 1000)).verdict).toBe('REVOKED');
    const forged = signPermitQr(sample, newSigner().privateKey);
    expect(verify(forged, trustFor([signer.publicKey], { version: 1, revoked: [SAMPLE_PERMIT.pn] })).verdict).toBe('UNKNOWN_SIGNER');
  });

  it('accepts the kid in the unprotected header and a COSE_Sign1 without tag 18 or inside tag 61', () => {
    const m = claimsMap(sample);
    expect(verify(qrTextFromCose(signCose(m, signer.privateKey, { kidUnprotected: true }))).verdict).toBe('VALID');
    expect(verify(qrTextFromCose(signCose(m, signer.privateKey, { tag: false }))).verdict).toBe('VALID');
    const inner = signCose(m, signer.privateKey);
    expect(verify(raw(encode(new Tag(61, decode(inner))))).verdict).toBe('VALID');
  });

  it('MALFORMED names each stage', () => {
    expect(verify('WPN1 NCF')).toMatchObject({ verdict: 'MALFORMED', stage: 'prefix' });
    expect(verify('wpn1:NCF')).toMatchObject({ verdict: 'MALFORMED', stage: 'prefix' });
    expect(verify(`WPN1:${'A'.repeat(4300)}`)).toMatchObject({ verdict: 'MALFORMED', stage: 'prefix' });
    expect(verify('WPN1:GGW')).toMatchObject({ verdict: 'MALFORMED', stage: 'base45' });
    expect(verify('WPN1:abc')).toMatchObject({ verdict: 'MALFORMED', stage: 'base45' });
    expect(verify(`WPN1:${base45Encode(new Uint8Array([1, 2, 3, 4]))}`)).toMatchObject({ verdict: 'MALFORMED', stage: 'zlib' });
    expect(verify(raw(new Uint8Array(20_000)))).toMatchObject({ verdict: 'MALFORMED', stage: 'zlib' });
    expect(verify(raw(new Uint8Array([0x82, 0x01])))).toMatchObject({ verdict: 'MALFORMED', stage: 'cbor' });
    expect(verify(raw(encode([1, 2, 3])))).toMatchObject({ verdict: 'MALFORMED', stage: 'cose' });
    expect(verify(raw(encode(new Tag(98, [])))).verdict).toBe('MALFORMED');
    const noKid = encode(new Tag(18, [encode(new Map([[1, -7]])), new Map(), encode(claimsMap(sample)), new Uint8Array(64)]));
    expect(verify(raw(noKid))).toMatchObject({ verdict: 'MALFORMED', stage: 'cose' });
    const badClaim = signPermitQr({ ...sample, wp: { ...SAMPLE_PERMIT, dob: 19900412 } }, signer.privateKey);
    expect(verify(badClaim)).toMatchObject({ verdict: 'MALFORMED', stage: 'claims' });
    const badUscc = signPermitQr({ ...sample, wp: { ...SAMPLE_PERMIT, uscc: '91110108MA01TPQX6K' } }, signer.privateKey);
    expect(verify(badUscc)).toMatchObject({ verdict: 'MALFORMED', stage: 'claims' });
    const noWp = qrTextFromCose(signCose(new Map<number, unknown>([[1, 'CN'], [6, IAT], [4, EXP]]), signer.privateKey));
    expect(verify(noWp)).toMatchObject({ verdict: 'MALFORMED', stage: 'claims' });
  });

  it('ignores unknown keys but refuses a wrong type on a known one', () => {
    const extra = signPermitQr({ ...sample, wp: { ...SAMPLE_PERMIT, future: [1, 2], zz: 'x' } }, signer.privateKey);
    expect(verify(extra).verdict).toBe('VALID');
    const wrongType = signPermitQr({ ...sample, wp: { ...SAMPLE_PERMIT, nmz: 7 } }, signer.privateKey);
    expect(verify(wrongType)).toMatchObject({ verdict: 'MALFORMED', stage: 'claims' });
  });

  it('UNSUPPORTED: another WPN version, an algorithm this build does not know, a newer schema', () => {
    expect(verify('WPN2:NCFOXN')).toMatchObject({ verdict: 'UNSUPPORTED', stage: 'prefix' });
    expect(verify(qrTextFromCose(signCose(claimsMap(sample), signer.privateKey, { alg: -35 })))).toMatchObject({ verdict: 'UNSUPPORTED', stage: 'cose' });
    const v2 = signPermitQr({ ...sample, wp: { ...SAMPLE_PERMIT, v: 2 } }, signer.privateKey);
    expect(verify(v2)).toMatchObject({ verdict: 'UNSUPPORTED', stage: 'claims' });
  });

  it('REFERENCE: a bare notice or permit number, or one inside an https URL', () => {
    expect(verify('WPN110108202600001')).toEqual({ verdict: 'REFERENCE', reference: 'WPN110108202600001', referenceKind: 'notice' });
    expect(verify(' 110108202600001000 \n')).toMatchObject({ verdict: 'REFERENCE', reference: '110108202600001000', referenceKind: 'permit' });
    expect(verify('https://fwp.safea.gov.cn/check?noticeNo=WPN110108202600001&lang=zh')).toMatchObject({ reference: 'WPN110108202600001' });
    expect(verify('https://example.cn/permit/110108202600001000')).toMatchObject({ verdict: 'REFERENCE', referenceKind: 'permit' });
  });

  it('NOT_A_PERMIT: anything else', () => {
    for (const t of ['', 'hello', 'HC1:NCFOXN%TS3DH', 'http://example.cn/permit/110108202600001000', 'https://example.cn/', '12345']) {
      expect(verify(t).verdict).toBe('NOT_A_PERMIT');
    }
  });

  it('says when the trust list is older than the staleness limit', () => {
    const text = signPermitQr(sample, signer.privateKey);
    expect(verifyPermitQr(text, { trust, now: NOW, staleAfterDays: 7 })).toMatchObject({ verdict: 'VALID', trustListStale: true });
    expect(verifyPermitQr(text, { trust, now: NOW, staleAfterDays: 30 }).trustListStale).toBeUndefined();
  });
});
