// test:fast (npm run test:fast: in-process, no CLI or server process)
// The engine's net under fixes (core/fixcheck.ts): a fix whose text does not parse is dropped
// before anyone is offered it, in every language, and the analysis says so. The writers are made
// to write broken text here, as a writer bug would.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Language } from '../server/src/core/types';
import { frontMatterCheck } from '../server/src/core/fixcheck';
import { CSharpWriter, GoWriter, JavaWriter, PhpWriter, PythonWriter, RubyWriter, TypeScriptWriter, type LanguageWriter } from '../server/src/core/writers';
import { analyzer, analyzeText, applyEdits, syntaxErrors } from './helpers';

const CASES: [Language, new (text: string) => LanguageWriter, string][] = [
  ['python', PythonWriter, 'from anthropic import Anthropic\nc = Anthropic()\nc.messages.create(model="claude-sonnet-4-6", messages=[])\n'],
  [
    'typescript',
    TypeScriptWriter,
    "import Anthropic from '@anthropic-ai/sdk';\nconst c = new Anthropic();\nawait c.messages.create({ model: 'claude-sonnet-4-6', messages: [] });\n",
  ],
  ['ruby', RubyWriter, 'require "anthropic"\nc = Anthropic::Client.new\nc.messages.create(model: "claude-sonnet-4-6", messages: [])\n'],
  [
    'go',
    GoWriter,
    'package main\n\nimport "github.com/anthropics/anthropic-sdk-go"\n\nfunc main() {\n\tc := anthropic.NewClient()\n\tc.Messages.New(ctx, anthropic.MessageNewParams{Model: "claude-sonnet-4-6"})\n}\n',
  ],
  [
    'java',
    JavaWriter,
    'import com.anthropic.client.okhttp.AnthropicOkHttpClient;\nimport com.anthropic.models.messages.MessageCreateParams;\nclass A {\n  void m() {\n    AnthropicOkHttpClient.fromEnv().messages().create(MessageCreateParams.builder().model("claude-sonnet-4-6").build());\n  }\n}\n',
  ],
  [
    'csharp',
    CSharpWriter,
    'using Anthropic;\nusing Anthropic.Models.Messages;\nAnthropicClient c = new();\nawait c.Messages.Create(new MessageCreateParams { Messages = [], Model = "claude-sonnet-4-6" });\n',
  ],
  ['php', PhpWriter, "<?php\nuse Anthropic\\Client;\n$c = new Client(apiKey: 'k');\n$c->messages->create(messages: [], model: 'claude-sonnet-4-6');\n"],
];

