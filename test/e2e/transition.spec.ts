import { chinaDate } from '../../src/main/core/dates/calendar';
import { demoCases } from '../../src/main/core/demo/demo-cases';
import { expect, openCaseBySearch, signIn, test } from './fixtures';

/**
 * The reform's transition at the screens: a holder of an old physical work permit card. The police
 * officer types its number and the clerk opens its case; both are told that the card stays valid until
 * the permit is extended or changed, and what the employer may ask for instead.
 */
const old = demoCases(chinaDate(new Date())).find((c) => (c as { physicalCard?: boolean }).physicalCard)!;

test.describe("the reform's old physical work permit card", () => {
  test('the police officer types the number off the card: an old card, valid to its date until extended or changed', async ({ page, host }) => {
    await signIn(page, host, 'police', 'police-demo');
    await page.getByTestId('language').selectOption('en');
    await page.getByTestId('typed-number').fill(` ${old.permitNo} `);
    await page.getByTestId('typed-check').click();
    await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'REFERENCE');
    const note = page.getByTestId('legacy-card');
    await expect(note).toHaveAttribute('data-state', 'valid');
    await expect(note).toContainText(`Old physical work permit card, No. ${old.permitNo}`);
    await expect(note).toContainText(`stays valid until the permit is extended or changed (“no change, no replacement”): valid to ${old.validTo}`);
    await expect(note).toContainText('电子证照换发');
    // In Chinese too.
    await page.getByTestId('language').selectOption('zh-CN');
    await expect(note).toContainText('在延期或变更前继续有效');
  });

  test('the clerk opens the case of an old card and the case view says the same', async ({ page, host }) => {
    await signIn(page, host, 'clerk', 'clerk-demo');
    await page.getByTestId('language').selectOption('en');
    await openCaseBySearch(page, old.permitNo, old.noticeNo);
    await expect(page.getByTestId('legacy-card')).toHaveAttribute('data-state', 'valid');
    await expect(page.getByTestId('legacy-card')).toContainText('stays valid until the permit is extended or changed');
  });
});
