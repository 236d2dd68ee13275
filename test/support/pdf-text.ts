/** A PDF's text as poppler's pdftotext reads it: an outside reader, not the library that wrote it. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function pdfText(file: string, opts: { layout?: boolean } = {}): string {
  return execFileSync('pdftotext', [...(opts.layout ? ['-layout'] : []), file, '-'], { encoding: 'utf8' });
}

/** Pixels with ink on a PDF's first page as poppler renders it (72 dpi, grey): what a drawing adds shows here. */
export function pdfInkPixels(pdf: Buffer): number {
  const dir = mkdtempSync(join(tmpdir(), 'acw-ink-'));
  writeFileSync(join(dir, 'p.pdf'), pdf);
  execFileSync('pdftoppm', ['-gray', '-r', '72', '-f', '1', '-l', '1', '-singlefile', join(dir, 'p.pdf'), join(dir, 'p')]);
  const pgm = readFileSync(join(dir, 'p.pgm'));
  // P5: the magic, width, height and maxval, then one byte a pixel.
  const [, width, height] = pgm.subarray(0, 40).toString('latin1').split(/\s+/);
  const pixels = pgm.subarray(pgm.length - Number(width) * Number(height));
  return pixels.reduce((n, v) => n + (v < 192 ? 1 : 0), 0);
}
