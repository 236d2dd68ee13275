/**
 * The system's print spooler as the core sees it. The web host and the command line use CUPS
 * (cups-spooler.ts); the Electron host passes its own (webContents.print) behind this interface.
 * A decision counts as printed only when `jobState` says `completed`.
 */
export type JobState =
  /** Queued or printing: ask again. */
  | { state: 'pending'; reason: string | null }
  | { state: 'completed' }
  /** The spooler will not finish the job (aborted, cancelled, or the printer stopped). */
  | { state: 'failed'; reason: string };

export interface PrintSpooler {
  /** Hands a PDF to the spooler; resolves with the spooler's job id, or rejects with a clear reason. */
  submit(pdf: Buffer, printer: string, title: string): Promise<string>;
  jobState(jobId: string): Promise<JobState>;
  /** Removes a job the app gave up on, so that it cannot come out of the printer later. */
  cancel(jobId: string): Promise<void>;
}

export class PrintError extends Error {}
