import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startUpstream } from '../support/upstream';
import { newRoot, signed } from '../support/trust-roots';
import { expect, setSettings, signIn, test } from './fixtures';

const DEMO_LIST = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'resources', 'demo', 'trust-list.json'), 'utf8'));
const file = (name: string, content: unknown) => ({ name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(content)) });

test.describe('signed trust lists (permit-qr.md §3a)', () => {
  test('the admin sees the pinned demo root warned about; a list signed by another root is refused with its reason in both languages, a list the demo root signed is taken', async ({ page, host }) => {
    await signIn(page, host, 'admin', 'admin-demo');
    await page.getByTestId('language').selectOption('en');
    await page.getByTestId('nav-settings').click();
    const status = page.getByTestId('trust-status');
    await expect(status).toContainText('Version 1');
    await expect(page.getByTestId('trust-signed-by')).toHaveText('Not signed: the list this installation came with.');
    await expect(page.getByTestId('trust-roots')).toContainText('Demo trust root (not for production) (ES256, ');
    await expect(page.getByTestId('trust-demo-root')).toContainText('Its private key is public');

    const v2 = { ...DEMO_LIST, version: 2, issuedAt: new Date().toISOString() };
    await page.getByTestId('trust-import').setInputFiles(file('other-root.json', signed(v2, newRoot().privateKey)));
    const error = page.getByTestId('error');
    await expect(error).toHaveAttribute('data-code', 'list-refused');
    await expect(error).toContainText("The trust list was refused: it is signed with a key that is not one of this installation's trust roots. The lists in force stay as they were.");
    await page.getByTestId('language').selectOption('zh-CN');
    await expect(error).toContainText('信任列表被拒绝：签名密钥不是本安装所配置的信任根');
    await page.getByTestId('language').selectOption('en');
    await expect(status).toContainText('Version 1');

    await page.getByTestId('trust-import').setInputFiles(file('unsigned.json', v2));
    await expect(error).toContainText('it is not signed');

    await page.getByTestId('trust-import').setInputFiles(file('demo-signed.json', signed(v2)));
    await expect(page.getByText('Trust list version 2 imported.')).toBeVisible();
    await expect(status).toContainText('Version 2');
    await expect(page.getByTestId('trust-signed-by')).toContainText('Signed by the trust root Demo trust root (not for production)');
  });

  test('a server that sends its lists unsigned: the readiness line says the trust list was refused, and why', async ({ page, host }) => {
    const upstream = await startUpstream({ unsignedLists: true });
    try {
      await setSettings(page, host, { upstreamUrl: upstream.url, upstreamToken: upstream.tokens['DEMO/1'], officeCode: 'DEMO', windowNo: '1', syncIntervalSeconds: 5, upstreamTimeoutSeconds: 2 });
      await signIn(page, host, 'admin', 'admin-demo');
      await page.getByTestId('language').selectOption('en');
      const problem = page.getByTestId('readiness-problem');
      await expect(problem).toHaveAttribute('data-code', 'trust-list-refused', { timeout: 20_000 });
      await expect(problem).toContainText("the trust list from the authority's system was refused: it is not signed");
      await page.getByTestId('language').selectOption('zh-CN');
      await expect(problem).toContainText('上级系统下发的信任列表被拒绝：列表未签名');
    } finally {
      await upstream.stop();
    }
  });
});
