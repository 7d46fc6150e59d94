// Part of npm run bench (workspace.ts runs it in a fresh process): the time the parsers alone take
// over the given files, as a cold CLI run would meet them: TypeScript's createSourceFile for
// JS/TS, tree-sitter's parse for Python; grammar loading and reading the files not counted.
// Prints milliseconds.
import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { Language, Parser } from 'web-tree-sitter';

async function main(): Promise<void> {
  const files = process.argv.slice(2).map((f) => ({ f, text: readFileSync(f, 'utf8') }));
  await Parser.init();
  const parser = new Parser();
  parser.setLanguage(await Language.load(require.resolve('tree-sitter-python/tree-sitter-python.wasm')));
  const start = performance.now();
  for (const { f, text } of files) {
    if (f.endsWith('.py')) parser.parse(text)!.delete();
    else if (/\.[cm]?[jt]sx?$/.test(f)) ts.createSourceFile(f, text, ts.ScriptTarget.Latest, true);
  }
  process.stdout.write(`${performance.now() - start}\n`);
}

void main();
