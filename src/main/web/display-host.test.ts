/**
 * The applicant display's own address, for a tablet that never saw the launch secret: over real TLS
 * (a certificate from the tests' openssl CA), a real WebSocket client, and a core with a clerk signed
 * in beside it. It serves the page and the display's calls, nothing of the clerk's window.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
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
import type { Session } from '../core/calls/handler-spec';
import { chinaDate } from '../core/dates/calendar';
import { demoCases } from '../core/demo/demo-cases';
import { openDemoTestStore } from '../core/store/test-store';
import { parseDisplayOptions } from '../host/display-options';
import { WRONG_CODES_PER_ADDRESS, WRONG_CODES_PER_CONNECTION } from '../core/applicant/displays';
import { DISPLAY_FRAME_BYTES, MAX_DISPLAY_CONNECTIONS, startDisplayHost, type DisplayHost } from './display-host';
import { startWebHost } from './server';
import { openTablet } from '../../../test/support/display-tablet';

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

/** A tablet on the TLS address unless told otherwise (test/support/display-tablet.ts). */
const tablet = (origin = `https://127.0.0.1:${tlsPort}`, from = '127.0.0.1', port = tlsPort) => openTablet({ ca: pki.caPem, port, origin, from });

const wrongCodeOf = (code: string, i: number) => String((Number(code) + 1 + i) % 1_000_000).padStart(6, '0');

