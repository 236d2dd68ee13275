import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { AnswerFrame, EventFrame } from '../../shared/handlers';
import type { Core } from '../core/api/core';
import { createLogger } from '../core/log/logger';
import { COOKIE_NAME, SECURITY_HEADERS, checkOrigin, cookieValue, sameSecret } from './security';
import { serveStatic } from './static-files';

const log = createLogger('web-host');

const REFUSED =
  '拒绝访问：请用应用启动时显示的链接打开。\nRefused: open the app with the link it printed when it started.\n';

export interface WebHost {
  url: string;
  /** The URL to open once: it carries the per-launch secret. */
  launchUrl: string;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/**
 * Serves the renderer and the core's API over a WebSocket. Nothing is served without the cookie
 * that the per-launch secret buys, and no call is taken from a page of another origin.
 */
export async function startWebHost(opts: { core: Core; rendererDir: string; host?: string; port?: number }): Promise<WebHost> {
  const host = opts.host ?? '127.0.0.1';
  const secret = randomBytes(24).toString('base64url');
  const cookie = randomBytes(32).toString('base64url');
  let allowedHosts: Set<string> | null = null;

  const refuse = (res: ServerResponse, why: string, status = 403) => {
    log.warn('request refused', { why });
    res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(REFUSED);
  };

  const server: Server = createServer((req, res) => {
    const bad = checkOrigin(req, allowedHosts, false);
    if (bad) return refuse(res, bad);
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 'method', 405);
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://x');
      decodeURIComponent(url.pathname);
    } catch {
      return refuse(res, 'url', 400);
    }
    const given = url.searchParams.get('secret');
    if (given !== null) {
      if (!sameSecret(given, secret)) return refuse(res, 'secret');
      url.searchParams.delete('secret');
      res.writeHead(303, {
        ...SECURITY_HEADERS,
        'Set-Cookie': `${COOKIE_NAME}=${cookie}; HttpOnly; SameSite=Strict; Path=/`,
        Location: url.pathname + url.search,
      });
      return res.end();
    }
    if (!sameSecret(cookieValue(req, COOKIE_NAME), cookie)) return refuse(res, 'cookie');
    serveStatic(opts.rendererDir, url.pathname, res, SECURITY_HEADERS);
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  server.on('upgrade', (req: IncomingMessage, socket, head) => {
    const bad =
      checkOrigin(req, allowedHosts, true) ??
      (sameSecret(cookieValue(req, COOKIE_NAME), cookie) ? null : 'cookie') ??
      (new URL(req.url ?? '/', 'http://x').pathname === '/api' ? null : 'path');
    if (bad) {
      log.warn('websocket refused', { why: bad });
      socket.end('HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n' + REFUSED);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveApi(ws, opts.core));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  if (LOOPBACK.has(host)) allowedHosts = new Set([`${shownHost}:${port}`, `localhost:${port}`]);
  const url = `http://${shownHost}:${port}/`;
  return {
    url,
    launchUrl: `${url}?secret=${secret}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const ws of wss.clients) ws.terminate();
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** One connection is one session at the window; every frame is one call, answered by its id. */
function serveApi(ws: WebSocket, core: Core): void {
  const session = core.openSession();
  // Scans from the core's scanners go to signed-in, unlocked windows only: they carry personal data.
  const unsubscribe = core.events.subscribe((event) => {
    if (event.type === 'settings.changed' || !core.receivesEvents(session) || ws.readyState !== ws.OPEN) return;
    ws.send(JSON.stringify({ event } satisfies EventFrame));
  });
  ws.on('close', unsubscribe);
  const answer = (frame: AnswerFrame) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
  };
  ws.on('message', (data, isBinary) => {
    let frame: unknown;
    try {
      frame = isBinary ? undefined : JSON.parse(data.toString());
    } catch {
      frame = undefined;
    }
    const f = frame as { id?: unknown; method?: unknown; params?: unknown } | undefined;
    const id = typeof f?.id === 'number' && Number.isSafeInteger(f.id) ? f.id : null;
    if (!f || typeof f !== 'object' || id === null || typeof f.method !== 'string') {
      answer({ id, result: { ok: false, error: { code: 'invalid-request', message: 'A call is a JSON object {id, method, params}.' } } });
      return;
    }
    void core.call(session, f.method, f.params).then((result) => answer({ id, result }));
  });
  ws.on('error', () => ws.terminate());
}
