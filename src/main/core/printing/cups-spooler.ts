import { execFile } from 'node:child_process';
import { PrintError, type PrintSpooler } from './spooler';

/**
 * CUPS through its own command-line clients: `lp` submits (the PDF on standard input), `ipptool`
 * reads the job's state over IPP (Get-Job-Attributes: pending, processing, completed, aborted...),
 * `lpstat -p` tells whether the printer is stopped, `cancel` removes a job given up on. The C locale
 * keeps their output parseable whatever the PC's language.
 */
function run(cmd: string, args: string[], input?: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(cmd, args, { timeout: 10_000, env: { ...process.env, LC_ALL: 'C' }, maxBuffer: 1 << 20 }, (err, stdout, stderr) => {
      if (err) {
        const code = (err as NodeJS.ErrnoException).code;
        reject(new PrintError(code === 'ENOENT' ? `${cmd} is not installed (CUPS client tools are needed to print)` : (stderr || err.message).trim()));
      } else resolve(stdout);
    });
    if (input) child.stdin?.end(input);
  });
}

/** `CounterPDF-12` → the printer and the job number (printer names may hold hyphens). */
function splitJobId(jobId: string): { printer: string; n: number } {
  const m = /^(.+)-(\d+)$/.exec(jobId);
  if (!m) throw new PrintError(`not a CUPS job id: ${jobId}`);
  return { printer: m[1], n: Number(m[2]) };
}

function ippHost(): string {
  const server = process.env.CUPS_SERVER;
  // A socket path cannot go in an IPP URI; the local scheduler answers on localhost as well.
  return server && !server.startsWith('/') ? server : 'localhost';
}

export function createCupsSpooler(): PrintSpooler {
  const spooler: PrintSpooler = {
    async submit(pdf, printer, title) {
      const args = ['-t', title.replace(/[^\p{L}\p{N} ._-]/gu, '_').slice(0, 100), '-o', 'media=A4', '-o', 'fit-to-page'];
      if (printer) args.unshift('-d', printer);
      const out = await run('lp', args, pdf);
      const id = /request id is (\S+)/.exec(out)?.[1];
      if (!id) throw new PrintError(`the spooler did not give a job id: ${out.trim().slice(0, 200)}`);
      return id;
    },
    async jobState(jobId) {
      const { printer, n } = splitJobId(jobId);
      const out = await run('ipptool', ['-T', '5', '-tv', `ipp://${ippHost()}/jobs/${n}`, 'get-job-attributes.test']);
      const state = /job-state \(enum\) = (\S+)/.exec(out)?.[1];
      const reasons = /job-state-reasons \(\S+\) = (.+)/.exec(out)?.[1]?.trim() ?? null;
      if (!state) return { state: 'failed', reason: 'the spooler no longer knows this job' };
      if (state === 'completed') return { state: 'completed' };
      if (state === 'canceled' || state === 'aborted') return { state: 'failed', reason: `job ${state}${reasons && reasons !== 'none' ? ` (${reasons})` : ''}` };
      // Queued, held or printing: finished only when the printer is running.
      const printerState = await run('lpstat', ['-p', printer]).catch(() => '');
      if (/disabled/.test(printerState)) return { state: 'failed', reason: `printer ${printer} is stopped` };
      if (state === 'stopped') return { state: 'failed', reason: `job stopped${reasons ? ` (${reasons})` : ''}` };
      return { state: 'pending', reason: reasons };
    },
    async cancel(jobId) {
      await run('cancel', [jobId]).catch(() => undefined);
    },
  };
  return spooler;
}
