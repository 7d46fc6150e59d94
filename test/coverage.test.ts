// test:fast (npm run test:fast: in-process, no CLI or server process)
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { coverageMarkdown } from './coverage';
import { readmeWithSummary, recognitionMarkdown } from './recognition';

it('docs/coverage.md matches the fixtures (run `npm run coverage` after changing them)', async () => {
  assert.equal(readFileSync(join(__dirname, '..', 'docs', 'coverage.md'), 'utf8'), await coverageMarkdown());
});

it('docs/recognition.md matches the SDK catalogue (run `npm run coverage` after changing it)', () => {
  assert.equal(readFileSync(join(__dirname, '..', 'docs', 'recognition.md'), 'utf8'), recognitionMarkdown());
});

it("README.md's summary of SDKs by language matches the SDK catalogue (run `npm run coverage` after changing it)", () => {
  const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
  assert.equal(readme, readmeWithSummary(readme));
});
