// Draws the 37 characters of the machine-readable zone (A–Z, 0–9, <) in the OCR-B font, each in its
// character cell, and writes them as the page reader's templates (src/main/core/mrz/ocr-b-glyphs.json).
// Run once when the templates change: `node scripts/make-ocr-b-glyphs.mjs [OUT.json]`. The font is
// Debian's fonts-ocr-b (Matthew Skala's OCR-B, public domain; see resources/licences/OCR-B.txt); the
// app ships only the small grey grids this writes, so it needs no font at run time.
import { writeFileSync } from 'node:fs';
import sharp from 'sharp';

const FONT_FAMILY = 'OCR B';
const SIZE = 400; // px per em: large, so that the grid is an average over many pixels
export const GRID_W = 16;
export const GRID_H = 24;
const CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<';

const svgText = (text, width, height, x, y) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="white"/>` +
  `<text x="${x}" y="${y}" font-family="${FONT_FAMILY}" font-size="${SIZE}" xml:space="preserve">${text.replace(/</g, '&lt;')}</text></svg>`;

async function inkBox(text) {
  const { info } = await sharp(Buffer.from(svgText(text, SIZE * 30, SIZE * 2, SIZE, SIZE * 1.5))).trim({ threshold: 60 }).toBuffer({ resolveWithObject: true });
  return { left: -info.trimOffsetLeft, top: -info.trimOffsetTop, width: info.width, height: info.height };
}

const one = await inkBox('H');
const many = await inkBox('H'.repeat(21));
const advance = (many.width - one.width) / 20;
const capTop = one.top;
const capHeight = one.height;
const baseline = SIZE * 1.5;
if (Math.abs(capTop + capHeight - baseline) > 8) throw new Error(`the font ${FONT_FAMILY} is not installed (or not OCR-B): H sits off its baseline`);

// The cell: one advance wide, from 0.2 cap heights above the capitals to 0.2 below the baseline.
const cellTop = capTop - 0.2 * capHeight;
const cellHeight = 1.4 * capHeight;
const glyphs = {};
for (const c of CHARS) {
  const width = Math.ceil(advance);
  const height = Math.ceil(cellHeight);
  const svg = svgText(c, width, height, 0, baseline - cellTop);
  const { data } = await sharp(Buffer.from(svg)).greyscale().resize(GRID_W, GRID_H, { fit: 'fill', kernel: 'linear' }).raw().toBuffer({ resolveWithObject: true });
  glyphs[c] = Buffer.from(data).toString('base64');
}

const out = {
  about: `OCR-B (${FONT_FAMILY}, Matthew Skala, public domain) drawn by scripts/make-ocr-b-glyphs.mjs: each character's cell, ${GRID_W}×${GRID_H} grey levels, row by row`,
  gridWidth: GRID_W,
  gridHeight: GRID_H,
  // Where the capitals sit in the cell, as fractions of its height.
  capTop: 0.2 / 1.4,
  capBottom: 1.2 / 1.4,
  pitchOverCapHeight: advance / capHeight,
  glyphs,
};
writeFileSync(process.argv[2] ?? 'src/main/core/mrz/ocr-b-glyphs.json', JSON.stringify(out, null, 1) + '\n');
console.log(`advance ${advance.toFixed(1)} px, cap height ${capHeight} px, pitch/cap ${(advance / capHeight).toFixed(3)}`);
