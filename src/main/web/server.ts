import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { MAX_FRAME_BYTES, type AnswerFrame, type EventFrame } from '../../shared/handlers';
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

const USED =
  '此链接已用过：请关闭应用后重新启动，使用新显示的链接。\nThis link was used already: restart the app and open the new link it prints.\n';

export const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** The request's path and query, or null for a target no URL parser takes (`//`, `http://[`…). */
export function parseUrl(target: string | undefined): URL | null {
  // Origin-form only (RFC 9112 §3.2.1): one slash, then the path; `//x/api` is not this server's /api.
  if (target !== undefined && (!target.startsWith('/') || target.startsWith('//'))) return null;
  try {
    const url = new URL(target ?? '/', 'http://host.invalid');
    decodeURIComponent(url.pathname);
    return url;
  } catch {
    return null;
  }
}

/** Ends every WebSocket and connection, then the server. */
export function closeAll(server: Server, wss: WebSocketServer): Promise<void> {
  return new Promise<void>((resolve) => {
    for (const ws of wss.clients) ws.terminate();
    wss.close();
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/**
 * An HTTP server (HTTPS with `tls`) that no request of any shape ends: whatever the handler throws ends
 * that answer only, and a request the parser cannot read gets a 400.
 */
export function guardedServer(onRequest: (req: IncomingMessage, res: ServerResponse) => void, refuse: (res: ServerResponse, why: string, status: number) => void, tls?: { cert: Buffer; key: Buffer } | null): Server {
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    try {
      onRequest(req, res);
    } catch (err) {
      log.error('request failed', { error: (err as Error)?.name ?? 'error' });
      if (!res.headersSent) refuse(res, 'internal', 500);
      else res.destroy();
    }
  };
  const server: Server = tls ? createHttpsServer({ cert: tls.cert, key: tls.key }, handler) : createServer(handler);
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });
  return server;
}

/**
 * Serves the renderer and the core's API over a WebSocket. Nothing is served without the cookie
 * that the per-launch secret buys, and no call is taken from a page of another origin.
 */
export async function startWebHost(opts: { core: Core; rendererDir: string; host?: string; port?: number }): Promise<WebHost> {
  const host = opts.host ?? '127.0.0.1';
  const secret = randomBytes(24).toString('base64url');
  const cookie = randomBytes(32).toString('base64url');
  let allowedHosts: Set<string> | null = null;

  const refuse = (res: ServerResponse, why: string, status = 403, text = REFUSED) => {
    log.warn('request refused', { why });
    res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(text);
  };

  // The launch secret buys one cookie, once: a recorded or shared URL is no key.
  let secretUsed = false;

  function onRequest(req: IncomingMessage, res: ServerResponse): void {
    const bad = checkOrigin(req, allowedHosts, false);
    if (bad) return refuse(res, bad);
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 'method', 405);
    const url = parseUrl(req.url);
    if (!url) return refuse(res, 'url', 400);
    const hasCookie = sameSecret(cookieValue(req, COOKIE_NAME), cookie);
    const given = url.searchParams.get('secret');
    if (given !== null) {
      url.searchParams.delete('secret');
      const location = url.pathname + url.search;
      // A browser that holds the cookie already (a reload of the first URL) only loses the secret from the address.
      if (hasCookie) {
        res.writeHead(303, { ...SECURITY_HEADERS, Location: location }).end();
        return;
      }
      if (secretUsed || !sameSecret(given, secret)) return refuse(res, secretUsed && sameSecret(given, secret) ? 'secret-used' : 'secret', 403, secretUsed ? USED : REFUSED);
      secretUsed = true;
      res.writeHead(303, {
        ...SECURITY_HEADERS,
        'Set-Cookie': `${COOKIE_NAME}=${cookie}; HttpOnly; SameSite=Strict; Path=/`,
        Location: location,
      });
      res.end();
      return;
    }
    if (!hasCookie) return refuse(res, 'cookie');
    serveStatic(opts.rendererDir, url.pathname, res, SECURITY_HEADERS);
  }

  const server = guardedServer(onRequest, refuse);

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  server.on('upgrade', (req: IncomingMessage, socket, head) => {
    socket.on('error', () => socket.destroy());
    try {
      const bad =
        checkOrigin(req, allowedHosts, true) ??
        (sameSecret(cookieValue(req, COOKIE_NAME), cookie) ? null : 'cookie') ??
        (parseUrl(req.url)?.pathname === '/api' ? null : 'path');
      if (bad) {
        log.warn('websocket refused', { why: bad });
        socket.end('HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n' + REFUSED);
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => serveApi(ws, opts.core, { peer: req.socket.remoteAddress }));
    } catch (err) {
      log.error('websocket upgrade failed', { error: (err as Error)?.name ?? 'error' });
      socket.destroy();
    }
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
    close: () => closeAll(server, wss),
  };
}

