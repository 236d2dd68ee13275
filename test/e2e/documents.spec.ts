import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { TEST_PRINTER, newPdfOutputs } from '../support/cups';
import { pdfText } from '../support/pdf-text';
import { expect, recordAllOriginals, setSettings, signIn, test } from './fixtures';
import { fixture, imagePath } from './paths';

/**
 * Every outcome's documents at the window, in Chromium, printed on the CUPS PDF printer and read back
 * from what the printer wrote: the refusal of a rejected case, the supplement notice of a missing
 * original with the applicant's return and approval, and a decision served with its proof signed on screen.
 */
const flat = (file: string) => pdfText(file).replace(/\s+/g, '');
const card = (page: Page, type: string) => page.locator(`[data-testid="decision"][data-type="${type}"]`);

/** Prints a document from its card and gives the file the printer wrote; the README's picture of it is made from that file. */
async function printAndReadBack(doc: Locator, picture?: string): Promise<string> {
  const since = Date.now();
  await doc.getByTestId('print-decision').click();
  await expect(doc.getByTestId('print-state')).toHaveAttribute('data-state', 'completed', { timeout: 30_000 });
  const [printed] = await newPdfOutputs(since);
  if (!picture) return printed;
  const dir = mkdtempSync(join(tmpdir(), 'acw-document-'));
  execFileSync('pdftoppm', ['-r', '60', '-png', '-singlefile', printed, join(dir, 'small')]);
  copyFileSync(join(dir, 'small.png'), imagePath(picture));
  return printed;
}

async function openTheCase(page: Page, host: Parameters<typeof setSettings>[1]) {
  await setSettings(page, host, { printer: TEST_PRINTER, printTimeoutSeconds: 20, wedgeMaxGapMs: 100 });
  await signIn(page, host, 'clerk', 'clerk-demo');
  await page.getByTestId('language').selectOption('en');
  await page.getByTestId('image-file').setInputFiles(fixture('valid.png'));
  await expect(page.getByTestId('verification')).toBeVisible();
  await recordAllOriginals(page);
}

