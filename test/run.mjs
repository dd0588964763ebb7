// Runs the compiled test files with node's test runner. Node 20's runner takes no globs, so we list them.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function find(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return find(path);
    return name.endsWith('.test.js') ? [path] : [];
  });
}

const filter = process.argv.slice(2);
// The runner starts files in the order given, two at a time: the long suites (a browser, several processes)
// go first, so the last minutes are not one long file running alone.
const LONG_SUITES = ['webapp-walk', 'webapp.test', 'property', 'behind-nginx', 'webapp-oauth', 'multi-instance'];
const longIndex = (file) => {
  const index = LONG_SUITES.findIndex((part) => file.includes(part));
  return index === -1 ? LONG_SUITES.length : index;
};
const longestFirst = (a, b) => longIndex(a) - longIndex(b) || a.localeCompare(b);
// Files to leave out (comma-separated name parts): CI runs the suites whose environment is fixed (their own
// PostgreSQL, Redis, processes) once, not again in every database's pass.
const exclude = (process.env.TEST_EXCLUDE ?? '').split(',').filter(Boolean);
// The build is incremental, so a deleted test's compiled file may linger: run only those with a source.
const hasSource = (file) => existsSync(file.replace(/^dist[\\/]/, '').replace(/\.js$/, '.ts'));
const files = find('dist/test')
  .filter(hasSource)
  .filter((file) => filter.length === 0 || filter.some((f) => file.includes(f)))
  .filter((file) => !exclude.some((part) => file.includes(part)))
  .sort(longestFirst);
if (files.length === 0) {
  console.error('No test files found under dist/test (did the build run?)');
  process.exit(1);
}
const concurrency = process.env.TEST_CONCURRENCY ?? '2';
const result = spawnSync(
  process.execPath,
  ['--enable-source-maps', '--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...files],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
