/**
 * What a round does with failures that trying again will not mend: each step's is kept and shown
 * with its cause, and the other steps still run. Against the real reference server.
 */
import { writeFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCoreEvents } from '../events/events';
import { trustStatus } from '../trust/trust-store';
import { outboxCounts } from '../outbox/outbox';
import { createSyncService } from './service';
import { createTrustedClock } from '../clock/trusted-clock';
import { approve, NOW, RESOURCES, runCleanups, upstream, windowStore } from './test-sync';
import { DEMO_ROOTS, newRoot, signed } from '../../../../test/support/trust-roots';

afterEach(runCleanups);

const demoList = JSON.parse(readFileSync(join(RESOURCES, 'demo', 'trust-list.json'), 'utf8'));
const newAlgorithm = { kid: 'AQIDBAUGBwg=', alg: 'ML-DSA-65', issuer: 'CN-310000', publicKey: Buffer.alloc(1952, 5).toString('base64'), validFrom: '2026-01-01', validTo: '2030-12-31' };

function listFile(list: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), 'acw-trust-')), 'trust-list.json');
  writeFileSync(file, JSON.stringify(list));
  return file;
}

const syncOf = (db: Parameters<typeof createTrustedClock>[0]) => createSyncService({ db, events: createCoreEvents(), clock: createTrustedClock(db), trustRoots: DEMO_ROOTS });

describe('trust lists from upstream', () => {
  it('a list with a signer of an algorithm this build does not know is taken, that signer listed as left out', async () => {
    const u = await upstream({ trustListPath: listFile({ ...demoList, version: 2, issuedAt: NOW.toISOString(), signers: [newAlgorithm, ...demoList.signers] }) });
    const { db } = await windowStore(u);
    const sync = syncOf(db);
    await sync.runNow();
    expect(sync.state()).toMatchObject({ online: true, problems: [] });
    expect(trustStatus(db, NOW, 30, DEMO_ROOTS)).toMatchObject({ version: 2, source: 'upstream', signers: demoList.signers.length, leftOut: [{ index: 0, alg: 'ML-DSA-65', reason: 'unsupported-algorithm' }] });
  });

  it('a list with no signer it can use is refused, said on the readiness line; the list in force and the rest of the round stay', async () => {
    const u = await upstream({ trustListPath: listFile({ ...demoList, version: 2, issuedAt: NOW.toISOString(), signers: [newAlgorithm] }) });
    const { db } = await windowStore(u);
    const before = trustStatus(db, NOW, 30, DEMO_ROOTS);
    approve(db);
    const sync = syncOf(db);
    await sync.runNow();
    const s = sync.state();
    expect(s).toMatchObject({ online: true, problems: [{ step: 'trust', code: 'trust-list-unusable' }], lastError: expect.stringContaining('none of its 1 signers') });
    expect(trustStatus(db, NOW, 30, DEMO_ROOTS)).toEqual(before);
    // The record went, and numbers came, in the same round.
    expect(outboxCounts(db).pending).toBe(0);
    expect((await u.stats()).verificationsCreated).toBe(1);
  });
});

