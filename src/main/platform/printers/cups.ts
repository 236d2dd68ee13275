import { execFile } from 'node:child_process';
import type { PrinterState } from '../../../shared/permit-qr';
import { PrintError, type JobFiles, type PrinterList, type PrinterPort } from '../../core/printing/spooler';

/**
 * CUPS (Linux and macOS, UOS and Kylin included) through its own clients: `lp` submits (the PDF on
 * standard input, so no copy is left in a temporary folder), `ipptool` reads the job's state over IPP
 * (Get-Job-Attributes), `lpstat` lists the printers and says whether one is stopped, `cancel` removes a
 * job given up on. The C locale keeps their output parseable whatever the PC's language.
 */
function run(cmd: string, args: string[], input?: Buffer, timeout = 10_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(cmd, args, { timeout, env: { ...process.env, LC_ALL: 'C' }, maxBuffer: 1 << 20 }, (err, stdout, stderr) => {
      if (err) reject(cupsError(cmd, err, stderr));
      else resolve(stdout);
    });
    child.stdin?.on('error', () => undefined);
    if (input) child.stdin?.end(input);
  });
}

/** What a CUPS client's failure means, with its own words kept for the details. */
export function cupsError(cmd: string, err: Error, stderr: string): PrintError {
  const text = (stderr || err.message).trim();
  if ((err as NodeJS.ErrnoException).code === 'ENOENT') return new PrintError('spooler-unavailable', `${cmd} is not installed (the CUPS client tools are needed to print)`);
  if (/no default destination/i.test(text)) return new PrintError('no-printer', text);
  if (/does not exist|unknown destination|not a valid destination|invalid destination/i.test(text)) return new PrintError('printer-not-found', text);
  if (/scheduler is not running|connection refused|unable to connect/i.test(text)) return new PrintError('spooler-unavailable', text);
  if ((err as { killed?: boolean }).killed) return new PrintError('timeout', `${cmd} did not answer in time`);
  return new PrintError('refused', text);
}

/** `CounterPDF-12` → the printer and the job number (printer names may hold hyphens). */
function splitJobId(jobId: string): { printer: string; n: number } {
  const m = /^(.+)-(\d+)$/.exec(jobId);
  if (!m) throw new PrintError('refused', `not a CUPS job id: ${jobId}`);
  return { printer: m[1], n: Number(m[2]) };
}

function ippHost(): string {
  const server = process.env.CUPS_SERVER;
  // A socket path cannot go in an IPP URI; the local scheduler answers on localhost as well.
  return server && !server.startsWith('/') ? server : 'localhost';
}

/** `lpstat -p -d` output: each printer with its state, and the system default. */
export function parseLpstat(stdout: string): PrinterState[] {
  const def = /system default destination: (\S+)/.exec(stdout)?.[1] ?? null;
  const list: PrinterState[] = [];
  for (const line of stdout.split('\n')) {
    const m = /^printer (\S+) (?:is )?(idle|now printing|disabled)/.exec(line);
    if (m) list.push({ name: m[1], state: m[2] === 'idle' ? 'idle' : m[2] === 'disabled' ? 'disabled' : 'printing', isDefault: m[1] === def });
  }
  return list;
}

/**
 * What `cupsctl` says of `PreserveJobFiles`: CUPS keeps each job's document in its spool folder for a
 * day after printing (the default since 2.3, 86400 seconds) unless the setting says No.
 */
export function parsePreserveJobFiles(cupsctl: string): JobFiles {
  const value = /^PreserveJobFiles=(.*)$/im.exec(cupsctl)?.[1]?.trim();
  if (value === undefined) return { kept: true, detail: 'PreserveJobFiles is not set: CUPS keeps job files for 86400 s by default' };
  if (/^(no|off|false|0)$/i.test(value)) return { kept: false, detail: `PreserveJobFiles ${value}` };
  return { kept: true, detail: `PreserveJobFiles ${value}` };
}

export function createCupsPrinters(): PrinterPort {
  return {
    system: 'cups',
    async list(): Promise<PrinterList> {
      try {
        return { available: true, list: parseLpstat(await run('lpstat', ['-p', '-d'], undefined, 3000)), error: null };
      } catch (err) {
        // A spooler with no printers at all makes lpstat fail: that is an empty list, not an error.
        const text = (err as Error).message;
        if (/no destinations added/i.test(text)) return { available: true, list: [], error: null };
        const e = err as PrintError;
        return { available: false, list: [], error: e.code === 'spooler-unavailable' ? e.message : 'the print service did not answer' };
      }
    },
    async submit(pdf, printer, title) {
      const args = ['-t', title.replace(/[^\p{L}\p{N} ._-]/gu, '_').slice(0, 100), '-o', 'media=A4', '-o', 'fit-to-page'];
      if (printer) args.unshift('-d', printer);
      const out = await run('lp', args, pdf);
      const id = /request id is (\S+)/.exec(out)?.[1];
      if (!id) throw new PrintError('refused', `the spooler did not give a job id: ${out.trim().slice(0, 200)}`);
      return id;
    },
    async jobState(jobId) {
      const { printer, n } = splitJobId(jobId);
      const out = await run('ipptool', ['-T', '5', '-tv', `ipp://${ippHost()}/jobs/${n}`, 'get-job-attributes.test']);
      const state = /job-state \(enum\) = (\S+)/.exec(out)?.[1];
      const reasons = /job-state-reasons \(\S+\) = (.+)/.exec(out)?.[1]?.trim() ?? null;
      // CUPS keeps a finished job in its history; one it has forgotten could have printed or not.
      if (!state) return { state: 'unknown', reason: 'the spooler no longer knows this job' };
      if (state === 'completed') return { state: 'completed' };
      if (state === 'canceled' || state === 'aborted') return { state: 'failed', code: 'refused', reason: `job ${state}${reasons && reasons !== 'none' ? ` (${reasons})` : ''}` };
      // Queued, held or printing: finished only when the printer is running.
      const printerState = await run('lpstat', ['-p', printer]).catch(() => '');
      if (/disabled/.test(printerState)) return { state: 'failed', code: 'printer-stopped', reason: `printer ${printer} is stopped` };
      if (state === 'stopped') return { state: 'failed', code: 'printer-stopped', reason: `job stopped${reasons ? ` (${reasons})` : ''}` };
      return { state: 'pending', reason: reasons };
    },
    async cancel(jobId) {
      await run('cancel', [jobId]).catch(() => undefined);
    },
    // The scheduler's setting, the same for every printer.
    jobFiles: async () => run('cupsctl', [], undefined, 3000).then(parsePreserveJobFiles, (err: Error) => ({ kept: null, detail: `cupsctl: ${err.message.slice(0, 200)}` })),
  };
}
