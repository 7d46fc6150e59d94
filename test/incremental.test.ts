// Incremental parsing (the language server's path: `document` set, so the analyzer keeps each
// document's syntax tree and re-parses only what an edit touched) gives exactly what a fresh
// analysis of the same text gives, through random typing, deleting, pasting and model swaps, in
// every language with a fixture.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { describe, it } from 'node:test';
import { Language, Parser } from 'web-tree-sitter';
import { languageOfPath } from '../server/src/core/analyze';
import { parseIncrementally, textChange } from '../server/src/core/reparse';
import { analyzer, TODAY } from './helpers';

const FIXTURES = join(__dirname, 'fixtures');

function fixturesOf(dir: string, count: number): string[] {
  return readdirSync(join(FIXTURES, dir))
    .filter((f) => languageOfPath(f))
    .sort()
    .slice(0, count)
    .map((f) => join(FIXTURES, dir, f));
}

function random(seed: number): () => number {
  return () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

/** One edit of the kinds an editor makes: a character typed, a range deleted, a line pasted from elsewhere, a model swapped. */
function edit(text: string, rnd: () => number): string {
  const at = Math.floor(rnd() * (text.length + 1));
  const kind = Math.floor(rnd() * 5);
  if (kind === 0) return text.slice(0, at) + 'x(,"\n'[Math.floor(rnd() * 5)] + text.slice(at);
  if (kind === 1) return text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + Math.floor(rnd() * 40)));
  if (kind === 2) {
    const from = Math.floor(rnd() * text.length);
    const lineStart = text.lastIndexOf('\n', from) + 1;
    const lineEnd = text.indexOf('\n', from);
    return text.slice(0, at) + text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd + 1) + text.slice(at);
  }
  if (kind === 3) return text.replace(/gpt-4o|claude-[a-z0-9.-]+|gpt-5[.0-9a-z-]*/, ['gpt-4o-mini', 'claude-opus-4-1', 'gpt-5.5'][Math.floor(rnd() * 3)]);
  return text.slice(0, at) + text.slice(at); // the same text again (a save, an undo back)
}

describe('incremental parsing', () => {
  it('textChange finds the one edit between two texts', () => {
    assert.equal(textChange('abc', 'abc'), null);
    assert.deepEqual(textChange('hello world', 'hello there world'), { start: 6, oldEnd: 6, newEnd: 12 });
    assert.deepEqual(textChange('aaaa', 'aa'), { start: 2, oldEnd: 4, newEnd: 2 });
    assert.deepEqual(textChange('model="a"', 'model="bc"'), { start: 7, oldEnd: 8, newEnd: 9 });
  });

  it('a tree-sitter tree re-parsed after an edit equals a fresh parse, positions included', async () => {
    const a = await analyzer();
    void a; // the runtime is initialized by the analyzer
    const parser = new Parser();
    parser.setLanguage(await Language.load(require.resolve('tree-sitter-python/tree-sitter-python.wasm')));
    const rnd = random(3);
    let text = readFileSync(fixturesOf('python', 1)[0], 'utf8');
    let tree = parser.parse(text)!;
    for (let i = 0; i < 200; i++) {
      const next = edit(text, rnd);
      tree = parseIncrementally(parser, next, { text, tree })!;
      text = next;
      const fresh = parser.parse(text)!;
      assert.equal(tree.rootNode.toString(), fresh.rootNode.toString());
      const last = (t: typeof tree) => t.rootNode.descendantsOfType('identifier').at(-1);
      assert.deepEqual(last(tree)?.startPosition, last(fresh)?.startPosition);
      fresh.delete();
    }
    tree.delete();
  });

  const languages: [string, number][] = [
    ['python', 6],
    ['ts', 6],
    ['ruby', 2],
    ['go', 2],
    ['java', 2],
    ['csharp', 2],
    ['php', 2],
  ];
  for (const [dir, count] of languages) {
    it(`${dir}: after each of 40 random edits per file, the analysis with the kept tree equals a fresh one`, async () => {
      const a = await analyzer();
      const rnd = random(dir.length * 7919);
      let edits = 0;
      const files = fixturesOf(dir, count);
      for (const file of files) {
        const language = languageOfPath(file)!;
        let text = readFileSync(file, 'utf8');
        const document = `file:///incremental/${dir}/${extname(file)}/${file}`;
        const settings = { today: TODAY };
        a.analyze({ text, language, document }, settings);
        assert.ok(a.keptDocuments().includes(document), 'the tree is kept for the next edit');
        for (let i = 0; i < 40; i++) {
          text = edit(text, rnd);
          const incremental = a.analyze({ text, language, document }, settings);
          const fresh = a.analyze({ text, language }, settings);
          assert.deepEqual(incremental, fresh, `${file} after edit ${i + 1}`);
          edits++;
        }
        a.forget(document);
        assert.ok(!a.keptDocuments().includes(document), "a closed document's tree is freed");
      }
      assert.ok(files.length > 0);
      assert.equal(edits, files.length * 40);
    });
  }
});
