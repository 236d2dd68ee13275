import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PrinterState } from '../../../shared/permit-qr';
import { PrintError, type JobFiles, type JobState, type PrinterList, type PrinterPort } from '../../core/printing/spooler';

/**
 * The Windows spooler. A PDF goes to a named printer silently through `pdf-to-printer` (which ships
 * SumatraPDF), and everything else is read back from the spooler with PowerShell: the printers from
 * Win32_Printer (state, default, offline, paper), a job from Get-PrintJob (found by its document
 * name, then by its id), cancel with Remove-PrintJob. All the parsing is pure and tested with
 * PowerShell's output for each state; this could not be run here (no Windows machine).
 */
export interface WindowsSpoolerHost {
  /** Runs a PowerShell script and resolves with what it printed. */
  powershell(script: string): Promise<string>;
  /** Prints the PDF file to the printer without a dialog; resolves once it is handed to the spooler. */
  printFile(path: string, printer: string): Promise<void>;
}

/** A PowerShell single-quoted string: quotes doubled, nothing else is special inside. */
export const psQuote = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** ConvertTo-Json writes one object as an object and many as an array; null when nothing matched. */
function items(json: string): Record<string, unknown>[] {
  const text = json.trim();
  if (!text || text === 'null') return [];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new PrintError('spooler-unavailable', `PowerShell's answer is not JSON: ${text.slice(0, 200)}`);
  }
  const list = Array.isArray(value) ? value : [value];
  return list.filter((x): x is Record<string, unknown> => !!x && typeof x === 'object');
}

/** Win32_Printer.DetectedErrorState values that stop a job: no paper, no toner, door open, jammed, offline, service requested, output bin full. */
const STOPPING_ERRORS: Record<number, string> = { 4: 'out of paper', 6: 'out of toner', 7: 'a door is open', 8: 'paper jam', 9: 'offline', 10: 'needs service', 11: 'output bin full' };

function printerProblem(p: Record<string, unknown>): string | null {
  if (p.WorkOffline === true || p.PrinterStatus === 7) return 'offline';
  const error = STOPPING_ERRORS[Number(p.DetectedErrorState)];
  if (error) return error;
  if (p.PrinterStatus === 6) return 'stopped printing';
  return null;
}

/** `Get-CimInstance Win32_Printer | Select Name,Default,PrinterStatus,WorkOffline,DetectedErrorState | ConvertTo-Json`. */
export function parseWindowsPrinters(json: string): PrinterState[] {
  return items(json)
    .filter((p) => typeof p.Name === 'string' && p.Name)
    .map((p) => ({
      name: String(p.Name),
      state: printerProblem(p) ? 'disabled' : p.PrinterStatus === 4 ? 'printing' : p.PrinterStatus === 3 || p.PrinterStatus === 1 || p.PrinterStatus === 5 ? 'idle' : 'unknown',
      isDefault: p.Default === true,
    }));
}

/** The PrintJobStatus flags (Windows' JOB_STATUS_*), for a status written as a number. */
const JOB_FLAGS: [number, string][] = [
  [1, 'Paused'], [2, 'Error'], [4, 'Deleting'], [8, 'Spooling'], [16, 'Printing'], [32, 'Offline'], [64, 'PaperOut'], [128, 'Printed'],
  [256, 'Deleted'], [512, 'Blocked'], [1024, 'UserIntervention'], [2048, 'Restarted'], [4096, 'Complete'], [8192, 'Retained'],
];

function jobFlags(status: unknown): Set<string> {
  if (typeof status === 'number') return new Set(JOB_FLAGS.filter(([bit]) => status & bit).map(([, name]) => name));
  // "Printing, Retained" from the enum's ToString; some tools write the names spaced ("Paper Out").
  return new Set(String(status ?? '').split(',').map((f) => f.replace(/\s+/g, '')).filter(Boolean).map((f) => (f === 'Completed' ? 'Complete' : f)));
}

