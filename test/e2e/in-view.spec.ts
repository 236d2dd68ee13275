import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { chinaDate } from '../../src/main/core/dates/calendar';
import { demoCases } from '../../src/main/core/demo/demo-cases';
import { expect, openCaseAsClerk, signIn, test } from './fixtures';
import { fixture } from './paths';

/**
 * What the user must see is on screen, at a counter's 1366 × 768: the verdict of the last scan, the
 * error beside the field it concerns, a newly opened case from its top, the DEMO marker whole, and
 * icons that do not depend on the PC's fonts.
 */
test.use({ viewport: { width: 1366, height: 768 } });

const qrs = () => JSON.parse(readFileSync(fixture('qrs.json'), 'utf8')) as { valid: string; validCase: { noticeNo: string } };
const scrollToFoot = (page: Page) => page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));

test('police: a second file opened from below the fold shows its verdict in view; the verdicts draw their own icons', async ({ page, host }) => {
  await signIn(page, host, 'police', 'police-demo');
  await page.getByTestId('language').selectOption('en');
  await page.getByTestId('image-file').setInputFiles(fixture('expired.png'));
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'EXPIRED');
  await expect(page.locator('svg.verdict-icon')).toHaveAttribute('data-icon', 'EXPIRED');
  await scrollToFoot(page);
  await page.getByTestId('image-file').setInputFiles(fixture('revoked.png'));
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'REVOKED');
  await expect(page.getByTestId('verdict').locator('.verdict-word')).toBeInViewport({ ratio: 1 });
  // Drawn by the app (an SVG of its own shape), never a character a PC without an emoji font draws as a box.
  await expect(page.locator('svg.verdict-icon')).toHaveAttribute('data-icon', 'REVOKED');
  await expect(page.getByTestId('verdict').locator('.verdict-head')).not.toContainText(/[⌛⛔⏳]/u);
});

test('the DEMO marker is whole beside the office name at 1366 px, in both languages', async ({ page, host }) => {
  await signIn(page, host, 'supervisor', 'supervisor-demo');
  for (const language of ['zh-CN', 'en']) {
    await page.getByTestId('language').selectOption(language);
    const clipped = await page.getByTestId('demo-marker').evaluate((marker) => {
      const brand = marker.closest('.brand')!.getBoundingClientRect();
      const m = marker.getBoundingClientRect();
      return m.left < brand.left - 0.5 || m.right > brand.right + 0.5 || m.width === 0;
    });
    expect(clipped).toBe(false);
    await expect(page.getByTestId('demo-marker')).toBeInViewport({ ratio: 1 });
  }
});

test('a case opened from another case opens at its top; a refusal reason over the limit is said beside the reasons, in words', async ({ page, host }) => {
  const others = demoCases(chinaDate(new Date())).filter((c) => c.status === 'awaiting_verification' && c.category !== 'A' && c.noticeNo !== qrs().validCase.noticeNo);
  await openCaseAsClerk(page, host, others[0].noticeNo);
  await scrollToFoot(page);
  expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(500);
  // The next holder's notice scanned while this case is open (no field in focus).
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.type(qrs().valid);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('notice-no')).toHaveText(qrs().validCase.noticeNo);
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0);

  await page.getByTestId('outcome-rejected').check();
  await page.getByTestId('reasons').fill('Contract differs from the application. '.repeat(15));
  await page.getByTestId('sign-off').click();
  const error = page.getByTestId('outcome-form').getByTestId('error');
  await expect(error).toHaveAttribute('data-code', 'invalid-request');
  await expect(error).toBeInViewport();
  await expect(error).toContainText('Reasons');
  await expect(error).toContainText('at most 500 characters');
  await expect(error).not.toContainText('reasons.0');
  await expect(page.getByTestId('reasons')).toBeFocused();
  await expect(page.getByTestId('record')).toHaveCount(0);
});
