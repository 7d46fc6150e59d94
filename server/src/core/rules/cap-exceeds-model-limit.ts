// cap-exceeds-model-limit: an output cap above the model's maximum output. The API rejects the
// request (400), so every call fails; the AI SDK's Anthropic provider clamps instead, so it is
// not reported there.
import { formatTokens } from '../format';
import { readPath } from '../recognizers/values';
import type { Rule } from './types';
import { num } from '../writers/lit';

/** SDKs that clamp a cap to the model's maximum instead of sending it (pricing-facts section 2). */
const CLAMPING_SDKS = new Set(['vercel-ai']);

export const capExceedsModelLimit: Rule = {
  meta: {
    id: 'cap-exceeds-model-limit',
    description: "The output cap is above the model's maximum output: the request fails.",
    defaultSeverity: 'error',
    fixSafety: 'safe',
    docs: 'docs/rules/cap-exceeds-model-limit.md',
  },
  check({ call }) {
    const { site, model, raw } = call;
    const cap = site.outputCap;
    if (!cap || cap.value === null || !model?.maxOutput || cap.value <= model.maxOutput || CLAMPING_SDKS.has(call.sdk.id)) return [];
    // The fix rewrites the number where the call itself writes it (never a constant, never another file).
    const own = readPath(raw.args, cap.param).value;
    const edits = own?.kind === 'num' ? raw.edits.replace(own, num(model.maxOutput)) : null;
    return [
      {
        severity: 'error',
        message: `${cap.param}=${formatTokens(cap.value)} is above ${model.id}'s maximum output of ${formatTokens(model.maxOutput)} tokens: the API rejects the request. Lower it to ${formatTokens(model.maxOutput)} or less.`,
        span: edits ? own!.span : site.nameSpan,
        fix: edits ? { title: `Lower ${cap.param} to ${model.maxOutput}`, safety: 'safe', edits } : null,
      },
    ];
  },
};
