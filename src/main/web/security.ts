import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const COOKIE_NAME = 'acw_session';

/** The page may load only itself: no inline script, no other origin, no frames. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob: mediastream:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  // The first URL carries the secret: never let it leave in a Referer.
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export function sameSecret(given: string | null | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function cookieValue(req: IncomingMessage, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

/**
 * The Host header must name this server (a page on another site that resolves its name to
 * 127.0.0.1, DNS rebinding, is refused), and an Origin, when sent, must be this server's own.
 */
export function checkOrigin(req: IncomingMessage, allowedHosts: ReadonlySet<string> | null, requireOrigin: boolean, scheme: 'http' | 'https' = 'http'): string | null {
  const host = req.headers.host ?? '';
  if (allowedHosts && !allowedHosts.has(host.toLowerCase())) return 'host';
  const origin = req.headers.origin;
  if (origin === undefined) return requireOrigin ? 'origin' : null;
  return origin === `${scheme}://${host}` ? null : 'origin';
}
