import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chinaDate } from '../src/main/core/dates/calendar';
import { demoCases } from '../src/main/core/demo/demo-cases';

/**
 * The app's demo office's cases as of today, written as a JSON array of Cases (upstream-api.md) for the
 * reference server's `--cases`: the server is seeded with the same notices the app's embedded demo
 * holds, as data, without importing the app. Returns the file's path.
 */
export function writeDemoSeed(dir: string, now = new Date()): string {
  const file = join(dir, 'demo-cases.json');
  writeFileSync(file, JSON.stringify(demoCases(chinaDate(now))));
  return file;
}
