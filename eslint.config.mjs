// ESLint for all of the project's own code: typescript-eslint's type-aware recommended rules on
// TypeScript (typed by tsconfig.json), ESLint's recommended rules on the JavaScript scripts.
// Formatting is Prettier's (.prettierrc.json), never a lint rule.
// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { readFileSync } from 'node:fs';

const IGNORED = readFileSync(new URL('.prettierignore', import.meta.url), 'utf8')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line && !line.startsWith('#'));

export default tseslint.config(
  // The same files as Prettier's (test inputs and samples keep the shape they were written in; the rest is
  // generated, installed or fetched): one list, .prettierignore.
  { ignores: IGNORED },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    rules: {
      // `let { files, missing } = ...` where only one is reassigned stays one declaration.
      'prefer-const': ['error', { destructuring: 'all' }],
      // Prettier breaks code at 160 columns but never a comment: comments are held to the same width.
      // Strings, templates and patterns are content (messages, test inputs) and may run longer.
      'max-len': ['error', { code: 160, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true, ignoreUrls: true }],
      // A leading underscore marks a parameter or binding kept for its position (`(_, i) =>`).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      // node:test's describe/it return promises the runner awaits itself.
      '@typescript-eslint/no-floating-promises': [
        'error',
        { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['describe', 'it', 'test', 'suite'] }] },
      ],
    },
  },
  {
    // Tests read the CLI's and the server's JSON (typed `any` by JSON.parse) and assert on it: the
    // assertions are the type check there (the output's shape is checked by test/output-schema.test.ts).
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      // Tests match terminal escapes and control characters in output on purpose.
      'no-control-regex': 'off',
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // CommonJS: the bench's floor script, the network guard loaded with --require, and the in-editor suite VS Code loads.
    files: ['**/*.cjs', 'test/e2e/suite/**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The in-editor suite runs under mocha inside VS Code's extension host.
    files: ['test/e2e/suite/**/*.js'],
    languageOptions: { globals: { ...globals.node, ...globals.mocha } },
  },
);
