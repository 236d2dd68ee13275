import { inflateSync } from 'node:zlib';
import type { DecodeStage, PermitCheck } from '../../../shared/permit-qr';
import { base45Decode } from './base45';
import { ClaimsError, parseClaims, type PermitClaims } from './claims';
import { ALGORITHMS } from '../trust/algorithms';
import { CoseError, decodeCbor, parseCoseSign1, verifyCoseSignature, type CoseSign1 } from './cose';
import { findReference } from './reference';
import { trustListAge, type Trust } from '../trust/trust-list';

/** Bounds of permit-qr.md §1: the QR text and the inflated COSE. */
export const MAX_TEXT_CHARS = 4296;
export const MAX_INFLATED_BYTES = 16 * 1024;
const CLOCK_SKEW_MS = 5 * 60_000;
const BEIJING = '+08:00';

export type Decoded = { ok: true; cose: CoseSign1; payload: unknown } | { ok: false; verdict: 'MALFORMED' | 'UNSUPPORTED'; stage: DecodeStage; detail: string };

const fail = (verdict: 'MALFORMED' | 'UNSUPPORTED', stage: DecodeStage, detail: string): Decoded => ({ ok: false, verdict, stage, detail });

/** zlib (RFC 1950) inflation that stops at the spec's bound instead of filling memory. */
export function inflateBounded(bytes: Uint8Array): Uint8Array {
  return inflateSync(bytes, { maxOutputLength: MAX_INFLATED_BYTES });
}

/**
 * The decoding stages shared with HC1 (unprefix, base45, zlib, COSE_Sign1, CBOR payload), each
 * bounded. `text` is already trimmed and starts with `prefix`.
 */
