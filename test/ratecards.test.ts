// test:fast (npm run test:fast: in-process, no CLI or server process)
// Rate cards: the bundled cards are complete and valid; broken cards are reported
// precisely and lose nothing else.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { bundledRateCardDir, readRateCardFiles } from '../server/src/host/node';
import { effectivePrices, RateCards } from '../server/src/core/ratecards';
import Ajv from 'ajv';
import { RATECARD_SCHEMA_PATH, rateCardSchemaText } from '../scripts/schema';

const bundled = () => RateCards.load(readRateCardFiles(bundledRateCardDir()));
const FACTS = join(__dirname, '..', 'ratecards', 'sources', 'pricing-facts.json');

const entry = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  aliases: [],
  mode: 'chat',
  input: 1,
  output: 2,
  cacheRead: null,
  cacheWrite5m: null,
  cacheWrite1h: null,
  cacheWrite30m: null,
  batchInput: null,
  batchOutput: null,
  tiers: [],
  contextWindow: 1000,
  maxOutput: 100,
  tokenizer: { encoding: 'o200k_base', exact: true },
  minCacheableTokens: null,
  reasoning: false,
  lifecycle: { status: 'active' },
  sources: [{ url: 'https://example.com/pricing' }],
  asOf: '2026-11-01',
  ...extra,
});
const file = (models: unknown[]) => JSON.stringify({ provider: 'acme', currency: 'USD', unit: 'per 1M tokens', asOf: '2026-11-01', models });

