import { closeSync, mkdtempSync, openSync, readFileSync, writeSync } from 'node:fs';
import { socatPair } from '../support/pty';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, rawCalls, signIn, test } from './fixtures';
import { fixture } from './paths';


test('a scanner in USB-serial mode: its scans reach the police screen, and it is picked up again after an unplug', async ({ page, host }) => {
  const dir = mkdtempSync(join(tmpdir(), 'acw-e2e-serial-'));
  let pair = await socatPair(dir, ['scanner', 'far']);
  try {
    await page.goto(host.launchUrl);
    const set = await rawCalls(page, [
      { id: 1, method: 'session.signIn', params: { username: 'admin', password: 'admin-demo' } },
      { id: 2, method: 'settings.update', params: { scannerKind: 'serial', scannerPath: pair.near, scannerBaudRate: 115200 } },
    ]);
    expect(set[1].result.ok).toBe(true);

    await signIn(page, host, 'police', 'police-demo');
    await expect(page.getByTestId('scanner-state')).toHaveAttribute('data-state', 'connected');
    const qrs = JSON.parse(readFileSync(fixture('qrs.json'), 'utf8')) as Record<string, string>;
    const fd = openSync(pair.far, 'w');
    writeSync(fd, `${qrs.valid}\r\n`);
    closeSync(fd);
    await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'VALID');

    pair.proc.kill();
    await expect(page.getByTestId('scanner-state')).toHaveAttribute('data-state', 'disconnected', { timeout: 10_000 });
    pair = await socatPair(dir, ['scanner', 'far']);
    await expect(page.getByTestId('scanner-state')).toHaveAttribute('data-state', 'connected', { timeout: 10_000 });
    const again = openSync(pair.far, 'w');
    writeSync(again, `${qrs.revoked}\n`);
    closeSync(again);
    await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'REVOKED');
  } finally {
    pair.proc.kill();
  }
});
