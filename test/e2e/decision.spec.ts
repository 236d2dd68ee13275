import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { openStore } from '../../src/main/core/store/store';
import { loadOrCreateStoreKey, openSecrets } from '../../src/main/platform/secrets';
import { runCli } from '../support/cli';
import { TEST_PRINTER, newPdfOutputs, setPrinterRunning } from '../support/cups';
import { td3For } from '../support/mrz';
import { pdfText } from '../support/pdf-text';
import { expect, recordAllOriginals, setSettings, signIn, test, type RunningHost } from './fixtures';
import { fixture, imagePath } from './paths';

interface Applicant {
  name: string;
  passportNo: string;
  nationality: string;
  birthDate: string;
  sex: 'M' | 'F' | 'X';
}
const qrs = () => JSON.parse(readFileSync(fixture('qrs.json'), 'utf8')) as { valid: string; validCase: { noticeNo: string; permitNo: string; applicant: Applicant; validFrom: string; validTo: string; workPlace: string } };
const layoutText = (file: string) => pdfText(file, { layout: true });

async function clerkAtWindow(page: Page, host: RunningHost, timeoutSeconds = 20) {
  await setSettings(page, host, { printer: TEST_PRINTER, printTimeoutSeconds: timeoutSeconds, wedgeMaxGapMs: 100 });
  await signIn(page, host, 'clerk', 'clerk-demo');
  await page.getByTestId('language').selectOption('en');
}

/** The clerk scans the notice (a scanned image of it), records all originals, approves and issues the decision. */
async function approveAndIssue(page: Page) {
  await page.getByTestId('image-file').setInputFiles(fixture('valid.png'));
  await expect(page.getByTestId('verification')).toBeVisible();
  await expect(page.getByTestId('identity-qr')).toHaveAttribute('data-verdict', 'VALID');
  await recordAllOriginals(page);
  await expect(page.getByTestId('blockers')).toHaveCount(0);
  await page.getByTestId('outcome-approved').check();
  await page.getByTestId('sign-off').click();
  await expect(page.getByTestId('record')).toHaveAttribute('data-outcome', 'approved');
  await expect(page.getByTestId('case-status')).toHaveText('Verified');
  await page.getByTestId('issue-decision').click();
  await expect(page.getByTestId('decision-number')).toHaveText(/^示人社外许字〔\d{4}〕第000001号$/);
}

