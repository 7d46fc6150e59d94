// test:fast (npm run test:fast: in-process, no CLI or server process)
// Every fix, in every language it is written in, against its expected output (test/fix-cases/,
// see test/fixcases.ts): the exact text, no new syntax errors by the language's own parser, and
// the finding gone on a second lint with nothing else changed. CRLF files get CRLF fixes.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { AnalysisResult, Finding } from '../server/src/core/types';
import { analyzeCase, fixCases, fixTableMarkdown, type FixCase } from './fixcases';
import { applyEdits, syntaxErrors } from './helpers';

const rulesOf = (r: AnalysisResult) => r.findings.map((f) => f.rule).sort();

async function check(c: FixCase, eol: '\n' | '\r\n'): Promise<void> {
  const input = c.input.replace(/\r?\n/g, eol);
  const before = await analyzeCase(input, c.language);
  assert.deepEqual(before.errors, [], 'the analysis had isolated failures');
  const mine = before.findings.filter((f) => f.rule === c.rule);
  assert.ok(mine.length > 0, `no ${c.rule} finding; findings: ${before.findings.map((f) => `${f.rule} (${f.message.slice(0, 80)})`).join('; ') || 'none'}`);
  if (c.expected === null) {
    assert.deepEqual(
      mine.map((f) => f.fix),
      mine.map(() => null),
      'a fix is offered where no correct edit exists',
    );
    return;
  }
  const fixed = mine.filter((f): f is Finding & { fix: NonNullable<Finding['fix']> } => f.fix !== null);
  assert.equal(fixed.length, 1, `expected one ${c.rule} finding with a fix, found ${fixed.length}`);
  const output = applyEdits(input, fixed[0].fix.edits);
  assert.equal(output, c.expected.replace(/\r?\n/g, eol));
  // No line ending of another kind slipped in.
  if (eol === '\r\n') assert.ok(!/[^\r]\n/.test(output), 'a bare \\n in a CRLF file');
  const errorsBefore = await syntaxErrors(input, c.language);
  const errorsAfter = await syntaxErrors(output, c.language);
  assert.deepEqual(errorsAfter, errorsBefore, 'the fix adds syntax errors');
  const after = await analyzeCase(output, c.language);
  const expectedRules = rulesOf(before);
  expectedRules.splice(expectedRules.indexOf(c.rule), 1);
  assert.deepEqual(rulesOf(after), expectedRules, 'after the fix, the finding is gone and nothing else changed');
  assert.equal(after.callSites.length, before.callSites.length, 'the fixed file has the same call sites');
}

describe('fix cases (test/fix-cases)', () => {
  for (const c of fixCases()) {
    it(`${c.rule}: ${c.name} — ${c.about}`, async () => {
      await check(c, '\n');
      await check(c, '\r\n');
    });
  }
  it('docs/fixes.md matches the cases (run `npm run coverage` after changing them)', () => {
    assert.equal(readFileSync(join(__dirname, '..', 'docs', 'fixes.md'), 'utf8'), fixTableMarkdown());
  });
});
