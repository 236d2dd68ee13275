import { chinaDate } from '../../src/main/core/dates/calendar';
import { demoCases } from '../../src/main/core/demo/demo-cases';
import { expect, openCaseBySearch, signIn, test } from './fixtures';

const ROLES = [
  { username: 'clerk', password: 'clerk-demo', screens: ['cases', 'devices'] },
  { username: 'supervisor', password: 'supervisor-demo', screens: ['cases', 'register', 'follow-ups', 'audit', 'accounts', 'devices'] },
  { username: 'police', password: 'police-demo', screens: ['permit-check'] },
  { username: 'admin', password: 'admin-demo', screens: ['accounts', 'audit', 'settings', 'devices'] },
];

test.describe('sign-in', () => {
  for (const role of ROLES) {
    test(`${role.username} signs in and sees only the role's screens`, async ({ page, host }) => {
      await signIn(page, host, role.username, role.password);
      await expect(page.getByTestId('demo-marker')).toBeVisible();
      const nav = page.locator('[data-testid^="nav-"]');
      await expect(nav).toHaveCount(role.screens.length);
      for (const s of role.screens) await expect(page.getByTestId(`nav-${s}`)).toBeVisible();
      await page.getByTestId('sign-out').click();
      await expect(page.locator('input[name=username]')).toBeVisible();
    });
  }

  test('a wrong password is refused, and five lock the account even against the right one, saying for how long', async ({ page, host }) => {
    await page.goto(host.launchUrl);
    await page.getByTestId('language').selectOption('en');
    const user = page.locator('input[name=username]');
    const pass = page.locator('input[name=password]');
    await user.fill('clerk');
    for (let i = 1; i <= 4; i++) {
      await pass.fill(`wrong-${i}`);
      await pass.press('Enter');
      await expect(page.getByTestId('error')).toHaveAttribute('data-code', 'wrong-credentials');
      await expect(pass).toHaveValue('');
    }
    await pass.fill('wrong-5');
    await pass.press('Enter');
    await expect(page.getByTestId('error')).toHaveAttribute('data-code', 'account-locked');
    await expect(page.getByTestId('error')).toContainText('locked for 15 more minutes');
    await page.getByTestId('language').selectOption('zh-CN');
    await expect(page.getByTestId('error')).toContainText('还需 15 分钟');
    await page.getByTestId('language').selectOption('en');
    await pass.fill('clerk-demo');
    await pass.press('Enter');
    await expect(page.getByTestId('error')).toHaveAttribute('data-code', 'account-locked');
    await expect(page.getByTestId('signed-in-as')).toHaveCount(0);
    // Another account is not affected by the lock.
    await user.fill('supervisor');
    await pass.fill('supervisor-demo');
    await pass.press('Enter');
    await expect(page.getByTestId('signed-in-as')).toBeVisible();

    // As the lock says, the supervisor unlocks the clerk, then resets the password the clerk forgot.
    await page.getByTestId('nav-accounts').click();
    await expect(page.getByTestId('account-state-clerk')).toContainText('Locked until');
    await page.getByTestId('unlock-clerk').click();
    await expect(page.getByTestId('accounts-notice')).toContainText('clerk is unlocked');
    await expect(page.getByTestId('account-state-clerk')).toHaveText('Active');
    await expect(page.getByTestId('unlock-admin')).toHaveCount(0);
    await expect(page.getByTestId('reset-admin')).toHaveCount(0);
    await page.getByTestId('reset-clerk').click();
    await page.getByTestId('reset-password').fill('Temp-2026-window');
    await page.getByTestId('reset-save').click();
    await expect(page.getByTestId('account-state-clerk')).toHaveText('Must set a new password');
    await page.getByTestId('sign-out').click();

    // The clerk signs in with the temporary password and must set their own before anything else.
    await user.fill('clerk');
    await pass.fill('Temp-2026-window');
    await pass.press('Enter');
    await expect(page.getByTestId('change-password')).toBeVisible();
    await expect(page.getByTestId('nav-cases')).toHaveCount(0);
    await page.getByTestId('change-current').fill('Temp-2026-window');
    await page.getByTestId('change-new').fill('My-own-2026-pw');
    await page.getByTestId('change-repeat').fill('My-own-2026-pw');
    await page.getByTestId('change-save').click();
    await expect(page.getByTestId('nav-cases')).toBeVisible();
  });

  test('the screen locks after the idle time (10 minutes by default) and opens again only with the password, back in the same case with its draft', async ({ page, host }) => {
    const c = demoCases(chinaDate(new Date())).find((x) => x.status === 'awaiting_verification')!;
    await page.clock.install();
    await signIn(page, host, 'clerk', 'clerk-demo');
    await openCaseBySearch(page, c.noticeNo, c.noticeNo);
    await page.getByTestId('verify-note').fill('Reading the contract, page 3');
    await page.clock.runFor(700);
    await expect(page.getByTestId('draft-state')).toHaveAttribute('data-state', 'saved');
    await page.clock.fastForward('09:00');
    await expect(page.getByTestId('lock-screen')).toHaveCount(0);
    await page.clock.fastForward('01:05');
    await expect(page.getByTestId('lock-screen')).toBeVisible();
    // The case stays open behind the lock, and nothing of it shows or takes a click.
    await expect(page.getByTestId('case-view')).toBeHidden();
    await expect(page.getByTestId('verify-note')).toBeHidden();
    const pass = page.locator('input[name=password]');
    await pass.fill('not-it');
    await pass.press('Enter');
    await expect(page.getByTestId('error')).toHaveAttribute('data-code', 'wrong-credentials');
    // The lock screen has no username field: its message names the password only.
    await expect(page.getByTestId('error')).toHaveText(/^(Wrong password\.|密码错误。)$/);
    await pass.fill('clerk-demo');
    await pass.press('Enter');
    await expect(page.getByTestId('notice-no')).toHaveText(c.noticeNo);
    await expect(page.getByTestId('verify-note')).toHaveValue('Reading the contract, page 3');
  });
});
