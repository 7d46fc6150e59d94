import { PhpWriter } from '../writers/php';
import type { LanguageSpec } from './types';

export const php: LanguageSpec = {
  id: 'php',
  name: 'PHP',
  extensions: ['.php'],
  vscode: ['php'],
  comments: { openers: '//|#|/\\*', line: '//' },
  frontEnd: 'tree-sitter',
  grammar: { file: 'tree-sitter-php.wasm', module: '@vscode/tree-sitter-wasm/wasm/tree-sitter-php.wasm' },
  writer: PhpWriter,
};