describe('a fix that would break the file is dropped', () => {
  for (const [language, Writer, text] of CASES) {
    it(`${language}: a writer writing broken text gets its fix dropped, the finding kept, and the failure said`, async (t) => {
      const good = await analyzeText(text, language);
      const finding = good.findings.find((f) => f.rule === 'uncapped-output');
      assert.ok(finding?.fix, 'the required max_tokens has a fix normally');
      t.mock.method(Writer.prototype, 'value', () => '(((');
      const bad = await analyzeText(text, language);
      const f = bad.findings.find((x) => x.rule === 'uncapped-output');
      assert.ok(f, 'the finding is still reported');
      assert.equal(f.fix, null, 'its broken fix is not offered');
      assert.equal(bad.errors.length, 1);
      assert.equal(bad.errors[0].component, 'fix:uncapped-output');
      assert.match(bad.errors[0].message, /dropped the fix "Add max_tokens=1024" at line \d+: it adds syntax errors/);
    });
  }

  it('deferred (the language server, per edit): the result says its fixes are unchecked, and checkFixes drops the broken one before it is offered', async (t) => {
    const [, Writer, text] = CASES.find(([l]) => l === 'java')!;
    const a = await analyzer();
    t.mock.method(Writer.prototype, 'value', () => '(((');
    const input = { text, language: 'java' as const, document: 'test://deferred.java', deferFixCheck: true };
    const r = a.analyze(input, { today: '2026-11-22' });
    assert.equal(r.fixesUnchecked, true);
    assert.ok(r.findings.find((f) => f.rule === 'uncapped-output')?.fix, 'not checked yet');
    a.checkFixes(input, r);
    assert.equal(r.fixesUnchecked, undefined);
    assert.equal(r.findings.find((f) => f.rule === 'uncapped-output')?.fix, null);
    assert.match(r.errors[0]?.message ?? '', /dropped the fix/);
    a.forget(input.document);
  });

  it('in code being typed (it does not parse already), a fix that adds to its errors is not offered, without an error report', async () => {
    const text = 'from anthropic import Anthropic\nc = Anthropic()\nc.messages.create(model="claude-sonnet-4-6", messages=[\n';
    const r = await analyzeText(text, 'python');
    assert.deepEqual(r.errors, []);
    for (const f of r.findings) if (f.fix) assert.fail(`a fix is offered on unparseable code: ${f.fix.title}`);
  });

  it("prompt files: an edit that breaks the front matter's YAML is caught", () => {
    const text = '---\nmodel: googleai/gemini-3.5-flash-lite\nconfig:\n  temperature: 0.3\n---\nHello\n';
    const check = frontMatterCheck(text);
    const at = text.indexOf('  temperature');
    const [ok, broken] = check([
      [{ span: { start: at, end: at }, newText: '  maxOutputTokens: 1024\n' }],
      [{ span: { start: at, end: at }, newText: 'config: [\n' }],
    ]);
    assert.equal(ok, null);
    assert.match(broken?.broken ?? '', /breaks the front matter's YAML/);
  });
});

describe('fix all (source.fixAll): every safe fix at once', () => {
  it('Java: two calls needing the same imports get them once, and the file parses with both fixes of each call', async () => {
    const policy = 'Refunds are accepted within 30 days with a receipt; store credit after that. '.repeat(60);
    const call = (name: string) =>
      `    void ${name}(Iterable<String> qs) {\n        for (String q : qs) {\n            client.messages().create(MessageCreateParams.builder().model(Model.CLAUDE_SONNET_4_6).system(POLICY).addUserMessage(q).build());\n        }\n    }\n`;
    const text = `package a;\n\nimport com.anthropic.client.AnthropicClient;\nimport com.anthropic.client.okhttp.AnthropicOkHttpClient;\nimport com.anthropic.models.messages.MessageCreateParams;\nimport com.anthropic.models.messages.Model;\n\nclass Agent {\n    static final String POLICY = "${policy}";\n    final AnthropicClient client = AnthropicOkHttpClient.fromEnv();\n${call('first')}${call('second')}}\n`;
    const a = await analyzer();
    const r = await analyzeText(text, 'java');
    assert.equal(r.findings.filter((f) => f.fix?.safety === 'safe').length, 4, 'two safe fixes per call');
    const fixed = applyEdits(text, a.fixAll({ text, language: 'java' }, r.findings));
    assert.equal(fixed.match(/^import java\.util\.List;$/gm)?.length, 1, 'the shared import is added once');
    assert.deepEqual(await syntaxErrors(fixed, 'java'), []);
    const again = await analyzeText(fixed, 'java');
    assert.deepEqual(
      again.findings.map((f) => f.rule).filter((x) => x !== 'call-in-loop'),
      [],
    );
  });

  it('fixes that break the file only together are left out of the set, the others applied', async () => {
    const a = await analyzer();
    const text = 'from anthropic import Anthropic\nc = Anthropic()\nc.messages.create(model="claude-sonnet-4-6", messages=[])\n';
    const at = text.indexOf('messages=[]');
    // Two made-up fixes, each fine alone: together they leave an unclosed bracket.
    const findings = [
      {
        rule: 'x',
        severity: 'warning',
        message: '',
        span: { start: at, end: at },
        range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } },
        fix: {
          title: 'a',
          safety: 'safe',
          edits: [{ span: { start: at, end: at + 11 }, newText: 'messages=[1', range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } } }],
        },
      },
      {
        rule: 'y',
        severity: 'warning',
        message: '',
        span: { start: at, end: at },
        range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } },
        fix: {
          title: 'b',
          safety: 'safe',
          edits: [{ span: { start: at + 11, end: at + 12 }, newText: ']', range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } } }],
        },
      },
    ] as unknown as import('../server/src/core/types').Finding[];
    const edits = a.fixAll({ text, language: 'python' }, findings);
    assert.deepEqual(await syntaxErrors(applyEdits(text, edits), 'python'), [], 'what fix all applies parses');
  });
});
