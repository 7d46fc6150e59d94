// Token counting with js-tiktoken. Each encoding's ranks are loaded on first use and kept;
// counts are memoized per text.
//
// js-tiktoken's constructor decodes all 200,000 base64 rank entries up front into a byte-string
// map, and builds a decode table costlint never uses: about 0.6 s and 30 MB per encoding. costlint
// only counts, so the encoder is built with an empty rank list and given `LazyRanks`: a table of
// offsets into the rank file's base64 text (nothing split out or decoded up front), where each byte
// string the encoder asks for is looked up as base64 and remembered. The encoder's own algorithm (the
// pre-tokenizing pattern, byte-pair merges, special tokens) is the library's, unchanged; a test
// checks every rank and the counts on a corpus against the library's own constructor.
import { Tiktoken } from 'js-tiktoken/lite';

export type Encoding = 'o200k_base' | 'cl100k_base';

type Ranks = ConstructorParameters<typeof Tiktoken>[0];

const encoders = new Map<Encoding, Tiktoken>();
/** Count per (encoding, text), oldest first; bounded by the characters it holds, not its entries. */
const memo = new Map<string, number>();
const MEMO_MAX_CHARS = 4_000_000;
let memoChars = 0;
const stats = { counts: 0, memoHits: 0, encodedChars: 0 };

function loadRanks(encoding: Encoding): Ranks {
  // Required lazily: each rank table is megabytes of data.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a require, so that only the table used is loaded
  const mod = (encoding === 'o200k_base' ? require('js-tiktoken/ranks/o200k_base') : require('js-tiktoken/ranks/cl100k_base')) as Ranks | { default: Ranks };
  return 'default' in mod ? mod.default : mod;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** Byte strings looked up and their ranks (misses included, as undefined) kept per encoding; cleared beyond this. */
const MAX_SEEN = 200_000;

/**
 * The `rankMap` js-tiktoken's encoder reads (`get` of a byte string written `"104,105"`), backed
 * by the rank file's base64 tokens. The tokens are not split out into 200,000 strings and map
 * entries (about 12 MB per encoding): an open-addressing table of their offsets into the rank
 * text, with their ranks, takes 4 MB, and a lookup compares the base64 in place.
 */
export class LazyRanks {
  private readonly text: string;
  /** Offset + 1 of each token in `text` (0: an empty slot); a power-of-two length. */
  private readonly slots: Int32Array;
  private readonly ranks: Int32Array;
  private readonly seen = new Map<string, number | undefined>();
  readonly size: number;

  constructor(bpeRanks: string) {
    this.text = bpeRanks;
    let tokens = 0;
    for (let i = 0; i < bpeRanks.length; i++) if (bpeRanks.charCodeAt(i) === 32) tokens++;
    let capacity = 1024;
    while (capacity < tokens * 2) capacity *= 2;
    this.slots = new Int32Array(capacity);
    this.ranks = new Int32Array(capacity);
    let size = 0;
    // Lines of "<prefix> <first rank> <token> <token> ...": consecutive ranks.
    for (let start = 0; start < bpeRanks.length;) {
      let end = bpeRanks.indexOf('\n', start);
      if (end < 0) end = bpeRanks.length;
      const afterPrefix = bpeRanks.indexOf(' ', start);
      if (afterPrefix >= 0 && afterPrefix < end) {
        let at = bpeRanks.indexOf(' ', afterPrefix + 1);
        if (at < 0 || at > end) at = end;
        let rank = Number(bpeRanks.slice(afterPrefix + 1, at));
        while (at < end) {
          const from = at + 1;
          at = bpeRanks.indexOf(' ', from);
          if (at < 0 || at > end) at = end;
          if (at > from && this.insert(from, at, rank++)) size++;
        }
      }
      start = end + 1;
    }
    this.size = size;
  }

  get(key: string): number | undefined {
    const hit = this.seen.get(key);
    if (hit !== undefined || this.seen.has(key)) return hit;
    const rank = this.rankOfBase64(base64OfByteList(key));
    if (this.seen.size >= MAX_SEEN) this.seen.clear();
    this.seen.set(key, rank);
    return rank;
  }

  /** The rank of the token made of bytes[from, to), or undefined. */
  rankOfBytes(bytes: Uint8Array, from: number, to: number): number | undefined {
    let b64 = '';
    let i = from;
    for (; i + 2 < to; i += 3) {
      const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
      b64 += BASE64[n >> 18] + BASE64[(n >> 12) & 63] + BASE64[(n >> 6) & 63] + BASE64[n & 63];
    }
    if (to - i === 1) {
      const n = bytes[i] << 16;
      b64 += `${BASE64[n >> 18]}${BASE64[(n >> 12) & 63]}==`;
    } else if (to - i === 2) {
      const n = (bytes[i] << 16) | (bytes[i + 1] << 8);
      b64 += `${BASE64[n >> 18]}${BASE64[(n >> 12) & 63]}${BASE64[(n >> 6) & 63]}=`;
    }
    return this.rankOfBase64(b64);
  }

  /** The rank of a token written in base64, or undefined. */
  rankOfBase64(b64: string): number | undefined {
    const mask = this.slots.length - 1;
    for (let i = hashOf(b64, 0, b64.length) & mask; ; i = (i + 1) & mask) {
      const slot = this.slots[i];
      if (slot === 0) return undefined;
      if (this.matches(slot - 1, b64)) return this.ranks[i];
    }
  }

  /** Adds the token at text[from, to); false if it was there already (then the later rank wins, as in a Map built in order). */
  private insert(from: number, to: number, rank: number): boolean {
    const mask = this.slots.length - 1;
    const len = to - from;
    for (let i = hashOf(this.text, from, to) & mask; ; i = (i + 1) & mask) {
      const slot = this.slots[i];
      if (slot === 0) {
        this.slots[i] = from + 1;
        this.ranks[i] = rank;
        return true;
      }
      if (this.sameToken(slot - 1, from, len)) {
        this.ranks[i] = rank;
        return false;
      }
    }
  }

  /** Whether the tokens at offsets `a` and `b` of the rank text are the same, the one at `b` being `len` long. */
  private sameToken(a: number, b: number, len: number): boolean {
    const t = this.text;
    for (let k = 0; k < len; k++) if (t.charCodeAt(a + k) !== t.charCodeAt(b + k)) return false;
    const after = a + len;
    return after === t.length || t.charCodeAt(after) === 32 || t.charCodeAt(after) === 10;
  }

  /** Whether the token at `offset` of the rank text is `b64`. */
  private matches(offset: number, b64: string): boolean {
    const t = this.text;
    for (let k = 0; k < b64.length; k++) if (t.charCodeAt(offset + k) !== b64.charCodeAt(k)) return false;
    const after = offset + b64.length;
    return after === t.length || t.charCodeAt(after) === 32 || t.charCodeAt(after) === 10;
  }
}

/** FNV-1a over s[from, to). */
function hashOf(s: string, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** "104,105" (bytes written as js-tiktoken keys them) to "aGk=". */
export function base64OfByteList(key: string): string {
  let out = '';
  let acc = 0;
  let bits = 0;
  let num = 0;
  const push = (b: number) => {
    acc = ((acc << 8) | b) & 0xffff;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += BASE64[(acc >> bits) & 63];
    }
  };
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c === 44) {
      push(num);
      num = 0;
    } else num = num * 10 + (c - 48);
  }
  if (key.length) push(num);
  if (bits > 0) out += BASE64[(acc << (6 - bits)) & 63] + (bits === 2 ? '==' : '=');
  return out;
}

