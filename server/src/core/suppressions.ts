// Suppression comments: `costlint-ignore <rule>[, <rule>] -- reason` on a finding's line or the
// line above it, `costlint-ignore-file <rule>[, <rule>]` anywhere in the file. Found by scanning
// comments (a marker after the language's comment opener), applied to the analysis's findings;
// a suppression that silences nothing is reported by `unused-suppression`.
import { eolAt } from './writers/lit';
import type { LineIndex } from './text';
import type { Finding, Language, Span } from './types';
import { languageSpec } from './languages';

export interface Suppression {
  /** 0-based line of the comment. */
  line: number;
  rules: string[];
  reason: string | null;
  /** true for `costlint-ignore-file`. */
  file: boolean;
  /** true when the comment is alone on its line (it then covers the next line), false after code (its own line). */
  ownLine: boolean;
  /** From the comment opener to the end of the line: what removing the suppression removes. */
  comment: Span;
  span: Span;
  /** Rule ids this suppression silenced at least one finding of. */
  used: Set<string>;
}

const ID = '[a-z]+(?:-[a-z]+)*';

/** Every suppression comment contains this: a file without it has none. */
export const SUPPRESSION_MARKER = 'costlint-ignore';

/**
 * The suppression comments of a file. `isComment` says whether an offset (where a comment opener
 * was found) is in a comment by the file's syntax tree: text that only looks like one, inside a
 * string (a Python docstring, a template literal, a Go raw string), suppresses nothing.
 */
export function findSuppressions(text: string, language: Language, lines: LineIndex, isComment?: (offset: number) => boolean): Suppression[] {
  if (!text.includes(SUPPRESSION_MARKER)) return [];
  const re = new RegExp(
    `(?:${languageSpec(language).comments.openers})[ \\t*]*costlint-ignore(-file)?[ \\t]+(${ID}(?:[ \\t]*,[ \\t]*${ID})*)(?:[ \\t]+--[ \\t]*([^\\r\\n]*?))?[ \\t]*(?:\\*/|#\\}|--\\}\\}|\\}\\})?[ \\t]*$`,
    'gm',
  );
  const out: Suppression[] = [];
  for (const m of text.matchAll(re)) {
    if (isComment && !isComment(m.index)) continue;
    const start = m.index + m[0].indexOf('costlint-ignore');
    const lineStart = text.lastIndexOf('\n', m.index - 1) + 1;
    out.push({
      line: lines.lineOf(start),
      rules: m[2].split(',').map((r) => r.trim()),
      reason: m[3]?.trim() || null,
      file: m[1] === '-file',
      ownLine: text.slice(lineStart, m.index).trim() === '',
      span: { start, end: m.index + m[0].length },
      comment: { start: m.index, end: m.index + m[0].length },
      used: new Set(),
    });
  }
  return out;
}

/** The findings no suppression covers; each suppression records which of its rules it used. */
export function applySuppressions(findings: Finding[], suppressions: Suppression[]): Finding[] {
  if (!suppressions.length) return findings;
  return findings.filter((f) => {
    const s = suppressionOf(f, suppressions);
    if (s) s.used.add(f.rule);
    return !s;
  });
}

/** The suppression comment that silences a finding, if one does (its line, the line above, or the file). */
export function suppressionOf(f: Finding, suppressions: Suppression[]): Suppression | undefined {
  const line = f.range.start.line;
  return suppressions.find((x) => x.rules.includes(f.rule) && (x.file || (x.ownLine ? x.line === line - 1 : x.line === line)));
}

/**
 * The edit that suppresses `rule` on `line` (0-based) of `text`: a comment line above it, with the
 * line's indentation. Prompt files take it in their front matter (YAML comments), where their
 * findings are.
 */
export function ignoreHereEdit(text: string, language: Language, line: number, rule: string): { offset: number; newText: string } {
  let offset = 0;
  for (let i = 0; i < line; i++) {
    const nl = text.indexOf('\n', offset);
    if (nl < 0) break;
    offset = nl + 1;
  }
  const indent = /^[ \t]*/.exec(text.slice(offset))![0];
  // The line ending the file uses there (a CRLF file stays CRLF).
  return { offset, newText: `${indent}${languageSpec(language).comments.line} costlint-ignore ${rule}${eolAt(text, offset)}` };
}
