import { expect, signIn, test } from './fixtures';

const json = (name: string, content: unknown) => ({ name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(content)) });

test("the admin sees the holiday schedules known, and imports next year's; a schedule that does not hold is refused in the user's language", async ({ page, host }) => {
  await signIn(page, host, 'admin', 'admin-demo');
  await page.getByTestId('language').selectOption('en');
  await page.getByTestId('nav-settings').click();
  const known = page.getByTestId('workdays-known');
  await expect(known).toContainText('Schedules shipped with the app: 2004–2026.');
  await page.getByTestId('workdays-import').setInputFiles(json('bad.json', { year: 2027, holidays: [], workdays: ['2027-03-03'] }));
  await expect(page.getByTestId('error')).toHaveAttribute('data-code', 'invalid-request');
  await expect(known).not.toContainText('2027');
  await page.getByTestId('workdays-import').setInputFiles(json('2027.json', { year: 2027, holidays: ['2027-01-01'], workdays: [] }));
  await expect(known).toContainText('2027: imported.');
  await page.getByTestId('language').selectOption('zh-CN');
  await expect(known).toContainText('2027 年：已导入。');
});