/** What a connection may do, beyond the clerk's defaults. */
export interface ServeOptions {
  /** Narrows the calls a connection may make (the applicant display's address takes the display's only). */
  allow?: (method: string) => boolean;
  /** The peer's network address, which a display's wrong pairing codes count against. */
  peer?: string | null;
  /** How deep a frame's JSON may nest; a deeper one is refused before it is parsed. */
  maxDepth?: number;
  /** Frames one connection may send in ten seconds; past that it is closed. */
  framesPer10s?: number;
  /** A connection that has not paired a display by then is closed (the display's address). */
  unpairedMs?: number;
}

/** How often a connection is asked whether it is still there: one that does not answer is closed. */
export const HEARTBEAT_MS = 10_000;
const WS_POLICY_VIOLATION = 1008;

/** Whether a JSON text nests no deeper than `max` (counted outside strings): checked before it is parsed. */
export function nestsWithin(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > max) return false;
    } else if (c === 93 || c === 125) depth--;
  }
  return true;
}

/**
 * One connection is one session at the window; every frame is one call, answered by its id. A frame is
 * bounded (size by the server's maxPayload, depth here) before it is parsed, a connection that floods
 * is closed, and one that stops answering pings is closed, which ends its session.
 */
export function serveApi(ws: WebSocket, core: Core, opts: ServeOptions = {}): void {
  const { allow, maxDepth = 32, framesPer10s = 2000 } = opts;
  const session = core.openSession(opts.peer ?? null);
  // Scans from the core's scanners go to signed-in, unlocked windows only: they carry personal data.
  // Each as this session's role may see it (the police get no part of the window's work).
  const unsubscribe = core.events.subscribe((e) => {
    const event = core.eventFor(session, e);
    if (!event || ws.readyState !== ws.OPEN) return;
    ws.send(JSON.stringify({ event } satisfies EventFrame));
  });
  let alive = true;
  ws.on('pong', () => (alive = true));
  const heartbeat = setInterval(() => {
    if (!alive) return ws.terminate();
    alive = false;
    ws.ping();
  }, HEARTBEAT_MS);
  const unpaired = opts.unpairedMs ? setTimeout(() => session.display || ws.close(WS_POLICY_VIOLATION, 'not paired'), opts.unpairedMs) : null;
  ws.on('close', () => {
    clearInterval(heartbeat);
    if (unpaired) clearTimeout(unpaired);
    unsubscribe();
    core.closeSession(session);
  });
  const answer = (frame: AnswerFrame) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
  };
  let windowStart = Date.now();
  let frames = 0;
  ws.on('message', (data, isBinary) => {
    if (Date.now() - windowStart > 10_000) {
      windowStart = Date.now();
      frames = 0;
    }
    if (++frames > framesPer10s) {
      log.warn('connection closed: too many frames', { frames });
      ws.close(WS_POLICY_VIOLATION, 'too many frames');
      return;
    }
    let frame: unknown;
    try {
      const text = isBinary ? null : data.toString();
      frame = text !== null && nestsWithin(text, maxDepth) ? JSON.parse(text) : undefined;
    } catch {
      frame = undefined;
    }
    const f = frame as { id?: unknown; method?: unknown; params?: unknown } | undefined;
    const id = typeof f?.id === 'number' && Number.isSafeInteger(f.id) ? f.id : null;
    if (!f || typeof f !== 'object' || id === null || typeof f.method !== 'string') {
      answer({ id, result: { ok: false, error: { code: 'invalid-request', message: `A call is a JSON object {id, method, params}, nested at most ${maxDepth} deep.` } } });
      return;
    }
    if (allow && !allow(f.method)) {
      answer({ id, result: { ok: false, error: { code: 'forbidden', message: `${f.method.slice(0, 60)} is not served at this address: it serves the applicant's display only.` } } });
      return;
    }
    void core.call(session, f.method, f.params).then((result) => {
      answer({ id, result });
      // A connection that spent its wrong pairing codes is of no more use to anyone.
      if (!result.ok && result.error.code === 'too-many-attempts') ws.close(WS_POLICY_VIOLATION, 'too many wrong codes');
    });
  });
  ws.on('error', () => ws.terminate());
}
