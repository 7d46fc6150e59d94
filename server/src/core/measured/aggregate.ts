// Measured calls summed up per call site: how many, their token counts as percentiles, the share
// of input read from the cache, and what each cost at the rate cards' prices. Only counts and token
// figures: nothing of a prompt or a completion is ever kept.
import { effectivePrices, type EffectivePrices, type RateCards } from '../ratecards';
import type { MatchedBy, SiteRef } from './match';
import { kindOfApi, providerOf } from './match';
import type { ModelSpan } from './otel';

export interface Distribution {
  p50: number;
  p95: number;
  mean: number;
}

/** One call site's measured calls, as costlint.usage.json stores them. */
export interface MeasuredSiteData {
  calls: number;
  /** Calls whose span carried token counts (the distributions are over these). */
  withTokens: number;
  /** Input tokens per call, cached ones included. */
  inputTokens: Distribution | null;
  outputTokens: Distribution | null;
  /** Of all input tokens, the share read from the provider's cache. */
  cacheReadShare: number | null;
  /** Dollars per call at the rate cards' prices (over the priced calls). */
  costUsd: Distribution | null;
  /** Calls whose model has no price in the rate cards (not in costUsd). */
  unpriced: number;
  /** The models the calls ran, as the spans name them, with their counts. */
  models: Record<string, number>;
  /** How the calls were matched to the call site. */
  matchedBy: Partial<Record<MatchedBy, number>>;
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: Float64Array | number[], q: number): number {
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)];
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

export function distribution(values: number[], digits = 1): Distribution | null {
  if (!values.length) return null;
  const sorted = Float64Array.from(values).sort();
  let sum = 0;
  for (const v of values) sum += v;
  return { p50: round(percentile(sorted, 0.5), digits), p95: round(percentile(sorted, 0.95), digits), mean: round(sum / values.length, digits) };
}

/** A span's tokens as costlint counts them: input with cached tokens in it (the conventions' way), and its cached parts. */
export function tokensOf(span: ModelSpan): { input: number; cacheRead: number; cacheCreation: number; output: number } | null {
  if (span.inputTokens === null && span.outputTokens === null) return null;
  const reported = span.inputTokens ?? 0;
  const cached = span.cacheReadTokens + span.cacheCreationTokens;
  // Anthropic's own figures leave cached tokens out of input_tokens; some instrumentations pass them on
  // as they are. Input smaller than what it holds can only be that: the cached parts are added.
  const input = span.inputExcludesCache || reported < cached ? reported + cached : reported;
  return { input, cacheRead: span.cacheReadTokens, cacheCreation: span.cacheCreationTokens, output: span.outputTokens ?? 0 };
}

/**
 * A measured model id's rate card: as written (without a `models/` prefix), then without its date
 * suffix (`gpt-4o-2024-08-06`), in `provider`'s card when there is one; with `anyProvider`, then in any card.
 */
export function cardOf(cards: RateCards, model: string, provider: string | undefined, anyProvider: boolean): ReturnType<RateCards['lookup']> {
  const id = model.trim().replace(/^models\//, '');
  const hint = provider && cards.hasProvider(provider) ? provider : undefined;
  return cards.lookup(id, hint) ?? cards.lookup(id.replace(/-\d{4}-\d{2}-\d{2}$/, ''), hint) ?? (anyProvider ? cards.lookup(id) : undefined);
}

/** Millionths of a dollar for tokens at these prices: uncached input, cache reads, cache writes (those of an hour at that rate), output. */
export function tokenMicroUsd(
  p: EffectivePrices,
  t: { input: number; cacheRead: number; cacheCreation: number; cacheCreation1h?: number; output: number },
): number {
  const uncached = Math.max(0, t.input - t.cacheRead - t.cacheCreation);
  const hour = t.cacheCreation1h ?? 0;
  return (
    uncached * p.input +
    t.cacheRead * (p.cacheRead ?? p.input) +
    (t.cacheCreation - hour) * (p.cacheWrite5m ?? p.input) +
    hour * (p.cacheWrite1h ?? p.cacheWrite5m ?? p.input) +
    t.output * (p.output ?? 0)
  );
}

/** The dollars one measured call cost at the rate cards' prices on `today`, or null when its model has no price. */
export function spanCost(cards: RateCards, span: ModelSpan, site: SiteRef | null, today: string): number | null {
  const t = tokensOf(span);
  // Images are priced per image, as the call site's estimate priced them (the spans count no images), plus the prompt's tokens.
  const images = site && kindOfApi(site.api) === 'image' ? (site.imageUsd ?? null) : null;
  if (images !== null) return t && t.input ? images + (tokenCost(cards, span, { ...t, output: 0 }, site, today) ?? 0) : images;
  return t ? tokenCost(cards, span, t, site, today) : null;
}

function tokenCost(cards: RateCards, span: ModelSpan, t: NonNullable<ReturnType<typeof tokensOf>>, site: SiteRef | null, today: string): number | null {
  const provider = providerOf(span.provider) ?? site?.provider;
  let found;
  // A call whose span names no model ran the call site's (when the site has one).
  const named = span.responseModel ?? span.requestModel;
  for (const m of named ? [span.responseModel, span.requestModel] : [site?.pricedAs ?? null]) {
    if (m && (found = cardOf(cards, m, provider, true))) break;
  }
  if (!found) return null;
  const p = effectivePrices(found.model, t.input, today, false, found.profile);
  if (p.output === null && t.output > 0) return null;
  return tokenMicroUsd(p, t) / 1e6;
}

/** Sums one call site's measured calls as they come. */
export class SiteTally {
  private readonly input: number[] = [];
  private readonly output: number[] = [];
  private readonly cost: number[] = [];
  private inputSum = 0;
  private cacheReadSum = 0;
  private calls = 0;
  private unpriced = 0;
  private readonly models = new Map<string, number>();
  private readonly by = new Map<MatchedBy, number>();

  add(span: ModelSpan, by: MatchedBy, cost: number | null): void {
    this.calls++;
    this.by.set(by, (this.by.get(by) ?? 0) + 1);
    const model = span.responseModel ?? span.requestModel;
    if (model) this.models.set(model, (this.models.get(model) ?? 0) + 1);
    if (cost !== null) this.cost.push(cost);
    const t = tokensOf(span);
    if (!t) return;
    this.input.push(t.input);
    this.output.push(t.output);
    this.inputSum += t.input;
    this.cacheReadSum += t.cacheRead;
    if (cost === null) this.unpriced++;
  }

  done(): MeasuredSiteData {
    return {
      calls: this.calls,
      withTokens: this.input.length,
      inputTokens: distribution(this.input),
      outputTokens: distribution(this.output),
      cacheReadShare: this.inputSum > 0 ? round(this.cacheReadSum / this.inputSum, 4) : null,
      costUsd: distribution(this.cost, 8),
      unpriced: this.unpriced,
      models: Object.fromEntries([...this.models].sort((a, b) => b[1] - a[1])),
      matchedBy: Object.fromEntries(this.by),
    };
  }
}
