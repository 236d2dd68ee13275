import { describe, expect, it } from 'vitest';
import type { AuditEntryView } from '../../../shared/audit';
import { createCore } from '../api/core';
import { openDemoTestStore } from '../store/test-store';
import { appendAudit } from './audit';

const T0 = new Date('2026-11-23T02:00:00Z');

async function supervisor() {
  const db = await openDemoTestStore(T0);
  const core = createCore({ db, version: 't', now: () => T0 });
  const session = core.openSession();
  await core.call(session, 'session.signIn', { username: 'supervisor', password: 'supervisor-demo' });
  const list = async (p: Record<string, unknown>) => {
    const r = await core.call(session, 'audit.list', p);
    return r as { ok: true; value: AuditEntryView[] } | { ok: false; error: { code: string } };
  };
  return { db, list };
}

describe('the audit log, filtered', () => {
  it('by person, by action or its family, and by Beijing days (a day runs from 16:00 UTC the day before)', async () => {
    const { db, list } = await supervisor();
    // 2026-11-20 15:59:59Z is 11-20 23:59:59 in Beijing; 16:00:00Z is already 11-21.
    appendAudit(db, { at: '2026-11-20T15:59:59.000Z', actor: 'clerk', action: 'decision.issued', target: 'a' });
    appendAudit(db, { at: '2026-11-20T16:00:00.000Z', actor: 'clerk', action: 'decision.printed', target: 'b' });
    appendAudit(db, { at: '2026-11-21T15:59:59.999Z', actor: 'clerk2', action: 'decision-numbers.added', target: 'c' });
    appendAudit(db, { at: '2026-11-21T16:00:00.000Z', actor: 'clerk', action: 'decision.voided', target: 'd' });
    const targets = async (p: Record<string, unknown>) => {
      const r = await list(p);
      if (!r.ok) throw new Error(r.error.code);
      return r.value.filter((e) => ['a', 'b', 'c', 'd'].includes(e.target ?? '')).map((e) => e.target);
    };
    expect(await targets({ from: '2026-11-21', to: '2026-11-21' })).toEqual(['c', 'b']);
    expect(await targets({ to: '2026-11-20' })).toEqual(['a']);
    expect(await targets({ from: '2026-11-22' })).toEqual(['d']);
    // `decision` is the family decision.*, not decision-numbers.*.
    expect(await targets({ action: 'decision' })).toEqual(['d', 'b', 'a']);
    expect(await targets({ action: 'decision.printed' })).toEqual(['b']);
    expect(await targets({ actor: 'clerk2' })).toEqual(['c']);
    expect(await targets({ actor: 'clerk', from: '2026-11-21' })).toEqual(['d', 'b']);
  });

  it('refuses a filter that is not one: a day that does not exist, days the wrong way round, an action with SQL in it', async () => {
    const { list } = await supervisor();
    for (const p of [{ from: '2026-02-30' }, { from: '2026-11-22', to: '2026-11-21' }, { action: "x' OR 1=1 --" }, { from: '21/11/2026' }]) {
      const r = await list(p);
      expect(r.ok, JSON.stringify(p)).toBe(false);
    }
  });
});
