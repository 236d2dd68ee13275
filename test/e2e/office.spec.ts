import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { addDays, chinaDate } from '../../src/main/core/dates/calendar';
import { startUpstream, type RunningUpstream } from '../support/upstream';
import { expect, openCaseBySearch, recordAllOriginals, setSettings, signIn, startHost, test, type RunningHost } from './fixtures';
import { fixture } from './paths';
import { TEST_PRINTER, newPdfOutputs } from '../support/cups';
import { pdfText } from '../support/pdf-text';

const validCase = () => (JSON.parse(readFileSync(fixture('qrs.json'), 'utf8')) as { validCase: { noticeNo: string } }).validCase;

const cleanups: (() => Promise<unknown>)[] = [];
test.afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

/** A window of the DEMO office linked to the server, syncing every 5 s, its clerk signed in, in English. */
async function windowOf(page: Page, host: RunningHost, u: RunningUpstream, windowNo: string) {
  await setSettings(page, host, { printer: TEST_PRINTER, printTimeoutSeconds: 20, upstreamUrl: u.url, upstreamToken: u.tokens[`DEMO/${windowNo}`], officeCode: 'DEMO', windowNo, officeWindows: '1,2', syncIntervalSeconds: 5, upstreamTimeoutSeconds: 2 });
  await signIn(page, host, 'clerk', 'clerk-demo');
  await page.getByTestId('language').selectOption('en');
  // Linked: its numbers come from blocks the authority reserves for it in the first rounds.
  await expect(page.getByTestId('readiness')).toHaveAttribute('data-online', 'true', { timeout: 20_000 });
  await expect(page.getByTestId('readiness-numbers')).not.toHaveText(/\b0\b/, { timeout: 20_000 });
}

async function sent(page: Page) {
  await expect(page.getByTestId('readiness-pending')).toHaveCount(0, { timeout: 30_000 });
}

async function signDayAsSupervisor(page: Page) {
  await page.getByTestId('sign-out').click();
  await page.locator('input[name=username]').fill('supervisor');
  await page.locator('input[name=password]').fill('supervisor-demo');
  await page.locator('input[name=password]').press('Enter');
  await page.getByTestId('nav-register').click();
  await page.getByTestId('review-sign').click();
  await expect(page.getByTestId('review-signed')).toBeVisible();
  await sent(page);
}

