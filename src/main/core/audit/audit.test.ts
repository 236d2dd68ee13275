import { describe, expect, it } from 'vitest';
import { openTestStore } from '../store/test-store';
import { appendAudit, verifyAudit } from './audit';

function withEntries(n: number) {
  const db = openTestStore();
  for (let i = 0; i < n; i++) {
    appendAudit(db, { at: `2026-11-23T10:00:0${i}Z`, actor: 'clerk1', action: 'case.viewed', target: `N${i}` });
  }
  return db;
}

describe('audit log', () => {
  it('verifies an untouched chain', () => {
    expect(verifyAudit(withEntries(5))).toBeNull();
  });

  it('refuses updates and deletes', () => {
    const db = withEntries(2);
    expect(() => db.prepare("UPDATE audit_log SET actor='x' WHERE seq=1").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log WHERE seq=1').run()).toThrow(/append-only/);
  });

  it('names the first altered entry when the triggers are bypassed', () => {
    const db = withEntries(4);
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare("UPDATE audit_log SET target='FORGED' WHERE seq=3").run();
    expect(verifyAudit(db)).toEqual({ seq: 3, problem: 'altered' });
  });

  it('names a removed entry', () => {
    const db = withEntries(4);
    db.exec('DROP TRIGGER audit_log_no_delete');
    db.prepare('DELETE FROM audit_log WHERE seq=2').run();
    expect(verifyAudit(db)).toEqual({ seq: 2, problem: 'removed' });
  });
});
