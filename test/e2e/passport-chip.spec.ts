import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import type { PermitCase } from '../../src/shared/cases';
import { chinaDate } from '../../src/main/core/dates/calendar';
import { demoCases } from '../../src/main/core/demo/demo-cases';
import { makePassport, type MadePassport } from '../sim/passport-pki';
import { VirtualPassport } from '../sim/virtual-passport';
import { VPCD_CARD_PORT, VpcdSlot } from '../sim/vpcd';
import { td3For } from '../support/mrz';
import { pageImage } from '../support/mrz-pages';
import { releasePcscd, startPcscd } from '../support/pcscd';
import { expect, openCaseAsClerk, rawCalls, recordAllOriginals, test } from './fixtures';
import { imagePath } from './paths';

const PKI = join(import.meta.dirname, '..', 'data', 'passport');
const made: MadePassport[] = [];
const slots: VpcdSlot[] = [];

test.afterEach(async () => {
  for (const s of slots.splice(0)) await s.remove();
  for (const m of made.splice(0)) rmSync(m.dir, { recursive: true, force: true });
});
test.afterAll(releasePcscd);

const filesOf = (m: MadePassport, dg1 = m.files.dg1) => ({ 0x011e: m.files.com, 0x0101: dg1, 0x0102: m.files.dg2, 0x011d: m.files.sod });

/** A passport laid on the contactless reader (vpcd's first slot), once the previous one is taken off. */
async function lay(files: Record<number, Buffer>, key: { documentNumber: string; birthDate: string; expiryDate: string }) {
  for (const s of slots.splice(0)) await s.remove();
  // pcscd polls its readers: the window sees the passport go before the next comes.
  await new Promise((r) => setTimeout(r, 1500));
  const slot = new VpcdSlot(new VirtualPassport(files, key), VPCD_CARD_PORT);
  slots.push(slot);
  await slot.insert();
}

test('a clerk lays the passport on the reader: its chip opens with the page’s MRZ, matches the case and is proven genuine; an altered chip, an unknown CSCA and a wrong MRZ each say why', async ({ page, host }) => {
  test.setTimeout(180_000);
  await startPcscd();
  const c: PermitCase = demoCases(chinaDate(new Date())).find((x) => x.status === 'awaiting_verification' && x.category !== 'A')!;
  const a = c.applicant;
  const lines = td3For({ name: a.name, passportNo: a.passportNo, nationality: a.nationality, birthDate: a.birthDate!, sex: a.sex as 'M' | 'F' }, '320415');
  const key = { documentNumber: a.passportNo, birthDate: lines[1].slice(13, 19), expiryDate: '320415' };
  const face = await sharp({ create: { width: 240, height: 320, channels: 3, background: '#8a7a6a' } })
    .composite([{ input: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="240" height="320"><ellipse cx="120" cy="140" rx="70" ry="90" fill="#d8b89a"/><rect x="40" y="240" width="160" height="80" fill="#334"/></svg>') }])
    .jpeg({ quality: 85 })
    .toBuffer();
  const genuine = makePassport({ mrz: lines, photo: face, signer: 'rsa', csca: { cert: join(PKI, 'demo-csca.pem'), key: join(PKI, 'demo-csca.key.pem'), der: Buffer.alloc(0) } });
  const foreign = makePassport({ mrz: lines, photo: face, signer: 'ec' });
  made.push(genuine, foreign);

  // The administrator's part: the reader, and the demo office's CSCA list.
  await page.goto(host.launchUrl);
  const set = await rawCalls(page, [
    { id: 1, method: 'session.signIn', params: { username: 'admin', password: 'admin-demo' } },
    { id: 2, method: 'settings.update', params: { cardReader: 'pcsc' } },
    { id: 3, method: 'passport.importCscas', params: { base64: readFileSync(join(PKI, 'demo-csca.pem')).toString('base64') } },
  ]);
  expect(set.map((s) => s.result.ok)).toEqual([true, true, true]);

  await openCaseAsClerk(page, host, c.noticeNo);
  await recordAllOriginals(page);
  // The data page from a file (as from the document camera): its MRZ becomes the chip's key.
  const pagePng = await pageImage({ format: 'TD3', lines }, { kind: 'clean', seed: 7 });
  await page.getByTestId('capture-file-passport').setInputFiles({ name: 'passport.png', mimeType: 'image/png', buffer: pagePng });
  await expect(page.getByTestId('mrz-read-passport')).toHaveAttribute('data-ok', 'true', { timeout: 20_000 });
  await expect(page.getByTestId('chip-waiting')).toBeVisible();

  // Laying the passport on the reader is the only action.
  await lay(filesOf(genuine), key);
  const verdict = page.getByTestId('chip-verdict');
  await expect(verdict).toHaveAttribute('data-verdict', 'valid', { timeout: 30_000 });
  await expect(verdict).toHaveText('Genuine (passive authentication)');
  await expect(page.getByTestId('chip-photo').locator('img')).toBeVisible();
  await expect(page.getByTestId('page-photo').locator('img')).toBeVisible();
  const chipCell = (field: string) => page.getByTestId('cross-check').locator(`tr[data-field="${field}"] td[data-source="chip"]`);
  await expect(chipCell('passportNo')).toHaveText(a.passportNo);
  await expect(chipCell('birthDate')).toHaveText(a.birthDate!);
  await expect(page.getByTestId('cross-check').locator('td.differs')).toHaveCount(0);
  await expect(page.getByTestId('blockers')).toHaveCount(0);
  await page.getByTestId('chip-panel').screenshot({ path: imagePath('passport-chip.png') });

  // One character of the chip's MRZ changed after the state signed it: altered, said in both languages, approval blocked.
  const altered = Buffer.from(genuine.files.dg1);
  altered[12] = altered[12] === 0x58 ? 0x59 : 0x58;
  await lay(filesOf(genuine, altered), key);
  await expect(verdict).toHaveAttribute('data-verdict', 'hash-mismatch', { timeout: 30_000 });
  await expect(verdict).toContainText('Altered');
  await expect(page.getByTestId('blockers')).toContainText('passport chip not proven genuine');
  await page.getByTestId('language').selectOption('zh-CN');
  await expect(verdict).toContainText('已被篡改');
  await expect(page.getByTestId('blockers')).toContainText('护照芯片未通过真伪核验');
  await page.getByTestId('language').selectOption('en');
  await page.getByTestId('outcome-approved').check();
  await page.getByTestId('sign-off').click();
  await expect(page.getByTestId('override')).toBeVisible();
  await expect(page.getByTestId('record')).toHaveCount(0);

  // Signed under a CSCA no list in force holds.
  await lay(filesOf(foreign), key);
  await expect(verdict).toHaveAttribute('data-verdict', 'unknown-csca', { timeout: 30_000 });
  await expect(verdict).toContainText('unknown CSCA');
  await expect(page.getByTestId('blockers')).toContainText('passport chip not proven genuine');
  await page.getByTestId('language').selectOption('zh-CN');
  await expect(verdict).toContainText('未知 CSCA');
  await page.getByTestId('language').selectOption('en');

  // Another passport, which the page's MRZ does not open: the chip stays shut, and the clerk is told why.
  await lay(filesOf(genuine), { ...key, documentNumber: 'Z0000000' });
  const problem = page.getByTestId('chip-problem');
  await expect(problem).toHaveAttribute('data-problem', 'access-denied', { timeout: 30_000 });
  await expect(problem).toContainText('The chip could not be opened');
  await expect(problem).toContainText('access denied');
});
