import { createQrDecoder } from '../../../lib/qr-decode/decoder';
import type { ImageDataLike } from '../../../lib/qr-decode/image';
import { zxingRead } from './zxing-node';

/** The app's decoder (plain zxing-wasm, then its retries) in Node. */
export const decodeQrPixels = createQrDecoder((image: ImageDataLike, options) =>
  zxingRead({ ...image, colorSpace: 'srgb' }, options as Parameters<typeof zxingRead>[1]),
);
