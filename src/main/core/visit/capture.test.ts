import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiResult } from '../../../shared/errors';
import type { Method, Params, Result } from '../../../shared/handlers';
import type { PermitCase } from '../../../shared/cases';
import type { VerificationView } from '../../../shared/verification';
import { td3For } from '../../../../test/support/mrz';
import { pageImage, type MrzSample } from '../../../../test/support/mrz-pages';
import { createCore } from '../api/core';
import { checkAuditChain } from '../audit-check/chain-check';
import { getCase } from '../cases/cases';
import { demoCases } from '../demo/demo-cases';
import { purgeAcknowledged } from '../evidence/images';
import { outboxCounts } from '../outbox/outbox';
import { updateSettings } from '../settings/settings';
import { pushOutbox } from '../sync/push';
import { reconcileSent, startReset } from '../sync/reconcile';
import { client, NOW, runCleanups, TODAY, upstream, windowStore } from '../sync/test-sync';
import { allOriginalsDraft } from '../verification/test-records';
import { eloamCamera } from '../../platform/document-camera/eloam';
import { startEloamStandIn } from '../../../../test/support/eloam-standin';

afterEach(runCleanups);

/** The case's passport data page as a document camera sees it, its MRZ made from the case (or another passport number). */
async function passportPage(c: PermitCase, seed: number, passportNo = c.applicant.passportNo): Promise<string> {
  const a = c.applicant;
  const lines = td3For({ name: a.name, passportNo, nationality: a.nationality, birthDate: a.birthDate!, sex: a.sex as 'M' | 'F' });
  const sample: MrzSample = { format: 'TD3', lines };
  return (await pageImage(sample, { kind: 'camera', seed })).toString('base64');
}

async function window(documentCameras?: (url: string) => ReturnType<typeof eloamCamera>) {
  const u = await upstream();
  const { db, dbPath } = await windowStore(u);
  const core = createCore({ db, version: 't', now: () => NOW, documentCameras });
  const session = core.openSession();
  await core.call(session, 'session.signIn', { username: 'clerk', password: 'clerk-demo' });
  const call = <M extends Method>(m: M, p: Params<M> | Record<string, unknown>) => core.call(session, m, p) as Promise<ApiResult<Result<M>>>;
  const supervisor = core.openSession();
  await core.call(supervisor, 'session.signIn', { username: 'supervisor', password: 'supervisor-demo' });
  const asSupervisor = <M extends Method>(m: M, p: Params<M> | Record<string, unknown>) => core.call(supervisor, m, p) as Promise<ApiResult<Result<M>>>;
  return { u, db, dbPath, call, asSupervisor };
}

const value = <T>(r: ApiResult<T>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
};

// The demo's first case: Category B, awaiting its verification.
const caseOf = (db: Parameters<typeof getCase>[0]) => getCase(db, demoCases(TODAY)[0].noticeNo)!;

