import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import sharp from 'sharp';
import QRCode from 'qrcode';
import { renderNotice, toY4m } from '../support/camera-frames';
import { rememberPdfOut, startCups, stopCups } from '../support/cups';
import { privateTmpdir } from '../support/run-folder';
import { demoPermitQrs } from '../support/demo-permits';
import { FIXTURES, fixture } from './paths';

/**
 * The tests drive the same build a user runs, and scan permit QR codes made here for today's demo
 * office: PNG files, and a camera video of the valid notice held up at an angle. A private CUPS runs,
 * with a printer that writes PDFs. The run has a temporary folder of its own; the teardown this returns
 * stops the spooler and leaves /tmp and ~/PDF as they were.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const restoreTmp = privateTmpdir();
  const restorePdfs = rememberPdfOut();
  execFileSync(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build'], { stdio: 'inherit' });
  mkdirSync(FIXTURES, { recursive: true });
  const qrs = demoPermitQrs();
  writeFileSync(fixture('qrs.json'), JSON.stringify(qrs));
  for (const kind of ['valid', 'forged', 'revoked', 'expired'] as const) {
    await QRCode.toFile(fixture(`${kind}.png`), qrs[kind], { errorCorrectionLevel: 'M', margin: 4, scale: 5 });
  }
  const blank = new PNG({ width: 64, height: 64 });
  blank.data.fill(255);
  writeFileSync(fixture('blank.png'), PNG.sync.write(blank));
  // A photo-sized JPEG whose picture data runs well past 30 KB, for a file cut off in the middle.
  const noise = Buffer.from(Array.from({ length: 390 * 520 * 3 }, (_, i) => (i * 2654435761) % 251));
  writeFileSync(fixture('valid-photo.jpg'), await sharp(noise, { raw: { width: 390, height: 520, channels: 3 } }).jpeg({ quality: 95 }).toBuffer());
  // A sheet tilted away at the right and turned a little, filling about half the frame.
  const frames = [0, 1, 2, 3].map((jitter) =>
    renderNotice(qrs.valid, {
      width: 1280,
      height: 720,
      corners: [[0.3 + jitter * 0.002, 0.08], [0.66, 0.14], [0.7, 0.97], [0.27, 0.93]],
      light: [1, 0.8],
    }),
  );
  writeFileSync(fixture('valid-notice.y4m'), toY4m(frames, 10));
  // The real spooler (a private one) with its PDF-writing printer, for the decision tests.
  await startCups();
  return async () => {
    await stopCups();
    restorePdfs();
    restoreTmp();
  };
}
