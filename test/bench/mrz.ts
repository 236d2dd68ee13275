/**
 * The MRZ read from page images (`npm run bench -- mrz`): pages the reader has never seen (seeds no
 * test or tuning used), per class, the share read exactly (every line right and `ok`), the wrong reads
 * taken as right (must be 0), and the median time from the image's bytes to the fields. Classes: clean
 * scans at 200–400 dpi (PNG), document-camera frames (1600×1200 JPEG, the page at 120–150 dpi, turned,
 * lit unevenly, blurred; one in seven upside down), and ICAO 9303's own specimens in both. The anchor
 * is a generic OCR, tesseract.js with its English model shipped in @tesseract.js-data/eng, told to
 * see only MRZ characters, whose lines go through the same layout check.
 */
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { createWorker, PSM } from 'tesseract.js';
import { parseMrz, type MrzVerdict } from '../../src/main/core/mrz/format';
import { readMrzImage } from '../../src/main/core/mrz/read-page';
import { ICAO_SPECIMENS, pageImage, random, sampleMrz, type MrzSample, type PageFormat } from '../support/mrz-pages';

const FORMATS: PageFormat[] = ['TD3', 'MRV-A', 'MRV-B', 'TD1', 'TD2'];
const PER_FORMAT = { clean: 16, camera: 24 };
const ANCHOR_PER_CLASS = 15;
const SEED = 9_100_000;

interface Outcome {
  exact: boolean;
  wrongAccepted: boolean;
  ms: number;
}

const median = (xs: number[]) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] : NaN);
const pct = (n: number, of: number) => `${((100 * n) / Math.max(of, 1)).toFixed(1)}% (${n}/${of})`;

function judge(sample: MrzSample, verdict: MrzVerdict, ms: number): Outcome {
  const same = verdict.lines.join('\n') === sample.lines.join('\n');
  return { exact: verdict.ok && same, wrongAccepted: verdict.ok && !same, ms };
}

/** The generic OCR's lines: the longest runs of MRZ characters, the last two or three of one length. */
function anchorVerdict(text: string): MrzVerdict {
  const runs = text.split('\n').map((l) => l.replace(/\s+/g, '').toUpperCase()).filter((l) => l.length >= 28);
  for (const count of [2, 3]) {
    const last = runs.slice(-count);
    if (last.length === count) {
      const v = parseMrz(last.map((l) => (l.length > 44 ? l.slice(0, 44) : l)));
      if (v.format) return v;
    }
  }
  return { ok: false, format: null, lines: runs.slice(-2), fields: null, problems: ['no-mrz'] };
}

export async function benchMrz(): Promise<void> {
  const classes: { name: string; kind: 'clean' | 'camera'; samples: MrzSample[] }[] = [];
  for (const kind of ['clean', 'camera'] as const) {
    const r = random(SEED + (kind === 'camera' ? 1 : 0));
    const samples = FORMATS.flatMap((f) => Array.from({ length: PER_FORMAT[kind] }, () => sampleMrz(r, f)));
    classes.push({ name: `${kind} (generated)`, kind, samples });
    classes.push({ name: `${kind} (ICAO specimens)`, kind, samples: ICAO_SPECIMENS });
  }
  const require = createRequire(import.meta.url);
  const worker = await createWorker('eng', 1, { langPath: require('@tesseract.js-data/eng').langPath, gzip: true, cacheMethod: 'none' });
  await worker.setParameters({ tessedit_char_whitelist: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<', tessedit_pageseg_mode: PSM.SINGLE_BLOCK });
  console.log('mrz: the zone read from page images (exact = every line right and ok)');
  const cameraTimes: number[] = [];
  try {
    for (const c of classes) {
      const ours: Outcome[] = [];
      const anchor: Outcome[] = [];
      for (let i = 0; i < c.samples.length; i++) {
        const sample = c.samples[i];
        const image = await pageImage(sample, { kind: c.kind, seed: SEED + 7919 * i + (c.kind === 'camera' ? 13 : 0) + (c.name.includes('ICAO') ? 5 : 0) });
        const t = performance.now();
        const verdict = await readMrzImage(image);
        const ms = performance.now() - t;
        ours.push(judge(sample, verdict, ms));
        if (c.kind === 'camera' && !c.name.includes('ICAO')) cameraTimes.push(ms);
        if (i % Math.ceil(c.samples.length / ANCHOR_PER_CLASS) === 0) {
          const t2 = performance.now();
          const { data } = await worker.recognize(image);
          anchor.push(judge(sample, anchorVerdict(data.text), performance.now() - t2));
        }
      }
      const byFormat = FORMATS.map((f) => {
        const idx = c.samples.map((s, i) => (s.format === f ? i : -1)).filter((i) => i >= 0);
        return `${f} ${idx.filter((i) => ours[i].exact).length}/${idx.length}`;
      }).join(', ');
      console.log(
        `  ${c.name.padEnd(24)} app: exact ${pct(ours.filter((o) => o.exact).length, ours.length)}, wrong accepted ${ours.filter((o) => o.wrongAccepted).length}, median ${median(ours.map((o) => o.ms)).toFixed(0)} ms [${byFormat}]`,
      );
      console.log(
        `  ${''.padEnd(24)} tesseract.js eng: exact ${pct(anchor.filter((o) => o.exact).length, anchor.length)}, wrong accepted ${anchor.filter((o) => o.wrongAccepted).length}, median ${median(anchor.map((o) => o.ms)).toFixed(0)} ms`,
      );
    }
  } finally {
    await worker.terminate();
  }
  console.log(`  median image to fields for a 1600×1200 camera frame: ${median(cameraTimes).toFixed(0)} ms (target < 500)`);
  console.log(`  machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`);
}
