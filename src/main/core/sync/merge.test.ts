import { describe, expect, it } from 'vitest';
import { getCase, saveCase } from '../cases/cases';
import { openTestStore } from '../store/test-store';
import { demoCases } from '../demo/demo-cases';
import { enqueueDecisionEvent, markDone } from '../outbox/outbox';
import { mergeUpstreamCase } from './pull';

const base = demoCases('2026-11-23')[0];
const at = '2026-11-23T03:00:00Z';

function storeWith(localStatus: typeof base.status, unsent: boolean) {
  const db = openTestStore();
  saveCase(db, { ...base, status: localStatus, history: [{ status: localStatus, at }] });
  if (unsent) enqueueDecisionEvent(db, { number: 'N1', caseNo: base.noticeNo, kind: 'issued', pdfSha256: 'a'.repeat(64), at, clerk: 'clerk' }, new Date(at));
  return db;
}

describe('a case from upstream meets the local one', () => {
  it('a status the window set and has not sent stands against an upstream that is behind it', () => {
    const db = storeWith('decision_issued', true);
    expect(mergeUpstreamCase(db, { ...base, status: 'verified', position: 'New title' }, at)).toBeNull();
    expect(getCase(db, base.noticeNo)).toMatchObject({ status: 'decision_issued', position: 'New title' });
  });

  it('withdrawn and revoked always come through, with the change reported and kept in the history', () => {
    const db = storeWith('decision_issued', true);
    expect(mergeUpstreamCase(db, { ...base, status: 'revoked' }, at)).toEqual({ before: 'decision_issued', after: 'revoked' });
    expect(getCase(db, base.noticeNo)!.history!.map((h) => h.status)).toEqual(['decision_issued', 'revoked']);
  });

  it('once the outbox is sent, upstream is the truth', () => {
    const db = storeWith('decision_issued', true);
    markDone(db, 1, 'sent', {}, new Date(at));
    expect(mergeUpstreamCase(db, { ...base, status: 'verified' }, at)).toEqual({ before: 'decision_issued', after: 'verified' });
  });
});
