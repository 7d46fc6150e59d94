// Markdown for pull-request comments and job summaries: the call sites with their cost per call
// and per month, then the findings. Long tables fold into <details>.
import { formatUsd } from '../core/format';
import { monthlyOf } from '../core/projection';
import type { Severity } from '../core/types';
import { costText, issueText, measuredModelLine, measuredText, modelText, tokensText, totalsOf, type FileReport, type RunInfo } from './report';
import { cleanStrings, markdownCode, markdownSafe, terminalSafe } from './escape';

const ICON: Record<Severity, string> = { error: '🛑', warning: '⚠️', info: 'ℹ️' };
const FOLD_AFTER = 20;

/** A table cell of Markdown already made safe (`markdownSafe`, `code`): pipes escaped, one line. */
export const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
/** Repository text as a code span (a file, an id): inert, whatever it holds. */
export const code = markdownCode;
/** Repository text in prose (a message, a model id): no HTML, links or mentions. */
const md = markdownSafe;

export function mdTable(header: string[], rows: string[][]): string[] {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)];
}

/** Folds a long block into a <details> element, keeping short ones open. */
export function fold(summary: string, lines: string[], rows: number): string[] {
  return rows > FOLD_AFTER ? ['<details>', `<summary>${summary}</summary>`, '', ...lines, '', '</details>'] : lines;
}

export function toMarkdown(raw: FileReport[], rawInfo: RunInfo, docsUrl: string | null): string {
  const reports = cleanStrings(raw, terminalSafe);
  const info = cleanStrings(rawInfo, terminalSafe);
  const out: string[] = ['## costlint: LLM cost', ''];
  const t = totalsOf(reports);
  const findings = reports.flatMap((r) => (r.result?.findings ?? []).map((f) => ({ file: r.file, f })));
  out.push(
    `**${t.callSites} call site${t.callSites === 1 ? '' : 's'}** · ${formatUsd(t.perCallUsd)} for one call of each (worst case)${t.unpriced ? `, ${t.unpriced} unpriced` : ''} · ` +
      (t.monthlyUsd !== null
        ? `**${formatUsd(t.monthlyUsd)}/month** for the ${t.callSites - t.withoutUsage} with usage${t.withoutUsage ? ` (${t.withoutUsage} without)` : ''}`
        : 'no usage in costlint.json: figures are per call') +
      (t.measuredCallSites ? ` · measured ${measuredText(t)}` : '') +
      ` · ${findings.length} finding${findings.length === 1 ? '' : 's'}`,
    '',
  );
  for (const i of info.configIssues ?? []) out.push(`> 🛑 ${code(`${i.file}:${i.line}:${i.column}`)} ${md(issueText(i))}`, '');
  const sites = reports.flatMap((r) => (r.result?.callSites ?? []).map((c) => ({ file: r.file, c })));
  if (sites.length) {
    const rows = sites.map(({ file, c }) => {
      const tk = tokensText(c);
      const m = monthlyOf(c);
      const measured = c.measured
        ? (c.measured.monthlyUsd !== null ? formatUsd(c.measured.monthlyUsd) : 'not priced') + (c.measured.staleDays ? ' (stale)' : '')
        : '–';
      return [
        `${code(`${file}:${c.range.start.line + 1}`)} ${md(c.id)}`,
        md(modelText(c)),
        tk.input,
        tk.output,
        costText(c).replace(/ \u00b7 .*$/, ''),
        m ? formatUsd(m.usd) : '–',
        ...(t.measuredCallSites ? [measured] : []),
      ];
    });
    const head = ['Call site', 'Model', 'Input tokens', 'Output tokens', 'Per call', 'Per month', ...(t.measuredCallSites ? ['Measured / month'] : [])];
    out.push(...fold(`${sites.length} call sites`, mdTable(head, rows), rows.length), '');
  }
  for (const [label, groups] of [
    ['By feature', t.byFeature],
    ['By owner (CODEOWNERS)', t.byOwner],
  ] as const) {
    if (!groups) continue;
    out.push(
      `### ${label}`,
      '',
      ...mdTable(
        ['', 'Call sites', 'Per month', 'Measured / month', 'Per call (one of each)'],
        groups.map((g) => [
          md(g.name),
          String(g.callSites),
          g.monthlyUsd !== null ? formatUsd(g.monthlyUsd) : '–',
          g.measuredMonthlyUsd !== null ? `${formatUsd(g.measuredMonthlyUsd)}${g.measuredUnpriced ? ` + ${g.measuredUnpriced} not priced` : ''}` : '–',
          formatUsd(g.perCallUsd),
        ]),
      ),
      '',
    );
  }
  for (const m of info.measuredModels ?? []) out.push(`> ${md(measuredModelLine(m))}`, '');
  if (findings.length) {
    const rule = (id: string) => (docsUrl ? `[${id}](${docsUrl}/docs/rules/${id}.md)` : code(id));
    const rows = findings.map(({ file, f }) => [ICON[f.severity], code(`${file}:${f.range.start.line + 1}`), rule(f.rule), md(f.message)]);
    out.push(`### Findings`, '', ...fold(`${findings.length} findings`, mdTable(['', 'Where', 'Rule', 'Message'], rows), rows.length), '');
  }
  out.push(`<sub>costlint ${info.version} · rate cards as of ${info.rateCardsAsOf ?? 'unknown'}</sub>`);
  return out.join('\n') + '\n';
}
