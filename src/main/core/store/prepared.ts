import type { Database, Statement } from 'better-sqlite3-multiple-ciphers';

const byDb = new WeakMap<Database, Map<string, Statement>>();

/**
 * A statement prepared once per database and kept: for queries on hot paths (a pull stores every case
 * of every page), where preparing each time measured a fifth of the work. The statement is shared:
 * never switch its mode (`pluck`, `raw`, `expand`) here; prepare one of its own for that.
 */
export function prepared(db: Database, sql: string): Statement {
  let statements = byDb.get(db);
  if (!statements) byDb.set(db, (statements = new Map()));
  let s = statements.get(sql);
  if (!s) statements.set(sql, (s = db.prepare(sql)));
  return s;
}
