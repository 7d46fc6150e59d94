// Which languages the TypeScript recognizer reads, known without loading it, and the recognizer,
// loaded when first asked for: TypeScript is most of the program.
import type * as TsRecognizer from './recognizers/typescript';
import type { Language } from './types';

export type JsLanguage = 'typescript' | 'typescriptreact' | 'javascript' | 'javascriptreact';

export function isJsLanguage(l: Language): l is JsLanguage {
  return l === 'typescript' || l === 'typescriptreact' || l === 'javascript' || l === 'javascriptreact';
}

/**
 * The TypeScript recognizer (and TypeScript with it), loaded when a JavaScript or TypeScript file is
 * first analyzed: TypeScript is most of the program (the CLI keeps it in a file of its own, read and
 * compiled only then: build.mjs), and a project with no such file never needs it.
 */
let tsLoaded: typeof TsRecognizer | undefined;
export function tsRecognizer(): typeof TsRecognizer {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, above
  return (tsLoaded ??= require('./recognizers/typescript') as typeof TsRecognizer);
}
