import type { Database } from 'better-sqlite3-multiple-ciphers';
import { DEFAULT_SETTINGS, type Settings } from '../../../shared/settings';
import { appendAudit } from '../audit/audit';

/** The settings in force: stored values over the defaults. */
export function getSettings(db: Database): Settings {
  const rows = db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[];
  const stored: Partial<Record<keyof Settings, unknown>> = {};
  for (const r of rows) if (r.key in DEFAULT_SETTINGS) stored[r.key as keyof Settings] = JSON.parse(r.value);
  return { ...DEFAULT_SETTINGS, ...stored } as Settings;
}

/** Stores the changed settings and audits which keys changed, in one transaction. */
export function updateSettings(db: Database, change: Partial<Settings>, actor: string, now: Date): Settings {
  return db.transaction(() => {
    const before = getSettings(db);
    const changed = (Object.keys(change) as (keyof Settings)[]).filter(
      (k) => change[k] !== undefined && JSON.stringify(change[k]) !== JSON.stringify(before[k]),
    );
    const put = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
    for (const k of changed) put.run(k, JSON.stringify(change[k]));
    if (changed.length) appendAudit(db, { at: now.toISOString(), actor, action: 'settings.updated', target: changed.join(',') });
    return getSettings(db);
  })();
}

/** This window's workstation as the authority names it: the office code and the window number, `DEMO/1`. */
export const workstationOf = (s: Pick<Settings, 'officeCode' | 'windowNo'>): string => `${s.officeCode}/${s.windowNo}`;
