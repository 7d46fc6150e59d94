// Part of npm run bench (real.ts runs it in a fresh process, timed from outside): the floor under the
// CLI on the real-content repository, "start-up + read every file + parse the files that must be
// parsed": load the parsers, read every file named in argv[2] (one path a line), and parse those also
// named in argv[3] (TypeScript's createSourceFile for JS/TS, tree-sitter for Python).
const { readFileSync } = require('node:fs');
const ts = require('typescript');
const { Language, Parser } = require('web-tree-sitter');

async function main() {
  const all = readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean);
  const parse = new Set(readFileSync(process.argv[3], 'utf8').split('\n').filter(Boolean));
  await Parser.init();
  const parser = new Parser();
  parser.setLanguage(await Language.load(require.resolve('tree-sitter-python/tree-sitter-python.wasm')));
  for (const f of all) {
    const text = readFileSync(f, 'utf8');
    if (!parse.has(f)) continue;
    if (f.endsWith('.py')) parser.parse(text).delete();
    else ts.createSourceFile(f, text, ts.ScriptTarget.Latest, true);
  }
}

void main();
