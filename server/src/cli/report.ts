// The CLI's writers. The JSON shape is a public contract (README "JSON output"):
// additions are allowed, changes to existing fields need a new schemaVersion.
import type { ModelComparison } from '../core/measured/providers';
import { USAGE_FILE } from '../core/measured/file';
import { relative, sep } from 'node:path';
import { candidateList, formatRange, formatTokens, formatUsd } from '../core/format';
import { monthlyOf } from '../core/projection';
import type { AnalysisResult, CallSite, Finding, Range, Severity } from '../core/types';
import { paint, type Paint } from './style';
import { cleanStrings, terminalSafe } from './escape';

export interface FileReport {
  /** Relative to the current directory, with / separators. */
  file: string;
  result: AnalysisResult | null;
  /** Why the file was not analyzed (unreadable, binary, too large, invalid notebook). */
  skipped: string | null;
}

export interface ConfigIssueReport {
  file: string;
  line: number;
  column: number;
  /** Dotted path of the field at fault; empty for the whole file. */
  field: string;
  message: string;
}

export interface RunInfo {
  version: string;
  rateCardsAsOf: string | null;
  /** Days since the cards' as-of date, when more than the allowed age (`rateCardsMaxAgeDays`). */
  rateCardsStaleDays?: number | null;
  rateCardIssues: { file: string; entry: string | null; field: string | null; message: string }[];
  configIssues?: ConfigIssueReport[];
  /** The providers' usage exports in costlint.usage.json, each model against the call sites calling it. */
  measuredModels?: ModelComparison[];
}

/** A configuration problem as said: a costlint.json field falls back to its default; a costlint.usage.json has none (its message says what happens). */
export function issueText(i: ConfigIssueReport): string {
  return i.file.endsWith(USAGE_FILE) ? i.message : `${i.message} (the field's default is used)`;
}

/** A path as the report names files: relative to the current directory, with / separators. */
const relFile = (p: string) => relative(process.cwd(), p).split(sep).join('/') || p;
const pos = (p: { line: number; character: number }) => ({ line: p.line + 1, column: p.character + 1 });
const range1 = (r: Range) => ({ start: pos(r.start), end: pos(r.end) });

function callSiteJson(file: string, c: CallSite) {
  return {
    id: `${file}::${c.id}`,
    file,
    range: range1(c.range),
    ...(c.cell !== undefined ? { cell: c.cell } : {}),
    language: c.language,
    provider: c.provider,
    sdk: c.sdk,
    api: c.api,
    operation: c.operation,
    model: c.model,
    outputCap: c.outputCap,
    streaming: c.streaming,
    ...(c.usage ? { usage: c.usage } : {}),
    ...(monthlyOf(c) ? { monthly: monthlyOf(c) } : {}),
    ...(c.measured ? { measured: c.measured } : {}),
    ...(c.feature ? { feature: c.feature } : {}),
    ...(c.owners?.length ? { owners: c.owners } : {}),
    inLoop: c.inLoop,
    loop: c.loop,
    ...(c.iterations !== undefined ? { iterations: c.iterations } : {}),
    prompt: {
      parts: c.prompt.parts.map((p) => ({
        where: p.where,
        tokens: p.tokens ?? 0,
        ...(p.cached ? { cached: true } : {}),
        ...(p.source
          ? {
              source: {
                name: p.source.name,
                file: p.source.path ? relFile(p.source.path) : file,
                ...(p.source.range ? { line: p.source.range.start.line + 1 } : {}),
                ...(p.source.cell !== undefined ? { cell: p.source.cell } : {}),
              },
            }
          : {}),
      })),
      unknown: c.prompt.unknown,
      overheadTokens: c.prompt.overheadTokens ?? 0,
    },
    estimate: {
      inputTokens: c.estimate.inputTokens,
      outputTokens: c.estimate.outputTokens,
      costUsd: c.estimate.costUsd,
      approximate: c.estimate.approximate,
      tokenizer: c.estimate.tokenizer,
      assumptions: c.estimate.assumptions,
      encoding: c.estimate.encoding,
      pricing: c.estimate.pricing,
      ...(c.estimate.cache ? { cache: c.estimate.cache } : {}),
      ...(c.estimate.reasoning ? { reasoning: c.estimate.reasoning } : {}),
      ...(c.estimate.expected ? { expected: c.estimate.expected } : {}),
      ...(c.estimate.images ? { images: c.estimate.images } : {}),
    },
  };
}

