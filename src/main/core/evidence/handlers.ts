import { z } from 'zod';
import type { CaptureHandlers } from '../../../shared/handlers';
import type { HandlerTable } from '../calls/handler-spec';
import { ApiFailure } from '../failures/failure';
import { caseImages, imageBytes, imageView } from './images';

/**
 * Seeing the images: a clerk sees the images of a visit in progress (the draft's), a supervisor every
 * image of a case, the signed-off records' included. The bytes leave the core only as the answer to
 * one of these calls, never in a log or an event.
 */
export const evidenceHandlers: HandlerTable<Pick<CaptureHandlers, 'evidence.image' | 'evidence.ofCase'>> = {
  'evidence.image': {
    access: ['clerk', 'supervisor'],
    input: z.strictObject({ id: z.string().uuid() }),
    run: (ctx, p) => {
      const image = imageView(ctx.db, p.id);
      const role = ctx.session.account!.role;
      if (!image || (image.verificationId !== null && role !== 'supervisor')) throw new ApiFailure('not-found', 'No image by that id that you may see.');
      const bytes = imageBytes(ctx.db, p.id);
      return { id: image.id, dataUrl: bytes ? `data:image/jpeg;base64,${bytes.toString('base64')}` : null, purgedAt: image.purgedAt };
    },
  },
  'evidence.ofCase': {
    access: ['supervisor'],
    input: z.strictObject({ noticeNo: z.string().min(1).max(64) }),
    run: (ctx, p) => caseImages(ctx.db, p.noticeNo),
  },
};
