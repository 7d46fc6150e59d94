// Globs for costlint.json (`include`, `exclude`, `usage` keys), matched in time linear in the
// path: a repository's own config must not be able to stall CI. Regular-expression globs
// (picomatch) backtrack: `*a*a*a*a*a*a*a*a*b` took 23 s against a 60-character file name and
// `@(a*)*(a*)*(a*)*(a*)x` doubled per character. Here a pattern is brace-expanded into a bounded
// number of alternatives, each a list of tokens run as an NFA over the path: every step advances a
// set of at most (tokens + 1) states, so a match costs O(path x tokens).
//
// Syntax: `*` (any characters but `/`), `?` (one, not `/`), `**` as a whole segment (any number of
// directories: `**/x` matches `x` and `a/b/x`; `x/**` matches what is below `x`), `[abc]`, `[a-z]`,
// `[!a]` / `[^a]`, `{a,b}` (nested) and `{1..3}`, `\` escapes, a leading `!` negates, a leading
// `./` is dropped. Dot files match like any other (picomatch's `dot: true`). Extglobs
// (`@(...)`, `*(...)`, `+(...)`, `?(...)`, `!(...)`) are refused with a message.

/** Alternatives a pattern may expand to; a pattern expanding further is refused. */
const MAX_ALTERNATIVES = 256;
/** Longest pattern accepted. */
const MAX_PATTERN = 1024;

type Token =
  | { t: 'char'; c: string }
  | { t: 'any' }
  | { t: 'class'; negated: boolean; ranges: [number, number][] }
  /** `*`: any characters but `/`, possibly none. */
  | { t: 'star' }
  /** `**` ending a pattern (or the whole of it): anything, possibly nothing. */
  | { t: 'all' }
  /**
   * `**` as a whole segment followed by `/`: zero or more directories (any text ending in a slash,
   * or none); `dirsIn` is its inside, which must end with `/`.
   */
  | { t: 'dirs' }
  | { t: 'dirsIn' };

export interface Glob {
  readonly pattern: string;
  matches(path: string): boolean;
}

/** Why a pattern is refused, or null when it can be matched. */
export function globError(pattern: string): string | null {
  const r = compile(pattern);
  return 'error' in r ? r.error : null;
}

const cache = new Map<string, Glob | { error: string }>();
const MAX_CACHED = 2000;

/** The compiled glob (cached: a config's globs are compiled once, not per file), or why it is refused. */
export function glob(pattern: string): Glob | { error: string } {
  let g = cache.get(pattern);
  if (!g) {
    g = compile(pattern);
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
    cache.set(pattern, g);
  }
  return g;
}

/** True when `path` (`/`-separated, relative) matches `pattern`; a refused pattern matches nothing. */
export function globMatches(pattern: string, path: string): boolean {
  const g = glob(pattern);
  return 'matches' in g && g.matches(path);
}

