import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import { expect, rawCalls, signIn, test, type RunningHost } from './fixtures';

/** Opens a WebSocket from Node with chosen headers; resolves with the HTTP status of a refusal, or 101. */
function upgradeStatus(host: RunningHost, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${host.origin.replace('http', 'ws')}/api`, { headers });
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => resolve(0));
  });
}

/** fetch() will not send a forged Host header, so this uses node:http. */
function statusWithHost(host: RunningHost, cookie: string, hostHeader: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const u = new URL(host.origin);
    const req = request({ host: u.hostname, port: u.port, path: '/', headers: { cookie, host: hostHeader } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

async function sessionCookie(host: RunningHost): Promise<string> {
  const res = await fetch(host.launchUrl, { redirect: 'manual' });
  expect(res.status).toBe(303);
  return res.headers.get('set-cookie')!.split(';')[0];
}

test.describe('police', () => {
  test('a police user has only the permit screen and cannot reach case data through the API', async ({ page, host }) => {
    await signIn(page, host, 'police', 'police-demo');
    await expect(page.getByTestId('permit-check')).toBeVisible();
    await expect(page.getByTestId('nav-cases')).toHaveCount(0);
    await expect(page.getByTestId('case-search')).toHaveCount(0);
    const answers = await rawCalls(page, [
      { id: 1, method: 'session.signIn', params: { username: 'police', password: 'police-demo' } },
      { id: 2, method: 'cases.search', params: { query: 'smith' } },
      { id: 3, method: 'cases.get', params: { noticeNo: 'WPN110108202600001' } },
      { id: 4, method: 'audit.list', params: {} },
    ]);
    expect(answers[0].result.ok).toBe(true);
    for (const a of answers.slice(1)) expect(a.result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

test.describe('web host', () => {
  test('refuses every request without the launch secret or its cookie', async ({ host }) => {
    const bare = await fetch(`${host.origin}/`);
    expect(bare.status).toBe(403);
    expect(await bare.text()).toContain('Refused');
    expect((await fetch(`${host.origin}/index.html`)).status).toBe(403);
    expect((await fetch(`${host.origin}/?secret=not-the-secret`, { redirect: 'manual' })).status).toBe(403);
    const cookie = await sessionCookie(host);
    expect(cookie).toMatch(/^acw_session=/);
    const ok = await fetch(`${host.origin}/`, { headers: { cookie } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect((await fetch(`${host.origin}/`, { headers: { cookie: 'acw_session=forged' } })).status).toBe(403);
  });

  test('sets the cookie HttpOnly and SameSite=Strict', async ({ host }) => {
    const res = await fetch(host.launchUrl, { redirect: 'manual' });
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    expect(res.headers.get('location')).not.toContain('secret');
  });

  test('refuses API connections without the cookie, from another origin, or for another host name', async ({ host }) => {
    const cookie = await sessionCookie(host);
    expect(await upgradeStatus(host, { cookie, origin: host.origin })).toBe(101);
    expect(await upgradeStatus(host, { origin: host.origin })).toBe(403);
    expect(await upgradeStatus(host, { cookie, origin: 'http://evil.example' })).toBe(403);
    expect(await upgradeStatus(host, { cookie })).toBe(403);
    expect(await upgradeStatus(host, { cookie, origin: 'http://rebind.example:80', host: 'rebind.example:80' })).toBe(403);
    const port = new URL(host.origin).port;
    expect((await fetch(`${host.origin}/`, { headers: { cookie, origin: 'http://evil.example' } })).status).toBe(403);
    expect(await statusWithHost(host, cookie, `evil.example:${port}`)).toBe(403);
    expect(await statusWithHost(host, cookie, `127.0.0.1:${port}`)).toBe(200);
  });

  test('a page of another origin cannot call the API from the browser', async ({ page, host }) => {
    await page.goto(host.launchUrl);
    // Another port on 127.0.0.1 is the same site, so the browser sends the SameSite cookie along:
    // only the Origin check stands between that page and the API.
    const evil = createServer((_req, res) => res.end('<!doctype html><title>other</title>'));
    await new Promise<void>((r) => evil.listen(0, '127.0.0.1', () => r()));
    try {
      await page.goto(`http://127.0.0.1:${(evil.address() as AddressInfo).port}/`);
      const outcome = await page.evaluate(
        (url) =>
          new Promise<string>((resolve) => {
            const ws = new WebSocket(url);
            ws.onopen = () => resolve('opened');
            ws.onerror = () => resolve('refused');
          }),
        `${host.origin.replace('http', 'ws')}/api`,
      );
      expect(outcome).toBe('refused');
    } finally {
      evil.close();
    }
  });
});

