// What a fix writes, before it is written: a value in the API's own terms (snake_case names as
// the API documents them, the API's type names), independent of the language it lands in. A
// rule builds a `Lit`; the language's writer (writers/<language>.ts) spells it, with the SDK's
// idioms for that language from the catalogue (Go struct literals and helpers, Java builders, C#
// object initializers, PHP arrays and named arguments, Ruby hashes). No rule spells syntax.

export type Lit =
  | { kind: 'num'; value: number }
  | { kind: 'str'; value: string }
  /** An expression of the analyzed file, copied as it is written there (`POLICY`, `$policy`). */
  | { kind: 'code'; text: string }
  /** A list; `of` is the API type of its items (`TextBlockParam`), which typed languages need. */
  | { kind: 'list'; of?: string; items: Lit[] }
  /** An object; `type` is its API type (`CacheControlEphemeral`), which typed languages need. Prop names are the API's. */
  | { kind: 'obj'; type?: string; props: [string, Lit][] };

export const num = (value: number): Lit => ({ kind: 'num', value });
export const str = (value: string): Lit => ({ kind: 'str', value });
export const code = (text: string): Lit => ({ kind: 'code', text });
export const list = (of: string | undefined, items: Lit[]): Lit => ({ kind: 'list', of, items });
export const obj = (type: string | undefined, props: [string, Lit][]): Lit => ({ kind: 'obj', type, props });

/** A text edit of the analyzed file (UTF-16 offsets). */
export interface Edit {
  span: { start: number; end: number };
  newText: string;
}

/**
 * How a language's writer knows the SDK a request goes to: its literals (typed languages), names
 * and local package name. Built by the recognizer for each call.
 */
export interface WriteTarget {
  /** The SDK's idioms in this language (`SdkSpec.go`, `.java`, ...), when it has any. */
  idioms?: import('../catalogue/types').LanguageIdioms;
  /** Go: the local name the SDK's root package is imported under (`anthropic`, `openai`). */
  pkg?: string;
}

/** The line ending used at `offset` (a CRLF file gets CRLF in every line a fix adds). */
export function eolAt(text: string, offset: number): string {
  const nl = text.indexOf('\n', offset);
  if (nl > 0) return text[nl - 1] === '\r' ? '\r\n' : '\n';
  const prev = text.lastIndexOf('\n', offset - 1);
  if (prev > 0) return text[prev - 1] === '\r' ? '\r\n' : '\n';
  return '\n';
}

/** `MaxCompletionTokens` / `maxTokens` -> `max_completion_tokens` / `max_tokens` */
export function snake(s: string): string {
  return s
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}

export function pascal(s: string): string {
  return s.replace(/(^|_)([a-z])/g, (_m, _u, c: string) => c.toUpperCase());
}

export function camel(s: string): string {
  return s.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
}
