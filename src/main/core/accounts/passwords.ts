import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scryptAsync = promisify(scrypt) as (pw: string, salt: Buffer, len: number, opts: object) => Promise<Buffer>;

// N=2^15, r=8: about 32 MiB and tens of milliseconds per check, as OWASP advises for scrypt.
const PARAMS = { N: 32768, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

/** `scrypt$N$r$p$salt$hash`, so the parameters can be raised later without breaking old hashes. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(password, salt, 32, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64'), hash.toString('base64')].join('$');
}

/**
 * Checks a password against a stored hash. A hash row that is corrupt, or whose parameters are out of
 * bounds (which could make scrypt run for minutes or refuse), never matches.
 */
export async function checkPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  const N = Number(n);
  const R = Number(r);
  const P = Number(p);
  const sane =
    scheme === 'scrypt' && !!salt && !!hash &&
    Number.isInteger(Math.log2(N)) && N >= 2 ** 10 && N <= 2 ** 17 &&
    Number.isInteger(R) && R >= 1 && R <= 16 &&
    Number.isInteger(P) && P >= 1 && P <= 4;
  if (!sane) return false;
  const expected = Buffer.from(hash, 'base64');
  if (expected.length < 16) return false;
  const actual = await scryptAsync(password, Buffer.from(salt, 'base64'), expected.length, { N, r: R, p: P, maxmem: 256 * 1024 * 1024 });
  return timingSafeEqual(actual, expected);
}
