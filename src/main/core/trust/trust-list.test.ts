import { describe, expect, it } from 'vitest';
import { signPermitQr } from '../permit-qr/sign';
import { EXP, IAT, SAMPLE_PERMIT, newSigner, trustListFor } from '../permit-qr/test-signer';
import { prepareTrust, readTrustList, TrustListError } from './trust-list';
import { verifyPermitQr } from '../permit-qr/verify';

const NOW = new Date('2026-11-23T03:00:00Z');
const sample = { iss: 'CN-110000', iat: IAT, exp: EXP, wp: SAMPLE_PERMIT };
const ec = newSigner();
const good = trustListFor([ec.publicKey]).signers[0];
const rsa = newSigner('rsa');

/** Entries a list may carry beside a usable signer (permit-qr.md §3). */
const others = {
  // An algorithm the authority added before this build knew it: its key is whatever that algorithm uses.
  postQuantum: { kid: 'AAAAAAAAAAA=', alg: 'ML-DSA-65', issuer: 'CN-310000', publicKey: Buffer.alloc(1952, 7).toString('base64'), validFrom: '2026-01-01', validTo: '2030-12-31' },
  noKey: { kid: good.kid, alg: 'ES256', issuer: 'CN-110000', validFrom: '2025-01-01', validTo: '2030-12-31' },
  keyNotSpki: { ...good, publicKey: Buffer.from('not a key').toString('base64') },
  wrongKeyType: { ...trustListFor([rsa.publicKey]).signers[0], alg: 'EdDSA' },
  notADate: { ...good, validTo: '2030-02-30' },
  notAnObject: 'ES256',
};

describe('reading a trust list (permit-qr.md §3)', () => {
  it('leaves out a signer of an unknown algorithm and malformed entries, lists each with its reason, and keeps the rest in force', () => {
    const list = { version: 8, issuedAt: '2026-11-20T00:00:00Z', signers: [others.postQuantum, good, others.noKey, others.keyNotSpki, others.wrongKeyType, others.notADate, others.notAnObject] };
    const { list: inForce, leftOut } = readTrustList(list);
    expect(inForce.signers).toEqual([good]);
    expect(leftOut).toEqual([
      expect.objectContaining({ index: 0, alg: 'ML-DSA-65', issuer: 'CN-310000', reason: 'unsupported-algorithm' }),
      expect.objectContaining({ index: 2, reason: 'malformed', detail: expect.stringContaining('publicKey') }),
      expect.objectContaining({ index: 3, reason: 'malformed', detail: expect.stringContaining('does not parse') }),
      expect.objectContaining({ index: 4, reason: 'malformed', detail: 'a rsa key cannot verify EdDSA' }),
      expect.objectContaining({ index: 5, reason: 'malformed', detail: expect.stringContaining('validTo') }),
      expect.objectContaining({ index: 6, kid: null, alg: null, reason: 'malformed' }),
    ]);
    // The verdicts rest on the signers in force.
    const trust = prepareTrust(inForce, null);
    expect(verifyPermitQr(signPermitQr(sample, ec.privateKey), { trust, now: NOW }).verdict).toBe('VALID');
  });

  it('takes a list whose entries carry fields it does not know', () => {
    const { list, leftOut } = readTrustList({ version: 1, issuedAt: '2026-11-20T00:00:00+08:00', note: 'new field', signers: [{ ...good, certificate: 'MIIB…' }] });
    expect(list.signers).toHaveLength(1);
    expect(leftOut).toEqual([]);
  });

  it('refuses a list with no usable signer at all, or one that is not a list, saying why', () => {
    expect(() => readTrustList({ version: 1, issuedAt: '2026-11-20T00:00:00Z', signers: [others.postQuantum] })).toThrow(/none of its 1 signers can be used/);
    expect(() => readTrustList({ version: 1, issuedAt: '2026-11-20T00:00:00Z', signers: [] })).toThrow(TrustListError);
    expect(() => readTrustList({ version: 'x', issuedAt: '2026-11-20T00:00:00Z', signers: [good] })).toThrow(/version/);
    expect(() => readTrustList({ version: 1, signers: [good] })).toThrow(/issuedAt/);
    expect(() => readTrustList([good])).toThrow(TrustListError);
  });
});
