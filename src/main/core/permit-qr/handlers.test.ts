import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../api/core';
import { createMemoryPrinters } from '../../platform/printers/memory';
import { openDemoTestStore } from '../store/test-store';
import { chinaDate } from '../dates/calendar';
import { demoCases } from '../demo/demo-cases';
import { signPermitQr } from './sign';
import { newSigner, trustListFor } from './test-signer';
import { storeTrustList } from '../trust/trust-store';
import { saveCase } from '../cases/cases';
import { permitOf } from '../../../../test/support/demo-permits';
import { DEMO_ROOTS, newRoot, signed } from '../../../../test/support/trust-roots';

const RESOURCES = join(import.meta.dirname, '..', '..', '..', '..', 'resources');
const DEMO_KEY = createPrivateKey(readFileSync(join(RESOURCES, 'demo', 'permit-signer.key.pem')));
const T0 = new Date('2026-11-23T02:00:00Z');

async function as(username: string, clock = { now: T0 }) {
  const db = await openDemoTestStore(T0);
  const core = createCore({ db, version: 't', now: () => clock.now, trustRoots: DEMO_ROOTS });
  const session = core.openSession();
  await core.call(session, 'session.signIn', { username, password: `${username}-demo` });
  return { db, core, session, clock };
}

function demoQr(i: number, change: Record<string, unknown> = {}) {
  const c = demoCases(chinaDate(T0))[i];
  const wp = { ...permitOf(c), ...change };
  return { c, text: signPermitQr({ iss: 'CN-110000', iat: T0.getTime() / 1000 - 3600, exp: T0.getTime() / 1000 + 86_400 * 300, wp }, DEMO_KEY) };
}

