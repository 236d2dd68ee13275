import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { startUpstream, type RunningUpstream } from '../support/upstream';
import { openStore } from '../../src/main/core/store/store';
import { loadOrCreateStoreKey, openSecrets } from '../../src/main/platform/secrets';
import { runCli } from '../support/cli';
import { startSecretService } from '../support/secret-service';
import { makeTestPki } from '../support/test-ca';
import { newRoot, signed } from '../support/trust-roots';
import { expect, setSettings, signIn, startHost, test, type RunningHost } from './fixtures';

const DEMO_LIST = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'resources', 'demo', 'trust-list.json'), 'utf8'));
/** The window linked to the server as DEMO/1, rounds every 5 s, and the admin signed in, in English. */
async function linkAsAdmin(page: Page, host: RunningHost, upstream: RunningUpstream) {
  await setSettings(page, host, { upstreamUrl: upstream.url, upstreamToken: upstream.tokens['DEMO/1'], officeCode: 'DEMO', windowNo: '1', syncIntervalSeconds: 5, upstreamTimeoutSeconds: 2 });
  await signIn(page, host, 'admin', 'admin-demo');
  await page.getByTestId('language').selectOption('en');
}

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
      await linkAsAdmin(page, host, upstream);
      // The server signs none of its lists: the trust list and the CSCA list are each refused, each said.
      const problem = page.locator('[data-testid="readiness-problem"][data-step="trust"]');
      const csca = page.locator('[data-testid="readiness-problem"][data-step="csca"]');
      await expect(problem).toHaveAttribute('data-code', 'trust-list-refused', { timeout: 20_000 });
      await expect(problem).toContainText("the trust list from the authority's system was refused: it is not signed");
      await expect(csca).toHaveAttribute('data-code', 'trust-list-refused');
      await expect(csca).toContainText('CSCA list');
      await page.getByTestId('language').selectOption('zh-CN');
      await expect(problem).toContainText('上级系统下发的信任列表被拒绝：列表未签名');
      await expect(csca).toContainText('CSCA证书列表');
    } finally {
      await upstream.stop();
    }
  });
});

test("an http:// address beyond this computer is refused in Settings with the reason, in both languages; nothing is changed", async ({ page, host }) => {
  await signIn(page, host, 'admin', 'admin-demo');
  await page.getByTestId('language').selectOption('en');
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('setting-upstreamUrl').fill('http://wp.example.gov.cn/api');
  await page.getByTestId('settings-save').click();
  const error = page.getByTestId('error');
  await expect(error).toHaveAttribute('data-code', 'insecure-address');
  await expect(error).toContainText("The authority's address must start with https://");
  await page.getByTestId('language').selectOption('zh-CN');
  await expect(error).toContainText('主管部门系统地址必须以 https:// 开头');
  // Signed in again, the address stored is still none.
  await signIn(page, host, 'admin', 'admin-demo');
  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('setting-upstreamUrl')).toHaveValue('');
  await expect(page.getByTestId('upstream-ca-state')).toContainText('系统信任的根证书');
});

test("the authority over HTTPS: with the office's CA file chosen in Settings the window is online; with the system's roots alone the certificate is refused, and the line says so", async ({ page, host }) => {
  const pki = makeTestPki();
  const upstream = await startUpstream({ tls: { certFile: pki.serverCertFile, keyFile: pki.serverKeyFile, ca: pki.caPem } });
  try {
    await linkAsAdmin(page, host, upstream);
    const problem = page.getByTestId('readiness-problem');
    await expect(problem).toHaveAttribute('data-code', 'certificate-refused', { timeout: 20_000 });
    await expect(problem).toContainText("the server's certificate is not trusted (UNABLE_TO_VERIFY_LEAF_SIGNATURE)");
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('setting-upstreamCaFile').setInputFiles({ name: 'office-ca.pem', mimeType: 'application/x-pem-file', buffer: Buffer.from(pki.caPem) });
    await expect(page.getByTestId('upstream-ca-state')).toContainText('office CA file');
    await page.getByTestId('settings-save').click();
    await expect(page.getByTestId('settings-saved')).toBeVisible();
    await expect(page.getByTestId('readiness')).toHaveAttribute('data-online', 'true', { timeout: 20_000 });
    await expect(problem).toHaveCount(0);
    expect((await upstream.stats()).requests['GET /v1/cases']).toBeGreaterThan(0);
  } finally {
    await upstream.stop();
  }
});

