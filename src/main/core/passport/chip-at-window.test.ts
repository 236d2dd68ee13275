/**
 * The passport's chip at the window, through the core as the screens use it: the card watcher hands a
 * passport laid on the reader to the chip desk, which opens it with the key the open verification gives
 * (its MRZ, else the case's passport number and birth date with the expiry typed), reads it and proves it
 * genuine against the CSCA list in force. The read joins the identity cross-check, goes into the record
 * (`identity.chip`) and the upstream copy; a failed passive authentication blocks approval until a
 * supervisor overrides. The passports are virtual chips written from ICAO 9303 with OpenSSL-made PKI.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResult } from '../../../shared/errors';
import type { Method, Params, Result } from '../../../shared/handlers';
import type { ChipRead } from '../../../shared/passport';
import type { CoreEvent } from '../../../shared/permit-qr';
import { makePassport, type MadePassport } from '../../../../test/sim/passport-pki';
import { VirtualPassport } from '../../../../test/sim/virtual-passport';
import { jpeg2000Of } from '../../../../test/support/jpeg2000';
import { td3For } from '../../../../test/support/mrz';
import { createMemoryCardReader } from '../../platform/card-readers/memory';
import { createCore } from '../api/core';
import { getCase } from '../cases/cases';
import { demoCases } from '../demo/demo-cases';
import { updateSettings } from '../settings/settings';
import { pushOutbox } from '../sync/push';
import { client, NOW, onCleanup, runCleanups, TODAY, upstream, windowStore } from '../sync/test-sync';
import { allOriginalsDraft } from '../verification/test-records';

afterEach(runCleanups);

const DEMO_CSCA = join(import.meta.dirname, '..', '..', '..', '..', 'test', 'data', 'passport');
const c0 = demoCases(TODAY)[0];
const a = c0.applicant;
const LINES = td3For({ name: a.name, passportNo: a.passportNo, nationality: a.nationality, birthDate: a.birthDate!, sex: a.sex as 'M' | 'F' }, '320415');
const KEY = { documentNumber: a.passportNo, birthDate: LINES[1].slice(13, 19), expiryDate: '320415' };

let genuine: MadePassport;
let foreign: MadePassport;
let european: MadePassport;
let photo: Buffer;
beforeAll(async () => {
  photo = await sharp({ create: { width: 240, height: 320, channels: 3, background: '#a09080' } }).jpeg({ quality: 85 }).toBuffer();
  const csca = { cert: join(DEMO_CSCA, 'demo-csca.pem'), key: join(DEMO_CSCA, 'demo-csca.key.pem'), der: Buffer.alloc(0) };
  genuine = makePassport({ mrz: LINES, photo, signer: 'ec', csca });
  // Signed under a CSCA of its own, which no list in force holds.
  foreign = makePassport({ mrz: LINES, photo, signer: 'rsa' });
  // Its face image in JPEG 2000, as most European passports hold it.
  european = makePassport({ mrz: LINES, photo: jpeg2000Of(await sharp(photo).png().toBuffer(), 'jp2'), signer: 'ec', csca });
  return () => [genuine, foreign, european].forEach((m) => rmSync(m.dir, { recursive: true, force: true }));
}, 60_000);

const filesOf = (m: MadePassport, dg1 = m.files.dg1) => ({ 0x011e: m.files.com, 0x0101: dg1, 0x0102: m.files.dg2, 0x011d: m.files.sod });

const value = <T>(r: ApiResult<T>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
};

async function window() {
  const u = await upstream();
  const { db } = await windowStore(u);
  updateSettings(db, { cardReader: 'serial' }, 'admin', NOW);
  const reader = createMemoryCardReader('Counter reader');
  const core = createCore({ db, version: 't', now: () => NOW, cardReaders: () => reader.port });
  const reads: ChipRead[] = [];
  let removals = 0;
  core.events.subscribe((e) => {
    if (e.type === 'passport.read') reads.push((e as Extract<CoreEvent, { type: 'passport.read' }>).read);
    if (e.type === 'card.removed') removals++;
  });
  await core.start();
  onCleanup(() => core.stop());
  const as = async (username: string) => {
    const s = core.openSession();
    value(await core.call(s, 'session.signIn', { username, password: `${username}-demo` }));
    return <M extends Method>(m: M, p: Params<M> | Record<string, unknown>) => core.call(s, m, p) as Promise<ApiResult<Result<M>>>;
  };
  const admin = await as('admin');
  value(await admin('passport.importCscas', { base64: readFileSync(join(DEMO_CSCA, 'demo-csca.pem')).toString('base64') }));
  const nextRead = async (after = reads.length) => {
    const end = Date.now() + 15_000;
    while (reads.length <= after) {
      if (Date.now() > end) throw new Error('no passport read announced');
      await new Promise((r) => setTimeout(r, 20));
    }
    return reads[after];
  };
  /** The passport taken off the reader, once the watcher has seen it go. */
  const takeOff = async () => {
    const before = removals;
    reader.remove();
    for (const end = Date.now() + 10_000; removals === before; await new Promise((r) => setTimeout(r, 20))) if (Date.now() > end) throw new Error('the removal was not seen');
  };
  return { u, db, reader, reads, nextRead, takeOff, clerk: await as('clerk'), supervisor: await as('supervisor'), police: await as('police') };
}

