// TypeScript and JavaScript, with and without JSX: one front-end (the compiler's AST), four ids.
import { TypeScriptWriter } from '../writers/typescript';
import type { LanguageSpec } from './types';

const common = { frontEnd: 'typescript', writer: TypeScriptWriter } as const;
const C_COMMENTS = { openers: '//|/\\*', line: '//' };
// In JSX, a comment among elements is `{/* ... */}`.
const JSX_COMMENTS = { openers: '//|/\\*|\\{/\\*', line: '//' };

export const typescript: LanguageSpec = {
  ...common,
  id: 'typescript',
  name: 'TypeScript',
  extensions: ['.ts', '.mts', '.cts'],
  vscode: ['typescript'],
  comments: C_COMMENTS,
};
export const typescriptreact: LanguageSpec = {
  ...common,
  id: 'typescriptreact',
  name: 'TypeScript (JSX)',
  extensions: ['.tsx'],
  vscode: ['typescriptreact'],
  comments: JSX_COMMENTS,
};
export const javascript: LanguageSpec = {
  ...common,
  id: 'javascript',
  name: 'JavaScript',
  extensions: ['.js', '.mjs', '.cjs'],
  vscode: ['javascript'],
  comments: C_COMMENTS,
};
export const javascriptreact: LanguageSpec = {
  ...common,
  id: 'javascriptreact',
  name: 'JavaScript (JSX)',
  extensions: ['.jsx'],
  vscode: ['javascriptreact'],
  comments: JSX_COMMENTS,
};
