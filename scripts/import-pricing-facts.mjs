#!/usr/bin/env node
// Regenerates ratecards/<provider>.json from the team's pricing fact sheet
// (ratecards/sources/pricing-facts.json by default, kept in the repository with its notes,
// pricing-facts.md). The fact sheet is research notes
// with free text in some fields; this script turns it into the strict shape that
// server/src/core/ratecards/schema.ts validates. Run it after the fact sheet changes,
// review the diff, commit the cards. Nothing at run time reads the fact sheet.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// node scripts/import-pricing-facts.mjs [FACTS.json] [--out DIR] (DIR: ratecards/ by default)
const args = process.argv.slice(2);
const outAt = args.indexOf('--out');
const outDir = outAt >= 0 ? resolve(args[outAt + 1] ?? '.') : join(root, 'ratecards');
if (outAt >= 0) args.splice(outAt, 2);
const factsPath = resolve(args[0] ?? join(root, 'ratecards', 'sources', 'pricing-facts.json'));
const facts = JSON.parse(readFileSync(factsPath, 'utf8'));
/**
 * Fact-sheet provider -> rate card file (and the provider name in it). Llama rows are priced
 * per host. The fact sheet's aws-bedrock Claude rows are not imported: Bedrock prices derive
 * from the Anthropic card (regionalEndpointMultiplier), and a test checks them against those rows.
 */
const PROVIDER_CARDS = {
  openai: 'openai',
  anthropic: 'anthropic',
  google: 'google',
  xai: 'xai',
  mistral: 'mistral',
  deepseek: 'deepseek',
  cohere: 'cohere',
  'meta-llama@groq': 'groq',
  'meta-llama@together': 'together',
  'meta-llama@fireworks': 'fireworks',
  'meta-llama@bedrock': 'aws-bedrock',
};
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/**
 * Service-tier rules per card (pricing-facts.json globalRules.batch; pricing-facts.md, "processing
 * tiers"): they price a model the fact sheet gives no tier price for, and each estimate says so.
 */
const TIER_RULES = {
  openai: {
    flex: { multiplier: 0.5, note: 'OpenAI Flex processing bills 50% of the standard price', source: 'https://developers.openai.com/api/docs/pricing' },
    priority: {
      multiplier: 2.5,
      note: 'OpenAI Priority processing bills about 2-2.5x the standard price; the upper end is assumed',
      source: 'https://developers.openai.com/api/docs/pricing',
    },
    fast: { multiplier: 2, note: 'OpenAI fast mode bills 2x the standard price', source: 'https://developers.openai.com/api/docs/pricing' },
  },
  anthropic: {
    fast: {
      multiplier: 2,
      note: 'Anthropic fast mode bills about 2x the standard price (Opus 4.8 and 5: $10/$50 on $5/$25)',
      source: 'https://platform.claude.com/docs/en/about-claude/pricing',
    },
  },
  google: {
    flex: { multiplier: 0.5, note: 'Gemini Flex bills 50% of the standard price', source: 'https://ai.google.dev/gemini-api/docs/optimization' },
    priority: {
      multiplier: 2,
      note: 'Gemini Priority bills 75% to 100% more than the standard price; the upper end is assumed',
      source: 'https://ai.google.dev/gemini-api/docs/optimization',
    },
  },
};

/** The fact sheet's tier prices (`flex`, `priority`, `priorityMultiplier`, `fastMode`) as the card's `serviceTiers`. */
function serviceTiers(m) {
  const out = {};
  const tier = (name, t) => {
    if (!t || typeof t !== 'object') return;
    const e = {};
    for (const k of ['input', 'output', 'cacheRead', 'multiplier']) if (typeof t[k] === 'number') e[k] = t[k];
    if (typeof t.note === 'string' && t.note) e.note = t.note;
    if (Object.keys(e).some((k) => k !== 'note')) out[name] = e;
  };
  tier('flex', m.flex);
  tier('priority', m.priority);
  if (typeof m.priorityMultiplier === 'number' && !out.priority) out.priority = { multiplier: m.priorityMultiplier };
  tier('fast', m.fastMode);
  return Object.keys(out).length ? out : undefined;
}
/** Claude models before 4.6: no data-residency premium (`inference_geo`). */
const PRE_46_CLAUDE = /^claude-(3|sonnet-4-2|opus-4-2|opus-4-1|sonnet-4-5|haiku-4-5|opus-4-5)/;
/** Claude models released before the 4.5 generation: no regional premium on Bedrock. */
const PRE_45_CLAUDE = /^claude-(3|sonnet-4-2|opus-4-2|opus-4-1)/;

/** "anthropic.claude-x (Bedrock)" -> "anthropic.claude-x"; drops annotations the fact sheet adds. */
const cleanAlias = (a) => a.replace(/\s*\(.*\)\s*$/, '').trim();

