import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { startUpstream, type RunningUpstream } from '../support/upstream';
import { expect, recordAllOriginals, setSettings, signIn, test, type RunningHost } from './fixtures';
import { fixture, imagePath } from './paths';

/** The admin points the window (DEMO/1) at the server, with its token, as in the Settings screen. */
async function linkToUpstream(page: Page, host: RunningHost, upstream: RunningUpstream, syncIntervalSeconds: number) {
  await setSettings(page, host, { upstreamUrl: upstream.url, upstreamToken: upstream.tokens['DEMO/1'], officeCode: 'DEMO', windowNo: '1', syncIntervalSeconds, upstreamTimeoutSeconds: 2 });
}

test('a clerk verifies a case with the server down: offline with one record waiting; the server comes back; the record arrives once and the status clears', async ({ page, host }) => {
  // The authority's server exists but is down when the window works.
  const first = await startUpstream();
  const port = Number(new URL(first.url).port);
  await first.stop();
  await linkToUpstream(page, host, first, 5);

  await signIn(page, host, 'clerk', 'clerk-demo');
  await page.getByTestId('language').selectOption('en');
  const readiness = page.getByTestId('readiness');
  await expect(readiness).toHaveAttribute('data-online', 'false', { timeout: 15_000 });

  await page.getByTestId('image-file').setInputFiles(fixture('valid.png'));
  await recordAllOriginals(page);
  await page.getByTestId('outcome-approved').check();
  await page.getByTestId('sign-off').click();
  await expect(page.getByTestId('record')).toHaveAttribute('data-outcome', 'approved');
  await expect(readiness).toHaveAttribute('data-pending', '1');
  await expect(readiness).toHaveAttribute('data-online', 'false');
  await expect(readiness).toContainText('OFFLINE');
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.locator('header.top').screenshot({ path: imagePath('offline-waiting.png') });

  const back = await startUpstream({ dbPath: first.dbPath, port });
  try {
    await expect(readiness).toHaveAttribute('data-online', 'true', { timeout: 30_000 });
    await expect(readiness).toHaveAttribute('data-pending', '0');
    await expect(page.getByTestId('readiness-pending')).toHaveCount(0);
    const stats = await back.stats();
    expect(stats.verificationsCreated).toBe(1);
    expect(stats.requests['POST /v1/verifications']).toBe(1);
    // The authority revokes the permit while the clerk still has the case open: the screen says so.
    const { validCase } = JSON.parse(readFileSync(fixture('qrs.json'), 'utf8')) as { validCase: { noticeNo: string } };
    await back.control(`/_test/cases/${validCase.noticeNo}`, { status: 'revoked' });
    await expect(page.getByTestId('case-changed')).toContainText('Verified → Revoked', { timeout: 20_000 });
    await expect(page.getByTestId('case-status')).toHaveText('Revoked');
  } finally {
    await back.stop();
  }
});

test('a record the authority refuses (the permit was revoked meanwhile) waits in the review queue until a supervisor resolves it on screen', async ({ page, host }) => {
  const upstream = await startUpstream();
  try {
    const { validCase } = JSON.parse(readFileSync(fixture('qrs.json'), 'utf8')) as { validCase: { noticeNo: string } };
    await linkToUpstream(page, host, upstream, 300);
    // Revoked at the authority after the window last pulled: the window still shows it awaiting.
    await signIn(page, host, 'clerk', 'clerk-demo');
    await page.getByTestId('language').selectOption('en');
    await expect(page.getByTestId('readiness')).toHaveAttribute('data-online', 'true', { timeout: 15_000 });
    await upstream.control(`/_test/cases/${validCase.noticeNo}`, { status: 'revoked' });
    await page.getByTestId('image-file').setInputFiles(fixture('valid.png'));
    await recordAllOriginals(page);
    await page.getByTestId('outcome-approved').check();
    await page.getByTestId('sign-off').click();
    await expect(page.getByTestId('readiness')).toContainText('1 refused', { timeout: 15_000 });

    await page.getByTestId('sign-out').click();
    await signIn(page, host, 'supervisor', 'supervisor-demo');
    await page.getByTestId('language').selectOption('en');
    await page.getByTestId('nav-devices').click();
    const problem = page.getByTestId('sync-problems').locator('tr');
    await expect(problem).toHaveCount(1);
    await expect(problem).toContainText(`${validCase.noticeNo}`);
    await expect(problem).toContainText('revoked');
    await problem.getByPlaceholder('How it was resolved').fill('Permit revoked by the authority; holder told at the window.');
    await problem.getByRole('button', { name: 'Resolve' }).click();
    await expect(page.getByTestId('sync-problems')).toHaveCount(0);
    await expect(page.getByTestId('readiness')).not.toContainText('refused');
  } finally {
    await upstream.stop();
  }
});

test('the server is replaced by an empty one: the refused token shows with its cause; with the new token the window says the server was reset and what it sent again', async ({ page, host }) => {
  const first = await startUpstream();
  const port = Number(new URL(first.url).port);
  await linkToUpstream(page, host, first, 5);
  await signIn(page, host, 'clerk', 'clerk-demo');
  await page.getByTestId('language').selectOption('en');
  const readiness = page.getByTestId('readiness');
  await expect(readiness).toHaveAttribute('data-online', 'true', { timeout: 15_000 });
  await page.getByTestId('image-file').setInputFiles(fixture('valid.png'));
  await recordAllOriginals(page);
  await page.getByTestId('outcome-approved').check();
  await page.getByTestId('sign-off').click();
  await expect(page.getByTestId('record')).toHaveAttribute('data-outcome', 'approved');
  await expect.poll(async () => (await first.stats()).verificationsCreated, { timeout: 15_000 }).toBe(1);
  await expect(readiness).toHaveAttribute('data-pending', '0');
  await first.stop();

  const second = await startUpstream({ port });
  try {
    await expect(page.getByTestId('readiness-problem')).toHaveAttribute('data-code', 'token-refused', { timeout: 15_000 });
    await expect(readiness).toContainText("refused this window's token (HTTP 401)");
    await page.getByTestId('language').selectOption('zh-CN');
    await expect(readiness).toContainText('拒绝了本窗口的令牌');
    await page.getByTestId('language').selectOption('en');
    // The administrator sets the new server's token, on a connection of their own.
    await setSettings(await page.context().newPage(), host, { upstreamToken: second.tokens['DEMO/1'] });
    await expect(page.getByTestId('readiness-reset')).toContainText('1 verification records and 0 decision events sent again', { timeout: 20_000 });
    await expect(readiness).toContainText('the address or the token changed');
    await expect(page.getByTestId('readiness-problem')).toHaveCount(0);
    expect((await second.stats()).verificationsCreated).toBe(1);
  } finally {
    await second.stop();
  }
});
