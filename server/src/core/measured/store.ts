// The model-call spans of an import, kept compactly as they stream by: numbers in typed arrays
// (outside the JavaScript heap), the few distinct strings (models, providers, files, functions)
// once each, span identities as 53-bit hashes. Memory grows with the number of spans, never with
// the size of what they carry; a 100 MB export of small spans fits in a 64 MB heap. Once all are
// in, `resolve` finds duplicates (the same span exported twice), the spans that only enclose other
// model calls (an agent's, a framework's around the SDK's), and each span's parent context.
import type { ContextSpan, ModelSpan } from './otel';

/** A 53-bit hash of a span's identity (its trace and span ids), or NaN without a span id. */
export function spanKey(traceId: string | null, spanId: string | null): number {
  if (!spanId) return NaN;
  const s = `${traceId ?? ''}/${spanId}`;
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  return (h1 >>> 0) * 0x200000 + ((h2 >>> 0) & 0x1fffff);
}

const NUMS = [
  'start',
  'end',
  'inputTokens',
  'outputTokens',
  'cacheReadTokens',
  'cacheCreationTokens',
  'reasoningTokens',
  'maxTokens',
  'line',
  'key',
  'parentKey',
] as const;
const STRS = ['operation', 'provider', 'requestModel', 'responseModel', 'file', 'function', 'callSite'] as const;
const NUM = Object.fromEntries(NUMS.map((n, i) => [n, i])) as Record<(typeof NUMS)[number], number>;

/** Interned strings: each distinct one kept once. */
class Strings {
  private readonly list: string[] = [];
  private readonly index = new Map<string, number>();
  id(s: string | null): number {
    if (s === null) return -1;
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(s);
      this.index.set(s, i);
    }
    return i;
  }
  at(i: number): string | null {
    return i < 0 ? null : this.list[i];
  }
}

/** Doubles its typed arrays as spans come. */
class Columns {
  n = 0;
  nums = new Float64Array(NUMS.length * 1024);
  strs = new Int32Array(STRS.length * 1024);
  flags = new Uint8Array(1024);

  grow(): void {
    if (this.n < this.flags.length) return;
    const bigger = <T extends Float64Array | Int32Array | Uint8Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(a.length * 2);
      b.set(a);
      return b;
    };
    this.nums = bigger(this.nums);
    this.strs = bigger(this.strs);
    this.flags = bigger(this.flags);
  }
}

const NULL = -1;
const FLAG_EXCLUDES_CACHE = 1;

export interface Resolved {
  /** Indexes of the spans to count, each once. */
  calls: number[];
  /** Spans left out because another span of the same trace and id came first. */
  duplicates: number;
  /** Spans left out because they enclose other model calls (counted through those). */
  enclosing: number;
}

export class SpanStore {
  private readonly strings = new Strings();
  private readonly spans = new Columns();
  /** Context spans (a function name or call-site id for their children): key, then function and call-site string ids. */
  private contextKeys = new Float64Array(1024);
  private contextStrs = new Int32Array(2048);
  private contexts = 0;

  get size(): number {
    return this.spans.n;
  }

  add(span: ModelSpan): void {
    const traceId = span.traceId ?? null;
    const c = this.spans;
    c.grow();
    const i = c.n++;
    const num = (v: number | null) => (v === null ? NaN : v);
    const n = i * NUMS.length;
    c.nums[n + NUM.start] = num(span.start);
    c.nums[n + NUM.end] = num(span.end);
    c.nums[n + NUM.inputTokens] = num(span.inputTokens);
    c.nums[n + NUM.outputTokens] = num(span.outputTokens);
    c.nums[n + NUM.cacheReadTokens] = span.cacheReadTokens;
    c.nums[n + NUM.cacheCreationTokens] = span.cacheCreationTokens;
    c.nums[n + NUM.reasoningTokens] = num(span.reasoningTokens);
    c.nums[n + NUM.maxTokens] = num(span.maxTokens);
    c.nums[n + NUM.line] = num(span.line);
    c.nums[n + NUM.key] = spanKey(traceId, span.spanId);
    c.nums[n + NUM.parentKey] = spanKey(traceId, span.parentSpanId);
    const s = i * STRS.length;
    STRS.forEach((name, k) => (c.strs[s + k] = this.strings.id(span[name])));
    c.flags[i] = span.inputExcludesCache ? FLAG_EXCLUDES_CACHE : 0;
    if (span.function || span.callSite) this.addContext({ traceId, spanId: span.spanId ?? '', function: span.function, callSite: span.callSite });
  }

  addContext(span: ContextSpan): void {
    const key = spanKey(span.traceId ?? null, span.spanId);
    if (Number.isNaN(key)) return;
    if (this.contexts === this.contextKeys.length) {
      const keys = new Float64Array(this.contextKeys.length * 2);
      keys.set(this.contextKeys);
      this.contextKeys = keys;
      const strs = new Int32Array(this.contextStrs.length * 2);
      strs.set(this.contextStrs);
      this.contextStrs = strs;
    }
    const i = this.contexts++;
    this.contextKeys[i] = key;
    this.contextStrs[2 * i] = this.strings.id(span.function);
    this.contextStrs[2 * i + 1] = this.strings.id(span.callSite);
  }

