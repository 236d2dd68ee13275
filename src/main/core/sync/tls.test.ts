/**
 * TLS to the authority: the reference server over HTTPS with a CA the test makes (openssl), and the
 * window checking its certificate against the office's CA, the system's roots, and pins.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { makeTestPki } from '../../../../test/support/test-ca';
import { DEMO_ROOTS } from '../../../../test/support/trust-roots';
import { createCore } from '../api/core';
import { createCoreEvents } from '../events/events';
import { updateSettings } from '../settings/settings';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import { openDemoTestStore } from '../store/test-store';
import { createSyncService } from './service';
import { NOW, TODAY, runCleanups, upstream, windowStore } from './test-sync';
import { getCase } from '../cases/cases';
import { demoCases } from '../demo/demo-cases';
import { createTrustedClock } from '../clock/trusted-clock';
import { isLoopbackHost, upstreamAddressProblem } from '../upstream-link/upstream-tls';

afterEach(runCleanups);

const pki = makeTestPki();
const tls = { certFile: pki.serverCertFile, keyFile: pki.serverKeyFile, ca: pki.caPem };
const syncOf = (db: Parameters<typeof createTrustedClock>[0]) => createSyncService({ db, events: createCoreEvents(), clock: createTrustedClock(db), trustRoots: DEMO_ROOTS });

async function tlsWindow(settings: { upstreamCaCertificates?: string; upstreamPins?: string[] }) {
  const u = await upstream({ tls });
  expect(u.url).toMatch(/^https:\/\/127\.0\.0\.1:/);
  const { db } = await windowStore(u);
  updateSettings(db, settings, 'test', NOW);
  return { u, db, sync: syncOf(db) };
}

describe('the authority over TLS', () => {
  it("with the office's CA: the round runs whole over HTTPS", async () => {
    const { u, db, sync } = await tlsWindow({ upstreamCaCertificates: pki.caPem });
    // A change only the server has: the window's demo holds the case too, so its count proves nothing.
    const c = demoCases(TODAY)[0];
    await u.control(`/_test/cases/${c.noticeNo}`, { status: 'withdrawn' });
    await sync.runNow();
    expect(sync.state()).toMatchObject({ online: true, problems: [] });
    expect((await u.stats()).requests['GET /v1/cases']).toBeGreaterThan(0);
    expect(getCase(db, c.noticeNo)!.status).toBe('withdrawn');
  });

  for (const [name, settings] of [
    ["the system's roots, which do not hold the test CA", {}],
    ['another CA', { upstreamCaCertificates: pki.otherCaPem }],
  ] as const) {
    it(`against ${name}: the certificate is refused, the round ends at once, and the server received nothing, not even the token`, async () => {
      const { u, sync } = await tlsWindow(settings);
      await sync.runNow();
      expect(sync.state()).toMatchObject({ online: false, problems: [{ step: 'clock', code: 'certificate-refused', detail: expect.stringMatching(/UNABLE_TO_VERIFY|SELF_SIGNED|UNABLE_TO_GET_ISSUER/) }] });
      expect((await u.stats()).requests).toEqual({});
    });
  }

  it("pinned: the server's key or the CA's key passes, another key is refused even with the right CA", async () => {
    for (const pin of [pki.serverPin, pki.caPin]) {
      const { sync } = await tlsWindow({ upstreamCaCertificates: pki.caPem, upstreamPins: [pin] });
      await sync.runNow();
      expect(sync.state()).toMatchObject({ online: true, problems: [] });
    }
    const { u, sync } = await tlsWindow({ upstreamCaCertificates: pki.caPem, upstreamPins: [Buffer.alloc(32, 7).toString('base64')] });
    await sync.runNow();
    expect(sync.state()).toMatchObject({ online: false, problems: [{ code: 'certificate-refused', detail: 'ERR_UPSTREAM_PIN_MISMATCH' }] });
    expect((await u.stats()).requests).toEqual({});
   }, 30_000);

  it('an http:// address beyond this computer, stored before addresses were checked: nothing is sent, and the line says why', async () => {
    const u = await upstream();
    const { db } = await windowStore(u);
    updateSettings(db, { upstreamUrl: 'http://192.0.2.10:4790' }, 'test', NOW);
    const sync = syncOf(db);
    await sync.runNow();
    expect(sync.state()).toMatchObject({ configured: true, online: false, problems: [{ step: 'link', code: 'insecure-address' }] });
  });
});

describe('the address an admin sets', () => {
  async function admin() {
    const db = await openDemoTestStore(NOW);
    const core = createCore({ db, version: 't', now: () => NOW, trustRoots: DEMO_ROOTS });
    const session = core.openSession();
    await core.call(session, 'session.signIn', { username: 'admin', password: 'admin-demo' });
    return { core, session };
  }

  it('is https://, or http:// to this computer only; a refused one changes nothing', async () => {
    const { core, session } = await admin();
    for (const url of ['https://wp.example.gov.cn/api', 'http://127.0.0.1:4790', 'http://localhost:4790', 'http://[::1]:4790']) {
      expect([url, await core.call(session, 'settings.update', { upstreamUrl: url })]).toMatchObject([url, { ok: true, value: { upstreamUrl: url } }]);
    }
    for (const url of ['http://wp.example.gov.cn', 'http://10.1.2.3:4790', 'http://127.0.0.1.example.cn', 'http://[::ffff:10.0.0.1]/']) {
      const r = await core.call(session, 'settings.update', { upstreamUrl: url, idleLockMinutes: 9 });
      expect([url, r]).toMatchObject([url, { ok: false, error: { code: 'insecure-address', fields: ['upstreamUrl'] } }]);
    }
    expect(await core.call(session, 'settings.update', { upstreamUrl: 'ftp://wp.example.gov.cn' })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await core.call(session, 'settings.get', {})).toMatchObject({ ok: true, value: { upstreamUrl: 'http://[::1]:4790', idleLockMinutes: DEFAULT_SETTINGS.idleLockMinutes } });
  });

  it("takes an office CA file of CA certificates; a server's own certificate or a text that is not PEM is refused", async () => {
    const { core, session } = await admin();
    expect(await core.call(session, 'settings.update', { upstreamCaCertificates: pki.caPem + pki.otherCaPem })).toMatchObject({ ok: true });
    const { readFileSync } = await import('node:fs');
    for (const bad of [readFileSync(pki.serverCertFile, 'utf8'), 'not a certificate', '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----']) {
      expect(await core.call(session, 'settings.update', { upstreamCaCertificates: bad })).toMatchObject({ ok: false, error: { code: 'bad-ca-file', fields: ['upstreamCaCertificates'] } });
    }
    expect(await core.call(session, 'settings.update', { upstreamPins: ['not a pin'] })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await core.call(session, 'settings.get', {})).toMatchObject({ ok: true, value: { upstreamCaCertificates: pki.caPem + pki.otherCaPem, upstreamPins: [] } });
  });

  it('loopback is 127.0.0.0/8, ::1 and localhost, nothing that only starts like them', () => {
    expect(['127.0.0.1', '127.3.2.1', '::1', '[::1]', 'localhost', 'LOCALHOST', 'a.localhost'].every(isLoopbackHost)).toBe(true);
    expect(['128.0.0.1', '127.0.0.1.nip.io', '10.0.0.1', '::2', 'localhost.example.cn', '0.0.0.0'].some(isLoopbackHost)).toBe(false);
    expect(upstreamAddressProblem('https://user:pw@wp.example.gov.cn')).toBe('invalid');
    expect(upstreamAddressProblem('not a url')).toBe('invalid');
  });
});
