// Bad input gets a clear message and never takes the analysis down.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { RULES } from '../server/src/core/rules';
import { CONFIG_SCHEMA, parseConfig, settingsFromConfig } from '../server/src/core/config';
import { analyzer, analyzeText } from './helpers';

const CALL = `from openai import OpenAI\nclient = OpenAI()\nclient.chat.completions.create(model="gpt-4o", messages=[])\n`;

describe('robustness', () => {
  it('binary data is skipped with a message', async () => {
    const r = await analyzeText(`openai\u0000\u0001\u0002binary`, 'python');
    assert.match(r.skipped ?? '', /binary/);
    assert.deepEqual(r.callSites, []);
  });

  it('a file above the size limit is skipped with a message naming the limit', async () => {
    const r = await analyzeText(`import openai\n# ${'x'.repeat(3_000_000)}\n`, 'python');
    assert.match(r.skipped ?? '', /3\.0 MB, above the 2\.0 MB/);
  });

  it('a file without any SDK import is not parsed further', async () => {
    const r = await analyzeText(`def create():\n    return client.chat.completions.create(model="gpt-4o")\n`, 'python');
    assert.deepEqual(r.callSites, []);
    assert.equal(r.skipped, null);
  });

  it('10,000 random and truncated inputs (1,000 mutations x 10 languages): none throws, none takes a second', async () => {
    let seed = 42;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const sources = [
      CALL,
      `import OpenAI from 'openai';\nconst c = new OpenAI();\nc.responses.create({ model: 'gpt-5.5', input: \`a\${b}\` });\n`,
      `require "openai"\nc = OpenAI::Client.new\nc.chat.completions.create(model: :"gpt-4o", messages: [{role: "user", content: "a #{b}"}])\n`,
      `package main\nimport "github.com/openai/openai-go"\nfunc f() { c := openai.NewClient(); c.Chat.Completions.New(ctx, openai.ChatCompletionNewParams{Model: openai.ChatModelGPT4o}) }\n`,
      `import com.openai.client.okhttp.OpenAIOkHttpClient;\nclass A { void f() { OpenAIOkHttpClient.fromEnv().chat().completions().create(ChatCompletionCreateParams.builder().addUserMessage("a" + b).model(ChatModel.GPT_4O).build()); } }\n`,
      `using OpenAI.Chat;\nChatClient c = new(model: "gpt-4o", apiKey: k);\nc.CompleteChat([new UserChatMessage($"a {b}")], new ChatCompletionOptions { MaxOutputTokenCount = 5 });\n`,
      `---\nmodel:\n  api: chat\n  configuration:\n    type: openai\n    name: gpt-4o\n  parameters:\n    max_tokens: 5\n---\nsystem:\nHi {{name}}\n`,
      `<?php\nuse Anthropic\\Client;\n$c = new Client(apiKey: 'k');\n$c->messages->create(maxTokens: 5, messages: [['role' => 'user', 'content' => "a $b"]], model: 'claude-haiku-4-5');\n`,
    ];
    let slowest = { ms: 0, text: '' };
    for (let i = 0; i < 1000; i++) {
      const src = sources[i % sources.length];
      const cut = src.slice(0, Math.floor(rnd() * src.length));
      const noise = Array.from({ length: 5 }, () => String.fromCharCode(32 + Math.floor(rnd() * 90))).join('');
      const at = Math.floor(rnd() * cut.length);
      const text = cut.slice(0, at) + noise + cut.slice(at);
      for (const lang of ['python', 'typescript', 'javascriptreact', 'ruby', 'go', 'java', 'csharp', 'php', 'prompty', 'dotprompt'] as const) {
        const t = performance.now();
        const r = await analyzeText(text, lang);
        const ms = performance.now() - t;
        if (ms > slowest.ms) slowest = { ms, text: `${lang}: ${JSON.stringify(text)}` };
        assert.deepEqual(r.errors, [], `errors on ${JSON.stringify(text)}`);
      }
    }
    assert.ok(slowest.ms < 1000, `the slowest case took ${Math.round(slowest.ms)} ms: ${slowest.text}`);
  });

  it('costlint.json: 3,000 mutated and random configs never throw; every problem has a range inside the text; the pricing overlay never throws', async () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
    const VALID = `{\n  // team rules\n  "rules": { "uncapped-output": "error", "call-in-loop": { "severity": "warning", "options": { "minIterations": 3 } } },\n  "budgets": { "perCall": 0.05, "perMonth": 200 },\n  "usage": { "app/**": 1000, "app/a.py::f::responses.create": 5 },\n  "defaults": { "dynamicParts": { "q": 100, "*": 20 }, "expectedOutputTokens": 300, "outputCap": 512 },\n  "discounts": { "openai": 15 },\n  "models": { "prod": "gpt-4o", "ft": { "as": "gpt-4o-mini", "input": 0.3 } },\n  "include": ["app/**"], "exclude": ["**/gen/**"],\n}\n`;
    const VALUES = [
      'null',
      '-1',
      '1e309',
      '"x"',
      '[]',
      '{}',
      'true',
      '"gpt-4o"',
      '{"as": 5}',
      '[1, "a"]',
      '101',
      '0.5',
      '"off"',
      '{"severity": "loud"}',
      '{"options": {"x": 1}}',
    ];
    const KEYS = [
      'rules',
      'budgets',
      'usage',
      'defaults',
      'discounts',
      'models',
      'rateCards',
      'include',
      'exclude',
      'uncapped-output',
      'options',
      'as',
      'input',
      '__proto__',
      'constructor',
      '',
    ];
    const cards = (await analyzer()).rateCards;
    for (let i = 0; i < 3000; i++) {
      let text: string;
      const kind = i % 3;
      if (kind === 0) {
        // Cut and noise.
        const cut = VALID.slice(0, Math.floor(rnd() * VALID.length));
        const at = Math.floor(rnd() * cut.length);
        text = cut.slice(0, at) + Array.from({ length: 3 }, () => String.fromCharCode(32 + Math.floor(rnd() * 90))).join('') + cut.slice(at);
      } else if (kind === 1) {
        // A value replaced by another of any type.
        const spots = [...VALID.matchAll(/: ([^,{}\n]+)/g)];
        const m = pick(spots);
        text = VALID.slice(0, m.index + 2) + pick(VALUES) + VALID.slice(m.index + m[0].length);
      } else {
        // Random objects built from the known keys.
        const obj = (depth: number): string =>
          `{ ${Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => `${JSON.stringify(pick(KEYS))}: ${depth > 2 || rnd() < 0.5 ? pick(VALUES) : obj(depth + 1)}`).join(', ')} }`;
        text = obj(0);
      }
      const r = parseConfig(text);
      for (const issue of r.issues) {
        assert.ok(
          issue.span.start >= 0 && issue.span.end <= Math.max(text.length, 1) && issue.span.start <= issue.span.end,
          `range of ${JSON.stringify(issue)} in ${JSON.stringify(text)}`,
        );
        assert.ok(issue.message.length > 0);
      }
      assert.ok(CONFIG_SCHEMA.safeParse(r.config).success, `what is kept is valid: ${JSON.stringify(text)}`);
      settingsFromConfig(r.config, {}, 'costlint.json', 'app/a.py');
      cards.withOverrides({ models: r.config.models, discounts: r.config.discounts, source: 'costlint.json' });
    }
  });

  it('deep nesting: realistic depths are analyzed; absurd ones (generated data) skip the file with a message, never a crash', async () => {
    const py = (d: number) =>
      `from openai import OpenAI\nclient = OpenAI()\nx = ${'['.repeat(d)}1${']'.repeat(d)}\nclient.responses.create(model="gpt-5.5", input="hi", max_output_tokens=5)\n`;
    const ts = (d: number) =>
      `import OpenAI from 'openai';\nconst client = new OpenAI();\nconst x = ${'['.repeat(d)}1${']'.repeat(d)};\nclient.responses.create({ model: 'gpt-5.5', input: 'hi', max_output_tokens: 5 });\n`;
    for (const [lang, src] of [
      ['python', py],
      ['typescript', ts],
    ] as const) {
      const ok = await analyzeText(src(100), lang);
      assert.equal(ok.callSites.length, 1, `${lang}: 100 levels are analyzed`);
      const deep = await analyzeText(src(20000), lang);
      assert.deepEqual(deep.errors, []);
      if (lang === 'python') {
        // Python's first pass does not recurse (one query for the nodes it needs): analyzed.
        assert.equal(deep.skipped, null);
        assert.equal(deep.callSites.length, 1);
      } else assert.equal(deep.skipped, 'nesting too deep to analyze (deeper than the call stack allows): skipped');
    }
    // Deep nesting in the call's own arguments: analyzed too, or skipped with the message; never a crash.
    const inArgument = `from openai import OpenAI\nclient = OpenAI()\nclient.responses.create(model="gpt-5.5", input=${'['.repeat(50000)}"hi"${']'.repeat(50000)}, max_output_tokens=5)\n`;
    const r = await analyzeText(inArgument, 'python');
    assert.deepEqual(r.errors, []);
    assert.ok(r.callSites.length === 1 || r.skipped?.startsWith('nesting too deep'), JSON.stringify(r.skipped));
  });

  it('a 100,000-line file is analyzed in bounded time', async () => {
    const text = `from openai import OpenAI\nclient = OpenAI()\n${'x = 1\n'.repeat(100_000)}client.responses.create(model="gpt-5.5", input="hi", max_output_tokens=5)\n`;
    const t = performance.now();
    const r = await analyzeText(text, 'python');
    assert.equal(r.callSites.length, 1);
    assert.ok(performance.now() - t < 5000, `${Math.round(performance.now() - t)} ms`);
  });

  it('a throwing rule is isolated: reported once per analysis, call sites still returned', async () => {
    const rule = RULES[0];
    const original = rule.check;
    rule.check = () => {
      throw new Error('boom');
    };
    try {
      const r = await analyzeText(CALL, 'python');
      assert.equal(r.callSites.length, 1);
      assert.deepEqual(r.findings, []);
      assert.equal(r.errors.length, 1);
      assert.equal(r.errors[0].component, 'rule:uncapped-output');
      assert.match(r.errors[0].message, /boom/);
    } finally {
      rule.check = original;
    }
  });

  it('tokenizer ranks load lazily, only for encodings that are used', () => {
    const script = `
      const { createNodeAnalyzer } = require('./server/src/host/node');
      const { loadedEncodings } = require('./server/src/core/tokens');
      createNodeAnalyzer().then((a) => {
        const out = [loadedEncodings().join(',')];
        a.analyze({ text: 'import os\\nprint(os.getcwd())\\n', language: 'python' });
        out.push(loadedEncodings().join(','));
        a.analyze({ text: 'from openai import OpenAI\\nOpenAI().responses.create(model="gpt-5.5", input="hi")\\n', language: 'python' });
        out.push(loadedEncodings().join(','));
        console.log(JSON.stringify(out));
      });`;
    const p = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: join(__dirname, '..'), encoding: 'utf8' });
    assert.equal(p.status, 0, p.stderr);
    assert.deepEqual(JSON.parse(p.stdout.trim().split('\n').at(-1)!), ['', '', 'o200k_base']);
  });
});
