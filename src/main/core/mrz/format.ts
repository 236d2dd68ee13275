/**
 * The machine-readable zone's layouts (ICAO Doc 9303, 8th edition): TD3 passports (2×44, Part 4),
 * MRV-A and MRV-B visas (2×44 and 2×36, Part 7), TD1 cards (3×30, Part 5) and TD2 documents (2×36,
 * Part 6). Each layout is a table of fields; a field's `kind` says which characters may stand in it,
 * which is also what the page reader uses to choose between look-alikes (O and 0 in a date).
 *
 * The npm package `mrz` reads TD1–TD3 but not visas, and refuses a state code it does not know (ICAO's
 * own specimens are of Utopia, UTO): the window must take every form the standard allows, so the
 * layouts are written here from the standard and the tests hold them against that package where it
 * applies.
 */

import type { MrzRead } from '../../../shared/evidence';

export type MrzFormat = NonNullable<MrzRead['format']>;

/** Letters (and the filler), digits (and the filler), or any MRZ character. */
export type CharKind = 'alpha' | 'digit' | 'any';

/** The fields a zone gives (dates YYMMDD, fillers where the standard allows an unknown part; sex M, F, X or <). */
export type MrzReadFields = NonNullable<MrzRead['fields']>;

/** A reading: `ok` only when every check digit holds. */
export type MrzVerdict = MrzRead;

const WEIGHTS = [7, 3, 1];

function charValue(c: string): number {
  if (c === '<') return 0;
  if (c >= '0' && c <= '9') return c.charCodeAt(0) - 48;
  return c.charCodeAt(0) - 55;
}

/** The check digit of a field: weights 7, 3, 1 over 0–9, A=10…Z=35 and < = 0, sum modulo 10 (Part 3 §4.9). */
export function checkDigit(field: string): string {
  let sum = 0;
  for (let i = 0; i < field.length; i++) sum += charValue(field[i]) * WEIGHTS[i % 3];
  return String(sum % 10);
}

/** A span of one line: [line, start, end). */
type Span = readonly [number, number, number];

interface Checked {
  name: string;
  field: Span;
  digit: Span;
  /** An empty optional field may print its check digit as a filler (Part 4 §4.2.2, note j). */
  mayBeEmpty?: boolean;
}

interface Layout {
  format: MrzFormat;
  lineCount: number;
  length: number;
  /** The character kind of every position, line by line. */
  kinds: CharKind[][];
  checked: Checked[];
  /** The composite check digit's inputs and place, where the layout has one. */
  composite: { parts: Span[]; digit: Span } | null;
  read(lines: string[]): MrzReadFields;
}

function kindsOf(length: number, spans: [number, number, CharKind][]): CharKind[] {
  const kinds: CharKind[] = Array.from({ length }, () => 'any');
  for (const [from, to, kind] of spans) for (let i = from; i < to; i++) kinds[i] = kind;
  return kinds;
}

const strip = (s: string) => s.replace(/<+$/, '').replace(/^<+/, '');
const spaced = (s: string) => s.replace(/</g, ' ').replace(/ +/g, ' ').trim();

function names(zone: string): { surname: string; givenNames: string } {
  const at = zone.indexOf('<<');
  if (at < 0) return { surname: spaced(zone), givenNames: '' };
  return { surname: spaced(zone.slice(0, at)), givenNames: spaced(zone.slice(at + 2)) };
}

/** A document number longer than nine characters (Part 5 §4.2.2 note j, Part 6 likewise): the check-digit place holds a filler and the number runs on into the optional data, ending with its own check digit. */
function longNumber(first9: string, digitPlace: string, optional: string): { number: string; digitOf: string; digit: string; rest: string } | null {
  if (digitPlace !== '<') return null;
  const run = optional.match(/^([A-Z0-9]*?)([0-9])(<|$)/);
  if (!run) return null;
  return { number: first9 + run[1], digitOf: first9 + run[1], digit: run[2], rest: optional.slice(run[0].length) };
}

