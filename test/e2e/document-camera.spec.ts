import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import SqliteDatabase from 'better-sqlite3-multiple-ciphers';
import { join } from 'node:path';
import { chromium, type Cookie, type Page } from '@playwright/test';
import sharp from 'sharp';
import type { PermitCase } from '../../src/shared/cases';
import { openSecrets, loadOrCreateStoreKey } from '../../src/main/platform/secrets';
import { openStore } from '../../src/main/core/store/store';
import { toY4m } from '../support/camera-frames';
import { mrvAFor, td3For } from '../support/mrz';
import { pageImage } from '../support/mrz-pages';
import { startUpstream, type RunningUpstream } from '../support/upstream';
import config from '../../playwright.config';
import { expect, recordAllOriginals, setSettings, test, type RunningHost } from './fixtures';
import { fixture } from './paths';

const ROOT = join(import.meta.dirname, '..', '..');

/**
 * The document camera at the window is Chromium's fake camera, playing one still frame of a page on
 * the desk (1600×1200, as a document camera's preview): each page is put under it by a browser of its
 * own, while the visit goes on in the app's store between them.
 */
async function underTheCamera(name: string, jpeg: Buffer): Promise<string> {
  const { data, info } = await sharp(jpeg).resize(1600, 1200, { fit: 'fill' }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const frame = { width: info.width, height: info.height, data: new Uint8ClampedArray(data) };
  const path = fixture(`${name}.y4m`);
  writeFileSync(path, toY4m([frame, frame], 5));
  return path;
}

/**
 * A browser whose camera plays `y4m`, holding the host's cookie (the launch secret buys one, once: the
 * test's own page bought it), with the clerk signed in and the case open.
 */
async function withCamera<T>(y4m: string, host: RunningHost, cookies: Cookie[], noticeNo: string, run: (page: Page) => Promise<T>): Promise<T> {
  const launch = config.use!.launchOptions!;
  const browser = await chromium.launch({ ...launch, args: [...(launch.args ?? []), '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${y4m}`] });
  try {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    await context.addCookies(cookies);
    const page = await context.newPage();
    await page.goto(host.origin + '/');
    await page.locator('input[name=username]').fill('clerk');
    await page.locator('input[name=password]').fill('clerk-demo');
    await page.locator('input[name=password]').press('Enter');
    await expect(page.getByTestId('signed-in-as')).toBeVisible();
    await page.getByTestId('language').selectOption('en');
    await page.getByTestId('case-search').fill(noticeNo);
    await page.getByTestId('case-search').press('Enter');
    await page.getByTestId('open-case').first().click();
    await expect(page.getByTestId('notice-no')).toHaveText(noticeNo);
    return await run(page);
  } finally {
    await browser.close();
  }
}

/** The cookie the launch secret buys, bought by the test's own page. */
async function hostCookies(page: Page, host: RunningHost): Promise<Cookie[]> {
  if (!page.url().startsWith(host.origin)) await page.goto(host.launchUrl);
  return page.context().cookies();
}

const validCase = () => (JSON.parse(readFileSync(fixture('qrs.json'), 'utf8')) as { validCase: PermitCase }).validCase;

async function passportFrame(c: PermitCase, seed: number, passportNo = c.applicant.passportNo): Promise<Buffer> {
  const a = c.applicant;
  return pageImage({ format: 'TD3', lines: td3For({ name: a.name, passportNo, nationality: a.nationality, birthDate: a.birthDate!, sex: a.sex as 'M' | 'F' }) }, { kind: 'camera', seed });
}

/** A medical report: a sheet of printed lines on the desk (no zone to read). */
async function reportFrame(): Promise<Buffer> {
  const lines = Array.from({ length: 18 }, (_, i) => `<rect x="60" y="${120 + i * 44}" width="${400 + ((i * 97) % 260)}" height="14" fill="#333"/>`).join('');
  const sheet = await sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="760" height="1000"><rect width="100%" height="100%" fill="#f8f8f4"/><rect x="60" y="40" width="640" height="40" fill="#225"/>${lines}</svg>`)).png().toBuffer();
  return sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#574b40' } }).composite([{ input: sheet, left: 420, top: 100 }]).jpeg({ quality: 85 }).toBuffer();
}

async function link(page: Page, host: RunningHost, upstream: RunningUpstream) {
  await setSettings(page, host, { upstreamUrl: upstream.url, upstreamToken: upstream.tokens['DEMO/1'], officeCode: 'DEMO', windowNo: '1', syncIntervalSeconds: 5, upstreamTimeoutSeconds: 2 });
}

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 40_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 500));
  }
}

test.describe.configure({ timeout: 180_000 });

// Servers a test started are stopped after it however it ended (a timeout skips its own finally).
const started: RunningUpstream[] = [];
const startServer = async (opts: Parameters<typeof startUpstream>[0] = {}) => {
  const u = await startUpstream(opts);
  started.push(u);
  return u;
};
test.afterEach(async () => {
  for (const u of started.splice(0)) await u.stop();
});

test('a clean B case: passport, visa and medical report taken from the document camera; the MRZ read from the passport agrees; the images reach the authority once, again after a restore, and audit verify names one altered', async ({ page, host }) => {
  const c = validCase();
  let upstream = await startServer();
  try {
    await link(page, host, upstream);
    // The authority's backup, taken before the visit (SQLite's online backup of its database).
    const backup = join(mkdtempSync(join(tmpdir(), 'acw-up-backup-')), 'upstream.db');
    const live = new SqliteDatabase(upstream.dbPath, { readonly: true });
    await live.backup(backup);
    live.close();
    const passport = await underTheCamera('doc-passport', await passportFrame(c, 41));
    const visa = await underTheCamera('doc-visa', await pageImage({ format: 'MRV-A', lines: mrvAFor({ name: c.applicant.name, nationality: c.applicant.nationality, birthDate: c.applicant.birthDate!, sex: c.applicant.sex as 'M' }, 'Z12345678', '271231') }, { kind: 'camera', seed: 42 }));
    const report = await underTheCamera('doc-report', await reportFrame());

    // The passport: every original as filed (one action), then one action takes its image.
    const cookies = await hostCookies(page, host);
    await withCamera(passport, host, cookies, c.noticeNo, async (p) => {
      await recordAllOriginals(p);
      await expect(p.getByTestId('document-camera')).toHaveAttribute('data-state', 'live', { timeout: 15_000 });
      await p.getByTestId('capture-passport').click();
      await expect(p.getByTestId('thumb-passport')).toBeVisible({ timeout: 20_000 });
      await expect(p.getByTestId('mrz-read-passport')).toHaveAttribute('data-ok', 'true');
      await expect(p.getByTestId('identity-mrz')).toHaveAttribute('data-ok', 'true');
      await expect(p.getByTestId('cross-check').locator('tr[data-differs="true"]')).toHaveCount(0);
    });
    // The visa: its number and last day come from its zone.
    await withCamera(visa, host, cookies, c.noticeNo, async (p) => {
      await expect(p.getByTestId('thumb-passport')).toBeVisible();
      await expect(p.getByTestId('document-camera')).toHaveAttribute('data-state', 'live', { timeout: 15_000 });
      await p.getByTestId('capture-work-visa-or-residence-permit').click();
      await expect(p.getByTestId('mrz-read-work-visa-or-residence-permit')).toHaveAttribute('data-ok', 'true', { timeout: 20_000 });
      await expect(p.getByTestId('field-work-visa-or-residence-permit-documentNo')).toHaveValue('Z12345678');
      await expect(p.getByTestId('field-work-visa-or-residence-permit-expiry')).toHaveValue('2027-12-31');
    });
    // The medical report by the key: Alt+C takes the line in focus.
    await withCamera(report, host, cookies, c.noticeNo, async (p) => {
      await expect(p.getByTestId('document-camera')).toHaveAttribute('data-state', 'live', { timeout: 15_000 });
      await p.locator('tr[data-material="medical-report"] [data-testid="evidence"]').focus();
      await p.keyboard.press('Alt+c');
      await expect(p.getByTestId('thumb-medical-report')).toBeVisible({ timeout: 20_000 });
      await p.getByTestId('outcome-approved').check();
      await p.getByTestId('sign-off').click();
      await expect(p.getByTestId('record')).toHaveAttribute('data-outcome', 'approved');
      await expect(p.getByTestId('readiness')).toHaveAttribute('data-pending', '0', { timeout: 30_000 });
    });
    const stats = await upstream.stats();
    expect(stats).toMatchObject({ evidenceCreated: 3, evidenceReplayed: 0, verificationsCreated: 1 });
    expect(stats.requests['POST /v1/evidence']).toBe(3);

    // The server is restored from its backup of before the visit (same address, same tokens): the
    // window finds what it sent missing and sends the record and its images again.
    const port = Number(new URL(upstream.url).port);
    await upstream.stop();
    copyFileSync(backup, upstream.dbPath);
    for (const f of [`${upstream.dbPath}-wal`, `${upstream.dbPath}-shm`]) rmSync(f, { force: true });
    upstream = await startServer({ dbPath: upstream.dbPath, port });
    const restored = await until(() => upstream.stats(), (s) => s.evidenceCreated === 3 && s.verificationsCreated === 1);
    expect(restored).toMatchObject({ evidenceCreated: 3, verificationsCreated: 1 });
  } finally {
    await upstream.stop();
  }

  // audit verify, on the window's store: intact; then one image's bytes altered, and the image named.
  await host.stop();
  const verify = () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/main/cli/index.ts'), 'audit', 'verify', '--data', host.dataDir], { cwd: ROOT, encoding: 'utf8' });
    return { code: r.status, verdict: JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { intact: boolean; firstBroken: { problem: string; record?: string } | null } };
  };
  expect(verify()).toMatchObject({ code: 0, verdict: { intact: true } });
  const storePath = join(host.dataDir, 'store.db');
  const db = openStore(storePath, loadOrCreateStoreKey(openSecrets(host.dataDir), storePath));
  const { id, data } = db.prepare("SELECT id, data FROM evidence_images WHERE material = 'passport'").get() as { id: string; data: Buffer };
  const altered = Buffer.from(data);
  altered[altered.length >> 1] ^= 0x55;
  db.prepare('UPDATE evidence_images SET data = ? WHERE id = ?').run(altered, id);
  db.close();
  expect(verify()).toMatchObject({ code: 1, verdict: { intact: false, firstBroken: { problem: 'image-changed', record: `image:${id}` } } });
  const again = openStore(storePath, loadOrCreateStoreKey(openSecrets(host.dataDir), storePath));
  again.prepare('DELETE FROM evidence_images WHERE id = ?').run(id);
  again.close();
  expect(verify()).toMatchObject({ code: 1, verdict: { firstBroken: { problem: 'image-missing', record: `image:${id}` } } });
});

test('a passport page whose MRZ names another passport stands out and blocks approval, as a typed one does', async ({ page, host }) => {
  const c = validCase();
  const other = await underTheCamera('doc-other-passport', await passportFrame(c, 43, 'X9876543'));
  await withCamera(other, host, await hostCookies(page, host), c.noticeNo, async (p) => {
    await recordAllOriginals(p);
    await expect(p.getByTestId('document-camera')).toHaveAttribute('data-state', 'live', { timeout: 15_000 });
    await p.keyboard.press('Alt+c');
    await expect(p.getByTestId('mrz-read-passport')).toHaveAttribute('data-ok', 'true', { timeout: 20_000 });
    await expect(p.getByTestId('cross-check').locator('tr[data-field="passportNo"]')).toHaveAttribute('data-differs', 'true');
    await expect(p.getByTestId('blockers')).toBeVisible();
    await p.getByTestId('outcome-approved').check();
    await p.getByTestId('sign-off').click();
    // Approval waits for a supervisor's override, as for a typed MRZ that disagrees.
    await expect(p.getByTestId('override')).toBeVisible();
    await expect(p.getByTestId('record')).toHaveCount(0);
  });
});