describe('rate cards', () => {
  it('the bundled cards load without issues, each entry with a source URL and an as-of date', () => {
    const cards = bundled();
    assert.deepEqual(cards.issues, []);
    assert.ok(cards.models.length >= 60);
    for (const m of cards.models) {
      assert.ok(m.sources.length > 0 && m.sources.every((s) => /^https?:\/\//.test(s.url)), m.id);
      assert.match(m.asOf, /^\d{4}-\d{2}/, m.id);
    }
  });

  it('the committed cards are what `npm run import-pricing` makes of the fact sheet in ratecards/sources', () => {
    const out = mkdtempSync(join(tmpdir(), 'costlint-cards-'));
    try {
      execFileSync(process.execPath, [join(__dirname, '..', 'scripts', 'import-pricing-facts.mjs'), '--out', out], { stdio: 'pipe' });
      const made = readdirSync(out).sort();
      assert.ok(made.length >= 10);
      for (const f of made)
        assert.equal(
          readFileSync(join(out, f), 'utf8'),
          readFileSync(join(bundledRateCardDir(), f), 'utf8'),
          `ratecards/${f} differs from what the fact sheet generates: run npm run import-pricing`,
        );
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('ratecards/ratecard.schema.json, which every card names, is generated from the zod schema and every bundled card validates against it', () => {
    assert.equal(readFileSync(RATECARD_SCHEMA_PATH, 'utf8'), rateCardSchemaText(), 'ratecards/ratecard.schema.json is stale: run npm run schema');
    const validate = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false }).compile(JSON.parse(rateCardSchemaText()));
    for (const f of readRateCardFiles(bundledRateCardDir())) {
      const card = JSON.parse(f.text);
      assert.equal(card.$schema, './ratecard.schema.json', f.path);
      assert.ok(validate(card), `${f.path}: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
    }
    // A broken entry fails it too, as the loader reports it.
    assert.equal(validate({ provider: 'acme', currency: 'USD', unit: 'per 1M tokens', asOf: '2026-11-01', models: [{ id: 'x', input: 'cheap' }] }), false);
  });

  it('has every model of the pricing fact sheet, in its provider card, at its prices', () => {
    const cards = bundled();
    const facts = JSON.parse(readFileSync(FACTS, 'utf8')) as {
      models: { provider: string; id: string; input: number; output: number | null; maxOutput: number | null }[];
    };
    // Claude on Bedrock is priced from the Anthropic card (tested against those rows below).
    const wanted = facts.models.filter((m) => m.provider !== 'aws-bedrock');
    assert.ok(wanted.length > 110);
    const cardOf = (provider: string) => provider.replace(/^meta-llama@bedrock$/, 'aws-bedrock').replace(/^meta-llama@/, '');
    for (const f of wanted) {
      const m = cards.lookup(f.id, cardOf(f.provider))?.model;
      assert.ok(m, `${f.provider} ${f.id} missing from ratecards/${cardOf(f.provider)}.json`);
      assert.equal(m.input, f.input, `${f.id} input`);
      assert.equal(m.output, f.output, `${f.id} output`);
      assert.equal(m.maxOutput, f.maxOutput, `${f.id} maxOutput`);
    }
  });

  it('time-of-day and total-token tiers are described, never silently applied', () => {
    const cards = bundled();
    const flash = effectivePrices(cards.lookup('deepseek-flash', 'deepseek')!.model, 100, '2026-11-22', false);
    assert.equal(flash.input, 0.3, 'peak (regular) price');
    assert.ok(flash.notes.some((n) => n.startsWith('a time-of-day price applies off-peak')));
    const grok = cards.lookup('grok-4-0709', 'xai')!.model;
    assert.equal(effectivePrices(grok, 1000, '2026-11-22', false).input, 3);
    assert.ok(effectivePrices(grok, 1000, '2026-11-22', false).notes.some((n) => n.includes('exceed 128,000 tokens')));
    assert.equal(effectivePrices(grok, 130_000, '2026-11-22', false).input, 6);
  });

  it('carries lifecycle dates and replacements (OpenAI notice dates, Anthropic deprecation dates)', () => {
    const cards = bundled();
    assert.deepEqual(
      { ...cards.find('gpt-4o')!.lifecycle, source: undefined },
      { status: 'deprecated', deprecatedOn: '2026-10-14', shutdownDate: '2027-01-14', replacement: 'gpt-6-luna', source: undefined },
    );
    const haiku3 = cards.find('claude-3-haiku-20240307')!.lifecycle;
    assert.equal(haiku3.status, 'retired');
    assert.equal(haiku3.deprecatedOn, '2026-02-19');
    assert.equal(haiku3.shutdownDate, '2026-04-20');
    assert.equal(haiku3.replacement, 'claude-haiku-4-5-20251001');
  });

  it("prices Bedrock profiles as the fact sheet's aws-bedrock rows do", () => {
    const cards = bundled();
    const facts = JSON.parse(readFileSync(FACTS, 'utf8')) as { models: { provider: string; id: string; input: number; output: number }[] };
    const rows = facts.models.filter((m) => m.provider === 'aws-bedrock');
    assert.ok(rows.length >= 6);
    for (const row of rows) {
      // "regional.anthropic.claude-...-v1:0 (us./eu./apac. profiles)" is priced for every regional prefix.
      const ids = row.id.startsWith('regional.') ? ['us', 'eu', 'apac'].map((p) => row.id.split(' ')[0].replace('regional.', `${p}.`)) : [row.id];
      for (const id of ids) {
        const l = cards.lookup(id);
        assert.ok(l, `${id} not found`);
        const p = effectivePrices(l.model, 10, '2026-11-22', false, l.profile);
        assert.ok(Math.abs(p.input - row.input) < 1e-9, `${id}: input ${p.input} vs fact sheet ${row.input}`);
        assert.ok(Math.abs(p.output! - row.output) < 1e-9, `${id}: output ${p.output} vs fact sheet ${row.output}`);
      }
    }
  });

  it('an invalid entry is reported with file, entry and field, and the rest of the file loads', () => {
    const cards = RateCards.load([
      { path: 'cards/acme.json', text: file([entry('good-1'), entry('bad-price', { input: -1 }), entry('no-source', { sources: [] }), entry('good-2')]) },
    ]);
    assert.deepEqual(
      cards.models.map((m) => m.id),
      ['good-1', 'good-2'],
    );
    assert.deepEqual(
      cards.issues.map((i) => [i.file, i.entry, i.field]),
      [
        ['cards/acme.json', 'bad-price', 'input'],
        ['cards/acme.json', 'no-source', 'sources'],
      ],
    );
    assert.match(cards.issues[1].message, /source URL/);
  });

  it('a file that is not JSON is reported, and other files still load', () => {
    const cards = RateCards.load([
      { path: 'a.json', text: '{ "provider": ' },
      { path: 'b.json', text: file([entry('ok')]) },
    ]);
    assert.equal(cards.issues.length, 1);
    assert.equal(cards.issues[0].file, 'a.json');
    assert.match(cards.issues[0].message, /not valid JSON/);
    assert.ok(cards.find('ok'));
  });

  it('finds models by id, alias (any case) and Bedrock inference-profile prefix', () => {
    const cards = bundled();
    assert.equal(cards.find('claude-sonnet-4-5')?.id, 'claude-sonnet-4-5-20250929');
    assert.equal(cards.find('GPT-4o')?.id, 'gpt-4o');
    assert.equal(cards.find('eu.anthropic.claude-haiku-4-5-20251001-v1:0')?.id, 'claude-haiku-4-5-20251001');
    assert.equal(cards.find('gpt-4o-2024-05-13'), undefined, 'a different (retired, pricier) snapshot is not silently mapped to gpt-4o');
  });

  it("Bedrock regional profiles cost 10% more than global for Claude 4.5 and later, as the fact sheet's aws-bedrock rows say", () => {
    const cards = bundled();
    const at = (id: string) => {
      const l = cards.lookup(id)!;
      return effectivePrices(l.model, 10, '2026-11-22', false, l.profile);
    };
    assert.ok(Math.abs(at('us.anthropic.claude-haiku-4-5-20251001-v1:0').input - 1.1) < 1e-9);
    assert.ok(Math.abs(at('eu.anthropic.claude-sonnet-4-5-20250929-v1:0').output! - 16.5) < 1e-9);
    assert.equal(at('global.anthropic.claude-opus-4-8-v1:0').input, 5);
    assert.equal(at('us.anthropic.claude-3-haiku-20240307-v1:0').input, 0.25, 'no premium before Claude 4.5');
    assert.match(at('us.anthropic.claude-haiku-4-5-20251001-v1:0').notes.join(' '), /regional inference profile 'us\.': 10% above/);
  });

  it('dated tiers apply only in their window', () => {
    const terra = bundled().find('gpt-5.6-terra')!;
    assert.equal(effectivePrices(terra, 10, '2026-07-20', false).input, 2.5, 'launch price before the cut');
    assert.equal(effectivePrices(terra, 10, '2026-11-22', false).input, 2);
  });

  it("service tiers: a card's tier prices, its rules for models without them, long-context ratios, discounts, and a broken tier reported", () => {
    const rules = { flex: { multiplier: 0.5, note: 'Flex bills half', source: 'https://example.com/pricing' } };
    const text = JSON.stringify({
      provider: 'acme',
      currency: 'USD',
      unit: 'per 1M tokens',
      asOf: '2026-11-01',
      serviceTierRules: rules,
      models: [
        entry('big', {
          input: 4,
          output: 20,
          cacheRead: 0.4,
          serviceTiers: { priority: { input: 10, output: 50 } },
          tiers: [{ when: { inputTokensGt: 1000 }, input: 8, output: 30, cacheRead: 0.8 }],
        }),
        entry('small', { input: 1, output: 2 }),
        entry('broken', { serviceTiers: { flex: { note: 'no price' } } }),
      ],
    });
    const cards = RateCards.load([{ path: 'acme.json', text }]);
    assert.deepEqual(
      cards.issues.map((i) => [i.entry, i.field]),
      [['broken', 'serviceTiers.flex']],
    );
    const big = cards.find('big')!;
    const small = cards.find('small')!;
    // The tier's own prices; the cache read at its input ratio (10 / 4).
    assert.deepEqual(pick(effectivePrices(big, 10, '2026-11-01', false, null, 'priority')), { input: 10, output: 50, cacheRead: 1 });
    // Above the long-context threshold: the long-context prices in the tier's ratios (10/4, 50/20).
    assert.deepEqual(pick(effectivePrices(big, 5000, '2026-11-01', false, null, 'priority')), { input: 20, output: 75, cacheRead: 2 });
    // No flex price: the file's rule, 0.5x.
    assert.deepEqual(pick(effectivePrices(small, 10, '2026-11-01', false, null, 'flex')), { input: 0.5, output: 1, cacheRead: null });
    // Neither a price nor a rule: standard, said.
    const none = effectivePrices(small, 10, '2026-11-01', false, null, 'priority');
    assert.deepEqual(pick(none), { input: 1, output: 2, cacheRead: null });
    assert.ok(none.notes.includes('no priority price for small in the rate card: standard price shown'));
    // A 20% discount applies to the tier's prices too.
    const discounted = cards.withOverrides({ discounts: { acme: 20 }, source: 'costlint.json' }).cards.find('big')!;
    assert.deepEqual(pick(effectivePrices(discounted, 10, '2026-11-01', false, null, 'priority')), { input: 8, output: 40, cacheRead: 0.8 });
    // A batch request bills the batch price, whatever the tier.
    assert.ok(
      effectivePrices(big, 10, '2026-11-01', true, null, 'priority').notes.includes('the Batch API bills its own price: the priority tier does not apply'),
    );
  });
});

const pick = (p: { input: number; output: number | null; cacheRead: number | null }) => ({ input: p.input, output: p.output, cacheRead: p.cacheRead });