/** The fields of a two-line passport or visa zone, its optional data running from 28 to `optionalEnd`. */
function twoLineFields([l1, l2]: string[], optionalEnd: number): MrzReadFields {
  return {
    documentCode: strip(l1.slice(0, 2)),
    issuingState: strip(l1.slice(2, 5)),
    ...names(l1.slice(5)),
    documentNumber: strip(l2.slice(0, 9)),
    nationality: strip(l2.slice(10, 13)),
    birthDate: l2.slice(13, 19),
    sex: l2[20],
    expiryDate: l2.slice(21, 27),
    optionalData: strip(l2.slice(28, optionalEnd)),
  };
}

const TD3: Layout = {
  format: 'TD3',
  lineCount: 2,
  length: 44,
  kinds: [
    kindsOf(44, [[0, 1, 'alpha'], [1, 2, 'alpha'], [2, 5, 'alpha'], [5, 44, 'alpha']]),
    kindsOf(44, [[9, 10, 'digit'], [10, 13, 'alpha'], [13, 20, 'digit'], [20, 21, 'alpha'], [21, 28, 'digit'], [42, 44, 'digit']]),
  ],
  checked: [
    { name: 'document-number', field: [1, 0, 9], digit: [1, 9, 10] },
    { name: 'birth-date', field: [1, 13, 19], digit: [1, 19, 20] },
    { name: 'expiry-date', field: [1, 21, 27], digit: [1, 27, 28] },
    { name: 'personal-number', field: [1, 28, 42], digit: [1, 42, 43], mayBeEmpty: true },
  ],
  composite: { parts: [[1, 0, 10], [1, 13, 20], [1, 21, 43]], digit: [1, 43, 44] },
  read: (lines) => twoLineFields(lines, 42),
};

function visa(format: 'MRV-A' | 'MRV-B', length: 44 | 36): Layout {
  return {
    format,
    lineCount: 2,
    length,
    kinds: [
      kindsOf(length, [[0, 1, 'alpha'], [1, 2, 'alpha'], [2, 5, 'alpha'], [5, length, 'alpha']]),
      kindsOf(length, [[9, 10, 'digit'], [10, 13, 'alpha'], [13, 20, 'digit'], [20, 21, 'alpha'], [21, 28, 'digit']]),
    ],
    checked: [
      { name: 'document-number', field: [1, 0, 9], digit: [1, 9, 10] },
      { name: 'birth-date', field: [1, 13, 19], digit: [1, 19, 20] },
      { name: 'expiry-date', field: [1, 21, 27], digit: [1, 27, 28] },
    ],
    composite: null,
    read: (lines) => twoLineFields(lines, length),
  };
}

const TD2: Layout = {
  format: 'TD2',
  lineCount: 2,
  length: 36,
  kinds: [
    kindsOf(36, [[0, 36, 'alpha']]),
    kindsOf(36, [[10, 13, 'alpha'], [13, 20, 'digit'], [20, 21, 'alpha'], [21, 28, 'digit'], [35, 36, 'digit']]),
  ],
  checked: [
    { name: 'document-number', field: [1, 0, 9], digit: [1, 9, 10] },
    { name: 'birth-date', field: [1, 13, 19], digit: [1, 19, 20] },
    { name: 'expiry-date', field: [1, 21, 27], digit: [1, 27, 28] },
  ],
  composite: { parts: [[1, 0, 10], [1, 13, 20], [1, 21, 35]], digit: [1, 35, 36] },
  read: ([l1, l2]) => {
    const long = longNumber(l2.slice(0, 9), l2[9], l2.slice(28, 35));
    return {
      documentCode: strip(l1.slice(0, 2)),
      issuingState: strip(l1.slice(2, 5)),
      ...names(l1.slice(5)),
      documentNumber: long ? long.number : strip(l2.slice(0, 9)),
      nationality: strip(l2.slice(10, 13)),
      birthDate: l2.slice(13, 19),
      sex: l2[20],
      expiryDate: l2.slice(21, 27),
      optionalData: strip(long ? long.rest : l2.slice(28, 35)),
    };
  },
};

