// costlint.json: parsed with comments, validated field by field (a wrong field falls back to its
// default, the rest applies), found nearest to each file, and applied to the estimates.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { Tiktoken } from 'js-tiktoken/lite';
import o200k from 'js-tiktoken/ranks/o200k_base';
import { configJsonSchema, parseConfig, settingsFromConfig } from '../server/src/core/config';
import { configFor } from '../server/src/core/node';
import { readFileSync } from 'node:fs';
import { SCHEMA_PATH, schemaText } from '../scripts/schema';
import { analyzeText, analyzer } from './helpers';

let enc: Tiktoken | undefined;
const count = (s: string) => (enc ??= new Tiktoken(o200k)).encode(s, [], []).length;
const at = (text: string, needle: string) => {
  const i = text.indexOf(needle);
  const before = text.slice(0, i).split('\n');
  return { line: before.length - 1, character: before.at(-1)!.length };
};

describe('costlint.json', () => {
  it('accepts comments and trailing commas', () => {
    const text = `{\n  // sizes of what users type\n  "defaults": {\n    "dynamicParts": { "user_input": 500, },\n    "expectedOutputTokens": 300,\n  },\n}\n`;
    const r = parseConfig(text);
    assert.deepEqual(r.issues, []);
    assert.deepEqual(r.config, { defaults: { dynamicParts: { user_input: 500 }, expectedOutputTokens: 300 } });
  });

  it('a wrong type points at the value, names the field, and the other fields still apply', () => {
    const text = `{\n  "defaults": {\n    "expectedOutputTokens": "lots",\n    "dynamicParts": { "question": 200 }\n  }\n}\n`;
    const r = parseConfig(text);
    assert.equal(r.issues.length, 1);
    assert.equal(r.issues[0].message, '`defaults.expectedOutputTokens` must be a number');
    assert.equal(r.issues[0].path, 'defaults.expectedOutputTokens');
    assert.deepEqual(r.issues[0].range.start, at(text, '"lots"'));
    assert.deepEqual(r.config, { defaults: { dynamicParts: { question: 200 } } });
  });

  it('negative sizes, fractions and unknown fields are each reported at their place', () => {
    const text = `{\n  "defualts": {},\n  "defaults": { "dynamicParts": { "a": -5, "b": 2.5, "c": 10 }, "outputCap": 0 }\n}\n`;
    const r = parseConfig(text);
    const byPath = Object.fromEntries(r.issues.map((i) => [i.path, i]));
    assert.deepEqual(Object.keys(byPath).sort(), ['defaults.dynamicParts.a', 'defaults.dynamicParts.b', 'defaults.outputCap', 'defualts']);
    assert.equal(byPath['defualts'].message, 'unknown field `defualts`');
    assert.deepEqual(byPath['defualts'].range.start, at(text, '"defualts"'));
    assert.equal(byPath['defaults.dynamicParts.a'].message, '`defaults.dynamicParts.a` must be at least 0');
    assert.deepEqual(byPath['defaults.dynamicParts.a'].range.start, at(text, '-5'));
    assert.equal(byPath['defaults.dynamicParts.b'].message, '`defaults.dynamicParts.b` must be a whole number');
    assert.equal(byPath['defaults.outputCap'].message, '`defaults.outputCap` must be at least 1');
    assert.deepEqual(r.config, { defaults: { dynamicParts: { c: 10 } } });
  });

  it('text that is not JSON is one error at the place it breaks, and the empty config', () => {
    const text = `{\n  "defaults": { "outputCap": 512 \n  "x": 1\n}\n`;
    const r = parseConfig(text);
    assert.equal(r.issues.length, 1);
    assert.match(r.issues[0].message, /^not valid JSON: comma expected/);
    assert.deepEqual(r.issues[0].range.start, at(text, '"x"'));
    assert.deepEqual(r.config, {});
    assert.match(parseConfig('').issues[0].message, /not valid JSON/);
    assert.match(parseConfig('[1, 2]').issues[0].message, /the file must be an object/);
  });

  it('the nearest costlint.json applies (monorepo packages), never one above the root', () => {
    const root = mkdtempSync(join(tmpdir(), 'costlint-config-'));
    const put = (p: string, s: string) => {
      mkdirSync(dirname(join(root, p)), { recursive: true });
      writeFileSync(join(root, p), s);
    };
    put('costlint.json', '{ "defaults": { "expectedOutputTokens": 100 } }');
    put('packages/api/costlint.json', '{ "defaults": { "expectedOutputTokens": 900 } }');
    put('packages/api/src/a.py', '');
    put('packages/web/src/b.ts', '');
    assert.equal(configFor(join(root, 'packages/api/src/a.py'), root).config.defaults?.expectedOutputTokens, 900);
    assert.equal(configFor(join(root, 'packages/web/src/b.ts'), root).config.defaults?.expectedOutputTokens, 100);
    assert.equal(configFor(join(root, 'packages/web/src/b.ts'), join(root, 'packages/web')).path, null);
    // A change is seen on the next read.
    put('packages/api/costlint.json', '{ "defaults": { "expectedOutputTokens": 901 } }');
    const later = new Date(Date.now() + 5000);
    require('node:fs').utimesSync(join(root, 'packages/api/costlint.json'), later, later);
    assert.equal(configFor(join(root, 'packages/api/src/a.py'), root).config.defaults?.expectedOutputTokens, 901);
  });

  it('the JSON Schema generated from the zod schema describes the same fields', () => {
    const schema = configJsonSchema() as { properties: Record<string, { properties?: Record<string, unknown> }>; additionalProperties: boolean };
    assert.deepEqual(Object.keys(schema.properties.defaults.properties!).sort(), ['dynamicParts', 'expectedOutputTokens', 'outputCap']);
    assert.equal(schema.additionalProperties, false);
    assert.equal(readFileSync(SCHEMA_PATH, 'utf8'), schemaText(), 'schemas/costlint.schema.json is stale: run npm run schema');
    const pkg = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8'));
    assert.deepEqual(pkg.contributes.jsonValidation, [{ fileMatch: 'costlint.json', url: './schemas/costlint.schema.json' }]);
  });
});

