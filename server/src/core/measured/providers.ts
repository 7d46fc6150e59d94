// The providers' own usage exports: OpenAI's organization Usage API (completions) and Anthropic's
// usage report for messages. They count per model (and per bucket of time), not per call site:
// they are compared with the estimate of every call site of that model together. Pure: one
// bucket object in, its rows out.
import { effectivePrices, type RateCards } from '../ratecards';
import { cardOf, tokenMicroUsd } from './aggregate';
import type { ModelTotals } from './file';
import { modelKeys } from './match';

export type ProviderExport = 'openai' | 'anthropic';

/** One bucket's figures per model, and the time it covers (epoch ms). */
export interface BucketRows {
  start: number | null;
  end: number | null;
  rows: Omit<ModelTotals, 'costUsd'>[];
}

const n = (x: unknown): number => (typeof x === 'number' && Number.isFinite(x) && x > 0 ? Math.round(x) : 0);
const text = (x: unknown): string | null => (typeof x === 'string' && x ? x : null);
const seconds = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x * 1000 : null);
const iso = (x: unknown): number | null => (typeof x === 'string' && !Number.isNaN(Date.parse(x)) ? Date.parse(x) : null);

/**
 * OpenAI: `{ object: "bucket", start_time, end_time, results: [{ model, input_tokens,
 * input_cached_tokens, output_tokens, num_model_requests, batch, ... }] }`. `input_tokens` holds
 * the cached ones; `model` and `batch` are null unless the export was grouped by them.
 */
export function openAiBucket(b: unknown): BucketRows {
  const o = (b ?? {}) as Record<string, unknown>;
  const results = Array.isArray(o.results) ? o.results : [];
  return {
    start: seconds(o.start_time),
    end: seconds(o.end_time),
    rows: results.map((r) => {
      const x = (r ?? {}) as Record<string, unknown>;
      const tier = text(x.service_tier);
      return {
        provider: 'openai',
        model: text(x.model),
        ...(typeof x.batch === 'boolean' ? { batch: x.batch } : {}),
        ...(tier && tier !== 'default' && tier !== 'auto' ? { serviceTier: tier } : {}),
        requests: n(x.num_model_requests),
        inputTokens: n(x.input_tokens) + n(x.input_audio_tokens),
        cacheReadTokens: n(x.input_cached_tokens),
        cacheCreationTokens: n(x.input_cache_write_tokens),
        outputTokens: n(x.output_tokens) + n(x.output_audio_tokens),
      };
    }),
  };
}

/**
 * Anthropic: `{ starting_at, ending_at, results: [{ model, uncached_input_tokens, cache_read_input_tokens,
 * cache_creation: { ephemeral_5m_input_tokens, ephemeral_1h_input_tokens }, output_tokens, ... }] }`.
 * It counts no requests.
 */
export function anthropicBucket(b: unknown): BucketRows {
  const o = (b ?? {}) as Record<string, unknown>;
  const results = Array.isArray(o.results) ? o.results : [];
  return {
    start: iso(o.starting_at),
    end: iso(o.ending_at),
    rows: results.map((r) => {
      const x = (r ?? {}) as Record<string, unknown>;
      const creation = (x.cache_creation ?? {}) as Record<string, unknown>;
      const hour = n(creation.ephemeral_1h_input_tokens);
      const created = n(creation.ephemeral_5m_input_tokens) + hour;
      const read = n(x.cache_read_input_tokens);
      const tier = text(x.service_tier);
      return {
        provider: 'anthropic',
        model: text(x.model),
        ...(tier === 'batch' ? { batch: true } : tier && tier !== 'standard' ? { serviceTier: tier } : {}),
        ...(x.context_window === '200k-1M' ? { longContext: true } : {}),
        ...(hour ? { cacheCreation1hTokens: hour } : {}),
        requests: null,
        inputTokens: n(x.uncached_input_tokens) + read + created,
        cacheReadTokens: read,
        cacheCreationTokens: created,
        outputTokens: n(x.output_tokens),
      };
    }),
  };
}

/** Rows of one model (and batch flag) added up. */
export class ModelTally {
  private readonly rows = new Map<string, Omit<ModelTotals, 'costUsd'>>();
  start: number | null = null;
  end: number | null = null;