/** An encoder for `ranks` that only encodes (see the top of this file). */
export function countingEncoder(ranks: Ranks): Tiktoken {
  const tk = new Tiktoken({ ...ranks, bpe_ranks: '' });
  const internal = tk as unknown as { rankMap?: unknown };
  // Should a future js-tiktoken keep its ranks elsewhere, its own constructor is used.
  if (!(internal.rankMap instanceof Map)) return new Tiktoken(ranks);
  internal.rankMap = new LazyRanks(ranks.bpe_ranks);
  return tk;
}

/**
 * How many tokens the byte-pair merge leaves of `bytes` (a piece no single token covers): the
 * adjacent pair of parts with the lowest rank is merged, the leftmost of equals first, until no
 * pair is a token. js-tiktoken (and the reference tokenizer for small pieces) rescans every pair
 * after each merge, which is quadratic: a 12,000-character run without whitespace (a base64 image,
 * a separator, minified data) took seconds. Here pieces past a few dozen bytes keep their pairs in
 * a heap keyed by (rank, position) and recompute only the two pairs a merge changes: O(n log n),
 * the same merges in the same order. Every part is a single byte or a merged token, all of which
 * have ranks in these encodings, so the count is the number of parts left.
 */
export function mergedCount(bytes: Uint8Array, ranks: LazyRanks): number {
  const n = bytes.length;
  if (n < 2) return n;
  if (n <= SMALL_PIECE) return mergedCountSmall(bytes, ranks);
  // Parts as a linked list of their first byte's index; the part at i ends where next[i] starts.
  const next = new Int32Array(n);
  const prev = new Int32Array(n);
  const alive = new Uint8Array(n).fill(1);
  /** The rank of the pair starting at part i as last pushed (-1: none). */
  const current = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    next[i] = i + 1 < n ? i + 1 : -1;
    prev[i] = i - 1;
  }
  const heap = new MinHeap();
  const endOf = (i: number) => (next[i] < 0 ? n : next[i]);
  const push = (i: number) => {
    const j = next[i];
    const rank = j < 0 ? undefined : ranks.rankOfBytes(bytes, i, endOf(j));
    current[i] = rank ?? -1;
    // (rank, position) in one number: ranks are below 2^21, positions below 2^31.
    if (rank !== undefined) heap.push(rank * 2 ** 31 + i);
  };
  for (let i = 0; i + 1 < n; i++) push(i);
  let parts = n;
  while (heap.size) {
    const key = heap.pop();
    const rank = Math.floor(key / 2 ** 31);
    const i = key - rank * 2 ** 31;
    // Entries go stale when a part merges or its neighbour does; the pair's rank as last pushed tells.
    if (!alive[i] || next[i] < 0 || current[i] !== rank) continue;
    const j = next[i];
    alive[j] = 0;
    next[i] = next[j];
    if (next[j] >= 0) prev[next[j]] = i;
    parts--;
    push(i);
    if (prev[i] >= 0) push(prev[i]);
  }
  return parts;
}

