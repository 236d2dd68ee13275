import { AxeBuilder } from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { startUpstream } from '../support/upstream';
import { makeTestPki } from '../support/test-ca';
import { expect, setSettings, signIn, startHost, test, type RunningHost } from './fixtures';
import { fixture, imagePath } from './paths';

const validCase = () => (JSON.parse(readFileSync(fixture('qrs.json'), 'utf8')) as { validCase: { noticeNo: string; applicant: { name: string } } }).validCase;

/** The display opened as a second window of the same browser, paired with the code from the clerk's screen. */
async function pairedDisplay(page: Page, host: RunningHost): Promise<Page> {
  await page.getByTestId('pair-display').click();
  const code = (await page.getByTestId('pairing-code').textContent())!;
  expect(code).toMatch(/^\d{6}$/);
  const display = await page.context().newPage();
  await display.goto(`${host.origin}/#display`);
  await expect(display.getByTestId('applicant-screen')).toHaveAttribute('data-state', 'pairing');
  // A wrong code is refused in words; the right one pairs, once.
  await display.getByTestId('pair-code').fill(code === '000000' ? '000001' : '000000');
  await display.getByTestId('pair-connect').click();
  await expect(display.getByTestId('pair-wrong')).toBeVisible();
  await display.getByTestId('pair-code').fill(code);
  await display.getByTestId('pair-connect').click();
  await expect(display.getByTestId('applicant-screen')).toHaveAttribute('data-state', 'idle');
  await expect(page.getByTestId('display-state')).toHaveText('connected');
  return display;
}

const axeClean = async (p: Page) => expect((await new AxeBuilder({ page: p }).analyze()).violations.map((v) => `${v.id} (${v.impact})`)).toEqual([]);