describe('the passport chip at the window', () => {
  it('opens the chip with the MRZ the visit has, proves it genuine, matches it with the case, records and sends the verdict', async () => {
    const w = await window();
    const c = getCase(w.db, c0.noticeNo)!;
    // The passport reader's MRZ is in the draft: laying the passport on the reader is the only action.
    value(await w.clerk('verification.saveDraft', { noticeNo: c.noticeNo, draft: allOriginalsDraft(c, { mrz: { line1: LINES[0], line2: LINES[1] } }) }));
    expect(value(await w.clerk('passport.expect', { noticeNo: c.noticeNo }))).toEqual({ key: 'mrz' });
    w.reader.insert(new VirtualPassport(filesOf(genuine), KEY));
    const read = await w.nextRead();
    expect(read).toMatchObject({ ok: true, access: 'BAC', key: 'mrz', noticeNo: c.noticeNo, passiveAuthentication: 'valid', problems: [], photo: { mime: 'image/jpeg', bytes: photo.length } });
    expect(Buffer.from(read.photo!.base64, 'base64').equals(photo)).toBe(true);

    const view = value(await w.clerk('verification.saveDraft', { noticeNo: c.noticeNo, draft: allOriginalsDraft(c, { mrz: { line1: LINES[0], line2: LINES[1] }, chipReadId: read.readId }) }));
    expect(view.chip).toMatchObject({ readId: read.readId, passiveAuthentication: 'valid' });
    expect(view.identity.chip).toEqual({ access: 'BAC', passiveAuthentication: 'valid', documentNumber: a.passportNo });
    const chipRows = view.crossCheck.filter((r) => r.values.chip);
    expect(chipRows.map((r) => r.field).sort()).toEqual(['birthDate', 'name', 'nationality', 'passportNo', 'sex']);
    expect(view.crossCheck.filter((r) => r.differs.includes('chip'))).toEqual([]);
    expect(view.approvalBlockers).toEqual([]);

    const record = value(await w.clerk('verification.signOff', { noticeNo: c.noticeNo, caseVersion: c.version, outcome: 'approved', draft: view.draft!, reasons: [], supplements: [] }));
    expect(record.identity.chip).toEqual({ access: 'BAC', passiveAuthentication: 'valid', documentNumber: a.passportNo });
    expect(await pushOutbox(w.db, client(w.u), () => NOW)).toMatchObject({ refused: 0, failed: null });
    const res = await fetch(`${w.u.url}/v1/verifications/${record.id}`, { headers: { authorization: `Bearer ${w.u.tokens['DEMO/1']}`, 'x-workstation': 'DEMO/1' } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { identity: unknown }).identity).toMatchObject({ chip: { access: 'BAC', passiveAuthentication: 'valid', documentNumber: a.passportNo } });
  }, 60_000);

  it('an altered DG1 and an unknown CSCA each block approval until a supervisor overrides with a reason', async () => {
    const w = await window();
    const c = getCase(w.db, c0.noticeNo)!;
    const draft = allOriginalsDraft(c, { mrz: { line1: LINES[0], line2: LINES[1] } });
    value(await w.clerk('verification.saveDraft', { noticeNo: c.noticeNo, draft }));
    value(await w.clerk('passport.expect', { noticeNo: c.noticeNo }));
    // One character of the chip's MRZ changed after the state signed it.
    const altered = Buffer.from(genuine.files.dg1);
    altered[10] = altered[10] === 0x58 ? 0x59 : 0x58;
    w.reader.insert(new VirtualPassport(filesOf(genuine, altered), KEY));
    const bad = await w.nextRead();
    expect(bad).toMatchObject({ ok: false, passiveAuthentication: 'hash-mismatch', problems: ['hash-mismatch:DG1'] });
    let view = value(await w.clerk('verification.saveDraft', { noticeNo: c.noticeNo, draft: { ...draft, chipReadId: bad.readId } }));
    expect(view.approvalBlockers).toContain('chip');
    expect(view.plan.steps.states.identity).toBe('blocked');
    const signOff = { noticeNo: c.noticeNo, caseVersion: c.version, outcome: 'approved', draft: view.draft!, reasons: [], supplements: [] };
    const refused = await w.clerk('verification.signOff', signOff);
    expect(refused.ok ? null : refused.error.code).toBe('approval-blocked');

    // Another passport, signed under a CSCA no list in force holds.
    await w.takeOff();
    w.reader.insert(new VirtualPassport(filesOf(foreign), KEY));
    const unknown = await w.nextRead(w.reads.length);
    expect(unknown).toMatchObject({ passiveAuthentication: 'unknown-csca' });
    view = value(await w.clerk('verification.saveDraft', { noticeNo: c.noticeNo, draft: { ...draft, chipReadId: unknown.readId } }));
    expect(view.approvalBlockers).toContain('chip');
    const record = value(await w.clerk('verification.signOff', { ...signOff, draft: view.draft!, override: { username: 'supervisor', password: 'supervisor-demo', reason: 'State CSCA not yet in the list; passport checked by hand.' } }));
    expect(record.identity.chip).toEqual({ access: 'BAC', passiveAuthentication: 'unknown-csca', documentNumber: a.passportNo });
    expect(record.override?.by).toBe('supervisor');
  }, 60_000);

  it('without an MRZ asks for the expiry date and opens the passport left on the reader once it is typed; a wrong key says access denied', async () => {
    const w = await window();
    const c = getCase(w.db, c0.noticeNo)!;
    expect(value(await w.clerk('passport.expect', { noticeNo: c.noticeNo }))).toEqual({ key: null });
    w.reader.insert(new VirtualPassport(filesOf(genuine), KEY));
    expect(await w.nextRead()).toMatchObject({ ok: false, access: null, key: null, problems: ['no-key'] });
    // The wrong last day: the chip stays shut, and says so.
    expect(value(await w.clerk('passport.expect', { noticeNo: c.noticeNo, expiryDate: '2032-04-16' }))).toEqual({ key: 'case' });
    const denied = await w.nextRead(1);
    expect(denied).toMatchObject({ ok: false, access: null, key: 'case', dg1: null, problems: ['access-denied'] });
    // A read that did not open is no evidence: named in the draft, it records nothing.
    const view = value(await w.clerk('verification.saveDraft', { noticeNo: c.noticeNo, draft: allOriginalsDraft(c, { chipReadId: denied.readId }) }));
    expect(view.identity.chip).toBeNull();
    // The right one, typed as the page prints it: the passport still on the reader is opened.
    value(await w.clerk('passport.expect', { noticeNo: c.noticeNo, expiryDate: '2032-04-15' }));
    expect(await w.nextRead(2)).toMatchObject({ ok: true, key: 'case', passiveAuthentication: 'valid' });
  }, 60_000);

  it('records a passport without a chip as such, blocking nothing; the police screen opens a chip with the MRZ line it typed', async () => {
    const w = await window();
    const c = getCase(w.db, c0.noticeNo)!;
    const view = value(await w.clerk('verification.saveDraft', { noticeNo: c.noticeNo, draft: allOriginalsDraft(c, { chipAbsent: true }) }));
    expect(view.identity.chip).toEqual({ access: null, passiveAuthentication: 'no-chip', documentNumber: null });
    expect(view.approvalBlockers).toEqual([]);
    const record = value(await w.clerk('verification.signOff', { noticeNo: c.noticeNo, caseVersion: c.version, outcome: 'approved', draft: view.draft!, reasons: [], supplements: [] }));
    expect(record.identity.chip).toMatchObject({ passiveAuthentication: 'no-chip' });

    // The police screen: a case's data is not theirs to open a chip with; the MRZ line is.
    const refused = await w.police('passport.expect', { noticeNo: c.noticeNo });
    expect(refused.ok ? null : refused.error.code).toBe('forbidden');
    value(await w.police('passport.expect', { mrz: LINES[1] }));
    w.reader.insert(new VirtualPassport(filesOf(european), KEY, { pace: { cipher: 'AES-128', parameterId: 13, refuseBac: true } }));
    const read = await w.nextRead();
    expect(read).toMatchObject({ ok: true, access: 'PACE', key: 'typed', noticeNo: null, passiveAuthentication: 'valid', dg1: { fields: { documentNumber: a.passportNo } }, photo: { mime: 'image/jp2' } });
    // The JPEG 2000 face, decoded for the screen.
    expect((await sharp(Buffer.from(read.faceJpeg!, 'base64')).metadata()).format).toBe('jpeg');
    const bad = await w.police('passport.expect', { mrz: 'short' });
    expect(bad.ok ? null : bad.error.code).toBe('invalid-request');
  }, 60_000);
});
