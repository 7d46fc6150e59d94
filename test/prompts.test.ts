// test:fast (npm run test:fast: in-process, no CLI or server process)
// Prompt resolution: the text a request sends, followed through the string operations prompts
// are built with, with dynamic parts named. Each case states the exact text expected.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Language } from '../server/src/core/types';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkspaceImportHost } from '../server/src/host/importhost';
import { analyzer, analyzeText, MODEL_RULES_OFF, pngHeader, TODAY } from './helpers';

interface Case {
  name: string;
  language: Language;
  code: string;
  /** The prompt's static text, parts joined with `|`. */
  text: string;
  unknown?: string[];
}

const py = (pre: string, prompt: string) =>
  `import textwrap\nfrom inspect import cleandoc\nfrom openai import OpenAI\nclient = OpenAI()\n${pre}\nclient.responses.create(model="gpt-5.5", input=${prompt}, max_output_tokens=10)\n`;
const ts = (pre: string, prompt: string) =>
  `import OpenAI from 'openai';\nimport dedent from 'dedent';\nconst client = new OpenAI();\n${pre}\nclient.responses.create({ model: 'gpt-5.5', input: ${prompt}, max_output_tokens: 10 });\n`;

const CASES: Case[] = [
  {
    name: 'python str.format with keywords',
    language: 'python',
    code: py('TEMPLATE = "Summarize {doc} in {n} words."', 'TEMPLATE.format(doc=text, n=50)'),
    text: 'Summarize  in 50 words.',
    unknown: ['text'],
  },
  {
    name: 'python str.format positional and auto-numbered, escaped braces kept literal',
    language: 'python',
    code: py('', '"{} says {{hi}} to {1}".format("Ada", who)'),
    text: 'Ada says {hi} to ',
    unknown: ['who'],
  },
  {
    name: 'python str.format with a field nobody passes: a hole named after it',
    language: 'python',
    code: py('T = "Answer: {question}"', 'T.format(**kwargs)'),
    text: 'Answer: ',
    unknown: ['question'],
  },
  { name: 'python % formatting, tuple and dict', language: 'python', code: py('', '"%s has %d items (%%)" % ("cart", 3)'), text: 'cart has 3 items (%)' },
  {
    name: 'python % with named fields',
    language: 'python',
    code: py('', '"Dear %(name)s, %(msg)s" % {"name": "Ada", "msg": body}'),
    text: 'Dear Ada, ',
    unknown: ['body'],
  },
  {
    name: 'python "".join of a literal list with a dynamic item',
    language: 'python',
    code: py('RULES = ["Be brief.", "Cite sources."]', '"\\n".join(RULES + [extra])'),
    text: 'Be brief.\nCite sources.\n',
    unknown: ['extra'],
  },
  {
    name: 'python textwrap.dedent and strip',
    language: 'python',
    code: py('P = textwrap.dedent("""\n    You are a reviewer.\n      Be kind.\n    """).strip()', 'P'),
    text: 'You are a reviewer.\n  Be kind.',
  },
  {
    name: 'python inspect.cleandoc',
    language: 'python',
    code: py('P = cleandoc("""First line.\n        Second line.\n    """)', 'P'),
    text: 'First line.\nSecond line.',
  },
  {
    name: 'python dedent imported under another name is still textwrap.dedent',
    language: 'python',
    code: py('from textwrap import dedent as dd\nP = dd("""\n    Be brief.\n    Cite sources.\n""")', 'P'),
    text: '\nBe brief.\nCite sources.\n',
  },
  {
    name: 'python: a local function named dedent is not textwrap.dedent',
    language: 'python',
    code: py('def dedent(s):\n    return "Local: " + s\nP = dedent("  Be brief.")', 'P'),
    text: 'Local:   Be brief.',
  },
  {
    name: 'ts trim and join',
    language: 'typescript',
    code: ts("const rules = ['Be brief.', 'Cite sources.'];", "`Rules:\\n${rules.join('\\n')}`.trim()"),
    text: 'Rules:\nBe brief.\nCite sources.',
  },
  {
    name: 'ts dedent tag keeps interpolations as holes',
    language: 'typescript',
    code: ts('', 'dedent`\n    You are a support agent.\n    Customer: ${message}\n  `'),
    text: 'You are a support agent.\nCustomer: ',
    unknown: ['message'],
  },
  {
    name: 'ts dedent from another package is not applied',
    language: 'typescript',
    code: ts('const dd = (s: TemplateStringsArray) => s.join("");', 'dd`  a`'),
    text: '',
    unknown: ['dd`  a`'],
  },
];

describe('prompt resolution', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const r = await analyzeText(c.code, c.language);
      assert.deepEqual(r.errors, []);
      assert.equal(r.callSites.length, 1);
      const p = r.callSites[0].prompt;
      assert.equal(p.parts.map((x) => x.text).join('|'), c.text);
      assert.deepEqual(
        p.unknown.map((u) => u.name),
        c.unknown ?? [],
      );
    });
  }
});

