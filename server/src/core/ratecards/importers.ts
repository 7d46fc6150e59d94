// Price files other tools publish, converted to costlint's rate-card format offline
// (`costlint ratecards import`): LiteLLM's model_prices_and_context_window.json (per-token prices,
// keyed by model, a `sample_spec` entry describing the fields) and pydantic's genai-prices data
// file (providers with models priced per 1M tokens, with tiers and dated prices). Each converted
// entry is validated with the same schema as the bundled cards; what the bundled cards know that
// the file does not state (tokenizers, lifecycle, minimum cacheable prompt, batch and cache prices
// it leaves out) is kept from them.
import { modelSchema, type ModelCard, type ServiceTier, type ServiceTierRule, type Tier } from './schema';
import type { PricedModel, RateCards } from './index';

export type ImportFormat = 'litellm' | 'genai-prices';

/** One provider's converted card, in the bundled file format. */
export interface ImportedCard {
  provider: string;
  currency: 'USD';
  unit: 'per 1M tokens';
  generatedFrom: string;
  asOf: string;
  /** The bundled card's rules for service tiers, which a price file does not carry. */
  serviceTierRules?: Record<string, ServiceTierRule>;
  models: ModelCard[];
}

export interface ImportResult {
  cards: ImportedCard[];
  /** Entries left out, by reason (`image_generation mode`, `provider vertex_ai`), with how many. */
  skipped: Record<string, number>;
  /** Entries that did not convert into a valid card entry: id and why. */
  invalid: { id: string; message: string }[];
}

/** A problem with the file as a whole: nothing is converted. */
export class ImportError extends Error {}

/** LiteLLM's `litellm_provider` -> costlint's rate-card provider. */
const LITELLM_PROVIDERS: Record<string, string> = {
  openai: 'openai',
  anthropic: 'anthropic',
  gemini: 'google',
  xai: 'xai',
  mistral: 'mistral',
  deepseek: 'deepseek',
  cohere: 'cohere',
  cohere_chat: 'cohere',
  groq: 'groq',
  together_ai: 'together',
  fireworks_ai: 'fireworks',
  bedrock: 'aws-bedrock',
  bedrock_converse: 'aws-bedrock',
};

/** genai-prices provider ids -> costlint's. */
const GENAI_PROVIDERS: Record<string, string> = {
  openai: 'openai',
  anthropic: 'anthropic',
  google: 'google',
  'x-ai': 'xai',
  mistral: 'mistral',
  deepseek: 'deepseek',
  cohere: 'cohere',
  groq: 'groq',
  together: 'together',
  fireworks: 'fireworks',
  aws: 'aws-bedrock',
};

const LITELLM_SOURCE = 'https://github.com/BerriAI/litellm/blob/main/model_prices_and_context_window.json';
const GENAI_SOURCE = 'https://github.com/pydantic/genai-prices/blob/main/prices/data.json';

/**
 * A per-token price as a per-1M one, exactly: the decimal the file wrote, its point moved six
 * places (2.5e-06 -> 2.5, never 2.4999999999999996).
 */
export function perMillion(perToken: number): number {
  const [mantissa, exp] = perToken.toExponential().split('e');
  return Number(`${mantissa}e${Number(exp) + 6}`);
}

