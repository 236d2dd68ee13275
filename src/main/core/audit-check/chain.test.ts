/**
 * The audit chain against someone who holds the data folder but not the audit key: each thing the
 * issue says went unnoticed (the tail deleted, an entry changed and every hash after it recomputed, a
 * forged entry appended, a signed-off record changed or deleted with its outbox row) is named.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_ROOTS } from '../../../../test/support/trust-roots';
import { createCore } from '../api/core';
import { issueDecision } from '../documents/decisions';
import { openDemoTestStore } from '../store/test-store';
import { approve, runCleanups, upstream, windowStore } from '../sync/test-sync';
import { appendAudit, GENESIS } from '../audit/audit';
import { AuditKeyMissing, auditKeyOf } from '../audit/audit-key';
import { openStore } from '../store/store';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkAuditChain } from './chain-check';
import { sealHeadIfMoved } from '../audit/head-seal';
import type { AuditHeadPort } from '../audit/sealed-head';

afterEach(runCleanups);

function memoryHead(): AuditHeadPort & { text: string | null } {
  const port = { where: 'memory', text: null as string | null, read: () => port.text, write: (t: string) => void (port.text = t) };
  return port;
}

/** A window with a signed-off record, an issued decision, and its head sealed. */
async function windowWithWork() {
  const db = await openDemoTestStore();
  const head = memoryHead();
  const record = approve(db);
  const decision = await issueDecision(db, record.id, 'clerk', new Date());
  appendAudit(db, { at: new Date().toISOString(), actor: 'clerk', action: 'case.viewed', target: 'N1' });
  sealHeadIfMoved(db, head);
  const entries = db.prepare('SELECT COUNT(*) FROM audit_log').pluck().get() as number;
  const open = (sql: string) => {
    db.exec('DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete; DROP TRIGGER IF EXISTS verifications_no_update; DROP TRIGGER IF EXISTS verifications_no_delete;');
    db.exec(sql);
  };
  return { db, head, record, decision, entries, tamper: open };
}

/** What someone without the key can do: recompute every hash from an entry on, as plain SHA-256. */
function recomputeFrom(db: Database, seq: number) {
  const rows = db.prepare('SELECT seq, at, actor, action, target, prev_hash AS prevHash FROM audit_log WHERE seq >= ? ORDER BY seq').all(seq) as { seq: number; at: string; actor: string; action: string; target: string | null; prevHash: string }[];
  let prev = (db.prepare('SELECT hash FROM audit_log WHERE seq = ?').pluck().get(seq - 1) as string | undefined) ?? GENESIS;
  for (const r of rows) {
    const hash = createHash('sha256').update(JSON.stringify([prev, r.seq, r.at, r.actor, r.action, r.target])).digest('hex');
    db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ?, mac = 0 WHERE seq = ?').run(prev, hash, r.seq);
    prev = hash;
  }
}

