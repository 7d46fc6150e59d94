// Nested source ranges (a file, its classes and functions) found by position: which ones hold a
// node. The recognizers' first passes record them instead of asking tree-sitter for a node's
// parent, which it finds by searching down from the root (time in proportion to the file).

interface Entry<T> {
  start: number;
  end: number;
  value: T;
  /** The index of the entry around this one; -1 for none. */
  up: number;
}

export class Regions<T> {
  private readonly entries: Entry<T>[] = [];
  private indexed = true;

  /** Adds a range; ranges either nest or do not overlap, as syntax does. */
  add(start: number, end: number, value: T): void {
    this.entries.push({ start, end, value, up: -1 });
    this.indexed = false;
  }

  /** The values of the ranges holding all of [start, end], innermost first. */
  around(start: number, end: number): T[] {
    const out: T[] = [];
    const entries = this.index();
    for (let i = this.lastStartingBy(start); i >= 0; i = entries[i].up) if (entries[i].start <= start && end <= entries[i].end) out.push(entries[i].value);
    return out;
  }

  /** The value of the innermost range holding all of [start, end]. */
  innermost(start: number, end: number): T | undefined {
    const entries = this.index();
    for (let i = this.lastStartingBy(start); i >= 0; i = entries[i].up) if (entries[i].start <= start && end <= entries[i].end) return entries[i].value;
    return undefined;
  }

  /** Sorted by start (the outer of two ranges starting together first), each knowing the one around it. */
  private index(): Entry<T>[] {
    if (!this.indexed) {
      this.entries.sort((a, b) => a.start - b.start || b.end - a.end);
      const open: number[] = [];
      this.entries.forEach((e, i) => {
        while (open.length && this.entries[open[open.length - 1]].end < e.end) open.pop();
        e.up = open.length ? open[open.length - 1] : -1;
        open.push(i);
      });
      this.indexed = true;
    }
    return this.entries;
  }

  /** The last entry starting at or before `start` (-1: none). */
  private lastStartingBy(start: number): number {
    const entries = this.entries;
    let lo = 0;
    let hi = entries.length - 1;
    if (hi < 0 || entries[0].start > start) return -1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (entries[mid].start <= start) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}