test.describe('malformed API calls', () => {
  test('get a clear error in the user language and change nothing', async ({ page, host }) => {
    await signIn(page, host, 'admin', 'admin-demo');
    const answers = await rawCalls(page, [
      'this is not JSON',
      { id: 'one', method: 'settings.get' },
      { id: 2, method: 'session.signIn', params: { username: 'admin', password: 'admin-demo' } },
      { id: 3, method: 'settings.get', params: {} },
      { id: 4, method: 'audit.verify', params: {} },
      { id: 5, method: 'settings.update', params: { idleLockMinutes: -3, officeName: 42, dropTables: true } },
      { id: 6, method: 'settings.update', params: 'x'.repeat(5000) },
      { id: 7, method: 'no.such.call', params: {} },
      { id: 8, method: 'settings.get', params: {} },
      { id: 9, method: 'audit.verify', params: {} },
    ]);
    expect(answers[0]).toMatchObject({ id: null, result: { ok: false, error: { code: 'invalid-request' } } });
    expect(answers[1]).toMatchObject({ id: null, result: { ok: false, error: { code: 'invalid-request' } } });
    expect(answers[2].result.ok).toBe(true);
    expect(answers[5].result).toMatchObject({ ok: false, error: { code: 'invalid-request', fields: expect.arrayContaining(['idleLockMinutes', 'officeName']) } });
    expect(answers[6].result).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(answers[7].result).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    expect(answers[8].result).toEqual(answers[3].result);
    // Nothing written: not even an audit entry.
    expect(answers[9].result).toEqual(answers[4].result);

    // The same kind of error through the UI, in the user's language.
    await page.getByTestId('language').selectOption('en');
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('idle-minutes').fill('0');
    await page.getByTestId('settings-save').click();
    // Named by its label, not its key, and said beside the field.
    await expect(page.getByTestId('error')).toHaveText('The request was not valid; nothing was changed. Check: Lock the screen after this many idle minutes');
    await expect(page.getByTestId('problem-idleLockMinutes')).toHaveText('Too small: at least 1.');
    await expect(page.getByTestId('idle-minutes')).toHaveAttribute('aria-invalid', 'true');
    await page.getByTestId('language').selectOption('zh-CN');
    await expect(page.getByTestId('error')).toHaveText('请求无效，未作任何更改。 请检查：无操作多少分钟后锁屏');
    await expect(page.getByTestId('problem-idleLockMinutes')).toHaveText('太小：不能小于 1。');
  });

  test('a bad settings value far down the form is shown beside its field, in words, and the form goes to it', async ({ page, host }) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await signIn(page, host, 'admin', 'admin-demo');
    await page.getByTestId('language').selectOption('en');
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('setting-decisionNumberPattern').fill('SDX〔{year}〕');
    await page.getByTestId('setting-decisionNumbersBatch').fill('2.5');
    await page.getByTestId('settings-save').focus();
    await page.keyboard.press('Enter');
    // The first refused field has the focus and is on the screen, its own rule beside it.
    const pattern = page.getByTestId('setting-decisionNumberPattern');
    await expect(pattern).toBeFocused();
    await expect(pattern).toBeInViewport();
    await expect(page.getByTestId('problem-decisionNumberPattern')).toContainText('must hold the serial as {number}');
    await expect(page.getByTestId('problem-decisionNumbersBatch')).toHaveText('A whole number, without decimals.');
    await expect(page.getByTestId('error')).toContainText('Decision number pattern ({prefix}, {year}, {number:6}), Decision numbers reserved at a time');
    // Nothing was saved: signed in afresh, the pattern is as it was.
    await signIn(page, host, 'admin', 'admin-demo');
    await page.getByTestId('nav-settings').click();
    await expect(page.getByTestId('setting-decisionNumberPattern')).not.toHaveValue('SDX〔{year}〕');
    // A refusal with its own words (an address in clear beyond this computer) is said beside its field too.
    await page.getByTestId('setting-upstreamUrl').fill('http://authority.example.cn/api');
    await page.getByTestId('settings-save').click();
    await expect(page.getByTestId('setting-upstreamUrl')).toBeFocused();
    await expect(page.getByTestId('problem-upstreamUrl')).toContainText('https://');
    await page.getByTestId('language').selectOption('zh-CN');
    await expect(page.getByTestId('problem-upstreamUrl')).toContainText('必须以 https:// 开头');
  });

  test('settings survive a restart of the host', async ({ page, host }) => {
    await signIn(page, host, 'admin', 'admin-demo');
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('idle-minutes').fill('12');
    await page.getByTestId('settings-save').click();
    await expect(page.getByTestId('settings-saved')).toBeVisible();
    await host.stop();
    const { startHost } = await import('./fixtures');
    const again = await startHost(host.dataDir);
    try {
      await signIn(page, again, 'admin', 'admin-demo');
      await page.getByTestId('nav-settings').click();
      await expect(page.getByTestId('idle-minutes')).toHaveValue('12');
    } finally {
      await again.stop();
    }
  });
});
