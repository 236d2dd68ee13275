/**
 * Serves the upstream exchanges written from the spec (test/data/upstream): each answers the first
 * request that matches it, once, in order. Written apart from the app: it imports nothing of src/,
 * knows nothing of the app's schemas, and answers only what the file says.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

interface Exchange {
  method: string;
  path: string;
  /** Query parameters the request must carry: a value, `"*"` for any, `null` for absent. */
  query?: Record<string, string | null>;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** A body sent as it is (malformed JSON), instead of `body`. */
  raw?: string;
  /** The connection is cut after the raw body (its content-length promises more). */
  cut?: boolean;
}

export interface Received {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingMessage['headers'];
  body: unknown;
  /** The exchange that answered it, by its index in the file; null when none matched. */
  answeredBy: number | null;
}

const DATA = join(import.meta.dirname, '..', 'data', 'upstream');

export async function replayUpstream(file: string): Promise<{ url: string; received: Received[]; unused(): number[]; close(): Promise<void> }> {
  const exchanges = (JSON.parse(readFileSync(join(DATA, file), 'utf8')) as { exchanges: Exchange[] }).exchanges;
  const used = new Set<number>();
  const received: Received[] = [];
  const matches = (x: Exchange, method: string, path: string, query: URLSearchParams) =>
    x.method === method &&
    x.path === path &&
    Object.entries(x.query ?? {}).every(([k, v]) => (v === null ? !query.has(k) : v === '*' ? query.has(k) : query.get(k) === v));

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://replay');
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : null;
      } catch {
        // Kept as text: the test sees what the client sent.
      }
      const index = exchanges.findIndex((x, i) => !used.has(i) && matches(x, req.method ?? '', url.pathname, url.searchParams));
      received.push({ method: req.method ?? '', path: url.pathname, query: Object.fromEntries(url.searchParams), headers: req.headers, body, answeredBy: index < 0 ? null : index });
      if (index < 0) {
        res.writeHead(599, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'no exchange in the file matches this request' }));
        return;
      }
      used.add(index);
      const x = exchanges[index];
      // "*" in an answer's body stands for the id the request carried (the server echoes the record's id).
      const answer = x.raw ?? JSON.stringify(x.body ?? null).replaceAll('"*"', JSON.stringify((body as { id?: string } | null)?.id ?? null));
      res.writeHead(x.status, { 'content-type': 'application/json', ...x.headers });
      if (x.cut) {
        res.write(answer);
        res.socket?.destroy();
        return;
      }
      res.end(answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    unused: () => exchanges.map((_, i) => i).filter((i) => !used.has(i)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
