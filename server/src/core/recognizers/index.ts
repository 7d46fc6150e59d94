// The tree-sitter front-ends by language id: each language the registry (languages/) says is
// parsed with the shared first pass has its recognizer here (test/languages.test.ts checks).
import type { Parser } from 'web-tree-sitter';
import { csharpRecognizer } from './csharp';
import { goRecognizer } from './go';
import { javaRecognizer } from './java';
import { phpRecognizer } from './php';
import { rubyRecognizer } from './ruby';
import type { TreeSitterRecognizer } from './modelfile';

export const TREE_SITTER_RECOGNIZERS = {
  ruby: rubyRecognizer,
  go: goRecognizer,
  java: javaRecognizer,
  csharp: csharpRecognizer,
  php: phpRecognizer,
} satisfies Record<string, (parser: Parser) => TreeSitterRecognizer>;