describe('configured sizes in the estimate', () => {
  const SRC = `from openai import OpenAI\ndef answer(question, context):\n    return OpenAI().chat.completions.create(model="gpt-4o", max_tokens=800, messages=[{"role": "system", "content": "Answer from the context."}, {"role": "user", "content": f"Context: {context}\\nQuestion: {question}"}])\n`;

  it('a dynamic part with a configured size is priced at that size and said; the others stay unknown', async () => {
    const plain = (await analyzeText(SRC, 'python')).callSites[0].estimate;
    const r = await analyzeText(SRC, 'python', settingsFromConfig({ defaults: { dynamicParts: { context: 2000 } } }, {}));
    const c = r.callSites[0];
    const e = c.estimate;
    assert.equal(e.inputTokens.static, plain.inputTokens.static, 'the counted text is unchanged');
    assert.equal(e.inputTokens.assumed, 2000);
    assert.deepEqual(e.inputTokens.unknownParts, ['question']);
    assert.deepEqual(c.prompt.unknown.map((u) => [u.name, u.assumedTokens]), [['context', 2000], ['question', undefined]]);
    const card = (await analyzer()).rateCards.find('gpt-4o')!;
    assert.equal(e.costUsd!.min, Math.round((((e.inputTokens.static + 2000) * card.input) / 1e6) * 1e8) / 1e8);
    assert.ok(e.assumptions.includes('`context` assumed 2,000 tokens (costlint.json defaults.dynamicParts)'), e.assumptions.join('\n'));
    assert.ok(e.assumptions.some((a) => a.startsWith('1 dynamic part not counted') && a.includes('`question`')));
  });

  it('`*` sizes every dynamic part the configuration does not name', async () => {
    const e = (await analyzeText(SRC, 'python', settingsFromConfig({ defaults: { dynamicParts: { context: 2000, '*': 50 } } }, {}))).callSites[0].estimate;
    assert.equal(e.inputTokens.assumed, 2050);
    assert.deepEqual(e.inputTokens.unknownParts, []);
    assert.ok(e.assumptions.includes("`question` assumed 50 tokens (costlint.json defaults.dynamicParts['*'])"));
  });

  it('an expected output size gives an expected cost next to the worst case, never above the cap', async () => {
    const card = (await analyzer()).rateCards.find('gpt-4o')!;
    const e = (await analyzeText(SRC, 'python', settingsFromConfig({ defaults: { expectedOutputTokens: 250 } }, {}))).callSites[0].estimate;
    const input = e.inputTokens.static;
    assert.equal(e.expected!.outputTokens, 250);
    assert.equal(e.expected!.costUsd, Math.round(((input * card.input + 250 * card.output!) / 1e6) * 1e8) / 1e8);
    assert.equal(e.costUsd!.max, Math.round(((input * card.input + 800 * card.output!) / 1e6) * 1e8) / 1e8, 'the worst case is still the cap');
    const over = (await analyzeText(SRC, 'python', { expectedOutputTokens: 5000 })).callSites[0].estimate;
    assert.equal(over.expected!.outputTokens, 800);
    assert.match(over.expected!.basis, /held to the cap, 800/);
    assert.equal((await analyzeText(SRC, 'python')).callSites[0].estimate.expected, undefined, 'no expected figure unless configured');
  });

  it('the prompt text of a sized part is the same text: a count check against tiktoken', async () => {
    const e = (await analyzeText(SRC, 'python', { dynamicParts: { context: 10 } })).callSites[0].estimate;
    assert.equal(e.inputTokens.static, count('Answer from the context.') + count('Context: \nQuestion: ') + 2 * 3 + 3);
  });
});

