// Incremental re-parsing: the one edit that turns a document's previous text into its new text,
// as tree-sitter's `Tree.edit` and TypeScript's `updateSourceFile` want it. Both parsers then
// reuse the syntax of everything outside the edit.
import { Edit, type Parser, type Point, type Tree } from 'web-tree-sitter';

/** An edit in string offsets (UTF-16 code units): `[start, oldEnd)` of the old text became `[start, newEnd)` of the new. */
export interface TextChange {
  start: number;
  oldEnd: number;
  newEnd: number;
}

/** The single edit between two texts (their common prefix and suffix kept), or null when they are equal. */
export function textChange(old: string, text: string): TextChange | null {
  if (old === text) return null;
  const max = Math.min(old.length, text.length);
  let start = 0;
  while (start < max && old.charCodeAt(start) === text.charCodeAt(start)) start++;
  let oldEnd = old.length;
  let newEnd = text.length;
  while (oldEnd > start && newEnd > start && old.charCodeAt(oldEnd - 1) === text.charCodeAt(newEnd - 1)) {
    oldEnd--;
    newEnd--;
  }
  return { start, oldEnd, newEnd };
}

/** Row and column of `offset` as tree-sitter counts them (rows end at \n; columns in code units). */
function pointAt(text: string, offset: number): Point {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: offset - lineStart };
}

/** The change as tree-sitter's `Tree.edit` takes it. */
export function treeSitterEdit(old: string, text: string, c: TextChange): Edit {
  return new Edit({
    startIndex: c.start,
    oldEndIndex: c.oldEnd,
    newEndIndex: c.newEnd,
    startPosition: pointAt(old, c.start),
    oldEndPosition: pointAt(old, c.oldEnd),
    newEndPosition: pointAt(text, c.newEnd),
  });
}

/** Parses `text`, reusing `previous` (the same document's last tree, which this deletes) for what did not change. */
export function parseIncrementally(parser: Parser, text: string, previous?: { text: string; tree: Tree }): Tree | null {
  if (!previous) return parser.parse(text);
  try {
    const change = textChange(previous.text, text);
    if (change) previous.tree.edit(treeSitterEdit(previous.text, text, change));
    return parser.parse(text, previous.tree);
  } finally {
    previous.tree.delete();
  }
}
