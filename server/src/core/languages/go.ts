import { GoWriter } from '../writers/go';
import type { LanguageSpec } from './types';

export const go: LanguageSpec = {
  id: 'go',
  name: 'Go',
  extensions: ['.go'],
  vscode: ['go'],
  comments: { openers: '//|/\\*', line: '//' },
  frontEnd: 'tree-sitter',
  grammar: { file: 'tree-sitter-go.wasm', module: '@vscode/tree-sitter-wasm/wasm/tree-sitter-go.wasm' },
  writer: GoWriter,
};
