/** A PDF's text as poppler's pdftotext reads it: an outside reader, not the library that wrote it. */
import { execFileSync } from 'node:child_process';

export function pdfText(file: string, opts: { layout?: boolean } = {}): string {
  return execFileSync('pdftotext', [...(opts.layout ? ['-layout'] : []), file, '-'], { encoding: 'utf8' });
}
