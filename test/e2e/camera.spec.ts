import { expect, signIn, test } from './fixtures';
import { fixture } from './paths';
import config from '../../playwright.config';

// Chromium's fake camera plays the video the global set-up made: the valid notice held at an angle.
test.use({
  launchOptions: {
    ...config.use!.launchOptions,
    args: [
      ...(config.use!.launchOptions!.args ?? []),
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${fixture('valid-notice.y4m')}`,
    ],
  },
});

test('a police officer scans a notice held up to the camera and sees it is valid', async ({ page, host }) => {
  await signIn(page, host, 'police', 'police-demo');
  await page.getByTestId('camera-start').click();
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'VALID', { timeout: 20_000 });
  // A stable read stops the camera.
  await expect(page.getByTestId('camera-start')).toBeVisible();
});

test("pressing the camera button clears the previous holder's verdict at once", async ({ page, host }) => {
  await signIn(page, host, 'police', 'police-demo');
  await page.getByTestId('image-file').setInputFiles(fixture('revoked.png'));
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'REVOKED');
  await page.getByTestId('camera-start').click();
  // Whatever comes next, the revoked holder's verdict is gone from the moment the scan starts.
  await expect(page.locator('[data-verdict="REVOKED"]')).toHaveCount(0, { timeout: 1000 });
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'VALID', { timeout: 20_000 });
  await expect(page.getByTestId('verdict-area')).toHaveAttribute('data-state', 'result');
});
