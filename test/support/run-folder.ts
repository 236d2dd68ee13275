import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Gives a test run a temporary folder of its own, as `TMPDIR`, for everything its workers and the
 * processes they start make there (stores, renderer folders, keys, sockets); the step it returns
 * removes it whole, so a run leaves nothing in the machine's /tmp, whatever a test forgot or a crash
 * left. Set before the runner starts its workers, which inherit it.
 */
export function privateTmpdir(): () => void {
  const before = process.env.TMPDIR;
  const dir = mkdtempSync(join(tmpdir(), 'acw-run-'));
  // Others may pass through (CUPS's filters run as lp), not list it; each test's folder is its own 0700.
  chmodSync(dir, 0o711);
  process.env.TMPDIR = dir;
  return () => {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
    rmSync(dir, { recursive: true, force: true });
  };
}
