import { describe, expect, it } from 'vitest';
import { openDemoTestStore } from '../store/test-store';
import { createCore } from './core';

const T0 = new Date('2026-11-23T02:00:00Z');

async function demoCore(clock = { now: T0 }) {
  const db = await openDemoTestStore(T0);
  const core = createCore({ db, version: 'test', now: () => clock.now });
  return { db, core, clock };
}

async function signedIn(username: string, password: string) {
  const env = await demoCore();
  const session = env.core.openSession();
  const r = await env.core.call(session, 'session.signIn', { username, password });
  expect(r.ok).toBe(true);
  return { ...env, session };
}

describe('the core API', () => {
  it('answers an unknown method with unknown-method, not an exception', async () => {
    const { core } = await demoCore();
    expect(await core.call(core.openSession(), 'cases.drop', {})).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    expect(await core.call(core.openSession(), 'constructor', {})).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
  });

  it('refuses a malformed payload, names the field, and changes nothing', async () => {
    const { core, db, session } = await signedIn('admin', 'admin-demo');
    const auditBefore = db.prepare('SELECT count(*) FROM audit_log').pluck().get();
    const r = await core.call(session, 'settings.update', { idleLockMinutes: 'soon', extra: 1 });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(!r.ok && r.error.fields).toEqual(expect.arrayContaining(['idleLockMinutes']));
    expect(db.prepare('SELECT count(*) FROM settings').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(auditBefore);
  });

  it('keeps case data from the police role and audits the attempt', async () => {
    const { core, db, session } = await signedIn('police', 'police-demo');
    const r = await core.call(session, 'cases.search', { query: 'smith' });
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(db.prepare("SELECT target FROM audit_log WHERE action = 'access.denied'").pluck().get()).toBe('cases.search');
  });

  it('refuses case data before sign-in', async () => {
    const { core } = await demoCore();
    expect(await core.call(core.openSession(), 'cases.get', { noticeNo: 'x' })).toMatchObject({ ok: false, error: { code: 'signed-out' } });
  });

  it('locks a session idle longer than the setting (10 minutes by default), and unlocks it with the password', async () => {
    const { core, session, clock } = await signedIn('clerk', 'clerk-demo');
    clock.now = new Date(T0.getTime() + 9 * 60_000);
    expect((await core.call(session, 'cases.search', { query: 'smith' })).ok).toBe(true);
    clock.now = new Date(T0.getTime() + 19 * 60_000 + 1000);
    expect(await core.call(session, 'cases.search', { query: 'smith' })).toMatchObject({ ok: false, error: { code: 'session-locked' } });
    expect(await core.call(session, 'session.unlock', { password: 'nope' })).toMatchObject({ ok: false, error: { code: 'wrong-credentials' } });
    expect(await core.call(session, 'session.unlock', { password: 'clerk-demo' })).toMatchObject({ ok: true, value: { locked: false } });
    expect((await core.call(session, 'cases.search', { query: 'smith' })).ok).toBe(true);
  });

  it('shows a case with its deadline in Beijing time and the credit code checked', async () => {
    const { core, session } = await signedIn('clerk', 'clerk-demo');
    const found = await core.call(session, 'cases.search', { query: 'john smith' });
    expect(found.ok && (found.value as { noticeNo: string }[]).length).toBe(1);
    const noticeNo = (found as { value: { noticeNo: string }[] }).value[0].noticeNo;
    const view = await core.call(session, 'cases.get', { noticeNo });
    expect(view).toMatchObject({ ok: true, value: { usccValid: true, deadline: { state: expect.any(String) } } });
    expect(await core.call(session, 'cases.get', { noticeNo: 'WPN-NONE' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});