describe('signed lists from upstream (permit-qr.md §3a)', () => {
  function keyFile(key: ReturnType<typeof newRoot>['privateKey']): string {
    const file = join(mkdtempSync(join(tmpdir(), 'acw-root-')), 'root.key.pem');
    writeFileSync(file, key.export({ type: 'pkcs8', format: 'pem' }) as string);
    return file;
  }
  const newer = { ...demoList, version: 2, issuedAt: NOW.toISOString() };
  const good = signed(newer);
  const tampered = { ...good, payload: Buffer.from(JSON.stringify({ ...newer, signers: [...newer.signers, newAlgorithm] })).toString('base64') };

  it('the demo server signs its lists with the demo root: taken, and the status names the root', async () => {
    const u = await upstream({ trustListPath: listFile(newer) });
    const { db } = await windowStore(u);
    const sync = syncOf(db);
    await sync.runNow();
    expect(sync.state()).toMatchObject({ online: true, problems: [] });
    expect(trustStatus(db, NOW, 30, DEMO_ROOTS)).toMatchObject({ version: 2, source: 'upstream', signedBy: DEMO_ROOTS[0].kid });
  });

  // The server signs every list with the same key: a server that signs none, or signs with another
  // root, has its CSCA list refused too (said for its own step); a tampered or older trust list alone is.
  for (const [name, start, reason, cscaToo] of [
    ['unsigned', { trustListPath: listFile(newer), unsignedLists: true }, 'unsigned', true],
    ['signed by another root', { trustListPath: listFile(newer), trustRootKeyPath: keyFile(newRoot().privateKey) }, 'unknown-root', true],
    ['tampered after signing', { trustListPath: listFile(tampered) }, 'bad-signature', false],
    ['older than the one in force', { trustListPath: listFile(signed({ ...demoList, version: 0 })) }, 'older-version', false],
  ] as const) {
    it(`a list ${name} is refused, said on the readiness line with the reason; the list in force and the rest of the round stay`, async () => {
      const u = await upstream(start);
      const { db } = await windowStore(u);
      const before = trustStatus(db, NOW, 30, DEMO_ROOTS);
      approve(db);
      const sync = syncOf(db);
      await sync.runNow();
      const trustProblem = { step: 'trust', code: 'trust-list-refused', reason };
      expect(sync.state()).toMatchObject({ online: true, problems: cscaToo ? [trustProblem, { step: 'csca', code: 'trust-list-refused', reason, list: 'csca' }] : [trustProblem] });
      expect(trustStatus(db, NOW, 30, DEMO_ROOTS)).toEqual(before);
      expect(outboxCounts(db).pending).toBe(0);
    });
  }

  it('revocations signed by another root are refused too, the revocations in force stay', async () => {
    // The trust list is the demo one, signed as an envelope by the demo root; the server signs its revocations with another.
    const u = await upstream({ trustListPath: listFile(good), trustRootKeyPath: keyFile(newRoot('EdDSA').privateKey) });
    await u.control('/_test/revoke', { permitNo: '110105198800000999' });
    const { db } = await windowStore(u);
    const before = trustStatus(db, NOW, 30, DEMO_ROOTS)!;
    const sync = syncOf(db);
    await sync.runNow();
    expect(sync.state()).toMatchObject({
      problems: [
        { step: 'trust', code: 'trust-list-refused', reason: 'unknown-root', list: 'revocations', message: expect.stringContaining('revocation list') },
        { step: 'csca', code: 'trust-list-refused', reason: 'unknown-root', list: 'csca', message: expect.stringContaining('CSCA list') },
      ],
    });
    expect(trustStatus(db, NOW, 30, DEMO_ROOTS)).toMatchObject({ version: 2, revocationVersion: before.revocationVersion, revoked: before.revoked });
  });

  it('a window with no pinned root takes no list, and says so', async () => {
    const u = await upstream({ trustListPath: listFile(newer) });
    const { db } = await windowStore(u);
    const before = trustStatus(db, NOW, 30, []);
    const sync = createSyncService({ db, events: createCoreEvents(), clock: createTrustedClock(db), trustRoots: [] });
    await sync.runNow();
    expect(sync.state()).toMatchObject({ problems: [{ step: 'trust', code: 'trust-list-refused', reason: 'no-roots' }, { step: 'csca', code: 'trust-list-refused', reason: 'no-roots' }] });
    expect(trustStatus(db, NOW, 30, [])).toEqual(before);
  });
});

describe('a refusal that trying again will not mend', () => {
  it('is kept for its step, with its status, while the other steps run; the next good round clears it', async () => {
    const u = await upstream();
    const { db } = await windowStore(u);
    approve(db);
    await u.fault({ mode: 'status', statusCode: 404, path: '/v1/trust-list' });
    const sync = syncOf(db);
    await sync.runNow();
    expect(sync.state()).toMatchObject({ online: true, problems: [{ step: 'trust', code: 'not-found', status: 404 }] });
    expect((await u.stats()).verificationsCreated).toBe(1);
    await sync.runNow();
    expect(sync.state()).toMatchObject({ online: true, problems: [], lastError: null });
  });

  it('a server that answers 400 for a cursor it does not know: the window starts again from the beginning instead of failing every round', async () => {
    const u = await upstream();
    const { db } = await windowStore(u);
    const sync = syncOf(db);
    await sync.runNow();
    await u.fault({ mode: 'status', statusCode: 400, path: '/v1/cases' });
    await sync.runNow();
    expect(sync.state()).toMatchObject({ online: true, problems: [], reset: { reason: 'cursor-unknown' } });
    expect((await u.stats()).requests['GET /v1/cases']).toBe(3);
  });

  it('the window sends no part of a record it does not have: no QR, card or MRZ, no empty fields or notes', async () => {
    const u = await upstream();
    const { db } = await windowStore(u);
    approve(db);
    const body = JSON.parse(db.prepare("SELECT body FROM outbox WHERE kind = 'verification'").pluck().get() as string);
    expect(body.identity).toEqual({});
    for (const m of body.materials) {
      if ('fields' in m) expect(Object.keys(m.fields).length).toBeGreaterThan(0);
      if ('note' in m) expect(m.note.trim()).not.toBe('');
    }
    // The one null is the contract's own (`override: … | null`).
    expect(Object.entries(body).filter(([, v]) => v === null)).toEqual([['override', null]]);
    await syncOf(db).runNow();
    expect((await u.stats()).verificationsCreated).toBe(1);
  });
});
