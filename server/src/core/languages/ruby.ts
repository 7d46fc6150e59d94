import { RubyWriter } from '../writers/ruby';
import type { LanguageSpec } from './types';

export const ruby: LanguageSpec = {
  id: 'ruby',
  name: 'Ruby',
  extensions: ['.rb'],
  vscode: ['ruby'],
  comments: { openers: '#', line: '#' },
  frontEnd: 'tree-sitter',
  grammar: { file: 'tree-sitter-ruby.wasm', module: '@vscode/tree-sitter-wasm/wasm/tree-sitter-ruby.wasm' },
  writer: RubyWriter,
};
