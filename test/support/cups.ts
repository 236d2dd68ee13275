/**
 * A private CUPS spooler with cups-pdf's printer, for the printing tests: its own cupsd, configuration,
 * spool and logs in a folder of its own, on a loopback port of its own, named to the code under test
 * and to every command the tests run by `CUPS_SERVER`. The machine's own spooler, its printers and its
 * default are never touched. A job it completes lands in the job user's ~/PDF (cups-pdf's
 * `Out ${HOME}/PDF`, set in /etc/cups, which the tests do not change); the PDFs a run wrote there are
 * removed at the end of the run (rememberPdfOut).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
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

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

interface PrivateCups {
  dir: string;
  daemon: ChildProcess;
}

let running: PrivateCups | null = null;

/**
 * Starts this process's private spooler (once) with the PDF printer, and points `CUPS_SERVER` at it:
 * what the process spawns afterwards (a web host, lp, lpstat, ipptool) prints there.
 */
export async function startCups(): Promise<void> {
  if (!existsSync('/usr/sbin/cupsd')) throw new Error('CUPS is not installed: install the Debian packages cups, printer-driver-cups-pdf and cups-client');
  if (!running) {
    const dir = mkdtempSync(join(tmpdir(), 'acw-cups-'));
    for (const d of ['spool/tmp', 'cache', 'state', 'log']) mkdirSync(join(dir, d), { recursive: true });
    // cupsd runs its filters as lp: they read the spool and write its temporary folder, as in /var/spool/cups.
    chmodSync(dir, 0o755);
    chmodSync(join(dir, 'spool'), 0o755);
    chmodSync(join(dir, 'spool', 'tmp'), 0o1777);
    const port = await freePort();
    writeFileSync(
      join(dir, 'cups-files.conf'),
      [`ServerRoot ${dir}`, `RequestRoot ${dir}/spool`, `TempDir ${dir}/spool/tmp`, `CacheDir ${dir}/cache`, `StateDir ${dir}/state`, `AccessLog ${dir}/log/access_log`, `ErrorLog ${dir}/log/error_log`, `PageLog ${dir}/log/page_log`, `Printcap ${dir}/printcap`, ''].join('\n'),
    );
    // Loopback only, and no authentication: the only client is this test run.
    writeFileSync(
      join(dir, 'cupsd.conf'),
      [`Listen 127.0.0.1:${port}`, 'WebInterface No', 'Browsing Off', 'LogLevel warn', 'DefaultAuthType None', '<Location />', '  Order allow,deny', '  Allow localhost', '</Location>', '<Policy default>', '  <Limit All>', '    Order deny,allow', '  </Limit>', '</Policy>', ''].join('\n'),
    );
    const daemon = spawn('/usr/sbin/cupsd', ['-f', '-c', join(dir, 'cupsd.conf'), '-s', join(dir, 'cups-files.conf')], { stdio: 'ignore' });
    running = { dir, daemon };
    process.env.CUPS_SERVER = `127.0.0.1:${port}`;
    process.once('exit', stopCupsNow);
    const end = Date.now() + 10_000;
    while (!schedulerUp()) {
      if (Date.now() > end || daemon.exitCode !== null) throw new Error('the private cupsd did not start');
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

/** Stops the private spooler and removes its folder. */
export async function stopCups(): Promise<void> {
  const cups = running;
  if (!cups) return;
  if (cups.daemon.exitCode === null) {
    const exited = new Promise((r) => cups.daemon.once('exit', r));
    cups.daemon.kill('SIGTERM');
    await exited;
  }
  stopCupsNow();
}

function stopCupsNow(): void {
  const cups = running;
  if (!cups) return;
  running = null;
  if (cups.daemon.exitCode === null) cups.daemon.kill('SIGKILL');
  rmSync(cups.dir, { recursive: true, force: true });
  delete process.env.CUPS_SERVER;
}

/**
 * What ~/PDF holds before a test run, and a step that removes what the run added (the folder too, if
 * the run made it). Called once per runner, around all its workers: a worker's spooler cannot tell its
 * PDFs from another's, which may still be reading theirs.
 */
export function rememberPdfOut(): () => void {
  const before = existsSync(PDF_OUT) ? new Set(readdirSync(PDF_OUT)) : null;
  return () => {
    if (!existsSync(PDF_OUT)) return;
    for (const f of readdirSync(PDF_OUT)) if (!before?.has(f)) rmSync(join(PDF_OUT, f), { force: true });
    if (!before && readdirSync(PDF_OUT).length === 0) rmdirSync(PDF_OUT);
  };
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