function compile(pattern: string): Glob | { error: string } {
  if (pattern.length > MAX_PATTERN) return { error: `the pattern is ${pattern.length} characters long; at most ${MAX_PATTERN} are accepted` };
  let negated = false;
  let body = pattern;
  if (body.startsWith('!') && !body.startsWith('!(')) {
    negated = true;
    body = body.slice(1);
  }
  if (/(^|[^\\])[@*+?!]\(/.test(body))
    return { error: 'extglob patterns such as `@(...)` or `*(...)` are not supported: write the alternatives with braces (`{a,b}`) or as separate patterns' };
  if (/\[\[:/.test(body)) return { error: 'POSIX character classes such as `[[:alpha:]]` are not supported: write the range (`[a-zA-Z]`)' };
  const expanded = expandBraces(body.replace(/^(\.\/)+/, ''));
  if ('error' in expanded) return expanded;
  // `x/**` is `x` itself and everything below it.
  const alternatives = expanded.flatMap((a) => (/(^|[^\\])\/\*\*$/.test(a) ? [a, a.slice(0, -3)] : [a]));
  const programs: Token[][] = [];
  for (const alt of alternatives) {
    const tokens = tokenize(alt);
    if ('error' in tokens) return tokens;
    programs.push(tokens);
  }
  return {
    pattern,
    matches: (path: string) => programs.some((p) => run(p, path.replace(/^(\.\/)+/, ''))) !== negated,
  };
}

/** `{a,b}c` -> `ac`, `bc`; nested braces and `{1..3}` ranges; unbalanced braces are literal. */
function expandBraces(s: string): string[] | { error: string } {
  let out = [s];
  for (let guard = 0; guard < 64; guard++) {
    const next: string[] = [];
    let expanded = false;
    for (const item of out) {
      const e = expandOne(item);
      if (e) {
        expanded = true;
        next.push(...e);
      } else next.push(item);
      if (next.length > MAX_ALTERNATIVES) return { error: `the braces expand to more than ${MAX_ALTERNATIVES} patterns` };
    }
    out = next;
    if (!expanded) return out;
  }
  return { error: 'the braces are nested too deeply' };
}

/** The first top-level `{...}` of `s` expanded, or null when there is none. */
function expandOne(s: string): string[] | null {
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\') {
      i++;
      continue;
    }
    if (s[i] === '[') {
      const close = classEnd(s, i);
      if (close > 0) i = close;
      continue;
    }
    if (s[i] !== '{') continue;
    let depth = 0;
    const commas: number[] = [];
    for (let j = i; j < s.length; j++) {
      if (s[j] === '\\') {
        j++;
        continue;
      }
      if (s[j] === '{') depth++;
      else if (s[j] === '}') {
        depth--;
        if (depth === 0) {
          const inner = s.slice(i + 1, j);
          const head = s.slice(0, i);
          const tail = s.slice(j + 1);
          if (commas.length) {
            const parts: string[] = [];
            let from = i + 1;
            for (const c of commas) {
              parts.push(s.slice(from, c));
              from = c + 1;
            }
            parts.push(s.slice(from, j));
            return parts.map((p) => head + p + tail);
          }
          const range = /^(-?\d+)\.\.(-?\d+)$/.exec(inner) ?? /^([a-zA-Z])\.\.([a-zA-Z])$/.exec(inner);
          if (range) {
            const numeric = /\d/.test(range[1]);
            const a = numeric ? Number(range[1]) : range[1].charCodeAt(0);
            const b = numeric ? Number(range[2]) : range[2].charCodeAt(0);
            if (Math.abs(b - a) >= MAX_ALTERNATIVES) return Array.from({ length: MAX_ALTERNATIVES + 1 }, () => '');
            const step = a <= b ? 1 : -1;
            const items: string[] = [];
            for (let v = a; step > 0 ? v <= b : v >= b; v += step) items.push(head + (numeric ? String(v) : String.fromCharCode(v)) + tail);
            return items;
          }
          // `{x}` with no comma or range is literal, as in shells.
          return [head + '\\{' + inner + '\\}' + tail];
        }
      } else if (s[j] === ',' && depth === 1) commas.push(j);
    }
    return null; // unbalanced: literal
  }
  return null;
}

/** Where the class starting at `s[i]` (`[`) ends (its `]`), or -1 when it does not close. */
function classEnd(s: string, i: number): number {
  let j = i + 1;
  if (s[j] === '!' || s[j] === '^') j++;
  if (s[j] === ']') j++; // `[]a]`: a leading `]` is a member
  for (; j < s.length; j++) {
    if (s[j] === '\\') j++;
    else if (s[j] === ']') return j;
  }
  return -1;
}

function tokenize(p: string): Token[] | { error: string } {
  const tokens: Token[] = [];
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '\\') {
      if (i + 1 < p.length) tokens.push({ t: 'char', c: p[++i] });
      continue;
    }
    if (c === '*') {
      let j = i;
      while (p[j + 1] === '*') j++;
      const wholeSegment = j > i && (i === 0 || p[i - 1] === '/') && (j + 1 === p.length || p[j + 1] === '/');
      if (wholeSegment && j + 1 === p.length) tokens.push({ t: 'all' });
      else if (wholeSegment) {
        tokens.push({ t: 'dirs' }, { t: 'dirsIn' });
        j++; // the `/` after it belongs to it
      } else if (tokens[tokens.length - 1]?.t !== 'star') tokens.push({ t: 'star' }); // `**` inside a segment is `*`
      i = j;
      continue;
    }
    if (c === '?') {
      tokens.push({ t: 'any' });
      continue;
    }
    if (c === '[') {
      const end = classEnd(p, i);
      if (end > 0) {
        let j = i + 1;
        const negated = p[j] === '!' || p[j] === '^';
        if (negated) j++;
        const ranges: [number, number][] = [];
        while (j < end) {
          let a = p[j];
          if (a === '\\') a = p[++j];
          j++;
          if (p[j] === '-' && j + 1 < end) {
            let b = p[j + 1];
            j += 2;
            if (b === '\\') b = p[j++];
            ranges.push([a.codePointAt(0)!, b.codePointAt(0)!]);
          } else ranges.push([a.codePointAt(0)!, a.codePointAt(0)!]);
        }
        tokens.push({ t: 'class', negated, ranges });
        i = end;
        continue;
      }
    }
    tokens.push({ t: 'char', c });
  }
  return tokens;
}

/** Runs the tokens as an NFA over `path`: the set of positions in the pattern after each character. */
function run(tokens: Token[], path: string): boolean {
  const n = tokens.length;
  let current = new Uint8Array(n + 1);
  let next = new Uint8Array(n + 1);
  /** Adds state s and those it reaches without reading (wildcards that may match nothing; `dirs` skips its inside). */
  const add = (set: Uint8Array, s: number) => {
    while (s <= n && !set[s]) {
      set[s] = 1;
      const t = tokens[s];
      if (t?.t === 'star' || t?.t === 'all') s++;
      else if (t?.t === 'dirs') s += 2;
      else return;
    }
  };
  add(current, 0);
  for (const ch of path) {
    next.fill(0);
    let alive = false;
    for (let s = 0; s < n; s++) {
      if (!current[s]) continue;
      const t = tokens[s];
      switch (t.t) {
        case 'char':
          if (ch === t.c) add(next, s + 1);
          break;
        case 'any':
          if (ch !== '/') add(next, s + 1);
          break;
        case 'class': {
          if (ch === '/') break;
          const cp = ch.codePointAt(0)!;
          if (t.ranges.some(([a, b]) => cp >= a && cp <= b) !== t.negated) add(next, s + 1);
          break;
        }
        case 'star':
          if (ch !== '/') add(next, s);
          break;
        case 'all':
          add(next, s);
          break;
        case 'dirs':
          // The first character of the directories: inside them, or (an empty name) already their `/`.
          if (ch === '/') add(next, s + 2);
          else add(next, s + 1);
          break;
        case 'dirsIn':
          // Inside: anything stays; a `/` may also end them.
          add(next, s);
          if (ch === '/') add(next, s + 1);
          break;
      }
      alive = true;
    }
    if (!alive) return false;
    [current, next] = [next, current];
  }
  return current[n] === 1;
}
