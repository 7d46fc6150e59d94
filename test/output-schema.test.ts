// The JSON output's contract (docs/json-output.md) as a JSON Schema (schemas/lint-output.schema.json),
// held against what the CLI really prints: every fixture language, measured usage, features and
// owners, provider exports. The schema allows no field it does not name, so a field added to the
// output without its documentation fails here.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import { runCli, tempProject } from './helpers';

const ROOT = join(__dirname, '..');
const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(join(ROOT, 'schemas', 'lint-output.schema.json'), 'utf8')));
type Output = Record<string, any>;
const check = (stdout: string, what: string): Output => {
  const out = JSON.parse(stdout) as Output;
  assert.ok(validate(out), `${what}: ${JSON.stringify(validate.errors?.slice(0, 5), null, 1)}`);
  return out;
};

describe('the JSON output against its schema', () => {
  it('every fixture (all languages, notebooks, prompt files, budgets): valid, and the schema is not vacuous', () => {
    const r = runCli(ROOT, ['lint', 'test/fixtures', '--format', 'json', '--fail-on', 'none', '--as-of', '2026-12-01']);
    const out = check(r.stdout, 'test/fixtures');
    assert.ok(out.callSites.length > 500 && out.findings.length > 100, 'the fixtures give a rich output');
    // What the schema refuses: an undocumented field, a wrong type.
    assert.equal(validate({ ...out, extra: 1 }), false);
    assert.equal(validate({ ...out, callSites: [{ ...out.callSites[0], costUsd: 1 }] }), false);
    assert.equal(validate({ ...out, totals: { ...out.totals, callSites: '3' } }), false);
  });

  it('with measured usage, features, owners, a provider export and configuration problems', () => {
    const dir = tempProject(
      {
        'app/bot.py':
          'from openai import OpenAI\nclient = OpenAI()\ndef reply(q):\n    return client.chat.completions.create(model="gpt-4.1-mini", max_tokens=500, messages=[{"role": "user", "content": q}])\n',
        'costlint.json': JSON.stringify({ features: { 'app/**': 'support' }, usage: { '**': 1000 }, rules: { 'no-such-rule': 'off' } }),
        CODEOWNERS: '* @acme/ai\n',
      },
      'costlint-schema-',
    );
    const spans = readFileSync(join(ROOT, 'test', 'data', 'usage', 'otel-js-openai.json'), 'utf8')
      .replace(/\/srv\/app\/web\/api\.ts/g, 'app/bot.py')
      .replace(/"intValue": (9|10)\b/g, '"intValue": 4');
    writeFileSync(join(dir, 'spans.json'), spans);
    assert.equal(runCli(dir, ['usage', 'import', 'spans.json', '--write', '--as-of', '2026-12-01']).code, 0);
    assert.equal(
      runCli(dir, ['usage', 'import', join(ROOT, 'test', 'data', 'usage', 'openai-usage-completions.jsonl'), '--write', '--as-of', '2026-12-01']).code,
      0,
    );
    const out = check(runCli(dir, ['lint', '--format', 'json', '--fail-on', 'none', '--as-of', '2026-12-01']).stdout, 'measured project');
    assert.ok(out.callSites[0].measured && out.callSites[0].feature && out.callSites[0].owners, JSON.stringify(out.callSites[0]).slice(0, 300));
    assert.ok(out.measuredModels.length && out.totals.byFeature && out.totals.byOwner && out.configIssues.length);
  });
});
