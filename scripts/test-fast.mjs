// npm run test:fast: the test files marked `// test:fast` on their first line (the core, fixture,
// rule and fix tests, in-process: no CLI, server or editor process), two at a time, each describe's
// tests in reverse order (test/reverse-order.cjs): a test that leans on an earlier one fails here.
// The full suite is `npm test`.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..', 'test');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.test.ts') && readFileSync(join(dir, f), 'utf8').startsWith('// test:fast'))
  .map((f) => join('test', f));
const r = spawnSync(
  process.execPath,
  ['--require', './test/reverse-order.cjs', '--import', 'tsx', '--test', '--test-concurrency=2', ...process.argv.slice(2), ...files],
  { stdio: 'inherit' },
);
process.exit(r.status ?? 1);