function findingJson(file: string, f: Finding) {
  return {
    file,
    range: range1(f.range),
    ...(f.cell !== undefined ? { cell: f.cell } : {}),
    rule: f.rule,
    severity: f.severity,
    message: f.message,
    fix: f.fix && {
      title: f.fix.title,
      safety: f.fix.safety,
      edits: f.fix.edits.map((e) => ({ range: range1(e.range), newText: e.newText })),
    },
  };
}

export function toJson(reports: FileReport[], info: RunInfo): string {
  const out = {
    schemaVersion: 1,
    tool: { name: 'costlint', version: info.version },
    rateCards: { asOf: info.rateCardsAsOf, ...(info.rateCardsStaleDays ? { staleDays: info.rateCardsStaleDays } : {}), issues: info.rateCardIssues },
    configIssues: info.configIssues ?? [],
    callSites: reports.flatMap((r) => (r.result?.callSites ?? []).map((c) => callSiteJson(r.file, c))),
    findings: reports.flatMap((r) => (r.result?.findings ?? []).map((f) => findingJson(r.file, f))),
    skipped: reports.filter((r) => r.skipped).map((r) => ({ file: r.file, reason: r.skipped })),
    errors: reports.flatMap((r) => (r.result?.errors ?? []).map((e) => ({ file: r.file, ...e }))),
    ...(info.measuredModels?.length ? { measuredModels: info.measuredModels } : {}),
    totals: totalsOf(reports),
  };
  return JSON.stringify(out, null, 2) + '\n';
}

const SEVERITY_ORDER: Record<Severity, number> = { info: 0, warning: 1, error: 2 };
export const severityAtLeast = (s: Severity, min: Severity): boolean => SEVERITY_ORDER[s] >= SEVERITY_ORDER[min];

/** What a run adds up to: worst case per call over all call sites, and per month where usage is known. */
export function totalsOf(reports: FileReport[]) {
  const sites = reports.flatMap((r) => r.result?.callSites ?? []);
  const priced = sites.filter((c) => c.estimate.costUsd);
  const monthly = sites.map(monthlyOf).filter((m) => m !== null);
  const measured = sites.flatMap((c) => (c.measured ? [c.measured] : []));
  const byFeature = costBy(sites, 'feature');
  const byOwner = costBy(sites, 'owner');
  return {
    callSites: sites.length,
    /** Sum of each priced call site's worst case for one call. */
    perCallUsd: round(priced.reduce((n, c) => n + c.estimate.costUsd!.max, 0)),
    unpriced: sites.length - priced.length,
    /** Sum of the monthly projections; null when no call site has usage. */
    monthlyUsd: monthly.length ? round(monthly.reduce((n, m) => n + m.usd, 0)) : null,
    withoutUsage: sites.length - monthly.length,
    /** Call sites with measured calls (costlint.usage.json); the measured monthly cost of those priced (null: none is); how many are not priced. */
    measuredCallSites: measured.length,
    measuredMonthlyUsd: measuredSum(measured),
    measuredUnpriced: measured.filter((m) => m.monthlyUsd === null).length,
    ...(byFeature ? { byFeature } : {}),
    ...(byOwner ? { byOwner } : {}),
  };
}

const round = (n: number) => Math.round(n * 1e6) / 1e6;