  add(b: BucketRows): void {
    if (b.start !== null) this.start = this.start === null ? b.start : Math.min(this.start, b.start);
    if (b.end !== null) this.end = this.end === null ? b.end : Math.max(this.end, b.end);
    for (const r of b.rows) {
      const key = `${r.provider}\0${r.model ?? ''}\0${r.batch ?? ''}\0${r.serviceTier ?? ''}\0${r.longContext ?? ''}`;
      const t = this.rows.get(key);
      if (!t) this.rows.set(key, { ...r });
      else {
        t.requests = t.requests === null || r.requests === null ? null : t.requests + r.requests;
        t.inputTokens += r.inputTokens;
        t.cacheReadTokens += r.cacheReadTokens;
        t.cacheCreationTokens += r.cacheCreationTokens;
        if (r.cacheCreation1hTokens) t.cacheCreation1hTokens = (t.cacheCreation1hTokens ?? 0) + r.cacheCreation1hTokens;
        t.outputTokens += r.outputTokens;
      }
    }
  }

  /** The totals, priced at the rate cards' prices on `today` (batch rows at batch rates). */
  done(cards: RateCards, today: string): ModelTotals[] {
    return [...this.rows.values()]
      .filter((r) => r.inputTokens || r.outputTokens || r.requests)
      .map((r) => ({ ...r, costUsd: priceTotals(cards, r, today) }))
      .sort((a, b) => (b.costUsd ?? 0) - (a.costUsd ?? 0) || b.inputTokens - a.inputTokens);
  }
}

function priceTotals(cards: RateCards, r: Omit<ModelTotals, 'costUsd'>, today: string): number | null {
  if (!r.model) return null;
  const found = cardOf(cards, r.model, r.provider, false);
  if (!found) return null;
  // Long-context rates apply per request over 200k input tokens: Anthropic's export says which rows those are.
  const p = effectivePrices(found.model, r.longContext ? 200_001 : 0, today, r.batch === true, found.profile, r.serviceTier ?? null);
  if (p.output === null && r.outputTokens > 0) return null;
  const usd = tokenMicroUsd(p, {
    input: r.inputTokens,
    cacheRead: r.cacheReadTokens,
    cacheCreation: r.cacheCreationTokens,
    cacheCreation1h: r.cacheCreation1hTokens,
    output: r.outputTokens,
  });
  return Math.round(usd) / 1e6;
}

/** A provider export's model beside the call sites that call it: measured per month against their estimate. */
export interface ModelComparison {
  provider: string;
  model: string | null;
  batch?: boolean;
  requestsPerMonth: number | null;
  measuredMonthlyUsd: number | null;
  /** Measured dollars per request (OpenAI's export counts requests; Anthropic's does not). */
  measuredPerRequestUsd: number | null;
  /** The estimate of one call over its call sites: the lowest best case to the highest worst case. */
  estimatedPerCallUsd: { min: number; max: number } | null;
  /** The ids of the call sites of this model. */
  callSites: string[];
  /** Their projected monthly cost together; null when none has usage. */
  estimatedMonthlyUsd: number | null;
  /** Of those call sites, how many have no monthly figure (no usage, or no price). */
  withoutMonthly: number;
  periodDays: number;
}

/** Each model of an export against the call sites calling it (`sites`: id, provider, model keys, monthly projection). */
export function compareModels(
  totals: ModelTotals[],
  periodDays: number,
  sites: { id: string; provider: string; api: string; models: string[]; monthlyUsd: number | null; perCallUsd: { min: number; max: number } | null }[],
  cards: RateCards,
): ModelComparison[] {
  const scale = 30 / periodDays;
  return totals.map((t) => {
    const keys = new Set(modelKeys(cards, t.model, t.provider));
    // A batch row is the Batch API's requests: the call sites that submit batches, and only those.
    const of = t.model ? sites.filter((s) => s.provider === t.provider && /batch/.test(s.api) === (t.batch === true) && s.models.some((m) => keys.has(m))) : [];
    const priced = of.filter((s) => s.monthlyUsd !== null);
    const perCall = of.flatMap((s) => (s.perCallUsd ? [s.perCallUsd] : []));
    return {
      provider: t.provider,
      model: t.model,
      ...(t.batch !== undefined ? { batch: t.batch } : {}),
      requestsPerMonth: t.requests === null ? null : Math.round(t.requests * scale * 10) / 10,
      measuredMonthlyUsd: t.costUsd === null ? null : Math.round(t.costUsd * scale * 1e6) / 1e6,
      measuredPerRequestUsd: t.costUsd !== null && t.requests ? Math.round((t.costUsd / t.requests) * 1e8) / 1e8 : null,
      estimatedPerCallUsd: perCall.length ? { min: Math.min(...perCall.map((p) => p.min)), max: Math.max(...perCall.map((p) => p.max)) } : null,
      callSites: of.map((s) => s.id),
      estimatedMonthlyUsd: priced.length ? Math.round(priced.reduce((a, s) => a + s.monthlyUsd!, 0) * 1e6) / 1e6 : null,
      withoutMonthly: of.length - priced.length,
      periodDays: Math.round(periodDays * 100) / 100,
    };
  });
}