const num = (x: unknown): number | undefined => (typeof x === 'number' && Number.isFinite(x) && x >= 0 ? x : undefined);
const int = (x: unknown): number | null => (typeof x === 'number' && Number.isInteger(x) && x > 0 ? x : null);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Converts a price file's parsed JSON; `bundled` supplies what the file does not say. */
export function importPrices(format: ImportFormat, json: unknown, o: { bundled: RateCards; asOf: string; providers?: string[] }): ImportResult {
  const result: ImportResult = { cards: [], skipped: {}, invalid: [] };
  const byProvider = new Map<string, ModelCard[]>();
  const skip = (why: string) => (result.skipped[why] = (result.skipped[why] ?? 0) + 1);
  const add = (provider: string, raw: Record<string, unknown>) => {
    if (o.providers?.length && !o.providers.includes(provider)) return skip(`provider ${provider} not asked for`);
    const parsed = modelSchema.safeParse(raw);
    if (!parsed.success) {
      result.invalid.push({ id: String(raw.id), message: parsed.error.issues.map((i) => `${i.path.join('.') || '(entry)'}: ${i.message}`).join('; ') });
      return;
    }
    const list = byProvider.get(provider) ?? [];
    // The first entry of an id wins (LiteLLM lists a model once per provider prefix).
    if (!list.some((m) => m.id === parsed.data.id)) list.push(parsed.data);
    byProvider.set(provider, list);
  };
  if (format === 'litellm') {
    if (!json || typeof json !== 'object' || Array.isArray(json))
      throw new ImportError('not a LiteLLM price file: expected an object of model entries (model_prices_and_context_window.json)');
    const entries = Object.entries(json as Record<string, unknown>);
    if (!entries.some(([k, v]) => k !== 'sample_spec' && v && typeof v === 'object' && 'litellm_provider' in v))
      throw new ImportError('not a LiteLLM price file: no entry has a litellm_provider');
    for (const [key, value] of entries) {
      if (key === 'sample_spec') continue;
      if (!value || typeof value !== 'object') {
        skip('not an object');
        continue;
      }
      const e = value as Record<string, unknown>;
      const provider = LITELLM_PROVIDERS[String(e.litellm_provider)];
      if (!provider) skip(`provider ${String(e.litellm_provider)}`);
      else if (e.mode !== 'chat' && e.mode !== 'embedding') skip(`${String(e.mode)} mode`);
      else if (num(e.input_cost_per_token) === undefined) skip('no input price');
      else add(provider, litellmEntry(key, e, provider, o));
    }
  } else {
    if (!Array.isArray(json)) throw new ImportError('not a genai-prices data file: expected a list of providers (prices/data.json)');
    if (!json.some((p) => p && typeof p === 'object' && Array.isArray((p as { models?: unknown }).models)))
      throw new ImportError('not a genai-prices data file: no provider has models');
    for (const p of json as { id?: unknown; models?: unknown; pricing_urls?: unknown }[]) {
      const provider = GENAI_PROVIDERS[String(p?.id)];
      const models = Array.isArray(p?.models) ? (p.models as Record<string, unknown>[]) : [];
      if (!provider) {
        for (let i = 0; i < models.length; i++) skip(`provider ${String(p?.id)}`);
        continue;
      }
      const urls = Array.isArray(p.pricing_urls) ? p.pricing_urls.filter((u): u is string => typeof u === 'string' && /^https?:\/\//.test(u)) : [];
      for (const m of models) {
        const raw = m && typeof m === 'object' ? genaiEntry(m, provider, urls, o) : undefined;
        if (raw) add(provider, raw);
        else skip('no input price');
      }
    }
  }
  for (const [provider, models] of [...byProvider].sort(([a], [b]) => a.localeCompare(b))) {
    // An id the file lists on its own (`gpt-4o-2024-08-06`) is no longer an alias of another entry,
    // and an alias names one entry only: the cards must load without a duplicate.
    const ids = new Set(models.map((m) => m.id.toLowerCase()));
    const taken = new Set<string>();
    for (const m of models) {
      m.aliases = m.aliases.filter((a) => {
        const k = a.toLowerCase();
        if (ids.has(k) || taken.has(k)) return false;
        taken.add(k);
        return true;
      });
    }
    const rules = o.bundled.models.find((m) => m.provider === provider && m.tierRules)?.tierRules;
    result.cards.push({
      provider,
      currency: 'USD',
      unit: 'per 1M tokens',
      generatedFrom: format === 'litellm' ? LITELLM_SOURCE : GENAI_SOURCE,
      asOf: o.asOf,
      ...(rules ? { serviceTierRules: rules } : {}),
      models,
    });
  }
  return result;
}

/** What the bundled card of the same model knows that a price file does not. */
function known(bundled: RateCards, provider: string, id: string): PricedModel | undefined {
  const m = bundled.lookup(id, provider)?.model;
  return m && m.provider === provider ? m : undefined;
}

function tokenizer(provider: string, id: string, was: PricedModel | undefined): ModelCard['tokenizer'] {
  if (was) return was.tokenizer;
  if (provider === 'openai')
    return { encoding: 'o200k_base', exact: false, factor: 1, note: `tiktoken's mapping for ${id} is not known here: o200k_base assumed` };
  if (provider === 'anthropic') return { encoding: 'o200k_base', exact: false, factor: 1.2, note: 'Claude tokenizer is unpublished: o200k_base count x 1.2' };
  return {
    encoding: 'o200k_base',
    exact: false,
    factor: 1,
    note: `${provider} uses its own tokenizer, not available offline: o200k_base count used as an estimate`,
  };
}

function common(id: string, provider: string, was: PricedModel | undefined, o: { asOf: string }) {
  return {
    id,
    aliases: was && was.id === id ? was.aliases : [],
    tokenizer: tokenizer(provider, id, was),
    minCacheableTokens: was?.minCacheableTokens ?? null,
    asOf: o.asOf,
    ...(was?.acceptsMaxTokens !== undefined ? { acceptsMaxTokens: was.acceptsMaxTokens } : {}),
    ...(was?.regionalEndpointMultiplier !== undefined ? { regionalEndpointMultiplier: was.regionalEndpointMultiplier } : {}),
    ...(was?.residencyMultiplier !== undefined ? { residencyMultiplier: was.residencyMultiplier } : {}),
  };
}

/** One LiteLLM entry as a card entry (per-token prices to per 1M; `_above_Nk_tokens` prices as long-context tiers). */
function litellmEntry(key: string, e: Record<string, unknown>, provider: string, o: { bundled: RateCards; asOf: string }): Record<string, unknown> {
  // `gemini/gemini-2.5-pro`, `groq/llama-3.1-8b-instant`: the id without the provider's prefix.
  const prefix = `${String(e.litellm_provider)}/`;
  const id = key.startsWith(prefix) ? key.slice(prefix.length) : key.replace(/^(xai|mistral|deepseek|groq|together_ai|fireworks_ai|gemini|cohere)\//, '');
  const was = known(o.bundled, provider, id);
  const m = (k: string) => {
    const v = num(e[k]);
    return v === undefined ? undefined : perMillion(v);
  };
  const tiers: Tier[] = [];
  for (const k of Object.keys(e)) {
    const t = /^input_cost_per_token_above_(\d+)k_tokens$/.exec(k);
    if (!t) continue;
    const tier: Tier = { when: { inputTokensGt: Number(t[1]) * 1000 }, input: m(k) };
    const out = m(`output_cost_per_token_above_${t[1]}k_tokens`);
    const read = m(`cache_read_input_token_cost_above_${t[1]}k_tokens`);
    if (out !== undefined) tier.output = out;
    if (read !== undefined) tier.cacheRead = read;
    tiers.push(tier);
  }
  tiers.sort((a, b) => (a.when.inputTokensGt ?? 0) - (b.when.inputTokensGt ?? 0));
  const serviceTiers: Record<string, ServiceTier> = {};
  for (const tier of ['flex', 'priority']) {
    const t: ServiceTier = {};
    const input = m(`input_cost_per_token_${tier}`);
    const output = m(`output_cost_per_token_${tier}`);
    const read = m(`cache_read_input_token_cost_${tier}`);
    if (input !== undefined) t.input = input;
    if (output !== undefined) t.output = output;
    if (read !== undefined) t.cacheRead = read;
    if (input !== undefined || output !== undefined) serviceTiers[tier] = t;
  }
  const deprecation = typeof e.deprecation_date === 'string' && DATE.test(e.deprecation_date) ? e.deprecation_date : undefined;
  const source = typeof e.source === 'string' && /^https?:\/\//.test(e.source) ? [{ url: e.source, kind: 'cited by LiteLLM' }] : [];
  return {
    ...common(id, provider, was, o),
    mode: e.mode,
    input: m('input_cost_per_token'),
    // An embedding has no output; a price the file does not state is the bundled card's.
    output: e.mode === 'embedding' ? null : (m('output_cost_per_token') ?? null),
    cacheRead: m('cache_read_input_token_cost') ?? was?.cacheRead ?? null,
    cacheWrite5m: m('cache_creation_input_token_cost') ?? was?.cacheWrite5m ?? null,
    cacheWrite1h: m('cache_creation_input_token_cost_above_1hr') ?? was?.cacheWrite1h ?? null,
    cacheWrite30m: was?.cacheWrite30m ?? null,
    batchInput: m('input_cost_per_token_batches') ?? was?.batchInput ?? null,
    batchOutput: m('output_cost_per_token_batches') ?? was?.batchOutput ?? null,
    tiers,
    contextWindow: int(e.max_input_tokens) ?? was?.contextWindow ?? null,
    maxOutput: int(e.max_output_tokens) ?? (e.mode === 'chat' ? int(e.max_tokens) : null) ?? was?.maxOutput ?? null,
    reasoning: e.supports_reasoning === true || was?.reasoning === true,
    lifecycle: deprecation ? { status: 'deprecated', shutdownDate: deprecation, source: 'LiteLLM deprecation_date' } : (was?.lifecycle ?? { status: 'active' }),
    sources: [{ url: LITELLM_SOURCE, kind: 'LiteLLM price file', seen: o.asOf }, ...source],
    ...(Object.keys(serviceTiers).length ? { serviceTiers } : {}),
  };
}

type GenaiPrice = number | { base: number; tiers?: { start: number; price: number }[] };
type GenaiPrices = Record<string, GenaiPrice>;

/** One genai-prices model as a card entry (already per 1M; tiered prices as long-context tiers, dated prices as dated tiers). */
function genaiEntry(
  m: Record<string, unknown>,
  provider: string,
  urls: string[],
  o: { bundled: RateCards; asOf: string },
): Record<string, unknown> | undefined {
  const id = typeof m.id === 'string' ? m.id : undefined;
  if (!id) return undefined;
  // `prices` is one price set, or a list of them under constraints (a start date, a time of day).
  const sets: { when?: Tier['when']; prices: GenaiPrices }[] = [];
  if (Array.isArray(m.prices)) {
    for (const c of m.prices as { constraint?: { start_date?: string; type?: string; start_time?: string; end_time?: string }; prices?: GenaiPrices }[]) {
      if (!c?.prices) continue;
      const k = c.constraint;
      if (!k) sets.push({ prices: c.prices });
      else if (k.start_date && DATE.test(k.start_date)) sets.push({ when: { from: k.start_date }, prices: c.prices });
      else if (k.start_time || k.end_time) sets.push({ when: { timeOfDayUTC: `${k.start_time ?? ''}-${k.end_time ?? ''}` }, prices: c.prices });
    }
  } else if (m.prices && typeof m.prices === 'object') sets.push({ prices: m.prices as GenaiPrices });
  // The standard price: the one in force at the as-of date, the latest to start by then (a set
  // without a date started first); a time-of-day set is never the standard one.
  const startOf = (s: (typeof sets)[number]) => (s.when ? (s.when.from ?? null) : '');
  const base = sets.filter((s) => startOf(s) !== null && startOf(s)! <= o.asOf).sort((a, b) => startOf(b)!.localeCompare(startOf(a)!))[0];
  const baseOf = (p: GenaiPrice | undefined): number | undefined => (typeof p === 'number' ? num(p) : p && typeof p === 'object' ? num(p.base) : undefined);
  const input = base ? baseOf(base.prices.input_mtok) : undefined;
  if (!base || input === undefined) return undefined;
  const was = known(o.bundled, provider, id);
  const tiers: Tier[] = [];
  // Per-field tiers (`input_mtok: { base, tiers: [{ start: 200000, price }] }`): the whole request above the start.
  const starts = new Set<number>();
  for (const f of ['input_mtok', 'output_mtok', 'cache_read_mtok'] as const) {
    const p = base.prices[f];
    if (p && typeof p === 'object') for (const t of p.tiers ?? []) if (int(t.start)) starts.add(t.start);
  }
  for (const start of [...starts].sort((a, b) => a - b)) {
    const at = (f: string) => {
      const p = base.prices[f];
      return p && typeof p === 'object' ? p.tiers?.find((t) => t.start === start)?.price : undefined;
    };
    const tier: Tier = { when: { inputTokensGt: start } };
    if (at('input_mtok') !== undefined) tier.input = at('input_mtok');
    if (at('output_mtok') !== undefined) tier.output = at('output_mtok');
    if (at('cache_read_mtok') !== undefined) tier.cacheRead = at('cache_read_mtok');
    tiers.push(tier);
  }
  for (const s of sets) {
    // Prices superseded by the standard one are history, not tiers.
    if (s === base || !s.when || (s.when.from !== undefined && s.when.from <= (base.when?.from ?? ''))) continue;
    const tier: Tier = { when: s.when };
    const i = baseOf(s.prices.input_mtok);
    const out = baseOf(s.prices.output_mtok);
    const read = baseOf(s.prices.cache_read_mtok);
    if (i !== undefined) tier.input = i;
    if (out !== undefined) tier.output = out;
    if (read !== undefined) tier.cacheRead = read;
    if (s.when.from && s.when.from > o.asOf) tier.note = 'announced price';
    tiers.push(tier);
  }
  const embedding = /embed/i.test(id) && baseOf(base.prices.output_mtok) === undefined;
  return {
    ...common(id, provider, was, o),
    mode: embedding ? 'embedding' : 'chat',
    input,
    output: baseOf(base.prices.output_mtok) ?? null,
    cacheRead: baseOf(base.prices.cache_read_mtok) ?? was?.cacheRead ?? null,
    cacheWrite5m: baseOf(base.prices.cache_write_mtok) ?? was?.cacheWrite5m ?? null,
    cacheWrite1h: baseOf(base.prices.cache_write_1h_mtok) ?? was?.cacheWrite1h ?? null,
    cacheWrite30m: was?.cacheWrite30m ?? null,
    batchInput: was?.batchInput ?? null,
    batchOutput: was?.batchOutput ?? null,
    tiers,
    contextWindow: int(m.context_window) ?? was?.contextWindow ?? null,
    maxOutput: was?.maxOutput ?? null,
    reasoning: was?.reasoning ?? false,
    lifecycle: m.deprecated === true ? { status: 'deprecated', source: 'genai-prices deprecated' } : (was?.lifecycle ?? { status: 'active' }),
    sources: [
      { url: GENAI_SOURCE, kind: 'genai-prices data file', seen: o.asOf },
      ...urls.slice(0, 1).map((url) => ({ url, kind: 'provider pricing page (cited by genai-prices)' })),
    ],
  };
}

/** What an imported card changes against the bundled cards: new models, and per model the fields that differ. */
export function cardDifferences(
  imported: ImportedCard[],
  bundled: RateCards,
): { provider: string; added: string[]; changed: { id: string; changes: string[] }[] }[] {
  const fields = ['input', 'output', 'cacheRead', 'cacheWrite5m', 'cacheWrite1h', 'batchInput', 'batchOutput', 'contextWindow', 'maxOutput'] as const;
  const show = (f: string, v: number | null | undefined) =>
    v === null || v === undefined ? 'none' : f === 'contextWindow' || f === 'maxOutput' ? v.toLocaleString('en-US') : `$${v}`;
  return imported.map((card) => {
    const added: string[] = [];
    const changed: { id: string; changes: string[] }[] = [];
    for (const m of card.models) {
      const was = known(bundled, card.provider, m.id);
      if (!was) {
        added.push(m.id);
        continue;
      }
      const changes: string[] = [];
      // An id the bundled cards know only as an alias becomes its own entry, taking the alias.
      if (was.id.toLowerCase() !== m.id.toLowerCase()) changes.push(`its own entry (an alias of ${was.id} in the bundled cards)`);
      for (const f of fields) if ((m[f] ?? null) !== (was[f] ?? null)) changes.push(`${f} ${show(f, was[f])} -> ${show(f, m[f])}`);
      if (m.lifecycle.status !== was.lifecycle.status) changes.push(`status ${was.lifecycle.status} -> ${m.lifecycle.status}`);
      if ((m.lifecycle.shutdownDate ?? null) !== (was.lifecycle.shutdownDate ?? null) && m.lifecycle.shutdownDate)
        changes.push(`shutdown ${was.lifecycle.shutdownDate ?? 'none'} -> ${m.lifecycle.shutdownDate}`);
      if (changes.length) changed.push({ id: m.id, changes });
    }
    return { provider: card.provider, added, changed };
  });
}
