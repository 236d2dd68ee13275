import type { PrinterPort } from '../../core/printing/spooler';
import { createCupsPrinters } from './cups';
import { createWindowsPrinters } from './windows';

/** The spooler of the system the app runs on: Windows', or CUPS (Linux, macOS, UOS, Kylin). */
export function systemPrinters(platform: NodeJS.Platform = process.platform): PrinterPort {
  return platform === 'win32' ? createWindowsPrinters() : createCupsPrinters();
}
