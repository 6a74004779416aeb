// CI: counts a vitest JSON report as "<passed> <failed>" on stdout. A test file that failed
// without a failing test (it did not load, or a hook threw) counts as one failed test, and
// so does a run that exited non-zero with nothing failed in the report (an unhandled error),
// or a report that is missing or unreadable.
//
//   node scripts/ci-count.mjs <report.json> <vitest exit status>
import { readFileSync } from 'node:fs';

const [file, status] = process.argv.slice(2);
let passed = 0;
let failed = 0;
try {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed = report.numPassedTests;
  failed = report.numFailedTests;
  for (const result of report.testResults) {
    if (result.status === 'failed' && !result.assertionResults.some((test) => test.status === 'failed')) failed += 1;
  }
  if (!Number.isInteger(passed) || !Number.isInteger(failed)) throw new Error('no test counts in the report');
} catch (error) {
  process.stderr.write(`ci-count: ${file}: ${error.message}\n`);
  passed = 0;
  failed = 1;
}
if (failed === 0 && status !== '0') failed = 1;
process.stdout.write(`${passed} ${failed}\n`);