function tokenizer(m) {
  const t = String(m.tokenizer ?? '');
  if (m.provider === 'openai') {
    const encoding = t.startsWith('cl100k_base') ? 'cl100k_base' : 'o200k_base';
    const exact = t === encoding; // "(assumed)" / "(reported)" mean tiktoken has no mapping for the model
    return exact
      ? { encoding, exact: true }
      : { encoding, exact: false, factor: 1, note: `tiktoken has no mapping for ${m.id}; ${encoding} assumed (${t.replace(/^\S+\s*/, '')})` };
  }
  if (m.provider !== 'anthropic') {
    const own = t && t !== 'null' ? t.replace(/\s*\(.*$/, '') : 'its own tokenizer';
    return {
      encoding: 'o200k_base',
      exact: false,
      factor: 1,
      note: `${m.provider.replace(/^meta-llama@/, 'Llama on ')} uses ${own}, not available offline: o200k_base count used as an estimate (no published ratio)`,
    };
  }
  // Anthropic publishes no tokenizer. The fact sheet's suggested estimator (section 4.2):
  // o200k x 1.2 before Claude 4.7, x 1.55 for the 4.7+ tokenizer.
  const newer = /NEW tokenizer/.test(t);
  return {
    encoding: 'o200k_base',
    exact: false,
    factor: newer ? 1.55 : 1.2,
    note: newer
      ? 'Claude 4.7+ tokenizer is unpublished: o200k_base count x 1.55 (about 30% more tokens than the pre-4.7 Claude tokenizer)'
      : 'Claude tokenizer is unpublished: o200k_base count x 1.2',
  };
}

function lifecycle(m) {
  const d = m.deprecated ?? {};
  const shutdown = d.shutdownDate ?? d.retirementDate;
  const out = { status: d.status ?? 'active' };
  // OpenAI publishes a notice date, Anthropic a deprecation date: both say when the model was deprecated.
  const deprecatedOn = d.deprecatedOn ?? d.noticeDate;
  if (typeof deprecatedOn === 'string' && DATE.test(deprecatedOn)) out.deprecatedOn = deprecatedOn;
  if (typeof shutdown === 'string' && DATE.test(shutdown)) out.shutdownDate = shutdown;
  else if (typeof shutdown === 'string') out.note = `retirement ${shutdown}`;
  if (typeof d.replacement === 'string') {
    const first = d.replacement.split(/[\s(]/)[0];
    if (/^[a-z0-9.-]+$/.test(first) && !first.endsWith('*')) out.replacement = first;
    if (d.replacement !== first) out.note = [out.note, `replacement: ${d.replacement}`].filter(Boolean).join('; ');
  }
  if (d.note) out.note = [out.note, d.note].filter(Boolean).join('; ');
  if (d.source) out.source = d.source;
  return out;
}

const PRICE_KEYS = ['input', 'output', 'cacheRead', 'cacheWrite5m', 'cacheWrite1h', 'cacheWrite30m', 'batchInput', 'batchOutput'];
function tiers(m) {
  return (m.tiers ?? []).map((t) => {
    const when = {};
    for (const [k, v] of Object.entries(t.when ?? {})) {
      if (['inputTokensGt', 'promptTokensGt', 'totalTokensGt', 'timeOfDayUTC'].includes(k)) when[k] = v;
      else if (k === 'from' || k === 'until')
        when[k] = String(v).slice(0, 10); // "2026-08-16T16:00Z" -> the date
      else throw new Error(`${m.id}: tier condition '${k}' is not supported; extend the schema and effectivePrices first`);
    }
    if (!Object.keys(when).length) throw new Error(`${m.id}: a tier without a condition would always apply`);
    const out = { when };
    for (const k of PRICE_KEYS) if (typeof t[k] === 'number') out[k] = t[k];
    const note = [t.scope, t.note].filter(Boolean).join('; ');
    if (note) out.note = note;
    return out;
  });
}

/** The as-of date: the entry's own, else the newest date its sources were seen. */
function asOf(m) {
  const own = String(m.asOf ?? '').match(/^\d{4}-\d{2}(-\d{2})?/)?.[0];
  if (own) return own;
  const seen = (m.source ?? []).flatMap((x) => String(x.seen ?? '').match(/\d{4}-\d{2}-\d{2}/g) ?? []).sort();
  if (!seen.length) throw new Error(`${m.id}: no as-of date and no dated source`);
  return seen.at(-1);
}

function model(m) {
  const isReasoning = m.reasoning === true;
  const out = {
    id: m.id,
    aliases: [...new Set((m.aliases ?? []).map(cleanAlias).filter((a) => a && a !== m.id))],
    mode: m.mode === 'embedding' || m.mode === 'image' ? m.mode : 'chat',
    input: m.input,
    output: m.output ?? null,
    cacheRead: m.cacheRead ?? null,
    cacheWrite5m: m.cacheWrite5m ?? null,
    cacheWrite1h: m.cacheWrite1h ?? null,
    cacheWrite30m: m.cacheWrite30m ?? null,
    batchInput: m.batchInput ?? null,
    batchOutput: m.batchOutput ?? null,
    tiers: tiers(m),
    contextWindow: m.contextWindow ?? null,
    maxOutput: m.maxOutput ?? null,
    tokenizer: tokenizer(m),
    minCacheableTokens: m.minCacheTokens ?? (m.provider === 'openai' && m.mode !== 'embedding' && m.mode !== 'image' ? 1024 : null),
    reasoning: isReasoning || /^gpt-6/.test(m.id),
    lifecycle: lifecycle(m),
    sources: (m.source ?? []).filter((s) => /^https?:\/\//.test(s.url)).map((s) => ({ url: s.url, kind: s.kind, seen: s.seen })),
    asOf: asOf(m),
  };
  if (out.asOf !== m.asOf) m.notes = [m.notes, `as-of: ${m.asOf}`].filter(Boolean).join('; ');
  if (m.provider === 'openai' && out.mode === 'chat') {
    // Pricing facts, section 2: Chat Completions rejects max_tokens on o-series, GPT-5 and later
    // (including the GPT-6 family); gpt-4o / gpt-4.1 still accept it.
    out.acceptsMaxTokens = !(out.reasoning || /^gpt-[56]/.test(m.id));
  } else if (m.provider !== 'anthropic' && out.mode === 'chat') {
    // OpenAI-compatible providers (DeepSeek, xAI, Mistral, Groq, ...) take max_tokens (section 2).
    out.acceptsMaxTokens = true;
  }
  if (m.responsesApiOnly) out.responsesApiOnly = true;
  // Image models: the price per image by size and quality (pricing-facts.md, image generation).
  if (m.mode === 'image') out.images = m.images;
  const tiersOf = serviceTiers(m);
  if (tiersOf) out.serviceTiers = tiersOf;
  // Pricing facts, Anthropic: `inference_geo: "us"` bills 1.1x on Claude 4.6 and later (stacks with batch and cache).
  if (m.provider === 'anthropic' && !PRE_46_CLAUDE.test(m.id)) out.residencyMultiplier = 1.1;
  // OpenAI processing tiers: "data residency adds 10%" on GPT-5 and later (regional endpoints such as eu.api.openai.com).
  if (m.provider === 'openai' && /^gpt-[5-9]/.test(m.id)) out.residencyMultiplier = 1.1;
  if (m.provider === 'anthropic' && !PRE_45_CLAUDE.test(m.id)) {
    // Pricing facts, section 8: from Sonnet 4.5 / Haiku 4.5 / Opus 4.5 on, regional endpoints
    // cost 10% more than global ones on Bedrock (us., eu., apac. inference profiles; the fact
    // sheet's aws-bedrock rows: regional.* = 1.1x) and on Google Cloud Vertex AI.
    out.regionalEndpointMultiplier = 1.1;
  }
  const unlinked = (m.source ?? [])
    .filter((s) => !/^https?:\/\//.test(s.url))
    .map((s) => `unlinked source (${s.kind ?? 'unknown kind'}, seen ${s.seen ?? '?'}): ${s.url}`);
  const notes = [m.notes, ...unlinked, ...(m.conflicts ?? []).map((c) => `conflict: ${c}`), ...(m.unconfirmed ?? []).map((u) => `unconfirmed: ${u}`)].filter(
    Boolean,
  );
  if (notes.length) out.notes = notes;
  return out;
}

const byCard = new Map();
for (const m of facts.models) {
  const card = PROVIDER_CARDS[m.provider];
  if (!card) continue;
  if (!byCard.has(card)) byCard.set(card, []);
  byCard.get(card).push(model(m));
}
for (const [provider, models] of byCard) {
  const card = {
    $schema: './ratecard.schema.json',
    provider,
    currency: 'USD',
    unit: 'per 1M tokens',
    generatedFrom: `ratecards/sources/pricing-facts.json (${facts.generatedOn})`,
    asOf: models
      .map((m) => m.asOf)
      .filter((d) => DATE.test(d))
      .sort()
      .at(-1),
    ...(TIER_RULES[provider] ? { serviceTierRules: TIER_RULES[provider] } : {}),
    models,
  };
  writeFileSync(join(outDir, `${provider}.json`), JSON.stringify(card, null, 2) + '\n');
  console.log(`${join(outDir, `${provider}.json`)}: ${models.length} models`);
}
