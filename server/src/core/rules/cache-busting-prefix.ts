// cache-busting-prefix: a value that changes per request (a timestamp, an id, the user's data)
// written before a static text long enough to cache, at the start of the prompt (the system
// prompt, instructions or the first message). Prompt caches match exact prefixes, so every
// request misses. Reordering changes what the model reads: suggestion only, no automatic fix.
import { formatTokens, formatUsd } from '../format';
import { countTokens, type Encoding } from '../tokens';
import type { Rule } from './types';

export const cacheBustingPrefix: Rule = {
  meta: {
    id: 'cache-busting-prefix',
    description: 'Dynamic content before a static part long enough to cache, at the start of the prompt: every request misses the cache.',
    defaultSeverity: 'warning',
    fixSafety: null,
    docs: 'docs/rules/cache-busting-prefix.md',
  },
  check({ call }) {
    const { site, model } = call;
    const min = model?.minCacheableTokens;
    if (!min || !model) return [];
    // The prompt's first part after the tool definitions: where a cached prefix would begin.
    const first = site.prompt.parts.find((p) => !/^(tools|functions)\b/.test(p.where));
    const d = first?.dynamicBefore;
    if (!first || !d) return [];
    const t = site.estimate.tokenizer;
    const tokens = Math.round(countTokens(d.staticAfter, t.encoding as Encoding) * t.factor);
    if (tokens < min) return [];
    const price = site.estimate.pricing;
    const saving =
      price && price.cacheRead !== null
        ? ` Cached, those tokens would cost ${formatUsd(price.cacheRead)} per 1M instead of ${formatUsd(price.input)} on repeat calls.`
        : '';
    return [
      {
        severity: 'warning',
        message: `\`${d.name}\` changes per request and comes before ${t.exact ? '' : 'about '}${formatTokens(tokens)} tokens of static text in \`${first.where}\`: no two requests share that prefix, so it is never cached.${saving} Move the dynamic part after the static text (or into the user message).`,
        span: site.nameSpan,
        fix: null,
      },
    ];
  },
};
