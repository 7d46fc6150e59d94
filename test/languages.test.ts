// The language registry (server/src/core/languages) is the one place a language is declared:
// what derives from it is checked to agree, and what cannot derive from it (package.json) is
// checked against it.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { languageOfPath, SUPPORTED_LANGUAGES } from '../server/src/core/analyze';
import { LANGUAGES, languageSpec, VSCODE_LANGUAGE_IDS } from '../server/src/core/languages';
import { TREE_SITTER_RECOGNIZERS } from '../server/src/core/recognizers';
import { findSuppressions, ignoreHereEdit } from '../server/src/core/suppressions';
import { LineIndex } from '../server/src/core/text';
import type { Language } from '../server/src/core/types';
import { writerFor } from '../server/src/core/writers';
import { analyzeText } from './helpers';

const ROOT = join(__dirname, '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  activationEvents: string[];
  contributes: { languages: { id: string; extensions?: string[] }[] };
};

/** Every member of the Language type, by the compiler: a new one without a registry entry fails to type-check here. */
const EVERY_LANGUAGE: Record<Language, true> = {
  python: true,
  typescript: true,
  typescriptreact: true,
  javascript: true,
  javascriptreact: true,
  ruby: true,
  go: true,
  java: true,
  csharp: true,
  php: true,
  prompty: true,
  dotprompt: true,
};

