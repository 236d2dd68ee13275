import type { PrinterState } from '../../../shared/permit-qr';

/**
 * The system's print spooler as the core sees it: a port the host hands over (CUPS on Linux and
 * macOS, UOS and Kylin included; the Windows spooler on Windows; an in-memory one for tests), the same
 * in the web host and in Electron. A decision counts as printed only when `jobState` says `completed`.
 */
export type PrintErrorCode =
  /** No printer is named and the system has no default one. */
  | 'no-printer'
  | 'printer-not-found'
  | 'printer-stopped'
  /** The spooler's own tools are missing or do not answer. */
  | 'spooler-unavailable'
  /** The spooler refused or aborted the job for another reason (its words in the message). */
  | 'refused'
  | 'timeout';

export const PRINT_ERROR_CODES: readonly PrintErrorCode[] = ['no-printer', 'printer-not-found', 'printer-stopped', 'spooler-unavailable', 'refused', 'timeout'];

export class PrintError extends Error {
  constructor(
    readonly code: PrintErrorCode,
    /** The spooler's own text, for the details under the words the user reads. */
    message: string,
  ) {
    super(message);
  }
}

export type JobState =
  /** Queued or printing: ask again. */
  | { state: 'pending'; reason: string | null }
  | { state: 'completed' }
  /** The spooler will not finish the job (aborted, cancelled, the printer stopped or out of paper). */
  | { state: 'failed'; code: PrintErrorCode; reason: string }
  /** The spooler no longer says (the Windows spooler forgets a finished job): the clerk decides. */
  | { state: 'unknown'; reason: string };

export interface PrinterList {
  available: boolean;
  list: PrinterState[];
  error: string | null;
}

export interface PrinterPort {
  /** Which spooler this is, for the device panel and diagnostics. */
  readonly system: 'cups' | 'windows' | 'memory' | 'none';
  /** The system's printers with their states and the default; never throws. */
  list(): Promise<PrinterList>;
  /** Hands a PDF to the named printer; resolves with the spooler's job id, or rejects with a PrintError. */
  submit(pdf: Buffer, printer: string, title: string): Promise<string>;
  jobState(jobId: string): Promise<JobState>;
  /** Removes a job the app gave up on, so that it cannot come out of the printer later. */
  cancel(jobId: string): Promise<void>;
  /**
   * Whether the spooler keeps a copy of each printed document (CUPS unless `PreserveJobFiles No`;
   * Windows when the printer keeps printed jobs): a decision's copy outside the encrypted store.
   * `kept` is null when it cannot be told.
   */
  jobFiles(printer: string): Promise<JobFiles>;
}

export interface JobFiles {
  kept: boolean | null;
  /** In English, for the details: the setting as the spooler has it. */
  detail: string;
}

/** For a host that has no spooler (the command line's reads, some tests): lists none, prints nothing. */
export const NO_PRINTERS: PrinterPort = {
  system: 'none',
  list: async () => ({ available: false, list: [], error: 'no print spooler in this host' }),
  submit: async () => {
    throw new PrintError('spooler-unavailable', 'no print spooler in this host');
  },
  jobState: async () => ({ state: 'unknown', reason: 'no print spooler in this host' }),
  cancel: async () => undefined,
  jobFiles: async () => ({ kept: null, detail: 'no print spooler in this host' }),
};
