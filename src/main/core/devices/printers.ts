import { execFile } from 'node:child_process';
import type { PrinterState } from '../../../shared/permit-qr';

/**
 * The system's printers and their states, from CUPS (`lpstat`, Linux). Printing itself comes with the
 * decisions; this only lists. Where lpstat is missing or slow, says so instead of waiting.
 */
export function listPrinters(): Promise<{ available: boolean; list: PrinterState[]; error: string | null }> {
  return new Promise((resolve) => {
    execFile('lpstat', ['-p', '-d'], { timeout: 3000, env: { ...process.env, LC_ALL: 'C' } }, (err, stdout) => {
      const list: PrinterState[] = [];
      const def = /system default destination: (\S+)/.exec(stdout ?? '')?.[1] ?? null;
      for (const line of (stdout ?? '').split('\n')) {
        const m = /^printer (\S+) (?:is )?(idle|now printing|disabled)/.exec(line);
        if (m) list.push({ name: m[1], state: m[2] === 'idle' ? 'idle' : m[2] === 'disabled' ? 'disabled' : 'printing', isDefault: m[1] === def });
      }
      if (err && list.length === 0) {
        const code = (err as NodeJS.ErrnoException).code;
        resolve({ available: false, list, error: code === 'ENOENT' ? 'CUPS (lpstat) is not installed' : 'the print service did not answer' });
      } else resolve({ available: true, list, error: null });
    });
  });
}