describe('prompt files read at run time', () => {
  // Built per test run: a workspace with prompt files, one file outside it, and a symlink leaving it.
  const SYSTEM = 'You are a meticulous code reviewer. Point out bugs first, style last.';
  let root = '';
  let outside = '';

  const analyze = async (rel: string, code: string, language: Language) => {
    const a = await analyzer();
    return a.analyze({ text: code, language, path: join(root, rel), host: new WorkspaceImportHost(root) }, { today: TODAY, ruleSeverity: MODEL_RULES_OFF() });
  };
  const promptOf = (r: Awaited<ReturnType<typeof analyze>>) => ({
    text: r.callSites[0].prompt.parts.map((p) => p.text).join('|'),
    unknown: r.callSites[0].prompt.unknown.map((u) => u.name),
  });

  before(() => {
    root = mkdtempSync(join(tmpdir(), 'costlint-prompts-'));
    outside = mkdtempSync(join(tmpdir(), 'costlint-outside-'));
    mkdirSync(join(root, 'app', 'prompts'), { recursive: true });
    writeFileSync(join(root, 'app', 'prompts', 'system.md'), SYSTEM);
    writeFileSync(join(root, 'prompts.txt'), SYSTEM);
    writeFileSync(join(outside, 'secret.md'), 'SECRET');
    symlinkSync(join(outside, 'secret.md'), join(root, 'app', 'prompts', 'leak.md'));
    writeFileSync(
      join(root, 'app', 'prompts', 'support.prompty'),
      '---\nmodel:\n  api: chat\n  configuration:\n    type: openai\n    name: gpt-4o-mini\n---\nsystem:\nYou support {{product}}.\nuser:\n{{question}}\n',
    );
    // Genkit's default prompt folder, as in its docs: a model-less file and a variant with its own model.
    mkdirSync(join(root, 'prompts'), { recursive: true });
    writeFileSync(
      join(root, 'prompts', 'greeting.prompt'),
      '---\ninput:\n  schema:\n    name: string\n---\n{{role "system"}}\nYou greet guests of the Grand Hotel warmly.\n{{role "user"}}\nGreet {{name}}.\n',
    );
    writeFileSync(
      join(root, 'prompts', 'greeting.short.prompt'),
      '---\nmodel: googleai/gemini-2.5-flash\nconfig:\n  maxOutputTokens: 60\n---\nSay hi to {{name}} in five words.\n',
    );
    // Front matter is optional in Dotprompt: a body alone, the model from the code.
    writeFileSync(join(root, 'prompts', 'chat.prompt'), '{{role "system"}}\nThis is the system prompt.\n{{role "user"}}\nThis is a user message.\n');
  });

  it("ruby, php, go, java, c#: prompts read with the language's own file API, from the file's folder or the root; a link out of the workspace is not read", async () => {
    const cases: [Language, string, string][] = [
      [
        'ruby',
        'app/bot.rb',
        'require "openai"\nclient = OpenAI::Client.new\nSYSTEM = File.read(File.join(__dir__, "prompts", "system.md"))\nclient.chat.completions.create(model: "gpt-4o", messages: [{role: "system", content: SYSTEM}, {role: "user", content: File.read(File.expand_path("prompts/leak.md", __dir__))}], max_tokens: 10)\n',
      ],
      [
        'php',
        'app/bot.php',
        "<?php\n$client = OpenAI::client(getenv('OPENAI_API_KEY'));\n$system = file_get_contents(__DIR__ . '/prompts/system.md');\n$client->chat()->create(['model' => 'gpt-4o', 'messages' => [['role' => 'system', 'content' => $system], ['role' => 'user', 'content' => file_get_contents(base_path('prompts.txt'))]], 'max_tokens' => 5]);\n",
      ],
      [
        'go',
        'app/bot.go',
        'package main\n\nimport (\n\t"context"\n\t"os"\n\t"path/filepath"\n\n\t"github.com/openai/openai-go"\n)\n\nfunc run(ctx context.Context) {\n\tclient := openai.NewClient()\n\tdata, _ := os.ReadFile(filepath.Join("app", "prompts", "system.md"))\n\tclient.Chat.Completions.New(ctx, openai.ChatCompletionNewParams{Model: openai.ChatModelGPT4o, MaxTokens: openai.Int(5), Messages: []openai.ChatCompletionMessageParamUnion{openai.SystemMessage(string(data))}})\n}\n',
      ],
      [
        'java',
        'app/Bot.java',
        'import com.openai.client.OpenAIClient;\nimport com.openai.client.okhttp.OpenAIOkHttpClient;\nimport com.openai.models.chat.completions.ChatCompletionCreateParams;\nimport java.nio.file.Files;\nimport java.nio.file.Path;\n\nclass Bot {\n    void run() throws Exception {\n        OpenAIClient client = OpenAIOkHttpClient.fromEnv();\n        String system = Files.readString(Path.of("app", "prompts", "system.md"));\n        client.chat().completions().create(ChatCompletionCreateParams.builder().model("gpt-4o").maxCompletionTokens(5).addSystemMessage(system).build());\n    }\n}\n',
      ],
      [
        'csharp',
        'app/Bot.cs',
        'using OpenAI.Chat;\n\nChatClient client = new(model: "gpt-4o", apiKey: "k");\nvar system = File.ReadAllText(Path.Combine("app", "prompts", "system.md"));\nclient.CompleteChat([new SystemChatMessage(system), new UserChatMessage(File.ReadAllText("prompts.txt"))], new ChatCompletionOptions { MaxOutputTokenCount = 5 });\n',
      ],
    ];
    const got = [];
    for (const [language, rel, code] of cases) {
      const r = await analyze(rel, code, language);
      assert.deepEqual(r.errors, []);
      got.push([language, promptOf(r), r.dependencies?.map((d) => d.slice(root.length + 1))]);
    }
    assert.deepEqual(got, [
      ['ruby', { text: SYSTEM, unknown: ['contents of prompts/leak.md (prompts/leak.md links outside the workspace: not read)'] }, ['app/prompts/system.md']],
      ['php', { text: `${SYSTEM}|${SYSTEM}`, unknown: [] }, ['app/prompts/system.md', 'prompts.txt']],
      ['go', { text: SYSTEM, unknown: [] }, ['app/prompts/system.md']],
      ['java', { text: SYSTEM, unknown: [] }, ['app/prompts/system.md']],
      ['csharp', { text: `${SYSTEM}|${SYSTEM}`, unknown: [] }, ['app/prompts/system.md', 'prompts.txt']],
    ]);
    // A helper reading the file its parameter names: read at a call with a path known statically; named after the argument otherwise.
    const helper =
      'require "openai"\nclient = OpenAI::Client.new\n\ndef load_prompt(name)\n  File.read(name)\nend\n\nclient.chat.completions.create(model: "gpt-4o", messages: [{role: "system", content: load_prompt("app/prompts/system.md")}, {role: "user", content: load_prompt(ARGV[0])}], max_tokens: 10)\n';
    const h = await analyze('app/helper.rb', helper, 'ruby');
    assert.deepEqual(promptOf(h), { text: SYSTEM, unknown: ['contents of ARGV[0] (its path is not known statically)'] });
    // A default path is read where the call leaves the argument out, and only there (Ruby without parentheses, PHP).
    const byDefault =
      'require "openai"\nclient = OpenAI::Client.new\n\ndef load_default(name = "app/prompts/system.md")\n  File.read(name)\nend\n\nclient.chat.completions.create(model: "gpt-4o", messages: [{role: "system", content: load_default}, {role: "user", content: load_default("app/prompts/none.md")}], max_tokens: 10)\n';
    assert.deepEqual(promptOf(await analyze('app/default.rb', byDefault, 'ruby')), {
      text: SYSTEM,
      unknown: ['contents of app/prompts/none.md (app/prompts/none.md was not found in the workspace)'],
    });
    const php =
      "<?php\n$client = OpenAI::client(getenv('OPENAI_API_KEY'));\nfunction loadp($n = 'app/prompts/system.md') { return file_get_contents($n); }\n$client->chat()->create(['model' => 'gpt-4o', 'messages' => [['role' => 'system', 'content' => loadp()]], 'max_tokens' => 5]);\n";
    assert.deepEqual(promptOf(await analyze('app/default.php', php, 'php')), { text: SYSTEM, unknown: [] });
    // Without a workspace (an untitled document), the prompt is a hole that says why.
    const a = await analyzer();
    const bare = a.analyze({ text: cases[0][2], language: 'ruby' }, { today: TODAY });
    assert.match(bare.callSites[0].prompt.unknown[0].name, /read only when analyzing inside a workspace/);
  });

  it('python: prompty.load(path) then prompty.execute(p, inputs=...) prices the same file', async () => {
    const r = await analyze(
      'app/main.py',
      `import prompty\np = prompty.load("app/prompts/support.prompty")\nanswer = prompty.execute(p, inputs={"product": "Acme", "question": "Where is my order?"})\n`,
      'python',
    );
    assert.deepEqual(
      r.callSites.map((c) => [c.model.value, c.prompt.parts.map((p) => p.text)]),
      [['gpt-4o-mini', ['You support Acme.', 'Where is my order?']]],
    );
  });

  it('ts: Genkit `ai.prompt(name)` runs prompts/<name>.prompt: input fills it, the default model applies, the caller config wins', async () => {
    const code = `import { genkit } from 'genkit';
import { googleAI } from '@genkit-ai/google-genai';

const ai = genkit({ plugins: [googleAI()], model: 'googleai/gemini-2.5-pro' });
const greeting = ai.prompt('greeting');
const short = ai.prompt('greeting', { variant: 'short' });

export async function greet(guests: string[]) {
  for (const g of guests) {
    await greeting({ name: 'Ada' }, { config: { maxOutputTokens: 100 } });
  }
  const { stream } = short.stream({ name: g0() });
  return stream;
}
declare function g0(): string;
`;
    const r = await analyze('src/index.ts', code, 'typescript');
    assert.deepEqual(r.errors, []);
    const [first, second] = r.callSites;
    assert.equal(r.callSites.length, 2);
    assert.equal(first.sdk, 'dotprompt');
    assert.equal(first.model.value, 'googleai/gemini-2.5-pro');
    assert.deepEqual(
      first.prompt.parts.map((p) => p.text),
      ['You greet guests of the Grand Hotel warmly.', 'Greet Ada.'],
    );
    assert.deepEqual(first.outputCap, { param: 'config.maxOutputTokens', value: 100, expression: '100' });
    assert.ok(first.inLoop);
    assert.ok(first.estimate.assumptions.includes("the file names no model: the instance's default model is used"));
    assert.equal(second.model.value, 'googleai/gemini-2.5-flash');
    assert.equal(second.outputCap?.value, 60);
    assert.deepEqual(
      second.prompt.unknown.map((u) => u.name),
      ['name'],
    );
    assert.ok(second.estimate.assumptions.some((a) => a.includes('priced from prompts/greeting.short.prompt')));
    assert.deepEqual(
      r.findings.map((f) => f.rule),
      ['call-in-loop'],
      'no cap finding: fixes belong in the prompt file; the loop is said',
    );
  });

  it('ts and python: inline runs (`ai.prompt(name)(input)`, `.stream(...)`) and a prompt file without front matter', async () => {
    const ts = `import { genkit } from 'genkit';\nconst ai = genkit({ model: 'googleai/gemini-2.5-flash' });\nexport const go = async () => (await ai.prompt('chat')({})).text;\n`;
    const t = (await analyze('src/inline.ts', ts, 'typescript')).callSites;
    assert.deepEqual(
      t.map((c) => [c.model.value, c.prompt.parts.map((p) => p.text)]),
      [['googleai/gemini-2.5-flash', ['This is the system prompt.', 'This is a user message.']]],
    );
    const py = `from genkit.ai import Genkit\nai = Genkit(model="googleai/gemini-2.5-flash")\n\n\nasync def go(n):\n    r = await ai.prompt("greeting", variant="short")(input={"name": n})\n    s = ai.prompt("chat").stream(input={})\n    return r, s\n`;
    const p = (await analyze('app/inline.py', py, 'python')).callSites;
    assert.deepEqual(
      p.map((c) => [c.model.value, c.outputCap?.value ?? null, c.prompt.unknown.map((u) => u.name)]),
      [
        ['googleai/gemini-2.5-flash', 60, ['name']],
        ['googleai/gemini-2.5-flash', null, []],
      ],
    );
  });

  it('ts: the Genkit instance imported from another module (`import { ai } from "../genkit"`), as larger apps write it', async () => {
    mkdirSync(join(root, 'src'), { recursive: true });
    writeFileSync(join(root, 'src', 'genkit.ts'), `import { genkit } from 'genkit';\nexport const ai = genkit({ model: 'googleai/gemini-2.5-flash' });\n`);
    const code = `import { ai } from './genkit';\nexport const hello = async (name: string) => (await ai.prompt('greeting')({ name })).text;\n`;
    const r = await analyze('src/flow.ts', code, 'typescript');
    assert.deepEqual(
      r.callSites.map((c) => [c.model.value, c.prompt.unknown.map((u) => u.name)]),
      [['googleai/gemini-2.5-flash', ['name']]],
    );
    assert.ok(r.dependencies?.some((d) => d.endsWith('genkit.ts')) && r.dependencies?.some((d) => d.endsWith('greeting.prompt')));
  });

  it('python: the Genkit instance imported from another module', async () => {
    mkdirSync(join(root, 'app'), { recursive: true });
    writeFileSync(join(root, 'app', '__init__.py'), '');
    writeFileSync(join(root, 'app', 'genkit_setup.py'), 'from genkit.ai import Genkit\n\nai = Genkit(model="googleai/gemini-2.5-flash")\n');
    const code = `from app.genkit_setup import ai\n\n\nasync def hello(name):\n    return await ai.prompt("greeting")(input={"name": name})\n`;
    const r = await analyze('app/flows.py', code, 'python');
    assert.deepEqual(
      r.callSites.map((c) => [c.model.value, c.prompt.unknown.map((u) => u.name)]),
      [['googleai/gemini-2.5-flash', ['name']]],
    );
  });

  it('ts: a `.prompt(...)` that is not Genkit is no call site; a Genkit prompt whose file is missing is one, unknown, saying why', async () => {
    const code = `import { genkit } from 'genkit';\nconst ai = genkit({});\nconst missing = ai.prompt('nope');\nconst other = { prompt: (n: string) => (x: unknown) => x };\nconst fake = other.prompt('greeting');\nexport const go = async () => { await missing({}); await fake({ name: 'Ada' }); };\n`;
    const r = await analyze('src/other.ts', code, 'typescript');
    assert.equal(r.callSites.length, 1);
    const c = r.callSites[0];
    assert.equal(c.estimate.costUsd, null);
    const why = 'prompts/nope.prompt was not found in the workspace; a prompt defined in code (`ai.definePrompt({ name })`) is not followed';
    assert.deepEqual(
      c.prompt.unknown.map((u) => u.name),
      [`prompts/nope.prompt (${why})`],
    );
    assert.ok(c.estimate.assumptions.includes(`the prompt file prompts/nope.prompt was not read (${why}): its model, cap and messages are unknown`));
    assert.deepEqual(r.findings, []);
  });

  it('python: prompty.execute prices the file, its variables filled from inputs; the missing cap is reported in the file, not here', async () => {
    const r = await analyze(
      'app/main.py',
      `import prompty\nanswer = prompty.execute("app/prompts/support.prompty", inputs={"product": "Acme", "question": q})\n`,
      'python',
    );
    assert.deepEqual(r.errors, []);
    const c = r.callSites[0];
    assert.equal(c.model.value, 'gpt-4o-mini');
    assert.deepEqual(
      c.prompt.parts.map((p) => p.text),
      ['You support Acme.'],
    );
    assert.deepEqual(
      c.prompt.unknown.map((u) => u.name),
      ['question'],
    );
    assert.deepEqual(r.findings, []);
    assert.ok(c.estimate.assumptions.some((a) => /priced from app\/prompts\/support\.prompty/.test(a)));
  });

  const PY = (expr: string, pre = '') =>
    `import os\nfrom pathlib import Path\nfrom openai import OpenAI\nclient = OpenAI()\n${pre}\nclient.responses.create(model="gpt-5.5", instructions=${expr}, input="hi", max_output_tokens=5)\n`;
  for (const [name, pre, expr] of [
    ['open(...).read() relative to the workspace root', '', 'open("app/prompts/system.md", encoding="utf-8").read()'],
    ['with open(...) as f: f.read()', 'with open("prompts.txt") as f:\n    SYSTEM = f.read()', 'SYSTEM'],
    ['Path(__file__).parent / "prompts" / "system.md"', '', '(Path(__file__).parent / "prompts" / "system.md").read_text()'],
    ['os.path.join(os.path.dirname(__file__), ...)', 'P = os.path.join(os.path.dirname(__file__), "prompts", "system.md")', 'open(P).read()'],
    ['os.path.dirname(__file__) + "/prompts/system.md"', '', 'open(os.path.dirname(__file__) + "/prompts/system.md").read()'],
    ['Path(...).joinpath(...).resolve()', '', 'Path(__file__).parent.joinpath("prompts", "system.md").resolve().read_text()'],
    [
      'a helper reading the file its parameter names, called with a path',
      'def load(name):\n    return Path(name).read_text()',
      'load("app/prompts/system.md")',
    ],
    ['the same helper trimming what it read', 'def load(name):\n    return Path(name).read_text().strip()', 'load("app/prompts/system.md")'],
  ] as const) {
    it(`python: ${name}`, async () => {
      const r = await analyze('app/main.py', PY(expr, pre), 'python');
      assert.deepEqual(r.errors, []);
      assert.equal(promptOf(r).text, `${SYSTEM}|hi`);
      assert.ok(
        r.dependencies?.some((d) => d.endsWith('system.md') || d.endsWith('prompts.txt')),
        'the prompt file is a dependency of the analysis',
      );
    });
  }

  const TS = (pre: string, expr: string) =>
    `import OpenAI from 'openai';\nimport fs from 'node:fs';\nimport path from 'node:path';\nimport { readFile } from 'node:fs/promises';\n${pre}\nconst client = new OpenAI();\nexport async function f() {\n  return client.responses.create({ model: 'gpt-5.5', instructions: ${expr}, input: 'hi', max_output_tokens: 5 });\n}\n`;
  for (const [name, pre, expr] of [
    ["fs.readFileSync(path.join(__dirname, 'prompts', 'system.md'), 'utf8')", '', "fs.readFileSync(path.join(__dirname, 'prompts', 'system.md'), 'utf8')"],
    ["await readFile(new URL('./prompts/system.md', import.meta.url), 'utf8')", '', "await readFile(new URL('./prompts/system.md', import.meta.url), 'utf8')"],
    ['readFileSync(p).toString() with a const path', "const SYSTEM_PATH = 'app/prompts/system.md';", 'fs.readFileSync(SYSTEM_PATH).toString()'],
    ["import system from './prompts/system.md?raw'", "import system from './prompts/system.md?raw';", 'system'],
    ["fs.readFileSync(__dirname + '/prompts/system.md', 'utf8')", '', "fs.readFileSync(__dirname + '/prompts/system.md', 'utf8')"],
    [
      'a helper reading the file its parameter names, called with a path',
      "const load = (p: string) => fs.readFileSync(p, 'utf8');",
      "load('app/prompts/system.md')",
    ],
  ] as const) {
    it(`ts: ${name}`, async () => {
      const r = await analyze('app/main.ts', TS(pre, expr), 'typescript');
      assert.deepEqual(r.errors, []);
      assert.equal(promptOf(r).text, `${SYSTEM}|hi`);
    });
  }

  it('python and ts: a name made by adding to the file\'s own (`__file__ + ".md"`) is not known; never the folder\'s file', async () => {
    writeFileSync(join(root, 'app', '.md'), 'DECOY');
    try {
      for (const [rel, code, language] of [
        ['app/main.py', PY('open(__file__ + ".md").read()'), 'python'],
        ['app/main.ts', TS('', "fs.readFileSync(__filename + '.md', 'utf8')"), 'typescript'],
      ] as const) {
        const r = await analyze(rel, code, language);
        assert.equal(promptOf(r).unknown.length, 1, rel);
        assert.doesNotMatch(JSON.stringify(r.callSites[0].prompt), /DECOY/);
      }
    } finally {
      rmSync(join(root, 'app', '.md'));
    }
  });

  for (const [name, expr, why] of [
    ['a path leaving the workspace', 'open("../../outside/secret.md").read()', /outside the workspace/],
    ['an absolute path elsewhere', 'open("/etc/hostname").read()', /outside the workspace/],
    ['a symlink leading out of the workspace', '(Path(__file__).parent / "prompts" / "leak.md").read_text()', /links outside the workspace/],
    ['a missing file', 'open("app/prompts/missing.md").read()', /not found/],
  ] as const) {
    it(`refused: ${name}: never read, the prompt part is unknown and says why`, async () => {
      const r = await analyze('app/main.py', PY(expr), 'python');
      const p = promptOf(r);
      assert.equal(p.text, 'hi');
      assert.equal(p.unknown.length, 1);
      assert.match(p.unknown[0], why);
      assert.doesNotMatch(JSON.stringify(r), /SECRET/);
    });
  }

  it('without a workspace host (a single file): unknown, and said', async () => {
    const r = await analyzeText(PY('open("app/prompts/system.md").read()'), 'python');
    assert.match(r.callSites[0].prompt.unknown[0].name, /only when analyzing inside a workspace/);
  });

  after(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });
});

