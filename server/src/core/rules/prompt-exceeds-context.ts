// prompt-exceeds-context: the prompt's static text alone is longer than the model's context
// window. Every call fails before any dynamic part is even added.
import { formatTokens } from '../format';
import type { Rule } from './types';

export const promptExceedsContext: Rule = {
  meta: {
    id: 'prompt-exceeds-context',
    description: "The static prompt alone exceeds the model's context window.",
    defaultSeverity: 'error',
    fixSafety: null,
    docs: 'docs/rules/prompt-exceeds-context.md',
  },
  check({ call }) {
    const { site, model } = call;
    const tokens = site.estimate.inputTokens.static;
    if (!model?.contextWindow || tokens <= model.contextWindow) return [];
    const approx = site.estimate.approximate ? 'about ' : '';
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
