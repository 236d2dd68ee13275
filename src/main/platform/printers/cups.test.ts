import { afterAll, describe, expect, it } from 'vitest';
import { addPdfPrinter, removePrinter, setPrinterRunning, startCups, stopCups } from '../../../../test/support/cups';
import { createCupsPrinters, cupsError, parseLpstat, parsePreserveJobFiles } from './cups';
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

afterAll(stopCups);

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

describe("CUPS's job files (cupsctl)", () => {
  // Recorded from Debian 12's CUPS 2.4, whose cupsd.conf does not set PreserveJobFiles.
  const DEBIAN = '_debug_logging=0\n_remote_admin=0\n_remote_any=0\n_share_printers=0\n_user_cancel_any=0\nBrowseLocalProtocols=dnssd\nDefaultAuthType=Basic\nErrorPolicy=retry-job\nIdleExitTimeout=60\nJobPrivateAccess=default\nJobPrivateValues=default\nMaxLogSize=0\nPageLogFormat=\nSubscriptionPrivateAccess=default\nSubscriptionPrivateValues=default\nWebInterface=Yes\n';
  it('unset is the default, a day kept; No keeps none; Yes or seconds keep them', () => {
    expect(parsePreserveJobFiles(DEBIAN)).toMatchObject({ kept: true, detail: expect.stringContaining('86400') });
    expect(parsePreserveJobFiles(`${DEBIAN}PreserveJobFiles=No\n`)).toEqual({ kept: false, detail: 'PreserveJobFiles No' });
    expect(parsePreserveJobFiles('PreserveJobFiles=Yes\n').kept).toBe(true);
    expect(parsePreserveJobFiles('PreserveJobFiles=3600\n').kept).toBe(true);
  });

  it("the real scheduler's setting is read", async () => {
    await startCups();
    expect((await createCupsPrinters().jobFiles(CONTRACT_PRINTER)).kept).toBe(true);
  });
});