test.describe('on-site verification and the decision', () => {
  test('out of the box, with CUPS holding one printer and no default: the first start picks it, says so, and the decision prints there', async ({ page, host }) => {
    // The spooler as the test machine has it: CounterPDF alone, no default destination.
    const lpstat = execFileSync('lpstat', ['-p', '-d'], { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } });
    expect(lpstat.match(/^printer /gm)).toHaveLength(1);
    expect(lpstat).toContain(`printer ${TEST_PRINTER} `);
    expect(lpstat).toMatch(/no system default destination/);
    // No printer in the settings: only what a clerk's window needs besides.
    await setSettings(page, host, { printTimeoutSeconds: 20, wedgeMaxGapMs: 100 });
    await signIn(page, host, 'clerk', 'clerk-demo');
    await page.getByTestId('language').selectOption('en');
    await approveAndIssue(page);
    await expect(page.getByTestId('decision-printer')).toHaveText(`Prints on ${TEST_PRINTER} (picked at the first start: this PC's only printer).`);
    const since = Date.now();
    await page.getByTestId('print-decision').click();
    await expect(page.getByTestId('print-state')).toHaveAttribute('data-state', 'completed', { timeout: 30_000 });
    const [printed] = await newPdfOutputs(since);
    expect(layoutText(printed)).toContain('准予行政许可决定书');
    // The Devices screen names the printer decisions really go to.
    await page.getByTestId('nav-devices').click();
    await expect(page.locator('[data-device="decision-printer"]')).toContainText(`Prints on ${TEST_PRINTER}`);
  });

  test('a B case with all originals: approved, its decision printed to the CUPS printer, the printout reads back and its QR verifies; a reprint says COPY', async ({ page, host }) => {
    const { validCase } = qrs();
    await clerkAtWindow(page, host);
    await approveAndIssue(page);
    const number = (await page.getByTestId('decision-number').textContent())!;
    // The statutory clocks: the decision made within its 20 working days, its service running.
    await expect(page.getByTestId('clock-decision')).toHaveAttribute('data-state', 'met');
    await expect(page.getByTestId('clock-service')).toHaveAttribute('data-state', 'running');
    await expect(page.getByTestId('clock-service')).toContainText('10 working days left');

    const since = Date.now();
    await page.getByTestId('print-decision').click();
    await expect(page.getByTestId('print-state')).toHaveAttribute('data-state', 'completed', { timeout: 30_000 });
    await expect(page.getByTestId('decision')).toHaveAttribute('data-printed', 'true');
    const [printed] = await newPdfOutputs(since);
    const text = layoutText(printed);
    for (const s of [number, validCase.applicant.name, validCase.applicant.passportNo, validCase.permitNo, validCase.validFrom, validCase.validTo, '准予行政许可决定书', '第三十八条', JSON.parse(readFileSync('resources/regions/gb2260.json', 'utf8')).regions[validCase.workPlace][0]]) {
      expect(text).toContain(s);
    }
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    expect(text).toContain(today);

    // The printed QR is the permit's signed code: it decodes and verifies offline.
    const dir = mkdtempSync(join(tmpdir(), 'acw-decision-'));
    execFileSync('pdftoppm', ['-r', '200', '-png', '-singlefile', printed, join(dir, 'page')]);
    const scan = await runCli('scan', join(dir, 'page.png'));
    const read = JSON.parse(scan.stdout) as { text: string | null };
    expect(read.text).toBe(qrs().valid);
    const verdict = await runCli('verify', '--trust-list', 'resources/demo/trust-list.json', '--text', read.text!);
    expect(JSON.parse(verdict.stdout)).toMatchObject({ verdict: 'VALID', permit: { nn: validCase.noticeNo } });

    // The README shows the decision as the printer wrote it.
    execFileSync('pdftoppm', ['-r', '60', '-png', '-singlefile', printed, join(dir, 'small')]);
    copyFileSync(join(dir, 'small.png'), imagePath('decision.png'));

    // The archived PDF is shown inside the app, and can be saved as it is.
    await page.getByTestId('view-decision').click();
    await expect(page.getByTestId('decision-canvas')).toBeVisible();
    await expect.poll(() => page.getByTestId('decision-canvas').evaluate((c: HTMLCanvasElement) => c.width)).toBeGreaterThan(800);
    await expect(page.getByTestId('save-decision')).toHaveAttribute('download', `${number}.pdf`);
    // Esc closes it.
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('decision-preview')).toHaveCount(0);

    const since2 = Date.now();
    await page.getByTestId('print-decision').click();
    await expect(page.getByTestId('print-state')).toContainText('COPY 1', { timeout: 30_000 });
    const [copy] = await newPdfOutputs(since2);
    expect(layoutText(copy)).toMatch(/副本 COPY\s+第1份 No\. 1/);
  });

  test('a stopped printer leaves the decision unprinted, says why and offers to print again', async ({ page, host }) => {
    await clerkAtWindow(page, host, 10);
    await approveAndIssue(page);
    setPrinterRunning(false);
    try {
      await page.getByTestId('print-decision').click();
      await expect(page.getByTestId('print-state')).toHaveAttribute('data-state', 'failed', { timeout: 30_000 });
      await expect(page.getByTestId('print-state')).toContainText(`the printer ${TEST_PRINTER} is stopped, offline or out of paper`);
      // The spooler's own words stay beneath, under "Details".
      await expect(page.getByTestId('print-details')).toContainText(`printer ${TEST_PRINTER} is stopped`);
      await expect(page.getByTestId('decision')).toHaveAttribute('data-printed', 'false');
      await expect(page.getByTestId('print-decision')).toHaveText('Print again');
    } finally {
      setPrinterRunning(true);
    }
    await page.getByTestId('print-decision').click();
    await expect(page.getByTestId('print-state')).toHaveAttribute('data-state', 'completed', { timeout: 30_000 });
    await expect(page.getByTestId('prints').locator('li')).toHaveCount(2);
  });

  test("an overdue case is approved only with a supervisor's password and a written reason", async ({ page, host }) => {
    await clerkAtWindow(page, host);
    await page.getByTestId('case-search').fill('DUBOIS,JEAN-BAPTISTE');
    await page.getByTestId('case-search').press('Enter');
    await page.getByTestId('open-case').first().click();
    await expect(page.getByTestId('deadline')).toHaveAttribute('data-state', 'overdue');
    await recordAllOriginals(page);
    await expect(page.getByTestId('blockers')).toContainText('30 days');
    await page.getByTestId('outcome-approved').check();
    const reason = 'Flight cancelled; entry stamp and airline letter seen.';
    await page.getByTestId('override-username').fill('clerk');
    await page.getByTestId('override-password').fill('clerk-demo');
    await page.getByTestId('override-reason').fill(reason);
    await page.getByTestId('sign-off').click();
    await expect(page.getByTestId('error')).toHaveAttribute('data-code', 'supervisor-required');
    // Said beside the supervisor's password, in view, with the focus there.
    await expect(page.getByTestId('error')).toBeInViewport();
    await expect(page.getByTestId('override-password')).toBeFocused();
    await expect(page.getByTestId('record')).toHaveCount(0);
    await page.getByTestId('override-username').fill('supervisor');
    await page.getByTestId('override-password').fill('supervisor-demo');
    await page.getByTestId('verification').screenshot({ path: imagePath('verification-override.png') });
    await page.getByTestId('sign-off').click();
    await expect(page.getByTestId('record-override')).toContainText(reason);
    await expect(page.getByTestId('case-status')).toHaveText('Verified');
  });

  test("a passport reader typing the MRZ fills the cross-check, another passport is highlighted, and the photo file is checked", async ({ page, host }) => {
    const { applicant } = qrs().validCase;
    await clerkAtWindow(page, host);
    await page.getByTestId('image-file').setInputFiles(fixture('valid.png'));
    await expect(page.getByTestId('identity-qr')).toHaveAttribute('data-verdict', 'VALID');
    // A reader in keyboard mode: each row typed fast and ended by Enter, focus anywhere.
    const typeRows = async ([l1, l2]: [string, string]) => {
      for (const row of [l1, l2]) {
        await page.keyboard.type(row);
        await page.keyboard.press('Enter');
      }
    };
    await typeRows(td3For(applicant));
    await expect(page.getByTestId('identity-mrz')).toHaveAttribute('data-ok', 'true');
    const passportRow = page.getByTestId('cross-check').locator('[data-field="passportNo"]');
    await expect(passportRow.locator('[data-source="mrz"]')).toHaveText(applicant.passportNo);
    await expect(passportRow).toHaveAttribute('data-differs', 'false');
    await expect(page.getByTestId('scan-banner')).toHaveAttribute('data-verdict', 'VALID');

    await typeRows(td3For({ ...applicant, passportNo: 'X12345678' }));
    await expect(passportRow).toHaveAttribute('data-differs', 'true');
    await expect(passportRow.locator('td.differs')).toHaveText(/X12345678/);
    await page.getByTestId('photo-file').setInputFiles(fixture('valid.png'));
    await expect(page.getByTestId('photo-result')).toHaveAttribute('data-ok', 'false');
    await expect(page.getByTestId('photo-result')).toContainText('not a JPEG');
    await expect(page.getByTestId('blockers')).toContainText('identity differences');

    // A file far too large to send: said so on the spot, and the clerk stays signed in at the case.
    await page.getByTestId('photo-file').setInputFiles({ name: 'scan.jpg', mimeType: 'image/jpeg', buffer: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(5 * 1024 * 1024)]) });
    await expect(page.getByTestId('photo-too-big')).toContainText('5.0 MB');
    await expect(page.getByTestId('photo-result')).toHaveCount(0);
    await expect(page.getByTestId('signed-in-as')).toBeVisible();
    await expect(page.getByTestId('identity-qr')).toHaveAttribute('data-verdict', 'VALID');
    // A cut-off JPEG is a photo problem like the others.
    const cut = readFileSync(fixture('valid-photo.jpg')).subarray(0, 30_000);
    await page.getByTestId('photo-file').setInputFiles({ name: 'cut.jpg', mimeType: 'image/jpeg', buffer: cut });
    await expect(page.getByTestId('photo-result')).toContainText('damaged or cut off');
  });

  test('a tampered audit row is named by `audit verify`', async ({ page, host }) => {
    await clerkAtWindow(page, host);
    await approveAndIssue(page);
    await host.stop();
    const intact = await runCli('audit', 'verify', '--data', host.dataDir);
    expect(intact).toMatchObject({ code: 0 });
    expect(JSON.parse(intact.stdout)).toMatchObject({ intact: true, firstBroken: null });
    // Someone with the key edits the log behind the app's back (the triggers must be dropped first).
    const db = openStore(join(host.dataDir, 'store.db'), loadOrCreateStoreKey(openSecrets(host.dataDir, { readOnly: true }), join(host.dataDir, 'store.db')));
    const seq = db.prepare("SELECT seq FROM audit_log WHERE action = 'decision.issued'").pluck().get() as number;
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare("UPDATE audit_log SET actor = 'someone-else' WHERE seq = ?").run(seq);
    db.close();
    const broken = await runCli('audit', 'verify', '--data', host.dataDir);
    expect(broken.code).toBe(1);
    expect(JSON.parse(broken.stdout)).toMatchObject({ intact: false, firstBroken: { seq, problem: 'altered' } });
  });
});