const TD1: Layout = {
  format: 'TD1',
  lineCount: 3,
  length: 30,
  kinds: [
    kindsOf(30, [[0, 5, 'alpha'], [14, 15, 'digit']]),
    kindsOf(30, [[0, 7, 'digit'], [7, 8, 'alpha'], [8, 15, 'digit'], [15, 18, 'alpha'], [29, 30, 'digit']]),
    kindsOf(30, [[0, 30, 'alpha']]),
  ],
  checked: [
    { name: 'document-number', field: [0, 5, 14], digit: [0, 14, 15] },
    { name: 'birth-date', field: [1, 0, 6], digit: [1, 6, 7] },
    { name: 'expiry-date', field: [1, 8, 14], digit: [1, 14, 15] },
  ],
  composite: { parts: [[0, 5, 30], [1, 0, 7], [1, 8, 15], [1, 18, 29]], digit: [1, 29, 30] },
  read: ([l1, l2, l3]) => {
    const long = longNumber(l1.slice(5, 14), l1[14], l1.slice(15, 30));
    const optional = [long ? long.rest : l1.slice(15, 30), l2.slice(18, 29)].map(strip).filter(Boolean);
    return {
      documentCode: strip(l1.slice(0, 2)),
      issuingState: strip(l1.slice(2, 5)),
      ...names(l3),
      documentNumber: long ? long.number : strip(l1.slice(5, 14)),
      nationality: strip(l2.slice(15, 18)),
      birthDate: l2.slice(0, 6),
      sex: l2[7],
      expiryDate: l2.slice(8, 14),
      optionalData: optional.join('<'),
    };
  },
};

export const LAYOUTS: readonly Layout[] = [TD3, visa('MRV-A', 44), TD2, visa('MRV-B', 36), TD1];
export type { Layout };

const MRZ_CHARS = /^[A-Z0-9<]+$/;

/** The layouts lines of this shape could be, the visa ones first when the document code says V. */
export function layoutsFor(lines: string[]): Layout[] {
  const shaped = LAYOUTS.filter((l) => l.lineCount === lines.length && lines.every((line) => line.length === l.length));
  const isVisa = lines[0]?.[0] === 'V';
  return shaped.filter((l) => l.format.startsWith('MRV') === isVisa || shaped.length === 1);
}

const slice = (lines: string[], [line, from, to]: Span) => lines[line].slice(from, to);

/**
 * Checks lines against a layout: every check digit and the composite, with the long document number
 * of TD1 and TD2. The problems name the fields whose digits do not hold (`check-digit:birth-date`).
 */
export function checkLayout(layout: Layout, lines: string[]): string[] {
  const problems: string[] = [];
  for (const c of layout.checked) {
    const field = slice(lines, c.field);
    const digit = slice(lines, c.digit);
    if (c.name === 'document-number' && (layout.format === 'TD1' || layout.format === 'TD2') && digit === '<') {
      const optional = layout.format === 'TD1' ? lines[0].slice(15, 30) : lines[1].slice(28, 35);
      const long = longNumber(field, digit, optional);
      if (!long || checkDigit(long.digitOf) !== long.digit) problems.push('check-digit:document-number');
      continue;
    }
    if (c.mayBeEmpty && /^<*$/.test(field) && (digit === '<' || digit === '0')) continue;
    // A field that is all fillers (an unknown birth date) may print a filler for its check digit.
    if (digit === '<' && /^<+$/.test(field)) continue;
    if (checkDigit(field) !== digit) problems.push(`check-digit:${c.name}`);
  }
  if (layout.composite) {
    const input = layout.composite.parts.map((p) => slice(lines, p)).join('');
    if (checkDigit(input) !== slice(lines, layout.composite.digit)) problems.push('check-digit:composite');
  }
  return problems;
}

/** Reads typed or recognised MRZ lines as the standard lays them out; `ok` only when every digit holds. */
export function parseMrz(input: string[]): MrzVerdict {
  const lines = input.map((l) => l.trim().toUpperCase());
  if (lines.length === 0 || !lines.every((l) => MRZ_CHARS.test(l))) return { ok: false, format: null, lines, fields: null, problems: ['format'] };
  const layouts = layoutsFor(lines);
  if (layouts.length === 0) return { ok: false, format: null, lines, fields: null, problems: ['format'] };
  let best: MrzVerdict | null = null;
  for (const layout of layouts) {
    const problems = checkLayout(layout, lines);
    const verdict: MrzVerdict = { ok: problems.length === 0, format: layout.format, lines, fields: layout.read(lines), problems };
    if (verdict.ok) return verdict;
    if (!best || problems.length < best.problems.length) best = verdict;
  }
  return best!;
}
