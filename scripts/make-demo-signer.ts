/**
 * Makes the demo permit signer (an ES256 key) and its trust list in resources/demo. Run once; the
 * result is committed so that every install verifies the same demo QR codes offline. The key is a
 * demo key and signs nothing real.
 *   npx tsx scripts/make-demo-signer.ts
 */
import { createHash, generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = join(import.meta.dirname, '..', 'resources', 'demo');
const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const spki = publicKey.export({ type: 'spki', format: 'der' });
const kid = createHash('sha256').update(spki).digest().subarray(0, 8);

writeFileSync(join(dir, 'permit-signer.key.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
const trustList = {
  version: 1,
  issuedAt: '2026-11-01T00:00:00Z',
  signers: [
    {
      kid: kid.toString('base64'),
      alg: 'ES256',
      issuer: 'CN-110000',
      publicKey: spki.toString('base64'),
      validFrom: '2025-01-01',
      validTo: '2030-12-31',
    },
  ],
};
writeFileSync(join(dir, 'trust-list.json'), `${JSON.stringify(trustList, null, 2)}\n`);
console.log(`demo signer kid ${kid.toString('hex')}`);
