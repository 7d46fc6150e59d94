// GitHub Actions workflow commands: one annotation per finding, shown on the pull request's diff
// (https://docs.github.com/actions/reference/workflow-commands-for-github-actions).
import type { Severity } from '../core/types';
import { issueText, type FileReport, type RunInfo } from './report';
import { cleanStrings, terminalSafe } from './escape';

const LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/** Escapes a command's message (`%`, CR, LF). */
const data = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
/** Escapes a property value (also `:` and `,`). */
const prop = (s: string) => data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function toGithub(raw: FileReport[], rawInfo: RunInfo): string {
  // Control characters first (an escape sequence in a model id reaches the log as is), then the
  // command's own escapes: a newline can no longer start a forged command.
  const reports = cleanStrings(raw, terminalSafe);
  const info = cleanStrings(rawInfo, terminalSafe);
  const lines: string[] = [];
  for (const i of info.configIssues ?? [])
    lines.push(`::error file=${prop(i.file)},line=${i.line},col=${i.column},title=${prop('costlint config')}::${data(issueText(i))}`);
  for (const r of reports) {
    for (const f of r.result?.findings ?? []) {
      const cell = f.cell !== undefined ? ` (notebook cell ${f.cell})` : '';
      // Notebook positions are within a cell, which GitHub cannot show: the file alone is annotated there.
      const where =
        f.cell !== undefined
          ? `file=${prop(r.file)}`
          : `file=${prop(r.file)},line=${f.range.start.line + 1},col=${f.range.start.character + 1},endLine=${f.range.end.line + 1},endColumn=${f.range.end.character + 1}`;
      lines.push(`::${LEVEL[f.severity]} ${where},title=${prop(`costlint ${f.rule}`)}::${data(f.message + cell)}`);
    }
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}
