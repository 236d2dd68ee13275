/**
 * Page images with a machine-readable zone, made for the reader's tests and benchmark: a data page of
 * a passport (TD3, 125×88 mm), a visa sticker (MRV-A 120×80, MRV-B 105×74), a card (TD1 85.6×54, TD2
 * 105×74), drawn with the OCR-B font at its 10 characters per inch (ICAO 9303 Part 3), either as a
 * clean scan or as a document camera sees it: a page on a desk at 120–150 dpi, turned, lit unevenly,
 * out of focus, JPEG. The MRZ lines and their check digits are made here from the standard, apart
 * from the app's code. Needs Debian's fonts-ocr-b.
 */
import sharp from 'sharp';

const value = (ch: string) => (ch === '<' ? 0 : /\d/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 55);
const digit = (s: string) => String([...s].reduce((sum, ch, i) => sum + value(ch) * [7, 3, 1][i % 3], 0) % 10);

export type PageFormat = 'TD3' | 'MRV-A' | 'MRV-B' | 'TD1' | 'TD2';

/** A small deterministic generator (mulberry32), so a seed names a set of pages. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = ['SMITH', 'MUELLER', 'GARCIA<LOPEZ', 'OKAFOR', 'NGUYEN', 'KOWALSKI', 'DUBOIS', 'IVANOVA', 'ROSSI', 'TANAKA', 'OCONNOR', 'VAN<DER<BERG', 'AL<RASHID', 'SILVA', 'JOHANSSON', 'PETROV', 'KIM', 'HERNANDEZ'];
const GIVEN = ['JOHN<PAUL', 'ANNA<MARIA', 'WEI', 'OLUWASEUN', 'JEAN<PIERRE', 'SOFIA', 'MICHAEL', 'AMIRA', 'LUCAS', 'YUKI', 'PRIYA', 'TOMASZ', 'ELENA', 'DAVID<JAMES', 'QUENTIN', 'XAVIER', 'ZOE'];
const STATES = ['GBR', 'USA', 'DEU', 'FRA', 'D<<', 'CAN', 'AUS', 'JPN', 'KOR', 'RUS', 'NGA', 'BRA', 'IND', 'ITA', 'ESP', 'NLD', 'POL', 'VNM', 'UTO', 'CHN'];

export interface MrzSample {
  format: PageFormat;
  lines: string[];
}

function pick<T>(r: () => number, xs: T[]): T {
  return xs[Math.floor(r() * xs.length)];
}
function alnum(r: () => number, n: number): string {
  const cs = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  let s = '';
  for (let i = 0; i < n; i++) s += i === 0 ? cs[Math.floor(r() * 26)] : cs[Math.floor(r() * cs.length)];
  return s;
}
function digits(r: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += Math.floor(r() * 10);
  return s;
}
function date(r: () => number, from: number, to: number): string {
  const y = from + Math.floor(r() * (to - from));
  const m = 1 + Math.floor(r() * 12);
  const d = 1 + Math.floor(r() * 28);
  return `${String(y % 100).padStart(2, '0')}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}`;
}
const pad = (s: string, n: number) => s.slice(0, n).padEnd(n, '<');

/** A random, well-formed MRZ of a format. */
export function sampleMrz(r: () => number, format: PageFormat): MrzSample {
  const name = `${pick(r, SURNAMES)}<<${pick(r, GIVEN)}`;
  const state = pick(r, STATES);
  const nationality = r() < 0.7 ? state : pick(r, STATES);
  const birth = date(r, 1950, 2004);
  const expiry = date(r, 2026, 2036);
  const sex = pick(r, ['M', 'F', 'F', 'M', '<', 'X']);
  const doc = pad(alnum(r, 7 + Math.floor(r() * 3)), 9);
  if (format === 'TD3' || format === 'MRV-A') {
    const code = format === 'TD3' ? pick(r, ['P<', 'P<', 'PD', 'PO']) : pick(r, ['V<', 'VS']);
    const issuer = format === 'MRV-A' && r() < 0.4 ? 'CHN' : state;
    const l1 = pad(`${code}${issuer}${name}`, 44);
    if (format === 'MRV-A') {
      const optional = pad(r() < 0.5 ? '' : alnum(r, 8), 16);
      return { format, lines: [l1, `${doc}${digit(doc)}${nationality}${birth}${digit(birth)}${sex}${expiry}${digit(expiry)}${optional}`] };
    }
    const personal = r() < 0.5 ? '<'.repeat(14) : pad(digits(r, 6 + Math.floor(r() * 8)), 14);
    const personalDigit = /^<+$/.test(personal) ? (r() < 0.5 ? '<' : '0') : digit(personal);
    const body = `${doc}${digit(doc)}${nationality}${birth}${digit(birth)}${sex}${expiry}${digit(expiry)}${personal}${personalDigit}`;
    return { format, lines: [l1, body + digit(body.slice(0, 10) + body.slice(13, 20) + body.slice(21, 43))] };
  }
  if (format === 'TD2' || format === 'MRV-B') {
    const code = format === 'TD2' ? pick(r, ['I<', 'ID', 'AC', 'C<']) : pick(r, ['V<', 'VS']);
    const l1 = pad(`${code}${state}${name}`, 36);
    const optional = pad(r() < 0.5 ? '' : alnum(r, 5), format === 'TD2' ? 7 : 8);
    const body = `${doc}${digit(doc)}${nationality}${birth}${digit(birth)}${sex}${expiry}${digit(expiry)}${optional}`;
    if (format === 'MRV-B') return { format, lines: [l1, body] };
    return { format, lines: [l1, body + digit(body.slice(0, 10) + body.slice(13, 20) + body.slice(21, 35))] };
  }
  const code = pick(r, ['I<', 'ID', 'AC', 'C<']);
  const opt1 = pad(r() < 0.5 ? '' : alnum(r, 6), 15);
  const l1 = `${code}${state}${doc}${digit(doc)}${opt1}`;
  const opt2 = pad(r() < 0.6 ? '' : digits(r, 5), 11);
  const l2body = `${birth}${digit(birth)}${sex}${expiry}${digit(expiry)}${nationality}${opt2}`;
  const l2 = l2body + digit(l1.slice(5, 30) + l2body.slice(0, 7) + l2body.slice(8, 15) + l2body.slice(18, 29));
  return { format, lines: [l1, l2, pad(name, 30)] };
}