describe('the audit key', () => {
  it('a store opened without it writes and checks nothing: an error, never a key made up for the process', () => {
    const db = openStore(join(mkdtempSync(join(tmpdir(), 'acw-nokey-')), 'store.db'), randomBytes(32));
    try {
      expect(() => appendAudit(db, { at: new Date().toISOString(), actor: 'admin', action: 'x' })).toThrow(AuditKeyMissing);
      expect(db.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(0);
    } finally {
      db.close();
    }
  });
});

describe('the audit chain, authenticated and anchored outside the store', () => {
  it('an untouched chain is intact, against its sealed head', async () => {
    const { db, head, entries } = await windowWithWork();
    expect(await checkAuditChain(db, { head })).toEqual({ intact: true, entries, firstBroken: null, heads: { sealed: { seq: entries, at: expect.any(String) }, upstream: 'not-linked' } });
  });

  it('the last entries deleted: shorter than the head it was sealed at', async () => {
    const { db, head, entries, tamper } = await windowWithWork();
    tamper(`DELETE FROM audit_log WHERE seq > ${entries - 2}`);
    expect((await checkAuditChain(db, { head })).firstBroken).toEqual({ seq: entries, problem: 'cut', against: 'sealed-head' });
    // And the next call does not seal the shorter chain over the evidence.
    appendAudit(db, { at: new Date().toISOString(), actor: 'clerk', action: 'case.viewed' });
    expect(sealHeadIfMoved(db, head)).toBe('kept-as-evidence');
    expect((await checkAuditChain(db, { head })).firstBroken).toEqual({ seq: entries, problem: 'cut', against: 'sealed-head' });
    // Grown back past the head with other entries: the entry at the head's place is not the one sealed.
    for (let i = 0; i < 3; i++) appendAudit(db, { at: new Date().toISOString(), actor: 'clerk', action: 'case.viewed' });
    expect(sealHeadIfMoved(db, head)).toBe('kept-as-evidence');
    expect((await checkAuditChain(db, { head })).firstBroken).toEqual({ seq: entries, problem: 'rewritten', against: 'sealed-head' });
  });

  it('an entry changed and every hash after it recomputed: the first changed entry is named', async () => {
    const { db, head, tamper } = await windowWithWork();
    const seq = db.prepare("SELECT seq FROM audit_log WHERE action = 'decision.issued'").pluck().get() as number;
    tamper(`UPDATE audit_log SET actor = 'someone-else' WHERE seq = ${seq}`);
    recomputeFrom(db, seq);
    expect((await checkAuditChain(db, { head })).firstBroken).toEqual({ seq, problem: 'altered' });
  });

  it('a forged supervisor override appended, hashed as the old chain was or with a made-up key: named', async () => {
    const { db, head, entries, tamper } = await windowWithWork();
    tamper('SELECT 1');
    const last = db.prepare('SELECT hash FROM audit_log WHERE seq = ?').pluck().get(entries) as string;
    const forged = { seq: entries + 1, at: new Date().toISOString(), actor: 'supervisor', action: 'verification.override', target: 'N1' };
    const hash = createHash('sha256').update(JSON.stringify([last, forged.seq, forged.at, forged.actor, forged.action, forged.target])).digest('hex');
    db.prepare('INSERT INTO audit_log (seq, at, actor, action, target, prev_hash, hash, mac) VALUES (?,?,?,?,?,?,?,0)').run(forged.seq, forged.at, forged.actor, forged.action, forged.target, last, hash);
    expect((await checkAuditChain(db, { head })).firstBroken).toEqual({ seq: entries + 1, problem: 'altered' });
    db.prepare('UPDATE audit_log SET mac = 1, hash = ? WHERE seq = ?').run(createHash('sha256').update('guess').digest('hex'), entries + 1);
    expect((await checkAuditChain(db, { head })).firstBroken).toEqual({ seq: entries + 1, problem: 'altered' });
  });

  it('a signed-off record changed after its trigger is dropped, or deleted with its outbox row: named, with the entry that bound it', async () => {
    const changed = await windowWithWork();
    const doc = JSON.parse(changed.db.prepare('SELECT document FROM verifications WHERE id = ?').pluck().get(changed.record.id) as string);
    changed.tamper('SELECT 1');
    changed.db.prepare('UPDATE verifications SET document = ? WHERE id = ?').run(JSON.stringify({ ...doc, outcome: 'approved', note: 'edited' }), changed.record.id);
    expect((await checkAuditChain(changed.db, { head: changed.head })).firstBroken).toMatchObject({ problem: 'record-changed', record: `verification:${changed.record.id}` });

    const gone = await windowWithWork();
    gone.tamper('SELECT 1');
    gone.db.exec('PRAGMA foreign_keys = OFF; DROP TRIGGER IF EXISTS decisions_no_delete;');
    gone.db.prepare('DELETE FROM decisions WHERE number = ?').run(gone.decision.number);
    gone.db.prepare("DELETE FROM outbox WHERE kind = 'decision'").run();
    expect((await checkAuditChain(gone.db, { head: gone.head })).firstBroken).toMatchObject({ problem: 'record-missing', record: `decision:${gone.decision.number}` });
  });

  it('the sealed head file removed or replaced while the chain is authenticated: said', async () => {
    const { db, head } = await windowWithWork();
    head.text = null;
    expect((await checkAuditChain(db, { head })).firstBroken).toMatchObject({ problem: 'head-missing' });
    head.text = '{"seq":1,"hash":"' + '0'.repeat(64) + '","at":"x","mac":"' + '0'.repeat(64) + '"}';
    expect((await checkAuditChain(db, { head })).firstBroken).toMatchObject({ problem: 'head-missing' });
  });

  it('the head goes to the authority each round; a chain cut below the head it acknowledged is named against it, even with the head file gone', async () => {
    const u = await upstream();
    const { db } = await windowStore(u);
    const core = createCore({ db, version: 't', trustRoots: DEMO_ROOTS });
    approve(db);
    await core.sync.runNow();
    expect(core.sync.state()).toMatchObject({ online: true, problems: [] });
    const entries = db.prepare('SELECT COUNT(*) FROM audit_log').pluck().get() as number;
    const held = await core.sync.latestAuditHead();
    expect(held).toMatchObject({ seq: entries, hash: db.prepare('SELECT hash FROM audit_log WHERE seq = ?').pluck().get(entries) });
    db.exec('DROP TRIGGER audit_log_no_delete');
    db.prepare('DELETE FROM audit_log WHERE seq > ?').run(entries - 3);
    const check = await checkAuditChain(db, { head: null, upstreamHead: () => core.sync.latestAuditHead() });
    expect(check).toMatchObject({ intact: false, firstBroken: { seq: entries, problem: 'cut', against: 'upstream' }, heads: { upstream: { seq: entries } } });
    // The window, cut back, sends a lower head: the server refuses it, and the line says so.
    appendAudit(db, { at: new Date().toISOString(), actor: 'clerk', action: 'case.viewed' });
    await core.sync.runNow();
    expect(core.sync.state().problems).toMatchObject([{ step: 'audit', code: 'refused', status: 409 }]);
  });

  it("a store from before is sealed once, said in its own chain; its old entries stay checked", async () => {
    const db = await openDemoTestStore();
    // Make it look as a store of the previous version left it: plain SHA-256 entries only.
    db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
    db.exec("DELETE FROM audit_log WHERE action = 'audit.sealed'");
    recomputeFrom(db, 1);
    const plain = db.prepare('SELECT COUNT(*) FROM audit_log').pluck().get() as number;
    const { sealLegacyChain } = await import('../audit/audit');
    const { boundRecords } = await import('./chain-check');
    expect(sealLegacyChain(db, new Date(), () => boundRecords(db))).toBe(true);
    expect(sealLegacyChain(db, new Date(), () => boundRecords(db))).toBe(false);
    const seal = db.prepare("SELECT seq, target, mac FROM audit_log WHERE action = 'audit.sealed'").get();
    expect(seal).toEqual({ seq: plain + 1, target: `${plain} earlier entries sealed, their chain intact`, mac: 1 });
    expect((await checkAuditChain(db, { head: null })).intact).toBe(true);
    db.prepare("UPDATE audit_log SET actor = 'x' WHERE seq = 1").run();
    expect((await checkAuditChain(db, { head: null })).firstBroken).toEqual({ seq: 1, problem: 'altered' });
    expect(auditKeyOf(db)).toHaveLength(32);
  });
});
