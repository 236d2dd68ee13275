import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { chinaDate } from '../../src/main/core/dates/calendar';
import { expect, signIn, test, type RunningHost } from './fixtures';
import { fixture } from './paths';

const validCase = () => (JSON.parse(readFileSync(fixture('qrs.json'), 'utf8')) as { validCase: { noticeNo: string } }).validCase;

/** A second window of the same browser (its own session), signed in as the supervisor, in English. */
async function supervisorWindow(page: Page, host: RunningHost): Promise<Page> {
  const p = await page.context().newPage();
  await p.goto(`${host.origin}/`);
  await p.locator('input[name=username]').fill('supervisor');
  await p.locator('input[name=password]').fill('supervisor-demo');
  await p.locator('input[name=password]').press('Enter');
  await expect(p.getByTestId('signed-in-as')).toBeVisible();
  await p.getByTestId('language').selectOption('en');
  return p;
}

test('a dissatisfied evaluation alerts a supervisor wherever they are in the app, who follows it up and closes it with the callback; the register counts it', async ({ page, host }) => {
  test.setTimeout(90_000);
  await signIn(page, host, 'clerk', 'clerk-demo');
  await page.getByTestId('language').selectOption('en');
  const supervisor = await supervisorWindow(page, host);
  // The supervisor is busy elsewhere: the register.
  await supervisor.getByTestId('nav-register').click();

  // The clerk's visit, evaluated "dissatisfied" on the applicant's display.
  await page.getByTestId('pair-display').click();
  const code = (await page.getByTestId('pairing-code').textContent())!;
  const display = await page.context().newPage();
  await display.goto(`${host.origin}/#display`);
  await display.getByTestId('pair-code').fill(code);
  await display.getByTestId('pair-connect').click();
  await expect(display.getByTestId('applicant-screen')).toHaveAttribute('data-state', 'idle');
  await page.getByTestId('case-search').fill(validCase().noticeNo);
  await page.getByTestId('case-search').press('Enter');
  await page.getByTestId('results').getByRole('button', { name: validCase().noticeNo, exact: true }).click();
  await page.getByTestId('ask-evaluation').click();
  await display.getByTestId('grade-2').click();
  await display.getByTestId('reason-waited-long').check();
  await display.getByTestId('evaluation-send').click();
  await expect(display.getByTestId('applicant-thanks')).toBeVisible();

  // At once, on the supervisor's screen, whatever it shows; the clerk's screen says nothing of it.
  const alert = supervisor.getByTestId('follow-up-alert');
  await expect(alert).toContainText(`A dissatisfied evaluation (grade 2) of case ${validCase().noticeNo}`);
  await expect(page.getByTestId('follow-up-alert')).toHaveCount(0);
  await supervisor.getByTestId('follow-up-open').click();
  const card = supervisor.locator(`[data-testid="follow-up"][data-notice="${validCase().noticeNo}"]`);
  await expect(card).toHaveAttribute('data-state', 'open');
  await expect(card).toContainText('I waited too long');

  // Closing without the callback is refused, in words; with it, closed and kept as closed.
  await card.getByTestId('follow-up-checked').fill('The queue log: 40 minutes at 10:00 with one window open.');
  await card.getByTestId('follow-up-close').click();
  await expect(card.getByRole('alert')).toBeVisible();
  await card.getByTestId('follow-up-put-right').fill('A second window opens from 9:30 to 11:30.');
  await card.getByTestId('follow-up-callback-on').fill(chinaDate(new Date()));
  await card.getByTestId('follow-up-callback-how').selectOption('phone');
  await card.getByTestId('follow-up-callback-said').fill('Thanked the office for calling back.');
  await card.getByTestId('follow-up-close').click();
  await expect(card).toHaveAttribute('data-state', 'closed');
  await expect(card.getByTestId('follow-up-closed')).toContainText('Closed by supervisor');

  await supervisor.getByTestId('nav-register').click();
  await supervisor.getByTestId('register-show').click();
  await expect(supervisor.getByTestId('register-follow-ups')).toHaveAttribute('data-closed', '1', { timeout: 10_000 });
});
