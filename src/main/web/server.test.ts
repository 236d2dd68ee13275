/**
 * The web host against requests of any shape: none may end it. A fuzz test of the HTTP and upgrade
 * paths over raw TCP, the one request that used to end it, and the launch secret that works once.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../core/api/core';
import { openDemoTestStore } from '../core/store/test-store';
import { startWebHost, type WebHost } from './server';

let host: WebHost;
let port: number;

beforeAll(async () => {
  const rendererDir = mkdtempSync(join(tmpdir(), 'acw-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>app</title>');
  const db = await openDemoTestStore();
  host = await startWebHost({ core: createCore({ db, version: 't' }), rendererDir });
  port = Number(new URL(host.url).port);
});
afterAll(() => host.close());

/** Sends raw bytes and gives back what came before the host closed (or a short wait ran out). */
function raw(bytes: string | Buffer, waitMs = 300): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let got = '';
    const done = () => {
      socket.destroy();
      resolve(got);
    };
    const timer = setTimeout(done, waitMs);
    socket.on('data', (d) => (got += d.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(got);
    });
    socket.write(bytes);
  });
}

let cookie = '';
const status = (answer: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);

describe('the launch secret', () => {
  it('buys a cookie once; a second use is refused, and a browser holding the cookie only loses the secret from its address', async () => {
    const secretPath = new URL(host.launchUrl).pathname + new URL(host.launchUrl).search;
    const first = await fetch(`${host.url.replace(/\/$/, '')}${secretPath}`, { redirect: 'manual' });
    expect(first.status).toBe(303);
    cookie = first.headers.get('set-cookie')!.split(';')[0];
    const second = await fetch(host.launchUrl, { redirect: 'manual' });
    expect(second.status).toBe(403);
    expect(await second.text()).toContain('used already');
    expect(second.headers.get('set-cookie')).toBeNull();
    const reload = await fetch(host.launchUrl, { redirect: 'manual', headers: { cookie } });
    expect(reload.status).toBe(303);
    expect(reload.headers.get('set-cookie')).toBeNull();
    expect(reload.headers.get('location')).toBe('/');
    expect((await fetch(host.url, { headers: { cookie } })).status).toBe(200);
  });
});

describe('requests of any shape', () => {
  const hostHeader = () => `127.0.0.1:${port}`;
  const upgrade = (target: string, extra = '') =>
    `GET ${target} HTTP/1.1\r\nHost: ${hostHeader()}\r\nOrigin: http://${hostHeader()}\r\nCookie: ${cookie}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n${extra}\r\n`;

  it('a WebSocket upgrade for the path // is refused, and the host goes on', async () => {
    expect(cookie).not.toBe('');
    for (const target of ['//', '//api', '///api', '//evil.example/api', 'http://[', '*', '/%', '/api%']) {
      expect([400, 403]).toContain(status(await raw(upgrade(target))));
    }
    expect(status(await raw(upgrade('/api')))).toBe(101);
    expect((await fetch(host.url, { headers: { cookie } })).status).toBe(200);
  });

  it('a fuzz of HTTP requests and upgrades never ends the host', async () => {
    const token = fc.stringMatching(/^[!#$%&'*+.^_`|~0-9A-Za-z-]{0,12}$/);
    const target = fc.oneof(
      fc.constantFrom('/', '//', '/api', '/api?x=1', '/?secret=', '/?secret=%', '/%', '/%00', '/..%2f..%2fetc%2fpasswd', '*', 'http://x/', 'http://[', '', '/index.html', '/assets/../../x'),
      fc.string({ maxLength: 40 }).map((s) => `/${encodeURI(s)}`),
      fc.string({ unit: 'binary', maxLength: 30 }).map((s) => `/${s.replace(/[\r\n ]/g, '')}`),
    );
    const header = fc.oneof(
      fc.constantFrom(`Cookie: ${cookie}`, 'Cookie: acw_session=forged', `Origin: http://127.0.0.1:${port}`, 'Origin: http://evil.example', 'Origin: null', `Host: 127.0.0.1:${port}`, 'Host: evil.example', 'Host:', 'Upgrade: websocket', 'Connection: Upgrade', 'Sec-WebSocket-Version: 13', 'Sec-WebSocket-Version: 99', 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==', 'Sec-WebSocket-Key: x', 'Content-Length: 5', 'Content-Length: -1', 'Content-Length: 99999999999999999999', 'Transfer-Encoding: chunked', 'Expect: 100-continue'),
      fc.tuple(token, fc.string({ maxLength: 30 })).map(([k, v]) => `${k}: ${v.replace(/[\r\n]/g, '')}`),
    );
    const request = fc.oneof(
      fc.record({ method: fc.oneof(fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'CONNECT', 'PRI'), token), target, version: fc.constantFrom('HTTP/1.1', 'HTTP/1.0', 'HTTP/2', 'HTTP/9.9', ''), headers: fc.array(header, { maxLength: 8 }), body: fc.string({ maxLength: 50 }) }).map(
        (r) => `${r.method} ${r.target} ${r.version}\r\n${r.headers.join('\r\n')}\r\n\r\n${r.body}`,
      ),
      fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)),
      target.map((t) => upgrade(t)),
    );
    await fc.assert(
      fc.asyncProperty(request, async (bytes) => {
        await raw(bytes, 100);
      }),
      { numRuns: 300 },
    );
    // Still serving, and the API still opens.
    expect((await fetch(host.url, { headers: { cookie } })).status).toBe(200);
    expect(status(await raw(upgrade('/api')))).toBe(101);
  }, 120_000);
});