const okValue = <T>(r: ApiResult<unknown>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
};

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

  it("a stranger's wrong codes never withdraw the clerk's code: the tablet pairs every time", async () => {
    const stranger = async (code: string) => {
      // Twelve wrong codes a round from another device, over connections of their own, in parallel.
      const conns = await Promise.all([0, 1, 2].map(() => tablet(undefined, '127.0.0.2')));
      await Promise.all(conns.flatMap((c, k) => [0, 1, 2, 3].map((i) => c.call('applicant.join', { code: wrongCodeOf(code, k * 4 + i) }))));
      for (const c of conns) c.ws.close();
    };
    let paired = 0;
    for (let round = 0; round < 5; round++) {
      const { code } = okValue<PairingCode>(await core.call(clerk, 'applicant.pair', {}));
      await stranger(code);
      const t = await tablet();
      if ((await t.call('applicant.join', { code })).ok) paired++;
      t.ws.close();
      await t.closed;
    }
    expect(paired).toBe(5);
  }, 30_000);

  it('slows a guesser, closes its connection after a few wrong codes, and then refuses its address even the right code', async () => {
    const { code } = okValue<PairingCode>(await core.call(clerk, 'applicant.pair', {}));
    const guesser = await tablet(undefined, '127.0.0.3');
    // Fifty guesses at once on one connection: a handful are looked at, the connection is closed.
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => guesser.call('applicant.join', { code: wrongCodeOf(code, i) }).then((r) => (r.ok ? 'ok' : r.error.code))));
    expect(answers.filter((a) => a === 'not-found').length).toBeLessThanOrEqual(WRONG_CODES_PER_CONNECTION);
    expect(answers).not.toContain('ok');
    expect(await guesser.closed).toBe(1008);
    // The address goes on trying from new connections until it is refused, the right code too.
    const again = await tablet(undefined, '127.0.0.3');
    await Promise.all(Array.from({ length: WRONG_CODES_PER_ADDRESS - WRONG_CODES_PER_CONNECTION }, (_, i) => again.call('applicant.join', { code: wrongCodeOf(code, 100 + i) })));
    again.ws.close();
    const last = await tablet(undefined, '127.0.0.3');
    expect(await last.call('applicant.join', { code })).toMatchObject({ ok: false, error: { code: 'too-many-attempts', params: { minutes: 10 } } });
    expect(await last.closed).toBe(1008);
    // The code is still the clerk's, for the tablet.
    const t = await tablet();
    expect((await t.call('applicant.join', { code })).ok).toBe(true);
    t.ws.close();
  }, 30_000);

  it('refuses a frame over its size or nested deeper than a display call, before parsing it, and closes a flood', async () => {
    const t = await tablet();
    // Refused unread, so without its id: the answer names none.
    const refused = new Promise<string>((resolve) => t.ws.once('message', (d) => resolve(String(d))));
    t.ws.send(JSON.stringify({ id: 1, method: 'applicant.view', params: JSON.parse('['.repeat(5) + ']'.repeat(5)) }));
    expect(JSON.parse(await refused)).toMatchObject({ id: null, result: { ok: false, error: { code: 'invalid-request' } } });
    t.ws.send('{"id":1,"method":"applicant.view","params":' + '['.repeat(DISPLAY_FRAME_BYTES) + ']'.repeat(DISPLAY_FRAME_BYTES) + '}');
    expect(await t.closed).toBe(1009);
    const flood = await tablet();
    for (let i = 0; i < 150; i++) flood.ws.send(JSON.stringify({ id: i, method: 'applicant.view', params: {} }));
    expect(await flood.closed).toBe(1008);
    // The clerk is answered all along.
    expect((await core.call(clerk, 'applicant.status', {})).ok).toBe(true);
  });

  it('closes connections that never pair, so that silent ones cannot keep the tablet out', async () => {
    const rendererDir = mkdtempSync(join(tmpdir(), 'acw-renderer-'));
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>display</title>');
    const quick = await startDisplayHost({ core, rendererDir, unpairedMs: 300, ...parseDisplayOptions(['--display-port', '0', '--display-cert', pki.serverCertFile, '--display-key', pki.serverKeyFile])! });
    try {
      const port = Number(new URL(quick.urls()[0]).port);
      const silent = await Promise.all(Array.from({ length: MAX_DISPLAY_CONNECTIONS }, () => tablet(`https://127.0.0.1:${port}`, '127.0.0.4', port)));
      await expect(tablet(`https://127.0.0.1:${port}`, '127.0.0.1', port)).rejects.toThrow('refused 503');
      expect(await Promise.all(silent.map((s) => s.closed))).toEqual(silent.map(() => 1008));
      const t = await tablet(`https://127.0.0.1:${port}`, '127.0.0.1', port);
      const { code } = okValue<PairingCode>(await core.call(clerk, 'applicant.pair', {}));
      expect((await t.call('applicant.join', { code })).ok).toBe(true);
      // Once paired it stays.
      await new Promise((r) => setTimeout(r, 500));
      expect(t.ws.readyState).toBe(WebSocket.OPEN);
      t.ws.close();
    } finally {
      await quick.close();
    }
  });

  it("clears the display within seconds when the clerk's window goes away, and the next sign-in does not show it again", async () => {
    const rendererDir = mkdtempSync(join(tmpdir(), 'acw-renderer-'));
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>app</title>');
    const web = await startWebHost({ core, rendererDir });
    try {
      const first = await fetch(web.launchUrl, { redirect: 'manual' });
      const cookie = first.headers.get('set-cookie')!.split(';')[0];
      const origin = web.url.replace(/\/$/, '');
      const window = new WebSocket(`${origin.replace('http', 'ws')}/api`, { origin, headers: { cookie } });
      await new Promise((r) => window.once('open', r));
      let next = 1;
      const clerkCall = (method: string, params: unknown) =>
        new Promise<ApiResult<unknown>>((resolve) => {
          const id = next++;
          window.on('message', (d) => {
            const f = JSON.parse(String(d)) as { id?: number; result?: ApiResult<unknown> };
            if (f.id === id) resolve(f.result!);
          });
          window.send(JSON.stringify({ id, method, params }));
        });
      okValue(await clerkCall('session.signIn', { username: 'supervisor', password: 'supervisor-demo' }));
      const { code } = okValue<PairingCode>(await clerkCall('applicant.pair', {}));
      const t = await tablet();
      okValue(await t.call('applicant.join', { code }));
      const noticeNo = demoCases(chinaDate(new Date())).find((c) => c.category === 'B' && c.status === 'awaiting_verification')!.noticeNo;
      okValue(await clerkCall('applicant.show', { noticeNo }));
      expect(okValue<ApplicantView>(await t.call('applicant.view', {})).state).toBe('visit');
      t.events.length = 0;
      // The clerk's tab is closed without a word (as a crash or a reload does).
      window.terminate();
      await expect.poll(() => t.events, { timeout: 3000 }).toContain('applicant.changed');
      expect(okValue<ApplicantView>(await t.call('applicant.view', {})).state).toBe('idle');
      // Signing in again shows nothing of the old visit.
      const again = core.openSession();
      okValue(await core.call(again, 'session.signIn', { username: 'supervisor', password: 'supervisor-demo' }));
      expect(okValue<{ noticeNo: string | null }>(await core.call(again, 'applicant.status', {})).noticeNo).toBeNull();
      expect(okValue<ApplicantView>(await t.call('applicant.view', {})).state).toBe('idle');
      core.closeSession(again);
      t.ws.close();
    } finally {
      await web.close();
    }
  });
});
