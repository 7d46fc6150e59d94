// Edit placement shared by the recognizers: where an item goes in a bracketed list, and the
// in-place replacement of a value read from the file. What the text says is the writers' job.
import type { Span } from '../types';
import { eolAt, type Edit, type Lit } from '../writers/lit';
import type { LanguageWriter } from '../writers/writer';
import { staticString, type Val } from './values';

/**
 * Adds an item to a bracketed list (call arguments, dict, object literal), formatted like the
 * surrounding code: on its own line with the last item's indentation when the list spans
 * lines (keeping a trailing comma if the list has one), inline otherwise. New lines end the way
 * the file's lines end there (CRLF files stay CRLF).
 */
export function insertInList(
  text: string,
  list: { startIndex: number; endIndex: number; namedChildren: { type: string; startIndex: number; endIndex: number }[] },
  item: string,
  open: string,
): { span: Span; newText: string } {
  const items = list.namedChildren.filter((c) => c.type !== 'comment');
  const closeAt = list.endIndex - 1;
  const eol = eolAt(text, list.startIndex);
  if (items.length === 0) {
    const inner = text.slice(list.startIndex + 1, closeAt);
    if (inner.includes('\n')) {
      const indent = lineIndent(text, closeAt) + '    ';
      return { span: { start: list.startIndex + 1, end: list.startIndex + 1 }, newText: `${eol}${indent}${item},` };
    }
    const pad = open === '{' && text[list.startIndex] === '{' ? ' ' : '';
    return { span: { start: list.startIndex + 1, end: closeAt }, newText: `${pad}${item}${pad}` };
  }
  const last = items[items.length - 1];
  const after = text.slice(last.endIndex, closeAt);
  const trailingComma = /^\s*,/.test(after);
  const multiline = text.slice(list.startIndex, last.startIndex).includes('\n');
  if (multiline) {
    const indent = lineIndent(text, last.startIndex);
    if (trailingComma) {
      const commaAt = last.endIndex + after.indexOf(',') + 1;
      return { span: { start: commaAt, end: commaAt }, newText: `${eol}${indent}${item},` };
    }
    return { span: { start: last.endIndex, end: last.endIndex }, newText: `,${eol}${indent}${item}` };
  }
  if (trailingComma) {
    const commaAt = last.endIndex + after.indexOf(',') + 1;
    return { span: { start: commaAt, end: commaAt }, newText: ` ${item}` };
  }
  return { span: { start: last.endIndex, end: last.endIndex }, newText: `, ${item}` };
}

function lineIndent(text: string, offset: number): string {
  let start = offset;
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  let end = start;
  while (text[end] === ' ' || text[end] === '\t') end++;
  return text.slice(start, end);
}

/** True when `v` was read from this text at its span (not from another file, not rebuilt). */
export function inThisFile(text: string, v: Val): boolean {
  return v.span.end > v.span.start && v.span.end <= text.length && text.slice(v.span.start, v.span.end) === v.text;
}

/**
 * The edit replacing a value read from this file by a string: a string literal keeps its
 * quotes, an SDK model constant becomes a literal of the new value. Anything else (a name, an
 * expression, a template with holes) is not rewritten.
 */
export function replaceValue(text: string, writer: LanguageWriter, v: Val, value: Lit): Edit[] | null {
  if (!inThisFile(text, v)) return null;
  // A number literal keeps its type suffix (`1024L`); digit separators go.
  if (value.kind === 'num' && v.kind === 'num' && Number.isInteger(value.value)) {
    const m = /^\d[\d_]*([lLuU]*)$/.exec(v.text);
    return m ? [{ span: v.span, newText: `${value.value}${m[1]}` }] : null;
  }
  if (value.kind !== 'str' || v.kind !== 'str') return null;
  if (staticString(v) === undefined) return null;
  if (writer.isString(v.text)) return [{ span: v.span, newText: writer.string(value.value, v.text) }];
  if (v.constant) return [{ span: v.span, newText: writer.string(value.value) }];
  return null;
}
