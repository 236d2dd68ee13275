import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chinaDate } from '../../src/main/core/dates/calendar';
import { demoCases } from '../../src/main/core/demo/demo-cases';
import { releasePcscd, startPcscd } from '../support/pcscd';
import { SAMPLE_HOLDER, VirtualPsam, VirtualSscCard } from '../sim/virtual-ssc-card';
import { VPCD_CARD_PORT, VPCD_SAM_PORT, VpcdSlot } from '../sim/vpcd';
import { SerialReaderEmulator } from '../sim/serial-reader-emulator';
import { socatPair } from '../support/pty';
import { expect, openCaseAsClerk, rawCalls, signIn, test } from './fixtures';

test.afterAll(releasePcscd);

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
    await openCaseAsClerk(page, host, c.noticeNo);

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

test('a serial card reader chosen in Settings is read at the window and matched against the open case; unplugged mid-read, the clerk sees why', async ({ page, host }) => {
  test.setTimeout(90_000);
  const dir = mkdtempSync(join(tmpdir(), 'acw-e2e-serial-reader-'));
  const pair = await socatPair(dir, ['app', 'reader']);
  const emulator = new SerialReaderEmulator(pair.far);
  try {
    await emulator.open();
    const c = demoCases(chinaDate(new Date())).find((x) => x.applicant.ssn && x.status === 'awaiting_verification')!;
    const holder = { ...SAMPLE_HOLDER, ssn: c.applicant.ssn!, name: c.applicant.name, birthDate: c.applicant.birthDate, sex: c.applicant.sex as 'M' | 'F' };
    emulator.slots[1] = new VirtualPsam();

    // The administrator chooses the serial reader on the Settings screen.
    await signIn(page, host, 'admin', 'admin-demo');
    await page.getByTestId('language').selectOption('en');
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('card-reader').selectOption('serial');
    await page.getByTestId('card-reader-port').fill(join(dir, 'app'));
    await page.getByTestId('card-reader-baud').selectOption('115200');
    // Each field is its own: the card reader's baud rate is not the scanner's (one id each, its refusal beside it).
    expect(await page.locator('#field-cardReaderBaudRate').getAttribute('data-testid')).toBe('card-reader-baud');
    expect(await page.locator('#field-cardReader').getAttribute('data-testid')).toBe('card-reader');
    expect(await page.evaluate(() => [...document.querySelectorAll('[id]')].map((e) => e.id).filter((id, i, all) => all.indexOf(id) !== i))).toEqual([]);
    await page.getByTestId('settings-save').click();
    await expect(page.getByTestId('settings-saved')).toBeVisible();
    await page.getByTestId('sign-out').click();

    await openCaseAsClerk(page, host, c.noticeNo);
    emulator.slots[0] = new VirtualSscCard(holder);
    await expect(page.getByTestId('card-panel')).toHaveAttribute('data-match', 'yes', { timeout: 20_000 });

    // The card comes out; the next one is read until the reader stops answering and is pulled out.
    emulator.slots[0] = null;
    await page.waitForTimeout(1500);
    const next = new VirtualSscCard(holder);
    let apdus = 0;
    emulator.slots[0] = {
      reset: () => next.reset(),
      respond: (a: Uint8Array) => {
        if (++apdus === 4) {
          emulator.sabotage = 'silence';
          setTimeout(() => pair.proc.kill(), 100);
        }
        return next.respond(a);
      },
    };
    await expect(page.getByTestId('card-error')).toHaveAttribute('data-code', 'reader-removed', { timeout: 20_000 });
    await expect(page.getByTestId('card-error')).toHaveText('The card reader was unplugged.');
  } finally {
    await emulator.close();
    pair.proc.kill();
  }
});