test('two windows of one office: a supplement asked at window 1 is back with supplements at window 2, which completes and decides it; window 1 then shows it decided there, and serves window 2\'s grant to the holder; the office register counts both', async ({ page, host, browser }) => {
  test.setTimeout(240_000);
  const u = await startUpstream();
  cleanups.push(() => u.stop());
  const host2 = await startHost();
  cleanups.push(() => host2.stop());
  const context2 = await browser.newContext({ viewport: { width: 1366, height: 860 } });
  cleanups.push(() => context2.close());
  const page2 = await context2.newPage();
  const noticeNo = validCase().noticeNo;
  await windowOf(page, host, u, '1');
  await windowOf(page2, host2, u, '2');

  // Window 1: the passport's original is missing; supplements are asked for and the notice issued.
  await page.getByTestId('image-file').setInputFiles(fixture('valid.png'));
  await recordAllOriginals(page);
  const passport = page.getByTestId('checklist').locator('tbody tr').first();
  await passport.getByTestId('evidence').selectOption('missing');
  await expect(page.getByTestId('draft-state')).toHaveAttribute('data-state', 'saved');
  await page.getByTestId('outcome-supplement').check();
  await page.getByTestId('sign-off').click();
  await expect(page.getByTestId('record')).toHaveAttribute('data-outcome', 'supplement');
  await page.getByTestId('issue-supplement').click();
  const notice = (await page.locator('[data-testid="decision-number"]').first().textContent())!;
  expect(notice).toMatch(/^示人社外补字〔\d{4}〕第\d{6}号$/);
  await sent(page);

  // Window 2, with its next pull: back with supplements, the notice's number and what is missing.
  const item = page2.locator(`[data-testid="work-item"][data-notice="${noticeNo}"]`);
  await expect(item).toHaveAttribute('data-work', 'supplement', { timeout: 30_000 });
  await expect(item.getByTestId('work-supplement')).toHaveAttribute('data-document', notice);
  await expect(item.getByTestId('work-supplement')).toContainText('Passport');
  await expect(item.getByTestId('work-supplement')).toHaveAttribute('data-window', 'DEMO/1');
  await item.getByTestId('open-work').click();
  // The verification is filled in from window 1's record; the passport brought now.
  await page2.getByTestId('fill-from-office').click();
  const passport2 = page2.getByTestId('checklist').locator('tbody tr').first();
  await expect(passport2.getByTestId('evidence')).toHaveValue('missing');
  await expect(page2.getByTestId('checklist').locator('tbody tr').nth(1).getByTestId('evidence')).not.toHaveValue('missing');
  await passport2.getByTestId('evidence').selectOption('original_seen');
  await expect(page2.getByTestId('draft-state')).toHaveAttribute('data-state', 'saved');
  await page2.getByTestId('outcome-approved').check();
  await page2.getByTestId('sign-off').click();
  await expect(page2.getByTestId('case-status')).toHaveText('Verified');
  await page2.getByTestId('issue-decision').click();
  await expect(page2.locator('[data-testid="decision-number"]').last()).toHaveText(/^示人社外许字〔\d{4}〕第\d{6}号$/);
  await sent(page2);

  // Window 1, after its pull: decided, by window 2; no verification is offered.
  await page.getByTestId('back').click().catch(() => undefined);
  await expect(async () => {
    await openCaseBySearch(page, noticeNo, noticeNo);
    await expect(page.getByTestId('case-status')).toHaveText('Decision issued', { timeout: 3000 });
  }).toPass({ timeout: 30_000 });
  await expect(page.getByTestId('elsewhere')).toHaveAttribute('data-workstation', 'DEMO/2');
  await expect(page.getByTestId('elsewhere')).toHaveAttribute('data-state', 'refused');
  await expect(page.getByTestId('sign-off')).toHaveCount(0);

  // The holder collects the grant at window 1: window 1 takes window 2's document, prints exactly the
  // PDF window 2 issued, and serves it; window 2's next round learns it was served there.
  const office = page.getByTestId('office-document');
  await expect(office).toHaveAttribute('data-held', 'false');
  const grantNo = (await office.getAttribute('data-number'))!;
  await expect(office).toContainText(`${grantNo}: window DEMO/2 (clerk)`);
  await page.getByTestId('take-from-office').click();
  await expect(office).toHaveAttribute('data-held', 'true');
  const taken = page.locator(`[data-testid="decision"][data-number="${grantNo}"]`);
  await expect(taken.getByTestId('from-window')).toContainText('Issued at window DEMO/2');
  await expect(taken.getByTestId('void-decision')).toHaveCount(0);
  const since = Date.now();
  await taken.getByTestId('print-decision').click();
  await expect(taken.getByTestId('print-state')).toHaveAttribute('data-state', 'completed', { timeout: 30_000 });
  const [printed] = await newPdfOutputs(since);
  expect(pdfText(printed).replace(/\s+/g, '')).toContain(grantNo);
  await taken.getByTestId('serve-document').click();
  await page.getByTestId('service-on-paper').check();
  await page.getByTestId('service-submit').click();
  await expect(taken.getByTestId('served-on')).toBeVisible();
  await expect(page.locator('[data-testid="decision"][data-type="service"]').getByTestId('serves')).toContainText(grantNo);
  await sent(page);
  await page2.getByTestId('back').click().catch(() => undefined);
  await expect(async () => {
    await openCaseBySearch(page2, noticeNo, noticeNo);
    await expect(page2.locator(`[data-testid="decision"][data-number="${grantNo}"]`).getByTestId('served-on')).toBeVisible({ timeout: 3000 });
  }).toPass({ timeout: 30_000 });

  // Each window's supervisor signs the day; the office register at window 1 counts both windows' work.
  await signDayAsSupervisor(page2);
  await signDayAsSupervisor(page);
  // Today: both windows signed it. The days before, unsigned by both, are named.
  await page.getByTestId('register-view').selectOption('office');
  await page.getByTestId('register-from').fill(chinaDate(new Date()));
  await page.getByTestId('register-show').click();
  await expect(page.getByTestId('register-unsigned')).toHaveAttribute('data-days', '0');
  const byWindow = page.getByTestId('register-by-clerk');
  await expect(byWindow).toContainText('DEMO/1');
  await expect(byWindow).toContainText('DEMO/2');
  await page.getByTestId('register-from').fill(addDays(chinaDate(new Date()), -1));
  await page.getByTestId('register-show').click();
  await expect(page.getByTestId('register-unsigned')).toContainText('(DEMO/1, DEMO/2)');
});
