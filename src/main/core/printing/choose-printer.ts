import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { DecisionPrinter } from '../../../shared/permit-qr';
import { getSettings, getStoreMeta, setStoreMeta, updateSettings } from '../settings/settings';
import type { PrinterPort } from './spooler';

const PICKED = 'printing.picked';
const ASK_AGAIN_MS = 20_000;
const noneUntil = new WeakMap<PrinterPort, number>();

/**
 * The printer decisions go to: the one in settings; with none set, the system's default printer, or
 * its only one, which is then kept in settings (audited as the system's choice) and said on the
 * Devices screen; null when the system has none, and the decision screen says who can set one up.
 */
export async function choosePrinter(db: Database, printers: PrinterPort, now: Date): Promise<DecisionPrinter | null> {
  const s = getSettings(db);
  const picked = getStoreMeta(db, PICKED);
  if (s.printer) {
    const note = picked ? (JSON.parse(picked) as { name: string; how: 'default' | 'only' }) : null;
    return { name: s.printer, how: note?.name === s.printer ? note.how : 'settings' };
  }
  // Every view of a case asks: a system with no printer is asked again only after a while.
  if ((noneUntil.get(printers) ?? 0) > Date.now()) return null;
  const { list } = await printers.list();
  const choice = list.find((p) => p.isDefault) ?? (list.length === 1 ? list[0] : null);
  if (!choice) {
    noneUntil.set(printers, Date.now() + ASK_AGAIN_MS);
    return null;
  }
  const how = choice.isDefault ? 'default' : 'only';
  db.transaction(() => {
    updateSettings(db, { printer: choice.name }, 'system', now);
    setStoreMeta(db, PICKED, JSON.stringify({ name: choice.name, how, at: now.toISOString() }));
  })();
  return { name: choice.name, how };
}
