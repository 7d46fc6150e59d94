// test:fast (npm run test:fast: in-process, no CLI or server process)
// costlint.json: parsed with comments, validated field by field (a wrong field falls back to its
// default, the rest applies), found nearest to each file, and applied to the estimates.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { Tiktoken } from 'js-tiktoken/lite';
import o200k from 'js-tiktoken/ranks/o200k_base';
import { configJsonSchema, excludedBy, parseConfig, settingsFromConfig, unmatchedUsageIds } from '../server/src/core/config';
import { configFor, projectSettings } from '../server/src/host/node';
import { readFileSync } from 'node:fs';
import { SCHEMA_PATH, schemaText } from '../scripts/schema';
import { formatUsd } from '../server/src/core/format';
import { hoverMarkdown } from '../server/src/hover';
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
    utimesSync(join(root, 'packages/api/costlint.json'), later, later);
    assert.equal(configFor(join(root, 'packages/api/src/a.py'), root).config.defaults?.expectedOutputTokens, 901);
  });

  it('the JSON Schema generated from the zod schema describes the same fields', () => {
    const schema = configJsonSchema() as { properties: Record<string, { properties?: Record<string, unknown> }>; additionalProperties: boolean };
    assert.deepEqual(Object.keys(schema.properties.defaults.properties!).sort(), ['dynamicParts', 'expectedOutputTokens', 'outputCap']);
    assert.equal(schema.additionalProperties, false);
    assert.equal(readFileSync(SCHEMA_PATH, 'utf8'), schemaText(), 'schemas/costlint.schema.json is stale: run npm run schema');
    const pkg = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8'));
    assert.deepEqual(pkg.contributes.jsonValidation, [
      { fileMatch: 'costlint.json', url: './schemas/costlint.schema.json' },
      { fileMatch: 'costlint.usage.json', url: './schemas/costlint.usage.schema.json' },
    ]);
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
    assert.deepEqual(
      c.prompt.unknown.map((u) => [u.name, u.assumedTokens]),
      [
        ['context', 2000],
        ['question', undefined],
      ],
    );
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
    assert.deepEqual(
      r.findings.map((f) => [f.rule, f.severity]),
      [['uncapped-output', 'error']],
    );
    const off = await analyzeText(SRC, 'python', settingsFromConfig(parseConfig('{ "rules": { "uncapped-output": "off" } }').config, {}));
    assert.deepEqual(off.findings, []);
  });

  it("the editor's own rule severities apply where costlint.json says nothing about a rule", () => {
    const editor = { ruleSeverity: { 'call-in-loop': 'off' as const, 'uncapped-output': 'info' as const } };
    const s = settingsFromConfig(parseConfig('{ "rules": { "uncapped-output": "error" } }').config, editor);
    assert.deepEqual(s.ruleSeverity, { 'call-in-loop': 'off', 'uncapped-output': 'error' });
    assert.deepEqual(settingsFromConfig({}, editor).ruleSeverity, editor.ruleSeverity);
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
    assert.deepEqual(chat.callsPerMonth, { calls: 50000, key: 'app/chat/**' });
    assert.deepEqual(chat.budgets, { perCall: 0.05, perMonth: 200 });
    assert.deepEqual(settingsFromConfig(parsed.config, {}, 'costlint.json', 'app/jobs.py').callsPerMonth, { calls: 1000, key: 'app/**' });
    assert.equal(settingsFromConfig(parsed.config, {}, 'costlint.json', 'scripts/x.py').callsPerMonth, undefined);
  });

  it('a negative or non-numeric budget is reported at its value and dropped', () => {
    const text = '{ "budgets": { "perCall": -1, "perMonth": "lots" } }';
    const r = parseConfig(text);
    assert.deepEqual(
      r.issues.map((i) => [i.path, i.message]),
      [
        ['budgets.perCall', '`budgets.perCall` must be more than 0'],
        ['budgets.perMonth', '`budgets.perMonth` must be a number'],
      ],
    );
    assert.deepEqual(r.config, { budgets: {} });
  });
});