/** The ICAO 9303 specimens (Part 4 Appendix A, Part 5–7 examples: Anna Maria Eriksson of Utopia). */
export const ICAO_SPECIMENS: MrzSample[] = [
  { format: 'TD3', lines: ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'] },
  { format: 'TD1', lines: ['I<UTOD231458907<<<<<<<<<<<<<<<', '7408122F1204159UTO<<<<<<<<<<<6', 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<'] },
  { format: 'TD2', lines: ['I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<', 'D231458907UTO7408122F1204159<<<<<<<6'] },
  { format: 'MRV-A', lines: ['V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L8988901C4XXX4009078F96121096ZE184226B<<<<<<'] },
  { format: 'MRV-B', lines: ['V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<', 'L8988901C4XXX4009078F9612109<<<<<<<<'] },
];

const PAGE_MM: Record<PageFormat, [number, number]> = { TD3: [125, 88], 'MRV-A': [120, 80], 'MRV-B': [105, 74], TD2: [105, 74], TD1: [85.6, 54] };
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** The page as SVG at a resolution: a faint pattern, a photo, printed text and the zone at its foot. */
function pageSvg(sample: MrzSample, dpi: number, r: () => number): { svg: string; width: number; height: number } {
  const mm = dpi / 25.4;
  const [wmm, hmm] = PAGE_MM[sample.format];
  const width = Math.round(wmm * mm);
  const height = Math.round(hmm * mm);
  // 10 characters per inch: OCR-B's advance is 0.723 em.
  const em = (25.4 / 10 / 0.723) * mm;
  const lineGap = 4.2 * mm;
  const left = (sample.format === 'TD1' ? 3.2 : 5) * mm;
  const bottom = height - 4 * mm;
  const zone = sample.lines
    .map((line, i) => `<text x="${left}" y="${bottom - (sample.lines.length - 1 - i) * lineGap}" font-family="OCR B" font-size="${em.toFixed(2)}">${esc(line)}</text>`)
    .join('');
  const waves = Array.from({ length: 14 }, (_, i) => {
    const y = (i + 1) * (height / 16);
    return `<path d="M0 ${y} Q ${width / 4} ${y - 12 * r()} ${width / 2} ${y} T ${width} ${y}" stroke="#c8d4e6" stroke-width="${(0.3 * mm).toFixed(2)}" fill="none"/>`;
  }).join('');
  const text = (x: number, y: number, size: number, s: string, fill = '#222') =>
    `<text x="${(x * mm).toFixed(1)}" y="${(y * mm).toFixed(1)}" font-family="DejaVu Sans" font-size="${(size * mm).toFixed(2)}" fill="${fill}">${esc(s)}</text>`;
  const [l1] = sample.lines;
  const viz = [
    text(38, 10, 2.2, 'PASSPORT / PASSEPORT', '#335'),
    text(38, 16, 1.6, 'Surname / Nom', '#557'),
    text(38, 20, 2.6, l1.slice(5).split('<<')[0].replace(/</g, ' ')),
    text(38, 26, 1.6, 'Given names / Prénoms', '#557'),
    text(38, 30, 2.6, (l1.slice(5).split('<<')[1] ?? '').replace(/</g, ' ').trim()),
    text(38, 36, 1.6, 'Date of birth', '#557'),
    text(38, 40, 2.4, '12 APR 1990'),
  ].join('');
  const photo = `<rect x="${5 * mm}" y="${8 * mm}" width="${28 * mm}" height="${36 * mm}" fill="#9a9a9a"/><circle cx="${19 * mm}" cy="${22 * mm}" r="${8 * mm}" fill="#6b6b6b"/>`;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#f6f4ee"/>` +
    `${waves}${hmm > 60 ? photo + viz : ''}${zone}</svg>`;
  return { svg, width, height };
}

export interface PageOptions {
  /** Clean: the page alone at 300 dpi, PNG. Camera: on a desk in a 1600×1200 frame, as below. */
  kind: 'clean' | 'camera';
  seed: number;
  /** Harder than the defaults, for finding where reading stops: the resolution, the turn (±degrees) and the blur. */
  dpi?: [number, number];
  turn?: number;
  blur?: [number, number];
}

/** One page image (PNG for a clean scan, JPEG for a camera frame), with what it was made from. */
export async function pageImage(sample: MrzSample, options: PageOptions): Promise<Buffer> {
  const r = random(options.seed);
  if (options.kind === 'clean') {
    const [lo, hi] = options.dpi ?? [200, 400];
    const dpi = lo + Math.floor(r() * (hi - lo + 1));
    const { svg } = pageSvg(sample, dpi, r);
    return sharp(Buffer.from(svg)).png().toBuffer();
  }
  const [lo, hi] = options.dpi ?? [120, 150];
  const dpi = lo + Math.floor(r() * (hi - lo + 1));
  const { svg } = pageSvg(sample, dpi, r);
  const angle = (r() - 0.5) * 2 * (options.turn ?? 6) + (r() < 0.15 ? 180 : 0);
  const turned = await sharp(Buffer.from(svg)).rotate(angle, { background: '#5a5046' }).png().toBuffer({ resolveWithObject: true });
  const frameW = 1600;
  const frameH = 1200;
  const pw = Math.min(turned.info.width, frameW);
  const ph = Math.min(turned.info.height, frameH);
  const page = await sharp(turned.data).extract({ left: 0, top: 0, width: pw, height: ph }).toBuffer();
  const x = Math.floor(r() * (frameW - pw));
  const y = Math.floor(r() * (frameH - ph));
  // Light falling off from one corner of the desk to the other: 100 % down to 50–75 %.
  const dim = Math.round(128 + r() * 64);
  const light =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${frameW}" height="${frameH}"><defs><radialGradient id="g" cx="${r()}" cy="${r()}" r="1.1">` +
    `<stop offset="0" stop-color="#fff"/><stop offset="1" stop-color="rgb(${dim},${dim},${dim})"/></radialGradient></defs><rect width="100%" height="100%" fill="url(#g)"/></svg>`;
  const [b0, b1] = options.blur ?? [0.5, 1.4];
  const sigma = b0 + r() * (b1 - b0);
  const frame = await sharp({ create: { width: frameW, height: frameH, channels: 3, background: '#5a5046' } })
    .composite([{ input: page, left: x, top: y }])
    .png()
    .toBuffer();
  const lit = await sharp(frame).composite([{ input: Buffer.from(light), blend: 'multiply' }]).png().toBuffer();
  return sharp(lit).blur(sigma).jpeg({ quality: 60 + Math.floor(r() * 26) }).toBuffer();
}
