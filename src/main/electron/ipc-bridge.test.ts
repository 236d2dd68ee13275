import { describe, expect, it } from 'vitest';
import { createCore } from '../core/api/core';
import { openDemoTestStore } from '../core/store/test-store';
import { createIpcBridge } from './ipc-bridge';

describe('the Electron IPC bridge', async () => {
  const db = await openDemoTestStore();
  const bridge = createIpcBridge(createCore({ db, version: 't' })).handle;
  const appWindow = { sender: {}, senderFrame: { url: 'file:///opt/app/out/renderer/index.html' } };

  it('refuses calls from any page but the app own', async () => {
    for (const url of ['https://evil.example/', 'http://127.0.0.1:4780/', 'devtools://x']) {
      expect(await bridge({ sender: {}, senderFrame: { url } }, 'app.info', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(await bridge({ sender: {}, senderFrame: null }, 'app.info', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('keeps one session per window and validates like the web host', async () => {
    expect(await bridge(appWindow, 'session.signIn', { username: 'clerk', password: 'clerk-demo' })).toMatchObject({ ok: true });
    expect((await bridge(appWindow, 'cases.search', { query: 'smith' })).ok).toBe(true);
    const otherWindow = { sender: {}, senderFrame: appWindow.senderFrame };
    expect(await bridge(otherWindow, 'cases.search', { query: 'smith' })).toMatchObject({ ok: false, error: { code: 'signed-out' } });
    expect(await bridge(appWindow, 42, {})).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    expect(await bridge(appWindow, 'cases.search', { query: 7 })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });

  it("ends a closed window's session: the applicant's screen on it is no longer paired", async () => {
    const clerkWindow = { sender: {}, senderFrame: appWindow.senderFrame };
    await bridge(clerkWindow, 'session.signIn', { username: 'clerk', password: 'clerk-demo' });
    const pairing = await bridge(clerkWindow, 'applicant.pair', {});
    if (!pairing.ok) throw new Error(pairing.error.code);
    let destroyed: (() => unknown) | null = null;
    const displayWindow = { sender: { once: (_e: 'destroyed', l: () => unknown) => (destroyed = l) }, senderFrame: appWindow.senderFrame };
    expect((await bridge(displayWindow, 'applicant.join', { code: (pairing.value as { code: string }).code })).ok).toBe(true);
    expect(await bridge(clerkWindow, 'applicant.status', {})).toMatchObject({ ok: true, value: { paired: 1 } });
    destroyed!();
    expect(await bridge(clerkWindow, 'applicant.status', {})).toMatchObject({ ok: true, value: { paired: 0 } });
  });
});