describe('costlint.json pricing: rate-card files, model mappings, discounts', () => {
  /** A workspace with a costlint.json and the given files; returns the analysis of app.py there. */
  const workspace = (config: string, files: Record<string, string> = {}) => {
    const root = mkdtempSync(join(tmpdir(), 'costlint-pricing-'));
    for (const [p, s] of Object.entries({ 'costlint.json': config, ...files })) {
      mkdirSync(dirname(join(root, p)), { recursive: true });
      writeFileSync(join(root, p), s);
    }
    return root;
  };
  const run = async (root: string, code: string, trusted = true) => {
    const a = await analyzer();
    const project = projectSettings(join(root, 'app.py'), { root, base: {}, cards: a.rateCards, trusted });
    const r = a.analyze({ text: code, language: 'python' }, { ...project.settings, ruleSeverity: { ...project.settings.ruleSeverity } });
    return { project, r, site: r.callSites[0] };
  };
  const AZURE = (model: string) =>
    `from openai import AzureOpenAI\nclient = AzureOpenAI(azure_endpoint="https://acme.openai.azure.com", api_version="2024-10-21")\nclient.chat.completions.create(model="${model}", max_tokens=1000, messages=[{"role": "user", "content": "Summarize the ticket."}])\n`;
  const PRIVATE_CARD = JSON.stringify({
    provider: 'openai',
    currency: 'USD',
    unit: 'per 1M tokens',
    asOf: '2026-11-01',
    models: [
      {
        id: 'acme-support-7b',
        aliases: [],
        mode: 'chat',
        input: 0.4,
        output: 1.6,
        cacheRead: null,
        cacheWrite5m: null,
        cacheWrite1h: null,
        cacheWrite30m: null,
        batchInput: null,
        batchOutput: null,
        tiers: [],
        contextWindow: 32000,
        maxOutput: 4000,
        tokenizer: { encoding: 'o200k_base', exact: false, note: 'our own tokenizer: o200k_base assumed' },
        minCacheableTokens: null,
        reasoning: false,
        lifecycle: { status: 'active' },
        sources: [{ url: 'https://wiki.acme.example/llm-pricing' }],
        asOf: '2026-11-01',
      },
      { id: 'broken-entry', aliases: [], mode: 'chat', input: -1 },
    ],
  });

  it('a deployment name mapped to a model is priced as that model and says so; unknown-model no longer fires', async () => {
    const before = await run(workspace('{}'), AZURE('prod-chat'));
    assert.equal(before.site.estimate.costUsd, null);
    assert.ok(
      before.r.findings.some((f) => f.rule === 'unknown-model' && /costlint\.json `models` \(`"prod-chat": "<model>"`\)/.test(f.message)),
      'the finding says how to map it',
    );
    const { project, r, site } = await run(workspace('{ "models": { "prod-chat": "gpt-4o" } }'), AZURE('prod-chat'));
    assert.deepEqual(project.issues, []);
    assert.equal(site.estimate.pricing?.model, 'gpt-4o');
    assert.deepEqual([site.estimate.pricing?.input, site.estimate.pricing?.output], [2.5, 10]);
    assert.ok(site.estimate.assumptions.includes("'prod-chat' priced as gpt-4o (costlint.json models)"), site.estimate.assumptions.join('\n'));
    assert.deepEqual(
      r.findings.filter((f) => f.rule === 'unknown-model'),
      [],
    );
  });

  it('a mapping with its own prices uses them, names them, and leaves the model itself at list price', async () => {
    const root = workspace('{ "models": { "ft:gpt-4o-mini:acme:support:7p4k": { "as": "gpt-4o-mini", "input": 0.3, "output": 1.2 } } }');
    const { site } = await run(root, AZURE('ft:gpt-4o-mini:acme:support:7p4k'));
    assert.deepEqual([site.estimate.pricing?.model, site.estimate.pricing?.input, site.estimate.pricing?.output], ['gpt-4o-mini', 0.3, 1.2]);
    assert.ok(
      site.estimate.assumptions.some((a) => a === 'input $0.3/1M, output $1.2/1M (costlint.json models.ft:gpt-4o-mini:acme:support:7p4k)'),
      site.estimate.assumptions.join('\n'),
    );
    const plain = (await run(root, AZURE('gpt-4o-mini'))).site;
    assert.deepEqual([plain.estimate.pricing?.input, plain.estimate.pricing?.output], [0.15, 0.6]);
  });

  it('a provider discount lowers every price of its models; a model discount wins over it; the note says which', async () => {
    const root = workspace('{ "discounts": { "openai": 20, "gpt-4o-mini": 50 } }');
    const big = (await run(root, AZURE('gpt-4o'))).site.estimate;
    assert.deepEqual([big.pricing?.input, big.pricing?.output, big.pricing?.cacheRead], [2, 8, 1]);
    assert.ok(big.assumptions.includes('20% discount (costlint.json discounts.openai)'));
    const list = (await run(workspace('{}'), AZURE('gpt-4o'))).site.estimate;
    assert.ok(Math.abs(big.costUsd!.max - list.costUsd!.max * 0.8) < 1e-9, `${big.costUsd!.max} is 80% of ${list.costUsd!.max}`);
    const mini = (await run(root, AZURE('gpt-4o-mini'))).site.estimate;
    assert.deepEqual([mini.pricing?.input, mini.pricing?.output], [0.075, 0.3]);
    assert.ok(mini.assumptions.includes('50% discount (costlint.json discounts.gpt-4o-mini)'));
    assert.ok(!mini.assumptions.some((a) => a.includes('discounts.openai')));
  });

  it('an extra rate-card file adds a private model; its bad entries are reported at the config entry naming the file', async () => {
    const root = workspace(`{\n  "rateCards": ["pricing/private.json"]\n}\n`, { 'pricing/private.json': PRIVATE_CARD });
    const { project, site } = await run(root, AZURE('acme-support-7b'));
    assert.deepEqual([site.estimate.pricing?.model, site.estimate.pricing?.input], ['acme-support-7b', 0.4]);
    // 9 input tokens (with framing) at $0.40/1M + 1,000 output at $1.60/1M.
    assert.equal(site.estimate.costUsd!.max, Math.round(((site.estimate.inputTokens.static * 0.4 + 1000 * 1.6) / 1e6) * 1e8) / 1e8);
    assert.equal(project.issues.length, 1);
    assert.equal(project.issues[0].path, 'rateCards.0');
    assert.match(
      project.issues[0].message,
      /^pricing\/private\.json: entry broken-entry: input: Too small: expected number to be >=0; output: .*, and 14 more \(the entry is skipped\)$/,
    );
    assert.deepEqual(project.issues[0].range.start, { line: 1, character: 16 });
  });

  it('an entry of an extra file replaces the bundled entry with the same id, without an issue', async () => {
    const card = JSON.parse(PRIVATE_CARD);
    const gpt4o = (await analyzer()).rateCards.find('gpt-4o')!;
    card.models = [{ ...Object.fromEntries(Object.entries(gpt4o).filter(([k]) => !['provider', 'file', 'tierRules'].includes(k))), input: 1.75, output: 7 }];
    const { project, site } = await run(workspace('{ "rateCards": ["prices.json"] }', { 'prices.json': JSON.stringify(card) }), AZURE('gpt-4o'));
    assert.deepEqual(project.issues, []);
    assert.deepEqual([site.estimate.pricing?.input, site.estimate.pricing?.output], [1.75, 7]);
    assert.equal((await analyzer()).rateCards.find('gpt-4o')!.input, 2.5, 'the bundled cards are not changed');
  });

  it('missing files, files outside the workspace, unknown targets and discount keys are errors at their field; the rest applies', async () => {
    const text = `{\n  "rateCards": ["nope.json", "../outside.json"],\n  "models": { "prod": "gpt-4oo", "x": { "input": 1 } },\n  "discounts": { "opnai": 10, "anthropic": 10 }\n}\n`;
    const root = workspace(text);
    writeFileSync(join(root, '..', 'outside.json'), PRIVATE_CARD);
    const { project } = await run(root, AZURE('gpt-4o'));
    const byPath = Object.fromEntries(project.issues.map((i) => [i.path, i]));
    assert.deepEqual(Object.keys(byPath).sort(), ['discounts.opnai', 'models.prod', 'models.x', 'rateCards.0', 'rateCards.1']);
    assert.match(byPath['rateCards.0'].message, /^nope\.json cannot be read \(no such file\)/);
    assert.deepEqual(byPath['rateCards.0'].range.start, at(text, '"nope.json"'));
    assert.equal(byPath['rateCards.1'].message, '../outside.json is outside the workspace: not read');
    assert.match(byPath['models.prod'].message, /^`gpt-4oo` is not in the rate cards \(did you mean `gpt-4o`/);
    assert.deepEqual(byPath['models.prod'].range.start, at(text, '"gpt-4oo"'));
    assert.match(byPath['models.x'].message, /set `as` to the model it runs/);
    assert.match(byPath['discounts.opnai'].message, /neither a provider \(.*openai.*\) nor a model id/);
    const claude = (
      await run(
        root,
        `from anthropic import Anthropic\nAnthropic().messages.create(model="claude-sonnet-4-5", max_tokens=100, messages=[{"role": "user", "content": "hi"}])\n`,
      )
    ).site;
    assert.equal(claude.estimate.pricing?.input, 2.7, 'the valid discount still applies');
  });

  it('in an untrusted workspace the rate-card files are not read, and the user is told why', async () => {
    const root = workspace('{ "rateCards": ["pricing/private.json"] }', { 'pricing/private.json': PRIVATE_CARD });
    const { project, site } = await run(root, AZURE('acme-support-7b'), false);
    assert.equal(site.estimate.costUsd, null);
    assert.deepEqual(
      project.issues.map((i) => i.message),
      ['pricing/private.json is not loaded: the workspace is not trusted (the bundled prices apply)'],
    );
  });

  it('an edited rate-card file is read again', async () => {
    const root = workspace('{ "rateCards": ["p.json"] }', { 'p.json': PRIVATE_CARD });
    assert.equal((await run(root, AZURE('acme-support-7b'))).site.estimate.pricing?.input, 0.4);
    writeFileSync(join(root, 'p.json'), PRIVATE_CARD.replace('"input":0.4', '"input":0.5'));
    const later = new Date(Date.now() + 5000);
    utimesSync(join(root, 'p.json'), later, later);
    assert.equal((await run(root, AZURE('acme-support-7b'))).site.estimate.pricing?.input, 0.5);
  });
});

describe('costlint.json include and exclude', () => {
  it('exclude wins; with include, only matching files are analyzed; globs are relative to the config', () => {
    const c = parseConfig('{ "include": ["src/**", "notebooks/*.ipynb"], "exclude": ["**/fixtures/**", "src/generated/**"] }').config;
    assert.equal(excludedBy(c, 'src/app/chat.py'), null);
    assert.equal(excludedBy(c, 'notebooks/eval.ipynb'), null);
    assert.equal(excludedBy(c, 'src/generated/client.ts'), 'excluded by costlint.json (exclude `src/generated/**`)');
    assert.equal(excludedBy(c, 'src/tests/fixtures/calls.py'), 'excluded by costlint.json (exclude `**/fixtures/**`)');
    assert.equal(excludedBy(c, 'scripts/backfill.py'), 'not in costlint.json include (`src/**`, `notebooks/*.ipynb`)');
    assert.equal(excludedBy(parseConfig('{}').config, 'anything.py'), null);
  });
});

describe('costlint.json rule options', () => {
  const LOOPS = `from openai import OpenAI\nclient = OpenAI()\nLANGS = ["fr", "de", "es"]\n\ndef run(items):\n    for lang in LANGS:\n        client.responses.create(model="gpt-5.4-nano", input=lang, max_output_tokens=100)\n    while items:\n        client.responses.create(model="gpt-5.4-nano", input=items.pop(), max_output_tokens=100)\n`;
  const loopFindings = (r: Awaited<ReturnType<typeof analyzeText>>) =>
    r.findings.filter((f) => f.rule === 'call-in-loop').map((f) => [f.range.start.line, f.message]);

  it('call-in-loop says how many times a statically bounded loop runs and what one pass costs', async () => {
    const r = await analyzeText(LOOPS, 'python');
    const [fixed, open] = loopFindings(r);
    const per = r.callSites[0].estimate.costUsd!;
    assert.equal(r.callSites[0].iterations, 3);
    assert.match(
      String(fixed[1]),
      new RegExp(
        `^This call runs 3 times \\(for loop at line 6\\): .* per call, up to \\$${(per.max * 3).toPrecision(2).replace('.', '\\.')} per pass through the loop\\.`,
      ),
    );
    assert.match(String(open[1]), /^This call runs once per iteration \(while loop at line 8\)/);
    assert.equal(r.callSites[1].iterations, undefined);
  });

  it('call-in-loop minIterations: short static loops are quiet, unbounded ones still reported', async () => {
    const parsed = parseConfig('{ "rules": { "call-in-loop": { "options": { "minIterations": 5 } } } }');
    assert.deepEqual(parsed.issues, []);
    const r = await analyzeText(LOOPS, 'python', settingsFromConfig(parsed.config, {}));
    assert.deepEqual(
      loopFindings(r).map(([line]) => line),
      [8],
    );
  });

  it('uncached-prefix minCallSites: two calls sharing a prefix are reported by default, not with 3', async () => {
    const code = `from anthropic import Anthropic\nc = Anthropic()\nPOLICY = "Refunds are accepted within 30 days with a receipt; store credit after that. " * 120\nc.messages.create(model="claude-sonnet-4-5", max_tokens=300, system=POLICY, messages=[{"role": "user", "content": "a"}])\nc.messages.create(model="claude-sonnet-4-5", max_tokens=300, system=POLICY, messages=[{"role": "user", "content": "b"}])\n`;
    const count = (r: Awaited<ReturnType<typeof analyzeText>>) => r.findings.filter((f) => f.rule === 'uncached-prefix').length;
    assert.equal(count(await analyzeText(code, 'python')), 2);
    assert.equal(
      count(
        await analyzeText(
          code,
          'python',
          settingsFromConfig(parseConfig('{ "rules": { "uncached-prefix": { "options": { "minCallSites": 3 } } } }').config, {}),
        ),
      ),
      0,
    );
  });

  it('prompt-exceeds-context percentOfContext warns before the window is full', async () => {
    const code = `from openai import OpenAI\nBIG = "All work and no play makes Jack a dull boy. " * 10000\nOpenAI().chat.completions.create(model="gpt-4o", max_tokens=500, messages=[{"role": "user", "content": BIG}])\n`;
    assert.deepEqual(
      (await analyzeText(code, 'python')).findings.filter((f) => f.rule === 'prompt-exceeds-context'),
      [],
    );
    const r = await analyzeText(
      code,
      'python',
      settingsFromConfig(parseConfig('{ "rules": { "prompt-exceeds-context": { "options": { "percentOfContext": 50 } } } }').config, {}),
    );
    const f = r.findings.find((x) => x.rule === 'prompt-exceeds-context')!;
    assert.equal(f.severity, 'warning');
    assert.match(
      f.message,
      /^The prompt's static text alone is 1[0-9]{2},[0-9]{3} tokens, [0-9]+% of gpt-4o's context window of 128,000 \(the limit set is 50%\)/,
    );
  });

  it('retired-model warnWithinDays: a shutdown far away is quiet, one near is a warning, one past is an error', async () => {
    const code = (m: string) =>
      `from openai import OpenAI\nOpenAI().chat.completions.create(model="${m}", max_tokens=100, messages=[{"role": "user", "content": "hi"}])\n`;
    const settings = (days: number) => ({
      ...settingsFromConfig(parseConfig(`{ "rules": { "retired-model": { "options": { "warnWithinDays": ${days} } } } }`).config, {}),
      today: '2026-11-22',
    });
    // gpt-4o shuts down on 2027-01-14 (53 days after 2026-11-22) in the bundled cards.
    assert.equal((await analyzeText(code('gpt-4o'), 'python', settings(30))).findings.filter((f) => f.rule === 'retired-model').length, 0);
    assert.equal((await analyzeText(code('gpt-4o'), 'python', settings(60))).findings.find((f) => f.rule === 'retired-model')?.severity, 'warning');
    // o3-mini was shut down on 2026-10-23.
    assert.equal((await analyzeText(code('o3-mini'), 'python', settings(0))).findings.find((f) => f.rule === 'retired-model')?.severity, 'error');
  });

  it('an unknown option or a wrong value is reported at its place; the severity beside it still applies', () => {
    const text = `{\n  "rules": {\n    "call-in-loop": { "severity": "warning", "options": { "minIteration": 5 } },\n    "retired-model": { "options": { "warnWithinDays": -3 } }\n  }\n}\n`;
    const r = parseConfig(text);
    const byPath = Object.fromEntries(r.issues.map((i) => [i.path, i]));
    assert.deepEqual(Object.keys(byPath).sort(), ['rules.call-in-loop.options.minIteration', 'rules.retired-model.options.warnWithinDays']);
    assert.equal(byPath['rules.call-in-loop.options.minIteration'].message, 'unknown field `rules.call-in-loop.options.minIteration`');
    assert.deepEqual(byPath['rules.call-in-loop.options.minIteration'].range.start, at(text, '"minIteration"'));
    assert.equal(byPath['rules.retired-model.options.warnWithinDays'].message, '`rules.retired-model.options.warnWithinDays` must be at least 0');
    assert.equal(settingsFromConfig(r.config, {}).ruleSeverity?.['call-in-loop'], 'warning');
  });

  it('the JSON Schema lists every rule with its options and their defaults, for completion in VS Code', () => {
    const schema = configJsonSchema() as {
      properties: { rules: { properties: Record<string, { anyOf: { properties?: { options?: { properties: Record<string, { default: unknown }> } } }[] }> } };
    };
    const rules = schema.properties.rules.properties;
    assert.ok(rules['uncapped-output'] && rules['unused-suppression'], 'every rule id is a property');
    const loop = rules['call-in-loop'].anyOf.find((x) => x.properties?.options)!;
    assert.equal(loop.properties!.options!.properties.minIterations.default, 0);
  });
});

describe('call-site ids and usage by id', () => {
  it('an id is the named functions and classes around the call, then the operation, with an ordinal for repeats', async () => {
    const py = `from openai import OpenAI\nclient = OpenAI()\nclient.responses.create(model="gpt-5.5", input="a", max_output_tokens=5)\n\nclass Support:\n    def reply(self, q):\n        first = client.responses.create(model="gpt-5.5", input=q, max_output_tokens=5)\n        return client.responses.create(model="gpt-5.5", input=q, max_output_tokens=5)\n\n    def embed(self, q):\n        return client.embeddings.create(model="text-embedding-3-small", input=q)\n\ndef summarize(t):\n    return [client.responses.create(model="gpt-5.5", input=x, max_output_tokens=5) for x in t]\n`;
    assert.deepEqual(
      (await analyzeText(py, 'python')).callSites.map((c) => c.id),
      [
        'responses.create',
        'Support.reply::responses.create',
        'Support.reply::responses.create[2]',
        'Support.embed::embeddings.create',
        'summarize::responses.create',
      ],
    );
    const ts = `import OpenAI from 'openai';\nconst client = new OpenAI();\nexport const ask = async (q: string) => client.responses.create({ model: 'gpt-5.5', input: q, max_output_tokens: 5 });\nexport class Bot {\n  async run(items: string[]) {\n    return Promise.all(items.map((i) => client.responses.create({ model: 'gpt-5.5', input: i, max_output_tokens: 5 })));\n  }\n}\nexport function handler() {\n  return client.chat.completions.create({ model: 'gpt-4o', max_tokens: 5, messages: [] });\n}\n`;
    assert.deepEqual(
      (await analyzeText(ts, 'typescript')).callSites.map((c) => c.id),
      ['ask::responses.create', 'Bot.run::responses.create', 'handler::chat.completions.create'],
    );
    const go = `package main\n\nimport (\n\t"context"\n\t"github.com/openai/openai-go"\n)\n\nfunc Summarize(ctx context.Context, client openai.Client) {\n\tclient.Chat.Completions.New(ctx, openai.ChatCompletionNewParams{Model: openai.ChatModelGPT4o, MaxTokens: openai.Int(100), Messages: []openai.ChatCompletionMessageParamUnion{openai.UserMessage("hi")}})\n}\n`;
    assert.deepEqual(
      (await analyzeText(go, 'go')).callSites.map((c) => c.id),
      ['Summarize::chat.completions.create'],
    );
  });

  it('usage by call-site id wins over a file glob, and the finding names the key', async () => {
    const code = `from openai import OpenAI\nclient = OpenAI()\n\ndef hot(q):\n    return client.chat.completions.create(model="gpt-4o", max_tokens=1000, messages=[{"role": "user", "content": "Summarize the ticket."}])\n\ndef cold(q):\n    return client.chat.completions.create(model="gpt-4o", max_tokens=1000, messages=[{"role": "user", "content": "Summarize the ticket."}])\n`;
    const parsed = parseConfig('{ "budgets": { "perMonth": 100 }, "usage": { "app/**": 100, "app/bot.py::hot::chat.completions.create": 50000 } }');
    assert.deepEqual(parsed.issues, []);
    const s = settingsFromConfig(parsed.config, {}, 'costlint.json', 'app/bot.py');
    assert.deepEqual(s.callsPerMonthById, { 'hot::chat.completions.create': { calls: 50000, key: 'app/bot.py::hot::chat.completions.create' } });
    assert.deepEqual(s.callsPerMonth, { calls: 100, key: 'app/**' }, 'the id key is not taken for a glob');
    const r = await analyzeText(code, 'python', s);
    const over = r.findings.filter((f) => f.rule === 'over-budget');
    assert.deepEqual(
      over.map((f) => f.range.start.line),
      [4],
      'only the hot call is over',
    );
    assert.match(over[0].message, /× 50,000 calls, usage "app\/bot\.py::hot::chat\.completions\.create"/);
  });

  it('a call site with usage shows its monthly cost in the hover and carries it in the result', async () => {
    const code = `from openai import OpenAI\n\ndef hot(q):\n    return OpenAI().chat.completions.create(model="gpt-4o", max_tokens=1000, messages=[{"role": "user", "content": "Summarize the ticket."}])\n`;
    const s = settingsFromConfig(
      parseConfig('{ "defaults": { "expectedOutputTokens": 200 }, "usage": { "app/bot.py::hot::chat.completions.create": 50000 } }').config,
      {},
      'costlint.json',
      'app/bot.py',
    );
    const site = (await analyzeText(code, 'python', s)).callSites[0];
    assert.deepEqual(site.usage, { callsPerMonth: 50000, key: 'app/bot.py::hot::chat.completions.create' });
    const perMonth = Math.round(site.estimate.expected!.costUsd! * 50000 * 1e6) / 1e6;
    assert.ok(
      hoverMarkdown(site, null).includes(
        `| **Per month** | **${formatUsd(perMonth)}** (${formatUsd(site.estimate.expected!.costUsd!)} expected × 50,000 calls, usage \`app/bot.py::hot::chat.completions.create\`) |`,
      ),
    );
    assert.ok(!hoverMarkdown((await analyzeText(code, 'python')).callSites[0], null).includes('Per month'), 'no usage, no monthly row');
  });

  it('an id key that names no call site of an analyzed file is reported at its key, listing the ids there are', () => {
    const text =
      '{\n  "usage": {\n    "app/bot.py::hott::chat.completions.create": 5,\n    "app/bot.py::hot::chat.completions.create": 5,\n    "other.py::x::y": 5\n  }\n}\n';
    const issues = unmatchedUsageIds(parseConfig(text).config, text, [
      { file: 'app/bot.py', ids: ['hot::chat.completions.create', 'cold::chat.completions.create'] },
    ]);
    assert.equal(issues.length, 1);
    assert.equal(
      issues[0].message,
      '`usage` names no call site of app/bot.py with the id `hott::chat.completions.create` (its call sites: `hot::chat.completions.create`, `cold::chat.completions.create`)',
    );
    assert.deepEqual(issues[0].range.start, at(text, `"app/bot.py::hott`));
  });

  it('a features key naming no call site is reported the same way; a glob key is not judged', () => {
    const text = '{\n  "features": {\n    "app/**": "support",\n    "app/bot.py::cold::chat.completions.create[2]": "digest"\n  }\n}\n';
    const issues = unmatchedUsageIds(parseConfig(text).config, text, [{ file: 'app/bot.py', ids: ['cold::chat.completions.create'] }]);
    assert.deepEqual(
      issues.map((i) => i.message),
      ['`features` names no call site of app/bot.py with the id `cold::chat.completions.create[2]` (its call sites: `cold::chat.completions.create`)'],
    );
    assert.deepEqual(issues[0].range.start, at(text, `"app/bot.py::cold`));
  });
});
