// "Compare models": a call priced on other models of its provider, with the same tokens in and
// the same output limit (its cap, or each model's own maximum when uncapped), cheapest first.
// Only models a request could go to today: chat models, not shut down, with an output limit and a
// context window large enough for the prompt.
import { effectivePrices, type PricedModel, type RateCards } from './ratecards';
import type { CallSite } from './types';

export interface Alternative {
  model: string;
  /** Worst case for one call: input plus the output limit. */
  worstUsd: number;
  /** With the configuration's expected output size, when it gives one. */
  expectedUsd: number | null;
  /** The call's own model. */
  current: boolean;
  /** Output tokens priced for the worst case (the cap, held to this model's maximum). */
  outputTokens: number;
}

const round = (n: number) => Math.round(n * 1e8) / 1e8;

function usable(m: PricedModel, today: string, inputTokens: number): boolean {
  const shut = m.lifecycle.shutdownDate !== undefined ? m.lifecycle.shutdownDate <= today : m.lifecycle.status === 'retired';
  return m.mode === 'chat' && !shut && m.maxOutput !== null && m.output !== null && (m.contextWindow === null || m.contextWindow > inputTokens);
}

/**
 * The call on `count` models of its provider, cheapest first (by expected cost when there is one,
 * else worst case), always including its own model. Empty when the call is not priced, or when it
 * is not a chat call.
 */
export function alternativesFor(site: CallSite, cards: RateCards, today: string, count = 5): Alternative[] {
  const e = site.estimate;
  const own = e.pricing && e.pricing.basis !== 'local' ? cards.find(e.pricing.model) : undefined;
  if (!own || own.mode !== 'chat' || e.outputTokens === null || e.outputTokens === 0) return [];
  const input = e.inputTokens.static + e.inputTokens.assumed;
  const capped = site.outputCap?.value != null;
  const expectedOut = e.expected?.outputTokens ?? null;
  const batch = e.pricing!.basis === 'batch';
  const price = (m: PricedModel): Alternative => {
    const p = effectivePrices(m, input, today, batch);
    const out = capped ? Math.min(e.outputTokens!, m.maxOutput!) : m.maxOutput!;
    const inUsd = (input * p.input) / 1e6;
    return {
      model: m.id,
      worstUsd: round(inUsd + (out * (p.output ?? 0)) / 1e6),
      expectedUsd: expectedOut === null ? null : round(inUsd + (Math.min(expectedOut, out) * (p.output ?? 0)) / 1e6),
      current: m === own,
      outputTokens: out,
    };
  };
  const all = cards.models.filter((m) => m.provider === own.provider && (m === own || usable(m, today, input))).map(price);
  const key = (a: Alternative) => a.expectedUsd ?? a.worstUsd;
  all.sort((a, b) => key(a) - key(b) || a.model.localeCompare(b.model));
  const top = all.slice(0, count);
  if (!top.some((a) => a.current)) {
    const mine = all.find((a) => a.current);
    if (mine) top[top.length - 1] = mine;
  }
  return top.sort((a, b) => key(a) - key(b) || a.model.localeCompare(b.model));
}
