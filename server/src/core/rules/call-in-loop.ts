// call-in-loop: a billed call inside a loop, a comprehension or a per-element callback. Each
// iteration pays the call's cost; the finding names the loop and, when every bound is static
// (`range(20)`, a constant list), how many times it runs and what that costs in all.
import { z } from 'zod';
import { formatRange, formatUsd } from '../format';
import type { Rule } from './types';

const OPTIONS = z
  .object({
    minIterations: z
      .number()
      .int()
      .min(0)
      .default(0)
      .describe(
        'Loops with a static bound below this are not reported (a retry loop `for attempt in range(3)`); loops without a static bound always are. 0 reports every loop.',
      ),
  })
  .strict();

export const callInLoop: Rule = {
  meta: {
    id: 'call-in-loop',
    description: 'A call that runs once per iteration of a loop: its cost multiplies.',
    defaultSeverity: 'info',
    fixSafety: null,
    docs: 'docs/rules/call-in-loop.md',
    options: OPTIONS,
  },
  check({ call, options }) {
    const { site } = call;
    if (!site.inLoop || !site.loop || !call.op.billed) return [];
    const { minIterations } = options as z.infer<typeof OPTIONS>;
    const n = site.iterations;
    if (n !== undefined && n < minIterations) return [];
    const c = site.estimate.costUsd;
    const advice = 'Batch the inputs into fewer requests, use a batch API (50% off), or cache the shared prefix.';
    const message =
      n !== undefined
        ? `This call runs ${n.toLocaleString('en-US')} times (${site.loop})${c ? `: ${formatRange(c)} per call, up to ${formatUsd(c.max * n)} per pass through the loop` : ''}. ${advice}`
        : `This call runs once per iteration (${site.loop}): its cost${c ? ` (${formatRange(c)} per call)` : ''} is paid on every pass. ${advice}`;
    return [{ severity: 'info', message, span: site.nameSpan, fix: null }];
  },
};
