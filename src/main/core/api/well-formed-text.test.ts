/**
 * Text that is valid JSON but no Unicode (a lone UTF-16 surrogate, "\ud800") is refused wherever it
 * enters: a call from the UI, an imported file, the upstream's answer. SQLite stores such a string as
 * another character, so a hash made of it (the audit chain's) would not hold once read back.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { illFormedTextAt } from '../../../shared/unicode';
import { appendAudit } from '../audit/audit';
import { openDemoTestStore } from '../store/test-store';
import { createUpstreamClient, UpstreamError } from '../sync/upstream-client';
import { createCore } from './core';
import { ApiFailure, parseJsonParam } from '../failures/failure';

const LONE = '\ud800';

describe('well-formed text', () => {
  it('names the first text, or key, that holds a lone surrogate', () => {
    expect(illFormedTextAt({ a: ['ok', { b: `x${LONE}` }] })).toBe('a.1.b');
    expect(illFormedTextAt({ [`k${LONE}`]: 1 })).toBe(`k${LONE}`);
    expect(illFormedTextAt(`\udc00`)).toBe('(payload)');
    // A pair is a character (an emoji, a CJK extension B ideograph), and is taken.
    expect(illFormedTextAt({ name: '𠀋 😀 王' })).toBeNull();
  });

  it("refuses a number block whose prefix holds a lone surrogate, naming the field, and the audit chain still verifies", async () => {
    const db = await openDemoTestStore();
    const core = createCore({ db, version: 't' });
    const admin = core.openSession();
    expect((await core.call(admin, 'session.signIn', { username: 'admin', password: 'admin-demo' })).ok).toBe(true);
    const before = (await core.call(admin, 'decisions.numberBlocks', {})) as { ok: true; value: unknown[] };
    const refused = await core.call(admin, 'decisions.addNumberBlock', { prefix: `京${LONE}外许字`, year: 2031, from: 1, to: 9 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-request', fields: ['prefix'], problems: [{ field: 'prefix', kind: 'not-text' }] } });
    expect((await core.call(admin, 'decisions.numberBlocks', {})) as { ok: true; value: unknown[] }).toEqual(before);
    expect(await core.call(admin, 'audit.verify', {})).toMatchObject({ ok: true, value: { intact: true, firstBroken: null } });
    // A search with one is refused too, not turned into another character.
    const clerk = core.openSession();
    await core.call(clerk, 'session.signIn', { username: 'clerk', password: 'clerk-demo' });
    expect(await core.call(clerk, 'cases.search', { query: `SMITH${LONE}` })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });

  it('refuses an imported file whose JSON escapes a lone surrogate', () => {
    expect(() => parseJsonParam('{"name":"\\ud800"}', 'json', 'region table')).toThrow(ApiFailure);
    expect(parseJsonParam('{"name":"\\ud840\\udc0b"}', 'json')).toEqual({ name: '𠀋' });
  });

  it("never stores an audit entry the chain could not verify once read back", async () => {
    const db = await openDemoTestStore();
    expect(() => appendAudit(db, { at: new Date().toISOString(), actor: 'admin', action: 'x', target: LONE })).toThrow(/broken character/);
  });

  it("refuses the upstream's answer that holds one (a number block reserved for the window)", async () => {
    const server = createServer((_req, res) => {
      res.writeHead(201, { 'Content-Type': 'application/json' });
      res.end('{"prefix":"\\ud800示人社外许字","year":2026,"from":1,"to":100}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const client = createUpstreamClient({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, token: 't', workstation: 'DEMO/1', timeoutMs: 2000 });
      const failure = await client.reserveNumbers('6f1c0e8e-6a9a-4cf4-9d77-6f5d2c4d1a11', 2026, 100).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(UpstreamError);
      expect(failure).toMatchObject({ kind: 'malformed' });
      await client.close();
    } finally {
      server.close();
    }
  });
});
