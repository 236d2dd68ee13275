import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { DecisionPrinter } from '../../../shared/permit-qr';
import type { CoreEvents } from '../events/events';
import { getSettings, updateSettings } from '../settings/settings';
import { getStoreMeta, setStoreMeta } from '../store/meta';
import type { PrinterPort } from './spooler';

const PICKED = 'printing.picked';
const ASK_AGAIN_MS = 20_000;
// A spooler that had no printer is asked again only after a while (every view of a case asks).
const noneUntil = new WeakMap<PrinterPort, number>();

/**
 * The printer decisions go to, read only: the one in settings; with none set, the system's default
 * printer, or its only one; null when the system has none, and the decision screen says who can set
 * one up. Views ask this; nothing is written.
 */
export async function decisionPrinter(db: Database, printers: PrinterPort): Promise<DecisionPrinter | null> {
  const s = getSettings(db);
  if (s.printer) {
    const picked = getStoreMeta(db, PICKED);
    const note = picked ? (JSON.parse(picked) as { name: string; how: 'default' | 'only' }) : null;
    return { name: s.printer, how: note?.name === s.printer ? note.how : 'settings' };
  }
  if ((noneUntil.get(printers) ?? 0) > Date.now()) return null;
  const { list } = await printers.list();
  const choice = list.find((p) => p.isDefault) ?? (list.length === 1 ? list[0] : null);
  if (!choice) {
    noneUntil.set(printers, Date.now() + ASK_AGAIN_MS);
    return null;
  }
  return { name: choice.name, how: choice.isDefault ? 'default' : 'only' };
}

/**
 * The same, and a printer the system chose (its default, or its only one) is kept in settings from
 * then on: audited as the system's choice, said on the Devices screen, and announced as a settings
 * change. At the core's start and when something is printed, never when a screen only looks.
 */
export async function keepDecisionPrinter(db: Database, printers: PrinterPort, events: CoreEvents, now: Date): Promise<DecisionPrinter | null> {
  const printer = await decisionPrinter(db, printers);
  if (!printer || printer.how === 'settings' || getSettings(db).printer === printer.name) return printer;
  const settings = db.transaction(() => {
    setStoreMeta(db, PICKED, JSON.stringify({ name: printer.name, how: printer.how, at: now.toISOString() }));
    return updateSettings(db, { printer: printer.name }, 'system', now);
  })();
  events.emit({ type: 'settings.changed', settings });
  return printer;
}
