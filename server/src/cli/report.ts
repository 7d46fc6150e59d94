// The CLI's writers. The JSON shape is a public contract (README "JSON output"):
// additions are allowed, changes to existing fields need a new schemaVersion.
import { relative, sep } from 'node:path';
import { formatRange, formatTokens, formatUsd } from '../core/format';
import type { AnalysisResult, CallSite, Finding, Range, Severity } from '../core/types';

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
  rateCardIssues: { file: string; entry: string | null; field: string | null; message: string }[];
  configIssues?: ConfigIssueReport[];
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
    inLoop: c.inLoop,
    loop: c.loop,
    ...(c.iterations !== undefined ? { iterations: c.iterations } : {}),
    prompt: {
      parts: c.prompt.parts.map((p) => ({
        where: p.where,
        tokens: p.tokens ?? 0,
        ...(p.cached ? { cached: true } : {}),
        ...(p.source ? { source: { name: p.source.name, file: p.source.path ? relFile(p.source.path) : file, ...(p.source.range ? { line: p.source.range.start.line + 1 } : {}), ...(p.source.cell !== undefined ? { cell: p.source.cell } : {}) } } : {}),
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
    rateCards: { asOf: info.rateCardsAsOf, issues: info.rateCardIssues },
    configIssues: info.configIssues ?? [],
    callSites: reports.flatMap((r) => (r.result?.callSites ?? []).map((c) => callSiteJson(r.file, c))),
    findings: reports.flatMap((r) => (r.result?.findings ?? []).map((f) => findingJson(r.file, f))),
    skipped: reports.filter((r) => r.skipped).map((r) => ({ file: r.file, reason: r.skipped })),
    errors: reports.flatMap((r) => (r.result?.errors ?? []).map((e) => ({ file: r.file, ...e }))),
  };
  return JSON.stringify(out, null, 2) + '\n';
}

const SEVERITY_ORDER: Record<Severity, number> = { info: 0, warning: 1, error: 2 };
export const severityAtLeast = (s: Severity, min: Severity): boolean => SEVERITY_ORDER[s] >= SEVERITY_ORDER[min];

function loc(file: string, cell: number | undefined, r: Range): string {
  return `${file}${cell !== undefined ? `#cell${cell}` : ''}:${r.start.line + 1}:${r.start.character + 1}`;
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd()).join('\n');
}

export function toText(reports: FileReport[], info: RunInfo): string {
  const lines: string[] = [];
  for (const i of info.configIssues ?? []) lines.push(`${i.file}:${i.line}:${i.column}  error  ${i.message} (the field's default is used)  [config]`);
  for (const i of info.rateCardIssues) lines.push(`rate card ${i.file}${i.entry ? ` entry ${i.entry}` : ''}${i.field ? ` field ${i.field}` : ''}: ${i.message} (entry skipped)`);
  for (const r of reports) if (r.skipped) lines.push(`${r.file}: ${r.skipped}`);
  const findings = reports.flatMap((r) => (r.result?.findings ?? []).map((f) => ({ file: r.file, f })));
  for (const { file, f } of findings) lines.push(`${loc(file, f.cell, f.range)}  ${f.severity}  ${f.message}  [${f.rule}]`);

  const sites = reports.flatMap((r) => (r.result?.callSites ?? []).map((c) => ({ file: r.file, c })));
  if (sites.length) {
    if (lines.length) lines.push('');
    const rows = [['call site', 'model', 'input tokens', 'output tokens', 'cost per call']];
    for (const { file, c } of sites) {
      const e = c.estimate;
      const input = `${e.approximate ? '~' : ''}${formatTokens(e.inputTokens.static)}${e.inputTokens.assumed ? ` + ${formatTokens(e.inputTokens.assumed)} assumed` : ''}${e.inputTokens.unknownParts.length ? ` + ${e.inputTokens.unknownParts.length} unknown` : ''}`;
      const output = e.outputTokens === null ? '?' : c.outputCap?.value != null ? `≤ ${formatTokens(e.outputTokens)}` : e.outputTokens === 0 ? '0' : `≤ ${formatTokens(e.outputTokens)} (uncapped)`;
      const model = c.model.value ? `${c.model.value}${c.model.resolved ? '' : ' (default)'}` : `? ${c.model.expression ?? '(none)'}`;
      const expected = e.expected?.costUsd != null ? ` (expected ${formatUsd(e.expected.costUsd)})` : '';
      const cost = e.costUsd ? `${formatRange(e.costUsd)}${e.inputTokens.unknownParts.length ? ' + unknown input' : ''}${expected}` : 'unknown';
      rows.push([loc(file, c.cell, c.range), model, input, output, `${cost}${c.inLoop ? ' (per iteration)' : ''}`]);
    }
    lines.push(table(rows));
  }
  const count = (s: Severity) => findings.filter(({ f }) => f.severity === s).length;
  lines.push('');
  lines.push(
    `${sites.length} call site${sites.length === 1 ? '' : 's'} in ${reports.filter((r) => r.result?.callSites.length).length} of ${reports.length} files; ` +
      `${findings.length} finding${findings.length === 1 ? '' : 's'} (${count('error')} error, ${count('warning')} warning, ${count('info')} info). ` +
      `Rate cards as of ${info.rateCardsAsOf ?? 'unknown'}.`,
  );
  return lines.join('\n') + '\n';
}
