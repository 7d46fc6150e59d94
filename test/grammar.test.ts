// The prompt-template grammar, tokenized by the same TextMate engine VS Code uses.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, parseRawGrammar, Registry, type IGrammar } from 'vscode-textmate';

const ROOT = join(__dirname, '..');
let grammar: IGrammar;

/** [text, scopes] for every token of every line. */
function tokenize(text: string): { text: string; scopes: string[] }[] {
  let state = INITIAL;
  const out: { text: string; scopes: string[] }[] = [];
  for (const line of text.split('\n')) {
    const r = grammar.tokenizeLine(line, state);
    for (const t of r.tokens) out.push({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes });
    state = r.ruleStack;
  }
  return out;
}

const scopeOf = (tokens: ReturnType<typeof tokenize>, text: string) => tokens.find((t) => t.text === text)?.scopes ?? [];

describe('prompt template grammar', () => {
  before(async () => {
    const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const registry = new Registry({
      onigLib: Promise.resolve({ createOnigScanner: (p) => new oniguruma.OnigScanner(p), createOnigString: (s) => new oniguruma.OnigString(s) }),
      loadGrammar: async (scope) =>
        scope === 'source.costlint-prompt' ? parseRawGrammar(readFileSync(join(ROOT, 'syntaxes', 'prompt.tmLanguage.json'), 'utf8'), 'prompt.tmLanguage.json') : null,
    });
    grammar = (await registry.loadGrammar('source.costlint-prompt'))!;
    assert.ok(grammar);
  });

  it('is the grammar package.json declares for .prompty and .prompt files', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    const lang = pkg.contributes.languages.find((l: { id: string }) => l.id === 'costlint-prompt');
    assert.deepEqual(lang.extensions, ['.prompt', '.prompty']);
    assert.equal(pkg.contributes.grammars[0].scopeName, 'source.costlint-prompt');
  });

  it('Prompty: front matter, role markers and template holes', () => {
    const tokens = tokenize(`---\nname: Support answer\nmodel:\n  api: chat\n  parameters:\n    max_tokens: 400\n---\nsystem:\nYou answer questions about {{product}}.\n{# internal note #}\nuser:\n{{question}}\n`);
    assert.ok(tokens[0].scopes.includes('punctuation.definition.front-matter.begin.costlint-prompt'));
    assert.ok(scopeOf(tokens, 'name').includes('meta.embedded.block.yaml'), 'front matter is embedded YAML');
    assert.ok(tokens.some((t) => t.text === '---' && t.scopes.includes('punctuation.definition.front-matter.end.costlint-prompt')));
    assert.ok(scopeOf(tokens, 'system').includes('entity.name.tag.role.costlint-prompt'));
    assert.ok(scopeOf(tokens, 'user').includes('entity.name.tag.role.costlint-prompt'));
    assert.ok(scopeOf(tokens, 'product').includes('variable.other.hole.costlint-prompt'));
    assert.ok(scopeOf(tokens, 'question').includes('variable.other.hole.costlint-prompt'));
    assert.ok(tokens.some((t) => t.text.includes('internal note') && t.scopes.includes('comment.block.costlint-prompt')));
    assert.ok(!scopeOf(tokens, 'You answer questions about ').some((s) => s.includes('hole')), 'plain text is not a hole');
  });

  it('Dotprompt: role helpers, block tags and filters', () => {
    const tokens = tokenize(`---\nmodel: googleai/gemini-3.8-flash\n---\n{{role "system"}}\nYou are terse.\n{% for doc in docs %}{{ doc.title | upper }}{% endfor %}\n{{#if context}}{{context}}{{/if}}\n`);
    assert.ok(scopeOf(tokens, 'role').includes('entity.name.tag.role.costlint-prompt'));
    assert.ok(scopeOf(tokens, 'for').includes('keyword.control.costlint-prompt'));
    assert.ok(scopeOf(tokens, 'doc.title').includes('variable.other.hole.costlint-prompt'));
    assert.ok(scopeOf(tokens, 'upper').includes('support.function.filter.costlint-prompt'));
    assert.ok(scopeOf(tokens, 'if').includes('keyword.control.costlint-prompt'));
  });
});