describe('prompt parts', () => {
  it('each part has its tokens; parts up to an Anthropic cache breakpoint are marked cached', async () => {
    const code = `from anthropic import Anthropic
client = Anthropic()
client.messages.create(
    model="claude-sonnet-4-5",
    max_tokens=100,
    system=[
        {"type": "text", "text": "You answer questions about the attached contract."},
        {"type": "text", "text": "CONTRACT TEXT " * 700, "cache_control": {"type": "ephemeral"}},
    ],
    messages=[{"role": "user", "content": "What is the notice period?"}],
)
`;
    const r = await analyzeText(code, 'python');
    const parts = r.callSites[0].prompt.parts;
    assert.deepEqual(
      parts.map((p) => [p.where, p.cached === true]),
      [
        ['system[0].text', true],
        ['system[1].text', true],
        ['messages[0].content', false],
      ],
    );
    assert.ok(parts.every((p) => typeof p.tokens === 'number' && p.tokens > 0));
    assert.equal(
      parts.reduce((n, p) => n + (p.tokens ?? 0), 0),
      r.callSites[0].estimate.inputTokens.static,
      'parts add up to the input',
    );
    // Sonnet 4.5: $3 input, 5-minute cache write $3.75, cache read $0.30 per 1M; $15 output.
    const e = r.callSites[0].estimate;
    const cached = parts[0].tokens! + parts[1].tokens!;
    const rest = parts[2].tokens!;
    assert.deepEqual(e.cache?.tokens, cached);
    const usd = (n: number) => Math.round(n * 1e8) / 1e8;
    assert.deepEqual(e.cache?.firstCallUsd, { min: usd((rest * 3 + cached * 3.75) / 1e6), max: usd((rest * 3 + cached * 3.75) / 1e6 + (100 * 15) / 1e6) });
    assert.deepEqual(e.cache?.repeatCallUsd, { min: usd((rest * 3 + cached * 0.3) / 1e6), max: usd((rest * 3 + cached * 0.3) / 1e6 + (100 * 15) / 1e6) });
    assert.ok(e.assumptions.some((a) => /before a cache breakpoint \(5m\)/.test(a)));
  });

  it("a breakpoint on a prefix below the model's minimum caches nothing: no cache price, and said", async () => {
    const code = `from anthropic import Anthropic\nclient = Anthropic()\nclient.messages.create(model="claude-sonnet-4-5", max_tokens=100, system=[{"type": "text", "text": "Be brief.", "cache_control": {"type": "ephemeral"}}], messages=[{"role": "user", "content": "Hi"}])\n`;
    const r = await analyzeText(code, 'python');
    const e = r.callSites[0].estimate;
    assert.equal(e.cache, undefined, 'no first-call / repeat prices for a cache that never forms');
    assert.ok(
      e.assumptions.some((a) => /below claude-sonnet-4-5-\d+'s minimum of 1,024: nothing is cached/.test(a)),
      e.assumptions.join('\n'),
    );
    assert.deepEqual(
      r.findings.map((f) => f.rule),
      ['cache-below-minimum'],
    );
  });
});

describe('tools', () => {
  const TOOL =
    '{"name": "get_weather", "description": "Get the current weather in a given location", "input_schema": {"type": "object", "properties": {"location": {"type": "string"}}, "required": ["location"]}}';
  it("Anthropic: each tool's JSON is input, plus the model's tool-use system prompt (496 tokens for Sonnet 4.5, auto)", async () => {
    const base = `from anthropic import Anthropic\nclient = Anthropic()\n`;
    const without = await analyzeText(
      `${base}client.messages.create(model="claude-sonnet-4-5", max_tokens=100, messages=[{"role": "user", "content": "Weather in Paris?"}])\n`,
      'python',
    );
    const withTools = await analyzeText(
      `${base}client.messages.create(model="claude-sonnet-4-5", max_tokens=100, tools=[${TOOL}], messages=[{"role": "user", "content": "Weather in Paris?"}])\n`,
      'python',
    );
    const forced = await analyzeText(
      `${base}client.messages.create(model="claude-sonnet-4-5", max_tokens=100, tools=[${TOOL}], tool_choice={"type": "any"}, messages=[{"role": "user", "content": "Weather in Paris?"}])\n`,
      'python',
    );
    const c = withTools.callSites[0];
    const tool = c.prompt.parts.find((p) => p.where === 'tools[0]')!;
    assert.ok(tool.tokens! > 20, 'the schema is counted');
    assert.equal(c.prompt.overheadTokens, 496);
    assert.equal(c.estimate.inputTokens.static, without.callSites[0].estimate.inputTokens.static + tool.tokens! + 496);
    assert.equal(forced.callSites[0].prompt.overheadTokens, 588, 'tool_choice any/tool adds the larger prompt');
    assert.ok(c.estimate.assumptions.some((a) => /tool-use system prompt.*496 tokens/.test(a)));
  });

  it('OpenAI: function tools counted as their JSON, said to be an estimate; a tools list built at run time is an unknown part', async () => {
    const r = await analyzeText(
      `from openai import OpenAI\nOpenAI().chat.completions.create(model="gpt-4o", max_tokens=5, tools=[{"type": "function", "function": {"name": "f", "parameters": {"type": "object", "properties": {}}}}], messages=[])\nOpenAI().chat.completions.create(model="gpt-4o", max_tokens=5, tools=registry.schemas(), messages=[])\n`,
      'python',
    );
    assert.ok(r.callSites[0].prompt.parts.some((p) => p.where === 'tools[0]' && p.text.includes('"name":"f"')));
    assert.ok(r.callSites[0].estimate.assumptions.some((a) => /tool definitions counted as their JSON/.test(a)));
    assert.deepEqual(
      r.callSites[1].prompt.unknown.map((u) => u.name),
      ['registry.schemas()'],
    );
  });
});

describe('LangChain prompt templates', () => {
  const head = `from langchain_core.prompts import ChatPromptTemplate, MessagesPlaceholder, PromptTemplate\nfrom langchain_core.output_parsers import StrOutputParser\nfrom langchain_openai import ChatOpenAI\nllm = ChatOpenAI(model="gpt-4o-mini", max_tokens=100)\n`;
  it('a chain counts its template, with variables filled from the invocation', async () => {
    const r = await analyzeText(
      `${head}prompt = ChatPromptTemplate.from_messages([("system", "You are a world class technical writer."), ("user", "{input}")])\nchain = prompt | llm | StrOutputParser()\nchain.invoke({"input": "how can langsmith help with testing?"})\n`,
      'python',
    );
    const p = r.callSites[0].prompt;
    assert.deepEqual(
      p.parts.map((x) => x.text),
      ['You are a world class technical writer.', 'how can langsmith help with testing?'],
    );
    assert.deepEqual(p.unknown, []);
  });

  it('variables the invocation does not give statically stay holes named after them; placeholders too', async () => {
    const r = await analyzeText(
      `${head}prompt = ChatPromptTemplate.from_messages([("system", "Answer about {topic}. Use {{braces}}."), MessagesPlaceholder("history"), ("human", "{question}")])\n(prompt | llm).invoke({"topic": "billing", "question": q, "history": past})\n`,
      'python',
    );
    const p = r.callSites[0].prompt;
    assert.deepEqual(
      p.parts.map((x) => x.text),
      ['Answer about billing. Use {braces}.'],
    );
    assert.deepEqual(
      p.unknown.map((u) => u.name),
      ['history', 'question'],
    );
  });

  it('PromptTemplate.from_template and a retriever-style head (`{...} | prompt | llm`)', async () => {
    const r = await analyzeText(
      `${head}prompt = PromptTemplate.from_template("Context: {context}\\nQuestion: {question}\\nAnswer:")\nchain = {"context": retriever, "question": passthrough} | prompt | llm\nchain.invoke("What is RAG?")\n`,
      'python',
    );
    const p = r.callSites[0].prompt;
    assert.deepEqual(
      p.parts.map((x) => x.text),
      ['Context: \nQuestion: \nAnswer:'],
    );
    assert.deepEqual(
      p.unknown.map((u) => u.name),
      ['context', 'question'],
    );
  });
});

describe('LangChain.js prompt templates', () => {
  it('prompt.pipe(model) and RunnableSequence.from([prompt, model]) count the template', async () => {
    const r = await analyzeText(
      `import { ChatPromptTemplate, MessagesPlaceholder } from '@langchain/core/prompts';\nimport { RunnableSequence } from '@langchain/core/runnables';\nimport { ChatOpenAI } from '@langchain/openai';\nconst model = new ChatOpenAI({ model: 'gpt-4o-mini', maxTokens: 100 });\nconst prompt = ChatPromptTemplate.fromMessages([['system', 'You translate to {language}.'], new MessagesPlaceholder('history'), ['human', '{text}']]);\nexport const a = (text: string) => prompt.pipe(model).invoke({ language: 'French', text });\nexport const b = () => RunnableSequence.from([prompt, model]).invoke({ language: 'German', text: 'Good morning', history: [] });\n`,
      'typescript',
    );
    const [a, b] = r.callSites;
    assert.deepEqual(
      a.prompt.parts.map((x) => x.text),
      ['You translate to French.'],
    );
    assert.deepEqual(
      a.prompt.unknown.map((u) => u.name),
      ['history', 'text'],
    );
    assert.deepEqual(
      b.prompt.parts.map((x) => x.text),
      ['You translate to German.', 'Good morning'],
    );
  });
});

describe('prompt constants', () => {
  it('a constant sent by several calls: one entry at its declaration, with the token counts of each tokenizer', async () => {
    const code = `import anthropic
from openai import OpenAI

SUPPORT_PROMPT = """You are Acme's support agent. Answer from the policy below and cite the clause.
Refunds: within 30 days with a receipt."""
TONE = "Be brief."
claude = anthropic.Anthropic()
oai = OpenAI()


def with_claude(q):
    return claude.messages.create(model="claude-haiku-4-5", max_tokens=200, system=SUPPORT_PROMPT, messages=[{"role": "user", "content": q}])


def with_gpt(q):
    return oai.chat.completions.create(model="gpt-4o", max_tokens=200, messages=[{"role": "system", "content": SUPPORT_PROMPT}, {"role": "user", "content": f"{TONE} {q}"}])
`;
    const r = await analyzeText(code, 'python');
    const claude = r.callSites[0].prompt.parts.find((p) => p.where === 'system')!;
    const gpt = r.callSites[1].prompt.parts.find((p) => p.where === 'messages[0].content')!;
    assert.deepEqual(r.promptConstants, [
      {
        name: 'SUPPORT_PROMPT',
        span: claude.source!.span,
        range: { start: { line: 3, character: 0 }, end: { line: 3, character: 14 } },
        tokens: { min: gpt.tokens!, max: claude.tokens! },
        usedBy: [0, 1],
      },
    ]);
    assert.ok(claude.tokens! > gpt.tokens!, 'Claude counts are o200k x 1.2');
    // TONE is inside an f-string with the user's text: the part is not the constant, so no entry.
    assert.equal(r.callSites[1].prompt.parts[1].source, undefined);
  });

  it('TypeScript: a const used as the system message; a reassigned variable is not a constant', async () => {
    const code = `import OpenAI from 'openai';
const SYSTEM = 'You are terse.';
let draft = 'first';
draft = 'second';
const openai = new OpenAI();
export const f = () => openai.chat.completions.create({ model: 'gpt-4o', max_tokens: 5, messages: [{ role: 'system', content: SYSTEM }, { role: 'user', content: draft }] });
`;
    const r = await analyzeText(code, 'typescript');
    assert.deepEqual(
      r.promptConstants?.map((c) => [c.name, c.range.start.line, c.usedBy]),
      [['SYSTEM', 1, [0]]],
    );
  });
});

describe('images', () => {
  let root = '';
  const png = pngHeader;
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'costlint-images-'));
    mkdirSync(join(root, 'app'), { recursive: true });
    writeFileSync(join(root, 'app', 'square.png'), png(1024, 1024));
    writeFileSync(join(root, 'app', 'tall.png'), png(2048, 4096));
    writeFileSync(join(root, 'app', 'photo.png'), png(1000, 1000));
  });
  const analyze = async (code: string, language: Language) =>
    (await analyzer()).analyze(
      { text: code, language, path: join(root, 'app', language === 'python' ? 'main.py' : 'main.ts'), host: new WorkspaceImportHost(root) },
      { today: TODAY, ruleSeverity: MODEL_RULES_OFF() },
    );
  const openaiImage = (file: string, model: string, detail: string) => `import base64
from openai import OpenAI

client = OpenAI()
b64 = base64.b64encode(open("${file}", "rb").read()).decode("utf-8")
client.chat.completions.create(
    model="${model}",
    max_tokens=300,
    messages=[{"role": "user", "content": [
        {"type": "text", "text": "What is in this image?"},
        {"type": "image_url", "image_url": {"url": f"data:image/png;base64,{b64}", "detail": "${detail}"}},
    ]}],
)
`;

  // OpenAI's vision guide: "a 1024 x 1024 square image in detail: high mode costs 765 tokens",
  // "a 2048 x 4096 image in detail: high mode costs 1105 tokens", low detail 85 whatever the size.
  for (const [file, detail, expected] of [
    ['app/square.png', 'high', 765],
    ['app/tall.png', 'high', 1105],
    ['app/tall.png', 'low', 85],
  ] as const) {
    it(`OpenAI gpt-4o: ${file} at detail ${detail} is ${expected} tokens, as the vision guide computes`, async () => {
      const r = await analyze(openaiImage(file, 'gpt-4o', detail), 'python');
      const part = r.callSites[0].prompt.parts.find((p) => p.image)!;
      assert.equal(part.tokens, expected);
      assert.equal(part.image!.file, file);
      assert.deepEqual(r.callSites[0].prompt.unknown, []);
      assert.ok(r.callSites[0].estimate.assumptions.some((a) => a.includes(`${expected} tokens`)));
    });
  }

  it("Anthropic: a 1000 x 1000 image read with readFileSync(p, 'base64') is about 1,334 tokens (width x height / 750)", async () => {
    const code = `import Anthropic from '@anthropic-ai/sdk';
import fs from 'node:fs';
const client = new Anthropic();
const data = fs.readFileSync('app/photo.png', 'base64');
await client.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 200, messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'base64', media_type: 'image/png', data } }, { type: 'text', text: 'Describe it.' }] }] });
`;
    const r = await analyze(code, 'typescript');
    assert.equal(r.callSites[0].prompt.parts.find((p) => p.image)!.tokens, 1334);
  });

  it('Gemini 2.5: Part.from_bytes(data=Path(p).read_bytes()) in 768 px tiles of 258 tokens', async () => {
    const code = `from pathlib import Path
from google import genai
from google.genai import types

client = genai.Client()
client.models.generate_content(model="gemini-2.5-flash", contents=[types.Part.from_bytes(data=Path("app/square.png").read_bytes(), mime_type="image/png"), "Caption this."], config=types.GenerateContentConfig(max_output_tokens=100))
`;
    const r = await analyze(code, 'python');
    assert.equal(r.callSites[0].prompt.parts.find((p) => p.image)!.tokens, 4 * 258);
  });

  it("AI SDK: `{ type: 'image', image: fs.readFileSync(p) }` (bytes, no encoding) is the image at p", async () => {
    const code = `import { generateText } from 'ai';\nimport { openai } from '@ai-sdk/openai';\nimport fs from 'node:fs';\nexport const f = () => generateText({ model: openai('gpt-4o'), maxOutputTokens: 200, messages: [{ role: 'user', content: [{ type: 'text', text: 'Describe the image in detail.' }, { type: 'image', image: fs.readFileSync('./app/square.png') }] }] });\n`;
    const r = await analyze(code, 'typescript');
    assert.equal(r.callSites[0].prompt.parts.find((p) => p.image)?.tokens, 765);
  });

  it('an image of unknown size is an unknown part saying why; a binary read is never counted as text', async () => {
    const url = `from openai import OpenAI\nOpenAI().responses.create(model="gpt-4o", max_output_tokens=50, input=[{"role": "user", "content": [{"type": "input_image", "image_url": image_url}, {"type": "input_text", "text": "Hi"}]}])\n`;
    const u = (await analyze(url, 'python')).callSites[0].prompt;
    assert.deepEqual(
      u.unknown.map((x) => x.name),
      ['image (image size unknown (set `detail: "low"` for a fixed cost))'],
    );
    const missing = (await analyze(openaiImage('app/none.png', 'gpt-4o', 'high'), 'python')).callSites[0].prompt;
    assert.equal(
      missing.unknown[0].name,
      'image app/none.png (app/none.png was not found in the workspace; image size unknown (set `detail: "low"` for a fixed cost))',
    );
    const asText = `from openai import OpenAI\nOpenAI().responses.create(model="gpt-4o", max_output_tokens=5, instructions=open("app/square.png", "rb").read(), input="Hi")\n`;
    const t = (await analyze(asText, 'python')).callSites[0].prompt;
    assert.ok(!t.parts.some((p) => p.text.includes('PNG')), 'bytes are not prompt text');
  });
});

