import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname, networkInterfaces } from 'node:os';
import { WebSocketServer } from 'ws';
import type { Core } from '../core/api/core';
import { createLogger } from '../core/log/logger';
import type { DisplayOptions } from '../host/display-options';
import { SECURITY_HEADERS, checkOrigin } from './security';
import { LOOPBACK, closeAll, guardedServer, parseUrl, serveApi } from './server';
import { serveStatic } from './static-files';

const log = createLogger('display-host');

/** The calls a tablet may make: pair with the clerk's code, read its visit, give the evaluation. Nothing else. */
export const DISPLAY_CALLS: ReadonlySet<string> = new Set(['applicant.join', 'applicant.view', 'applicant.evaluate']);

/** A window has one or two screens for the applicant; more connections than this are someone trying codes. */
export const MAX_DISPLAY_CONNECTIONS = 8;
/** A display's frames are small (a code, a view, a grade with a few reasons): anything larger is refused unread. */
export const DISPLAY_FRAME_BYTES = 16 * 1024;
/** A connection that has not paired by then is closed, so that silent ones cannot keep the tablet out. */
export const UNPAIRED_MS = 15_000;

const WILDCARD = new Set(['0.0.0.0', '::']);

export interface DisplayHost {
  /** The addresses to open on a tablet (`…/display`), one per network the PC is on when bound to all. */
  urls(): string[];
  close(): Promise<void>;
}

const shown = (address: string) => (address.includes(':') ? `[${address}]` : address);

function localAddresses(family: 'IPv4' | 'IPv6' | 'any'): string[] {
  const out: string[] = [];
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) {
      if (a.internal || (family !== 'any' && a.family !== family)) continue;
      // A link-local IPv6 address needs its zone, which a tablet's browser cannot be given in a URL.
      if (a.family === 'IPv6' && a.address.toLowerCase().startsWith('fe80')) continue;
      out.push(a.address);
    }
  }
  return out;
}

/**
 * The applicant's screen for a tablet on the office's network: a listener of its own, apart from the
 * clerk's address (which only the browser that used the launch secret may open). It serves the page
 * and a WebSocket that takes the display's calls and nothing else; the pairing code from the clerk's
 * screen is the display's only key, good once (core/applicant/displays.ts), so no cookie is asked.
 * The Host header must name this PC (DNS rebinding) and a WebSocket's Origin must be this address.
 */
export async function startDisplayHost(opts: { core: Core; rendererDir: string; unpairedMs?: number } & DisplayOptions): Promise<DisplayHost> {
  const scheme = opts.tls ? 'https' : 'http';
  let port = 0;

  const names = (): Set<string> => {
    const hosts = [...localAddresses('any'), '127.0.0.1', '::1', 'localhost', hostname(), `${hostname()}.local`];
    return new Set(hosts.map((h) => `${shown(h).toLowerCase()}:${port}`));
  };

  const refuse = (res: ServerResponse, why: string, status = 403) => {
    log.warn('request refused', { why });
    res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('拒绝访问：此地址只提供申请人屏幕。\nRefused: this address serves the applicant\'s screen only.\n');
  };

  function onRequest(req: IncomingMessage, res: ServerResponse): void {
    const bad = checkOrigin(req, names(), false, scheme);
    if (bad) return refuse(res, bad);
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 'method', 405);
    const url = parseUrl(req.url);
    if (!url) return refuse(res, 'url', 400);
    // The page routes itself by its path: /display is the applicant's screen, never the clerk's app.
    if (url.pathname === '/' || url.pathname === '/index.html') {
      res.writeHead(303, { ...SECURITY_HEADERS, Location: '/display' }).end();
      return;
    }
    if (url.pathname === '/display') return serveStatic(opts.rendererDir, '/index.html', res, SECURITY_HEADERS);
    if (!url.pathname.startsWith('/assets/')) return refuse(res, 'path', 404);
    serveStatic(opts.rendererDir, url.pathname, res, SECURITY_HEADERS);
  }

  const server = guardedServer(onRequest, refuse, opts.tls);
  // A TLS handshake that fails (a browser refusing the certificate, a port scan) ends that socket only.
  server.on('tlsClientError', (err) => log.warn('tls handshake failed', { error: (err as NodeJS.ErrnoException).code ?? err.name }));

  const wss = new WebSocketServer({ noServer: true, maxPayload: DISPLAY_FRAME_BYTES });
  server.on('upgrade', (req: IncomingMessage, socket, head) => {
    socket.on('error', () => socket.destroy());
    try {
      const bad =
        checkOrigin(req, names(), true, scheme) ??
        (parseUrl(req.url)?.pathname === '/api' ? null : 'path') ??
        (wss.clients.size >= MAX_DISPLAY_CONNECTIONS ? 'too-many' : null);
      if (bad) {
        log.warn('websocket refused', { why: bad });
        socket.end(`HTTP/1.1 ${bad === 'too-many' ? '503 Service Unavailable' : '403 Forbidden'}\r\nConnection: close\r\n\r\n`);
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) =>
        serveApi(ws, opts.core, { allow: (method) => DISPLAY_CALLS.has(method), peer: req.socket.remoteAddress, maxDepth: 4, framesPer10s: 100, unpairedMs: opts.unpairedMs ?? UNPAIRED_MS }),
      );
    } catch (err) {
      log.error('websocket upgrade failed', { error: (err as Error)?.name ?? 'error' });
      socket.destroy();
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  if (!LOOPBACK.has(opts.host)) log.warn('applicant display listening beyond loopback', { host: opts.host, tls: !!opts.tls });

  return {
    urls: () => {
      const hosts = WILDCARD.has(opts.host) ? localAddresses(opts.host === '::' ? 'any' : 'IPv4') : [opts.host];
      return (hosts.length > 0 ? hosts : ['127.0.0.1']).map((h) => `${scheme}://${shown(h)}:${port}/display`);
    },
    close: () => closeAll(server, wss),
  };
}