/** Cost of a group of call sites (a feature, an owner): projected and measured per month, and one call of each. */
export interface GroupTotal {
  name: string;
  callSites: number;
  perCallUsd: number;
  /** Sum of the monthly projections; null when none of its call sites has usage. */
  monthlyUsd: number | null;
  /** Sum of what was measured per month, over the call sites priced; null when none is. */
  measuredMonthlyUsd: number | null;
  /** Measured call sites of the group not priced (not in measuredMonthlyUsd). */
  measuredUnpriced: number;
}

/** The measured monthly cost of the call sites priced, or null when none is. */
function measuredSum(measured: { monthlyUsd: number | null }[]): number | null {
  const priced = measured.filter((m) => m.monthlyUsd !== null);
  return priced.length ? round(priced.reduce((n, m) => n + m.monthlyUsd!, 0)) : null;
}

export const NO_FEATURE = '(no feature)';
export const NO_OWNER = '(no owner)';

/** The groups a call site counts in: its feature, or each of its owners (a site with two owners counts for both). */
export function groupsOf(c: CallSite, by: 'feature' | 'owner'): string[] {
  if (by === 'feature') return [c.feature ?? NO_FEATURE];
  return c.owners?.length ? c.owners : [NO_OWNER];
}

/** Cost by feature (costlint.json `features`) or by owner (CODEOWNERS), largest first; null when no call site has one. */
export function costBy(sites: CallSite[], by: 'feature' | 'owner'): GroupTotal[] | null {
  if (!sites.some((c) => (by === 'feature' ? c.feature : c.owners?.length))) return null;
  const groups = new Map<string, CallSite[]>();
  for (const c of sites) for (const g of groupsOf(c, by)) groups.set(g, [...(groups.get(g) ?? []), c]);
  return [...groups]
    .map(([name, list]) => {
      const monthly = list.map(monthlyOf).filter((m) => m !== null);
      const measured = list.flatMap((c) => (c.measured ? [c.measured] : []));
      return {
        name,
        callSites: list.length,
        perCallUsd: round(list.reduce((n, c) => n + (c.estimate.costUsd?.max ?? 0), 0)),
        monthlyUsd: monthly.length ? round(monthly.reduce((n, m) => n + m.usd, 0)) : null,
        measuredMonthlyUsd: measuredSum(measured),
        measuredUnpriced: measured.filter((m) => m.monthlyUsd === null).length,
      };
    })
    .sort(
      (a, b) => (b.measuredMonthlyUsd ?? b.monthlyUsd ?? b.perCallUsd) - (a.measuredMonthlyUsd ?? a.monthlyUsd ?? a.perCallUsd) || a.name.localeCompare(b.name),
    );
}

/** `By feature: search $12.00/month (measured $9.80), chat $3.10/month` */
export function groupLine(label: string, groups: GroupTotal[]): string {
  return `${label}: ${groups
    .map(
      (g) =>
        `${g.name} ${g.monthlyUsd !== null ? `${formatUsd(g.monthlyUsd)}/month` : `${formatUsd(g.perCallUsd)}/call`}${g.measuredMonthlyUsd !== null ? ` (measured ${formatUsd(g.measuredMonthlyUsd)}/month${g.measuredUnpriced ? ` + ${g.measuredUnpriced} not priced` : ''})` : ''}`,
    )
    .join(', ')}`;
}

function table(rows: string[][], indent = ''): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map(
    (r) =>
      indent +
      r
        .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i])))
        .join('  ')
        .trimEnd(),
  );
}

