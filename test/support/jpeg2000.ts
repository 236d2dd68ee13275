/**
 * JPEG 2000 face images for the tests, made by OpenJPEG's own command line (Debian's libopenjp2-tools,
 * `opj_compress`), as a JP2 file or a bare codestream, the two forms passports' DG2 hold.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function jpeg2000Of(png: Buffer, form: 'jp2' | 'j2k'): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'acw-j2k-'));
  try {
    writeFileSync(join(dir, 'in.png'), png);
    execFileSync('opj_compress', ['-i', join(dir, 'in.png'), '-o', join(dir, `out.${form}`), '-r', '20'], { stdio: 'ignore' });
    return readFileSync(join(dir, `out.${form}`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
