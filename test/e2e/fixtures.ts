import { test as base, expect, type Page } from '@playwright/test';
import { startHost, type RunningHost } from '../support/web-host';

export { startHost, type RunningHost };

export const test = base.extend<{ host: RunningHost }>({
  host: async ({}, use) => {
    const host = await startHost();
    await use(host);
    await host.stop();
  },
});

export { expect };

export async function signIn(page: Page, host: RunningHost, username: string, password: string): Promise<void> {
  await page.goto(host.launchUrl);
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill(password);
  await page.locator('input[name=password]').press('Enter');
  await expect(page.getByTestId('signed-in-as')).toBeVisible();
}

/** A clerk signed in with the screen in English, the case with this notice number open. */
export async function openCaseAsClerk(page: Page, host: RunningHost, noticeNo: string): Promise<void> {
  await signIn(page, host, 'clerk', 'clerk-demo');
  await page.getByTestId('language').selectOption('en');
  await page.getByTestId('case-search').fill(noticeNo);
  await page.getByTestId('case-search').press('Enter');
  await page.getByTestId('open-case').first().click();
  await expect(page.getByTestId('notice-no')).toHaveText(noticeNo);
}

/**
 * Raw frames over a new WebSocket from the page (a new session), one after the other, as a hostile
 * or buggy renderer could send them; returns each answer.
 */
export async function rawCalls(page: Page, frames: unknown[]): Promise<{ id: number | null; result: { ok: boolean; value?: unknown; error?: { code: string; fields?: string[] } } }[]> {
  return page.evaluate(
    (list) =>
      new Promise((resolve, reject) => {
        const ws = new WebSocket(`ws://${location.host}/api`);
        const answers: unknown[] = [];
        const sendNext = () => {
          const f = list[answers.length];
          ws.send(typeof f === 'string' ? f : JSON.stringify(f));
        };
        ws.onopen = sendNext;
        ws.onmessage = (ev) => {
          const frame = JSON.parse(String(ev.data));
          // Events the core pushes (scanner states) are not answers.
          if ('event' in frame) return;
          answers.push(frame);
          if (answers.length === list.length) {
            ws.close();
            resolve(answers as never);
          } else sendNext();
        };
        ws.onerror = () => reject(new Error('websocket refused'));
      }),
    frames,
  );
}

/** Changes settings as the demo admin, through the API on a connection of its own. */
export async function setSettings(page: Page, host: RunningHost, change: Record<string, unknown>): Promise<void> {
  await page.goto(host.launchUrl);
  const [, answer] = await rawCalls(page, [
    { id: 1, method: 'session.signIn', params: { username: 'admin', password: 'admin-demo' } },
    { id: 2, method: 'settings.update', params: change },
  ]);
  expect(answer.result.ok).toBe(true);
}

/** Every checklist line recorded as the window expects it: originals seen, photocopies retained. */
export async function recordAllOriginals(page: Page) {
  const rows = page.getByTestId('checklist').locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  const count = await rows.count();
  for (let i = 0; i < count; i++) {
    const row = rows.nth(i);
    const hint = (await row.locator('th small').textContent()) ?? '';
    const evidence = /photocopy/.test(hint) ? 'copy_retained' : /original/.test(hint) ? 'original_seen' : 'not_applicable';
    await row.getByTestId('evidence').selectOption(evidence);
  }
  await expect(page.getByTestId('draft-state')).toHaveAttribute('data-state', 'saved');
}

/** The clerk finds a case by a number (notice, permit, passport…) in the case search and opens it. */
export async function openCaseBySearch(page: Page, query: string, noticeNo: string) {
  const box = page.getByTestId('case-search');
  await box.fill(query);
  await box.press('Enter');
  await page.getByTestId('results').getByRole('button', { name: noticeNo, exact: true }).click();
}
