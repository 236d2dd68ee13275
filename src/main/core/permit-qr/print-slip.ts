import { ApiFailure } from '../failures/failure';
import type { CallContext } from '../calls/handler-spec';
import { appendAudit } from '../audit/audit';
import { keepDecisionPrinter } from '../printing/choose-printer';
import { PrintError, type PrinterPort } from '../printing/spooler';
import { renderVerificationSlip } from './slip-pdf';
import { currentTrust } from '../trust/trust-store';

/**
 * Prints the slip of the session's last scan on the window's printer (the port the host hands the
 * core: CUPS or the Windows spooler), not through a browser's print dialog; audited with the verdict.
 */
export async function printVerificationSlip(ctx: CallContext<{ printers: PrinterPort }>): Promise<{ printer: string; jobId: string }> {
  const scan = ctx.session.lastScan;
  if (!scan) throw new ApiFailure('not-found', 'There is no scan at this window to print a slip of.');
  const printer = await keepDecisionPrinter(ctx.db, ctx.printers, ctx.events, ctx.now());
  if (!printer) throw new ApiFailure('no-printer', 'No printer is set up for this window.');
  const pdf = await renderVerificationSlip(scan, currentTrust(ctx.db)?.version ?? null);
  try {
    const jobId = await ctx.printers.submit(pdf, printer.name, `verification slip ${scan.check.verdict}`);
    appendAudit(ctx.db, { at: ctx.now().toISOString(), actor: ctx.session.account!.username, action: 'permit.slip-printed', target: scan.check.verdict });
    return { printer: printer.name, jobId };
  } catch (err) {
    if (err instanceof PrintError) throw new ApiFailure('no-printer', `${err.code}: ${err.message}`, undefined, { printer: printer.name });
    throw err;
  }
}
