import { BrowserWindow } from 'electron';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { JobState, PrintSpooler } from '../core/printing/spooler';
import { PrintError } from '../core/printing/spooler';

/**
 * Printing in the Electron host: the archived PDF opens in a hidden window of its own session (the
 * app's locked-down session allows only the app's pages) and `webContents.print` sends it to the
 * chosen printer without a dialog. Electron reports only whether the system accepted the job, with
 * no job id to follow, so `completed` here means accepted by the system's spooler; the web host
 * (CUPS) reads the job's real end from the spooler.
 */
export function createElectronSpooler(): PrintSpooler {
  const outcomes = new Map<string, JobState>();
  let next = 1;
  return {
    async submit(pdf, printer, title) {
      const dir = mkdtempSync(join(tmpdir(), 'acw-print-'));
      const file = join(dir, 'decision.pdf');
      writeFileSync(file, pdf, { mode: 0o600 });
      const id = `electron-${next++}`;
      outcomes.set(id, { state: 'pending', reason: null });
      const win = new BrowserWindow({ show: false, title, webPreferences: { partition: 'acw-print', plugins: true, sandbox: true, contextIsolation: true } });
      try {
        await win.loadURL(pathToFileURL(file).href);
      } catch (err) {
        win.destroy();
        rmSync(dir, { recursive: true, force: true });
        throw new PrintError(`the decision could not be opened for printing: ${(err as Error).message}`);
      }
      win.webContents.print({ silent: true, deviceName: printer || undefined, printBackground: true, pageSize: 'A4' }, (success, reason) => {
        outcomes.set(id, success ? { state: 'completed' } : { state: 'failed', reason: reason || 'the system refused the job' });
        win.destroy();
        rmSync(dir, { recursive: true, force: true });
      });
      return id;
    },
    async jobState(jobId) {
      return outcomes.get(jobId) ?? { state: 'failed', reason: 'this job was sent before the app last started' };
    },
    async cancel() {
      // Electron cannot withdraw a job it handed to the system.
    },
  };
}