/** One job's state from `Get-PrintJob … | Select Id,DocumentName,JobStatus | ConvertTo-Json`; a job the spooler no longer has is unknown. */
export function parseWindowsJob(json: string): JobState {
  const [job] = items(json);
  if (!job) return { state: 'unknown', reason: 'the Windows spooler no longer lists this job (it removes a printed job unless told to keep it)' };
  const f = jobFlags(job.JobStatus);
  if (f.has('Complete') || f.has('Printed')) return { state: 'completed' };
  if (f.has('Deleted') || f.has('Deleting')) return { state: 'failed', code: 'refused', reason: 'the job was deleted from the queue' };
  if (f.has('PaperOut')) return { state: 'failed', code: 'printer-stopped', reason: 'the printer is out of paper' };
  if (f.has('Offline')) return { state: 'failed', code: 'printer-stopped', reason: 'the printer is offline' };
  if (f.has('UserIntervention')) return { state: 'failed', code: 'printer-stopped', reason: 'the printer needs attention' };
  if (f.has('Error') || f.has('Blocked')) return { state: 'failed', code: 'refused', reason: `the printer reported an error (${[...f].join(', ')})` };
  return { state: 'pending', reason: [...f].join(', ') || null };
}

/** `win:<printer>:<id>` for a job found in the queue, `win:<printer>:doc:<document>` for one not yet seen. */
function splitJobId(jobId: string): { printer: string; id: number | null; document: string | null } {
  const m = /^win:(.*):(?:(\d+)|doc:(.+))$/.exec(jobId);
  if (!m) throw new PrintError('refused', `not a Windows print job id: ${jobId}`);
  return { printer: m[1], id: m[2] ? Number(m[2]) : null, document: m[3] ?? null };
}

const PRINTERS_SCRIPT =
  "Get-CimInstance -ClassName Win32_Printer | Select-Object Name,Default,PrinterStatus,WorkOffline,DetectedErrorState | ConvertTo-Json -Compress";
const jobScript = (printer: string, select: string) =>
  `$j = Get-PrintJob -PrinterName ${psQuote(printer)} -ErrorAction SilentlyContinue | Where-Object { ${select} }; if ($j) { $j | Select-Object Id,DocumentName,@{n='JobStatus';e={[string]$_.JobStatus}} | ConvertTo-Json -Compress } else { 'null' }`;

/** Win32_Printer's KeepPrintedJobs: the spooler keeps the printed document in its queue (and spool folder). */
export function parseKeepPrintedJobs(json: string): JobFiles {
  const [p] = items(json);
  if (!p || typeof p.KeepPrintedJobs !== 'boolean') return { kept: null, detail: 'Windows did not say whether the printer keeps printed jobs' };
  return p.KeepPrintedJobs ? { kept: true, detail: `${p.Name} keeps printed jobs (KeepPrintedJobs)` } : { kept: false, detail: `${p.Name} keeps no printed job` };
}

/**
 * Copies of a decision left in the temporary folder by a print cut short (the app killed between
 * writing the file and removing it): removed when the adapter starts.
 */
export function sweepPrintCopies(dir = tmpdir()): number {
  let removed = 0;
  for (const name of readdirSync(dir)) {
    if (!name.startsWith('acw-print-')) continue;
    rmSync(join(dir, name), { recursive: true, force: true });
    removed++;
  }
  return removed;
}

