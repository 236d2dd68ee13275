import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { PermitFields } from '../../../shared/permit-qr';
import { algorithmFor, kidOf } from './sign';
import { prepareTrust, type RevocationList, type Trust, type TrustList } from '../trust/trust-list';

/** A permit as the tests sign it: valid through 2027, issued 2026-01-10. */
export const SAMPLE_PERMIT: PermitFields = {
  v: 1,
  nn: 'WPN110108202600001',
  pn: '110108202600001000',
  cat: 'B',
  nm: 'SMITH,JOHN PAUL',
  nat: 'GBR',
  dob: '1990-04-12',
  sex: 'M',
  ppn: 'G00000007',
  emp: '北京云帆科技有限公司',
  uscc: '91110108MA01TPQX65',
  pos: 'Software Engineer',
  loc: '110108',
  vf: '2026-01-06',
  vt: '2027-01-05',
};

export const IAT = Date.parse('2026-01-10T02:00:00Z') / 1000;
export const EXP = Date.parse('2027-01-05T15:59:59Z') / 1000;

export function newSigner(type: 'ec' | 'ed25519' | 'rsa' = 'ec'): { privateKey: KeyObject; publicKey: KeyObject } {
  if (type === 'ec') return generateKeyPairSync('ec', { namedCurve: 'P-256' });
  if (type === 'rsa') return generateKeyPairSync('rsa', { modulusLength: 2048 });
  return generateKeyPairSync('ed25519');
}

export function trustListFor(
  keys: KeyObject[],
  opts: { validFrom?: string; validTo?: string; version?: number; issuedAt?: string } = {},
): TrustList {
  return {
    version: opts.version ?? 3,
    issuedAt: opts.issuedAt ?? '2026-11-01T00:00:00Z',
    signers: keys.map((k) => ({
      kid: kidOf(k).toString('base64'),
      alg: algorithmFor(k),
      issuer: 'CN-110000',
      publicKey: k.export({ type: 'spki', format: 'der' }).toString('base64'),
      validFrom: opts.validFrom ?? '2025-01-01',
      validTo: opts.validTo ?? '2030-12-31',
    })),
  };
}

export function trustFor(keys: KeyObject[], revoked: RevocationList | null = null, opts = {}): Trust {
  return prepareTrust(trustListFor(keys, opts), revoked);
}
