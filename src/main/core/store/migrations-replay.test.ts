/**
 * Every earlier version of the store, with data in it, is brought to this version by the real
 * migrations: the store is built as version N left it (migrations 1..N, nothing faked), every table
 * then holds rows, and opening it runs the rest. Nothing may be lost, no migration may fail on a
 * populated table (a rebuild that copies columns, an index that a duplicate breaks), and the result is
 * a sound database.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import type { Database as Db } from 'better-sqlite3-multiple-ciphers';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations';
import { openStore } from './store';

const dir = mkdtempSync(join(tmpdir(), 'acw-replay-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function rawStore(path: string, key: Buffer): Db {
  const db = new Database(path);
  db.pragma(`cipher='sqlcipher'`);
  db.pragma('legacy=4');
  db.pragma(`key="x'${key.toString('hex')}'"`);
  return db;
}

interface Column {
  name: string;
  type: string;
  notnull: number;
  dflt_value: unknown;
  pk: number;
  hidden: number;
}

/** The plain tables (not FTS and its shadow tables, not SQLite's own). */
function tables(db: Db): string[] {
  const all = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string; sql: string }[];
  const virtual = all.filter((t) => /CREATE VIRTUAL TABLE/i.test(t.sql)).map((t) => t.name);
  return all.filter((t) => !/CREATE VIRTUAL TABLE/i.test(t.sql) && !virtual.some((v) => t.name.startsWith(`${v}_`))).map((t) => t.name);
}

/** The values a `CHECK (column IN (…))` allows, by column, read from the table's own SQL. */
function allowedValues(db: Db, table: string): Map<string, string[]> {
  const sql = db.prepare("SELECT sql FROM sqlite_master WHERE name = ?").pluck().get(table) as string;
  const allowed = new Map<string, string[]>();
  for (const m of sql.matchAll(/CHECK\s*\(\s*"?(\w+)"?\s+IN\s*\(([^)]*)\)/gi)) allowed.set(m[1], [...m[2].matchAll(/'([^']*)'/g)].map((v) => v[1]));
  return allowed;
}

/** A value for a column that its checks, type and name make plausible; `n` makes rows differ (unique keys). */
function valueFor(c: Column, n: number, allowed: Map<string, string[]>): unknown {
  const choices = allowed.get(c.name);
  if (choices?.length) return choices[(n - 1) % choices.length];
  const type = c.type.toUpperCase();
  if (type.includes('INT')) return n;
  if (type.includes('REAL')) return n + 0.5;
  if (type.includes('BLOB')) return Buffer.from([n]);
  if (/(^|_)at$|_until$|_on$/.test(c.name)) return new Date(Date.UTC(2026, 0, n)).toISOString();
  if (/document|content|json|figures|binds|envelope|payload/.test(c.name)) return JSON.stringify({ n });
  return `v${n}`;
}

/** Puts two rows in every table it can; returns the tables and how many rows each holds. */
function populate(db: Db): Map<string, number> {
  const counts = new Map<string, number>();
  for (const table of tables(db)) {
    const columns = (db.prepare(`PRAGMA table_xinfo("${table}")`).all() as Column[]).filter((c) => c.hidden === 0 && !(c.pk && c.type.toUpperCase() === 'INTEGER'));
    const allowed = allowedValues(db, table);
    for (const n of [1, 2]) {
      const names = columns.map((c) => `"${c.name}"`).join(', ');
      try {
        db.prepare(`INSERT INTO "${table}" (${names}) VALUES (${columns.map(() => '?').join(', ')})`).run(...columns.map((c) => valueFor(c, n, allowed) as string));
      } catch {
        // A table whose checks these plain values do not meet keeps the rows it could take.
      }
    }
    counts.set(table, db.prepare(`SELECT count(*) FROM "${table}"`).pluck().get() as number);
  }
  return counts;
}

describe('every earlier store, populated, migrates to this version', () => {
  for (let version = 1; version < SCHEMA_VERSION; version++) {
    it(`from version ${version}`, () => {
      const path = join(dir, `v${version}.db`);
      const key = randomBytes(32);
      const old = rawStore(path, key);
      old.transaction(() => {
        for (let v = 0; v < version; v++) MIGRATIONS[v].up(old);
        old.pragma(`user_version = ${version}`);
      })();
      const before = populate(old);
      old.close();
      // Most tables take the plain rows: the test is about data, not an empty schema.
      expect([...before.values()].filter((n) => n > 0).length).toBeGreaterThanOrEqual(Math.ceil(before.size / 2));

      const db = openStore(path, key);
      try {
        expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        const now = new Set(tables(db));
        for (const [table, rows] of before) {
          // A table a later migration replaced by another is no longer there; one that is keeps its rows.
          if (!now.has(table)) continue;
          expect([table, db.prepare(`SELECT count(*) FROM "${table}"`).pluck().get()]).toEqual([table, rows]);
        }
      } finally {
        db.close();
      }
    });
  }
});
