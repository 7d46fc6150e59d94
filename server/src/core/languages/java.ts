import { JavaWriter } from '../writers/java';
import type { LanguageSpec } from './types';

export const java: LanguageSpec = {
  id: 'java',
  name: 'Java',
  extensions: ['.java'],
  vscode: ['java'],
  comments: { openers: '//|/\\*', line: '//' },
  frontEnd: 'tree-sitter',
  grammar: { file: 'tree-sitter-java.wasm', module: '@vscode/tree-sitter-wasm/wasm/tree-sitter-java.wasm' },
  writer: JavaWriter,
};