describe('the originals taken by the document camera at the verification', () => {
  it('finds and straightens the passport page, keeps it encrypted, reads its MRZ, which fills the passport and agrees with the case', async () => {
    const w = await window();
    const c = caseOf(w.db);
    const view = value(await w.call('verification.capture', { noticeNo: c.noticeNo, material: 'passport', base64: await passportPage(c, 11), device: 'Fake document camera' }));
    expect(view.images).toHaveLength(1);
    const [image] = view.images;
    expect(image).toMatchObject({ material: 'passport', cropped: true, device: 'Fake document camera', verificationId: null, mrz: { ok: true, format: 'TD3' } });
    expect(image.thumb).toMatch(/^data:image\/jpeg;base64,/);
    expect(image.bytes).toBeLessThanOrEqual(400 * 1024);
    expect(view.draft?.mrz?.line2.slice(0, 9).replace(/<+$/, '')).toBe(c.applicant.passportNo);
    expect(view.draft?.materials.find((m) => m.code === 'passport')).toMatchObject({ evidence: 'original_seen', fields: { passportNo: c.applicant.passportNo, nationality: c.applicant.nationality, birthDate: c.applicant.birthDate } });
    expect(view.identity.mrz).toBe(true);
    expect(view.crossCheck.filter((r) => r.differs.includes('mrz'))).toEqual([]);
    // The store is encrypted: the image's bytes are nowhere in the file as they are.
    const jpeg = Buffer.from(value(await w.call('evidence.image', { id: image.id })).dataUrl!.split(',')[1], 'base64');
    expect((await sharp(jpeg).metadata()).format).toBe('jpeg');
    w.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(readFileSync(w.dbPath).includes(jpeg.subarray(200, 264))).toBe(false);
  }, 30_000);

  it('stands out and blocks approval when the page’s MRZ names another passport, as a typed one does', async () => {
    const w = await window();
    const c = caseOf(w.db);
    const view = value(await w.call('verification.capture', { noticeNo: c.noticeNo, material: 'passport', base64: await passportPage(c, 12, 'X1234567') }));
    expect(view.images[0].mrz).toMatchObject({ ok: true, fields: { documentNumber: 'X1234567' } });
    expect(view.crossCheck.find((r) => r.field === 'passportNo')).toMatchObject({ differs: ['mrz'] });
    expect(view.problems).toContainEqual(expect.objectContaining({ code: 'passport', field: 'passportNo', problem: 'differs-from-case' }));
    expect(view.approvalBlockers).toContain('identity');
    const draft = { ...allOriginalsDraft(c), mrz: view.draft!.mrz };
    const refused = await w.call('verification.signOff', { noticeNo: c.noticeNo, caseVersion: c.version, outcome: 'approved', draft, reasons: [], supplements: [] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'approval-blocked' } });
  }, 30_000);

  it('binds the images into the record; they reach the authority once, and again after a restored server', async () => {
    const w = await window();
    const c = caseOf(w.db);
    value(await w.call('verification.capture', { noticeNo: c.noticeNo, material: 'passport', base64: await passportPage(c, 13) }));
    const medical = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#4a4038' } })
      .composite([{ input: await sharp({ create: { width: 700, height: 990, channels: 3, background: '#fafafa' } }).png().toBuffer(), left: 450, top: 100 }])
      .jpeg()
      .toBuffer();
    const view = value(await w.call('verification.capture', { noticeNo: c.noticeNo, material: 'medical-report', base64: medical.toString('base64') })) as VerificationView;
    expect(view.images.map((i) => [i.material, i.cropped])).toEqual([['passport', true], ['medical-report', true]]);
    const draft = { ...view.draft!, materials: allOriginalsDraft(c).materials, mrz: view.draft!.mrz };
    const record = value(await w.call('verification.signOff', { noticeNo: c.noticeNo, caseVersion: c.version, outcome: 'approved', draft, reasons: [], supplements: [] }));
    expect(record.images?.map((i) => [i.material, i.sha256])).toEqual(view.images.map((i) => [i.material, i.sha256]));
    // Sent: the images, then the record naming them; again, nothing more is sent.
    expect(await pushOutbox(w.db, client(w.u), () => NOW)).toMatchObject({ sent: 3, refused: 0, failed: null });
    expect(await pushOutbox(w.db, client(w.u), () => NOW)).toMatchObject({ sent: 0 });
    expect(await w.u.stats()).toMatchObject({ evidenceCreated: 2, evidenceReplayed: 0, verificationsCreated: 1 });
    const held = await fetch(`${w.u.url}/v1/evidence/${record.images![0].id}`, { headers: { Authorization: `Bearer ${w.u.tokens['DEMO/1']}`, 'X-Workstation': 'DEMO/1' } });
    expect(await held.json()).toEqual({ id: record.images![0].id, sha256: record.images![0].sha256, size: expect.any(Number) });
    // A restored server (an empty one at the same address) lacks them: the window finds out and sends them again.
    const restored = await upstream();
    startReset(w.db, 'records-missing', NOW);
    await reconcileSent(w.db, client(restored), () => NOW);
    expect(await pushOutbox(w.db, client(restored), () => NOW)).toMatchObject({ sent: 3, refused: 0 });
    expect(await restored.stats()).toMatchObject({ evidenceCreated: 2, verificationsCreated: 1 });
    expect(outboxCounts(w.db).pending).toBe(0);
  }, 60_000);

  it('lets audit verify name an image changed or removed in the store, and not one let go after the authority acknowledged it', async () => {
    const w = await window();
    const c = caseOf(w.db);
    const view = value(await w.call('verification.capture', { noticeNo: c.noticeNo, material: 'passport', base64: await passportPage(c, 14) }));
    const draft = { ...view.draft!, materials: allOriginalsDraft(c).materials, mrz: view.draft!.mrz };
    const record = value(await w.call('verification.signOff', { noticeNo: c.noticeNo, caseVersion: c.version, outcome: 'approved', draft, reasons: [], supplements: [] }));
    const id = record.images![0].id;
    expect((await checkAuditChain(w.db, { head: null })).intact).toBe(true);
    const original = w.db.prepare('SELECT data FROM evidence_images WHERE id = ?').pluck().get(id) as Buffer;
    const altered = Buffer.from(original);
    altered[altered.length - 10] ^= 0xff;
    w.db.prepare('UPDATE evidence_images SET data = ? WHERE id = ?').run(altered, id);
    expect((await checkAuditChain(w.db, { head: null })).firstBroken).toMatchObject({ problem: 'image-changed', record: `image:${id}` });
    w.db.prepare('UPDATE evidence_images SET data = NULL WHERE id = ?').run(id);
    expect((await checkAuditChain(w.db, { head: null })).firstBroken).toMatchObject({ problem: 'image-missing', record: `image:${id}` });
    w.db.prepare('UPDATE evidence_images SET data = ? WHERE id = ?').run(original, id);
    expect((await checkAuditChain(w.db, { head: null })).intact).toBe(true);
    // Acknowledged, then kept for the set days, then let go (audited): the chain still holds.
    await pushOutbox(w.db, client(w.u), () => NOW);
    expect(purgeAcknowledged(w.db, 90, new Date(NOW.getTime() + 89 * 86_400_000))).toBe(0);
    expect(purgeAcknowledged(w.db, 90, new Date(NOW.getTime() + 91 * 86_400_000))).toBe(1);
    expect((await checkAuditChain(w.db, { head: null })).intact).toBe(true);
    expect(value(await w.asSupervisor('evidence.image', { id }))).toMatchObject({ dataUrl: null, purgedAt: expect.any(String) });
    w.db.prepare('DELETE FROM evidence_images WHERE id = ?').run(id);
    expect((await checkAuditChain(w.db, { head: null })).firstBroken).toMatchObject({ problem: 'image-missing' });
  }, 60_000);

  it('replaces an image retaken, drops one, refuses what is no image, and requires one where the office says so', async () => {
    const w = await window();
    const c = caseOf(w.db);
    const first = value(await w.call('verification.capture', { noticeNo: c.noticeNo, material: 'passport', base64: await passportPage(c, 15) }));
    const again = value(await w.call('verification.capture', { noticeNo: c.noticeNo, material: 'passport', base64: await passportPage(c, 16) }));
    expect(again.images).toHaveLength(1);
    expect(again.images[0].id).not.toBe(first.images[0].id);
    // A clerk sees the visit's own images; the case's images as a whole are a supervisor's.
    expect(await w.call('evidence.ofCase', { noticeNo: c.noticeNo })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(value(await w.asSupervisor('evidence.ofCase', { noticeNo: c.noticeNo }))).toHaveLength(1);
    expect(value(await w.call('verification.dropImage', { noticeNo: c.noticeNo, id: again.images[0].id })).images).toEqual([]);
    expect(await w.call('verification.capture', { noticeNo: c.noticeNo, material: 'passport', base64: Buffer.from('not an image at all').toString('base64') })).toMatchObject({ ok: false, error: { code: 'not-an-image' } });
    expect(await w.call('verification.capture', { noticeNo: c.noticeNo, material: 'no-such-material', base64: 'AAAA' })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    // Without a frame from the screen, the core asks the vendor's service, and there is none here.
    expect(await w.call('verification.capture', { noticeNo: c.noticeNo, material: 'passport' })).toMatchObject({ ok: false, error: { code: 'no-document-camera' } });
    updateSettings(w.db, { captureModes: { passport: 'required', contract: 'off' } }, 'admin', NOW);
    expect(await w.call('verification.capture', { noticeNo: c.noticeNo, material: 'contract', base64: 'AAAA' })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    const saved = value(await w.call('verification.saveDraft', { noticeNo: c.noticeNo, draft: allOriginalsDraft(c) }));
    expect(saved.problems).toContainEqual(expect.objectContaining({ code: 'passport', problem: 'image-missing' }));
    expect(saved.captureModes).toMatchObject({ passport: 'required', contract: 'off', 'medical-report': 'optional' });
    expect(saved.approvalBlockers).toContain('materials');
  }, 60_000);

  it('takes the picture from the vendor’s capture service the settings name, when the screen sends no frame', async () => {
    const standIn = await startEloamStandIn();
    try {
      const w = await window(eloamCamera);
      const c = caseOf(w.db);
      updateSettings(w.db, { documentCamera: 'eloam', documentCameraUrl: standIn.url }, 'admin', NOW);
      standIn.place(Buffer.from(await passportPage(c, 17), 'base64'));
      const view = value(await w.call('verification.capture', { noticeNo: c.noticeNo, material: 'passport' }));
      expect(view.images[0]).toMatchObject({ device: `Eloam WebCamera ${standIn.url}`, mrz: { ok: true } });
      standIn.place(null);
      expect(await w.call('verification.capture', { noticeNo: c.noticeNo, material: 'passport' })).toMatchObject({ ok: false, error: { code: 'no-document-camera' } });
    } finally {
      await standIn.close();
    }
  }, 30_000);
});
