import { describe, expect, it } from 'vitest';
import { addPdfPrinter, removePrinter, setPrinterRunning, startCups } from '../../../../test/support/cups';
import { createCupsPrinters, cupsError, parseLpstat } from './cups';
import { printerPortContract } from './printer-port.contract';

// A printer of its own, so that stopping it never stops another test file's prints on CounterPDF; removed after.
const CONTRACT_PRINTER = 'ContractPDF';
let added = false;
printerPortContract(
  'CUPS (the real spooler, cups-pdf printer)',
  async () => {
    await startCups();
    if (!added) addPdfPrinter(CONTRACT_PRINTER);
    added = true;
    return { port: createCupsPrinters(), printer: CONTRACT_PRINTER, setRunning: (on) => setPrinterRunning(on, CONTRACT_PRINTER) };
  },
  () => removePrinter(CONTRACT_PRINTER),
);

describe('CUPS output, read', () => {
  it('lpstat -p -d: printers, their states and the default', () => {
    const out = 'printer CounterPDF is idle.  enabled since Tue 01 Dec 2026 10:00:00 AM UTC\nprinter Front-Desk now printing Front-Desk-7.  enabled since …\nprinter Old disabled since Mon 30 Nov 2026 —\n\treason unknown\nsystem default destination: Front-Desk\n';
    expect(parseLpstat(out)).toEqual([
      { name: 'CounterPDF', state: 'idle', isDefault: false },
      { name: 'Front-Desk', state: 'printing', isDefault: true },
      { name: 'Old', state: 'disabled', isDefault: false },
    ]);
  });

  it("the clients' failures, each with its code and the client's own words", () => {
    const e = (stderr: string) => cupsError('lp', new Error('Command failed'), stderr);
    expect(e('lp: Error - No default destination.')).toMatchObject({ code: 'no-printer', message: 'lp: Error - No default destination.' });
    expect(e('lp: The printer or class does not exist.')).toMatchObject({ code: 'printer-not-found' });
    expect(e('lp: Unable to connect to server: Connection refused')).toMatchObject({ code: 'spooler-unavailable' });
    expect(e('lp: Error - something else')).toMatchObject({ code: 'refused' });
    expect(cupsError('lp', Object.assign(new Error('spawn lp ENOENT'), { code: 'ENOENT' }), '')).toMatchObject({ code: 'spooler-unavailable' });
  });
});
