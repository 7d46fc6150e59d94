// over-budget: a call whose worst-case cost per call, or whose projected monthly cost (its
// expected cost, else its worst case, times the calls per month the configuration gives its
// file), exceeds a budget in costlint.json.
import { formatTokens, formatUsd } from '../format';
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
    const usage = settings.callsPerMonthById?.[call.site.id] ?? settings.callsPerMonth;
    if (b.perMonth !== undefined && usage) {
      const expected = e.expected?.costUsd ?? null;
      const perCall = expected ?? worst;
      const monthly = perCall * usage.calls;
      if (monthly > b.perMonth) {
        out.push({
          severity: 'warning',
          message: `Projected ${formatUsd(monthly)} per month (${formatUsd(perCall)} ${expected !== null ? 'expected' : 'worst case'} per call × ${formatTokens(usage.calls)} calls, usage "${usage.key}"${e.inputTokens.unknownParts.length ? `, not counting ${e.inputTokens.unknownParts.length} dynamic part${e.inputTokens.unknownParts.length === 1 ? '' : 's'}` : ''}) is over the monthly budget of ${formatUsd(b.perMonth)}.`,
          span: call.site.nameSpan,
          fix: null,
        });
      }
    }
    return out;
  },
};
