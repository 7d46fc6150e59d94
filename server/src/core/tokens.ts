// Token counting with js-tiktoken. Each encoding's ranks are loaded on first use and kept;
// counts are memoized per text.
//
// js-tiktoken's constructor decodes all 200,000 base64 rank entries up front into a byte-string
// map, and builds a decode table costlint never uses: about 0.6 s and 30 MB per encoding. costlint
// only counts, so the encoder is built with an empty rank list and given `LazyRanks`: the rank
// file's base64 tokens in a map as they are (split, not decoded), each byte string the encoder asks
// for converted to base64 on its first lookup and remembered. The encoder's own algorithm (the
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
  /* eslint-disable @typescript-eslint/no-require-imports */
  const mod = encoding === 'o200k_base' ? require('js-tiktoken/ranks/o200k_base') : require('js-tiktoken/ranks/cl100k_base');
  return mod.default ?? mod;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** Byte strings looked up and their ranks (misses included, as undefined) kept per encoding; cleared beyond this. */
const MAX_SEEN = 200_000;

/**
 * The `rankMap` js-tiktoken's encoder reads (`get` of a byte string written `"104,105"`), backed
 * by the rank file's base64 tokens.
 */
export class LazyRanks {
  private readonly byBase64 = new Map<string, number>();
  private readonly seen = new Map<string, number | undefined>();

  constructor(bpeRanks: string) {
    // Lines of "<prefix> <first rank> <token> <token> ...": consecutive ranks.
    for (const line of bpeRanks.split('\n')) {
      if (!line) continue;
      const parts = line.split(' ');
      let rank = Number(parts[1]);
      for (let k = 2; k < parts.length; k++) this.byBase64.set(parts[k], rank++);
    }
  }

  get size(): number {
    return this.byBase64.size;
  }

  get(key: string): number | undefined {
    const hit = this.seen.get(key);
    if (hit !== undefined || this.seen.has(key)) return hit;
    const rank = this.byBase64.get(base64OfByteList(key));
    if (this.seen.size >= MAX_SEEN) this.seen.clear();
    this.seen.set(key, rank);
    return rank;
  }
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
  const n = encoder(encoding).encode(text, [], []).length;
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
