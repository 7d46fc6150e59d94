// prompt-exceeds-context: the prompt's static text alone is longer than the model's context
// window. Every call fails before any dynamic part is even added.
import { z } from 'zod';
import { formatTokens } from '../format';
import type { Rule } from './types';

const OPTIONS = z
  .object({
    percentOfContext: z
      .number()
      .gt(0)
      .max(100)
      .default(100)
      .describe(
        'Report when the static prompt takes more than this share of the context window, in percent (80 leaves a fifth for dynamic parts and the answer).',
      ),
  })
  .strict();

export const promptExceedsContext: Rule = {
  meta: {
    id: 'prompt-exceeds-context',
    description: "The static prompt alone exceeds the model's context window.",
    defaultSeverity: 'error',
    fixSafety: null,
    docs: 'docs/rules/prompt-exceeds-context.md',
    options: OPTIONS,
  },
  check({ call, options }) {
    const { site, model } = call;
    const { percentOfContext } = options as z.infer<typeof OPTIONS>;
    const tokens = site.estimate.inputTokens.static;
    if (!model?.contextWindow) return [];
    const approx = site.estimate.approximate ? 'about ' : '';
    const limit = Math.floor((model.contextWindow * percentOfContext) / 100);
    if (tokens <= model.contextWindow) {
      if (percentOfContext >= 100 || tokens <= limit) return [];
      const pct = Math.round((tokens / model.contextWindow) * 100);
      return [
        {
          severity: 'warning',
          message: `The prompt's static text alone is ${approx}${formatTokens(tokens)} tokens, ${pct}% of ${model.id}'s context window of ${formatTokens(model.contextWindow)} (the limit set is ${percentOfContext}%): little room is left for the dynamic parts and the answer.`,
          span: site.nameSpan,
          fix: null,
        },
      ];
    }
    return [
      {
        severity: 'error',
        message: `The prompt's static text alone is ${approx}${formatTokens(tokens)} tokens, more than ${model.id}'s context window of ${formatTokens(model.contextWindow)}: the request fails. Shorten it, split it across calls, or use a model with a larger window.`,
        span: site.nameSpan,
        fix: null,
      },
    ];
  },
};
