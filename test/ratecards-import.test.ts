// `costlint ratecards import`: price files other tools publish (LiteLLM, genai-prices), converted
// offline into rate cards that load as the bundled ones do. Samples in test/data/prices (README there).
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { bundledRateCardDir, readRateCardFiles } from '../server/src/host/node';
import { RateCards } from '../server/src/core/ratecards';
import { importPrices, perMillion } from '../server/src/core/ratecards/importers';
import { runCli, tempProject } from './helpers';

const DATA = join(__dirname, 'data', 'prices');
const sample = (f: string) => JSON.parse(readFileSync(join(DATA, f), 'utf8')) as unknown;
const bundled = () => RateCards.load(readRateCardFiles(bundledRateCardDir()));
const AS_OF = '2026-12-06';

describe('ratecards import', () => {
  it('per-token prices become per-1M exactly, with no float drift', () => {
    for (const [perToken, perM] of [
      [2e-7, 0.2],
      [1e-7, 0.1],
      [5e-8, 0.05],
      [2.1875e-6, 2.1875],
      [1.65e-5, 16.5],
      [3e-8, 0.03],
    ] as const)
      assert.equal(perMillion(perToken), perM);
    // What a multiplication would print:
    assert.notEqual(2e-7 * 1e6, 0.2);
  });

  it('LiteLLM: chat and embedding entries of the providers costlint prices, with batch, cache, flex, priority and long-context prices; sample_spec, other modes and providers skipped', () => {
    const cards = bundled();
    const r = importPrices('litellm', sample('litellm-sample.json'), { bundled: cards, asOf: AS_OF });
    assert.deepEqual(r.invalid, []);
    assert.deepEqual(r.skipped, { 'image_generation mode': 1, 'provider vertex_ai-language-models': 1 });
    assert.deepEqual(
      r.cards.map((c) => [c.provider, c.models.map((m) => m.id)]),
      [
        ['anthropic', ['claude-sonnet-4-5-20250929']],
        ['google', ['gemini-2.5-flash']],
        ['openai', ['gpt-4.1', 'gpt-5.5', 'gpt-4o-mini-search-preview', 'text-embedding-3-small']],
      ],
    );
    const m = (provider: string, id: string) => r.cards.find((c) => c.provider === provider)!.models.find((x) => x.id === id)!;
    const g55 = m('openai', 'gpt-5.5');
    assert.deepEqual(
      [g55.input, g55.output, g55.cacheRead, g55.batchInput, g55.batchOutput, g55.contextWindow, g55.maxOutput, g55.reasoning],
      [4, 30, 0.5, 2, 15, 1050000, 128000, true],
    );
    assert.deepEqual(g55.serviceTiers, { flex: { input: 2, output: 15, cacheRead: 0.25 }, priority: { input: 10, output: 75, cacheRead: 1.25 } });
    assert.deepEqual(g55.tiers, [{ when: { inputTokensGt: 272000 }, input: 8, output: 45, cacheRead: 1 }]);
    // What the file does not say comes from the bundled card: the tokenizer, the cap parameter.
    assert.deepEqual(g55.tokenizer, cards.find('gpt-5.5')!.tokenizer);
    assert.equal(g55.acceptsMaxTokens, false);
    const sonnet = m('anthropic', 'claude-sonnet-4-5-20250929');
    assert.deepEqual([sonnet.cacheRead, sonnet.cacheWrite5m, sonnet.cacheWrite1h], [0.2, 3.75, 6]);
    assert.deepEqual(sonnet.tiers, [{ when: { inputTokensGt: 200000 }, input: 6, output: 22.5 }]);
    // A price the file leaves out (Claude's batch price) is the bundled card's.
    assert.equal(sonnet.batchInput, cards.find('claude-sonnet-4-5')!.batchInput);
    assert.equal(m('openai', 'text-embedding-3-small').output, null);
    assert.deepEqual(m('openai', 'gpt-4o-mini-search-preview').lifecycle, {
      status: 'deprecated',
      shutdownDate: '2027-03-01',
      source: 'LiteLLM deprecation_date',
    });
    // A new model gets an honest tokenizer note, never a claim of exactness.
    assert.equal(m('openai', 'gpt-4o-mini-search-preview').tokenizer.exact, false);
    assert.equal(m('google', 'gemini-2.5-flash').sources[1].url, 'https://ai.google.dev/gemini-api/docs/pricing');
    // The converted cards load as the bundled ones do.
    const loaded = RateCards.load(r.cards.map((c) => ({ path: `${c.provider}.json`, text: JSON.stringify(c) })));
    assert.deepEqual(loaded.issues, []);
    assert.equal(loaded.models.length, 6);
  });

  it('genai-prices: per-field tiers become long-context tiers, a dated price a dated tier; unpriced models and other providers skipped', () => {
    const r = importPrices('genai-prices', sample('genai-prices-sample.json'), { bundled: bundled(), asOf: AS_OF });
    assert.deepEqual(r.skipped, { 'no input price': 1, 'provider avian': 1 });
    const sonnet = r.cards.find((c) => c.provider === 'anthropic')!.models.find((m) => m.id === 'claude-sonnet-4-5')!;
    assert.deepEqual(
      [sonnet.input, sonnet.output, sonnet.cacheRead, sonnet.cacheWrite5m, sonnet.cacheWrite1h, sonnet.contextWindow],
      [3, 15, 0.3, 3.75, 6, 1000000],
    );
    assert.deepEqual(sonnet.tiers, [{ when: { inputTokensGt: 200000 }, input: 6, output: 22.5, cacheRead: 0.6 }]);
    const haiku = r.cards.find((c) => c.provider === 'anthropic')!.models.find((m) => m.id === 'claude-haiku-9')!;
    assert.deepEqual([haiku.input, haiku.output, haiku.cacheRead], [1.5, 7.5, 0.15]);
    assert.deepEqual(haiku.tiers, [{ when: { from: '2027-02-01' }, input: 1.2, output: 6, note: 'announced price' }]);
    assert.deepEqual(RateCards.load(r.cards.map((c) => ({ path: `${c.provider}.json`, text: JSON.stringify(c) }))).issues, []);
  });

  it('the CLI prints what changes against the bundled cards, writes one file per provider or the one asked for, and costlint.json prices with it', () => {
    const dir = tempProject(
      { 'bot.py': 'from openai import OpenAI\nOpenAI().responses.create(model="gpt-5.5", input="Hi", max_output_tokens=100)\n' },
      'costlint-import-',
    );
    try {
      const dry = runCli(dir, ['ratecards', 'import', '--from', 'litellm', join(DATA, 'litellm-sample.json'), '--as-of', AS_OF]);
      assert.equal(dry.code, 0, dry.stderr);
      assert.match(dry.stdout, /^ {2}openai gpt-5\.5: input \$5 -> \$4; batchInput \$2\.5 -> \$2$/m);
      assert.match(dry.stdout, /^ {2}openai: 1 new: gpt-4o-mini-search-preview$/m);
      assert.match(dry.stdout, /^skipped: 1 image_generation mode, 1 provider vertex_ai-language-models$/m);
      assert.match(dry.stdout, /nothing written/);
      // Several providers into one file: refused, nothing written.
      const one = runCli(dir, ['ratecards', 'import', '--from', 'litellm', join(DATA, 'litellm-sample.json'), '--out', 'prices.json']);
      assert.equal(one.code, 2);
      assert.match(one.stderr, /has models of 3 providers \(anthropic, google, openai\): pass --provider, or --out a folder/);
      assert.equal(existsSync(join(dir, 'prices.json')), false);
      const folder = runCli(dir, ['ratecards', 'import', '--from', 'litellm', join(DATA, 'litellm-sample.json'), '--out', 'cards']);
      assert.equal(folder.code, 0, folder.stderr);
      assert.deepEqual(readdirSync(join(dir, 'cards')).sort(), ['anthropic.json', 'google.json', 'openai.json']);
      const openai = runCli(dir, [
        'ratecards',
        'import',
        '--from',
        'litellm',
        join(DATA, 'litellm-sample.json'),
        '--provider',
        'openai',
        '--out',
        'openai-prices.json',
        '--as-of',
        AS_OF,
      ]);
      assert.equal(openai.code, 0, openai.stderr);
      writeFileSync(join(dir, 'costlint.json'), '{ "rateCards": ["openai-prices.json"] }\n');
      const lint = runCli(dir, ['lint', '.', '--format', 'json', '--fail-on', 'none', '--as-of', AS_OF]);
      assert.equal(lint.code, 0, lint.stderr);
      assert.equal(JSON.parse(lint.stdout).callSites[0].estimate.pricing.input, 4);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a broken or wrong file is a clear error and writes nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'costlint-import-bad-'));
    try {
      writeFileSync(join(dir, 'broken.json'), '{\n  "gpt-4o": { "input_cost_per_token": 2.5e-06,\n');
      writeFileSync(join(dir, 'list.json'), '[{ "id": "openai", "models": [] }]');
      const cases: [string, string, RegExp][] = [
        ['litellm', 'broken.json', /^costlint: broken\.json is not valid JSON at line 3, column 1: nothing written$/m],
        ['litellm', 'list.json', /^costlint: list\.json: not a LiteLLM price file: expected an object of model entries/m],
        ['genai-prices', join(DATA, 'litellm-sample.json'), /not a genai-prices data file: expected a list of providers/],
        ['litellm', 'missing.json', /^costlint: cannot read missing\.json: ENOENT$/m],
      ];
      for (const [from, file, message] of cases) {
        const r = runCli(dir, ['ratecards', 'import', '--from', from, file, '--out', 'out']);
        assert.equal(r.code, 2, `${file}: ${r.stdout}`);
        assert.match(r.stderr, message);
        assert.equal(existsSync(join(dir, 'out')), false, `${file}: nothing written`);
      }
      const wrongFormat = runCli(dir, ['ratecards', 'import', '--from', 'csv', 'list.json']);
      assert.equal(wrongFormat.code, 2);
      assert.match(wrongFormat.stderr, /--from must be litellm, genai-prices/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("as the review found it: a dated snapshot listed on its own is no alias too; the provider's tier rules carry over; genai-prices history is not a tier; --out errors are said", () => {
    const cards = bundled();
    const litellm = {
      'gpt-4o': { litellm_provider: 'openai', mode: 'chat', input_cost_per_token: 2.5e-6, output_cost_per_token: 1e-5 },
      'gpt-4o-2024-08-06': { litellm_provider: 'openai', mode: 'chat', input_cost_per_token: 2.5e-6, output_cost_per_token: 1e-5 },
    };
    const r = importPrices('litellm', litellm, { bundled: cards, asOf: AS_OF });
    const openai = r.cards[0];
    assert.deepEqual(RateCards.load([{ path: 'openai.json', text: JSON.stringify(openai) }]).issues, []);
    assert.ok(!openai.models[0].aliases.includes('gpt-4o-2024-08-06'));
    assert.deepEqual(openai.serviceTierRules, cards.find('gpt-4o')!.tierRules);
    const genai = [
      {
        id: 'openai',
        models: [
          {
            id: 'gpt-4o',
            prices: [
              { constraint: { start_date: '2024-05-13', type: 'start_date' }, prices: { input_mtok: 5, output_mtok: 15 } },
              { constraint: { start_date: '2024-08-06', type: 'start_date' }, prices: { input_mtok: 2.5, output_mtok: 10 } },
            ],
          },
          {
            id: 'o3',
            prices: [
              { prices: { input_mtok: 10, output_mtok: 40 } },
              { constraint: { start_date: '2025-06-10', type: 'start_date' }, prices: { input_mtok: 2, output_mtok: 8 } },
            ],
          },
        ],
      },
    ];
    const g = importPrices('genai-prices', genai, { bundled: cards, asOf: AS_OF }).cards[0].models;
    assert.deepEqual(
      g.map((m) => [m.id, m.input, m.output, m.tiers]),
      [
        ['gpt-4o', 2.5, 10, []],
        ['o3', 2, 8, []],
      ],
    );
    const dir = mkdtempSync(join(tmpdir(), 'costlint-import-out-'));
    try {
      const missing = runCli(dir, [
        'ratecards',
        'import',
        '--from',
        'litellm',
        join(DATA, 'litellm-sample.json'),
        '--provider',
        'openai',
        '--out',
        join('no', 'such', 'x.json'),
      ]);
      assert.equal(missing.code, 2);
      assert.match(missing.stderr, /^costlint: cannot write no\/such\/x\.json: ENOENT$/m);
      const upper = runCli(dir, [
        'ratecards',
        'import',
        '--from',
        'litellm',
        join(DATA, 'litellm-sample.json'),
        '--provider',
        'openai',
        '--out',
        'OPENAI.JSON',
      ]);
      assert.equal(upper.code, 0, upper.stderr);
      assert.equal(JSON.parse(readFileSync(join(dir, 'OPENAI.JSON'), 'utf8')).provider, 'openai');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a dated snapshot imported on its own takes its alias, and the base model keeps its own price', () => {
    const cards = bundled();
    const file = {
      'gpt-4o': { litellm_provider: 'openai', mode: 'chat', input_cost_per_token: 2.5e-6, output_cost_per_token: 1e-5 },
      'gpt-4o-2024-08-06': { litellm_provider: 'openai', mode: 'chat', input_cost_per_token: 3e-6, output_cost_per_token: 1.2e-5 },
    };
    const [card] = importPrices('litellm', file, { bundled: cards, asOf: AS_OF }).cards;
    const priced = cards.withOverrides({
      files: [{ file: { path: 'openai.json', text: JSON.stringify(card) }, at: ['rateCards', 0] }],
      source: 'costlint.json',
    });
    assert.deepEqual(priced.issues, []);
    assert.deepEqual([priced.cards.find('gpt-4o')!.input, priced.cards.find('gpt-4o-2024-08-06')!.input], [2.5, 3]);
  });
});
