import { CSharpWriter } from '../writers/csharp';
import type { LanguageSpec } from './types';

export const csharp: LanguageSpec = {
  id: 'csharp',
  name: 'C#',
  extensions: ['.cs'],
  vscode: ['csharp'],
  comments: { openers: '//|/\\*', line: '//' },
  frontEnd: 'tree-sitter',
  grammar: { file: 'tree-sitter-c-sharp.wasm', module: '@vscode/tree-sitter-wasm/wasm/tree-sitter-c-sharp.wasm' },
  writer: CSharpWriter,
};
