import type { Database } from 'better-sqlite3-multiple-ciphers';

/** Cases keep the whole upstream document; the columns are what searches and lists need. */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE cases (
      id INTEGER PRIMARY KEY,
      notice_no TEXT NOT NULL UNIQUE,
      permit_no TEXT NOT NULL,
      category TEXT NOT NULL CHECK (category IN ('A','B','C')),
      status TEXT NOT NULL,
      entry_date TEXT,
      version INTEGER NOT NULL,
      document TEXT NOT NULL
    );
    CREATE VIRTUAL TABLE case_search USING fts5(
      ids, names, tokenize = 'unicode61 remove_diacritics 2'
    );
  `);
}
