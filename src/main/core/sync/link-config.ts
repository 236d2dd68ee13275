import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { getSettings, workstationOf } from '../settings/settings';
import { upstreamToken } from '../upstream-link/token';
import { readCaCertificates, upstreamAddressProblem } from '../upstream-link/upstream-tls';
import type { SecretPort } from '../secrets/secret-port';
import type { UpstreamConfig } from './upstream-client';

/**
 * How to reach the authority as the settings say: null with no address or token, or with an address
 * that would send the token in clear beyond this computer.
 */
export function linkConfig(db: Database, secrets: SecretPort | null, systemCa?: string[]): UpstreamConfig | null {
  const s = getSettings(db);
  const token = upstreamToken(db, secrets);
  if (!s.upstreamUrl || !token || upstreamAddressProblem(s.upstreamUrl)) return null;
  return {
    url: s.upstreamUrl,
    token,
    workstation: workstationOf(s),
    timeoutMs: s.upstreamTimeoutSeconds * 1000,
    // The office's CA when one is set (its own PKI), else the system's roots.
    tls: { ca: s.upstreamCaCertificates ? officeCa(s.upstreamCaCertificates) : systemCa, pins: s.upstreamPins },
  };
}

/** The office's CA as stored (checked when set); one that no longer reads trusts nothing, rather than anything. */
function officeCa(pem: string): string[] {
  try {
    return readCaCertificates(pem);
  } catch {
    return [];
  }
}

/** Where the window's link points: the address and a digest of the token (the token itself is never stored twice). */
export const LINK = 'sync.link';
export const linkOf = (url: string, token: string) => `${url}\n${createHash('sha256').update(token).digest('hex')}`;
