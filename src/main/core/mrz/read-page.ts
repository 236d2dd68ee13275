import { CHARS, PITCH_OVER_CAP, readCells, type CellScores, type LineCells } from './cells';
import { checkDigit, checkLayout, LAYOUTS, type CharKind, type Layout, type MrzVerdict } from './format';
import { ImageUnreadable, loadGrey, turned, type Grey } from './grey';
import { findLines, type TextLine } from './lines';

/**
 * The machine-readable zone read from a picture of a page: its lines found, each character matched
 * against OCR-B, and the layout's check digits deciding. A read whose digits do not hold is never
 * `ok`; neither is one where a character no check digit covers (a name, the nationality) was not
 * clearly one character rather than another.
 */

const ALLOWED: Record<CharKind, number[]> = {
  alpha: [...CHARS].map((c, i) => (/[A-Z<]/.test(c) ? i : -1)).filter((i) => i >= 0),
  digit: [...CHARS].map((c, i) => (/[0-9<]/.test(c) ? i : -1)).filter((i) => i >= 0),
  any: [...CHARS].map((_, i) => i),
};

/** Below these, a character that no check digit covers is not taken as read. */
const SURE_SCORE = 0.6;
const SURE_MARGIN = 0.02;
/** A look-alike is tried in a field whose digit fails only when it scored this close to the first choice. */
const CLOSE = 0.12;

interface Ranked {
  order: number[];
  scores: CellScores;
}

function rank(scores: CellScores, kind: CharKind): Ranked {
  const order = [...ALLOWED[kind]].sort((a, b) => scores[b] - scores[a]);
  return { order, scores };
}

/** Positions a check digit covers (the field, its digit, the composite's inputs). */
function covered(layout: Layout): Set<string> {
  const at = new Set<string>();
  const add = ([line, from, to]: readonly [number, number, number]) => {
    for (let i = from; i < to; i++) at.add(`${line}:${i}`);
  };
  for (const c of layout.checked) {
    add(c.field);
    add(c.digit);
  }
  if (layout.composite) {
    layout.composite.parts.forEach(add);
    add(layout.composite.digit);
  }
  return at;
}

function readLayout(layout: Layout, cells: LineCells[]): MrzVerdict {
  const ranked = cells.map((line, l) => line.scores.map((s, i) => rank(s, layout.kinds[l][i])));
  let lines = ranked.map((line) => line.map((r) => CHARS[r.order[0]]).join(''));
  let problems = checkLayout(layout, lines);
  if (problems.length > 0 && layout.composite) {
    const repaired = repair(layout, lines, ranked);
    if (repaired) {
      lines = repaired;
      problems = [];
    }
  }
  const sure = covered(layout);
  ranked.forEach((line, l) =>
    line.forEach((r, i) => {
      if (sure.has(`${l}:${i}`)) return;
      const first = r.scores[r.order[0]];
      const second = r.scores[r.order[1]];
      if (first < SURE_SCORE || first - second < SURE_MARGIN) problems.push(`unsure:${l + 1}:${i + 1}`);
    }),
  );
  return { ok: problems.length === 0, format: layout.format, lines, fields: layout.read(lines), problems };
}

/**
 * One look-alike in each failing field, where it scored close to the first choice, kept only when it
 * makes that field's digit hold, exactly one such choice exists for the field, and the composite digit
 * then holds too: two independent checks agreeing, so a repair is never a guess.
 */
