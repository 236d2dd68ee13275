import { chinaDate } from '../../src/main/core/dates/calendar';
import { entryDeadline } from '../../src/main/core/cases/deadlines';
import { demoCases } from '../../src/main/core/demo/demo-cases';
import type { Page } from '@playwright/test';
import { expect, signIn, test } from './fixtures';
import { imagePath } from './paths';

// The demo office the host creates on its first start: the same generator, the same day.
const cases = demoCases(chinaDate(new Date()));
const byName = (prefix: string) => cases.find((c) => c.applicant.name.startsWith(prefix))!;

async function search(page: Page, query: string) {
  const box = page.getByTestId('case-search');
  await box.fill(query);
  await box.press('Enter');
}

async function expectFinds(page: Page, query: string, noticeNo: string) {
  await search(page, query);
  await expect(page.getByTestId('results').getByRole('button', { name: noticeNo, exact: true })).toBeVisible();
}

test.describe('case search', () => {
  test('finds a case by notice, permit, passport and social security number, separators ignored', async ({ page, host }) => {
    await signIn(page, host, 'clerk', 'clerk-demo');
    const c = cases.find((x) => x.applicant.ssn)!;
    await expectFinds(page, c.noticeNo, c.noticeNo);
    await expectFinds(page, c.permitNo.replace(/(\d{6})(\d{4})/, '$1 $2-'), c.noticeNo);
    await expectFinds(page, c.applicant.passportNo.toLowerCase(), c.noticeNo);
    await expectFinds(page, c.applicant.ssn!, c.noticeNo);
    await search(page, 'ZZZ-NO-SUCH-CASE');
    await expect(page.getByTestId('result-count')).toBeVisible();
    await expect(page.getByTestId('results')).toHaveCount(0);
  });

  test('finds a case by name in any order, any case, with or without accents, and by Chinese name', async ({ page, host }) => {
    await signIn(page, host, 'clerk', 'clerk-demo');
    const garcia = byName('GARCÍA MÁRQUEZ');
    await expectFinds(page, 'jose antonio garcia marquez', garcia.noticeNo);
    const obrien = byName("O'BRIEN,SIOBHAN");
    await expectFinds(page, 'siobhan obrien', obrien.noticeNo);
    const muller = byName('MÜLLER-LÜDENSCHEIDT');
    await expectFinds(page, 'Karl-Heinz Lüdenscheidt', muller.noticeNo);
    const tan = byName('TAN,WEI MING');
    await expectFinds(page, '陈伟明', tan.noticeNo);
  });

  test('opens a case with the notice as printed and the 30-day deadline shown plainly', async ({ page, host }) => {
    await signIn(page, host, 'clerk', 'clerk-demo');
    await page.getByTestId('language').selectOption('en');
    const today = chinaDate(new Date());
    const overdue = cases.find((c) => c.entryDate && c.category === 'B' && entryDeadline(c.entryDate, today)!.state === 'overdue')!;
    await search(page, overdue.noticeNo);
    await page.getByTestId('open-case').first().click();
    await expect(page.getByTestId('case-view')).toBeVisible();
    await expect(page.getByTestId('deadline')).toHaveAttribute('data-state', 'overdue');
    await expect(page.getByTestId('deadline')).toContainText('OVERDUE');
    await expect(page.getByTestId('last-day')).toHaveText(entryDeadline(overdue.entryDate!, today)!.lastDay);
    await expect(page.getByTestId('passport-no')).toHaveText(overdue.applicant.passportNo);
    // The rules: past the 30 days fails and blocks approval.
    await expect(page.getByTestId('checks').locator('[data-rule="attend-within-30-days"]')).toHaveAttribute('data-status', 'fail');
    await expect(page.getByTestId('checks')).toHaveAttribute('data-blocked', 'true');

    const near = cases.find((c) => c.entryDate && c.category === 'B' && entryDeadline(c.entryDate, today)!.state === 'near')!;
    await page.keyboard.press('F2');
    await search(page, near.noticeNo);
    await page.getByTestId('open-case').first().click();
    await expect(page.getByTestId('deadline')).toHaveAttribute('data-state', 'near');
    await expect(page.getByTestId('deadline')).toContainText('NEAR');
    await expect(page.getByTestId('checks').locator('[data-rule="attend-within-30-days"]')).toHaveAttribute('data-status', 'pass');
    await page.getByTestId('language').selectOption('zh-CN');
    await expect(page.getByTestId('deadline')).toContainText('临近期限');
    await page.screenshot({ path: imagePath('case-view.png'), fullPage: true });
  });

  test('the whole search and case flow works from the keyboard alone', async ({ page, host }) => {
    await signIn(page, host, 'clerk', 'clerk-demo');
    const c = byName('SMITH,JOHN PAUL');
    // At a person's pace: a burst as fast as a scanner's would be taken as a scan.
    await page.keyboard.type('smith john', { delay: 120 });
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('results')).toBeVisible();
    // Search box → Search → Open an image… → queue number → Call → the first result.
    for (let i = 0; i < 5; i++) await page.keyboard.press('Tab');
    await expect(page.getByTestId('open-case').first()).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('notice-no')).toHaveText(c.noticeNo);
    await page.keyboard.press('F2');
    await expect(page.getByTestId('case-search')).toBeFocused();
  });
});

test.describe('language', () => {
  test('switches between Chinese and English at any time, and keeps the choice after a reload', async ({ page, host }) => {
    await page.goto(host.launchUrl);
    await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();
    await page.getByTestId('language').selectOption('en');
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await signIn(page, host, 'clerk', 'clerk-demo');
    await expect(page.getByTestId('nav-cases')).toHaveText('Cases');
    await page.getByTestId('language').selectOption('zh-CN');
    await expect(page.getByTestId('nav-cases')).toHaveText('案件');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await page.getByTestId('language').selectOption('en');
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await page.screenshot({ path: imagePath('sign-in.png') });
  });
});
