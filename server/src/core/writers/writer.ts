// The interface every language's writer implements, and what they share. A writer is made per
// analyzed file (it reads the file's quote style, line endings and imports) and spells the `Lit`s
// rules build; the recognizer decides where the text goes (which node, which list).
import type { LiteralSpec } from '../catalogue/types';
import { type Edit, type Lit, type WriteTarget } from './lit';

export interface WriteContext {
  target: WriteTarget;
  /** What the written text needs imported (Java classes, C# namespaces); the writer adds what the file lacks. */
  imports: Set<string>;
  /** The quote character the surrounding code uses, when it shows one. */
  quote?: string;
}

export abstract class LanguageWriter {
  constructor(protected readonly text: string) {}

  /**
   * The text of `lit` in this language, or null when it has no correct spelling here (an SDK type
   * this language's idioms do not know). Lists and objects are written from their items' text by
   * `list` and `object`; an object's props implied by its SDK type (`type: "text"` in Go, Java,
   * C#) are left out.
   */
  value(lit: Lit, ctx: WriteContext): string | null {
    switch (lit.kind) {
      case 'num':
        return this.number(lit.value, ctx);
      case 'str':
        return this.literal(lit.value, ctx);
      case 'code':
        return lit.text;
      case 'list': {
        const items = this.all(lit.items, ctx);
        return items && this.list(items, lit, ctx);
      }
      case 'obj': {
        const props = writtenProps(lit, literalSpec(ctx, lit.type));
        const values = this.all(
          props.map(([, v]) => v),
          ctx,
        );
        if (!values) return null;
        return this.object(
          props.map(([k], i) => [k, values[i]]),
          lit,
          ctx,
        );
      }
    }
  }

  protected number(value: number, _ctx?: WriteContext): string {
    return String(value);
  }

  /** A string value as a literal, in the quote style around the edit (`ctx.quote`) where the language has a choice. */
  protected abstract literal(value: string, ctx: WriteContext): string;

  /** A list of written items. */
  protected abstract list(items: string[], lit: Extract<Lit, { kind: 'list' }>, ctx: WriteContext): string | null;

  /** An object of written props (API names), or null when this language cannot write its type. */
  protected abstract object(props: [string, string][], lit: Extract<Lit, { kind: 'obj' }>, ctx: WriteContext): string | null;

  /** A string literal holding `value`, quoted like `like` (an existing literal) when given. */
  abstract string(value: string, like?: string): string;

  /** True when `text` is a plain string literal of this language (a value a fix may rewrite in place). */
  abstract isString(text: string): boolean;

  /** Edits adding the imports `ctx.imports` lists that the file does not have yet. */
  importEdits(_imports: Set<string>): Edit[] {
    return [];
  }

  /** The items of a list or object, each written, or null when one cannot be. */
  protected all(items: Lit[], ctx: WriteContext): string[] | null {
    const out: string[] = [];
    for (const i of items) {
      const v = this.value(i, ctx);
      if (v === null) return null;
      out.push(v);
    }
    return out;
  }
}

/** The literal spec of an API type in these idioms, or undefined when there is none. */
export function literalSpec(ctx: WriteContext, type: string | undefined): LiteralSpec | undefined {
  return type ? ctx.target.idioms?.literals?.[type] : undefined;
}

/** Props of an object that are written: those the type does not imply. */
export function writtenProps(lit: Extract<Lit, { kind: 'obj' }>, spec: LiteralSpec | undefined): [string, Lit][] {
  return lit.props.filter(([k]) => !spec?.implied?.includes(k));
}

/**
 * A double-quoted C-family string body: backslash, the quote, and control characters escaped
 * (`\n`, `\t`, `\r`, others as `\uXXXX` or what `hex` gives).
 */
export function escapeC(value: string, quote: string, hex: (code: number) => string = (c) => `\\u${c.toString(16).padStart(4, '0')}`): string {
  let out = '';
  for (const ch of value) {
    const c = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += `\\${quote}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || c === 0x7f) out += hex(c);
    else out += ch;
  }
  return out;
}

const QUOTES = new Map<string, { single: RegExp; double: RegExp }>();

/**
 * The quote character some source uses for its string literals, when it uses one kind: a quote
 * opening a literal (after a bracket, comma, colon, `=` or space, and any of `prefixes`, the
 * letters that may start a literal: Python's `r'...'`, `f"..."`).
 */
export function quoteIn(source: string | undefined, prefixes = ''): string | undefined {
  if (!source) return undefined;
  let re = QUOTES.get(prefixes);
  if (!re) {
    const lead = `(^|[\\s([{,:=])${prefixes ? `[${prefixes}]*` : ''}`;
    QUOTES.set(prefixes, (re = { single: new RegExp(`${lead}'`), double: new RegExp(`${lead}"`) }));
  }
  const single = re.single.test(source);
  const double = re.double.test(source);
  return single && !double ? "'" : double && !single ? '"' : undefined;
}

/** Lines that import something, by a pattern whose group 1 is what is imported; where a new import goes (after the last one). */
export function importLines(text: string, pattern: RegExp): { names: Set<string>; insertAt: number | null } {
  const names = new Set<string>();
  let insertAt: number | null = null;
  const re = new RegExp(pattern.source, 'gm');
  // Patterns start at a line (`^[ \t]*`), never spanning lines: one pass over the text.
  for (let m = re.exec(text); m; m = re.exec(text)) {
    names.add(m[1]);
    // From the match's end: with CRLF line ends `^` also matches between \r and \n.
    const nl = text.indexOf('\n', m.index + m[0].length);
    insertAt = nl < 0 ? text.length : nl + 1;
  }
  return { names, insertAt };
}
