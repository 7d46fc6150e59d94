// Token counting with js-tiktoken. Each encoding's ranks are loaded on first use and
// kept (building an encoder takes about a second); counts are memoized per text.
import { Tiktoken } from 'js-tiktoken/lite';

export type Encoding = 'o200k_base' | 'cl100k_base';

const encoders = new Map<Encoding, Tiktoken>();
/** Count per (encoding, text), oldest first; bounded by the characters it holds, not its entries. */
const memo = new Map<string, number>();
const MEMO_MAX_CHARS = 8_000_000;
let memoChars = 0;

function loadRanks(encoding: Encoding): ConstructorParameters<typeof Tiktoken>[0] {
  // Required lazily: each rank table is megabytes of data.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const mod = encoding === 'o200k_base' ? require('js-tiktoken/ranks/o200k_base') : require('js-tiktoken/ranks/cl100k_base');
  return mod.default ?? mod;
}

export function encoder(encoding: Encoding): Tiktoken {
  let e = encoders.get(encoding);
  if (!e) {
    e = new Tiktoken(loadRanks(encoding));
    encoders.set(encoding, e);
  }
  return e;
}

/** Tokens in `text`; special-token strings such as <|endoftext|> count as ordinary text. */
export function countTokens(text: string, encoding: Encoding): number {
  if (text.length === 0) return 0;
  const key = `${encoding}\u0000${text}`;
  const hit = memo.get(key);
  if (hit !== undefined) return hit;
  const n = encoder(encoding).encode(text, [], []).length;
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
