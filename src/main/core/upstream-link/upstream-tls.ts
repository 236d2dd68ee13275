import { createHash, X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import { checkServerIdentity, type PeerCertificate } from 'node:tls';

/**
 * How the window reaches the authority: over HTTPS, with the server's certificate checked against the
 * system's roots or the office's own CA, and optionally pinned. Plain HTTP is allowed only to this
 * computer (a reference server or a test), since the bearer token and the lists travel in it.
 */

/** 127.0.0.0/8, ::1 and localhost: the only hosts plain http:// may name. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) return h === '::1' || h === '0:0:0:0:0:0:0:1' || /^::ffff:127\./.test(h);
  return false;
}

export type AddressProblem = 'invalid' | 'not-https';

/** Why an upstream address may not be used, or null when it may. */
export function upstreamAddressProblem(url: string): AddressProblem | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return 'invalid';
  }
  if (u.username || u.password || u.hash) return 'invalid';
  if (u.protocol === 'https:') return null;
  if (u.protocol === 'http:') return isLoopbackHost(u.hostname) ? null : 'not-https';
  return 'invalid';
}

/** A pin as written in the settings: base64 of SHA-256 over a certificate's SubjectPublicKeyInfo. */
export const PIN_PATTERN = /^[A-Za-z0-9+/]{43}=$/;

export function spkiPinOf(cert: X509Certificate): string {
  return createHash('sha256').update(cert.publicKey.export({ type: 'spki', format: 'der' })).digest('base64');
}

/** The PEM certificate blocks of a text (a CA file, a system bundle), as they are written. */
export function pemCertificates(text: string): string[] {
  return text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
}

/**
 * The certificates of a PEM text (an office's CA file), each parsed; throws with the reason for a
 * text that holds none or one that does not parse.
 */
export function readCaCertificates(pem: string): string[] {
  const blocks = pemCertificates(pem);
  if (blocks.length === 0) throw new Error('no PEM certificate (-----BEGIN CERTIFICATE-----) in it');
  blocks.forEach((b, i) => {
    let cert: X509Certificate;
    try {
      cert = new X509Certificate(b);
    } catch {
      throw new Error(`certificate ${i + 1} does not parse`);
    }
    if (!cert.ca) throw new Error(`certificate ${i + 1} (${cert.subject.replace(/\n/g, ', ')}) is not a CA certificate`);
  });
  return blocks;
}

/** The error a pin mismatch ends in: its code says so to the sync's problem. */
export class PinMismatchError extends Error {
  readonly code = 'ERR_UPSTREAM_PIN_MISMATCH';
}

/**
 * The host name check Node does, then the pins: with pins set, some certificate of the chain the
 * server presented (its own, an intermediate or the CA) must have a pinned key, as HPKP did.
 */
export function identityCheck(pins: readonly string[]) {
  return (host: string, cert: PeerCertificate): Error | undefined => {
    const err = checkServerIdentity(host, cert);
    if (err || pins.length === 0) return err;
    const seen = new Set<string>();
    for (let c = cert as PeerCertificate & { issuerCertificate?: PeerCertificate }; c && !seen.has(c.fingerprint256); c = c.issuerCertificate as typeof c) {
      seen.add(c.fingerprint256);
      // `pubkey` is the bare key for EC certificates, so the SPKI is read from the certificate itself.
      if (c.raw && pins.includes(spkiPinOf(new X509Certificate(c.raw)))) return undefined;
    }
    return new PinMismatchError(`the server's certificate chain holds none of the ${pins.length} pinned keys`);
  };
}
