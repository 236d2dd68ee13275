import { readFile, stat } from 'node:fs/promises';
import { MAX_IMAGE_BYTES, readMrzImage } from '../core/mrz/read-page';
import { UsageError, printJson } from './usage';

/**
 * `mrz read FILE`: the machine-readable zone read from a JPEG or PNG page image, as one JSON verdict
 * on the last line, exit 0; `ok` only when every check digit holds.
 */
export async function mrz(args: string[]): Promise<void> {
  const [what, file, ...rest] = args;
  if (what !== 'read' || !file || rest.length > 0) throw new UsageError('mrz takes "read FILE" (a JPEG or PNG image)');
  let bytes: Uint8Array;
  try {
    const size = (await stat(file)).size;
    // Refused before it is read: a page image is a few MB.
    bytes = size > MAX_IMAGE_BYTES ? new Uint8Array(MAX_IMAGE_BYTES + 1) : new Uint8Array(await readFile(file));
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  const verdict = await readMrzImage(bytes);
  printJson({ ok: verdict.ok, format: verdict.format, lines: verdict.lines, fields: verdict.fields, problems: verdict.problems });
}