describe('OpenAI Batch API', () => {
  let root = '';
  // The shape of OpenAI's batch guide: one request per line.
  const line = (i: number, extra = '') =>
    JSON.stringify({
      custom_id: `request-${i}`,
      method: 'POST',
      url: '/v1/chat/completions',
      body: JSON.parse(
        `{"model": "gpt-4o-mini", "messages": [{"role": "system", "content": "You are a helpful assistant."}, {"role": "user", "content": "Hello world!"}]${extra}}`,
      ),
    });
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'costlint-batch-'));
    writeFileSync(
      join(root, 'batchinput.jsonl'),
      [line(1, ', "max_tokens": 1000'), line(2, ', "max_tokens": 1000'), line(3, ', "max_tokens": 1000')].join('\n') + '\n',
    );
    writeFileSync(join(root, 'uncapped.jsonl'), [line(1), line(2)].join('\n') + '\n');
  });
  const analyze = async (code: string, language: Language) =>
    (await analyzer()).analyze(
      { text: code, language, path: join(root, language === 'python' ? 'batch.py' : 'batch.ts'), host: new WorkspaceImportHost(root) },
      { today: TODAY, ruleSeverity: MODEL_RULES_OFF() },
    );

  it('python: batches.create prices the first request of the uploaded JSONL at batch rates, and says how many there are', async () => {
    const code = `from openai import OpenAI\nclient = OpenAI()\n\nbatch_input_file = client.files.create(file=open("batchinput.jsonl", "rb"), purpose="batch")\nbatch = client.batches.create(input_file_id=batch_input_file.id, endpoint="/v1/chat/completions", completion_window="24h")\n`;
    const r = await analyze(code, 'python');
    assert.equal(r.callSites.length, 1, 'the upload is not a call site');
    const c = r.callSites[0];
    assert.deepEqual([c.operation, c.api, c.model.value, c.outputCap?.value], ['batches.create', 'chat.completions', 'gpt-4o-mini', 1000]);
    assert.deepEqual(
      c.prompt.parts.map((p) => p.text),
      ['You are a helpful assistant.', 'Hello world!'],
    );
    const card = (await analyzer()).rateCards.find('gpt-4o-mini')!;
    assert.equal(c.estimate.pricing?.basis, 'batch');
    assert.equal(c.estimate.pricing?.input, card.batchInput);
    assert.ok(c.estimate.assumptions.includes('OpenAI Batch: the requests in batchinput.jsonl, at batch rates; the first one is priced'));
    assert.ok(c.estimate.assumptions.includes('estimate is per request; this batch sends 3 requests'));
    assert.deepEqual(r.findings, []);
  });

  it('ts: files.create({ file: fs.createReadStream(...) }); an uncapped body is reported without a fix at the call', async () => {
    const code = `import fs from 'node:fs';\nimport OpenAI from 'openai';\nconst openai = new OpenAI();\nconst file = await openai.files.create({ file: fs.createReadStream('uncapped.jsonl'), purpose: 'batch' });\nawait openai.batches.create({ input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h' });\n`;
    const r = await analyze(code, 'typescript');
    assert.equal(r.callSites.length, 1);
    assert.equal(r.callSites[0].model.value, 'gpt-4o-mini');
    assert.equal(r.findings.length, 1);
    assert.match(r.findings[0].message, /Add max_tokens to the request bodies of the batch file\.$/);
    assert.equal(r.findings[0].fix, null, 'the cap belongs in the JSONL file, not in batches.create');
  });

  it('a batch whose file is not readable is unknown and says why', async () => {
    const code = `from openai import OpenAI\nclient = OpenAI()\nclient.batches.create(input_file_id=file_id, endpoint="/v1/chat/completions", completion_window="24h")\n`;
    const c = (await analyze(code, 'python')).callSites[0];
    assert.equal(c.estimate.costUsd, null);
    assert.ok(
      c.estimate.assumptions.includes("the batch's requests are in `file_id`, a file uploaded elsewhere: cost unknown"),
      c.estimate.assumptions.join('\n'),
    );
  });
});

