import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { TEST_PRINTER, newPdfOutputs } from '../support/cups';
import { pdfText } from '../support/pdf-text';
import { expect, setSettings, signIn, test } from './fixtures';
import { fixture, imagePath } from './paths';

type Kind = 'valid' | 'forged' | 'revoked' | 'expired';
const qrs = () =>
  JSON.parse(readFileSync(fixture('qrs.json'), 'utf8')) as Record<Kind, string> & { validCase: { noticeNo: string; workPlace: string; applicant: { name: string; passportNo: string } } };

const EXPECTED: Record<Kind, string> = { valid: 'VALID', forged: 'SIGNATURE_INVALID', revoked: 'REVOKED', expired: 'EXPIRED' };

/**
 * A USB scanner in keyboard mode: the whole text as fast key presses, then Enter. The tests allow
 * 100 ms between keys (a setting) so that a stall on a loaded machine does not split a scan.
 */
async function wedgeScan(page: Page, text: string) {
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

test.describe('police permit verification', () => {
  test('by keyboard-wedge scanner: valid, forged, revoked and expired QR codes each get their verdict', async ({ page, host }) => {
    await setSettings(page, host, { wedgeMaxGapMs: 100 });
    await signIn(page, host, 'police', 'police-demo');
    await page.getByTestId('language').selectOption('en');
    for (const kind of ['valid', 'forged', 'revoked', 'expired'] as const) {
      await wedgeScan(page, qrs()[kind]);
      await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', EXPECTED[kind]);
      if (kind === 'valid') {
        await expect(page.getByTestId('compare-prompt')).toBeVisible();
        await expect(page.locator('[data-field="ppn"]')).toHaveText(qrs().validCase.applicant.passportNo);
        await expect(page.getByTestId('unreliable')).toHaveCount(0);
        await page.screenshot({ path: imagePath('police-valid.png'), fullPage: true });
      }
      if (kind === 'revoked' || kind === 'expired') await expect(page.getByTestId('unreliable')).toBeVisible();
      if (kind === 'forged') await expect(page.getByTestId('permit-fields')).toHaveCount(0);
    }
    await expect(page.getByTestId('scan-log').locator('tbody tr')).toHaveCount(4);
  });

  test('by image file: each QR gets its verdict, and a picture without a code says so', async ({ page, host }) => {
    await signIn(page, host, 'police', 'police-demo');
    for (const kind of ['valid', 'forged', 'revoked', 'expired'] as const) {
      await page.getByTestId('image-file').setInputFiles(fixture(`${kind}.png`));
      await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', EXPECTED[kind]);
    }
    await page.getByTestId('image-file').setInputFiles({ name: 'blank.png', mimeType: 'image/png', buffer: readFileSync(fixture('blank.png')) });
    await expect(page.getByTestId('verdict-unreadable')).toBeVisible();
  });

  test("after a VALID scan, the next image clears the first holder's verdict at once, shows the read in progress, and a failed read is the verdict area's own", async ({ page, host }) => {
    await signIn(page, host, 'police', 'police-demo');
    await page.getByTestId('language').selectOption('en');
    await page.getByTestId('image-file').setInputFiles(fixture('valid.png'));
    await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'VALID');
    await expect(page.locator('[data-field="nm"]')).toHaveText(qrs().validCase.applicant.name);
    // The work place reads as a place, the GB/T 2260 code beside it.
    const code = qrs().validCase.workPlace;
    const [, county] = JSON.parse(readFileSync('resources/regions/gb2260.json', 'utf8')).regions[code] as [string, string];
    await expect(page.locator('[data-field="loc"]')).toHaveText(new RegExp(`^${county}, .+ \\(${code}\\)$`));
    // Every state the verdict area passes through from here, and whether the first holder's data was on screen in it.
    await page.evaluate(() => {
      const area = document.querySelector('[data-testid="verdict-area"]')!;
      const seen: { state: string; valid: boolean; name: boolean }[] = [];
      (window as unknown as { seen: typeof seen }).seen = seen;
      const note = () => seen.push({ state: area.getAttribute('data-state')!, valid: !!area.querySelector('[data-verdict="VALID"]'), name: !!area.querySelector('[data-field="nm"]') });
      new MutationObserver(note).observe(area, { attributes: true, childList: true, subtree: true });
    });
    await page.getByTestId('image-file').setInputFiles({ name: 'desk.png', mimeType: 'image/png', buffer: readFileSync(fixture('blank.png')) });
    const area = page.getByTestId('verdict-area');
    await expect(area).toHaveAttribute('data-state', 'unreadable');
    await expect(page.getByTestId('verdict-unreadable')).toContainText('No QR code could be read in that image.');
    await expect(page.getByTestId('verdict')).toHaveCount(0);
    await expect(page.getByTestId('permit-fields')).toHaveCount(0);
    const seen = await page.evaluate(() => (window as unknown as { seen: { state: string; valid: boolean; name: boolean }[] }).seen);
    // The read showed as in progress, and from the moment it began nothing of the first holder stayed.
    expect(seen[0]).toEqual({ state: 'reading', valid: false, name: false });
    expect(seen.every((s) => !s.valid && !s.name)).toBe(true);
    // A wedge scan after it is its own verdict again.
    await setSettings(await page.context().newPage(), host, { wedgeMaxGapMs: 100 });
    await page.bringToFront();
    await wedgeScan(page, qrs().revoked);
    await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'REVOKED');
    await expect(page.getByTestId('verdict-unreadable')).toHaveCount(0);
  });

  test('by a PDF of the scanned notice', async ({ page, host, context }) => {
    // A one-page A4 PDF with the QR code printed on it, made by Chromium itself.
    const printer = await context.newPage();
    const png = readFileSync(fixture('revoked.png')).toString('base64');
    await printer.setContent(`<h1>外国人工作许可通知 Work Permit Notice</h1><img style="width:8cm" src="data:image/png;base64,${png}">`);
    const pdf = await printer.pdf({ format: 'A4' });
    await printer.close();
    await signIn(page, host, 'police', 'police-demo');
    await page.getByTestId('image-file').setInputFiles({ name: 'notice.pdf', mimeType: 'application/pdf', buffer: pdf });
    await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'REVOKED', { timeout: 15_000 });
  });

  test('prints a verification slip with time, officer, verdict, fields and trust list version', async ({ page, host }) => {
    await setSettings(page, host, { wedgeMaxGapMs: 100, printer: TEST_PRINTER });
    await signIn(page, host, 'police', 'police-demo');
    await page.getByTestId('language').selectOption('en');
    await wedgeScan(page, qrs().valid);
    await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'VALID');
    // Through the printer port (CUPS here), as the window's documents go, not the browser's print dialog.
    const since = Date.now();
    await page.getByTestId('print-slip').click();
    await expect(page.getByTestId('slip-state')).toHaveText(`The slip was sent to the printer ${TEST_PRINTER}.`);
    const [printed] = await newPdfOutputs(since);
    const text = pdfText(printed).replace(/\s+/g, '');
    for (const s of ['外国人工作许可核验单', '有效Valid', 'OfficerZhang', qrs().validCase.applicant.passportNo]) expect(text).toContain(s);
    expect(text).toMatch(/性别Sex：[男女未]/);
    expect(text).not.toContain('(police)');
    await page.emulateMedia({ media: 'print' });
    const slip = page.getByTestId('slip');
    await expect(slip).toBeVisible();
    await expect(slip).toContainText('Officer');
    await expect(slip).toContainText('Officer Zhang');
    await expect(slip).not.toContainText('(police)');
    // Sex and the work place in words, as on the screen: no bare "M", no bare region code.
    await expect(slip.locator('dd').filter({ hasText: /^[MFX]$/ })).toHaveCount(0);
    await expect(slip.locator('dd').filter({ hasText: /^\d{6}$/ })).toHaveCount(0);
    await expect(slip).toContainText('VALID');
    await expect(slip).toContainText(qrs().validCase.applicant.passportNo);
    await expect(slip).toContainText('Trust list version');
    await expect(page.getByTestId('verdict')).toBeHidden();
  });

  test('the result clears itself after two minutes', async ({ page, host }) => {
    await page.clock.install();
    await signIn(page, host, 'police', 'police-demo');
    await page.getByTestId('image-file').setInputFiles(fixture('valid.png'));
    await expect(page.getByTestId('verdict')).toBeVisible();
    await page.clock.fastForward('01:50');
    await expect(page.getByTestId('verdict')).toBeVisible();
    await page.clock.fastForward('00:15');
    await expect(page.getByTestId('verdict')).toHaveCount(0);
  });
});

