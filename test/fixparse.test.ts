// test:fast (npm run test:fast: in-process, no CLI or server process)
// The property every fix holds to: applied to the file it was computed on, it adds no syntax
// error, by the language's own parser (not the engine's check, which the test does not trust).
// Every fix costlint produces on every fixture of the repository, with every rule on, LF and CRLF.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { it } from 'node:test';
import { languageOfPath } from '../server/src/core/analyze';
import type { Language } from '../server/src/core/types';
import { analyzeCase } from './fixcases';
import { applyEdits, syntaxErrors } from './helpers';

const ROOT = join(__dirname, '..');
const FOLDERS = ['test/fixtures', 'test/fix-cases', 'test/golden/project', 'examples'];

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? (e.name === 'node_modules' ? [] : files(join(dir, e.name))) : [join(dir, e.name)]))
    .filter((f) => languageOfPath(f) !== null)
    .sort();
}

it('every fix on every fixture of the repository parses, with LF and CRLF line endings', async () => {
  let fixes = 0;
  const languages = new Set<Language>();
  const broken: string[] = [];
  for (const file of FOLDERS.flatMap((f) => files(join(ROOT, f)))) {
    const language = languageOfPath(file)!;
    for (const eol of ['\n', '\r\n']) {
      const text = readFileSync(file, 'utf8').replace(/\r?\n/g, eol);
      const r = await analyzeCase(text, language);
      const before = (await syntaxErrors(text, language)).length;
      for (const f of r.findings) {
        if (!f.fix) continue;
        fixes++;
        languages.add(language);
        const after = await syntaxErrors(applyEdits(text, f.fix.edits), language);
        if (after.length > before)
          broken.push(`${relative(ROOT, file)}:${f.range.start.line + 1} ${f.rule} (${JSON.stringify(eol)}): ${after.slice(0, 2).join('; ')}`);
      }
      assert.deepEqual(
        r.errors.filter((e) => e.component.startsWith('fix:')),
        [],
        `${relative(ROOT, file)}: the engine dropped a broken fix`,
      );
    }
  }
  assert.deepEqual(broken, []);
  // The property is only worth something if it was exercised everywhere.
  assert.ok(fixes > 200, `only ${fixes} fixes were produced`);
  for (const l of ['python', 'typescript', 'ruby', 'go', 'java', 'csharp', 'php', 'prompty', 'dotprompt'] as const)
    assert.ok(languages.has(l), `no fix was produced in ${l}`);
});
