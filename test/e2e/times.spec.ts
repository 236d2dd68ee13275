import { chinaDate } from '../../src/main/core/dates/calendar';
import { demoCases } from '../../src/main/core/demo/demo-cases';
import { expect, openCaseBySearch, recordAllOriginals, signIn, test } from './fixtures';

/**
 * One time, labelled: the same sign-off reads the same Beijing time, in the same format, in the
 * case's history, its record and the audit log, in either language (the browser runs in UTC here,
 * 8 hours behind, so a time in the browser's zone or locale would show).
 */
const c = demoCases(chinaDate(new Date())).find((x) => x.status === 'awaiting_verification' && x.category !== 'A')!;
const beijingDay = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const minute = (s: string) => /(\d{4}-\d{2}-\d{2} \d{2}:\d{2})/.exec(s)?.[1];

test.use({ timezoneId: 'UTC', locale: 'en-US' });

test('a sign-off reads the same Beijing time in the history, the record and the audit log, labelled, in both languages', async ({ page, host }) => {
  await signIn(page, host, 'clerk', 'clerk-demo');
  await page.getByTestId('language').selectOption('en');
  await openCaseBySearch(page, c.noticeNo, c.noticeNo);
  await recordAllOriginals(page);
  await page.getByTestId('outcome-rejected').check();
  await page.getByTestId('reasons').fill('Test of the times shown');
  await page.getByTestId('sign-off').click();
  const record = page.getByTestId('record');
  await expect(record).toContainText('Beijing time');
  const recorded = minute((await record.textContent())!)!;
  expect(recorded.slice(0, 10)).toBe(beijingDay());
  const history = page.getByTestId('history').locator('li').last();
  await expect(history).toContainText(`${recorded} Beijing time`);
  await page.getByTestId('language').selectOption('zh-CN');
  await expect(record).toContainText(`${recorded}`);
  await expect(record).toContainText('北京时间');
  await expect(record).not.toContainText(/AM|PM|\d{1,2}\/\d{1,2}\/\d{4}/);

  await page.getByTestId('sign-out').click();
  await signIn(page, host, 'supervisor', 'supervisor-demo');
  await page.getByTestId('language').selectOption('en');
  await page.getByTestId('nav-audit').click();
  await expect(page.getByTestId('audit-table')).toContainText(new RegExp(`${recorded}:\\d{2} Beijing time`));
});
