// test:fast (npm run test:fast: in-process, no CLI or server process)
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { coverageMarkdown } from './coverage';

it('docs/coverage.md matches the fixtures (run `npm run coverage` after changing them)', async () => {
  assert.equal(readFileSync(join(__dirname, '..', 'docs', 'coverage.md'), 'utf8'), await coverageMarkdown());
});
