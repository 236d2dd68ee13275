import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { makeCsca, makeLeafCertificate, makeMasterList } from '../../../../test/sim/passport-pki';
import { DEMO_ROOTS, newRoot, signed } from '../../../../test/support/trust-roots';
import { createCoreEvents } from '../events/events';
import { createTrustedClock } from '../clock/trusted-clock';
import { auditTargets } from '../audit/audit';
import { openDemoTestStore } from '../store/test-store';
import { createSyncService } from '../sync/service';
import { runCleanups, upstream, windowStore } from '../sync/test-sync';
import { createCore } from '../api/core';
import { acceptSignedCscaList, cscaStatus, currentCscas, importCscaList } from './csca-list';

const dir = mkdtempSync(join(tmpdir(), 'acw-csca-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(runCleanups);
const NOW = new Date('2026-12-07T02:00:00Z');
const a = makeCsca(dir, 'CSCA A', 'ec');
const b = makeCsca(dir, 'CSCA B', 'rsa');
// A certificate that is no CA (a Document Signer's shape): left out of any list.
const leaf = makeLeafCertificate(dir, a.key);
const list = (version: number, ders: Buffer[]) => ({ version, issuedAt: '2026-12-01T00:00:00Z', certificates: ders.map((d) => d.toString('base64')) });

describe('the CSCA list', () => {
  it('takes a list a pinned root signed, keeps only CA certificates, and refuses an older one or one no pinned root signed', async () => {
    const db = await openDemoTestStore(NOW);
    expect(acceptSignedCscaList(db, signed(list(2, [a.der, leaf])), DEMO_ROOTS, 'upstream', NOW)).toEqual({ version: 2, count: 1, leftOut: 1 });
    expect(currentCscas(db).map((c) => c.equals(a.der))).toEqual([true]);
    expect(cscaStatus(db)).toMatchObject({ version: 2, source: 'upstream', signedBy: DEMO_ROOTS[0].kid, count: 1 });
    expect(() => acceptSignedCscaList(db, signed(list(1, [b.der])), DEMO_ROOTS, 'upstream', NOW)).toThrow(/older/);
    expect(() => acceptSignedCscaList(db, signed(list(3, [b.der]), newRoot().privateKey), DEMO_ROOTS, 'upstream', NOW)).toThrow();
    expect(() => acceptSignedCscaList(db, list(3, [b.der]), DEMO_ROOTS, 'upstream', NOW)).toThrow();
    expect(cscaStatus(db)?.version).toBe(2);
  });

  it('imports a PEM bundle or an ICAO master list on the administrator’s word, and audits it', async () => {
    const db = await openDemoTestStore(NOW);
    const pem = readFileSync(a.cert, 'utf8') + readFileSync(b.cert, 'utf8');
    expect(importCscaList(db, Buffer.from(pem), 'admin', NOW)).toEqual({ version: 1, count: 2, leftOut: 0 });
    expect(cscaStatus(db)).toMatchObject({ version: 1, source: 'import', signedBy: null, storedBy: 'admin', count: 2 });
    // A master list: the CscaMasterList in a CMS SignedData, signed here by CSCA A with the OpenSSL command line.
    expect(importCscaList(db, makeMasterList(dir, a, [b.der]), 'admin', NOW)).toEqual({ version: 2, count: 1, leftOut: 0 });
    expect(currentCscas(db)[0].equals(b.der)).toBe(true);
    expect(auditTargets(db, 'csca.imported')).toEqual(["version 1, 2 CSCA(s), on the administrator's word", "version 2, 1 CSCA(s), on the administrator's word"]);
    expect(() => importCscaList(db, Buffer.from('not a certificate'), 'admin', NOW)).toThrow(/neither/);
    expect(() => importCscaList(db, leaf, 'admin', NOW)).toThrow();
  });

  it('comes from the authority: the reference server serves the demo office’s list, signed, and the sync takes it once', async () => {
    const u = await upstream();
    const { db } = await windowStore(u);
    const sync = createSyncService({ db, events: createCoreEvents(), clock: createTrustedClock(db), trustRoots: DEMO_ROOTS });
    await sync.runNow();
    const demo = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', '..', '..', 'resources', 'demo', 'csca-list.json'), 'utf8')) as { certificates: string[] };
    expect(cscaStatus(db)).toMatchObject({ version: 1, source: 'upstream', signedBy: DEMO_ROOTS[0].kid, count: demo.certificates.length });
    await sync.runNow();
    expect((await u.stats()).requests['GET /v1/csca-list']).toBe(2);
    expect(auditTargets(db, 'csca.updated')).toHaveLength(1);
    await sync.stop();
  }, 30_000);

  it('is shown to supervisors and administrators with its source and age, and imported by an administrator only', async () => {
    const db = await openDemoTestStore(NOW);
    const core = createCore({ db, version: 't', now: () => NOW });
    const as = async (username: string) => {
      const session = core.openSession();
      await core.call(session, 'session.signIn', { username, password: `${username}-demo` });
      return (method: string, params: unknown) => core.call(session, method, params);
    };
    const admin = await as('admin');
    const clerk = await as('clerk');
    expect(await admin('passport.cscaStatus', {})).toEqual({ ok: true, value: null });
    const pem = Buffer.from(readFileSync(a.cert, 'utf8')).toString('base64');
    expect(await admin('passport.importCscas', { base64: pem })).toMatchObject({ ok: true, value: { version: 1, source: 'import', signedBy: null, storedBy: 'admin', count: 1, ageDays: 0 } });
    expect(await (await as('supervisor'))('passport.cscaStatus', {})).toMatchObject({ ok: true, value: { count: 1 } });
    expect(await clerk('passport.importCscas', { base64: pem })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await admin('passport.importCscas', { base64: Buffer.from('hello').toString('base64') })).toMatchObject({ ok: false, error: { code: 'invalid-request', fields: ['base64'] } });
  });
});
