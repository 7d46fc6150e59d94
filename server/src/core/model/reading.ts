// Reading what a node is (its SDK symbol, its value, its client) under a guard: a cycle or the depth
// limit cuts the reading short, and the guard says for which askers what was read may be kept.
// Kept results make a library's helpers, which read each other (recursive, several returns each), read
// once each instead of once per path to them: without them a test file of a schema library took 50 s
// and a synthetic one of 40 such helpers did not finish (issue 22).
import { MAX_DEPTH } from './runtime';

/**
 * For which askers a result the guard returned may be kept: `always`, the depth limit did not cut it;
 * `deeper`, it did, so it holds for askers as deep or deeper (who would be cut no later).
 *
 * A cycle cut (a recursive function reaching itself, two helpers reading each other) does not stop a
 * result from being kept: the reading inside the cycle is its first pass, the node without reaching
 * itself again, and it is what the node is for every later asker. An asker from outside the cycle could
 * read more by starting elsewhere in it; reading each node again for every path is exponential, and on
 * the fixtures and the 14 real applications of issue 19 the reports are identical either way.
 * `cut`: the guard itself cut this reading (the node reached itself, or the depth limit): nothing to
 * keep for the node, whose reading is still under way or was never done.
 */
export type Reuse = 'always' | 'deeper' | 'cut';

export class Reading {
  /** How many times a cycle or the depth limit cut a reading short (a result read with none does not depend on who asks). */
  cutoffs = 0;
  /** For which askers the result of the last guard to end may be kept. */
  reuse: Reuse = 'always';
  /** Whether the depth limit cut the reading under way. */
  private cutDeep = false;

  /** `resolving`: the nodes being read, shared with a front-end's own reading (Python's clients). */
  constructor(private readonly resolving: Set<number>) {}

  /** Runs `f` unless node `id` is already being read (a cycle) or the chain is too deep; then `reuse` says for whom its result holds. */
  guard<T>(id: number, depth: number, f: () => T | undefined): T | undefined {
    if (depth > MAX_DEPTH || this.resolving.has(id)) {
      this.cutoffs++;
      if (depth > MAX_DEPTH) this.cutDeep = true;
      this.reuse = 'cut';
      return undefined;
    }
    this.resolving.add(id);
    const outerDeep = this.cutDeep;
    this.cutDeep = false;
    try {
      return f();
    } finally {
      this.resolving.delete(id);
      this.reuse = this.cutDeep ? 'deeper' : 'always';
      this.cutDeep ||= outerDeep;
    }
  }

  /** A result kept for deeper askers was used: the reading under way is cut by the depth limit too. */
  reusedDeep(): void {
    this.cutoffs++;
    this.cutDeep = true;
  }
}

/** What `Kept.get` returns when no result holds for the asker. */
export const MISS: unique symbol = Symbol('not kept');

/** Results kept by node as the guard allows (`Reuse`): for every asker, or for askers as deep or deeper. */
export class Kept<T> {
  // Two maps, so that the common case stores and returns the value itself (a box per reading made an edit of a 5,000-line TypeScript file 13% slower).
  private readonly always = new Map<number, T>();
  private readonly deeper = new Map<number, { value: T; depth: number }>();

  constructor(private readonly reading: Reading) {}

  /** The result kept for an asker at `depth` (it may be undefined), or MISS when none holds. */
  get(id: number, depth: number): T | typeof MISS {
    if (this.always.has(id)) return this.always.get(id) as T;
    const d = this.deeper.get(id);
    if (!d || depth < d.depth) return MISS;
    this.reading.reusedDeep();
    return d.value;
  }

  /** Keeps what was just read for node `id` (its guard the last to end), for the askers it holds for. */
  keep(id: number, value: T, depth: number): void {
    const r = this.reading.reuse;
    if (r === 'cut') return;
    if (r === 'always') {
      this.always.set(id, value);
      this.deeper.delete(id);
    } else {
      this.deeper.set(id, { value, depth });
      this.always.delete(id);
    }
  }
}
