import { z } from 'zod';
import type { PermitFields } from '../../../shared/permit-qr';
import { isValidUscc } from '../cases/uscc';
import { isCalendarDate } from '../dates/calendar';

/** CWT claim keys (RFC 8392) and the private key of the permit (permit-qr.md §2). */
export const CLAIM = { iss: 1, exp: 4, iat: 6, wp: -270 } as const;

export interface PermitClaims {
  iss: string;
  iat: number;
  exp: number;
  wp: PermitFields;
}

export class ClaimsError extends Error {
  constructor(
    readonly verdict: 'MALFORMED' | 'UNSUPPORTED',
    message: string,
  ) {
    super(message);
  }
}

const isoDate = z.string().refine(isCalendarDate, 'not a date YYYY-MM-DD');
const text = z.string().min(1);
const uint = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

const permitSchema = z.object({
  v: uint,
  nn: text,
  pn: z.string().regex(/^\d{18}$/, 'not 18 digits'),
  cat: z.enum(['A', 'B', 'C']),
  nm: text,
  nmz: text.optional(),
  nat: z.string().regex(/^[A-Z]{3}$/, 'not ISO 3166-1 alpha-3'),
  dob: isoDate,
  sex: z.enum(['M', 'F', 'X']),
  ppn: text,
  emp: text,
  uscc: z.string().refine(isValidUscc, 'not a unified social credit code with a valid check character'),
  pos: text,
  loc: z.string().regex(/^\d{6}$/, 'not a six-digit region code'),
  vf: isoDate,
  vt: isoDate,
  ssn: text.optional(),
});

const KNOWN_WP_KEYS = Object.keys(permitSchema.shape);

/** Known keys are checked for type; unknown keys, and keys that are not text, are ignored. */
function wpObject(wp: Map<unknown, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of KNOWN_WP_KEYS) if (wp.has(k)) out[k] = wp.get(k);
  return out;
}

function asNumber(v: unknown): unknown {
  return typeof v === 'bigint' ? Number(v) : v;
}

/** Validates the decoded CWT claims of a permit QR; throws ClaimsError naming what is wrong. */
export function parseClaims(claims: unknown): PermitClaims {
  if (!(claims instanceof Map)) throw new ClaimsError('MALFORMED', 'the payload is not a CBOR map');
  const iss = claims.get(CLAIM.iss);
  const iat = asNumber(claims.get(CLAIM.iat));
  const exp = asNumber(claims.get(CLAIM.exp));
  const rawWp = claims.get(CLAIM.wp);
  // Decoded CBOR gives a Map; a permit built in code (make-qr) may be a plain object.
  const wp = rawWp !== null && typeof rawWp === 'object' && Object.getPrototypeOf(rawWp) === Object.prototype ? new Map(Object.entries(rawWp)) : rawWp;
  if (typeof iss !== 'string' || !iss) throw new ClaimsError('MALFORMED', 'iss (1) is missing or not text');
  if (!uint.safeParse(iat).success) throw new ClaimsError('MALFORMED', 'iat (6) is missing or not an unsigned integer');
  if (!uint.safeParse(exp).success) throw new ClaimsError('MALFORMED', 'exp (4) is missing or not an unsigned integer');
  if (!(wp instanceof Map)) throw new ClaimsError('MALFORMED', 'wp (-270) is missing or not a map');
  const v = wp.get('v');
  if (typeof v === 'number' && Number.isInteger(v) && v !== 1) throw new ClaimsError('UNSUPPORTED', `permit schema version ${v}`);
  const parsed = permitSchema.safeParse(wpObject(wp));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ClaimsError('MALFORMED', `wp.${issue.path.join('.')}: ${issue.message}`);
  }
  return { iss, iat: iat as number, exp: exp as number, wp: parsed.data as PermitFields };
}
