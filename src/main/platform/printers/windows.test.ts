/**
 * The Windows spooler adapter, with PowerShell's output for each state a job and a printer go through
 * (written as `ConvertTo-Json -Compress` prints the objects the scripts select: one object alone,
 * several as an array, nothing as `null`). No Windows machine runs here: the scripts themselves are
 * checked for what they ask, and the parsing for what it makes of each answer.
 */
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createWindowsPrinters, parseKeepPrintedJobs, parseWindowsJob, parseWindowsPrinters, psQuote, sweepPrintCopies, type WindowsSpoolerHost } from './windows';

const PRINTERS = JSON.stringify([
  { Name: 'Counter HP', Default: true, PrinterStatus: 3, WorkOffline: false, DetectedErrorState: 2 },
  { Name: 'Back Office', Default: false, PrinterStatus: 4, WorkOffline: false, DetectedErrorState: 0 },
  { Name: 'Annex', Default: false, PrinterStatus: 3, WorkOffline: true, DetectedErrorState: 9 },
  { Name: 'Tray Empty', Default: false, PrinterStatus: 1, WorkOffline: false, DetectedErrorState: 4 },
  { Name: 'Microsoft Print to PDF', Default: false, PrinterStatus: 3, WorkOffline: false, DetectedErrorState: 0 },
]);

/** What Get-PrintJob's selection prints for one job in each state. */
const job = (status: string | number, id = 12, doc = 'decision #5.pdf') => JSON.stringify({ Id: id, DocumentName: doc, JobStatus: status });

describe('Windows printers (Win32_Printer)', () => {
  it('reads each printer: ready, printing, offline, out of paper, and the default', () => {
    expect(parseWindowsPrinters(PRINTERS)).toEqual([
      { name: 'Counter HP', state: 'idle', isDefault: true },
      { name: 'Back Office', state: 'printing', isDefault: false },
      { name: 'Annex', state: 'disabled', isDefault: false },
      { name: 'Tray Empty', state: 'disabled', isDefault: false },
      { name: 'Microsoft Print to PDF', state: 'idle', isDefault: false },
    ]);
  });

  it('takes one printer written as an object, and none written as null or nothing', () => {
    expect(parseWindowsPrinters(JSON.stringify({ Name: 'Only', Default: false, PrinterStatus: 3, WorkOffline: false }))).toEqual([{ name: 'Only', state: 'idle', isDefault: false }]);
    expect(parseWindowsPrinters('null')).toEqual([]);
    expect(parseWindowsPrinters('')).toEqual([]);
    expect(() => parseWindowsPrinters('Get-CimInstance : Access denied')).toThrow(/not JSON/);
  });
});

describe('a Windows print job (Get-PrintJob)', () => {
  it('queued and printing are pending; printed (kept) and complete are completed', () => {
    expect(parseWindowsJob(job('Spooling'))).toEqual({ state: 'pending', reason: 'Spooling' });
    expect(parseWindowsJob(job('Normal'))).toEqual({ state: 'pending', reason: 'Normal' });
    expect(parseWindowsJob(job('Printing'))).toEqual({ state: 'pending', reason: 'Printing' });
    expect(parseWindowsJob(job('Printed, Retained'))).toEqual({ state: 'completed' });
    expect(parseWindowsJob(job('Complete'))).toEqual({ state: 'completed' });
  });

  it('error, offline, paper out and deleted fail, each with its code and reason', () => {
    expect(parseWindowsJob(job('Error, Printing'))).toMatchObject({ state: 'failed', code: 'refused', reason: expect.stringContaining('error') });
    expect(parseWindowsJob(job('Offline'))).toEqual({ state: 'failed', code: 'printer-stopped', reason: 'the printer is offline' });
    expect(parseWindowsJob(job('PaperOut, Printing'))).toEqual({ state: 'failed', code: 'printer-stopped', reason: 'the printer is out of paper' });
    expect(parseWindowsJob(job('UserIntervention'))).toMatchObject({ state: 'failed', code: 'printer-stopped' });
    expect(parseWindowsJob(job('Deleting'))).toMatchObject({ state: 'failed', code: 'refused', reason: expect.stringContaining('deleted') });
  });

  it('reads the names spaced too, as some tools write them', () => {
    expect(parseWindowsJob(job('Paper Out, Printing'))).toMatchObject({ state: 'failed', reason: 'the printer is out of paper' });
    expect(parseWindowsJob(job('User Intervention'))).toMatchObject({ state: 'failed', code: 'printer-stopped' });
  });

  it('reads the status written as a number of flags too', () => {
    expect(parseWindowsJob(job(64 | 16))).toMatchObject({ state: 'failed', reason: 'the printer is out of paper' });
    expect(parseWindowsJob(job(128 | 8192))).toEqual({ state: 'completed' });
    expect(parseWindowsJob(job(8))).toEqual({ state: 'pending', reason: 'Spooling' });
  });

  it('a job the spooler no longer lists is unknown: Windows drops a printed job unless told to keep it', () => {
    expect(parseWindowsJob('null')).toMatchObject({ state: 'unknown' });
    expect(parseWindowsJob('')).toMatchObject({ state: 'unknown' });
  });
});