describe('prompt constants that are lists and templates', () => {
  it('a messages array and a LangChain chat template are constants too: their parts are summed per call', async () => {
    const code = `from langchain_core.prompts import ChatPromptTemplate
from langchain_openai import ChatOpenAI
from openai import OpenAI

FEW_SHOT = [
    {"role": "system", "content": "Translate English to French."},
    {"role": "user", "content": "cheese"},
    {"role": "assistant", "content": "fromage"},
]
TEMPLATE = ChatPromptTemplate.from_messages([("system", "You are a terse editor."), ("user", "Fix: {text}")])
client = OpenAI()
llm = ChatOpenAI(model="gpt-4o-mini", max_tokens=200)


def translate(word):
    return client.chat.completions.create(model="gpt-4o", max_tokens=20, messages=[*FEW_SHOT, {"role": "user", "content": word}])


def edit(text):
    return (TEMPLATE | llm).invoke({"text": text})
`;
    const r = await analyzeText(code, 'python');
    const few = r.callSites[0].prompt.parts.filter((p) => p.source?.name === 'FEW_SHOT');
    assert.equal(few.length, 3);
    const tpl = r.callSites[1].prompt.parts.filter((p) => p.source?.name === 'TEMPLATE');
    assert.equal(tpl.length, 2);
    const sum = (ps: typeof few) => ps.reduce((n, p) => n + (p.tokens ?? 0), 0);
    assert.deepEqual(
      r.promptConstants?.map((c) => [c.name, c.range.start.line, c.tokens.min, c.usedBy]),
      [
        ['FEW_SHOT', 4, sum(few), [0]],
        ['TEMPLATE', 9, sum(tpl), [1]],
      ],
    );
  });
});

