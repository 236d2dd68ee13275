import { chinaDate } from '../../src/main/core/dates/calendar';
import { demoCases } from '../../src/main/core/demo/demo-cases';
import { startPcscd } from '../support/pcscd';
import { SAMPLE_HOLDER, VirtualPsam, VirtualSscCard } from '../sim/virtual-ssc-card';
import { VPCD_CARD_PORT, VPCD_SAM_PORT, VpcdSlot } from '../sim/vpcd';
import { expect, rawCalls, signIn, test } from './fixtures';

test('a card inserted while a case is open is read and matched against it, then a different card shows the mismatch', async ({ page, host }) => {
  test.setTimeout(90_000);
  await startPcscd();
  const c = demoCases(chinaDate(new Date())).find((x) => x.applicant.ssn && x.status === 'awaiting_verification')!;
  const holder = { ...SAMPLE_HOLDER, ssn: c.applicant.ssn!, name: c.applicant.name, birthDate: c.applicant.birthDate, sex: c.applicant.sex as 'M' | 'F' };
  const sam = new VpcdSlot(new VirtualPsam(), VPCD_SAM_PORT);
  const slots = [sam];
  try {
    await sam.insert();
    await page.goto(host.launchUrl);
    const set = await rawCalls(page, [
      { id: 1, method: 'session.signIn', params: { username: 'admin', password: 'admin-demo' } },
      { id: 2, method: 'settings.update', params: { cardReader: 'pcsc' } },
    ]);
    expect(set[1].result.ok).toBe(true);
    await signIn(page, host, 'clerk', 'clerk-demo');
    await page.getByTestId('language').selectOption('en');
    await page.getByTestId('case-search').fill(c.noticeNo);
    await page.getByTestId('case-search').press('Enter');
    await page.getByTestId('open-case').first().click();
    await expect(page.getByTestId('notice-no')).toHaveText(c.noticeNo);

    const same = new VpcdSlot(new VirtualSscCard(holder), VPCD_CARD_PORT);
    slots.push(same);
    await same.insert();
    await expect(page.getByTestId('card-panel')).toHaveAttribute('data-match', 'yes', { timeout: 20_000 });
    await expect(page.getByTestId('card-match')).toBeVisible();
    await same.remove();

    await page.waitForTimeout(2000);
    const other = new VpcdSlot(new VirtualSscCard({ ...holder, birthDate: '1970-07-07' }), VPCD_CARD_PORT);
    slots.push(other);
    await other.insert();
    await expect(page.getByTestId('card-differences').locator('[data-field="birthDate"]')).toBeVisible({ timeout: 20_000 });
    await expect(page.getByTestId('card-panel')).toHaveAttribute('data-match', 'no');
  } finally {
    for (const s of slots) await s.remove();
  }
});
