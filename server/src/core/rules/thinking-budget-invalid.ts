// thinking-budget-invalid: reasoning settings the API rejects. Anthropic's `budget_tokens` must be
// at least 1,024 and below `max_tokens`, and Claude Sonnet 5 rejects manual thinking
// (`type: "enabled"`); Gemini 2.5 models accept a thinking budget only within their range (2.5 Pro
// cannot turn thinking off), `thinking_level` only from Gemini 3 on, Gemini 4 takes no budget at
// all, and `minimal` is not a level of Gemini 3.8 Flash or Gemini 4.
// Ranges: pricing-facts.md sections 2 and 3.
import { formatTokens } from '../format';
import { readPath, staticString } from '../recognizers/values';
import type { Rule, RuleFinding } from './types';

/** Gemini 2.5 thinking budgets (-1 = dynamic is always accepted). */
const GEMINI_BUDGETS: { match: RegExp; min: number; max: number; off: boolean }[] = [
  { match: /^gemini-2\.5-pro/, min: 128, max: 32768, off: false },
  { match: /^gemini-2\.5-flash-lite/, min: 512, max: 24576, off: true },
  { match: /^gemini-2\.5-flash/, min: 1, max: 24576, off: true },
];

/** Anthropic models that answer manual thinking (`thinking: {type: "enabled"}`) with a 400 (fact sheet section 2). */
const NO_MANUAL_THINKING = /^claude-sonnet-5(-\d{8})?$/;
/** Gemini models that take a thinking level but no budget. */
const LEVEL_ONLY = /^gemini-4/;
/** Gemini models without the `minimal` level. */
const NO_MINIMAL = /^gemini-(3\.8-flash|4)/;

export const thinkingBudgetInvalid: Rule = {
  meta: {
    id: 'thinking-budget-invalid',
    description: 'A thinking budget or level the model rejects.',
    defaultSeverity: 'error',
    fixSafety: null,
    docs: 'docs/rules/thinking-budget-invalid.md',
  },
  check({ call }) {
    const r = call.site.estimate.reasoning;
    if (!r) return [];
    const budgetPath = r.controls.find((c) => /(budget_tokens|budgetTokens|thinking_budget|thinkingBudget)$/.test(c));
    const levelPath = r.controls.find((c) => /(thinking_level|thinkingLevel)$/.test(c));
    const budgetVal = budgetPath ? readPath(call.params, budgetPath).value : undefined;
    const budget = budgetVal?.kind === 'num' ? budgetVal.value : null;
    const model = call.model?.id ?? call.site.model.value ?? '';
    const provider = call.model?.provider ?? call.site.provider;
    const at = budgetVal?.span ?? call.site.nameSpan;
    const out: RuleFinding[] = [];
    const error = (message: string, span = at) => out.push({ severity: 'error', message, span, fix: null });
    if (provider === 'anthropic' && budget !== null && r.enabled !== false) {
      const cap = call.site.outputCap?.value ?? null;
      if (budget < 1024) error(`\`${budgetPath}\` is ${formatTokens(budget)}: Anthropic requires at least 1,024 thinking tokens, so the request fails.`);
      else if (cap !== null && budget >= cap)
        error(
          `\`${budgetPath}\` (${formatTokens(budget)}) must be below \`${call.site.outputCap!.param}\` (${formatTokens(cap)}): thinking counts toward the cap, so the request fails. Raise the cap or lower the budget.`,
        );
    }
    const typePath = r.controls.find((c) => /(^|\.)thinking\.type$/.test(c));
    if (provider === 'anthropic' && typePath && NO_MANUAL_THINKING.test(model)) {
      const t = readPath(call.params, typePath).value;
      if (t && staticString(t) === 'enabled') {
        error(
          `${model} rejects manual thinking (\`type: "enabled"\` with a budget): the request fails. Use \`{"type": "adaptive"}\`, with \`output_config.effort\` to set how much it thinks.`,
          t.span,
        );
      }
    }
    if (provider === 'google') {
      const range = GEMINI_BUDGETS.find((g) => g.match.test(model));
      if (range && budget !== null && budget !== -1) {
        if (budget === 0 && !range.off)
          error(
            `${model} cannot turn thinking off: \`${budgetPath}\` = 0 is rejected (its range is ${formatTokens(range.min)}–${formatTokens(range.max)}, or -1 for dynamic).`,
          );
        else if (budget !== 0 && (budget < range.min || budget > range.max))
          error(
            `\`${budgetPath}\` = ${formatTokens(budget)} is outside ${model}'s range, ${formatTokens(range.min)}–${formatTokens(range.max)} (0 turns it off${range.off ? '' : ' on other models'}, -1 is dynamic): the request fails.`,
          );
      }
      if (budgetPath && LEVEL_ONLY.test(model)) {
        error(`${model} does not take a thinking budget (\`${budgetPath}\`): the request fails. Set \`thinking_level\` (low, medium or high) instead.`);
      }
      const level = levelPath ? readPath(call.params, levelPath).value : undefined;
      if (level && NO_MINIMAL.test(model) && /^minimal$/i.test(staticString(level) ?? '')) {
        error(`${model} has no \`minimal\` thinking level (\`${levelPath}\`): the request fails. Its levels are low, medium and high.`, level.span);
      }
      if (levelPath && /^gemini-(1\.|2\.)/.test(model)) {
        const lv = readPath(call.params, levelPath).value;
        error(
          `\`${levelPath}\` is only accepted from Gemini 3 on; ${model} rejects it. Use a thinking budget (\`thinking_budget\`) instead.`,
          lv?.span ?? call.site.nameSpan,
        );
      }
    }
    return out;
  },
};
