import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module script without types
import { summarise } from './test-summary.mjs';

const dir = mkdtempSync(join(tmpdir(), 'acw-summary-'));
const write = (name: string, report: unknown) => {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(report));
  return file;
};
const vitestReport = (passed: number, failed: number, extra: object = {}) => ({ numPassedTests: passed, numFailedTests: failed, numPendingTests: 0, testResults: [], ...extra });
const playwrightReport = (expected: number, unexpected: number) => ({ stats: { expected, unexpected, skipped: 0, flaky: 0 }, errors: [] });

describe('the closing line of npm test', () => {
  it('adds up the runners', () => {
    const r = summarise(0, [{ file: write('v.json', vitestReport(10, 0)), code: 0 }, { file: write('p.json', playwrightReport(5, 0)), code: 0 }]);
    expect(r.line).toBe('tests: 15 passed, 0 failed');
  });

  it('counts failed tests, failed checks, a runner that left no report and one that failed outside its tests', () => {
    const r = summarise(2, [
      { file: write('v2.json', vitestReport(10, 3)), code: 1 },
      { file: join(dir, 'never-written.json'), code: 1 },
      { file: write('p2.json', playwrightReport(4, 0)), code: 1 },
    ]);
    expect(r.line).toBe('tests: 14 passed, 7 failed');
    expect(r.failed).toBe(7);
  });

  it('counts a test file that failed to load', () => {
    const report = vitestReport(1, 0, { testResults: [{ status: 'failed', assertionResults: [] }, { status: 'passed', assertionResults: [{ status: 'passed' }] }] });
    expect(summarise(0, [{ file: write('v3.json', report), code: 1 }]).line).toBe('tests: 1 passed, 1 failed');
  });
});