  /** The span at `i`, as a record again (its ids are gone: only `parent` below links it). */
  get(i: number): ModelSpan {
    const c = this.spans;
    const n = i * NUMS.length;
    const s = i * STRS.length;
    const num = (k: number) => (Number.isNaN(c.nums[n + k]) ? null : c.nums[n + k]);
    const str = (k: number) => this.strings.at(c.strs[s + k]);
    return {
      spanId: null,
      parentSpanId: null,
      start: num(NUM.start),
      end: num(NUM.end),
      operation: str(0),
      provider: str(1),
      requestModel: str(2),
      responseModel: str(3),
      inputTokens: num(NUM.inputTokens),
      outputTokens: num(NUM.outputTokens),
      cacheReadTokens: c.nums[n + NUM.cacheReadTokens],
      cacheCreationTokens: c.nums[n + NUM.cacheCreationTokens],
      reasoningTokens: num(NUM.reasoningTokens),
      maxTokens: num(NUM.maxTokens),
      file: str(4),
      line: num(NUM.line),
      function: str(5),
      callSite: str(6),
      ...(c.flags[i] & FLAG_EXCLUDES_CACHE ? { inputExcludesCache: true } : {}),
    };
  }

  /** The indexes whose key is known, sorted by key (then by index: the first added first). */
  private sortedBy(keys: Float64Array, count: number): Uint32Array {
    let n = 0;
    const order = new Uint32Array(count);
    for (let i = 0; i < count; i++) if (!Number.isNaN(keys[i])) order[n++] = i;
    return order.subarray(0, n).sort((a, b) => keys[a] - keys[b] || a - b);
  }

  /** The position of `key` in `keys` sorted by `order`, or -1. */
  private find(keys: Float64Array, order: Uint32Array, key: number): number {
    if (Number.isNaN(key)) return -1;
    let lo = 0;
    let hi = order.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const k = keys[order[mid]];
      if (k < key) lo = mid + 1;
      else if (k > key) hi = mid - 1;
      else {
        let first = mid;
        while (first > 0 && keys[order[first - 1]] === key) first--;
        return order[first];
      }
    }
    return -1;
  }

  private keysOf(field: number): Float64Array {
    const c = this.spans;
    const out = new Float64Array(c.n);
    for (let i = 0; i < c.n; i++) out[i] = c.nums[i * NUMS.length + field];
    return out;
  }

  /**
   * The spans to count: each span once (the first of those with the same trace and span id), and
   * not one that encloses other model calls. A call whose span carries no token counts under a
   * parent model span that does (a framework's span around the SDK's, a stream without usage) takes
   * the parent's figures when it is that parent's only model call.
   */
  resolve(): Resolved {
    const c = this.spans;
    const keys = this.keysOf(NUM.key);
    const parents = this.keysOf(NUM.parentKey);
    const order = this.sortedBy(keys, c.n);
    const duplicate = new Uint8Array(c.n);
    for (let k = 1; k < order.length; k++) if (keys[order[k]] === keys[order[k - 1]]) duplicate[order[k]] = 1;
    // Model-call children per span (indexes into the store), among those counted.
    const children = new Uint32Array(c.n);
    const parentOf = new Int32Array(c.n).fill(NULL);
    for (let i = 0; i < c.n; i++) {
      if (duplicate[i]) continue;
      const p = this.find(keys, order, parents[i]);
      if (p < 0 || p === i) continue;
      children[p]++;
      parentOf[i] = p;
    }
    const calls: number[] = [];
    let enclosing = 0;
    let duplicates = 0;
    for (let i = 0; i < c.n; i++) {
      if (duplicate[i]) {
        duplicates++;
        continue;
      }
      if (children[i]) {
        enclosing++;
        continue;
      }
      // A call without counts takes those of the nearest span above it with counts, through spans that each enclose only it.
      let up = parentOf[i];
      for (let hops = 0; up !== NULL && children[up] === 1 && !this.hasTokens(i) && hops < 64; hops++, up = parentOf[up]) this.inherit(i, up);
      calls.push(i);
    }
    return { calls, duplicates, enclosing };
  }

  private hasTokens(i: number): boolean {
    const n = i * NUMS.length;
    return !Number.isNaN(this.spans.nums[n + NUM.inputTokens]) || !Number.isNaN(this.spans.nums[n + NUM.outputTokens]);
  }

  /** A child with no token counts takes its parent's (and its models, if it names none). */
  private inherit(child: number, parent: number): void {
    const c = this.spans;
    const cn = child * NUMS.length;
    const pn = parent * NUMS.length;
    if (!Number.isNaN(c.nums[cn + NUM.inputTokens]) || !Number.isNaN(c.nums[cn + NUM.outputTokens])) return;
    for (const f of [NUM.inputTokens, NUM.outputTokens, NUM.cacheReadTokens, NUM.cacheCreationTokens, NUM.reasoningTokens]) c.nums[cn + f] = c.nums[pn + f];
    c.flags[child] |= c.flags[parent] & FLAG_EXCLUDES_CACHE;
    const cs = child * STRS.length;
    const ps = parent * STRS.length;
    for (const k of [1, 2, 3]) if (c.strs[cs + k] === NULL) c.strs[cs + k] = c.strs[ps + k];
  }

  /** The context a span's parent gives (a function name, a call-site id), if its parent is a span that has one. */
  parentContext(i: number): ContextSpan | undefined {
    if (!this.contextOrder) this.contextOrder = this.sortedBy(this.contextKeys, this.contexts);
    const key = this.spans.nums[i * NUMS.length + NUM.parentKey];
    const at = this.find(this.contextKeys, this.contextOrder, key);
    if (at < 0) return undefined;
    return { spanId: '', function: this.strings.at(this.contextStrs[2 * at]), callSite: this.strings.at(this.contextStrs[2 * at + 1]) };
  }
  private contextOrder: Uint32Array | null = null;
}