describe('permit QR calls', () => {
  it("prints the slip of the session's last scan on the window's printer, and none before a scan or after the sign-out", async () => {
    const db = await openDemoTestStore(T0);
    const printers = createMemoryPrinters();
    const core = createCore({ db, version: 't', now: () => T0, trustRoots: DEMO_ROOTS, printers: printers.port });
    const police = core.openSession();
    await core.call(police, 'session.signIn', { username: 'police', password: 'police-demo' });
    expect(await core.call(police, 'permitQr.printSlip', {})).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect((await core.call(police, 'permitQr.verify', { text: demoQr(0).text, source: 'camera' })).ok).toBe(true);
    expect(await core.call(police, 'permitQr.printSlip', {})).toMatchObject({ ok: true, value: { printer: 'MemoryPDF' } });
    expect(printers.queued('MemoryPDF')).toHaveLength(1);
    await core.call(police, 'session.signOut', {});
    await core.call(police, 'session.signIn', { username: 'police', password: 'police-demo' });
    expect(await core.call(police, 'permitQr.printSlip', {})).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it("a wedge burst that is part of a code (its head or its tail) gets no verdict and no log line: the screen asks for the scan again", async () => {
    const { core, session } = await as('police');
    const { text } = demoQr(0);
    for (const part of [text.slice(0, 120), text.slice(120), text.slice(60, 200)]) {
      expect(await core.call(session, 'permitQr.verify', { text: part, source: 'wedge' })).toMatchObject({ ok: false, error: { code: 'incomplete-read' } });
    }
    expect(await core.call(session, 'permitQr.log', {})).toMatchObject({ ok: true, value: [] });
    // The same part from a camera or a file is a code read whole: it gets its verdict.
    expect(await core.call(session, 'permitQr.verify', { text: text.slice(0, 120), source: 'camera' })).toMatchObject({ ok: true, value: { check: { verdict: 'MALFORMED' } } });
    expect((await core.call(session, 'permitQr.verify', { text, source: 'wedge' })).ok).toBe(true);
  });

  it('verify a demo QR offline against the demo trust list and log the scan, then purge it after the configured days', async () => {
    const { core, session, clock } = await as('police');
    const { c, text } = demoQr(0);
    const r = await core.call(session, 'permitQr.verify', { text, source: 'wedge' });
    expect(r).toMatchObject({ ok: true, value: { check: { verdict: 'VALID', permit: { pn: c.permitNo } }, officer: 'police' } });
    const log = await core.call(session, 'permitQr.log', {});
    expect(log).toMatchObject({ ok: true, value: [{ verdict: 'VALID', permitNo: c.permitNo, source: 'wedge', officer: 'police' }] });
    clock.now = new Date(T0.getTime() + 31 * 86_400_000);
    await core.call(session, 'session.unlock', { password: 'police-demo' });
    expect(await core.call(session, 'permitQr.log', {})).toMatchObject({ ok: true, value: [] });
  });

  it("an old physical card's number, typed or scanned as a reference, is named an old card that stays valid until extended or changed", async () => {
    const { core, session } = await as('police');
    const old = demoCases(chinaDate(T0)).find((x) => (x as { physicalCard?: boolean }).physicalCard)!;
    const typed = await core.call(session, 'permitQr.verify', { text: old.permitNo, source: 'typed' });
    expect(typed).toMatchObject({ ok: true, value: { check: { verdict: 'REFERENCE', reference: old.permitNo }, legacyCard: { permitNo: old.permitNo, state: 'valid', validTo: old.validTo, by: 'upstream' } } });
    // Police see no case data: the finding names the permit, its end and its state, nothing of the holder.
    expect(Object.keys((typed as { value: { legacyCard: object } }).value.legacyCard).sort()).toEqual(['by', 'permitNo', 'state', 'validTo']);
    const url = await core.call(session, 'permitQr.verify', { text: `https://fwp.example.gov.cn/check?pn=${old.permitNo}`, source: 'camera' });
    expect(url).toMatchObject({ ok: true, value: { legacyCard: { permitNo: old.permitNo } } });
    // A permit of the new kind, and a number no case has, are not.
    const current = demoCases(chinaDate(T0))[0];
    expect(await core.call(session, 'permitQr.verify', { text: current.permitNo, source: 'typed' })).toMatchObject({ ok: true, value: { legacyCard: null } });
    expect(await core.call(session, 'permitQr.verify', { text: '999999202400000001', source: 'typed' })).toMatchObject({ ok: true, value: { check: { verdict: 'REFERENCE' }, legacyCard: null } });
  });

  it('says REVOKED for a demo case whose permit the demo revocation list names', async () => {
    const { core, session } = await as('police');
    const i = demoCases(chinaDate(T0)).findIndex((x) => x.status === 'revoked');
    expect((await core.call(session, 'permitQr.verify', { text: demoQr(i).text, source: 'camera' })) as object).toMatchObject({ value: { check: { verdict: 'REVOKED' } } });
  });

  it('opens the case of a scanned notice for a clerk and lists the differences', async () => {
    const { core, session } = await as('clerk');
    const { c, text } = demoQr(2, { ppn: 'Z99999999' });
    const r = await core.call(session, 'cases.openFromScan', { text, source: 'image' });
    expect(r).toMatchObject({ ok: true, value: { case: { case: { noticeNo: c.noticeNo } }, differences: [{ field: 'ppn', qr: 'Z99999999', case: c.applicant.passportNo }] } });
    const byRef = await core.call(session, 'cases.openFromScan', { text: c.permitNo, source: 'wedge' });
    expect(byRef).toMatchObject({ ok: true, value: { scan: { check: { verdict: 'REFERENCE' } }, case: { case: { noticeNo: c.noticeNo } } } });
  });

  it('a reference URL that names its notice opens the case, whatever the number looks like', async () => {
    const { core, session, db } = await as('clerk');
    const c = { ...demoCases(chinaDate(T0))[0], noticeNo: '京外许（2024）第0042号-B', version: 1 };
    saveCase(db, c);
    const url = `https://fwp.example.cn/notice/check?${new URLSearchParams({ lang: 'zh', NoticeNo: c.noticeNo })}`;
    const r = await core.call(session, 'cases.openFromScan', { text: url, source: 'camera' });
    expect(r).toMatchObject({ ok: true, value: { scan: { check: { verdict: 'REFERENCE', reference: c.noticeNo, referenceKind: 'notice' } }, case: { case: { noticeNo: c.noticeNo } } } });
  });

  it('lets only an admin import a trust list, signed by a pinned root and not older than the one in force', async () => {
    const admin = await as('admin');
    const demo = JSON.parse(readFileSync(join(RESOURCES, 'demo', 'trust-list.json'), 'utf8'));
    const newer = { ...demo, version: 2, issuedAt: '2026-11-20T00:00:00Z' };
    const imported = await admin.core.call(admin.session, 'permitQr.importTrustList', { trustList: JSON.stringify(signed(newer)), revocations: JSON.stringify(signed({ version: 2, revoked: ['110105198800000417'] })) });
    expect(imported).toMatchObject({ ok: true, value: { version: 2, source: 'import', ageDays: 3, stale: false, signedBy: DEMO_ROOTS[0].kid, revocationVersion: 2, revoked: 1 } });
    expect(imported).toMatchObject({ value: { roots: [{ kid: DEMO_ROOTS[0].kid, alg: 'ES256', demo: true }] } });
    const police = await as('police');
    expect(await police.core.call(police.session, 'permitQr.importTrustList', { trustList: JSON.stringify(signed(newer)) })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('refuses an unsigned list, one signed by another root, a tampered one and an older one, each with its reason; the lists in force stay', async () => {
    const admin = await as('admin');
    const demo = JSON.parse(readFileSync(join(RESOURCES, 'demo', 'trust-list.json'), 'utf8'));
    const v3 = { ...demo, version: 3, issuedAt: '2026-11-20T00:00:00Z' };
    expect(await admin.core.call(admin.session, 'permitQr.importTrustList', { trustList: JSON.stringify(signed(v3)), revocations: JSON.stringify(signed({ version: 3, revoked: [] })) })).toMatchObject({ ok: true });
    const before = await admin.core.call(admin.session, 'permitQr.trustStatus', {});
    const v4 = { ...v3, version: 4, signers: [...trustListFor([newSigner().publicKey]).signers] };
    const good = signed(v4);
    const tampered = { ...good, payload: Buffer.from(JSON.stringify({ ...v4, signers: [...v4.signers, ...demo.signers] })).toString('base64') };
    const refused: [string, { trustList: string; revocations?: string }, string, string][] = [
      ['unsigned', { trustList: JSON.stringify(v4) }, 'trustList', 'unsigned'],
      ['another root', { trustList: JSON.stringify(signed(v4, newRoot().privateKey)) }, 'trustList', 'unknown-root'],
      ['tampered', { trustList: JSON.stringify(tampered) }, 'trustList', 'bad-signature'],
      ['older', { trustList: JSON.stringify(signed({ ...v3, version: 2 })) }, 'trustList', 'older-version'],
      ['older revocations', { trustList: JSON.stringify(good), revocations: JSON.stringify(signed({ version: 2, revoked: [] })) }, 'revocations', 'older-version'],
      ['unsigned revocations', { trustList: JSON.stringify(good), revocations: JSON.stringify({ version: 9, revoked: [] }) }, 'revocations', 'unsigned'],
      ['not JSON', { trustList: 'not json' }, 'trustList', 'invalid-request'],
    ];
    for (const [name, params, list, reason] of refused) {
      const r = await admin.core.call(admin.session, 'permitQr.importTrustList', params);
      const expected = reason === 'invalid-request' ? { code: 'invalid-request', fields: [list] } : { code: 'list-refused', fields: [list], params: { list, reason } };
      expect([name, r]).toMatchObject([name, { ok: false, error: expected }]);
      expect([name, await admin.core.call(admin.session, 'permitQr.trustStatus', {})]).toEqual([name, before]);
    }
    // The same version again, signed, is taken (not below the one in force).
    expect(await admin.core.call(admin.session, 'permitQr.importTrustList', { trustList: JSON.stringify(signed(v3)) })).toMatchObject({ ok: true, value: { version: 3 } });
  });

  it('an imported list with a signer of an unknown algorithm is taken: the rest is in force, the one left out is named in the status', async () => {
    const admin = await as('admin');
    const demo = JSON.parse(readFileSync(join(RESOURCES, 'demo', 'trust-list.json'), 'utf8'));
    const unknown = { kid: 'AQIDBAUGBwg=', alg: 'SLH-DSA-SHA2-128s', issuer: 'CN-310000', publicKey: Buffer.alloc(32, 3).toString('base64'), validFrom: '2026-01-01', validTo: '2030-12-31' };
    const list = { ...demo, version: 4, issuedAt: '2026-11-20T00:00:00Z', signers: [...demo.signers, unknown] };
    const imported = await admin.core.call(admin.session, 'permitQr.importTrustList', { trustList: JSON.stringify(signed(list)) });
    expect(imported).toMatchObject({
      ok: true,
      value: { version: 4, signers: demo.signers.length, leftOut: [{ index: demo.signers.length, alg: 'SLH-DSA-SHA2-128s', reason: 'unsupported-algorithm' }] },
    });
    // A police officer at the same window's store verifies with it.
    const police = admin.core.openSession();
    await admin.core.call(police, 'session.signIn', { username: 'police', password: 'police-demo' });
    expect(await admin.core.call(police, 'permitQr.verify', { text: demoQr(0).text, source: 'wedge' })).toMatchObject({ value: { check: { verdict: 'VALID', trustListVersion: 4 } } });
    // A list of that algorithm alone is refused, and the one in force stays.
    const alone = await admin.core.call(admin.session, 'permitQr.importTrustList', { trustList: JSON.stringify(signed({ ...list, version: 5, signers: [unknown] })) });
    expect(alone).toMatchObject({ ok: false, error: { code: 'list-refused', fields: ['trustList'], params: { reason: 'unusable' }, message: expect.stringContaining('none of its 1 signers') } });
    expect(await admin.core.call(admin.session, 'permitQr.trustStatus', {})).toMatchObject({ ok: true, value: { version: 4 } });
  });

  it('verifies against a version imported again at once, not against the one parsed before', async () => {
    const { core, session, db } = await as('police');
    expect(await core.call(session, 'permitQr.verify', { text: demoQr(0).text, source: 'wedge' })).toMatchObject({ value: { check: { verdict: 'VALID' } } });
    // The same version again, now naming another signer only.
    const other = newSigner();
    const list = { ...trustListFor([other.publicKey]), version: 1, issuedAt: T0.toISOString() };
    storeTrustList(db, list, 'import', T0);
    expect(await core.call(session, 'permitQr.verify', { text: demoQr(0).text, source: 'wedge' })).toMatchObject({ value: { check: { verdict: 'UNKNOWN_SIGNER' } } });
    const c = demoCases(chinaDate(T0))[0];
    const byOther = signPermitQr({ iss: 'CN-110000', iat: T0.getTime() / 1000 - 60, exp: T0.getTime() / 1000 + 86_400, wp: permitOf(c) }, other.privateKey);
    expect(await core.call(session, 'permitQr.verify', { text: byOther, source: 'wedge' })).toMatchObject({ value: { check: { verdict: 'VALID' } } });
  });

  it('says the same about staleness in the verdict and in the trust status, a part of a day past the limit', async () => {
    const clock = { now: T0 };
    const { core, session, db } = await as('police', clock);
    storeTrustList(db, { ...trustListFor([newSigner().publicKey]), version: 5, issuedAt: new Date(T0.getTime() - 30.5 * 86_400_000).toISOString() }, 'import', T0);
    const status = await core.call(session, 'permitQr.trustStatus', {});
    const verdict = await core.call(session, 'permitQr.verify', { text: 'WPN1:GGW', source: 'image' });
    expect(status).toMatchObject({ ok: true, value: { ageDays: 30, stale: true } });
    expect(verdict).toMatchObject({ ok: true, value: { check: { trustListStale: true } } });
  });
});
