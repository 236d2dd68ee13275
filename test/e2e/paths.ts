import { join } from 'node:path';

/** Files the global set-up makes for the tests (outside Playwright's output folder, which it empties). */
export const FIXTURES = join(import.meta.dirname, '..', '..', 'test-results', 'fixtures');
export const fixture = (name: string) => join(FIXTURES, name);
