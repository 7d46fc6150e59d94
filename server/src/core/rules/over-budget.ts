// over-budget: a call whose worst-case cost per call, or whose projected monthly cost (its
// expected cost, else its worst case, times the calls per month the configuration gives its
// file), exceeds a budget in costlint.json.
import { formatTokens, formatUsd } from '../format';
import { monthlyOf } from '../projection';
import type { Rule, RuleFinding } from './types';

export const overBudget: Rule = {
  meta: {
    id: 'over-budget',
    description: 'The worst-case cost per call, or the projected monthly cost, exceeds a configured budget.',
    defaultSeverity: 'warning',
    fixSafety: null,
    docs: 'docs/rules/over-budget.md',
  },
  check({ call, settings }) {
    const b = settings.budgets;
    const e = call.site.estimate;
    if (!b || !e.costUsd) return [];
    const out: RuleFinding[] = [];
    const worst = e.costUsd.max;
    if (b.perCall !== undefined && worst > b.perCall) {
      out.push({
        severity: 'warning',
        message: `Worst case ${formatUsd(worst)} per call (${e.outputTokens !== null ? `${formatTokens(e.outputTokens)} output tokens` : 'output unknown'}) is over the per-call budget of ${formatUsd(b.perCall)}. Lower the cap, shorten the prompt, or use a cheaper model.`,
        span: call.site.nameSpan,
        fix: null,
      });
    }
    const m = monthlyOf(call.site);
    if (b.perMonth !== undefined && m && m.usd > b.perMonth) {
      const unknown = e.inputTokens.unknownParts.length;
      out.push({
        severity: 'warning',
        message: `Projected ${formatUsd(m.usd)} per month (${formatUsd(m.perCall)} ${m.basis} per call × ${formatTokens(m.calls)} calls, usage "${m.key}"${unknown ? `, not counting ${unknown} dynamic part${unknown === 1 ? '' : 's'}` : ''}) is over the monthly budget of ${formatUsd(b.perMonth)}.`,
        span: call.site.nameSpan,
        fix: null,
      });
    }
    return out;
  },
};
