import { readFileSync } from 'node:fs';
import { TEST_PRINTER } from '../support/cups';
import { expect, signIn, test } from './fixtures';

test('the device panel lists scanner, card reader, PSAM and printer, and saves a diagnostics report without personal data', async ({ page, host }) => {
  await signIn(page, host, 'admin', 'admin-demo');
  await page.getByTestId('language').selectOption('en');
  await page.getByTestId('nav-devices').click();
  const table = page.getByTestId('devices');
  for (const id of ['scanner', 'card-reader', 'psam']) await expect(table.locator(`[data-device="${id}"]`)).toBeVisible();
  // The spooler's own printer, with its state: the fallback row ("printer", unavailable) does not count.
  const printer = table.locator(`[data-device="printer-${TEST_PRINTER}"]`);
  await expect(printer).toContainText(TEST_PRINTER);
  await expect(printer).toContainText(/ready|printing/);
  await expect(table.locator('[data-device="printer"]')).toHaveCount(0);
  await expect(table.locator('[data-device="card-reader"]')).toContainText('off (Settings)');
  // Turned off in Settings reads as off, named for the device, neither green nor red; a PSAM is not
  // "found" while its reader is off.
  const scanner = table.locator('[data-device="scanner"]');
  await expect(scanner.locator('td').first()).toHaveText('QR scanner');
  await expect(scanner.locator('[data-tone]')).toHaveAttribute('data-tone', 'off');
  await expect(table.locator('[data-device="psam"] [data-tone]')).toHaveAttribute('data-tone', 'off');
  await expect(table.locator('[data-device="psam"]')).toContainText('off (the card reader is off)');
  // The spooler's copies and the key store's fallback in words; the system's own text (PreserveJobFiles,
  // D-Bus) only under Details.
  for (const id of ['decision-copies', 'secrets']) {
    // Both stand here: the tests' CUPS keeps job files (its default), and no Secret Service runs for the host.
    const row = table.locator(`[data-device="${id}"]`);
    await expect(row).toHaveCount(1);
    const said = row.locator('td').nth(2);
    await expect(said.locator('details')).toHaveCount(1);
    const words = await said.evaluate((td) => [...td.childNodes].filter((n) => n.nodeName !== 'DETAILS').map((n) => n.textContent).join(''));
    expect(words).not.toMatch(/PreserveJobFiles|DBus|D-Bus|Secret Service/);
  }

  const download = page.waitForEvent('download');
  await page.getByTestId('diagnostics').click();
  const file = await (await download).path();
  const report = JSON.parse(readFileSync(file, 'utf8'));
  expect(report).toMatchObject({ report: 'acceptance-window diagnostics', scanner: { kind: 'none' }, cardReader: { enabled: false } });
  const text = readFileSync(file, 'utf8');
  // Nothing from the demo office's people or cases.
  for (const personal of ['SMITH', 'WPN1', 'clerk-demo', '110108']) expect(text).not.toContain(personal);
});
