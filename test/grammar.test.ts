// test:fast (npm run test:fast: in-process, no CLI or server process)
// The prompt-template grammars (Prompty: Jinja2 body; Dotprompt: Handlebars body), tokenized by
// the same TextMate engine VS Code uses, and the token scopes of realistic files asserted.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, parseRawGrammar, Registry, type IGrammar } from 'vscode-textmate';

const ROOT = join(__dirname, '..');
const PKG = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const grammars = new Map<string, IGrammar>();

type Token = { text: string; scopes: string[] };
/** [text, scopes] for every token of every line. */
function tokenize(language: 'prompty' | 'dotprompt', text: string): Token[] {
  const grammar = grammars.get(language)!;
  let state = INITIAL;
  const out: Token[] = [];
  for (const line of text.split('\n')) {
    const r = grammar.tokenizeLine(line, state);
    for (const t of r.tokens) out.push({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes });
    state = r.ruleStack;
  }
  return out;
}

const scopeOf = (tokens: Token[], text: string) => tokens.find((t) => t.text === text)?.scopes ?? [];

before(async () => {
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const byScope = new Map<string, string>(PKG.contributes.grammars.map((g: { scopeName: string; path: string }) => [g.scopeName, g.path]));
  const registry = new Registry({
    onigLib: Promise.resolve({ createOnigScanner: (p) => new oniguruma.OnigScanner(p), createOnigString: (s) => new oniguruma.OnigString(s) }),
    loadGrammar: (scope) => {
      const path = byScope.get(scope);
      return Promise.resolve(path ? parseRawGrammar(readFileSync(join(ROOT, path), 'utf8'), path) : null);
    },
  });
  for (const g of PKG.contributes.grammars as { language: string; scopeName: string }[]) grammars.set(g.language, (await registry.loadGrammar(g.scopeName))!);
});

describe('prompt template languages', () => {
  it('Prompty owns .prompty and Dotprompt owns .prompt, each with its grammar and its comment style', () => {
    const langs = Object.fromEntries(PKG.contributes.languages.map((l: { id: string; extensions: string[]; configuration: string }) => [l.id, l]));
    assert.deepEqual(langs.prompty.extensions, ['.prompty']);
    assert.deepEqual(langs.dotprompt.extensions, ['.prompt']);
    assert.deepEqual(
      PKG.contributes.grammars.map((g: { language: string; scopeName: string }) => [g.language, g.scopeName]),
      [
        ['prompty', 'source.prompty'],
        ['dotprompt', 'source.dotprompt'],
      ],
    );
    assert.deepEqual(JSON.parse(readFileSync(join(ROOT, langs.prompty.configuration), 'utf8')).comments.blockComment, ['{#', '#}']);
    assert.deepEqual(JSON.parse(readFileSync(join(ROOT, langs.dotprompt.configuration), 'utf8')).comments.blockComment, ['{{!--', '--}}']);
    assert.ok(PKG.activationEvents.includes('onLanguage:prompty') && PKG.activationEvents.includes('onLanguage:dotprompt'));
  });
});

describe('Prompty grammar', () => {
  it('front matter as YAML, role sections, Jinja holes, blocks with keywords, comments', () => {
    const tokens = tokenize(
      'prompty',
      `---\nname: Support answer\nmodel:\n  api: chat\n  parameters:\n    max_tokens: 400\nsample:\n  topic: billing\n---\nsystem:\nYou answer questions about {{product}}.\n{# internal note #}\n{% for doc in documents %}\n{{ doc.title | upper }}\n{% endfor %}\nuser:\n{{question}}\n`,
    );
    assert.ok(tokens[0].scopes.includes('punctuation.definition.front-matter.begin.prompty'));
    assert.ok(scopeOf(tokens, 'name').includes('meta.embedded.block.yaml'), 'front matter is embedded YAML');
    assert.ok(tokens.some((t) => t.text === '---' && t.scopes.includes('punctuation.definition.front-matter.end.prompty')));
    assert.ok(scopeOf(tokens, 'system').includes('entity.name.tag.role.prompty'));
    assert.ok(scopeOf(tokens, 'user').includes('entity.name.tag.role.prompty'));
    assert.ok(scopeOf(tokens, 'product').includes('variable.other.hole.prompty'));
    assert.ok(scopeOf(tokens, 'question').includes('variable.other.hole.prompty'));
    assert.ok(scopeOf(tokens, 'for').includes('keyword.control.prompty'));
    assert.ok(scopeOf(tokens, 'endfor').includes('keyword.control.prompty'));
    assert.ok(scopeOf(tokens, 'upper').includes('support.function.filter.prompty'));
    assert.ok(tokens.some((t) => t.text.includes('internal note') && t.scopes.includes('comment.block.prompty')));
    assert.ok(!scopeOf(tokens, 'You answer questions about ').some((s) => s.includes('hole')), 'plain text is not a hole');
  });

  it('a line that only looks like a role inside text is not a role marker', () => {
    const tokens = tokenize('prompty', `---\nmodel: {}\n---\nsystem:\nThe user: asks things.\n`);
    assert.ok(!tokens.filter((t) => t.text === 'user').some((t) => t.scopes.includes('entity.name.tag.role.prompty')));
  });
});

describe('Dotprompt grammar', () => {
  it('front matter, role and media helpers, block helpers, partials, comments and holes', () => {
    const tokens = tokenize(
      'dotprompt',
      `---\nmodel: googleai/gemini-2.5-flash\nconfig:\n  maxOutputTokens: 400\n---\n{{!-- shown to the model first --}}\n{{role "system"}}\nYou are terse.\n{{#if context}}Context: {{context}}{{else}}No context.{{/if}}\n{{#each docs}}- {{this.title}}\n{{/each}}\n{{> footer}}\n{{role "user"}}\n{{media url=photoUrl}}\n{{question}}\n`,
    );
    assert.ok(tokens[0].scopes.includes('punctuation.definition.front-matter.begin.dotprompt'));
    assert.ok(scopeOf(tokens, 'model').includes('meta.embedded.block.yaml'));
    assert.ok(tokens.some((t) => t.text.includes('shown to the model first') && t.scopes.includes('comment.block.dotprompt')));
    assert.ok(scopeOf(tokens, 'role').includes('entity.name.tag.role.dotprompt'));
    assert.ok(scopeOf(tokens, 'media').includes('entity.name.tag.role.dotprompt'));
    assert.ok(scopeOf(tokens, 'if').includes('keyword.control.dotprompt'));
    assert.ok(scopeOf(tokens, 'else').includes('keyword.control.dotprompt'));
    assert.ok(scopeOf(tokens, 'each').includes('keyword.control.dotprompt'));
    assert.ok(scopeOf(tokens, 'footer').includes('entity.name.function.partial.dotprompt'));
    assert.ok(scopeOf(tokens, 'context').includes('variable.other.hole.dotprompt'));
    assert.ok(scopeOf(tokens, 'this.title').includes('variable.other.hole.dotprompt'));
    assert.ok(scopeOf(tokens, 'question').includes('variable.other.hole.dotprompt'));
    assert.ok(!scopeOf(tokens, 'You are terse.').some((s) => s.includes('hole') || s.includes('keyword')), 'plain text is plain');
  });

  it('Jinja-only syntax is not Dotprompt: `{% ... %}` stays text', () => {
    const tokens = tokenize('dotprompt', `---\nmodel: x\n---\n{% if a %}b{% endif %}\n`);
    assert.ok(!tokens.some((t) => t.scopes.some((s) => s.startsWith('keyword.control'))));
  });
});
