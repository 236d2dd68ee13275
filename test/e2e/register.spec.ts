import { AxeBuilder } from '@axe-core/playwright';
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { expect, rawCalls, signIn, test } from './fixtures';
import { fixture, imagePath } from './paths';
import { pdfText } from '../support/pdf-text';

const validCase = () => (JSON.parse(readFileSync(fixture('qrs.json'), 'utf8')) as { validCase: { noticeNo: string } }).validCase;

test.describe("the office's register", () => {
  test.use({ viewport: { width: 1366, height: 768 } });

  test("today's work by clerk as the records say, charted, exported to XLSX that reads back the same, and the day signed by the supervisor", async ({ page, host }) => {
    // A clerk's day: one case approved and its grant issued.
    await signIn(page, host, 'clerk', 'clerk-demo');
    await page.getByTestId('language').selectOption('en');
    await page.getByTestId('case-search').fill(validCase().noticeNo);
    await page.getByTestId('case-search').press('Enter');
    await page.getByTestId('results').getByRole('button', { name: validCase().noticeNo, exact: true }).click();
    await page.getByTestId('all-as-filed').click();
    await expect(page.getByTestId('draft-state')).toHaveAttribute('data-state', 'saved');
    await page.getByTestId('sign-off').click();
    await expect(page.getByTestId('record')).toHaveAttribute('data-outcome', 'approved');
    await page.getByTestId('issue-decision').click();
    const number = (await page.getByTestId('decision-number').textContent())!;
    await page.getByTestId('sign-out').click();

    // What the records say, asked of the core apart from the register.
    await signIn(page, host, 'supervisor', 'supervisor-demo');
    const [, view] = await rawCalls(page, [
      { id: 1, method: 'session.signIn', params: { username: 'supervisor', password: 'supervisor-demo' } },
      { id: 2, method: 'verification.get', params: { noticeNo: validCase().noticeNo } },
    ]);
    const records = (view.result.value as { records: { outcome: string; clerk: string; at: string }[] }).records;
    const decisions = (view.result.value as { decisions: { number: string; issuedBy: string }[] }).decisions;
    expect(records.map((r) => [r.outcome, r.clerk])).toEqual([['approved', 'clerk']]);
    expect(decisions.map((d) => [d.number, d.issuedBy])).toEqual([[number, 'clerk']]);

    await page.getByTestId('language').selectOption('en');
    await page.getByTestId('nav-register').click();
    const byClerk = page.getByTestId('register-by-clerk');
    const today = await page.getByTestId('register-to').inputValue();
    const row = byClerk.locator(`tr[data-period="${today}"][data-clerk="clerk"]`);
    await expect(row.locator('[data-col="approved"]')).toHaveText('1');
    await expect(row.locator('[data-col="grant"]')).toHaveText('1');
    await expect(page.getByTestId('register-totals').locator('tr').last().locator('[data-col="approved"]')).toHaveText(String(records.length));
    await expect(page.getByTestId('chart-outcomes').locator('canvas')).toHaveCount(1);
    await expect((await new AxeBuilder({ page }).analyze()).violations.map((v) => `${v.id} (${v.impact})`)).toEqual([]);
    await page.screenshot({ path: imagePath('register.png'), fullPage: true });

    // The XLSX holds the same figures.
    const download = page.waitForEvent('download');
    await page.getByTestId('register-xlsx').click();
    const file = await (await download).path();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const sheet = wb.getWorksheet('By clerk 按人员')!;
    const header = (sheet.getRow(1).values as string[]).slice(1);
    const found = sheet.getRows(2, sheet.rowCount - 1)!.find((r) => r.getCell(1).value === today && r.getCell(2).value === 'clerk')!;
    expect(found.getCell(header.findIndex((h) => h.includes('Verified: approved')) + 1).value).toBe(1);
    expect(found.getCell(header.findIndex((h) => h.includes('Grants issued')) + 1).value).toBe(1);

    // The PDF for the office's file, read back by poppler.
    const pdfDownload = page.waitForEvent('download');
    await page.getByTestId('register-pdf').click();
    const pdf = pdfText(await (await pdfDownload).path(), { layout: true });
    expect(pdf).toContain('Register of the acceptance window');
    expect(pdf).toMatch(new RegExp(`${today}\\s+1\\s+0\\s+0\\s+1`));

    // The end-of-day review: signed once, in words; the audit log names it.
    await page.getByTestId('review-note').fill('Counted and checked against the paper log.');
    await page.getByTestId('review-sign').click();
    await expect(page.getByTestId('review-signed')).toContainText('Signed by supervisor at');
    await expect(page.getByTestId('review-signed')).toContainText('Beijing time');
    await expect(page.getByTestId('review-signed')).toHaveAttribute('data-unchanged', 'true');
    await page.getByTestId('nav-audit').click();
    await expect(page.locator('body')).toContainText('End-of-day review signed');

    // In Chinese, the same screen in its words.
    await page.getByTestId('nav-register').click();
    await page.getByTestId('language').selectOption('zh-CN');
    await expect(page.getByTestId('register')).toContainText('日终审核');
    await expect((await new AxeBuilder({ page }).analyze()).violations.map((v) => `${v.id} (${v.impact})`)).toEqual([]);
  });
});