/** Below this many bytes a piece is merged by rescanning its pairs (no heap to build). */
const SMALL_PIECE = 48;

function mergedCountSmall(bytes: Uint8Array, ranks: LazyRanks): number {
  const starts: number[] = [];
  for (let i = 0; i <= bytes.length; i++) starts.push(i);
  const pairRank = (k: number) => (k + 2 < starts.length ? ranks.rankOfBytes(bytes, starts[k], starts[k + 2]) : undefined);
  const pairRanks: (number | undefined)[] = [];
  for (let k = 0; k + 2 < starts.length; k++) pairRanks.push(pairRank(k));
  for (;;) {
    let best = -1;
    for (let k = 0; k < pairRanks.length; k++) if (pairRanks[k] !== undefined && (best < 0 || pairRanks[k]! < pairRanks[best]!)) best = k;
    if (best < 0) break;
    // Parts best and best + 1 become one: the pairs it is in are recomputed, the one it replaced goes.
    starts.splice(best + 1, 1);
    pairRanks.splice(best, 1);
    if (best < pairRanks.length) pairRanks[best] = pairRank(best);
    if (best > 0) pairRanks[best - 1] = pairRank(best - 1);
  }
  return starts.length - 1;
}

/** A binary min-heap of numbers. */
class MinHeap {
  private readonly items: number[] = [];
  get size(): number {
    return this.items.length;
  }
  push(x: number): void {
    const a = this.items;
    let i = a.push(x) - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p] <= x) break;
      a[i] = a[p];
      i = p;
    }
    a[i] = x;
  }
  pop(): number {
    const a = this.items;
    const top = a[0];
    const last = a.pop()!;
    if (a.length) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= a.length) break;
        const c = l + 1 < a.length && a[l + 1] < a[l] ? l + 1 : l;
        if (a[c] >= last) break;
        a[i] = a[c];
        i = c;
      }
      a[i] = last;
    }
    return top;
  }
}

const textEncoder = new TextEncoder();
const patterns = new Map<Encoding, RegExp>();

/**
 * Tokens in `text` by the encoding's own pre-tokenizing pattern and byte-pair merges (special-token
 * strings as text), with the merge of `mergedCount`; for an encoder whose ranks are not
 * `LazyRanks` (a future js-tiktoken), its own `encode`.
 */
function countWith(encoding: Encoding, text: string): number {
  const enc = encoder(encoding) as unknown as { rankMap: unknown; patStr: string; encode: Tiktoken['encode'] };
  if (!(enc.rankMap instanceof LazyRanks) || typeof enc.patStr !== 'string') return enc.encode(text, [], []).length;
  const ranks = enc.rankMap;
  let re = patterns.get(encoding);
  if (!re) patterns.set(encoding, (re = new RegExp(enc.patStr, 'ug')));
  re.lastIndex = 0;
  let count = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    const bytes = textEncoder.encode(m[0]);
    count += bytes.length === 1 || ranks.rankOfBytes(bytes, 0, bytes.length) !== undefined ? 1 : mergedCount(bytes, ranks);
  }
  return count;
}

export function encoder(encoding: Encoding): Tiktoken {
  let e = encoders.get(encoding);
  if (!e) {
    e = countingEncoder(loadRanks(encoding));
    encoders.set(encoding, e);
  }
  return e;
}

/** Tokens in `text`; special-token strings such as <|endoftext|> count as ordinary text. */
export function countTokens(text: string, encoding: Encoding): number {
  if (text.length === 0) return 0;
  stats.counts++;
  const key = `${encoding}\u0000${text}`;
  const hit = memo.get(key);
  if (hit !== undefined) {
    stats.memoHits++;
    return hit;
  }
  const n = countWith(encoding, text);
  stats.encodedChars += text.length;
  if (key.length <= MEMO_MAX_CHARS / 4) {
    memo.set(key, n);
    memoChars += key.length;
    for (const old of memo.keys()) {
      if (memoChars <= MEMO_MAX_CHARS) break;
      memo.delete(old);
      memoChars -= old.length;
    }
  }
  return n;
}

export function loadedEncodings(): Encoding[] {
  return [...encoders.keys()];
}

/** How often a count was answered from the memo, and how much text was encoded (for the benchmark and the server's log). */
export function tokenStats(): { counts: number; memoHits: number; hitRate: number; encodedChars: number; memoChars: number } {
  return { ...stats, hitRate: stats.counts ? stats.memoHits / stats.counts : 0, memoChars };
}
