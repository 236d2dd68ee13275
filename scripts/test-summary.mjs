#!/usr/bin/env node
// One closing line over every runner's JSON report, so CI reads one count: "tests: N passed, N failed".
//   node scripts/test-summary.mjs [--checks-failed N] REPORT.json:EXIT_CODE …
// Failures no report counts are counted too, one each, so the line never says "0 failed" when
// something failed: a check that failed (type checks, lint), a runner that left no readable report,
// and a runner that exited with an error while its report shows no failed test (an unhandled error).
import { existsSync, readFileSync } from 'node:fs';

export function summarise(checksFailed, runners) {
  let passed = 0;
  let failed = checksFailed;
  let skipped = 0;
  const notes = [];
  for (const { file, code } of runners) {
    let report = null;
    try {
      if (existsSync(file)) report = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      report = null;
    }
    let reportFailed = 0;
    if (report && 'numPassedTests' in report) {
      passed += report.numPassedTests;
      // A test file that failed to load fails no test of its own: it counts as one.
      const brokenFiles = (report.testResults ?? []).filter((r) => r.status === 'failed' && !(r.assertionResults ?? []).some((a) => a.status === 'failed'));
      reportFailed = report.numFailedTests + brokenFiles.length;
      skipped += report.numPendingTests + (report.numTodoTests ?? 0);
    } else if (report && report.stats) {
      passed += report.stats.expected + (report.stats.flaky ?? 0);
      reportFailed = report.stats.unexpected + (report.errors ?? []).length;
      skipped += report.stats.skipped;
    } else {
      notes.push(`${file}: no report (the runner did not finish)`);
      reportFailed = 1;
    }
    if (code !== 0 && reportFailed === 0) {
      notes.push(`${file}: the runner exited with ${code} outside its tests`);
      reportFailed = 1;
    }
    failed += reportFailed;
  }
  return { line: `tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`, failed, notes };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  let checksFailed = 0;
  if (args[0] === '--checks-failed') {
    checksFailed = Number(args[1]) || 0;
    args.splice(0, 2);
  }
  const runners = args.map((a) => {
    const at = a.lastIndexOf(':');
    return at > 0 ? { file: a.slice(0, at), code: Number(a.slice(at + 1)) || 0 } : { file: a, code: 0 };
  });
  const { line, failed, notes } = summarise(checksFailed, runners);
  for (const n of notes) console.error(`test-summary: ${n}`);
  if (checksFailed) console.error(`test-summary: ${checksFailed} check(s) failed (type checks or lint): see above`);
  console.log(line);
  process.exit(failed ? 1 : 0);
}