test("a server clock an hour off is not taken: the readiness line says so in the user's language, and the admin takes it under Devices", async ({ page, host }) => {
  const upstream = await startUpstream();
  try {
    await upstream.control('/_test/clock', { offsetMs: 60 * 60_000 });
    await linkAsAdmin(page, host, upstream);
    const problem = page.getByTestId('readiness-problem');
    await expect(problem).toHaveAttribute('data-code', 'clock-disagrees', { timeout: 20_000 });
    await expect(problem).toContainText("the server's clock is 60 min off this PC's, past the limit");
    await page.getByTestId('language').selectOption('zh-CN');
    await expect(problem).toContainText('服务器时钟与本机相差 60 分钟');
    await page.getByTestId('language').selectOption('en');
    await page.getByTestId('nav-devices').click();
    await expect(page.getByTestId('clock-refused')).toContainText("The server's clock is 60 min off this PC's, past the limit of 10 min");
    await page.getByTestId('clock-accept').click();
    await expect(page.getByTestId('clock-refused')).toHaveCount(0);
    await expect(problem).toHaveCount(0);
    await expect(page.getByTestId('sync-panel')).toContainText('3600');
  } finally {
    await upstream.stop();
  }
});

test("with a Secret Service on the session bus the web host keeps its keys there, nothing in its folder, and the Devices screen says so; without, it says it uses the fallback files", async ({ page, host }) => {
  // The fixture's host runs with no session bus: the fallback.
  await signIn(page, host, 'admin', 'admin-demo');
  await page.getByTestId('language').selectOption('en');
  await page.getByTestId('nav-devices').click();
  await expect(page.locator('[data-device=secrets]')).toContainText('fallback files readable only by this account');
  const service = await startSecretService();
  const dataDir = mkdtempSync(join(tmpdir(), 'acw-host-keyring-'));
  try {
    for (let start = 0; start < 2; start++) {
      const withKeyring = await startHost(dataDir, service.env);
      try {
        await signIn(page, withKeyring, 'admin', 'admin-demo');
        await page.getByTestId('language').selectOption('en');
        await page.getByTestId('nav-devices').click();
        await expect(page.locator('[data-device=secrets]')).toContainText("the operating system's key store: Secret Service");
        expect(readdirSync(dataDir).filter((f) => /key|token/.test(f))).toEqual([]);
      } finally {
        await withKeyring.stop();
      }
    }
  } finally {
    await service.stop();
  }
});

test("the supervisor's Check the chain: intact, with its sealed head; after the last entries are deleted behind the app's back, the cut is named in both languages", async ({ page, host }) => {
  await signIn(page, host, 'supervisor', 'supervisor-demo');
  await page.getByTestId('language').selectOption('en');
  await page.getByTestId('nav-audit').click();
  await page.getByTestId('audit-verify').click();
  await expect(page.getByTestId('audit-result')).toContainText('The chain is intact');
  await expect(page.getByTestId('audit-heads')).toContainText('Sealed head: entry');
  await host.stop();
  // Someone with the data folder and the store key, but not the audit key, deletes the tail.
  const dbPath = join(host.dataDir, 'store.db');
  const db = openStore(dbPath, loadOrCreateStoreKey(openSecrets(host.dataDir, { readOnly: true }), dbPath));
  const last = db.prepare('SELECT MAX(seq) FROM audit_log').pluck().get() as number;
  db.exec('DROP TRIGGER audit_log_no_delete');
  db.prepare('DELETE FROM audit_log WHERE seq > ?').run(last - 3);
  db.close();
  const again = await startHost(host.dataDir);
  try {
    await signIn(page, again, 'supervisor', 'supervisor-demo');
    await page.getByTestId('language').selectOption('en');
    await page.getByTestId('nav-audit').click();
    await page.getByTestId('audit-verify').click();
    await expect(page.getByTestId('audit-result')).toContainText(`The chain was cut: entry ${last}, which the sealed head file holds, is gone.`);
    await page.getByTestId('language').selectOption('zh-CN');
    await expect(page.getByTestId('audit-result')).toContainText(`日志链被截断：封存链头文件所记录的第 ${last} 条记录已不存在。`);
    const cli = await runCli('audit', 'verify', '--data', again.dataDir);
    expect(cli.code).toBe(1);
  } finally {
    await again.stop();
  }
});
