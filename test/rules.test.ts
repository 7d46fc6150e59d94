// test:fast (npm run test:fast: in-process, no CLI or server process)
// Meta-tests: every rule is documented with the agreed sections and exercised by a fixture.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { RULES } from '../server/src/core/rules';

const ROOT = join(__dirname, '..');
const SECTIONS = ['## What it does', '## Why it matters', '## Example', '## Fix', '## Fix safety', '## Options'];

function fixtureTexts(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? fixtureTexts(join(dir, e.name)) : [readFileSync(join(dir, e.name), 'utf8')],
  );
}

describe('rules', () => {
  const fixtures = fixtureTexts(join(__dirname, 'fixtures')).join('\n');
  for (const rule of RULES) {
    it(`${rule.meta.id}: has a docs page with every section`, () => {
      assert.match(rule.meta.id, /^[a-z]+(-[a-z]+)*$/);
      assert.equal(rule.meta.docs, `docs/rules/${rule.meta.id}.md`);
      const path = join(ROOT, rule.meta.docs);
      assert.ok(existsSync(path), `${rule.meta.docs} is missing`);
      const doc = readFileSync(path, 'utf8');
      assert.ok(doc.startsWith(`# ${rule.meta.id}\n`), 'the page is titled with the rule id');
      for (const s of SECTIONS) assert.ok(doc.includes(`\n${s}\n`), `${rule.meta.docs} lacks "${s}"`);
    });
    it(`${rule.meta.id}: its docs list every option with its default, and the defaults parse`, () => {
      const doc = readFileSync(join(ROOT, rule.meta.docs), 'utf8');
      const section = doc.slice(doc.indexOf('\n## Options\n'));
      const shape = rule.meta.options?.shape ?? {};
      for (const key of Object.keys(shape)) assert.match(section, new RegExp(`\\| \`${key}\` \\| `), `${rule.meta.docs} does not document the option ${key}`);
      if (rule.meta.options) assert.doesNotThrow(() => rule.meta.options!.parse({}), 'every option has a default');
    });
    it(`${rule.meta.id}: is expected by at least one fixture`, () => {
      assert.ok(fixtures.includes(`finding ${rule.meta.id} `), `no fixture annotates a ${rule.meta.id} finding`);
    });
  }
  it('rule ids are unique', () => {
    assert.equal(new Set(RULES.map((r) => r.meta.id)).size, RULES.length);
  });
});