/** One call site's cost in a line: per call (with the expected cost) and per month when usage is known. */
export function costText(c: CallSite): string {
  const e = c.estimate;
  const expected = e.expected?.costUsd != null ? ` (expected ${formatUsd(e.expected.costUsd)})` : '';
  const cost = e.costUsd ? `${formatRange(e.costUsd)}/call${e.inputTokens.unknownParts.length ? ' + unknown input' : ''}${expected}` : 'cost unknown';
  const m = monthlyOf(c);
  const loop = c.inLoop ? (c.iterations !== undefined ? ` ×${formatTokens(c.iterations)} in a loop` : ' per iteration') : '';
  const measured = c.measured
    ? ` · measured ${c.measured.monthlyUsd !== null ? `${formatUsd(c.measured.monthlyUsd)}/month` : `${formatTokens(c.measured.callsPerMonth)} calls/month`}${c.measured.staleDays ? ` (stale: ${c.measured.staleDays} days old)` : ''}`
    : '';
  return `${cost}${loop}${m ? ` · ${formatUsd(m.usd)}/month${m.source === 'measured' ? ' at measured volume' : ''}` : ''}${measured}`;
}

export function modelText(c: CallSite): string {
  if (c.model.candidates) return `one of ${candidateList(c.model.candidates)}`;
  return c.model.value ? `${c.model.value}${c.model.resolved ? '' : ' (default)'}` : `? ${c.model.expression ?? '(none)'}`;
}

export function tokensText(c: CallSite): { input: string; output: string } {
  const e = c.estimate;
  const input = `${e.approximate ? '~' : ''}${formatTokens(e.inputTokens.static)}${e.inputTokens.assumed ? ` + ${formatTokens(e.inputTokens.assumed)} assumed` : ''}${e.inputTokens.unknownParts.length ? ` + ${e.inputTokens.unknownParts.length} unknown` : ''}`;
  const output =
    e.outputTokens === null
      ? '?'
      : c.outputCap?.value != null
        ? `≤ ${formatTokens(e.outputTokens)}`
        : e.outputTokens === 0
          ? '0'
          : `≤ ${formatTokens(e.outputTokens)} (uncapped)`;
  return { input, output };
}

/** Text for a terminal or a log: problems first, then each file with its findings and call sites, then the totals. */
export function toText(raw: FileReport[], rawInfo: RunInfo, p: Paint = paint(false)): string {
  // What the repository wrote (file names, model ids, messages quoting its code) shown as inert text.
  const reports = cleanStrings(raw, terminalSafe);
  const info = cleanStrings(rawInfo, terminalSafe);
  const lines: string[] = [];
  const sev = (s: Severity) => (s === 'error' ? p.red(s) : s === 'warning' ? p.yellow(s) : p.blue(s));
  for (const i of info.configIssues ?? []) lines.push(`${i.file}:${i.line}:${i.column}  ${sev('error')}  ${issueText(i)}  ${p.dim('config')}`);
  for (const i of info.rateCardIssues)
    lines.push(`rate card ${i.file}${i.entry ? ` entry ${i.entry}` : ''}${i.field ? ` field ${i.field}` : ''}: ${i.message} (entry skipped)`);
  for (const r of reports) if (r.skipped) lines.push(`${r.file}: ${p.dim(r.skipped)}`);
  for (const r of reports) {
    const findings = r.result?.findings ?? [];
    const sites = r.result?.callSites ?? [];
    if (!findings.length && !sites.length) continue;
    if (lines.length) lines.push('');
    lines.push(p.bold(r.file));
    const at = (cell: number | undefined, range: Range) => `${cell !== undefined ? `cell ${cell} ` : ''}${range.start.line + 1}:${range.start.character + 1}`;
    const rows = findings.map((f) => [at(f.cell, f.range), f.severity, f.rule, f.message]);
    for (const row of rows.length ? table([['', '', '', ''], ...rows], '  ').slice(1) : []) {
      // Colour after padding, so the columns stay aligned.
      lines.push(
        row.replace(
          /^( +\S+(?: \S+)? +)(error|warning|info)( +)([a-z]+(?:-[a-z]+)*)/,
          (_m, a: string, s: Severity, b: string, rule: string) => `${a}${sev(s)}${b}${p.dim(rule)}`,
        ),
      );
    }
    if (sites.length) {
      const siteRows = sites.map((c) => {
        const t = tokensText(c);
        return [at(c.cell, c.range), 'call', modelText(c), `${t.input} in`, `${t.output} out`, costText(c)];
      });
      lines.push(...table(siteRows, '  ').map((l) => l.replace(/ call /, ` ${p.dim('call')} `)));
    }
  }
  const findings = reports.flatMap((r) => r.result?.findings ?? []);
  const t = totalsOf(reports);
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  lines.push('');
  const monthly =
    (t.monthlyUsd !== null
      ? ` ${formatUsd(t.monthlyUsd)}/month for the ${t.callSites - t.withoutUsage} with usage${t.measuredCallSites ? ' (measured or in costlint.json)' : ' in costlint.json'}${t.withoutUsage ? ` (${t.withoutUsage} without)` : ''}.`
      : t.callSites
        ? ' No usage in costlint.json: figures are per call.'
        : '') + (t.measuredCallSites ? ` Measured: ${measuredText(t)}.` : '');
  lines.push(
    `${t.callSites} call site${t.callSites === 1 ? '' : 's'} in ${reports.filter((r) => r.result?.callSites.length).length} of ${reports.length} files; ` +
      `${findings.length} finding${findings.length === 1 ? '' : 's'} (${count('error')} error, ${count('warning')} warning, ${count('info')} info).${monthly} ` +
      `Rate cards as of ${info.rateCardsAsOf ?? 'unknown'}.`,
  );
  if (t.byFeature) lines.push(groupLine('By feature', t.byFeature));
  if (t.byOwner) lines.push(groupLine('By owner (CODEOWNERS)', t.byOwner));
  for (const m of info.measuredModels ?? []) lines.push(`Usage export: ${measuredModelLine(m)}.`);
  return lines.join('\n') + '\n';
}

