import { AxeBuilder } from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, setSettings, signIn, test, type RunningHost } from './fixtures';
import { fixture } from './paths';

const validCase = () => (JSON.parse(readFileSync(fixture('qrs.json'), 'utf8')) as { validCase: { noticeNo: string } }).validCase;

/**
 * axe-core over every screen and the states that change what is on it (a verdict, a dialog, a
 * refused form), in both languages, at the counter's 1366×768. Every rule axe runs by default and
 * every impact: a moderate violation is a violation. What is found is collected over the whole walk,
 * so one run names every screen that fails, not only the first.
 */
class Walk {
  found: string[] = [];
  states: string[] = [];
  constructor(private page: Page) {}
  async check(state: string) {
    this.states.push(state);
    const { violations } = await new AxeBuilder({ page: this.page }).analyze();
    for (const v of violations) this.found.push(`${state}: ${v.id} (${v.impact}) at ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
  }
}

async function inLanguage(page: Page, host: RunningHost, user: string, language: string) {
  await signIn(page, host, user, `${user}-demo`);
  await page.getByTestId('language').selectOption(language);
  await expect(page.locator('html')).toHaveAttribute('lang', language);
}

for (const language of ['en', 'zh-CN'] as const) {
  test.describe(`axe-core on every screen, ${language}`, () => {
    test.use({ viewport: { width: 1366, height: 768 } });

    test('sign-in, the clerk\'s worklist, search, case, verification steps, decision and its preview, a revoked QR, devices, lock', async ({ page, host }) => {
      const walk = new Walk(page);
      await setSettings(page, host, { defaultLanguage: language });
      await page.goto(host.launchUrl);
      await expect(page.locator('input[name=username]')).toBeVisible();
      await walk.check('sign-in');
      await page.locator('input[name=username]').fill('clerk');
      await page.locator('input[name=password]').fill('wrong-password');
      await page.locator('input[name=password]').press('Enter');
      await expect(page.getByTestId('error')).toBeVisible();
      await walk.check('sign-in refused');

      await inLanguage(page, host, 'clerk', language);
      await expect(page.getByTestId('worklist')).toBeVisible();
      await walk.check('worklist');
      await page.getByTestId('image-file').setInputFiles(fixture('revoked.png'));
      await expect(page.locator('[data-verdict="REVOKED"]').first()).toBeVisible();
      await walk.check("a clerk's scan of a revoked QR");
      await page.getByTestId('back').click();
      await page.getByTestId('case-search').fill(validCase().noticeNo);
      await page.getByTestId('case-search').press('Enter');
      await expect(page.getByTestId('results')).toBeVisible();
      await walk.check('search results');
      await page.getByTestId('results').getByRole('button', { name: validCase().noticeNo, exact: true }).click();
      await expect(page.getByTestId('all-as-filed')).toBeVisible();
      await walk.check('case with its verification steps');
      await page.getByTestId('all-as-filed').click();
      await expect(page.getByTestId('step-materials')).toHaveAttribute('data-state', 'done');
      await expect(page.getByTestId('draft-state')).toHaveAttribute('data-state', 'saved');
      await page.getByTestId('sign-off').click();
      await expect(page.getByTestId('record')).toHaveAttribute('data-outcome', 'approved');
      await walk.check('signed off');
      await page.getByTestId('issue-decision').click();
      await expect(page.getByTestId('decision-number')).toBeVisible();
      await walk.check('decision issued');
      await page.getByTestId('view-decision').click();
      await expect(page.getByTestId('decision-canvas')).toBeVisible();
      await walk.check('decision preview');
      await page.keyboard.press('Escape');
      await expect(page.getByTestId('decision-preview')).toHaveCount(0);

      await page.getByTestId('nav-devices').click();
      await expect(page.getByTestId('devices')).toBeVisible();
      await walk.check('devices (clerk)');
      await page.getByTestId('lock').click();
      await expect(page.getByTestId('lock-screen')).toBeVisible();
      await walk.check('lock screen');

      expect(walk.found, walk.found.join('\n')).toEqual([]);
      expect(walk.states).toHaveLength(11);
    });

    test("police: the check screen, a valid and a revoked verdict, the scan log; supervisor's audit log; admin's accounts, settings with a refused value, devices", async ({ page, host }) => {
      const walk = new Walk(page);
      await inLanguage(page, host, 'police', language);
      await expect(page.getByTestId('permit-check')).toBeVisible();
      await walk.check('permit check');
      for (const kind of ['valid', 'revoked', 'forged'] as const) {
        await page.getByTestId('image-file').setInputFiles(fixture(`${kind}.png`));
        await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', { valid: 'VALID', revoked: 'REVOKED', forged: 'SIGNATURE_INVALID' }[kind]);
        await walk.check(`police verdict ${kind}`);
      }
      await expect(page.getByTestId('scan-log')).toBeVisible();

      await inLanguage(page, host, 'supervisor', language);
      await page.getByTestId('nav-audit').click();
      await expect(page.getByTestId('audit-filters')).toBeVisible();
      await walk.check('audit log');

      await inLanguage(page, host, 'admin', language);
      await page.getByTestId('nav-accounts').click();
      await walk.check('accounts');
      await page.getByTestId('nav-settings').click();
      await page.getByTestId('idle-minutes').fill('0');
      await page.getByTestId('settings-save').click();
      await expect(page.getByTestId('problem-idleLockMinutes')).toBeVisible();
      await walk.check('settings with a refused value');
      await page.getByTestId('nav-devices').click();
      await expect(page.getByTestId('devices')).toBeVisible();
      await walk.check('devices and sync (admin)');

      expect(walk.found, walk.found.join('\n')).toEqual([]);
      expect(walk.states).toHaveLength(8);
    });
  });
}
