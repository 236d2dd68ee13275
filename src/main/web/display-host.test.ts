/**
 * The applicant display's own address, for a tablet that never saw the launch secret: over real TLS
 * (a certificate from the tests' openssl CA), a real WebSocket client, and a core with a clerk signed
 * in beside it. It serves the page and the display's calls, nothing of the clerk's window.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ApplicantView, PairingCode } from '../../shared/applicant';
import type { ApiResult } from '../../shared/errors';
import { makeTestPki, type TestPki } from '../../../test/support/test-ca';
import { createCore, type Core } from '../core/api/core';
import type { Session } from '../core/api/handler-spec';
import { chinaDate } from '../core/dates/calendar';
import { demoCases } from '../core/demo/demo-cases';
import { openDemoTestStore } from '../core/store/test-store';
import { DisplayOptionsError, parseDisplayOptions } from '../host/display-options';
import { MAX_DISPLAY_CONNECTIONS, startDisplayHost, type DisplayHost } from './display-host';

let pki: TestPki;
let core: Core;
let clerk: Session;
let tls: DisplayHost;
let plain: DisplayHost;
let tlsPort: number;
let plainPort: number;
let display: DisplayHost | null = null;

beforeAll(async () => {
  pki = makeTestPki();
  const rendererDir = mkdtempSync(join(tmpdir(), 'acw-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>display</title>');
  const db = await openDemoTestStore();
  core = createCore({ db, version: 't', displayUrls: () => display?.urls() ?? [] });
  clerk = core.openSession();
  await core.call(clerk, 'session.signIn', { username: 'clerk', password: 'clerk-demo' });
  const options = parseDisplayOptions(['--display-port', '0', '--display-host', '127.0.0.1', '--display-cert', pki.serverCertFile, '--display-key', pki.serverKeyFile])!;
  tls = await startDisplayHost({ core, rendererDir, ...options });
  display = tls;
  tlsPort = Number(new URL(tls.urls()[0]).port);
  plain = await startDisplayHost({ core, rendererDir, ...parseDisplayOptions(['--display-port', '0'])! });
  plainPort = Number(new URL(plain.urls()[0]).port);
}, 60_000);
afterAll(() => Promise.all([tls?.close(), plain?.close()]));

function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest({ host: '127.0.0.1', port: tlsPort, path, ca: pki.caPem, servername: 'localhost', headers }, (res) => {
      let body = '';
      res.on('data', (d) => (body += String(d)));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** A tablet's page: a WebSocket from the display's own origin, with its answers by id and the events it hears. */
async function tablet(origin = `https://127.0.0.1:${tlsPort}`) {
  const ws = new WebSocket(`wss://127.0.0.1:${tlsPort}/api`, { ca: pki.caPem, origin });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`refused ${res.statusCode}`)));
  });
  const answers = new Map<number, (r: ApiResult<unknown>) => void>();
  const events: string[] = [];
  ws.on('message', (data) => {
    const frame = JSON.parse(String(data)) as { id?: number; result?: ApiResult<unknown>; event?: { type: string } };
    if (frame.event) events.push(frame.event.type);
    else answers.get(frame.id!)?.(frame.result!);
  });
  let next = 1;
  const call = (method: string, params: unknown) =>
    new Promise<ApiResult<unknown>>((resolve) => {
      const id = next++;
      answers.set(id, resolve);
      ws.send(JSON.stringify({ id, method, params }));
    });
  return { ws, call, events };
}

const okValue = <T>(r: ApiResult<unknown>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
};

describe('the display options', () => {
  it('ask for nothing unless a display port is given, and leave the host’s other arguments alone', () => {
    expect(parseDisplayOptions([])).toBeNull();
    expect(parseDisplayOptions(['--kiosk', '--no-sandbox', 'x'])).toBeNull();
    expect(parseDisplayOptions(['--kiosk', '--display-port', '4781'])).toEqual({ port: 4781, host: '127.0.0.1', tls: null });
  });

  it('refuse plain HTTP beyond loopback unless the office says so, and half a TLS pair, a bad port or an unreadable file', () => {
    const refused = (argv: string[], words: RegExp) => {
      expect(() => parseDisplayOptions(argv)).toThrow(DisplayOptionsError);
      expect(() => parseDisplayOptions(argv)).toThrow(words);
    };
    refused(['--display-port', '4781', '--display-host', '0.0.0.0'], /in clear/);
    expect(parseDisplayOptions(['--display-port', '4781', '--display-host', '0.0.0.0', '--display-plain-http'])).toMatchObject({ host: '0.0.0.0', tls: null });
    refused(['--display-port', '4781', '--display-cert', pki.serverCertFile], /go together/);
    refused(['--display-port', '70000'], /0 to 65535/);
    refused(['--display-port', '-1'], /0 to 65535/);
    refused(['--display-port', '12x'], /0 to 65535/);
    refused(['--display-port'], /needs a value/);
    refused(['--display-host', '0.0.0.0'], /"--display-port" is needed/);
    refused(['--display-port', '1', '--display-cert', '/nonexistent/c.pem', '--display-key', pki.serverKeyFile], /cannot be read \(ENOENT\)/);
    const parsed = parseDisplayOptions(['--display-port', '1', '--display-host', '10.0.0.5', '--display-cert', pki.serverCertFile, '--display-key', pki.serverKeyFile])!;
    expect(parsed.tls!.cert.equals(readFileSync(pki.serverCertFile))).toBe(true);
  });
});

