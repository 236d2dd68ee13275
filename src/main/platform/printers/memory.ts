import type { PrinterState } from '../../../shared/permit-qr';
import { PrintError, type JobState, type PrinterPort } from '../../core/printing/spooler';

interface Job {
  printer: string;
  pdf: Buffer;
  title: string;
  polls: number;
  state: 'queued' | 'completed' | 'canceled' | 'forgotten';
}

/**
 * An in-memory spooler with the behaviour the contract tests hold CUPS to: a job on a running printer
 * completes after a few looks, one on a stopped printer fails as printer-stopped, a cancelled one as
 * refused, one the spooler forgot is unknown. The tests run it beside the real CUPS with the same
 * suite (printer-port.contract.ts), so it cannot drift from it.
 */
export function createMemoryPrinters(printers: { name: string; isDefault?: boolean }[] = [{ name: 'MemoryPDF', isDefault: true }], opts: { pollsToFinish?: number; keepsJobFiles?: boolean } = {}) {
  const states = new Map<string, PrinterState>(printers.map((p) => [p.name, { name: p.name, state: 'idle', isDefault: !!p.isDefault }]));
  const jobs = new Map<string, Job>();
  let next = 1;
  const port: PrinterPort = {
    system: 'memory',
    list: async () => ({ available: true, list: [...states.values()].map((p) => ({ ...p })), error: null }),
    async submit(pdf, printer, title) {
      const target = printer || [...states.values()].find((p) => p.isDefault)?.name;
      if (!target) throw new PrintError('no-printer', 'no default destination');
      if (!states.has(target)) throw new PrintError('printer-not-found', `the printer or class ${target} does not exist`);
      const id = `${target}-${next++}`;
      jobs.set(id, { printer: target, pdf, title, polls: 0, state: 'queued' });
      return id;
    },
    async jobState(jobId): Promise<JobState> {
      const job = jobs.get(jobId);
      if (!job || job.state === 'forgotten') return { state: 'unknown', reason: 'the spooler no longer knows this job' };
      if (job.state === 'completed') return { state: 'completed' };
      if (job.state === 'canceled') return { state: 'failed', code: 'refused', reason: 'job canceled' };
      if (states.get(job.printer)?.state === 'disabled') return { state: 'failed', code: 'printer-stopped', reason: `printer ${job.printer} is stopped` };
      if (++job.polls >= (opts.pollsToFinish ?? 2)) job.state = 'completed';
      return job.state === 'completed' ? { state: 'completed' } : { state: 'pending', reason: 'job-printing' };
    },
    async cancel(jobId) {
      const job = jobs.get(jobId);
      if (job && job.state === 'queued') job.state = 'canceled';
    },
    jobFiles: async () => ({ kept: opts.keepsJobFiles ?? false, detail: opts.keepsJobFiles ? 'the memory spooler keeps every job' : 'the memory spooler keeps no job file' }),
  };
  return {
    port,
    /** Stops or starts a printer, as cupsdisable / cupsenable do. */
    setRunning(name: string, running: boolean) {
      const p = states.get(name);
      if (p) p.state = running ? 'idle' : 'disabled';
    },
    /** The spooler forgets a job (as a purged history, or Windows after printing). */
    forget(jobId: string) {
      const job = jobs.get(jobId);
      if (job) job.state = 'forgotten';
    },
    /** What came out of the printer: completed jobs, in order. */
    printed: (name?: string) => [...jobs.values()].filter((j) => j.state === 'completed' && (!name || j.printer === name)).map((j) => ({ title: j.title, pdf: j.pdf })),
    queued: (name: string) => [...jobs.entries()].filter(([, j]) => j.printer === name && j.state === 'queued').map(([id]) => id),
  };
}
