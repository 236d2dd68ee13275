import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEMO_ROOT_KEY, DEMO_ROOTS, newRoot, signed } from '../../../../test/support/trust-roots';
import { openSignedList, readTrustRoots, rootKid, SignedListError, signList, type SignedListRefusal } from './signed-list';
import { newSigner, trustListFor } from '../permit-qr/test-signer';

const LIST = trustListFor([newSigner().publicKey], { version: 4 });

function refusal(run: () => unknown): SignedListRefusal | 'accepted' {
  try {
    run();
    return 'accepted';
  } catch (err) {
    if (err instanceof SignedListError) return err.reason;
    throw err;
  }
}

describe('a signed list (permit-qr.md §3a)', () => {
  it('opens when the demo root signed it: the payload as signed, and the root that signed it', () => {
    const { payload, root } = openSignedList(signed(LIST), DEMO_ROOTS);
    expect(payload).toEqual(LIST);
    expect(root.kid).toBe(DEMO_ROOTS[0].kid);
    expect(root.demo).toBe(true);
  });

  it('opens an EdDSA envelope against a pinned Ed25519 root, beside an ES256 one', () => {
    const ed = newRoot('EdDSA');
    const { roots } = readTrustRoots([...DEMO_ROOTS.map((r) => ({ kid: r.kid, alg: r.alg, publicKey: r.key.export({ type: 'spki', format: 'der' }).toString('base64') })), ed.entry]);
    const envelope = signed(LIST, ed.privateKey);
    expect(envelope.alg).toBe('EdDSA');
    expect(openSignedList(envelope, roots).root.kid).toBe(ed.entry.kid);
    expect(openSignedList(signed(LIST), roots).root.kid).toBe(DEMO_ROOTS[0].kid);
  });

  it('verifies over the payload bytes as sent: other whitespace, key order or Unicode escapes are not re-serialised away', () => {
    const text = '{ "version":4,\n "signers": [], "issuedAt":"2026-11-01T00:00:00Z", "note": "\\u4e2d" }';
    expect(openSignedList(signList(text, DEMO_ROOT_KEY), DEMO_ROOTS).payload).toMatchObject({ version: 4, note: '中' });
  });

  it('tries each root that shares the kid', () => {
    const other = newRoot();
    // A root pinned under the demo root's kid but with another key: both are tried, the right one verifies.
    const { roots } = readTrustRoots([{ ...other.entry }]);
    const twin = { ...roots[0], kid: DEMO_ROOTS[0].kid };
    expect(openSignedList(signed(LIST), [twin, ...DEMO_ROOTS]).root).toBe(DEMO_ROOTS[0]);
  });

  it('refuses, each with its reason: unsigned, another root, a tampered payload, a signature of the wrong size, an algorithm it does not know, a broken envelope, no roots', () => {
    const good = signed(LIST);
    const tampered = { ...good, payload: Buffer.from(JSON.stringify({ ...LIST, signers: [] })).toString('base64') };
    const cases: [string, unknown, SignedListRefusal][] = [
      ['a bare list', LIST, 'unsigned'],
      ['another root', signed(LIST, newRoot().privateKey), 'unknown-root'],
      ['another root of the same kid', { ...signed(LIST, newRoot().privateKey), kid: good.kid }, 'bad-signature'],
      ['a tampered payload', tampered, 'bad-signature'],
      ['a DER signature', { ...good, signature: Buffer.alloc(70, 1).toString('base64') }, 'bad-signature'],
      ['ES256 said of an EdDSA envelope', { ...good, alg: 'EdDSA' }, 'unknown-root'],
      ['an algorithm this build does not know', { ...good, alg: 'ML-DSA-65' }, 'unsupported-algorithm'],
      ['no signature', { payload: good.payload, alg: 'ES256', kid: good.kid }, 'malformed-envelope'],
      ['a payload that is not base64', { ...good, payload: '%%%' }, 'malformed-envelope'],
      ['a signed payload that is not JSON', signList('version: 4', DEMO_ROOT_KEY), 'bad-payload'],
    ];
    for (const [name, envelope, reason] of cases) expect([name, refusal(() => openSignedList(envelope, DEMO_ROOTS))]).toEqual([name, reason]);
    expect(refusal(() => openSignedList(good, []))).toBe('no-roots');
  });
});

describe('the installation pinned roots', () => {
  it('leaves out, and names, an entry it cannot use; keeps the rest', () => {
    const ok = newRoot();
    const ed = newRoot('EdDSA');
    const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' }).publicKey;
    const { roots, leftOut } = readTrustRoots([
      { kid: 'AAAAAAAAAAA=', alg: 'ML-DSA-65', publicKey: Buffer.alloc(1952, 1).toString('base64') },
      ok.entry,
      { ...ok.entry, kid: ed.entry.kid },
      { ...ed.entry, alg: 'ES256' },
      { kid: rootKid(p384), alg: 'ES256', publicKey: p384.export({ type: 'spki', format: 'der' }).toString('base64') },
      { ...ok.entry, publicKey: Buffer.from('no key').toString('base64') },
      'ES256',
      ed.entry,
    ]);
    expect(roots.map((r) => r.kid)).toEqual([ok.entry.kid, ed.entry.kid]);
    expect(leftOut.map((l) => l.index)).toEqual([0, 2, 3, 4, 5, 6]);
    expect(leftOut[0].detail).toContain('ML-DSA-65');
    expect(leftOut[1].detail).toContain('kid');
  });

  it('a file with no root it can use, or not an array, is said to be so', () => {
    expect(refusal(() => readTrustRoots([]))).toBe('no-roots');
    expect(refusal(() => readTrustRoots({ kid: 'x' }))).toBe('no-roots');
    expect(() => readTrustRoots([{ kid: 'AAAAAAAAAAA=', alg: 'RS256', publicKey: 'AAAA' }])).toThrow(/none of the 1 trust roots/);
  });

  it('the shipped file pins the demo root, and the demo key is its private half', () => {
    expect(DEMO_ROOTS).toHaveLength(1);
    expect(DEMO_ROOTS[0]).toMatchObject({ alg: 'ES256', demo: true });
    expect(openSignedList(signList('{"version":1}', DEMO_ROOT_KEY), DEMO_ROOTS).root.kid).toBe(DEMO_ROOTS[0].kid);
  });
});
