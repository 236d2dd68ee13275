/**
 * The demo trust root as the tests use it (permit-qr.md §3a): the roots the demo installation pins,
 * its private key to sign lists with, and other roots, of either algorithm, that no installation pins.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readTrustRoots, rootKid, signList, type SignedListEnvelope } from '../../src/main/core/trust/signed-list';

const RESOURCES = join(import.meta.dirname, '..', '..', 'resources');

/** The roots resources/trust-roots.json pins: the demo root. */
export const DEMO_ROOTS = readTrustRoots(JSON.parse(readFileSync(join(RESOURCES, 'trust-roots.json'), 'utf8'))).roots;
export const DEMO_ROOT_KEY_FILE = join(RESOURCES, 'demo', 'trust-root.key.pem');
export const DEMO_ROOT_KEY = createPrivateKey(readFileSync(DEMO_ROOT_KEY_FILE, 'utf8'));

/** A list's envelope, signed by the demo root unless another key is given. */
export function signed(list: unknown, key: KeyObject = DEMO_ROOT_KEY): SignedListEnvelope {
  return signList(JSON.stringify(list), key);
}

/** A root of its own: its private key, and the entry a trust-roots file would pin it by. */
export function newRoot(type: 'ES256' | 'EdDSA' = 'ES256'): { privateKey: KeyObject; entry: { kid: string; alg: string; publicKey: string } } {
  const { privateKey } = type === 'ES256' ? generateKeyPairSync('ec', { namedCurve: 'P-256' }) : generateKeyPairSync('ed25519');
  const pub = createPublicKey(privateKey);
  return { privateKey, entry: { kid: rootKid(pub), alg: type, publicKey: pub.export({ type: 'spki', format: 'der' }).toString('base64') } };
}
