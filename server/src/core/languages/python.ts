import { PythonWriter } from '../writers/python';
import type { LanguageSpec } from './types';

export const python: LanguageSpec = {
  id: 'python',
  name: 'Python',
  extensions: ['.py', '.pyi'],
  vscode: ['python'],
  comments: { openers: '#', line: '#' },
  frontEnd: 'python',
  grammar: { file: 'tree-sitter-python.wasm', module: 'tree-sitter-python/tree-sitter-python.wasm' },
  writer: PythonWriter,
};
