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

/** Rows and columns of offsets of `text` as tree-sitter counts them (rows end at \n; columns in code units). */
export function pointer(text: string): (offset: number) => Point {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { row: lo, column: offset - starts[lo] };
  };
}

/** Where `inserted` ends when it starts at `at`. */
function extent(at: Point, inserted: string): Point {
  const nl = inserted.lastIndexOf('\n');
  if (nl < 0) return { row: at.row, column: at.column + inserted.length };
  let rows = 0;
  for (let i = inserted.indexOf('\n'); i !== -1; i = inserted.indexOf('\n', i + 1)) rows++;
  return { row: at.row + rows, column: inserted.length - nl - 1 };
}

/** `[start, oldEnd)` of the text `point` reads replaced by `inserted`, as tree-sitter's `Tree.edit` takes it. */
export function replacementEdit(point: (offset: number) => Point, start: number, oldEnd: number, inserted: string): Edit {
  const startPosition = point(start);
  return new Edit({
    startIndex: start,
    oldEndIndex: oldEnd,
    newEndIndex: start + inserted.length,
    startPosition,
    oldEndPosition: point(oldEnd),
    newEndPosition: extent(startPosition, inserted),
  });
}

/** The change as tree-sitter's `Tree.edit` takes it. */
export function treeSitterEdit(old: string, text: string, c: TextChange): Edit {
  return replacementEdit(pointer(old), c.start, c.oldEnd, text.slice(c.start, c.newEnd));
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