test.describe('clerk scanning', () => {
  test('a scanned notice opens its case, and the scan is not typed into the search box', async ({ page, host }) => {
    await setSettings(page, host, { wedgeMaxGapMs: 100 });
    await signIn(page, host, 'clerk', 'clerk-demo');
    await page.getByTestId('case-search').focus();
    await wedgeScan(page, qrs().valid);
    await expect(page.getByTestId('case-view')).toBeVisible();
    await expect(page.getByTestId('notice-no')).toHaveText(qrs().validCase.noticeNo);
    await expect(page.getByTestId('scan-banner')).toHaveAttribute('data-verdict', 'VALID');
    await expect(page.getByTestId('no-differences')).toBeVisible();
    await page.getByTestId('back').click();
    await expect(page.getByTestId('case-search')).toHaveValue('');
  });

  test("a clerk's scan of a revoked QR stands out as a warning and says nothing matches", async ({ page, host }) => {
    await signIn(page, host, 'clerk', 'clerk-demo');
    await page.getByTestId('language').selectOption('en');
    await page.getByTestId('image-file').setInputFiles(fixture('revoked.png'));
    const banner = page.getByTestId('scan-banner');
    await expect(banner).toHaveAttribute('data-verdict', 'REVOKED');
    await expect(banner).toHaveAttribute('role', 'alert');
    await expect(banner).toHaveClass(/tone-bad/);
    await expect(page.getByTestId('scan-warning')).toContainText('it is not a valid work permit');
    await expect(page.getByTestId('no-differences')).toHaveCount(0);
  });

  test('a scanned reference opens the case by its number', async ({ page, host }) => {
    await setSettings(page, host, { wedgeMaxGapMs: 100 });
    await signIn(page, host, 'clerk', 'clerk-demo');
    // Scanned with no field in focus: a number sent into a field is typing there (wedge.spec.ts).
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await wedgeScan(page, qrs().validCase.noticeNo);
    await expect(page.getByTestId('notice-no')).toHaveText(qrs().validCase.noticeNo);
    await expect(page.getByTestId('scan-banner')).toHaveAttribute('data-verdict', 'REFERENCE');
  });
});