/** `$3.20/month at 4 call sites (1 more not priced)` */
export function measuredText(t: { measuredCallSites: number; measuredMonthlyUsd: number | null; measuredUnpriced: number }): string {
  const priced = t.measuredCallSites - t.measuredUnpriced;
  const sites = (n: number) => `${n} call site${n === 1 ? '' : 's'}`;
  if (t.measuredMonthlyUsd === null) return `${sites(t.measuredCallSites)}, not priced`;
  return `${formatUsd(t.measuredMonthlyUsd)}/month at ${sites(priced)}${t.measuredUnpriced ? ` (${t.measuredUnpriced} more not priced)` : ''}`;
}

/** A provider export's model against the call sites calling it, in a line. */
export function measuredModelLine(m: ModelComparison): string {
  const name = `${m.provider} ${m.model ?? '(all models: export it grouped by model)'}${m.batch ? ' (batch)' : ''}`;
  const measured = m.measuredMonthlyUsd !== null ? `${formatUsd(m.measuredMonthlyUsd)}/month measured` : 'measured, not priced';
  const requests =
    m.requestsPerMonth !== null
      ? `, ${formatTokens(Math.round(m.requestsPerMonth))} requests/month${m.measuredPerRequestUsd !== null ? ` at ${formatUsd(m.measuredPerRequestUsd)} each` : ''}`
      : '';
  const sites = `${m.callSites.length} call site${m.callSites.length === 1 ? '' : 's'}`;
  const est = !m.callSites.length
    ? 'no call site here calls it'
    : `${sites} here${m.estimatedPerCallUsd ? `, estimated ${formatRange(m.estimatedPerCallUsd)} per call` : ''}${m.estimatedMonthlyUsd !== null ? `, ${formatUsd(m.estimatedMonthlyUsd)}/month with usage` : ''}${m.withoutMonthly ? ` (${m.withoutMonthly} without usage)` : ''}`;
  return `${name}: ${measured}${requests} over ${m.periodDays} days; ${est}`;
}