describe("the applicant display's address", () => {
  it('serves the display page over TLS without any cookie, and nothing of the clerk’s app', async () => {
    expect(tls.urls()).toEqual([`https://127.0.0.1:${tlsPort}/display`]);
    const root = await get('/');
    expect(root.status).toBe(303);
    expect(root.headers.location).toBe('/display');
    const page = await get('/display');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>display</title>');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect((await get('/index.html')).status).toBe(303);
    expect((await get('/cases')).status).toBe(404);
    // Another name for this PC, as a rebinding page's would be, is refused.
    expect((await get('/display', { host: `evil.example:${tlsPort}` })).status).toBe(403);
  });

  it('takes a WebSocket from its own origin only', async () => {
    await expect(tablet('https://evil.example')).rejects.toThrow('refused 403');
    await expect(tablet(`http://127.0.0.1:${tlsPort}`)).rejects.toThrow('refused 403');
    const t = await tablet();
    t.ws.close();
  });

  it("answers the display's calls and refuses every other, even after pairing: a tablet never signs in", async () => {
    const t = await tablet();
    try {
      const signIn = await t.call('session.signIn', { username: 'clerk', password: 'clerk-demo' });
      expect(signIn).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await t.call('cases.search', { query: 'SMITH' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      // Before the code, not even the display's view.
      expect(await t.call('applicant.view', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });

      const pairing = okValue<PairingCode>(await core.call(clerk, 'applicant.pair', {}));
      // The clerk's screen shows where a tablet goes.
      expect(pairing.tabletUrls).toEqual([`https://127.0.0.1:${tlsPort}/display`]);
      expect(okValue<ApplicantView>(await t.call('applicant.join', { code: pairing.code })).state).toBe('idle');

      const noticeNo = demoCases(chinaDate(new Date())).find((c) => c.category === 'B' && c.status === 'awaiting_verification')!.noticeNo;
      okValue(await core.call(clerk, 'applicant.show', { noticeNo }));
      await expect.poll(() => t.events).toContain('applicant.changed');
      expect(okValue<ApplicantView>(await t.call('applicant.view', {}))).toMatchObject({ state: 'visit', noticeNo });
      expect(await t.call('session.signIn', { username: 'clerk', password: 'clerk-demo' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await t.call('verification.get', { noticeNo })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      // The clerk sees the tablet as connected, and not once it is gone.
      expect(okValue<{ paired: number }>(await core.call(clerk, 'applicant.status', {})).paired).toBe(1);
      t.ws.close();
      await expect.poll(async () => okValue<{ paired: number }>(await core.call(clerk, 'applicant.status', {})).paired).toBe(0);
      okValue(await core.call(clerk, 'applicant.show', { noticeNo: null }));
    } finally {
      t.ws.close();
    }
  });

  it(`takes at most ${MAX_DISPLAY_CONNECTIONS} connections at a time`, async () => {
    const open = await Promise.all(Array.from({ length: MAX_DISPLAY_CONNECTIONS }, () => tablet()));
    await expect(tablet()).rejects.toThrow('refused 503');
    open[0].ws.close();
    await expect.poll(async () => {
      try {
        const t = await tablet();
        open.push(t);
        return true;
      } catch {
        return false;
      }
    }).toBe(true);
    for (const t of open) t.ws.close();
  });

  it('no request of any shape ends it (plain HTTP on loopback, raw TCP)', async () => {
    const raw = (bytes: string | Buffer) =>
      new Promise<void>((resolve) => {
        const socket = connect(plainPort, '127.0.0.1');
        const timer = setTimeout(() => socket.destroy(), 60);
        socket.on('error', () => undefined);
        socket.on('close', () => {
          clearTimeout(timer);
          resolve();
        });
        socket.write(bytes);
      });
    const target = fc.oneof(fc.constantFrom('/', '//', '/api', '/display', '/assets/../../x', '/%', '*', 'http://['), fc.string({ maxLength: 30 }).map((s) => `/${encodeURI(s)}`));
    const header = fc.constantFrom(`Host: 127.0.0.1:${plainPort}`, 'Host: evil.example', `Origin: http://127.0.0.1:${plainPort}`, 'Origin: null', 'Upgrade: websocket', 'Connection: Upgrade', 'Sec-WebSocket-Version: 13', 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==', 'Content-Length: -1');
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.record({ method: fc.constantFrom('GET', 'POST', 'HEAD', 'PRI'), target, headers: fc.array(header, { maxLength: 6 }) }).map((r) => `${r.method} ${r.target} HTTP/1.1\r\n${r.headers.join('\r\n')}\r\n\r\n`), fc.uint8Array({ maxLength: 120 }).map((b) => Buffer.from(b))), raw),
      { numRuns: 120 },
    );
    const page = await fetch(`http://127.0.0.1:${plainPort}/display`);
    expect(page.status).toBe(200);
  }, 60_000);
});
