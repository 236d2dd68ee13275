/**
 * One contract for every print spooler adapter, run against the real CUPS here and against the
 * in-memory fake, so that the fake the other tests use cannot drift from the real thing. Its jobs'
 * titles begin with "contract ", so the tests that read cups-pdf's output leave them out.
 */
import PDFDocument from 'pdfkit';
import { afterAll, describe, expect, it } from 'vitest';
import type { JobState, PrinterPort } from '../../core/printing/spooler';

export interface PrinterEnv {
  port: PrinterPort;
  /** A printer that prints. */
  printer: string;
  setRunning(running: boolean): void | Promise<void>;
}

/** A one-page A4 PDF, made by the same library the decisions are (a spooler's filters take it). */
function onePagePdf(): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument({ size: 'A4' });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.fontSize(14).text('printer port contract');
    doc.end();
  });
}

async function settle(port: PrinterPort, jobId: string, ms = 20_000): Promise<JobState> {
  const end = Date.now() + ms;
  for (;;) {
    const s = await port.jobState(jobId);
    if (s.state !== 'pending' || Date.now() > end) return s;
    await new Promise((r) => setTimeout(r, 200));
  }
}

export function printerPortContract(name: string, env: () => Promise<PrinterEnv>, teardown?: () => void | Promise<void>): void {
  describe(`printer port contract: ${name}`, () => {
    if (teardown) afterAll(teardown);
    it('lists the printer with a state', async () => {
      const e = await env();
      const { available, list } = await e.port.list();
      expect(available).toBe(true);
      expect(list).toContainEqual(expect.objectContaining({ name: e.printer, state: expect.stringMatching(/^(idle|printing)$/) }));
    });

    it('says whether the spooler keeps a copy of each printed document, and why', async () => {
      const e = await env();
      const files = await e.port.jobFiles(e.printer);
      expect(typeof files.kept).toBe('boolean');
      expect(files.detail.length).toBeGreaterThan(0);
    });

    it('a job on a running printer ends completed', async () => {
      const e = await env();
      await e.setRunning(true);
      const id = await e.port.submit(await onePagePdf(), e.printer, 'contract completed');
      expect(await settle(e.port, id)).toEqual({ state: 'completed' });
    }, 30_000);

    it('a job for a printer that does not exist is refused as printer-not-found', async () => {
      const e = await env();
      await expect(e.port.submit(await onePagePdf(), 'NoSuchPrinter9', 'contract missing')).rejects.toMatchObject({ code: 'printer-not-found' });
    });

    it('a job on a stopped printer fails as printer-stopped, is cancelled, and stays failed', async () => {
      const e = await env();
      await e.setRunning(false);
      try {
        const id = await e.port.submit(await onePagePdf(), e.printer, 'contract stopped');
        expect(await e.port.jobState(id)).toMatchObject({ state: 'failed', code: 'printer-stopped' });
        await e.port.cancel(id);
        await e.setRunning(true);
        expect(await settle(e.port, id)).toMatchObject({ state: 'failed' });
        const after = await e.port.list();
        expect(after.list.find((p) => p.name === e.printer)?.state).not.toBe('disabled');
      } finally {
        await e.setRunning(true);
      }
    }, 30_000);
  });
}
