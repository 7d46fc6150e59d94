// Jupyter notebooks: the code cells are analyzed as one Python module (a client made in
// one cell is used in another), and every position is mapped back to its cell.
import type { Analyzer, SourceInput } from './analyze';
import { allFindings } from './prefixes';
import { LineIndex } from './text';
import type { AnalysisResult, AnalysisSettings, Span } from './types';

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
  } catch {
    throw new Error('not a valid notebook: not valid JSON');
  }
  const cells = nb && typeof nb === 'object' ? (nb as { cells?: unknown }).cells : undefined;
  if (!Array.isArray(cells)) throw new Error('not a valid notebook: no "cells" array');
  const bad = cells.findIndex((c) => !c || typeof c !== 'object');
  if (bad >= 0) throw new Error(`not a valid notebook: cell ${bad + 1} is ${cells[bad] === null ? 'null' : `a ${typeof cells[bad]}`}, not a cell`);
  return cells.map((c: { cell_type?: unknown; source?: unknown }) => ({
    type: typeof c.cell_type === 'string' ? c.cell_type : 'unknown',
    source: Array.isArray(c.source) ? c.source.join('') : typeof c.source === 'string' ? c.source : '',
  }));
}

/** IPython magics and shell escapes are not Python: blank them out, keeping offsets. */
function blankMagics(source: string): string {
  return source.replace(/^([ \t]*)([%!].*)$/gm, (_m, indent: string, rest: string) => indent + ' '.repeat(rest.length));
}

export function analyzeNotebook(
  analyzer: Analyzer,
  json: string,
  settings: Partial<AnalysisSettings> = {},
  input: Omit<SourceInput, 'text' | 'language'> = {},
): AnalysisResult {
  return analyzeCells(analyzer, notebookCells(json), settings, input);
}

/**
 * Code cells, in order, analyzed as one module. Every call site and finding gets `cell` (its index
 * among all `cells`) with its span and range relative to that cell, as an editor shows a cell.
 * Used for .ipynb files (CLI) and for notebooks open in the editor (server).
 */
export function analyzeCells(
  analyzer: Analyzer,
  cells: { type: string; source: string }[],
  settings: Partial<AnalysisSettings> = {},
  input: Omit<SourceInput, 'text' | 'language'> = {},
): AnalysisResult {
  const slices: CellSlice[] = [];
  let text = '';
  cells.forEach((c, index) => {
    if (c.type !== 'code') return;
    if (text) text += '\n';
    slices.push({ index, start: text.length, text: c.source, lines: new LineIndex(c.source) });
    text += blankMagics(c.source);
  });
  const result = analyzer.analyze({ ...input, text, language: 'python' }, settings);
  if (result.skipped) result.skipped = result.skipped.replace(/^file is/, 'code cells are');
  const sliceOf = (offset: number): CellSlice => {
    let slice = slices[0];
    for (const s of slices) if (s.start <= offset) slice = s;
    return slice;
  };
  const local = (span: Span, slice: CellSlice): Span => ({ start: span.start - slice.start, end: Math.min(span.end - slice.start, slice.text.length) });
  for (const site of result.callSites) {
    const slice = sliceOf(site.span.start);
    site.cell = slice.index;
    site.span = local(site.span, slice);
    site.range = slice.lines.range(site.span);
    const nameSlice = sliceOf(site.nameSpan.start);
    site.nameSpan = local(site.nameSpan, nameSlice);
    site.nameRange = nameSlice.lines.range(site.nameSpan);
  }
  for (const site of result.callSites) {
    for (const p of site.prompt.parts) {
      const src = p.source;
      if (!src?.range) continue;
      const slice = sliceOf(src.span.start);
      src.cell = slice.index;
      src.span = local(src.span, slice);
      src.range = slice.lines.range(src.span);
    }
  }
  for (const c of result.promptConstants ?? []) {
    const slice = sliceOf(c.span.start);
    c.cell = slice.index;
    c.span = local(c.span, slice);
    c.range = slice.lines.range(c.span);
  }
  // With the findings a join with other files may show (prefixes.ts), which are not in `findings` yet.
  for (const f of allFindings(result)) {
    const slice = sliceOf(f.span.start);
    f.cell = slice.index;
    f.span = local(f.span, slice);
    f.range = slice.lines.range(f.span);
    for (const e of f.fix?.edits ?? []) {
      // A fix's edit sits in the cell of its finding's call (the call's own argument list).
      const es = sliceOf(e.span.start);
      e.span = local(e.span, es);
      e.range = es.lines.range(e.span);
    }
  }
  return result;
}
