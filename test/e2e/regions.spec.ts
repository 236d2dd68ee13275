import { readFileSync } from 'node:fs';
import { chinaDate } from '../../src/main/core/dates/calendar';
import { demoCases } from '../../src/main/core/demo/demo-cases';
import { expect, openCaseBySearch, signIn, test } from './fixtures';

const json = (name: string, content: unknown) => ({ name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(content)) });
const shipped = JSON.parse(readFileSync('resources/regions/gb2260.json', 'utf8')) as { source: string; dataDate: string; regions: Record<string, [string, string]> };

test('the admin imports a newer region table without a release; a bad one is refused; the case view then names the work place by it', async ({ page, host }) => {
  const c = demoCases(chinaDate(new Date())).find((x) => x.workPlace === '110108')!;
  await signIn(page, host, 'admin', 'admin-demo');
  await page.getByTestId('language').selectOption('en');
  await page.getByTestId('nav-settings').click();
  const status = page.getByTestId('regions-status');
  await expect(status).toHaveAttribute('data-shipped', 'true');
  await expect(status).toContainText(`data of ${shipped.dataDate}`);
  await page.getByTestId('regions-import').setInputFiles(json('bad.json', { ...shipped, dataDate: '2026-13-01' }));
  await expect(page.getByTestId('error')).toHaveAttribute('data-code', 'invalid-request');
  await expect(status).toHaveAttribute('data-shipped', 'true');
  const renamed = { ...shipped, source: 'test revision', dataDate: '2026-06-30', regions: { ...shipped.regions, '110108': ['海淀新区', 'Haidian New District'] } };
  await page.getByTestId('regions-import').setInputFiles(json('2026.json', renamed));
  await expect(status).toHaveAttribute('data-shipped', 'false');
  await expect(status).toContainText('data of 2026-06-30');

  await page.getByTestId('sign-out').click();
  await signIn(page, host, 'clerk', 'clerk-demo');
  await page.getByTestId('language').selectOption('en');
  await openCaseBySearch(page, c.noticeNo, c.noticeNo);
  await expect(page.getByTestId('work-place')).toContainText('Haidian New District, Beijing (110108)');
});
