import { z } from 'zod';
import { EVIDENCE_BASE64_MAX } from '../../../shared/evidence';
import type { CaptureHandlers } from '../../../shared/handlers';
import type { VerificationView } from '../../../shared/verification';
import { appendAudit } from '../audit/audit';
import type { CallContext, HandlerTable } from '../calls/handler-spec';
import { chinaDate } from '../dates/calendar';
import { DocumentCameraError, type DocumentCameraFactory } from '../evidence/camera-port';
import { dropDraftImage, keepDraftImage } from '../evidence/images';
import { ImageRefused, prepareImage } from '../evidence/prepare';
import { ApiFailure } from '../failures/failure';
import { readMrzImage } from '../mrz/read-page';
import { getSettings } from '../settings/settings';
import { captureModeOf } from '../verification/capture-modes';
import { emptyDraft, getDraft, saveDraft } from '../verification/drafts';
import { checklistFor } from '../verification/materials';
import { getCase } from '../cases/cases';
import { verificationView, type VerificationPorts } from './handlers';
import { fillFromMrz, MRZ_PAGES } from './mrz-fill';

/** What capture uses besides the verification's ports: the host's adapter for a vendor's capture service. */
type CapturePorts = VerificationPorts & { documentCameras: DocumentCameraFactory | null };

const noticeNo = z.string().min(1).max(64);

/** A picture from the vendor's service the settings name; the UVC camera's frame comes from the screen instead. */
async function fromDevice(ctx: CallContext<CapturePorts>): Promise<{ bytes: Uint8Array; device: string }> {
  const settings = getSettings(ctx.db);
  if (settings.documentCamera !== 'eloam' || !ctx.documentCameras) throw new ApiFailure('no-document-camera', 'No capture service is set up: the screen sends the camera frame itself.');
  try {
    return await ctx.documentCameras(settings.documentCameraUrl).capture();
  } catch (err) {
    if (err instanceof DocumentCameraError) throw new ApiFailure('no-document-camera', err.message);
    throw err;
  }
}

export const captureHandlers: HandlerTable<Pick<CaptureHandlers, 'verification.capture' | 'verification.dropImage'>, CapturePorts> = {
  'verification.capture': {
    changesVisit: true,
    access: ['clerk', 'supervisor'],
    input: z.strictObject({
      noticeNo,
      material: z.string().regex(/^[a-z0-9-]{1,64}$/),
      // The frame the screen took from a UVC camera; absent: the core asks the vendor's service.
      base64: z.string().max(EVIDENCE_BASE64_MAX).regex(/^[A-Za-z0-9+/]*={0,2}$/).optional(),
      device: z.string().trim().max(120).optional(),
    }),
    run: async (ctx, p): Promise<VerificationView> => {
      const c = getCase(ctx.db, p.noticeNo);
      if (!c) throw new ApiFailure('not-found', 'No case has that notice number.');
      const item = checklistFor(c).find((i) => i.code === p.material);
      if (!item) throw new ApiFailure('invalid-request', 'That material is not on the case’s checklist.', ['material']);
      if (captureModeOf(getSettings(ctx.db), item.code) === 'off') throw new ApiFailure('invalid-request', 'This office takes no image of that material (Settings).', ['material']);
      const picture = p.base64 !== undefined ? { bytes: Buffer.from(p.base64, 'base64'), device: p.device || 'camera' } : await fromDevice(ctx);
      let image;
      try {
        image = await prepareImage(picture.bytes);
      } catch (err) {
        if (err instanceof ImageRefused) throw new ApiFailure(err.reason === 'too-large' ? 'too-large' : 'not-an-image', err.message, ['image']);
        throw err;
      }
      // The page as kept first; the frame as taken when that does not read (a page cut too close to its zone).
      let mrz = MRZ_PAGES[item.code] ? await readMrzImage(image.jpeg) : null;
      if (mrz && !mrz.ok && image.cropped) {
        const whole = await readMrzImage(picture.bytes);
        if (whole.ok) mrz = whole;
      }
      const now = ctx.now();
      const actor = ctx.session.account!.username;
      ctx.db.transaction(() => {
        const kept = keepDraftImage(ctx.db, { noticeNo: c.noticeNo, material: item.code, image, mrz, device: picture.device, by: actor, now });
        if (mrz) {
          const draft = getDraft(ctx.db, c.noticeNo) ?? emptyDraft();
          const filled = fillFromMrz(draft, item, mrz, chinaDate(now));
          if (filled !== draft) saveDraft(ctx.db, c.noticeNo, filled, actor, now);
        }
        appendAudit(ctx.db, { at: now.toISOString(), actor, action: 'evidence.captured', target: `${c.noticeNo} ${item.code} ${kept.id} ${kept.sha256.slice(0, 16)}` });
      })();
      return verificationView(ctx, c.noticeNo);
    },
  },
  'verification.dropImage': {
    changesVisit: true,
    access: ['clerk', 'supervisor'],
    input: z.strictObject({ noticeNo, id: z.string().uuid() }),
    run: (ctx, p) => {
      const now = ctx.now();
      ctx.db.transaction(() => {
        if (!dropDraftImage(ctx.db, p.noticeNo, p.id)) throw new ApiFailure('not-found', 'No image of this visit has that id (a signed-off record’s images are kept).');
        appendAudit(ctx.db, { at: now.toISOString(), actor: ctx.session.account!.username, action: 'evidence.dropped', target: `${p.noticeNo} ${p.id}` });
      })();
      return verificationView(ctx, p.noticeNo);
    },
  },
};