describe('the language registry', () => {
  it('declares every language once, and the analyzer supports exactly those', () => {
    assert.deepEqual(LANGUAGES.map((l) => l.id).sort(), Object.keys(EVERY_LANGUAGE).sort());
    assert.deepEqual([...SUPPORTED_LANGUAGES].sort(), Object.keys(EVERY_LANGUAGE).sort());
    for (const id of Object.keys(EVERY_LANGUAGE) as Language[]) assert.equal(languageSpec(id).id, id);
  });

  it('each extension belongs to one language, and a file with it is read as that language', () => {
    const seen = new Map<string, Language>();
    for (const l of LANGUAGES) {
      for (const ext of l.extensions) {
        assert.ok(!seen.has(ext), `${ext} is claimed by ${seen.get(ext)} and ${l.id}`);
        seen.set(ext, l.id);
        assert.equal(languageOfPath(`src/module${ext}`), l.id);
        assert.equal(languageOfPath(`src/MODULE${ext.toUpperCase()}`), l.id);
      }
    }
    assert.equal(languageOfPath('README.md'), null);
  });

  it('each front-end exists: a recognizer for every tree-sitter language, a grammar the build copies next to the bundle, a writer for every language fixes edit as code', () => {
    for (const l of LANGUAGES) {
      if (l.frontEnd === 'tree-sitter') assert.ok(l.id in TREE_SITTER_RECOGNIZERS, `${l.id}: no recognizer`);
      if (l.frontEnd === 'tree-sitter' || l.frontEnd === 'python') {
        assert.ok(l.grammar, `${l.id}: no grammar`);
        assert.ok(existsSync(join(ROOT, 'server', 'out', l.grammar.file)), `${l.grammar.file} is not in server/out (npm run build)`);
      }
      if (l.frontEnd !== 'prompt-file') assert.ok(writerFor(l.id, ''), `${l.id}: no writer`);
    }
    assert.deepEqual(
      Object.keys(TREE_SITTER_RECOGNIZERS).sort(),
      LANGUAGES.filter((l) => l.frontEnd === 'tree-sitter')
        .map((l) => l.id)
        .sort(),
      'no recognizer for a language the registry does not declare',
    );
  });

  it('a suppression written in each language ("Ignore here") is read back as one', () => {
    for (const l of LANGUAGES) {
      const text = 'x = 1\n';
      const edit = ignoreHereEdit(text, l.id, 0, 'uncapped-output');
      const withComment = text.slice(0, edit.offset) + edit.newText + text.slice(edit.offset);
      const found = findSuppressions(withComment, l.id, new LineIndex(withComment));
      assert.deepEqual(
        found.map((s) => s.rules),
        [['uncapped-output']],
        `${l.id}: ${JSON.stringify(withComment)}`,
      );
    }
  });

  it('every language is analyzed: a file of each gets its call found', async () => {
    const samples: Record<Language, string> = {
      python: 'from openai import OpenAI\nOpenAI().responses.create(model="gpt-5.5", input="Hi", max_output_tokens=5)\n',
      typescript: "import OpenAI from 'openai';\nnew OpenAI().responses.create({ model: 'gpt-5.5', input: 'Hi', max_output_tokens: 5 });\n",
      typescriptreact:
        "import OpenAI from 'openai';\nnew OpenAI().responses.create({ model: 'gpt-5.5', input: 'Hi', max_output_tokens: 5 });\nexport const A = () => <div />;\n",
      javascript: "const OpenAI = require('openai');\nnew OpenAI().responses.create({ model: 'gpt-5.5', input: 'Hi', max_output_tokens: 5 });\n",
      javascriptreact:
        "import OpenAI from 'openai';\nnew OpenAI().responses.create({ model: 'gpt-5.5', input: 'Hi', max_output_tokens: 5 });\nexport const A = () => <div />;\n",
      ruby: 'require "openai"\nOpenAI::Client.new.responses.create(model: "gpt-5.5", input: "Hi", max_output_tokens: 5)\n',
      go: 'package main\n\nimport "github.com/openai/openai-go/v3"\n\nfunc main() {\n\tc := openai.NewClient()\n\tc.Responses.New(ctx, responses.ResponseNewParams{Model: "gpt-5.5", MaxOutputTokens: openai.Int(5)})\n}\n',
      java: 'import com.openai.client.okhttp.OpenAIOkHttpClient;\nclass A { void m() { OpenAIOkHttpClient.fromEnv().responses().create(ResponseCreateParams.builder().input("Hi").model("gpt-5.5").maxOutputTokens(5L).build()); } }\n',
      csharp:
        'using OpenAI.Chat;\nChatClient c = new(model: "gpt-5.5", apiKey: "k");\nc.CompleteChat([new UserChatMessage("Hi")], new ChatCompletionOptions { MaxOutputTokenCount = 5 });\n',
      php: "<?php\n$c = OpenAI::client('k');\n$c->responses()->create(['model' => 'gpt-5.5', 'input' => 'Hi', 'max_output_tokens' => 5]);\n",
      prompty: '---\nmodel:\n  api: chat\n  configuration:\n    type: openai\n    name: gpt-5.5\n  parameters:\n    max_tokens: 5\n---\nuser:\nHi\n',
      dotprompt: '---\nmodel: googleai/gemini-3.5-flash-lite\nconfig:\n  maxOutputTokens: 5\n---\nHi\n',
    };
    for (const l of LANGUAGES) {
      const r = await analyzeText(samples[l.id], l.id);
      assert.equal(r.callSites.length, 1, `${l.id}: ${JSON.stringify(r.skipped ?? r.errors)}`);
      assert.deepEqual(r.findings, [], `${l.id}: ${r.findings.map((f) => f.message).join('; ')}`);
    }
  });

  it("package.json agrees: an activation event for each of the editor's languages, and the prompt-file languages it contributes", () => {
    const onLanguage = pkg.activationEvents.filter((e) => e.startsWith('onLanguage:')).map((e) => e.slice('onLanguage:'.length));
    assert.deepEqual([...onLanguage].sort(), [...VSCODE_LANGUAGE_IDS].sort());
    for (const l of LANGUAGES.filter((x) => x.frontEnd === 'prompt-file')) {
      const contributed = pkg.contributes.languages.find((c) => c.id === l.vscode[0]);
      assert.deepEqual(contributed?.extensions, [...l.extensions], `${l.id}: contributes.languages`);
    }
  });
});
