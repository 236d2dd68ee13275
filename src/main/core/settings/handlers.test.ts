import { describe, expect, it } from 'vitest';
import { createCore } from '../api/core';
import { openDemoTestStore } from '../store/test-store';

const T0 = new Date('2026-11-23T02:00:00Z');

async function admin() {
  const db = await openDemoTestStore(T0);
  const core = createCore({ db, version: 't', now: () => T0 });
  const session = core.openSession();
  await core.call(session, 'session.signIn', { username: 'admin', password: 'admin-demo' });
  return { update: (p: Record<string, unknown>) => core.call(session, 'settings.update', p), get: () => core.call(session, 'settings.get', {}) };
}

describe('a refused settings change names what was wrong with each field', () => {
  it('says which bound a number, a text or a list crossed, and that a number must be whole', async () => {
    const { update, get } = await admin();
    const before = await get();
    const r = await update({
      idleLockMinutes: 0,
      deadlineNearDays: 30,
      scanLogDays: 2.5,
      wedgeMaxGapMs: null,
      officeName: '  ',
      windowNo: 'x'.repeat(17),
      scannerKind: 'usb',
      decisionNumberPattern: 'no serial here',
      upstreamPins: Array(11).fill('a'.repeat(43) + '='),
      colour: 'blue',
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('invalid-request');
    const byField = Object.fromEntries((r.error.problems ?? []).map(({ field, ...p }) => [field, p]));
    expect(byField).toEqual({
      idleLockMinutes: { kind: 'too-small', limit: 1 },
      deadlineNearDays: { kind: 'too-big', limit: 29 },
      scanLogDays: { kind: 'whole-number' },
      wedgeMaxGapMs: { kind: 'not-number' },
      officeName: { kind: 'required' },
      windowNo: { kind: 'too-long', limit: 16 },
      scannerKind: { kind: 'choice' },
      decisionNumberPattern: { kind: 'format' },
      upstreamPins: { kind: 'too-many', limit: 10 },
      colour: { kind: 'unknown' },
    });
    // Every named problem's field is among the refused fields, and nothing was changed.
    for (const f of Object.keys(byField)) expect(r.error.fields).toContain(f === 'colour' ? '(payload)' : f);
    expect(await get()).toEqual(before);
  });

  it('points a bad item of a list at its index', async () => {
    const { update } = await admin();
    const r = await update({ upstreamPins: ['a'.repeat(43) + '=', 'not a pin'] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.problems).toEqual([{ field: 'upstreamPins.1', kind: 'format' }]);
  });
});
