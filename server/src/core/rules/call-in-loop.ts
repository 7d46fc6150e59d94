// call-in-loop: a billed call inside a loop, a comprehension or a per-element callback. Each
// iteration pays the call's cost; the finding names the loop and the cost it multiplies.
import { formatRange } from '../format';
import type { Rule } from './types';

export const callInLoop: Rule = {
  meta: {
    id: 'call-in-loop',
    description: 'A call that runs once per iteration of a loop: its cost multiplies.',
    defaultSeverity: 'info',
    fixSafety: null,
    docs: 'docs/rules/call-in-loop.md',
  },
  check({ call }) {
    const { site } = call;
    if (!site.inLoop || !site.loop || !call.op.billed) return [];
    const cost = site.estimate.costUsd ? ` (${formatRange(site.estimate.costUsd)} per call)` : '';
    return [
      {
        severity: 'info',
        message: `This call runs once per iteration (${site.loop}): its cost${cost} is paid on every pass. Batch the inputs into fewer requests, use a batch API (50% off), or cache the shared prefix.`,
        span: site.nameSpan,
        fix: null,
      },
    ];
  },
};