export function decodeSignedText(text: string, prefix: string): Decoded {
  if (!text.startsWith(prefix)) return fail('MALFORMED', 'prefix', `does not start with ${prefix}`);
  if (text.length > MAX_TEXT_CHARS) return fail('MALFORMED', 'prefix', `longer than ${MAX_TEXT_CHARS} characters`);
  let compressed: Uint8Array;
  try {
    compressed = base45Decode(text.slice(prefix.length));
  } catch (err) {
    return fail('MALFORMED', 'base45', (err as Error).message);
  }
  let coseBytes: Uint8Array;
  try {
    coseBytes = inflateBounded(compressed);
  } catch (err) {
    const tooBig = (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
    return fail('MALFORMED', 'zlib', tooBig ? `inflates to more than ${MAX_INFLATED_BYTES} bytes` : 'not zlib data');
  }
  try {
    const cose = parseCoseSign1(coseBytes);
    if (cose.alg === null) return fail('MALFORMED', 'cose', 'no alg in the headers');
    if (!(cose.alg in ALGORITHMS)) return fail('UNSUPPORTED', 'cose', `algorithm ${cose.alg}`);
    if (cose.kid === null) return fail('MALFORMED', 'cose', 'no kid in the headers');
    return { ok: true, cose, payload: decodeCbor(cose.payload) };
  } catch (err) {
    if (err instanceof CoseError) return fail('MALFORMED', err.stage, err.message);
    throw err;
  }
}

/** The signature stage: UNKNOWN_SIGNER when no signer with this kid is valid at `at`, else whether one verifies. */
export function checkSigner(cose: CoseSign1, trust: Trust | null, at: number): 'UNKNOWN_SIGNER' | 'SIGNATURE_INVALID' | 'VERIFIED' {
  const kid = Buffer.from(cose.kid!).toString('base64');
  const candidates = (trust?.byKid.get(kid) ?? []).filter((s) => s.from <= at && at <= s.to);
  if (candidates.length === 0) return 'UNKNOWN_SIGNER';
  const alg = ALGORITHMS[cose.alg as keyof typeof ALGORITHMS];
  return candidates.some((s) => s.alg === alg && verifyCoseSignature(cose, alg, s.key)) ? 'VERIFIED' : 'SIGNATURE_INVALID';
}

export interface VerifyOptions {
  trust: Trust | null;
  /** The trusted clock. */
  now: Date;
  /** A trust list older than this many days makes the verdict say so. */
  staleAfterDays?: number;
}

function claimsView(c: PermitClaims): Pick<PermitCheck, 'issuer' | 'issuedAt' | 'expiresAt' | 'permit'> {
  const iso = (s: number) => (s * 1000 <= 8.64e15 ? new Date(s * 1000).toISOString() : 'out of range');
  return { permit: c.wp, issuer: c.iss, issuedAt: iso(c.iat), expiresAt: iso(c.exp) };
}

/**
 * Verifies a scanned text exactly as permit-qr.md §4 orders it: decode, signer, signature,
 * revocation, dates; the first failure wins. Never throws; every input ends in one verdict.
 */
export function verifyPermitQr(input: unknown, opts: VerifyOptions): PermitCheck {
  try {
    return verifyText(typeof input === 'string' ? input.trim() : '', opts);
  } catch (err) {
    // A bug must still end in a verdict at the counter, never in a crash.
    return { verdict: 'MALFORMED', stage: 'cose', detail: `unexpected: ${(err as Error)?.name ?? 'error'}` };
  }
}

function verifyText(text: string, opts: VerifyOptions): PermitCheck {
  const trustInfo = opts.trust
    ? {
        trustListVersion: opts.trust.version,
        ...(opts.staleAfterDays !== undefined && trustListAge(opts.trust.issuedAt, opts.now, opts.staleAfterDays).stale
          ? { trustListStale: true }
          : {}),
      }
    : {};
  const version = /^WPN(\d+):/.exec(text);
  if (!version) {
    const ref = findReference(text);
    if (ref) return { verdict: 'REFERENCE', ...ref };
    // A notice number may itself begin "WPN1…", so only "WPN1" followed by something else than a
    // digit is a damaged prefix ("WPN1 …", "wpn1:…", "WPN1NCF…").
    if (/^WPN1(?!\d)/i.test(text)) return { verdict: 'MALFORMED', stage: 'prefix', detail: 'the prefix is not exactly "WPN1:"' };
    return { verdict: 'NOT_A_PERMIT' };
  }
  if (version[1] !== '1') return { verdict: 'UNSUPPORTED', stage: 'prefix', detail: `WPN version ${version[1]}` };

  const decoded = decodeSignedText(text, 'WPN1:');
  if (!decoded.ok) return { verdict: decoded.verdict, stage: decoded.stage, detail: decoded.detail, ...trustInfo };
  let claims: PermitClaims;
  try {
    claims = parseClaims(decoded.payload);
  } catch (err) {
    if (err instanceof ClaimsError) return { verdict: err.verdict, stage: 'claims', detail: err.message, ...trustInfo };
    throw err;
  }

  const signer = checkSigner(decoded.cose, opts.trust, claims.iat * 1000);
  if (signer !== 'VERIFIED') return { verdict: signer, ...trustInfo };

  const view = { ...claimsView(claims), ...trustInfo };
  if (opts.trust?.revoked.has(claims.wp.pn)) return { verdict: 'REVOKED', ...view };

  const now = opts.now.getTime();
  const validFrom = Date.parse(`${claims.wp.vf}T00:00:00${BEIJING}`);
  const validToEnd = Date.parse(`${claims.wp.vt}T23:59:59.999${BEIJING}`);
  if (claims.iat * 1000 > now + CLOCK_SKEW_MS) return { verdict: 'NOT_YET_VALID', detail: 'issued in the future', ...view };
  if (validFrom > now) return { verdict: 'NOT_YET_VALID', detail: 'the permit starts later', ...view };
  if (claims.exp * 1000 < now) return { verdict: 'EXPIRED', detail: 'the QR has expired', ...view };
  if (validToEnd < now) return { verdict: 'EXPIRED', detail: 'the permit has ended', ...view };
  return { verdict: 'VALID', ...view };
}