describe('prompt constants in Go, Ruby, Java, PHP and C#', () => {
  // The system prompt as each language declares a constant: const, a Ruby constant, static final, PHP const, C# const.
  const LANG_SOURCES: [string, Language][] = [
    [
      `package main
  
  import (
  	"context"
  	"github.com/openai/openai-go"
  )
  
  const systemPrompt = "You are a terse assistant for Acme support."
  
  func main() {
  	client := openai.NewClient()
  	client.Chat.Completions.New(context.TODO(), openai.ChatCompletionNewParams{
  		Model: openai.ChatModelGPT4o,
  		MaxCompletionTokens: openai.Int(100),
  		Messages: []openai.ChatCompletionMessageParamUnion{openai.SystemMessage(systemPrompt), openai.UserMessage("hi")},
  	})
  }
  `,
      'go',
    ],
    [
      `require "openai"
  SYSTEM = "You are a terse assistant for Acme support."
  client = OpenAI::Client.new
  client.chat.completions.create(model: "gpt-4o", max_tokens: 100, messages: [{role: "system", content: SYSTEM}, {role: "user", content: "hi"}])
  `,
      'ruby',
    ],
    [
      `import com.openai.client.okhttp.OpenAIOkHttpClient;
  import com.openai.models.chat.completions.ChatCompletionCreateParams;
  class A {
    static final String SYSTEM = "You are a terse assistant for Acme support.";
    void f() {
      var client = OpenAIOkHttpClient.fromEnv();
      client.chat().completions().create(ChatCompletionCreateParams.builder().model("gpt-4o").maxTokens(100L).addSystemMessage(SYSTEM).addUserMessage("hi").build());
    }
  }
  `,
      'java',
    ],
    [
      `<?php
  use Anthropic\\Client;
  const SYSTEM = 'You are a terse assistant for Acme support.';
  $c = new Client(apiKey: 'k');
  $c->messages->create(maxTokens: 100, model: 'claude-haiku-4-5', system: SYSTEM, messages: [['role' => 'user', 'content' => 'hi']]);
  `,
      'php',
    ],
    [
      `using OpenAI.Chat;
  class A {
    const string System = "You are a terse assistant for Acme support.";
    void F() {
      ChatClient client = new(model: "gpt-4o", apiKey: "k");
      client.CompleteChat(new SystemChatMessage(System), new UserChatMessage("hi"));
    }
  }
  `,
      'csharp',
    ],
  ];
  for (const [code, language] of LANG_SOURCES) {
    it(`${language}: the constant's declaration gets the code lens entry`, async () => {
      const r = await analyzeText(code, language);
      const line = code.split('\n').findIndex((l) => l.includes('You are a terse assistant'));
      assert.equal(r.callSites.length, 1);
      assert.deepEqual(
        r.promptConstants?.map((c) => [c.range.start.line, c.usedBy]),
        [[line, [0]]],
      );
      const part = r.callSites[0].prompt.parts.find((p) => p.source);
      assert.equal(part?.text, 'You are a terse assistant for Acme support.');
    });
  }
});

