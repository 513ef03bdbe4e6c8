// Prints one line of counts for a mocha JSON report, and each failing test (with its reason) when FAILURES=1.
//   node summarize.mjs report.json suite-name
import {readFileSync} from 'node:fs';

const [file, name] = process.argv.slice(2);
const report = JSON.parse(readFileSync(file, 'utf8'));
const {stats} = report;
const line = `${name}: ${stats.tests} tests, ${stats.passes} passed, ` +
  `${stats.failures} failed, ${stats.pending} pending`;
console.log(line);
if(process.env.FAILURES === '1') {
  for(const test of report.failures) {
    const reason = (test.err?.message || '').split('\n')[0].slice(0, 240);
    console.log(`  FAIL ${test.fullTitle}\n       ${reason}`);
  }
}
