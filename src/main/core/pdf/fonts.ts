import { existsSync, readFileSync } from 'node:fs';

/**
 * A font with Chinese glyphs for the decision: the first found of the system's own (Noto CJK on Linux,
 * SimSun or Microsoft YaHei on Windows), or the file `ACW_DECISION_FONT` names (with
 * `ACW_DECISION_FONT_NAME` for the face inside a collection). Read once and kept: the decision is
 * rendered many times a day and the files are large.
 */
const CANDIDATES: { path: string; face: string }[] = [
  { path: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc', face: 'NotoSerifCJKsc-Regular' },
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular' },
  { path: '/usr/share/fonts/noto-cjk/NotoSerifCJK-Regular.ttc', face: 'NotoSerifCJKsc-Regular' },
  { path: 'C:\\Windows\\Fonts\\simsun.ttc', face: 'SimSun' },
  { path: 'C:\\Windows\\Fonts\\msyh.ttc', face: 'MicrosoftYaHei' },
  { path: '/System/Library/Fonts/Supplemental/Songti.ttc', face: 'STSongti-SC-Regular' },
];

export class FontMissingError extends Error {}

let cached: { bytes: Buffer; face: string } | null = null;

export function decisionFont(): { bytes: Buffer; face: string } {
  if (cached) return cached;
  const env = process.env.ACW_DECISION_FONT;
  const found = env ? { path: env, face: process.env.ACW_DECISION_FONT_NAME ?? '' } : CANDIDATES.find((c) => existsSync(c.path));
  if (!found || !existsSync(found.path)) {
    throw new FontMissingError(
      'No font with Chinese glyphs was found for the decision (install fonts-noto-cjk, or set ACW_DECISION_FONT).',
    );
  }
  cached = { bytes: readFileSync(found.path), face: found.face };
  return cached;
}