/** A Windows host whose PowerShell answers from a script: the printers, then the job's states in turn. */
function scriptedHost(jobAnswers: string[], printers = PRINTERS) {
  const scripts: string[] = [];
  const printed: { path: string; printer: string }[] = [];
  const host: WindowsSpoolerHost = {
    powershell: async (script) => {
      scripts.push(script);
      if (script.includes('Win32_Printer')) return printers;
      if (script.includes('Remove-PrintJob')) return '';
      return jobAnswers.length > 1 ? jobAnswers.shift()! : (jobAnswers[0] ?? 'null');
    },
    printFile: async (path, printer) => void printed.push({ path, printer }),
  };
  return { host, scripts, printed };
}

describe('the Windows spooler adapter', () => {
  it('prints to the named printer, finds the job by its document name, and follows it to completed', async () => {
    const { host, scripts, printed } = scriptedHost([job('Spooling', 31, 'Decision 5 #7.pdf'), job('Printing', 31), job('Printed, Retained', 31)]);
    const port = createWindowsPrinters(host);
    const id = await port.submit(Buffer.from('%PDF'), 'Counter HP', 'Decision 5 #7');
    expect(id).toBe('win:Counter HP:31');
    expect(printed).toEqual([{ path: expect.stringMatching(/Decision 5 #7\.pdf$/), printer: 'Counter HP' }]);
    expect(scripts.some((s) => s.includes("$_.DocumentName -eq 'Decision 5 #7.pdf'"))).toBe(true);
    expect(await port.jobState(id)).toEqual({ state: 'pending', reason: 'Printing' });
    expect(await port.jobState(id)).toEqual({ state: 'completed' });
    expect(scripts.at(-1)).toContain('$_.Id -eq 31');
  });

  it("a pending job behind a printer that went offline fails as printer-stopped; a job gone from the queue is unknown", async () => {
    const offline = scriptedHost([job('Printing', 40)], PRINTERS.replace('"WorkOffline":false,"DetectedErrorState":2', '"WorkOffline":true,"DetectedErrorState":9'));
    const port = createWindowsPrinters(offline.host);
    expect(await port.jobState('win:Counter HP:40')).toEqual({ state: 'failed', code: 'printer-stopped', reason: 'the printer is offline' });
    const vanished = createWindowsPrinters(scriptedHost(['null']).host);
    expect(await vanished.jobState('win:Counter HP:40')).toMatchObject({ state: 'unknown' });
  });

  it('the default printer when none is named; no default, or a printer Windows does not have, is refused before printing', async () => {
    const { host, printed } = scriptedHost(['null']);
    const id = await createWindowsPrinters(host).submit(Buffer.from('%PDF'), '', 'T');
    expect(printed[0].printer).toBe('Counter HP');
    expect(id).toBe('win:Counter HP:doc:T.pdf');
    const noDefault = scriptedHost(['null'], PRINTERS.replace('"Default":true', '"Default":false'));
    await expect(createWindowsPrinters(noDefault.host).submit(Buffer.from('%PDF'), '', 'T')).rejects.toMatchObject({ code: 'no-printer' });
    await expect(createWindowsPrinters(host).submit(Buffer.from('%PDF'), 'Gone Printer', 'T')).rejects.toMatchObject({ code: 'printer-not-found' });
    expect(printed).toHaveLength(1);
  });

  it('cancels with Remove-PrintJob, names with quotes quoted', async () => {
    const { host, scripts } = scriptedHost([]);
    await createWindowsPrinters(host).cancel("win:Front Desk's HP:7");
    expect(scripts.at(-1)).toContain("Get-PrintJob -PrinterName 'Front Desk''s HP'");
    expect(scripts.at(-1)).toContain('$_.Id -eq 7');
    expect(scripts.at(-1)).toContain('Remove-PrintJob');
    expect(psQuote("a'b")).toBe("'a''b'");
  });

  it('lists the printers, and says so when PowerShell fails', async () => {
    expect(await createWindowsPrinters(scriptedHost([]).host).list()).toMatchObject({ available: true, list: expect.arrayContaining([{ name: 'Counter HP', state: 'idle', isDefault: true }]) });
    const broken: WindowsSpoolerHost = { powershell: async () => 'not json', printFile: async () => undefined };
    expect(await createWindowsPrinters(broken).list()).toMatchObject({ available: false, error: expect.stringContaining('not JSON') });
  });
});

describe('copies of decisions on Windows', () => {
  it("KeepPrintedJobs says whether the spooler keeps the printed document", () => {
    expect(parseKeepPrintedJobs('{"Name":"Counter","KeepPrintedJobs":true}')).toMatchObject({ kept: true });
    expect(parseKeepPrintedJobs('{"Name":"Counter","KeepPrintedJobs":false}')).toMatchObject({ kept: false });
    expect(parseKeepPrintedJobs('')).toMatchObject({ kept: null });
  });

  it('a copy left in the temporary folder by a print cut short is removed when the adapter starts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'acw-sweep-'));
    mkdirSync(join(dir, 'acw-print-abc'));
    writeFileSync(join(dir, 'acw-print-abc', 'decision.pdf'), '%PDF-1.7');
    writeFileSync(join(dir, 'someone-else.pdf'), 'x');
    expect(sweepPrintCopies(dir)).toBe(1);
    expect(readdirSync(dir)).toEqual(['someone-else.pdf']);
  });
});
