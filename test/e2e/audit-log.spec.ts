import { readFile } from 'node:fs/promises';
import { expect, signIn, test } from './fixtures';
import { fixture } from './paths';

/** The audit log in words: each action named in the user's language, filtered by person, action and day, exported. */
const beijingDay = (offsetDays = 0) => new Date(Date.now() + 8 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);

test('the supervisor reads the audit log in words in both languages, filters it by person, action and day, and exports what it shows', async ({ page, host }) => {
  // Entries to read: the clerk signs in and out, the supervisor signs in.
  await signIn(page, host, 'clerk', 'clerk-demo');
  await page.getByTestId('sign-out').click();
  await signIn(page, host, 'supervisor', 'supervisor-demo');
  await page.getByTestId('language').selectOption('zh-CN');
  await page.getByTestId('nav-audit').click();
  const actions = page.getByTestId('audit-action');
  await expect(actions.first()).toBeVisible();
  // No code names on the Chinese screen: sign-in reads 登录, the demo office's creation by 演示初始化 or 系统.
  await expect(page.locator('[data-testid=audit-action][data-action=signin]').first()).toHaveText('登录');
  await expect(page.getByTestId('audit-table')).not.toContainText('signin');
  await expect(page.getByTestId('audit-table')).not.toContainText('demo-setup');
  for (const text of await actions.allTextContents()) expect(text).not.toMatch(/^[a-z][a-z0-9-]*(\.[a-z0-9-]+)+$/);

  await page.getByTestId('language').selectOption('en');
  await expect(page.locator('[data-testid=audit-action][data-action=signin]').first()).toHaveText('Signed in');
  // By person: only the clerk's entries.
  await page.getByTestId('audit-filter-actor').fill('clerk');
  await page.getByTestId('audit-filter-apply').click();
  await expect(page.locator('[data-testid=audit-action][data-action=signout]')).toHaveCount(1);
  for (const who of await page.getByTestId('audit-actor').allTextContents()) expect(who).toBe('clerk');
  // By action as well: the clerk's sign-ins only.
  await page.getByTestId('audit-filter-action').selectOption('signin');
  await page.getByTestId('audit-filter-apply').click();
  await expect(page.getByTestId('audit-action')).toHaveCount(1);
  await expect(page.getByTestId('audit-action')).toHaveText('Signed in');
  // By day: today (Beijing) holds it, tomorrow holds nothing.
  await page.getByTestId('audit-filter-from').fill(beijingDay());
  await page.getByTestId('audit-filter-to').fill(beijingDay());
  await page.getByTestId('audit-filter-apply').click();
  await expect(page.getByTestId('audit-action')).toHaveCount(1);
  await page.getByTestId('audit-filter-from').fill(beijingDay(1));
  await page.getByTestId('audit-filter-to').fill(beijingDay(1));
  await page.getByTestId('audit-filter-apply').click();
  await expect(page.getByTestId('audit-empty')).toHaveText('No entry matches.');

  // Export what the filters select, in words, Beijing time labelled.
  await page.getByTestId('audit-filter-actor').fill('');
  await page.getByTestId('audit-filter-action').selectOption('');
  await page.getByTestId('audit-filter-from').fill(beijingDay());
  await page.getByTestId('audit-filter-to').fill('');
  await page.getByTestId('audit-filter-apply').click();
  await expect(page.locator('[data-testid=audit-action][data-action=signout]')).toHaveCount(1);
  const shown = await page.getByTestId('audit-action').count();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-export').click()]);
  const csv = (await readFile((await download.path())!, 'utf8')).replace(/^\ufeff/, '');
  const lines = csv.split('\r\n');
  expect(lines[0]).toBe('No.,Time,User,Action,Subject');
  expect(lines).toHaveLength(shown + 1);
  expect(csv).toContain(',clerk,Signed out,');
  expect(csv).toMatch(new RegExp(`${beijingDay()} \\d{2}:\\d{2}:\\d{2} Beijing time`));
  expect(csv).not.toMatch(/,signin,|,signout,/);
});

test("what the chain keeps as codes reads in words: a scan's verdict in the audit log, the trust list's date in Settings", async ({ page, host }) => {
  await signIn(page, host, 'police', 'police-demo');
  await page.getByTestId('image-file').setInputFiles(fixture('valid.png'));
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'VALID');
  await page.getByTestId('sign-out').click();
  await signIn(page, host, 'supervisor', 'supervisor-demo');
  await page.getByTestId('language').selectOption('en');
  await page.getByTestId('nav-audit').click();
  const scan = page.locator('tr', { has: page.locator('[data-testid=audit-action][data-action="permit.scanned"]') }).first();
  await expect(scan).toContainText('Valid');
  await expect(scan).not.toContainText('VALID');
  await page.getByTestId('sign-out').click();
  await signIn(page, host, 'admin', 'admin-demo');
  await page.getByTestId('language').selectOption('zh-CN');
  await page.getByTestId('nav-settings').click();
  const status = page.getByTestId('trust-status');
  await expect(status).toContainText('北京时间');
  await expect(status).not.toContainText(/\d{4}-\d{2}-\d{2}T/);
});
