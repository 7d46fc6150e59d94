// A call site's measured calls as every output shows them: per month (scaled from the period the
// import covers to 30 days), per call as percentiles, and where they drift from the static
// estimate (the dynamic parts are bigger than assumed, the cap is never reached).
import { formatTokens, formatUsd } from '../format';
import type { CallSite, Measured } from '../types';
import type { MeasuredEntry } from './file';
import { STALE_USAGE_DAYS } from './file';

const DAY_MS = 86_400_000;
/** How far measured and estimated may be apart before the drift is said. */
const DRIFT_RATIO = 2;
/** A cap whose p95 output stays under this share of it is said never to be reached. */
const CAP_UNUSED_SHARE = 0.25;

const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;

/** The days between the period's end and `today`, when more than STALE_USAGE_DAYS. */
export function staleUsageDays(periodEnd: string, today: string): number | null {
  const days = Math.floor((Date.parse(`${today}T00:00:00Z`) - Date.parse(periodEnd)) / DAY_MS);
  return Number.isFinite(days) && days > STALE_USAGE_DAYS ? days : null;
}

export function callsPerMonth(calls: number, periodDays: number): number {
  return round((calls * 30) / periodDays, 1);
}

/** The measured figures of a call site, from its entry in costlint.usage.json, beside its estimate. */
export function measuredFor(entry: MeasuredEntry, site: Pick<CallSite, 'estimate' | 'outputCap' | 'prompt'>, today: string): Measured {
  const d = entry.data;
  const perMonth = callsPerMonth(d.calls, entry.period.days);
  const stale = staleUsageDays(entry.period.end, today);
  return {
    calls: d.calls,
    periodDays: round(entry.period.days, 2),
    callsPerMonth: perMonth,
    withTokens: d.withTokens,
    inputTokens: d.inputTokens,
    outputTokens: d.outputTokens,
    cacheReadShare: d.cacheReadShare,
    costUsd: d.costUsd && { p50: d.costUsd.p50, p95: d.costUsd.p95 },
    // The mean of the priced calls times all calls: calls with no price would otherwise count as $0.
    monthlyUsd: d.costUsd && d.unpriced === 0 ? round(d.costUsd.mean * perMonth, 6) : null,
    unpriced: d.unpriced,
    models: d.models,
    source: { file: entry.file, from: entry.from, importedAt: entry.importedAt, period: { start: entry.period.start, end: entry.period.end } },
    ...(stale !== null ? { staleDays: stale } : {}),
    drift: driftOf(entry, site),
  };
}

/** Where the measured calls are far from the static estimate, in words, each with the figures. */
function driftOf(entry: MeasuredEntry, site: Pick<CallSite, 'estimate' | 'outputCap' | 'prompt'>): string[] {
  const d = entry.data;
  const e = site.estimate;
  const out: string[] = [];
  const estimatedInput = e.inputTokens.static + e.inputTokens.assumed;
  if (d.inputTokens && (estimatedInput > 0 || e.inputTokens.unknownParts.length)) {
    const p95 = d.inputTokens.p95;
    const dynamic = site.prompt.unknown.map((u) => u.name);
    const unsized = e.inputTokens.unknownParts;
    if (p95 >= estimatedInput * DRIFT_RATIO && unsized.length) {
      out.push(
        `measured p95 input is ${formatTokens(p95)} tokens; the estimate counts ${formatTokens(estimatedInput)} and has no size for ${unsized
          .slice(0, 3)
          .map((n) => `\`${n}\``)
          .join(
            ', ',
          )}${unsized.length > 3 ? ', ...' : ''}: about ${formatTokens(p95 - estimatedInput)} tokens at p95 (costlint.json \`defaults.dynamicParts\` prices them)`,
      );
    } else if (p95 >= estimatedInput * DRIFT_RATIO) {
      out.push(
        `measured p95 input is ${formatTokens(p95)} tokens, ${round(p95 / estimatedInput, 1)}x the estimate's ${formatTokens(estimatedInput)}: ${
          dynamic.length
            ? `the dynamic parts (${dynamic
                .slice(0, 3)
                .map((n) => `\`${n}\``)
                .join(', ')}${dynamic.length > 3 ? ', ...' : ''}) are bigger than assumed`
            : 'the prompt is bigger at run time than the code shows'
        }`,
      );
    } else if (estimatedInput > 0 && p95 * DRIFT_RATIO <= estimatedInput) {
      out.push(`measured p95 input is ${formatTokens(p95)} tokens, under half the estimate's ${formatTokens(estimatedInput)}`);
    }
  }
  if (d.outputTokens && e.outputTokens) {
    const p95 = d.outputTokens.p95;
    const cap = site.outputCap;
    if (p95 < e.outputTokens * CAP_UNUSED_SHARE) {
      out.push(
        cap?.value != null
          ? `the cap of ${formatTokens(e.outputTokens)} is never reached: measured p95 output is ${formatTokens(p95)} tokens (the worst case overstates output ${round(e.outputTokens / Math.max(p95, 1), 0)}x)`
          : cap
            ? `the cap \`${cap.expression ?? cap.param}\` is set at run time: the worst case prices the model's maximum, ${formatTokens(e.outputTokens)} output tokens; measured p95 output is ${formatTokens(p95)}`
            : `no cap: the worst case prices the model's maximum, ${formatTokens(e.outputTokens)} output tokens; measured p95 output is ${formatTokens(p95)}`,
      );
    }
  }
  // Not against an estimate that leaves parts out (its unknown input is said above) or prices nothing.
  if (d.costUsd && e.costUsd && e.costUsd.max > 0 && !e.inputTokens.unknownParts.length && d.costUsd.p95 > e.costUsd.max * DRIFT_RATIO) {
    out.push(`measured p95 cost per call, ${formatUsd(d.costUsd.p95)}, is over ${DRIFT_RATIO}x the estimated worst case, ${formatUsd(e.costUsd.max)}`);
  }
  return out;
}
