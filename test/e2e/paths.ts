import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** Files the global set-up makes for the tests (outside Playwright's output folder, which it empties). */
export const FIXTURES = join(import.meta.dirname, '..', '..', 'test-results', 'fixtures');
export const fixture = (name: string) => join(FIXTURES, name);

/**
 * Where the tests save the pictures the README shows: under test-results/ on every run, so a test run
 * never rewrites tracked files; `npm run docs:images` runs the same tests with this set to docs/images.
 */
export const IMAGES = process.env.ACW_IMAGES_DIR ?? join(import.meta.dirname, '..', '..', 'test-results', 'images');
export function imagePath(name: string): string {
  mkdirSync(IMAGES, { recursive: true });
  return join(IMAGES, name);
}
