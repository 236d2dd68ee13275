// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { setLanguage } from '../i18n';

// The core answers through `window.acw` (as the Electron preload gives it): each call fails as the test says.
const answers: Record<string, unknown> = {};
beforeAll(() => {
  (window as unknown as { acw: unknown }).acw = {
    host: 'electron',
    call: vi.fn(async (method: string) => answers[method]),
    onEvent: () => () => undefined,
  };
  setLanguage('en');
});
afterEach(cleanup);

describe('a call made in the background', () => {
  it('that fails is said under the header in the user’s words, until closed; a locked session is the lock screen’s to say', async () => {
    const { ask } = await import('../api/client');
    const { FailureBar } = await import('./FailureBar');
    render(<FailureBar />);
    answers['sync.state'] = { ok: false, error: { code: 'session-locked', message: 'locked' } };
    await act(async () => {
      expect(await ask('sync.state', {})).toBeNull();
    });
    expect(screen.queryByTestId('failure-bar')).toBeNull();
    answers['sync.state'] = { ok: false, error: { code: 'internal', message: 'The call failed inside the app.' } };
    await act(async () => {
      expect(await ask('sync.state', {})).toBeNull();
    });
    expect(screen.getByTestId('call-failed').getAttribute('data-code')).toBe('internal');
    expect(screen.getByTestId('call-failed').textContent).not.toBe('');
    fireEvent.click(screen.getByTestId('failure-close'));
    expect(screen.queryByTestId('failure-bar')).toBeNull();
    answers['sync.state'] = { ok: true, value: { configured: false } };
    await act(async () => {
      expect(await ask('sync.state', {})).toEqual({ configured: false });
    });
    expect(screen.queryByTestId('failure-bar')).toBeNull();
  });
});
