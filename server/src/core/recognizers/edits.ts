import type { Span } from '../types';

/**
 * Adds an item to a bracketed list (call arguments, dict, object literal), formatted like the
 * surrounding code: on its own line with the last item's indentation when the list spans
 * lines (keeping a trailing comma if the list has one), inline otherwise.
 */
export function insertInList(
  text: string,
  list: { startIndex: number; endIndex: number; namedChildren: { type: string; startIndex: number; endIndex: number }[] },
  item: string,
  open: string,
): { span: Span; newText: string } {
  const items = list.namedChildren.filter((c) => c.type !== 'comment');
  const closeAt = list.endIndex - 1;
  if (items.length === 0) {
    const inner = text.slice(list.startIndex + 1, closeAt);
    if (inner.includes('\n')) {
      const indent = lineIndent(text, closeAt) + '    ';
      return { span: { start: list.startIndex + 1, end: list.startIndex + 1 }, newText: `\n${indent}${item},` };
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
      return { span: { start: commaAt, end: commaAt }, newText: `\n${indent}${item},` };
    }
    return { span: { start: last.endIndex, end: last.endIndex }, newText: `,\n${indent}${item}` };
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