describe('messages built in steps', () => {
  const parts = (r: Awaited<ReturnType<typeof analyzeText>>) => ({
    text: r.callSites[0].prompt.parts.map((p) => p.text),
    unknown: r.callSites[0].prompt.unknown.map((u) => u.name),
  });

  it('python: append, extend and += before the call are followed, in order; later changes are not', async () => {
    const code = `from openai import OpenAI
client = OpenAI()


def ask(question, history):
    messages = [{"role": "system", "content": "You are terse."}]
    messages.extend(history)
    messages.append({"role": "user", "content": question})
    messages += [{"role": "user", "content": "Answer in French."}]
    reply = client.chat.completions.create(model="gpt-4o", max_tokens=50, messages=messages)
    messages.append({"role": "assistant", "content": reply.choices[0].message.content})
    return messages
`;
    const r = await analyzeText(code, 'python');
    assert.deepEqual(parts(r), { text: ['You are terse.', 'Answer in French.'], unknown: ['question', 'history'] });
    assert.equal(r.callSites[0].prompt.messageCount, 3, 'system, the question, the instruction (the history is unknown)');
  });

  it('ts: push (also with spread) before the call is followed; a shorthand `{ messages }` reads the same list', async () => {
    const code = `import OpenAI from 'openai';
const client = new OpenAI();
export async function ask(question: string, history: OpenAI.ChatCompletionMessageParam[]) {
  const messages: OpenAI.ChatCompletionMessageParam[] = [{ role: 'system', content: 'You are terse.' }];
  messages.push(...history, { role: 'user', content: question });
  return client.chat.completions.create({ model: 'gpt-4o', max_tokens: 50, messages });
}
`;
    assert.deepEqual(parts(await analyzeText(code, 'typescript')), { text: ['You are terse.'], unknown: ['question', 'history'] });
  });

  it('an agent loop that appends each reply is not followed: the history is unknown, never undercounted', async () => {
    const py = `import anthropic
client = anthropic.Anthropic()


def run(task):
    messages = [{"role": "user", "content": task}]
    while True:
        response = client.messages.create(model="claude-sonnet-4-5", max_tokens=1024, messages=messages)
        if response.stop_reason == "end_turn":
            return response
        messages.append({"role": "assistant", "content": response.content})
`;
    assert.deepEqual(parts(await analyzeText(py, 'python')).unknown, ['task', 'messages']);
    const ts = `import OpenAI from 'openai';
const client = new OpenAI();
export async function run(task: string) {
  const messages: any[] = [{ role: 'user', content: task }];
  for (let i = 0; i < 5; i++) {
    const r = await client.chat.completions.create({ model: 'gpt-4o', max_tokens: 100, messages });
    messages.push(r.choices[0].message);
  }
}
`;
    assert.deepEqual(parts(await analyzeText(ts, 'typescript')).unknown, ['task', 'messages']);
  });

  it('python at the top level (a notebook or script): appends in order are followed', async () => {
    const code = `from openai import OpenAI\nclient = OpenAI()\nmessages = [{"role": "system", "content": "Be brief."}]\nmessages.append({"role": "user", "content": "What is RAG?"})\nclient.chat.completions.create(model="gpt-4o", max_tokens=50, messages=messages)\n`;
    assert.deepEqual(parts(await analyzeText(code, 'python')), { text: ['Be brief.', 'What is RAG?'], unknown: [] });
  });
});

