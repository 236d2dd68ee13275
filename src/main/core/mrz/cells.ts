import { boxMean, type Grey } from './grey';
import type { TextLine } from './lines';
import glyphData from './ocr-b-glyphs.json';

/**
 * Reading each character cell of a line by matching it against the OCR-B templates (normalised
 * cross-correlation, so light and contrast do not matter), a little to each side so that a cell
 * placed a fraction off still finds its character.
 */

export const CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<';
const GW: number = glyphData.gridWidth;
const GH: number = glyphData.gridHeight;
export const PITCH_OVER_CAP: number = glyphData.pitchOverCapHeight;
const CELL_OVER_CAP = 1 / (glyphData.capBottom - glyphData.capTop);

/** Each template with its mean taken off and scaled to unit length. */
const TEMPLATES: Float32Array[] = [...CHARS].map((c) => {
  const bytes = Buffer.from((glyphData.glyphs as Record<string, string>)[c], 'base64');
  const t = new Float32Array(GW * GH);
  let mean = 0;
  for (let i = 0; i < t.length; i++) mean += bytes[i];
  mean /= t.length;
  let norm = 0;
  for (let i = 0; i < t.length; i++) {
    t[i] = bytes[i] - mean;
    norm += t[i] * t[i];
  }
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < t.length; i++) t[i] /= norm;
  return t;
});

/** How well each of the 37 characters matches a cell, −1 to 1. */
export type CellScores = Float32Array;

export interface LineCells {
  scores: CellScores[];
  /** Mean best score: how clearly the line was seen. */
  clarity: number;
}

interface Placement {
  u0: number;
  pitch: number;
}

/** Where a line of `count` characters puts its cells, from its ends. */
export function placeCells(line: TextLine, count: number): Placement | null {
  const first = line.firstSingle ? line.firstCentre : line.from + 0.35 * (line.step || line.capHeight * PITCH_OVER_CAP);
  const last = line.lastSingle ? line.lastCentre : line.to - 0.35 * (line.step || line.capHeight * PITCH_OVER_CAP);
  const pitch = (last - first) / (count - 1);
  if (!(pitch > 2)) return null;
  // The marks' own spacing must agree, unless they ran together (then it says little).
  if (line.step > 0 && Math.abs(pitch / line.step - 1) > 0.1) return null;
  return { u0: first, pitch };
}

function sampleWindow(g: Grey, line: TextLine, centre: number, pitch: number, spread: number): Float32Array {
  // The zone is OCR-B at ten characters an inch: its pitch gives the capitals' height better than
  // the marks do (fillers are shorter, digits taller, round letters overshoot).
  const cellH = (pitch / PITCH_OVER_CAP) * CELL_OVER_CAP;
  const sx = pitch / GW;
  const sy = cellH / GH;
  const ww = GW + 2 * spread;
  const wh = GH + 2 * spread;
  const out = new Float32Array(ww * wh);
  const rx = Math.max(0.5, sx / 2);
  const ry = Math.max(0.5, sy / 2);
  for (let gy = 0; gy < wh; gy++) {
    const v = line.across + (gy - spread + 0.5 - GH / 2) * sy;
    for (let gx = 0; gx < ww; gx++) {
      const u = centre + (gx - spread + 0.5 - GW / 2) * sx;
      const x = u * line.cos - v * line.sin;
      const y = u * line.sin + v * line.cos;
      out[gy * ww + gx] = boxMean(g, Math.round(x - rx), Math.round(y - ry), Math.round(x + rx) || 1, Math.round(y + ry) || 1);
    }
  }
  return out;
}

interface CellMatch {
  scores: CellScores;
  bestShiftX: number;
  bestShiftY: number;
  best: number;
}

function matchCell(window: Float32Array, spread: number, centreX: number, centreY: number, reach: number): CellMatch {
  const ww = GW + 2 * spread;
  const scores = new Float32Array(CHARS.length).fill(-1);
  let best = -1;
  let bestShiftX = 0;
  let bestShiftY = 0;
  const patch = new Float32Array(GW * GH);
  for (let dy = centreY - reach; dy <= centreY + reach; dy++) {
    if (dy < -spread || dy > spread) continue;
    for (let dx = centreX - reach; dx <= centreX + reach; dx++) {
      if (dx < -spread || dx > spread) continue;
      let mean = 0;
      for (let y = 0; y < GH; y++) {
        const row = (y + spread + dy) * ww + spread + dx;
        for (let x = 0; x < GW; x++) mean += patch[y * GW + x] = window[row + x];
      }
      mean /= patch.length;
      let norm = 0;
      for (let i = 0; i < patch.length; i++) {
        patch[i] -= mean;
        norm += patch[i] * patch[i];
      }
      norm = Math.sqrt(norm);
      if (norm < 1e-3) continue;
      for (let c = 0; c < TEMPLATES.length; c++) {
        const t = TEMPLATES[c];
        let dot = 0;
        for (let i = 0; i < patch.length; i++) dot += t[i] * patch[i];
        const s = dot / norm;
        if (s > scores[c]) scores[c] = s;
        if (s > best) {
          best = s;
          bestShiftX = dx;
          bestShiftY = dy;
        }
      }
    }
  }
  return { scores, bestShiftX, bestShiftY, best };
}

const SPREAD = 4;

/**
 * Scores every cell of a line of `count` characters. A first pass looks widely around each cell; the
 * shifts its clear matches needed are fitted along the line (an offset and a pitch error) and a second
 * pass looks only near where that fit puts each cell.
 */
export function readCells(g: Grey, line: TextLine, count: number): LineCells | null {
  const place = placeCells(line, count);
  if (!place) return null;
  const windows: Float32Array[] = [];
  for (let i = 0; i < count; i++) windows.push(sampleWindow(g, line, place.u0 + i * place.pitch, place.pitch, SPREAD));
  // Every third cell is enough to fit the shifts; looking widely is what costs.
  const probed = windows.map((w, i) => ({ i, w })).filter(({ i }) => i % 3 === 0 || i === count - 1);
  const clear = probed.map(({ i, w }) => ({ i, m: matchCell(w, SPREAD, 0, 0, SPREAD) })).filter(({ m }) => m.best > 0.55);
  if (clear.length < probed.length / 3) return null;
  // Least squares of the horizontal shift along the line; the vertical one is one offset.
  const n = clear.length;
  const mi = clear.reduce((a, c) => a + c.i, 0) / n;
  const mx = clear.reduce((a, c) => a + c.m.bestShiftX, 0) / n;
  let sii = 0;
  let six = 0;
  for (const c of clear) {
    sii += (c.i - mi) ** 2;
    six += (c.i - mi) * (c.m.bestShiftX - mx);
  }
  const slope = sii > 0 ? six / sii : 0;
  const ys = clear.map((c) => c.m.bestShiftY).sort((a, b) => a - b);
  const shiftY = ys[ys.length >> 1];
  const second = windows.map((w, i) => matchCell(w, SPREAD, Math.round(mx + slope * (i - mi)), shiftY, 1));
  const clarity = second.reduce((a, m) => a + m.best, 0) / count;
  return { scores: second.map((m) => m.scores), clarity };
}
