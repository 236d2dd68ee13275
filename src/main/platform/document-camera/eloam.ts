import { Agent, fetch } from 'undici';
import { DocumentCameraError, type DocumentCameraPort } from '../../core/evidence/camera-port';

/**
 * Eloam's (良田) WebCamera service: a local HTTP server that drives the document camera and returns a
 * cropped, high-resolution picture. `POST {url}/video=grabimage` with
 * `{"filepath":"base64","rotate":"0","cutpage":"1","camidx":"0","ColorMode":"0","quality":"3"}` answers
 * `{"code":"0","photoBase64":"…"}` (code other than "0": no picture). As documented in the vendor's
 * published demos (see docs/document-camera.md). Only an address on this computer is taken (Settings).
 */

/** Larger than any picture a document camera returns (a 24-megapixel JPEG), read no further. */
const MAX_ANSWER = 40 * 1024 * 1024;
const TIMEOUT_MS = 15_000;

export interface EloamOptions {
  /** Main camera 0, the secondary (face) camera 1. */
  camIndex?: 0 | 1;
  /** Let the service cut the page out of the frame (its own page finder). */
  cutPage?: boolean;
}

export function eloamCamera(url: string, opts: EloamOptions = {}): DocumentCameraPort {
  const base = url.replace(/\/+$/, '');
  // Its own connections: a slow camera never holds up the upstream link's.
  const dispatcher = new Agent({ connections: 1 });
  return {
    async capture() {
      let text: string;
      try {
        const res = await fetch(`${base}/video=grabimage`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ filepath: 'base64', rotate: '0', cutpage: opts.cutPage === false ? '0' : '1', camidx: String(opts.camIndex ?? 0), ColorMode: '0', quality: '3' }),
          signal: AbortSignal.timeout(TIMEOUT_MS),
          dispatcher,
        });
        if (Number(res.headers.get('content-length') ?? 0) > MAX_ANSWER) throw new DocumentCameraError('no-picture', 'the capture service sent more than a picture');
        text = await readLimited(res.body);
        if (!res.ok) throw new DocumentCameraError('no-picture', `the capture service answered HTTP ${res.status}`);
      } catch (err) {
        if (err instanceof DocumentCameraError) throw err;
        const e = err as Error;
        if (e.name === 'TimeoutError' || e.name === 'AbortError') throw new DocumentCameraError('timeout', `no picture within ${TIMEOUT_MS / 1000} s`);
        throw new DocumentCameraError('not-running', `the capture service at ${base} does not answer (${(e as { cause?: { code?: string } }).cause?.code ?? e.message})`);
      }
      let answer: { code?: unknown; photoBase64?: unknown };
      try {
        answer = JSON.parse(text) as typeof answer;
      } catch {
        throw new DocumentCameraError('no-picture', 'the capture service answered something that is not JSON');
      }
      if (String(answer.code) !== '0' || typeof answer.photoBase64 !== 'string') throw new DocumentCameraError('no-picture', `the capture service gave no picture (code ${String(answer.code)})`);
      // Some versions prefix a data URL's header.
      const b64 = answer.photoBase64.replace(/^data:image\/[a-z]+;base64,/, '');
      if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) throw new DocumentCameraError('no-picture', 'the picture is not base64');
      return { bytes: Buffer.from(b64, 'base64'), device: `Eloam WebCamera ${base}` };
    },
  };
}

async function readLimited(body: AsyncIterable<Uint8Array> | null): Promise<string> {
  if (!body) return '';
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > MAX_ANSWER) throw new DocumentCameraError('no-picture', 'the capture service sent more than a picture');
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks).toString('utf8');
}
