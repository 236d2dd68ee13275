import type { ScannerState } from '../../../shared/permit-qr';
import type { Settings } from '../../../shared/settings';
import type { CoreEvents } from '../events/events';
import { createMrzAssembler } from '../../../lib/mrz/mrz-lines';
import { createLogger } from '../log/logger';
import type { ScannerConnection, ScannerDriver, ScannerDrivers } from './ports';

const log = createLogger('scanners');
export const RECONNECT_MS = 2000;

/**
 * Keeps the scanner chosen in settings connected, through the drivers the host's platform gives:
 * opens it, sends each scan (or a passport reader's MRZ) to the UI as an event, and when it is
 * unplugged or cannot be opened, tries again every RECONNECT_MS until it comes back or the settings
 * change.
 */
export function startScannerService(
  events: CoreEvents,
  settings: Settings,
  opts: { drivers: ScannerDrivers; reconnectMs?: number },
): { stop(): Promise<void>; state(): ScannerState } {
  let state: ScannerState = { kind: 'none', state: 'off', device: null, lastError: null };
  let connection: ScannerConnection | null = null;
  let timer: NodeJS.Timeout | undefined;
  let generation = 0;

  const publish = (next: Partial<ScannerState>) => {
    state = { ...state, ...next };
    events.emit({ type: 'scanner.state', scanner: state });
  };

  const driverFor = (s: Settings): ScannerDriver | null =>
    s.scannerKind === 'serial' ? opts.drivers.serial(s.scannerPath, s.scannerBaudRate) : s.scannerKind === 'hid' ? opts.drivers.hid(s.scannerPath) : null;

  async function connect(s: Settings, gen: number): Promise<void> {
    const driver = driverFor(s);
    if (!driver || gen !== generation) return;
    publish({ kind: s.scannerKind, state: 'connecting' });
    const source = s.scannerKind as 'serial' | 'hid';
    // A passport reader on the same port sends its MRZ rows as lines: they become one MRZ, not scans.
    const mrz = createMrzAssembler((line1, line2) => events.emit({ type: 'passport.mrz', line1, line2, source }));
    const retry = (reason: string) => {
      if (gen !== generation) return;
      connection = null;
      publish({ state: 'disconnected', lastError: reason });
      timer = setTimeout(() => void connect(s, gen), opts.reconnectMs ?? RECONNECT_MS);
    };
    try {
      const c = await driver({
        onScan: (text) => {
          if (!mrz.feed(text, Date.now())) events.emit({ type: 'scanner.scan', text, source });
        },
        onGone: (reason) => {
          log.warn('scanner gone', { kind: source, reason });
          retry(reason);
        },
        onNoise: (reason) => {
          log.warn('scanner noise', { kind: source, reason });
          publish({ lastError: reason });
        },
      });
      if (gen !== generation) return void c.close();
      connection = c;
      publish({ state: 'connected', device: c.device });
    } catch (err) {
      retry((err as Error).message);
    }
  }

  const start = (s: Settings) => {
    generation++;
    clearTimeout(timer);
    const old = connection;
    connection = null;
    state = { kind: s.scannerKind, state: 'off', device: null, lastError: null };
    void (old ? old.close() : Promise.resolve()).then(() => connect(s, generation));
    if (s.scannerKind === 'none') publish({});
  };

  const scannerKey = (s: Settings) => JSON.stringify([s.scannerKind, s.scannerPath, s.scannerBaudRate]);
  let current = scannerKey(settings);
  const unsubscribe = events.subscribe((e) => {
    // Only a change of the scanner's own settings reopens it.
    if (e.type === 'settings.changed' && scannerKey(e.settings) !== current) {
      current = scannerKey(e.settings);
      start(e.settings);
    }
  });
  start(settings);

  return {
    state: () => state,
    stop: async () => {
      unsubscribe();
      generation++;
      clearTimeout(timer);
      await connection?.close();
      connection = null;
    },
  };
}
