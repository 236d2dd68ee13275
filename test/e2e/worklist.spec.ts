import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { saveCase } from '../../src/main/core/cases/cases';
import { addDays, chinaDate } from '../../src/main/core/dates/calendar';
import { openStore } from '../../src/main/core/store/store';
import { loadOrCreateStoreKey, openSecrets } from '../../src/main/platform/secrets';
import type { PermitCase } from '../../src/shared/cases';
import { expect, setSettings, signIn, test, type RunningHost } from './fixtures';
import { imagePath } from './paths';

const NEAR = 7;

/** A B case awaiting its visit, entered on `entryDate`, written into the running host's store (as a sync would). */
function boundaryCase(n: number, entryDate: string, category: 'A' | 'B' | 'C' = 'B'): PermitCase {
  const id = String(n).padStart(11, '0');
  return {
    noticeNo: `WPNBND${id}`,
    permitNo: `9901${id}000`,
    category,
    status: 'awaiting_verification',
    applicant: { name: `BOUNDARY,CASE ${n}`, nameZh: null, nationality: 'GBR', sex: 'F', birthDate: '1990-01-01', passportNo: `B${id}`, ssn: null },
    employer: { name: 'Boundary Ltd', uscc: '91350100M000100Y43', address: 'Beijing' },
    entryDate,
    version: 1,
    updatedAt: new Date().toISOString(),
  };
}

function seed(host: RunningHost, cases: PermitCase[]) {
  const path = join(host.dataDir, 'store.db');
  const db = openStore(path, loadOrCreateStoreKey(openSecrets(host.dataDir, { readOnly: true }), path));
  for (const c of cases) saveCase(db, c);
  db.close();
}

const row = (page: Page, noticeNo: string) => page.locator(`[data-testid=work-item][data-notice="${noticeNo}"]`);

