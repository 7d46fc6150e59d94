// cache-below-minimum: a cache breakpoint on a prefix shorter than the model's minimum cacheable
// length caches nothing, and no error says so; more than 4 breakpoints fail the request.
import { formatTokens } from '../format';
import type { Rule, RuleFinding } from './types';

/** Anthropic: at most 4 blocks may carry cache_control (pricing-facts section 1). */
const MAX_BREAKPOINTS = 4;

export const cacheBelowMinimum: Rule = {
  meta: {
    id: 'cache-below-minimum',
    description: "A cache breakpoint on a prefix shorter than the model's minimum, or more than 4 breakpoints.",
    defaultSeverity: 'warning',
    fixSafety: null,
    docs: 'docs/rules/cache-below-minimum.md',
  },
  check({ call }) {
    const { site, model } = call;
    const prompt = site.prompt;
    const out: RuleFinding[] = [];
    const count = prompt.cacheBreakpoints ?? 0;
    if (count > MAX_BREAKPOINTS) {
      out.push({
        severity: 'error',
        message: `${count} blocks carry cache_control: at most ${MAX_BREAKPOINTS} are allowed, so the request fails. Keep the breakpoints at the ends of the longest stable prefixes.`,
        span: site.nameSpan,
        fix: null,
      });
    }
    const min = model?.minCacheableTokens;
    if (!count || !min) return out;
    // The prefix each breakpoint closes, in request order (tools, system, messages).
    let prefix = 0;
    const short: number[] = [];
    for (const p of prompt.parts) {
      prefix += p.tokens ?? 0;
      if (p.breakpoint && prefix < min) short.push(prefix);
    }
    if (!short.length) return out;
    const approx = site.estimate.approximate ? 'about ' : '';
    const which =
      short.length === 1
        ? `A cache breakpoint covers ${approx}${formatTokens(short[0])} tokens`
        : `${short.length} cache breakpoints cover ${approx}${short.map(formatTokens).join(', ')} tokens`;
    out.push({
      severity: 'warning',
      message: `${which}, below ${model.id}'s minimum of ${formatTokens(min)}: nothing is cached there, and no error says so. Move the breakpoint after more stable content, or drop it.`,
      span: site.nameSpan,
      fix: null,
    });
    return out;
  },
};