function repair(layout: Layout, lines: string[], ranked: Ranked[][]): string[] | null {
  const out = [...lines];
  for (const c of layout.checked) {
    const [line, from, to] = c.field;
    const [dl, df] = c.digit;
    const trial = () => checkLayout(layout, out).includes(`check-digit:${c.name}`);
    if (!trial()) continue;
    const fixes: [number, number, string][] = [];
    const places: [number, number][] = [];
    for (let i = from; i < to; i++) places.push([line, i]);
    places.push([dl, df]);
    for (const [l, i] of places) {
      const r = ranked[l][i];
      for (const alt of r.order.slice(1, 3)) {
        if (r.scores[r.order[0]] - r.scores[alt] > CLOSE) break;
        const was = out[l];
        out[l] = was.slice(0, i) + CHARS[alt] + was.slice(i + 1);
        if (!trial()) fixes.push([l, i, CHARS[alt]]);
        out[l] = was;
      }
    }
    if (fixes.length !== 1) return null;
    const [l, i, ch] = fixes[0];
    out[l] = out[l].slice(0, i) + ch + out[l].slice(i + 1);
  }
  if (!layout.composite) return null;
  const input = layout.composite.parts.map(([l, f, t]) => out[l].slice(f, t)).join('');
  const [cl, cf] = layout.composite.digit;
  return checkDigit(input) === out[cl][cf] ? out : null;
}

/** Groups of two or three neighbouring lines of one length, parallel and starting together. */
function blocks(lines: TextLine[]): TextLine[][] {
  const out: TextLine[][] = [];
  const similar = (a: TextLine, b: TextLine) => {
    const h = Math.max(a.capHeight, b.capHeight);
    const gap = b.across - a.across;
    return (
      Math.abs(a.capHeight - b.capHeight) < 0.3 * h &&
      gap > 1.1 * h &&
      gap < 3.5 * h &&
      Math.abs(a.from - b.from) < 2.5 * h &&
      Math.abs(a.to - b.to) < 2.5 * h &&
      Math.abs(a.sin - b.sin) < 0.05
    );
  };
  for (let i = 0; i < lines.length; i++) {
    for (let j = i + 1; j < lines.length && j <= i + 3; j++) {
      if (!similar(lines[i], lines[j])) continue;
      out.push([lines[i], lines[j]]);
      for (let k = j + 1; k < lines.length && k <= j + 3; k++) if (similar(lines[j], lines[k])) out.push([lines[i], lines[j], lines[k]]);
    }
  }
  // The zone is at the foot of the page: try the lowest first.
  return out.reverse();
}

function readGrey(g: Grey): MrzVerdict | null {
  let best: MrzVerdict | null = null;
  for (const block of blocks(findLines(g, PITCH_OVER_CAP))) {
    for (const layout of LAYOUTS.filter((l) => l.lineCount === block.length)) {
      const cells: LineCells[] = [];
      for (const line of block) {
        const read = readCells(g, line, layout.length);
        if (!read) break;
        cells.push(read);
      }
      if (cells.length !== block.length) continue;
      const verdict = readLayout(layout, cells);
      // A visa's layout is only taken for a V document, a passport's only for anything else.
      const isVisa = verdict.lines[0][0] === 'V';
      if (layout.format.startsWith('MRV') !== isVisa && layout.lineCount === 2) continue;
      if (verdict.ok) return verdict;
      if (!best || verdict.problems.length < best.problems.length) best = verdict;
    }
  }
  return best;
}

/** An image file larger than this is refused before it is decoded (a camera's JPEG is a few MB). */
export const MAX_IMAGE_BYTES = 30 * 1024 * 1024;

/**
 * Reads the MRZ of a page image (JPEG or PNG); the page may lie upright, upside down or on either
 * side. A file too large or not an image gives the problem `unreadable-image`, a page with no zone
 * `no-mrz`.
 */
export async function readMrzImage(bytes: Uint8Array): Promise<MrzVerdict> {
  const refused: MrzVerdict = { ok: false, format: null, lines: [], fields: null, problems: ['unreadable-image'] };
  if (bytes.byteLength > MAX_IMAGE_BYTES) return refused;
  let upright: Grey;
  try {
    upright = await loadGrey(bytes);
  } catch (err) {
    if (err instanceof ImageUnreadable) return refused;
    throw err;
  }
  let best: MrzVerdict | null = null;
  for (const quarters of [0, 2, 1, 3] as const) {
    const g = quarters === 0 ? upright : turned(upright, quarters);
    const verdict = readGrey(g);
    if (verdict?.ok) return verdict;
    if (verdict && (!best || verdict.problems.length < best.problems.length)) best = verdict;
  }
  return best ?? { ok: false, format: null, lines: [], fields: null, problems: ['no-mrz'] };
}
