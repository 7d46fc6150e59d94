// Monthly projections: a call site's cost per call times its calls per month from the
// configuration's `usage`. The expected cost is used when the configuration gives an expected
// output size, the worst case (the cap) otherwise; which one is always said.
import type { CallSite } from './types';

export interface Monthly {
  /** Dollars per month. */
  usd: number;
  /** The per-call cost it multiplies. */
  perCall: number;
  basis: 'expected' | 'worst case';
  calls: number;
  /** The `usage` key that gave the calls, or the costlint.usage.json that measured them. */
  key: string;
  /** Set when the calls per month are measured (costlint.usage.json), which wins over costlint.json's `usage`. */
  source?: 'measured';
}

/** The call site's projected monthly cost, or null without usage or a known cost per call. */
export function monthlyOf(site: CallSite): Monthly | null {
  const u = site.usage;
  const e = site.estimate;
  if (!u || !e.costUsd) return null;
  const expected = e.expected?.costUsd ?? null;
  const perCall = expected ?? e.costUsd.max;
  return {
    usd: Math.round(perCall * u.callsPerMonth * 1e6) / 1e6,
    perCall,
    basis: expected !== null ? 'expected' : 'worst case',
    calls: u.callsPerMonth,
    key: u.key,
    ...(u.source ? { source: u.source } : {}),
  };
}
