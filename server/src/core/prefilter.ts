// The cheap text prefilter (see `Analyzer.analyze`): a file that names no SDK module, and with an
// import host calls no method named like an operation, has no call the analysis could find, and is
// not parsed. The CLI adds the import graph on top (host/importgraph.ts).
import { methodNamesIn, OPERATION_METHOD_NAMES, OTHER_FLAVORS, SDK_MODULE_NAMES, type OtherFlavor } from './catalogue';
import type { Language } from './types';

/** `s` as a regular expression matching it literally. */
export const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
/** The prefilter: a file passes when it names an SDK module. One regular expression is one pass over the text. */
const NAMES_SDK = new RegExp(SDK_MODULE_NAMES.map(escapeRegExp).join('|'));

/**
 * Calls of methods named like an operation in a language's SDKs (Python's and TypeScript's
 * `create(`, `invoke(`; Java's `call(`, Ruby's `ask(` only in those languages), per language
 * (Python and TypeScript share theirs): `calls` counts them against the analysis budget;
 * `namesOrCalls`, with an import host, also passes a file naming an SDK module (a client imported
 * from another module). Built once per language.
 */
const OPERATION_REGEXPS = new Map<string, { calls: RegExp; namesOrCalls: RegExp }>();
function operationRegexps(language: Language | undefined): { calls: RegExp; namesOrCalls: RegExp } {
  const key = language && (OTHER_FLAVORS as readonly string[]).includes(language) ? language : 'pyjs';
  let r = OPERATION_REGEXPS.get(key);
  if (!r) {
    const names = [...(key === 'pyjs' ? OPERATION_METHOD_NAMES : methodNamesIn(key as OtherFlavor))];
    const source = `\\b(?:${names.map(escapeRegExp).join('|')})\\s*\\(`;
    OPERATION_REGEXPS.set(key, (r = { calls: new RegExp(source, 'g'), namesOrCalls: new RegExp(`${NAMES_SDK.source}|${source}`) }));
  }
  return r;
}
/** How many calls of operation-named methods `text` has (`operationRegexps`), counting no further than `limit` + 1. */
export function operationCallsUpTo(text: string, language: Language | undefined, limit: number): number {
  const re = operationRegexps(language).calls;
  re.lastIndex = 0;
  let n = 0;
  while (n <= limit && re.exec(text)) n++;
  re.lastIndex = 0;
  return n;
}

/**
 * A C# file calling a method named like a C# SDK operation, in a part of a partial class: the
 * client may be held by another part, in another file that imports the SDK (this one need not).
 */
const CSHARP_PARTIAL = /\bpartial\s+(?:class|record|struct)\b/;
const CSHARP_OPERATION_CALL = new RegExp(`\\b(?:${[...methodNamesIn('csharp')].join('|')})\\s*\\(`);

/** True when `text` names an SDK module (the prefilter without an import host). */
export function mayNameSdk(text: string): boolean {
  return NAMES_SDK.test(text);
}

/** True when `text` may contain an SDK call: costlint's cheap prefilter (see `Analyzer.analyze`). */
export function mayCallSdk(text: string, withImports: boolean, language?: Language): boolean {
  if ((withImports ? operationRegexps(language).namesOrCalls : NAMES_SDK).test(text)) return true;
  return withImports && language === 'csharp' && CSHARP_PARTIAL.test(text) && CSHARP_OPERATION_CALL.test(text);
}
