import type { IncomingMessage } from 'node:http';
import type { z } from 'zod';

/** What a route answers: a status, a JSON body (or `{raw}`, a body already serialised) and headers. */
export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export const json = (status: number, body: unknown, headers: Record<string, string> = {}): Reply => ({ status, body, headers });
const MAX_BODY = 1 << 20;

export interface UpstreamStats {
  requests: Record<string, number>;
  verificationsCreated: number;
  verificationsReplayed: number;
  decisionEventsCreated: number;
  decisionEventsReplayed: number;
  documentEventsCreated: number;
  documentEventsReplayed: number;
  evaluationsCreated: number;
  evaluationsReplayed: number;
  followUpsCreated: number;
  followUpsReplayed: number;
  registerDaysCreated: number;
  registerDaysReplayed: number;
  evidenceCreated: number;
  evidenceReplayed: number;
  numberBlocks: { office: string; year: number; from: number; to: number; type: string }[];
  faultsInjected: number;
}

/** A request's body, refused past `max` bytes (1 MiB; an image of an original up to 4 MiB is base64 in JSON). */
export function readBody(req: IncomingMessage, max = MAX_BODY): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) {
        reject(new Error('too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export const errorsOf = (e: z.ZodError) => e.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`);

/** A request's body as JSON, or undefined when it is not JSON (the schema then refuses it). */
export function parseBody(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

export function newStats(): UpstreamStats {
  return { requests: {}, verificationsCreated: 0, verificationsReplayed: 0, decisionEventsCreated: 0, decisionEventsReplayed: 0, documentEventsCreated: 0, documentEventsReplayed: 0, evaluationsCreated: 0, evaluationsReplayed: 0, followUpsCreated: 0, followUpsReplayed: 0, registerDaysCreated: 0, registerDaysReplayed: 0, evidenceCreated: 0, evidenceReplayed: 0, numberBlocks: [], faultsInjected: 0 };
}
