/**
 * The real CUPS spooler with cups-pdf's printer, for the printing tests: cupsd is started here (as the
 * tests' user, root on CI) when it is not running, and a printer that writes PDFs is added. A job it
 * completes lands in the job user's ~/PDF (cups-pdf's `Out ${HOME}/PDF`).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const TEST_PRINTER = 'CounterPDF';
export const PDF_OUT = join(homedir(), 'PDF');

const sh = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' }, stdio: ['ignore', 'pipe', 'pipe'] });

function schedulerUp(): boolean {
  try {
    return /scheduler is running/.test(sh('lpstat', ['-r']));
  } catch {
    return false;
  }
}

export async function startCups(): Promise<void> {
  if (!existsSync('/usr/sbin/cupsd')) throw new Error('CUPS is not installed: install the Debian packages cups, printer-driver-cups-pdf and cups-client');
  if (!schedulerUp()) {
    sh('/usr/sbin/cupsd', []);
    const end = Date.now() + 10_000;
    while (!schedulerUp()) {
      if (Date.now() > end) throw new Error('cupsd did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  let printers = '';
  try {
    printers = sh('lpstat', ['-p']);
  } catch {
    // A fresh spooler has no printers, and lpstat says so with a failure.
  }
  if (!printers.includes(`printer ${TEST_PRINTER} `)) addPdfPrinter(TEST_PRINTER);
  setPrinterRunning(true);
}

/** A printer on cups-pdf (its own queue, the same output folder). */
export function addPdfPrinter(name: string): void {
  sh('lpadmin', ['-p', name, '-E', '-v', 'cups-pdf:/', '-m', 'lsb/usr/cups-pdf/CUPS-PDF_noopt.ppd']);
  // cups-pdf takes PostScript. The filter's default renderer (Ghostscript) turns every font into Type 3
  // glyphs without their text, so the PDF it writes reads back as symbols; poppler's cairo renderer
  // keeps the text. Measured: docs/decisions-and-printing.md.
  sh('lpadmin', ['-p', name, '-o', 'pdftops-renderer-default=pdftocairo']);
}

export function removePrinter(name: string): void {
  try {
    sh('lpadmin', ['-x', name]);
  } catch {
    // Already gone.
  }
}

/** Starts or stops the printer as an operator would (cupsenable / cupsdisable): a stopped printer holds its jobs. */
/** The jobs the spooler still holds for a printer, as lpstat -o lists them. */
export function queuedJobs(printer = TEST_PRINTER): string {
  return sh('lpstat', ['-o', printer]);
}

export function setPrinterRunning(on: boolean, printer = TEST_PRINTER): void {
  sh(on ? 'cupsenable' : 'cupsdisable', [printer]);
}

/** Jobs the printer-port contract prints are titled so; their files are never a test's decision. */
export const CONTRACT_TITLE = 'contract';

/**
 * The PDFs cups-pdf wrote since `since` (a time from Date.now()). cups-pdf names a file after the job's
 * title and overwrites one of the same name, so a file counts by its time, not by its name; the
 * contract suite's own jobs, which may print at the same time in another test file, are left out.
 */
export async function newPdfOutputs(since: number, count = 1, timeoutMs = 15_000): Promise<string[]> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const fresh = existsSync(PDF_OUT)
      ? readdirSync(PDF_OUT)
          .filter((f) => f.endsWith('.pdf') && !f.startsWith(`${CONTRACT_TITLE}_`))
          .map((f) => join(PDF_OUT, f))
          .filter((f) => {
            const st = statSync(f);
            return st.mtimeMs >= since && st.size > 0;
          })
      : [];
    if (fresh.length >= count) {
      // cups-pdf finishes the file just after the job completes.
      await new Promise((r) => setTimeout(r, 300));
      return fresh;
    }
    if (Date.now() > end) throw new Error(`cups-pdf wrote ${fresh.length} of ${count} PDFs in ${PDF_OUT}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