describe('helpers called with static arguments', () => {
  it("OpenAI's vision example: encode_image(path) and a prompt helper, filled from their call sites", async () => {
    const root = mkdtempSync(join(tmpdir(), 'costlint-helpers-'));
    writeFileSync(join(root, 'photo.png'), pngHeader(1024, 768));
    const code = `import base64
from openai import OpenAI

client = OpenAI()


def encode_image(image_path):
    with open(image_path, "rb") as image_file:
        return base64.b64encode(image_file.read()).decode("utf-8")


def build_prompt(topic, style="plain"):
    return f"Describe the image, focusing on {topic}, in a {style} style."


response = client.responses.create(
    model="gpt-4.1",
    max_output_tokens=300,
    input=[{"role": "user", "content": [
        {"type": "input_text", "text": build_prompt("colors")},
        {"type": "input_image", "image_url": f"data:image/png;base64,{encode_image('photo.png')}"},
        {"type": "input_image", "image_url": f"data:image/png;base64,{encode_image(other_path)}"},
    ]}],
)
`;
    const r = (await analyzer()).analyze(
      { text: code, language: 'python', path: join(root, 'vision.py'), host: new WorkspaceImportHost(root) },
      { today: TODAY, ruleSeverity: MODEL_RULES_OFF() },
    );
    const c = r.callSites[0];
    // gpt-4.1: 1024 x 768 keeps its size (shortest side 768), 2 x 2 tiles: 85 + 4 x 170 = 765.
    assert.equal(c.prompt.parts[0].text, 'Describe the image, focusing on colors, in a plain style.');
    assert.equal(c.prompt.parts[1].tokens, 765);
    assert.deepEqual(
      c.prompt.unknown.map((u) => u.name),
      ['image other_path (its path `other_path` is not known statically; image size unknown (set `detail: "low"` for a fixed cost))'],
    );
  });

  it('ts: the same helpers as arrow functions and function declarations', async () => {
    const root = mkdtempSync(join(tmpdir(), 'costlint-helpers-ts-'));
    writeFileSync(join(root, 'photo.png'), pngHeader(1000, 1000));
    const code = `import Anthropic from '@anthropic-ai/sdk';
import fs from 'node:fs';
const client = new Anthropic();
function buildPrompt(topic: string, style = 'plain') {
  return \`Describe the photo, focusing on \${topic}, in a \${style} style.\`;
}
const encodeImage = (p: string) => fs.readFileSync(p, 'base64');
export const describe = () => client.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 300, messages: [{ role: 'user', content: [
  { type: 'image', source: { type: 'base64', media_type: 'image/png', data: encodeImage('photo.png') } },
  { type: 'text', text: buildPrompt('light') },
] }] });
`;
    const r = (await analyzer()).analyze(
      { text: code, language: 'typescript', path: join(root, 'describe.ts'), host: new WorkspaceImportHost(root) },
      { today: TODAY, ruleSeverity: MODEL_RULES_OFF() },
    );
    const parts = r.callSites[0].prompt.parts;
    assert.equal(parts[0].tokens, 1334, 'Claude: 1000 x 1000 / 750');
    assert.equal(parts[1].text, 'Describe the photo, focusing on light, in a plain style.');
    assert.deepEqual(r.callSites[0].prompt.unknown, []);
  });
});