test.describe("the applicant's screen", () => {
  test.use({ viewport: { width: 1366, height: 768 } });

  test('paired with a one-time code, it follows the open case live, takes the evaluation (a reason for a low grade) that reaches the authority once, and clears when the visit ends', async ({ page, host }) => {
    const upstream = await startUpstream();
    try {
      await setSettings(page, host, { upstreamUrl: upstream.url, upstreamToken: upstream.tokens['DEMO/1'], officeCode: 'DEMO', windowNo: '1', syncIntervalSeconds: 300, upstreamTimeoutSeconds: 2 });
      await signIn(page, host, 'clerk', 'clerk-demo');
      await page.getByTestId('language').selectOption('en');
      const display = await pairedDisplay(page, host);
      await axeClean(display);

      // The clerk opens the case: the display shows whose it is, in the holder's likely language (English here).
      await page.getByTestId('case-search').fill(validCase().noticeNo);
      await page.getByTestId('case-search').press('Enter');
      await page.getByTestId('results').getByRole('button', { name: validCase().noticeNo, exact: true }).click();
      await expect(display.getByTestId('applicant-holder')).toContainText(validCase().applicant.name);
      const passport = display.getByTestId('applicant-materials').locator('[data-code="passport"]');
      await expect(passport).toHaveAttribute('data-state', 'to-check');
      await expect(passport).toContainText('Being checked');
      await axeClean(display);

      // Live: all originals as filed on the clerk's screen, seen on the applicant's.
      await page.getByTestId('all-as-filed').click();
      await expect(passport).toHaveAttribute('data-state', 'seen');
      await expect(passport).toContainText('Original seen');
      await display.screenshot({ path: imagePath('applicant-screen.png') });

      // In Arabic, right to left; in Korean, its own words.
      await display.getByTestId('applicant-lang-ar').click();
      await expect(display.getByTestId('applicant-screen')).toHaveAttribute('dir', 'rtl');
      await expect(passport).toContainText('تم الاطلاع على الأصل');
      await axeClean(display);
      await display.getByTestId('applicant-lang-ko').click();
      await expect(display.getByTestId('applicant-screen')).toHaveAttribute('dir', 'ltr');
      await expect(passport).toContainText('원본 확인');
      await display.getByTestId('applicant-lang-en').click();

      // The evaluation, asked by the clerk; a low grade needs a reason.
      // On a 768 px tablet, the question comes into view at once.
      await display.setViewportSize({ width: 1024, height: 768 });
      await page.getByTestId('ask-evaluation').click();
      await expect(display.getByTestId('evaluation')).toBeVisible();
      await expect(display.getByTestId('evaluation').locator('legend')).toBeInViewport();
      await axeClean(display);
      await display.getByTestId('grade-2').click();
      await display.getByTestId('evaluation-send').click();
      await expect(display.getByTestId('evaluation-problem')).toHaveText('Please tell us why: choose at least one, or write it.');
      await display.getByTestId('reason-waited-long').check();
      await display.screenshot({ path: imagePath('applicant-evaluation.png') });
      await display.getByTestId('evaluation-send').click();
      await expect(display.getByTestId('applicant-thanks')).toBeVisible();
      await expect(page.getByTestId('evaluation-state')).toHaveAttribute('data-grade', '2');
      await expect(page.getByTestId('evaluation-state')).toHaveText('evaluated: dissatisfied');
      await expect.poll(async () => (await upstream.stats()).evaluationsCreated, { timeout: 15_000 }).toBe(1);

      // The visit ends: nothing of this applicant stays on the screen.
      await page.getByTestId('back').click();
      await expect(display.getByTestId('applicant-screen')).toHaveAttribute('data-state', 'idle');
      await expect(display.locator('body')).not.toContainText(validCase().applicant.name);
      await expect(display.locator('body')).not.toContainText(validCase().noticeNo);
      // The round that follows sends nothing again.
      await page.getByTestId('nav-devices').click();
      await page.getByTestId('sync-now').click();
      await expect.poll(async () => (await upstream.stats()).requests['POST /v1/evaluations'] ?? 0).toBe(1);
      expect((await upstream.stats()).evaluationsCreated).toBe(1);

      // The audit log names it in words.
      await page.getByTestId('sign-out').click();
      await expect(display.getByTestId('applicant-screen')).toHaveAttribute('data-state', 'idle');
      await signIn(page, host, 'supervisor', 'supervisor-demo');
      await page.getByTestId('language').selectOption('en');
      await page.getByTestId('nav-audit').click();
      await expect(page.getByTestId('audit-filters')).toBeVisible();
      await expect(page.locator('body')).toContainText('Service evaluated by the applicant');
    } finally {
      await upstream.stop();
    }
  });

  test("a tablet on the office's network, which never saw the launch secret, pairs at the display address the clerk's screen names, over TLS", async ({ page, browser }) => {
    const pki = makeTestPki();
    const host = await startHost(undefined, {}, ['--display-port', '0', '--display-host', '127.0.0.1', '--display-cert', pki.serverCertFile, '--display-key', pki.serverKeyFile]);
    // Another browser: no cookie of the clerk's. It is told to accept the office's certificate as a tablet would have its CA installed.
    const tabletBrowser = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1280, height: 800 } });
    try {
      expect(host.displayUrls).toHaveLength(1);
      expect(host.displayUrls[0]).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/display$/);
      // The clerk's address refuses the tablet: it holds no cookie.
      const tablet = await tabletBrowser.newPage();
      const refused = await tablet.goto(`${host.origin}/#display`);
      expect(refused?.status()).toBe(403);

      await signIn(page, host, 'clerk', 'clerk-demo');
      await page.getByTestId('language').selectOption('en');
      await page.getByTestId('pair-display').click();
      await expect(page.getByTestId('tablet-urls')).toContainText(host.displayUrls[0]);
      // The clerk's screen with the code and the tablet's address, in both languages.
      await axeClean(page);
      await page.getByTestId('language').selectOption('zh-CN');
      await expect(page.getByTestId('tablet-urls')).toContainText('办公网络中的平板请打开');
      await axeClean(page);
      await page.getByTestId('language').selectOption('en');
      const code = (await page.getByTestId('pairing-code').textContent())!;

      // The address as the clerk's screen names it; its root leads there too.
      await tablet.goto(host.displayUrls[0].replace(/\/display$/, '/'));
      expect(new URL(tablet.url()).pathname).toBe('/display');
      await expect(tablet.getByTestId('applicant-screen')).toHaveAttribute('data-state', 'pairing');
      await tablet.getByTestId('pair-code').fill(code);
      await tablet.getByTestId('pair-connect').click();
      await expect(tablet.getByTestId('applicant-screen')).toHaveAttribute('data-state', 'idle');
      await expect(page.getByTestId('display-state')).toHaveText('connected');

      await page.getByTestId('case-search').fill(validCase().noticeNo);
      await page.getByTestId('case-search').press('Enter');
      await page.getByTestId('results').getByRole('button', { name: validCase().noticeNo, exact: true }).click();
      await expect(tablet.getByTestId('applicant-holder')).toContainText(validCase().applicant.name);
      await page.getByTestId('all-as-filed').click();
      await expect(tablet.getByTestId('applicant-materials').locator('[data-code="passport"]')).toHaveAttribute('data-state', 'seen');
      await axeClean(tablet);

      // The tablet's page can reach nothing of the clerk's: a sign-in from it is refused.
      const answer = await tablet.evaluate(
        () =>
          new Promise<string>((resolve) => {
            const ws = new WebSocket(`wss://${location.host}/api`);
            ws.onopen = () => ws.send(JSON.stringify({ id: 1, method: 'session.signIn', params: { username: 'clerk', password: 'clerk-demo' } }));
            ws.onmessage = (m) => resolve((JSON.parse(String(m.data)) as { result: { error?: { code: string } } }).result.error?.code ?? 'ok');
          }),
      );
      expect(answer).toBe('forbidden');

      // The visit ends: the tablet clears.
      await page.getByTestId('back').click();
      await expect(tablet.getByTestId('applicant-screen')).toHaveAttribute('data-state', 'idle');
      await expect(tablet.locator('body')).not.toContainText(validCase().applicant.name);
    } finally {
      await tabletBrowser.close();
      await host.stop();
    }
  });
});
