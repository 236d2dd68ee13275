import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * The chain's head, written apart from the store (the host's head file) after each call that moved
 * it, and authenticated with the audit key: whoever cuts the chain or rewrites it must also forge this,
 * which needs the key the store does not hold.
 */
export interface AuditHeadPort {
  read(): string | null;
  write(text: string): void;
  /** Where it is, for the diagnostics. */
  readonly where: string;
}

export interface SealedHead {
  seq: number;
  hash: string;
  at: string;
}

const headSchema = z.strictObject({ seq: z.number().int().min(1), hash: z.string().regex(/^[0-9a-f]{64}$/), at: z.string().max(40), mac: z.string().regex(/^[0-9a-f]{64}$/) });

const macOf = (key: Buffer, h: SealedHead) => createHmac('sha256', key).update(JSON.stringify(['audit-head', h.seq, h.hash, h.at])).digest('hex');

export function sealHead(key: Buffer, head: SealedHead): string {
  return `${JSON.stringify({ ...head, mac: macOf(key, head) })}\n`;
}

/** The head as sealed, or 'forged' for a file that is not one this key sealed. */
export function openSealedHead(key: Buffer, text: string): SealedHead | 'forged' {
  let parsed;
  try {
    parsed = headSchema.safeParse(JSON.parse(text));
  } catch {
    return 'forged';
  }
  if (!parsed.success) return 'forged';
  const { mac, ...head } = parsed.data;
  return timingSafeEqual(Buffer.from(mac), Buffer.from(macOf(key, head))) ? head : 'forged';
}