describe('costlint.json rules', () => {
  const SRC = `from openai import OpenAI\nclient = OpenAI()\nclient.chat.completions.create(model="gpt-5.5", messages=[{"role": "user", "content": "Hi"}])\n`;

  it('a rule set to another severity is reported at it; "off" silences it', async () => {
    const parsed = parseConfig('{ "rules": { "uncapped-output": "error", "prompt-exceeds-context": { "severity": "off" } } }');
    assert.deepEqual(parsed.issues, []);
    const r = await analyzeText(SRC, 'python', settingsFromConfig(parsed.config, {}));
    assert.deepEqual(r.findings.map((f) => [f.rule, f.severity]), [['uncapped-output', 'error']]);
    const off = await analyzeText(SRC, 'python', settingsFromConfig(parseConfig('{ "rules": { "uncapped-output": "off" } }').config, {}));
    assert.deepEqual(off.findings, []);
  });

  it('an unknown rule id or severity is an error at its place, naming the rules there are', () => {
    const text = `{\n  "rules": {\n    "uncaped-output": "warning",\n    "uncapped-output": "loud"\n  }\n}\n`;
    const r = parseConfig(text);
    const byPath = Object.fromEntries(r.issues.map((i) => [i.path, i]));
    assert.match(byPath['rules.uncaped-output'].message, /^unknown rule `uncaped-output` \(rules: uncapped-output, /);
    assert.deepEqual(byPath['rules.uncaped-output'].range.start, at(text, '"uncaped-output"'));
    assert.ok(byPath['rules.uncapped-output'], 'the bad severity is reported');
    assert.deepEqual(byPath['rules.uncapped-output'].range.start, at(text, '"loud"'));
    assert.deepEqual(r.config, { rules: {} });
  });
});

describe('costlint.json budgets and usage', () => {
  it('usage globs match the file relative to the config, first match wins; budgets pass through', () => {
    const parsed = parseConfig('{ "budgets": { "perCall": 0.05, "perMonth": 200 }, "usage": { "app/chat/**": 50000, "app/**": 1000 } }');
    assert.deepEqual(parsed.issues, []);
    const chat = settingsFromConfig(parsed.config, {}, 'costlint.json', 'app/chat/routes.py');
    assert.deepEqual(chat.callsPerMonth, { calls: 50000, glob: 'app/chat/**' });
    assert.deepEqual(chat.budgets, { perCall: 0.05, perMonth: 200 });
    assert.deepEqual(settingsFromConfig(parsed.config, {}, 'costlint.json', 'app/jobs.py').callsPerMonth, { calls: 1000, glob: 'app/**' });
    assert.equal(settingsFromConfig(parsed.config, {}, 'costlint.json', 'scripts/x.py').callsPerMonth, undefined);
  });

  it('a negative or non-numeric budget is reported at its value and dropped', () => {
    const text = '{ "budgets": { "perCall": -1, "perMonth": "lots" } }';
    const r = parseConfig(text);
    assert.deepEqual(r.issues.map((i) => [i.path, i.message]), [
      ['budgets.perCall', '`budgets.perCall` must be more than 0'],
      ['budgets.perMonth', '`budgets.perMonth` must be a number'],
    ]);
    assert.deepEqual(r.config, { budgets: {} });
  });
});
