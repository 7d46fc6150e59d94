// Jupyter notebooks: the code cells are analyzed as one Python module (a client made in
// one cell is used in another), and every position is mapped back to its cell.
import type { Analyzer } from './analyze';
import { LineIndex } from './text';
import type { AnalysisResult, AnalysisSettings, Range, Span } from './types';

interface CellSlice {
  index: number;
  start: number;
  text: string;
  lines: LineIndex;
}

/** Parses .ipynb JSON into its cells' sources, or throws with a message a user can act on. */
export function notebookCells(json: string): { type: string; source: string }[] {
  let nb: unknown;
  try {
    nb = JSON.parse(json);
  } catch (e) {
    throw new Error(`not a valid notebook (JSON error: ${(e as Error).message})`);
  }
  const cells = (nb as { cells?: unknown }).cells;
  if (!Array.isArray(cells)) throw new Error('not a valid notebook: no "cells" array');
  return cells.map((c: { cell_type?: unknown; source?: unknown }) => ({
    type: typeof c.cell_type === 'string' ? c.cell_type : 'unknown',
    source: Array.isArray(c.source) ? c.source.join('') : typeof c.source === 'string' ? c.source : '',
  }));
}

/** IPython magics and shell escapes are not Python: blank them out, keeping offsets. */
function blankMagics(source: string): string {
  return source.replace(/^([ \t]*)([%!].*)$/gm, (_m, indent: string, rest: string) => indent + ' '.repeat(rest.length));
}

export function analyzeNotebook(analyzer: Analyzer, json: string, settings: Partial<AnalysisSettings> = {}): AnalysisResult {
  const cells = notebookCells(json);
  const slices: CellSlice[] = [];
  let text = '';
  cells.forEach((c, index) => {
    if (c.type !== 'code') return;
    if (text) text += '\n';
    slices.push({ index, start: text.length, text: c.source, lines: new LineIndex(c.source) });
    text += blankMagics(c.source);
  });
  const result = analyzer.analyze({ text, language: 'python' }, settings);
  if (result.skipped) result.skipped = result.skipped.replace(/^file is/, 'code cells are');
  const locate = (span: Span): { cell: number; range: Range } => {
    let slice = slices[0];
    for (const s of slices) if (s.start <= span.start) slice = s;
    const local = { start: span.start - slice.start, end: Math.min(span.end - slice.start, slice.text.length) };
    return { cell: slice.index, range: slice.lines.range(local) };
  };
  for (const site of result.callSites) {
    const at = locate(site.span);
    site.cell = at.cell;
    site.range = at.range;
    site.nameRange = locate(site.nameSpan).range;
  }
  for (const f of result.findings) {
    const at = locate(f.span);
    f.cell = at.cell;
    f.range = at.range;
    for (const e of f.fix?.edits ?? []) e.range = locate(e.span).range;
  }
  return result;
}