test.describe('every outcome has its document', () => {
  test('a case rejected with reasons prints its refusal decision, with the reasons, the rights and where to use them', async ({ page, host }) => {
    await openTheCase(page, host);
    await page.getByTestId('outcome-rejected').check();
    await page.getByTestId('reasons').fill('The contract names another position than the notice\n劳动合同约定的岗位与许可岗位不一致');
    await page.getByTestId('sign-off').click();
    await expect(page.getByTestId('record')).toHaveAttribute('data-outcome', 'rejected');
    await page.getByTestId('issue-refusal').click();
    const refusal = card(page, 'refusal');
    await expect(refusal.getByTestId('decision-number')).toHaveText(/^示人社外不许字〔\d{4}〕第000001号$/);
    const text = flat(await printAndReadBack(refusal, 'refusal.png'));
    for (const s of ['不予行政许可决定书', '1.Thecontractnamesanotherpositionthanthenotice', '2.劳动合同约定的岗位与许可岗位不一致', '第三十八条第二款', '六十日内向示范市人民政府申请行政复议', '六个月内向示范市人民路区人民法院提起行政诉讼']) {
      expect(text).toContain(s);
    }
    // No grant can follow a refusal, and the refusal is not issued twice.
    await expect(page.getByTestId('issue-decision')).toHaveCount(0);
    await expect(page.getByTestId('issue-refusal')).toHaveCount(0);
  });

  test('a missing original prints the supplement notice; the applicant returns, the verification opens filled in, and the case is approved', async ({ page, host }) => {
    await openTheCase(page, host);
    const passport = page.getByTestId('checklist').locator('tbody tr').first();
    await passport.getByTestId('evidence').selectOption('missing');
    await expect(page.getByTestId('draft-state')).toHaveAttribute('data-state', 'saved');
    await page.getByTestId('outcome-supplement').check();
    // The line offered says what is missing and why; the clerk may edit it.
    // The app's own words, in both of the notice's languages, whatever the screen's language.
    await expect(page.getByTestId('supplements')).toHaveValue(/护照：未提供原件 \/ Passport: the original was not brought/);
    const asked = await page.getByTestId('supplements').inputValue();
    await page.getByTestId('sign-off').click();
    await expect(page.getByTestId('record')).toHaveAttribute('data-outcome', 'supplement');
    await page.getByTestId('issue-supplement').click();
    const notice = card(page, 'supplement');
    await expect(notice.getByTestId('decision-number')).toHaveText(/^示人社外补字〔\d{4}〕第000001号$/);
    const text = flat(await printAndReadBack(notice, 'supplement.png'));
    for (const s of ['补正材料通知书', '一次性告知', `1.${asked.split('\n')[0].replace(/\s+/g, '')}`, '护照：未提供原件', 'Passport:theoriginalwasnotbrought', '（含当日）前', '周一至周五']) expect(text).toContain(s);

    // The applicant comes back another time (the app was closed): the clerk signs in, scans the notice,
    // and the case opens again as it was left, with only the passport to record.
    await page.reload();
    await signIn(page, host, 'clerk', 'clerk-demo');
    await page.getByTestId('language').selectOption('en');
    await page.getByTestId('image-file').setInputFiles(fixture('valid.png'));
    await expect(page.getByTestId('returning')).toBeVisible();
    await expect(passport.getByTestId('evidence')).toHaveValue('missing');
    const others = page.getByTestId('checklist').locator('tbody tr').nth(1).getByTestId('evidence');
    await expect(others).not.toHaveValue('missing');
    await passport.getByTestId('evidence').selectOption('original_seen');
    await expect(page.getByTestId('draft-state')).toHaveAttribute('data-state', 'saved');
    await expect(page.getByTestId('blockers')).toHaveCount(0);
    await page.getByTestId('outcome-approved').check();
    await page.getByTestId('sign-off').click();
    await expect(page.getByTestId('case-status')).toHaveText('Verified');
    await page.getByTestId('issue-decision').click();
    await expect(card(page, 'grant').getByTestId('decision-number')).toHaveText(/^示人社外许字〔\d{4}〕第000001号$/);
  });

  test('a decision is served at the window and the proof of service is signed on screen, printed and read back; the service clock is met', async ({ page, host }) => {
    await openTheCase(page, host);
    await page.getByTestId('outcome-approved').check();
    await page.getByTestId('sign-off').click();
    await page.getByTestId('issue-decision').click();
    const grant = card(page, 'grant');
    const number = (await grant.getByTestId('decision-number').textContent())!;
    await printAndReadBack(grant);
    await expect(page.getByTestId('clock-service')).toHaveAttribute('data-state', 'running');

    await grant.getByTestId('serve-document').click();
    const form = page.getByTestId('service-form');
    await expect(form.getByTestId('service-submit')).toBeDisabled();
    // The applicant signs with the pointer: two strokes across the pad.
    const pad = form.getByTestId('signature-pad');
    await pad.scrollIntoViewIfNeeded();
    const box = (await pad.boundingBox())!;
    for (const [from, to] of [[[0.1, 0.3], [0.5, 0.8]], [[0.5, 0.2], [0.9, 0.7]]]) {
      await page.mouse.move(box.x + box.width * from[0], box.y + box.height * from[1]);
      await page.mouse.down();
      for (let i = 1; i <= 10; i++) await page.mouse.move(box.x + box.width * (from[0] + ((to[0] - from[0]) * i) / 10), box.y + box.height * (from[1] + ((to[1] - from[1]) * i) / 10));
      await page.mouse.up();
    }
    await expect(pad).toHaveAttribute('data-strokes', '2');
    await form.getByTestId('service-submit').click();

    const proof = card(page, 'service');
    await expect(proof.getByTestId('decision-number')).toHaveText(/^示人社外送字〔\d{4}〕第000001号$/);
    await expect(proof.getByTestId('serves')).toContainText(number);
    await expect(grant.getByTestId('served-on')).toBeVisible();
    await expect(page.getByTestId('clock-service')).toHaveAttribute('data-state', 'met');
    const printed = await printAndReadBack(proof, 'service.png');
    const text = flat(printed);
    for (const s of ['送达回证', number, '准予行政许可决定书', '直接送达', 'Signedonscreen']) expect(text).toContain(s);
  });
});