test.describe("the clerk's worklist", () => {
  test('after sign-in the clerk sees the work by urgency: cases at and beside each boundary of the 30-day window land where the case says', async ({ page, host }) => {
    await setSettings(page, host, { deadlineNearDays: NEAR });
    const today = chinaDate(new Date());
    // The last day is entry + 30: one day past it, on it, the last near day, the first day beyond the near days.
    const cases = [
      boundaryCase(1, addDays(today, -31)),
      boundaryCase(2, addDays(today, -30)),
      boundaryCase(3, addDays(today, NEAR - 31)),
      boundaryCase(4, addDays(today, NEAR - 30)),
      boundaryCase(5, addDays(today, -30), 'A'),
    ];
    seed(host, cases);
    await signIn(page, host, 'clerk', 'clerk-demo');
    await page.getByTestId('language').selectOption('en');
    await expect(page.getByTestId('worklist')).toBeVisible();
    await expect(page.getByTestId('result-count')).toHaveCount(0);

    await page.getByTestId('filter-category').selectOption('B');
    for (const [c, urgency, due] of [
      [cases[0], 'overdue', '1 day late'],
      [cases[1], 'near', '0 days left'],
      [cases[2], 'near', `${NEAR - 1} days left`],
      [cases[3], 'later', `${NEAR} days left`],
    ] as const) {
      await expect(row(page, c.noticeNo)).toHaveAttribute('data-urgency', urgency);
      await expect(row(page, c.noticeNo)).toHaveAttribute('data-work', 'visit');
      await expect(row(page, c.noticeNo)).toContainText(`${addDays(c.entryDate!, 30)} · ${due}`);
    }
    // Category A holders do not come within 30 days of entry: no visit for them.
    await page.getByTestId('filter-category').selectOption('');
    await expect(row(page, cases[4].noticeNo)).toHaveCount(0);
    await page.screenshot({ path: imagePath('worklist.png') });

    // A count is a filter: the overdue shows only overdue work, as many rows as it counts.
    await page.getByTestId('tile-overdue').click();
    await expect(page.getByTestId('tile-overdue')).toHaveAttribute('aria-pressed', 'true');
    await expect(row(page, cases[0].noticeNo)).toBeVisible();
    await expect(row(page, cases[1].noticeNo)).toHaveCount(0);
    const overdue = Number(await page.getByTestId('tile-overdue').getByTestId('tile-count').textContent());
    await expect(page.getByTestId('work-item')).toHaveCount(overdue);
    for (const u of await page.getByTestId('work-item').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-urgency')))) expect(u).toBe('overdue');
    await page.getByTestId('tile-overdue').click();
    await page.getByTestId('filter-deadline').selectOption('near');
    await expect(row(page, cases[1].noticeNo)).toBeVisible();
    await expect(row(page, cases[2].noticeNo)).toBeVisible();
    await expect(row(page, cases[3].noticeNo)).toHaveCount(0);
    // The most urgent first: the last near day after today's.
    const order = await page.getByTestId('work-item').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-notice')));
    expect(order.indexOf(cases[1].noticeNo)).toBeLessThan(order.indexOf(cases[2].noticeNo));
  });

  test('an item opens its case where its work is; a case sent back for supplements comes back as such, not as a visit', async ({ page, host }) => {
    const today = chinaDate(new Date());
    const c = boundaryCase(7, addDays(today, -3));
    await setSettings(page, host, {});
    seed(host, [c]);
    await signIn(page, host, 'clerk', 'clerk-demo');
    await page.getByTestId('language').selectOption('en');
    await row(page, c.noticeNo).getByTestId('open-work').click();
    await expect(page.getByTestId('case-summary')).toContainText(c.noticeNo);
    // A visit opens at the materials, its first action focused.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('all-as-filed');
    await page.getByTestId('all-as-filed').click();
    await page.getByTestId('outcome-supplement').check();
    await page.getByTestId('supplements').fill('Original degree certificate');
    await page.getByTestId('sign-off').click();
    await expect(page.getByTestId('record')).toHaveAttribute('data-outcome', 'supplement');
    await page.getByTestId('back').click();
    await expect(row(page, c.noticeNo)).toHaveAttribute('data-work', 'supplement');
    await page.getByTestId('tile-visit').click();
    await expect(row(page, c.noticeNo)).toHaveCount(0);
    await page.getByTestId('tile-supplement').click();
    await expect(page.getByTestId('tile-supplement')).toHaveAttribute('aria-pressed', 'true');
    await expect(row(page, c.noticeNo)).toBeVisible();
  });

  test("the queue number (叫号) is typed or sent by the queue system as a wedge, and is kept with the visit's record", async ({ page, host }) => {
    const today = chinaDate(new Date());
    const c = boundaryCase(8, addDays(today, -2));
    await setSettings(page, host, { wedgeMaxGapMs: 100 });
    seed(host, [c]);
    await signIn(page, host, 'clerk', 'clerk-demo');
    await page.getByTestId('language').selectOption('en');
    // Typed by the clerk; a bad one is refused in words and changes nothing.
    await page.getByTestId('queue-input').fill('A 0 2 3 !');
    await page.getByTestId('queue-input').press('Enter');
    await expect(page.getByTestId('queue-bad')).toContainText('such as A023');
    await expect(page.getByTestId('queue-current')).toHaveCount(0);
    await page.getByTestId('queue-input').fill('a023');
    await page.getByTestId('queue-input').press('Enter');
    await expect(page.getByTestId('queue-current')).toHaveText(/Now serving: A023/);
    // The queue system types the next number anywhere on the screen, fast, ending with Enter.
    await page.getByTestId('case-search').focus();
    await page.keyboard.type('B-117\n');
    await expect(page.getByTestId('queue-current')).toHaveText(/Now serving: B-117/);
    await expect(page.getByTestId('case-search')).toHaveValue('');
    await row(page, c.noticeNo).getByTestId('open-work').click();
    await expect(page.getByTestId('visit-queue-no')).toHaveText('Queue no.: B-117');
    await page.getByTestId('all-as-filed').click();
    await page.getByTestId('sign-off').click();
    await expect(page.getByTestId('record-queue-no')).toHaveText(' · Queue no. B-117');
    await page.getByTestId('back').click();
    await expect(page.getByTestId('queue-current')).toHaveCount(0);
  });
});
