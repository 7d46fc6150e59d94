// What costlint knows about a language, in one place (one module per language in this folder).
// Everything that depends on the set of languages derives from LANGUAGES (index.ts): the file
// extensions the CLI walks and the analyzer accepts, suppression comments, the grammars the
// build copies and the analyzer loads, the writers fixes use, the editor's document selector;
// `test/languages.test.ts` checks package.json's activation events and contributions agree.
import type { Language } from '../types';
import type { LanguageWriter } from '../writers/writer';

/** How a language's files are read into call sites (see analyze.ts). */
export type FrontEnd =
  /** The TypeScript compiler's AST (TS, TSX, JS, JSX). */
  | 'typescript'
  /** tree-sitter-python, with its own scope model (recognizers/python.ts). */
  | 'python'
  /** A tree-sitter grammar and the shared first pass (recognizers/scoped.ts); the recognizer by language id in recognizers/index.ts. */
  | 'tree-sitter'
  /** A prompt template file: the file is the call (promptfile.ts). */
  | 'prompt-file';

export interface LanguageSpec {
  id: Language;
  /** As users call it (docs, messages). */
  name: string;
  /** File extensions, lower case, with the dot. */
  extensions: readonly string[];
  /** VS Code language ids whose documents the extension analyzes (the document selector, activation events). */
  vscode: readonly string[];
  /** Comment openers, as a regular-expression alternation (`//|/\\*`), and the line comment a suppression is written with. */
  comments: { openers: string; line: string };
  frontEnd: FrontEnd;
  /** The tree-sitter grammar: the .wasm file next to the bundle, and where it comes from in node_modules. */
  grammar?: { file: string; module: string };
  /** The writer of fixes in this language (none: prompt files edit their YAML themselves). */
  writer?: new (text: string) => LanguageWriter;
}
