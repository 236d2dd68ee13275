import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { TEST_PRINTER, newPdfOutputs } from '../support/cups';
import { pdfText } from '../support/pdf-text';
import { expect, setSettings, signIn, test, type RunningHost } from './fixtures';
import { fixture, imagePath } from './paths';

const validCase = () => (JSON.parse(readFileSync(fixture('qrs.json'), 'utf8')) as { validCase: { noticeNo: string; permitNo: string } }).validCase;

/**
 * The clerk's actions, counted: each click, each key pressed and each text typed (with its Enter) is
 * one. Waiting for what the screen says is not an action.
 */
class Clerk {
  actions: string[] = [];
  constructor(private page: Page) {}
  async click(l: Locator, what: string) {
    this.actions.push(`click ${what}`);
    await l.click();
  }
  async type(l: Locator, text: string, what: string) {
    this.actions.push(`type ${what}`);
    await l.fill(text);
    await l.press('Enter');
  }
  async press(key: string, what: string) {
    this.actions.push(`${key} ${what}`);
    await this.page.keyboard.press(key);
  }
  async file(l: Locator, path: string, what: string) {
    this.actions.push(`file ${what}`);
    await l.setInputFiles(path);
  }
}

const focused = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName ?? null);

async function atWindow(page: Page, host: RunningHost) {
  await setSettings(page, host, { printer: TEST_PRINTER, printTimeoutSeconds: 20 });
  await signIn(page, host, 'clerk', 'clerk-demo');
  await page.getByTestId('language').selectOption('en');
}

/** After opening: all originals as filed, sign off, issue, print; each confirmed, focus on the next. */
async function verifyIssueAndPrint(page: Page, clerk: Clerk) {
  // The checklist and the sign-off are on the first screen at 1366×768: nothing to scroll.
  await expect(page.getByTestId('all-as-filed')).toBeInViewport();
  await expect(page.getByTestId('sign-off')).toBeInViewport();
  await clerk.click(page.getByTestId('all-as-filed'), 'all originals as filed');
  await expect(page.getByTestId('confirmation')).toContainText('recorded as filed');
  await expect(page.getByTestId('step-materials')).toHaveAttribute('data-state', 'done');
  await page.screenshot({ path: imagePath('verification-steps.png') });
  await expect(page.getByTestId('draft-state')).toHaveAttribute('data-state', 'saved');
  await expect(page.getByTestId('blockers')).toHaveCount(0);
  await expect.poll(() => focused(page)).toBe('sign-off');
  await clerk.press('Enter', 'sign off (approve)');
  await expect(page.getByTestId('confirmation')).toHaveText('Signed off: approved. Issue the decision next.');
  await expect(page.getByTestId('record')).toHaveAttribute('data-outcome', 'approved');
  await expect.poll(() => focused(page)).toBe('issue-decision');
  await clerk.press('Enter', 'issue the decision');
  await expect(page.getByTestId('decision-number')).toHaveText(/^示人社外许字〔\d{4}〕第\d{6}号$/);
  const number = (await page.getByTestId('decision-number').textContent())!;
  await expect(page.getByTestId('confirmation')).toHaveText(`${number} issued. Print it next.`);
  await expect.poll(() => focused(page)).toBe('print-decision');
  const since = Date.now();
  await clerk.press('Enter', 'print');
  await expect(page.getByTestId('print-state')).toHaveAttribute('data-state', 'completed', { timeout: 30_000 });
  await expect(page.getByTestId('confirmation')).toHaveText(`${number} printed. Record its service when it is handed over.`);
  await expect.poll(() => focused(page)).toBe('serve-document');
  const [printed] = await newPdfOutputs(since);
  expect(pdfText(printed).replace(/\s+/g, '')).toContain(number);
  await expect(page.getByTestId('step-document')).toHaveAttribute('data-state', 'done');
  await expect(page.getByTestId('step-service')).toHaveAttribute('data-state', 'todo');
}

test.describe('a verification of a dozen actions', () => {
  test.use({ viewport: { width: 1366, height: 768 } });

  test('a clean B case found by search, every original as filed, signed off, issued and printed: at most 12 clerk actions', async ({ page, host }) => {
    await atWindow(page, host);
    const clerk = new Clerk(page);
    await clerk.type(page.getByTestId('case-search'), validCase().noticeNo, 'the notice number');
    await clerk.click(page.getByTestId('results').getByRole('button', { name: validCase().noticeNo, exact: true }), 'the case');
    await verifyIssueAndPrint(page, clerk);
    expect(clerk.actions.length, clerk.actions.join('\n')).toBeLessThanOrEqual(12);
    expect(clerk.actions).toHaveLength(6);
  });

  test("the same opened by the notice's QR: at most 12 actions, the QR counted", async ({ page, host }) => {
    await atWindow(page, host);
    const clerk = new Clerk(page);
    await clerk.file(page.getByTestId('image-file'), fixture('valid.png'), 'the notice scanned');
    await expect(page.getByTestId('identity-qr')).toHaveAttribute('data-verdict', 'VALID');
    await expect(page.getByTestId('step-identity')).toHaveAttribute('data-state', 'done');
    await verifyIssueAndPrint(page, clerk);
    expect(clerk.actions.length, clerk.actions.join('\n')).toBeLessThanOrEqual(12);
  });

  test('each field is pre-filled as filed; a corrected value stands out with what the case says, and the core names the difference', async ({ page, host }) => {
    await atWindow(page, host);
    await page.getByTestId('case-search').fill(validCase().noticeNo);
    await page.getByTestId('case-search').press('Enter');
    await page.getByTestId('results').getByRole('button', { name: validCase().noticeNo, exact: true }).click();
    await page.getByTestId('all-as-filed').click();
    const passport = page.locator('[data-testid^="field-passport-"]').first();
    const filed = await passport.inputValue();
    expect(filed).not.toBe('');
    await expect(passport).toHaveAttribute('data-changed', 'false');
    await passport.fill(`${filed}X`);
    await expect(passport).toHaveAttribute('data-changed', 'true');
    await expect(page.getByTestId('on-file').first()).toHaveText(`On file: ${filed}`);
    await expect(page.getByTestId('step-materials')).toHaveAttribute('data-state', 'blocked');
    await expect(page.getByTestId('material-problem').first()).toBeVisible();
  });

  test('the steps are worked from the keyboard: Alt+A records all as filed, Alt+1 to Alt+5 go to each step', async ({ page, host }) => {
    await atWindow(page, host);
    await page.getByTestId('case-search').fill(validCase().noticeNo);
    await page.getByTestId('case-search').press('Enter');
    await page.getByTestId('results').getByRole('button', { name: validCase().noticeNo, exact: true }).press('Enter');
    await expect(page.getByTestId('all-as-filed')).toBeVisible();
    await page.keyboard.press('Alt+a');
    await expect(page.getByTestId('step-materials')).toHaveAttribute('data-state', 'done');
    await page.keyboard.press('Alt+1');
    await expect.poll(() => focused(page)).toBe('all-as-filed');
    await page.keyboard.press('Alt+3');
    await expect.poll(() => focused(page)).toBe('sign-off');
  });
});
