import type { ScannerDriver, ScannerHandlers } from '../../core/scanners/ports';

/**
 * An in-memory scanner behind the same driver interface as the USB-serial and HID POS ones, held to
 * the same contract (scanner-port.contract.ts): scans come in, the scanner is unplugged and plugged
 * back.
 */
export function createMemoryScanner(device = 'memory-scanner') {
  let plugged = true;
  let open: ScannerHandlers | null = null;
  const driver: ScannerDriver = async (h) => {
    if (!plugged) throw new Error(`${device} is not connected`);
    open = h;
    return {
      device,
      close: async () => {
        open = null;
      },
    };
  };
  return {
    driver,
    /** A scan as the scanner sends it: the text alone, whatever the transport's framing. */
    scan: (text: string) => open?.onScan(text),
    unplug: () => {
      plugged = false;
      const h = open;
      open = null;
      h?.onGone('unplugged');
    },
    replug: () => void (plugged = true),
  };
}