export function createWindowsPrinters(host: WindowsSpoolerHost = defaultWindowsHost()): PrinterPort {
  sweepPrintCopies();
  const printers = async () => parseWindowsPrinters(await host.powershell(PRINTERS_SCRIPT));
  return {
    system: 'windows',
    async list(): Promise<PrinterList> {
      try {
        return { available: true, list: await printers(), error: null };
      } catch (err) {
        return { available: false, list: [], error: (err as Error).message };
      }
    },
    async submit(pdf, printer, title) {
      const list = await printers();
      const target = printer || list.find((p) => p.isDefault)?.name;
      if (!target) throw new PrintError('no-printer', 'no printer is named and Windows has no default printer');
      if (!list.some((p) => p.name === target)) throw new PrintError('printer-not-found', `Windows has no printer called ${target}`);
      // SumatraPDF names the job after the file: a name of its own finds the job in the queue.
      const document = `${title.replace(/[^\p{L}\p{N} ._#-]/gu, '_').slice(0, 80)}.pdf`;
      const dir = mkdtempSync(join(tmpdir(), 'acw-print-'));
      const file = join(dir, document);
      try {
        writeFileSync(file, pdf, { mode: 0o600 });
        await host.printFile(file, target).catch((err: Error) => {
          throw new PrintError('refused', `the PDF could not be handed to the spooler: ${err.message}`);
        });
      } finally {
        // The spooler has its own copy now: none is left in the temporary folder.
        rmSync(dir, { recursive: true, force: true });
      }
      const [job] = items(await host.powershell(jobScript(target, `$_.DocumentName -eq ${psQuote(document)}`)));
      return typeof job?.Id === 'number' ? `win:${target}:${job.Id}` : `win:${target}:doc:${document}`;
    },
    async jobState(jobId) {
      const { printer, id, document } = splitJobId(jobId);
      const state = parseWindowsJob(await host.powershell(jobScript(printer, id !== null ? `$_.Id -eq ${id}` : `$_.DocumentName -eq ${psQuote(document!)}`)));
      if (state.state !== 'pending') return state;
      // Queued behind a printer that cannot print: it will not finish.
      const p = items(await host.powershell(PRINTERS_SCRIPT)).find((x) => x.Name === printer);
      const problem = p ? printerProblem(p) : 'gone';
      return problem ? { state: 'failed', code: 'printer-stopped', reason: `the printer is ${problem}` } : state;
    },
    async cancel(jobId) {
      const { printer, id, document } = splitJobId(jobId);
      const where = id !== null ? `$_.Id -eq ${id}` : `$_.DocumentName -eq ${psQuote(document!)}`;
      await host.powershell(`Get-PrintJob -PrinterName ${psQuote(printer)} -ErrorAction SilentlyContinue | Where-Object { ${where} } | Remove-PrintJob`).catch(() => undefined);
    },
    async jobFiles(printer) {
      try {
        return parseKeepPrintedJobs(await host.powershell(`Get-CimInstance -ClassName Win32_Printer | Where-Object { $_.Name -eq ${psQuote(printer)} } | Select-Object Name,KeepPrintedJobs | ConvertTo-Json -Compress`));
      } catch (err) {
        return { kept: null, detail: `powershell: ${(err as Error).message.slice(0, 200)}` };
      }
    },
  };
}

/** The real Windows host: powershell.exe, and pdf-to-printer's SumatraPDF (unpacked from the app's archive). */
export function defaultWindowsHost(): WindowsSpoolerHost {
  return {
    powershell: (script) =>
      new Promise((resolve, reject) => {
        execFile('powershell.exe', ['-NoProfile', '-NonInteractive', '-Command', `[Console]::OutputEncoding = [Text.Encoding]::UTF8; ${script}`], { timeout: 15_000, windowsHide: true, maxBuffer: 1 << 20 }, (err, stdout, stderr) => {
          if (err) reject(new PrintError('spooler-unavailable', (stderr || err.message).trim()));
          else resolve(stdout);
        });
      }),
    printFile: async (path, printer) => {
      const { print } = await import('pdf-to-printer');
      const bundled = (await import('node:module')).createRequire(import.meta.url).resolve('pdf-to-printer');
      const sumatra = join(bundled, '..', 'SumatraPDF-3.4.6-32.exe').replace(`app.asar${'\\'}`, `app.asar.unpacked${'\\'}`);
      await print(path, { printer, silent: true, paperSize: 'A4', scale: 'fit', sumatraPdfPath: sumatra });
    },
  };
}
