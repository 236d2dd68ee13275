import type { Database } from 'better-sqlite3-multiple-ciphers';

/**
 * Trust and revocation lists now arrive signed (permit-qr.md §3a): each keeps the envelope it came in
 * and the trust root that signed it, so what is in force can be shown, and checked again, against the
 * installation's roots. Lists stored before carry neither: they came from the installation's demo file
 * or from before lists were signed, and stay in force until a signed one replaces them.
 */
export function up(db: Database): void {
  db.exec(`
    ALTER TABLE trust_lists ADD COLUMN envelope TEXT;
    ALTER TABLE trust_lists ADD COLUMN signed_by TEXT;
    ALTER TABLE revocation_lists ADD COLUMN envelope TEXT;
    ALTER TABLE revocation_lists ADD COLUMN signed_by TEXT;
  `);
}
