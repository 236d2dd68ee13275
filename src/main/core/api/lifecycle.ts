import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { CoreEvents } from '../events/events';
import { createLogger } from '../log/logger';
import { settleSubmittedPrints } from '../documents/printing';
import { keepDecisionPrinter } from '../printing/choose-printer';
import type { PrinterPort } from '../printing/spooler';
import type { ScannerDrivers } from '../scanners/ports';
import { startScannerService } from '../scanners/scanner-service';
import { getSettings } from '../settings/settings';
import { purgeAcknowledged } from '../evidence/images';
import { startCardWatcher } from '../ssc-card/card-watcher';
import type { CardReaderFactory } from '../ssc-card/ports';
import type { ApduChannel } from '../ssc-card/apdu';
import type { SyncService } from '../sync/service';

const log = createLogger('core');

/** While prints are left with the spooler after a start, they are asked about this often. */
const SETTLE_EVERY_MS = 30_000;

/** The devices the host hands the core: with none (the command line, most tests), no service watches them. */
export interface DevicePorts {
  scannerDrivers?: ScannerDrivers;
  cardReaders?: CardReaderFactory;
}

/**
 * Everything that runs beside the calls, started and stopped in one place, in order: the printer the
 * system chose kept, prints a crash left with the spooler settled (asked again while any remain), the
 * sync with the authority, the scanners and the card readers. Stopping waits for each to finish.
 */
const PURGE_EVERY_MS = 3_600_000;

export function coreServices(opts: { db: Database; events: CoreEvents; sync: SyncService; printers: PrinterPort; now: () => Date; otherCard?: (card: ApduChannel) => Promise<void> } & DevicePorts) {
  const { db, events, sync, printers, now } = opts;
  let settling: ReturnType<typeof setTimeout> | undefined;
  let purging: ReturnType<typeof setInterval> | undefined;
  // Images the authority acknowledged are let go after the days the office set: at start, then hourly.
  const purge = () => {
    try {
      const n = purgeAcknowledged(db, getSettings(db).evidenceKeepDays, now());
      if (n) log.info('images let go after acknowledgement', { count: n });
    } catch (err) {
      log.warn('images not let go', { error: (err as Error).name });
    }
  };
  let started = false;
  let running: { stop(): Promise<void> }[] = [];

  const settle = async () => {
    const left = await settleSubmittedPrints(db, printers, now()).catch((err: Error) => {
      log.warn('prints not settled', { error: err.name });
      return 1;
    });
    // A settle still running when the core stopped asks no more.
    if (left > 0 && started) settling = setTimeout(() => void settle(), SETTLE_EVERY_MS);
  };

  return {
    async start(): Promise<void> {
      started = true;
      // The first start picks the system's default printer, or its only one, and says so on the Devices screen.
      await keepDecisionPrinter(db, printers, events, now()).catch(() => null);
      await settle();
      purge();
      purging = setInterval(purge, PURGE_EVERY_MS);
      purging.unref?.();
      // The background sync with the authority's system (idle until an upstream URL and token are set).
      sync.start();
      const settings = getSettings(db);
      if (opts.scannerDrivers) running.push(startScannerService(events, settings, { drivers: opts.scannerDrivers }));
      if (opts.cardReaders) running.push(startCardWatcher(events, settings, { readerFor: opts.cardReaders, otherCard: opts.otherCard }));
    },
    async stop(): Promise<void> {
      started = false;
      clearTimeout(settling);
      clearInterval(purging);
      const stopping = running;
      running = [];
      await Promise.all([...stopping.map((s) => s.stop()), sync.stop()]);
    },
  };
}
