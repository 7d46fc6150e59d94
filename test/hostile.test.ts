// Hostile and unusual inputs a repository can carry (CI is the target: a pull request must not be
// able to stall it, corrupt a file or hide a finding): each case reproduced, each bounded in time,
// so a hang fails the test instead of stalling the suite.
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyzeText, runCli, tempProject, waitFor } from './helpers';

const seconds = (t: number) => (performance.now() - t) / 1000;

describe('hangs a repository can trigger', () => {
  it('a costlint.json glob that backtracks (include, exclude, usage) is refused at its key; the lint finishes', { timeout: 30_000 }, () => {
    const name = `${'a'.repeat(40)}.py`;
    for (const config of [{ include: ['@(a*)*(a*)*(a*)*(a*)x'] }, { exclude: ['*a*a*a*a*a*a*a*a*b'] }, { usage: { '*a*a*a*a*a*a*a*a*a*a*b': 100 } }]) {
      const dir = tempProject({
        'costlint.json': JSON.stringify(config, null, 2),
        [name]: 'from openai import OpenAI\nOpenAI().responses.create(model="gpt-5.5", input="Hi", max_output_tokens=10)\n',
      });
      const t = performance.now();
      const r = runCli(dir, ['lint', '.', '--format', 'json']);
      assert.ok(seconds(t) < 15, `${JSON.stringify(config)}: ${seconds(t).toFixed(1)} s`);
      const key = Object.keys(config)[0];
      // *a*a... is a glob costlint can match: it is accepted, and matches in linear time.
      if (key === 'include') {
        assert.equal(r.code, 2, r.stderr);
        assert.match(r.stderr, /^costlint\.json:3:5: error: `include\.0`: glob `@\(a\*\)\*\(a\*\)\*\(a\*\)\*\(a\*\)x`: extglob patterns .* are not supported/);
        assert.doesNotMatch(r.stderr, /must be a list/);
      } else assert.ok(r.code === 0 || r.code === 1, r.stderr);
    }
  });

  it('a 12,000-character run in a prompt lints in well under a second, not 10 (the tokenizer merged it quadratically)', { timeout: 30_000 }, async () => {
    for (const ch of ['a', '=', 'A', '0']) {
      const text = `from anthropic import Anthropic\nc = Anthropic()\nc.messages.create(model="claude-sonnet-4-6", max_tokens=10, system="${ch.repeat(12_000)}", messages=[])\n`;
      const t = performance.now();
      const r = await analyzeText(text, 'python');
      assert.ok(seconds(t) < 2, `${ch}: ${seconds(t).toFixed(2)} s`);
      assert.ok(r.callSites[0].estimate.inputTokens.static > 100);
    }
  });

  it(
    'a helper called from 1,500 places is read once, not once per caller (Ruby 1,000 calls took 26 s, Python 5,000 took 110 s)',
    { timeout: 60_000 },
    async () => {
      const n = 1500;
      const py =
        `from openai import OpenAI\nclient = OpenAI()\ndef prompt(q):\n    return "Q: " + q\n\n` +
        Array.from(
          { length: n },
          (_, i) => `client.chat.completions.create(model="gpt-4o", max_tokens=10, messages=[{"role": "user", "content": prompt("q${i}")}])\n`,
        ).join('');
      const rb =
        `require "openai"\nclass Bot\n  def prompt(q)\n    "Q: #{q}"\n  end\n  def run\n    client = OpenAI::Client.new\n` +
        Array.from(
          { length: n },
          (_, i) => `    client.chat.completions.create(model: "gpt-4o", max_tokens: 10, messages: [{role: "user", content: prompt("q${i}")}])\n`,
        ).join('') +
        '  end\nend\n';
      for (const [text, language] of [
        [py, 'python'],
        [rb, 'ruby'],
      ] as const) {
        const t = performance.now();
        const r = await analyzeText(text, language);
        assert.ok(seconds(t) < 10, `${language}: ${seconds(t).toFixed(2)} s`);
        assert.equal(r.callSites.length, n, language);
        assert.deepEqual(
          r.callSites[n - 1].prompt.parts.map((p) => p.text),
          [`Q: q${n - 1}`],
          language,
        );
      }
    },
  );

  it(
    'a client name reassigned from itself 40 times (llm = llm.with_retry()) resolves at once (20 took 97 s when every binding was resolved at every level)',
    { timeout: 60_000 },
    async () => {
      const text = `from langchain_openai import ChatOpenAI\nllm = ChatOpenAI(model="gpt-4o", max_tokens=10)\n${'llm = llm.with_retry()\n'.repeat(40)}llm.invoke("hi")\n`;
      const t = performance.now();
      const r = await analyzeText(text, 'python');
      assert.ok(seconds(t) < 10, `${seconds(t).toFixed(2)} s`);
      assert.equal(r.callSites.length, 1);
      assert.equal(r.callSites[0].model.value, 'gpt-4o');
    },
  );

  it(
    "a module of 150 classes with 15 attributes each, imported by another, is read in seconds (resolving every class's every attribute eagerly never finished)",
    { timeout: 60_000 },
    () => {
      const classes = Array.from(
        { length: 150 },
        (_, i) =>
          `class C${i}:\n    def __init__(self, a, b):\n${Array.from({ length: 15 }, (_, k) => `        self.x${k} = helper(a, b)\n`).join('')}        self.client = OpenAI()\n`,
      ).join('\n');
      const big = `from openai import OpenAI\n\n${classes}\ndef helper(a, b):\n    return make(a) if b else make(b)\n\ndef make(x):\n    return x\n\n${Array.from({ length: 150 }, (_, i) => `o${i} = C${i}(1, 2)\n`).join('')}`;
      const dir = tempProject({
        'pkg/__init__.py': '',
        'pkg/big.py': big,
        'main.py':
          "from pkg.big import o3, C5\no3.client.chat.completions.create(model='gpt-4o', max_tokens=5, messages=[])\nC5(1, 2).client.embeddings.create(model='text-embedding-3-small', input='x')\n",
      });
      const t = performance.now();
      const out = runCli(dir, ['lint', 'main.py', '--format', 'json', '--fail-on', 'none']);
      assert.ok(seconds(t) < 20, `${seconds(t).toFixed(2)} s`);
      assert.deepEqual(
        JSON.parse(out.stdout).callSites.map((c: { api: string }) => c.api),
        ['chat.completions', 'embeddings'],
      );
    },
  );

  it("a library's helpers reading each other (recursive, many returns each) are each read once: a test file using them took 50 s", { timeout: 60_000 }, () => {
    // The shape of a schema converter: every function returns what others return, and some call themselves.
    const n = 40;
    const fns = Array.from({ length: n }, (_, i) => {
      const next = (k: number) => `convert${(i * 7 + k * 3 + 1) % n}`;
      return `export function convert${i}(schema: any, ctx: any): any {\n  if (schema.a) return ${next(0)}(schema.a, ctx);\n  if (schema.b) return ${next(1)}(schema.b, ctx);\n  if (schema.c) return convert${i}(schema.c, ctx);\n  return ${next(2)}(schema.d, ctx);\n}\n`;
    }).join('\n');
    const uses = Array.from({ length: 200 }, (_, i) => `test('case ${i}', () => { expect(convert${i % n}({ a: ${i} }, {}).parse(${i})).toBe(${i}); });`).join(
      '\n',
    );
    const dir = tempProject({
      'package.json': '{"name":"lib"}',
      'src/convert.ts': fns,
      'src/convert.test.ts': `import { convert0, ${Array.from({ length: n - 1 }, (_, i) => `convert${i + 1}`).join(', ')} } from './convert';\n${uses}\n`,
    });
    const t = performance.now();
    // Parsed although it imports no SDK: the import graph would rule it out and the reading would not be tested.
    const out = runCli(dir, ['lint', '.', '--format', 'json', '--fail-on', 'none'], { COSTLINT_IMPORT_GRAPH: '0' });
    assert.ok(seconds(t) < 20, `${seconds(t).toFixed(2)} s`);
    assert.deepEqual(JSON.parse(out.stdout).callSites, []);
  });

  it(
    'JavaScript: what the callers of an untyped parameter pass is found by their name, not by asking the checker about every call of the file (a YAML dumper took 78 s)',
    { timeout: 60_000 },
    () => {
      // The dumper's shape: many functions passing a state object on, each parameter read where a method named like an operation is called on it.
      const n = 1500;
      const fns = Array.from(
        { length: n },
        (_, i) => `function write${i}(state, a, b, c) {\n  state.create(a);\n  a.create(b);\n  b.create(c);\n  return c.create({ level: ${i} });\n}\n`,
      ).join('');
      const calls = Array.from({ length: n * 2 }, (_, i) => `write${i % n}(current, current, current, current);`).join('\n');
      const dir = tempProject({ 'package.json': '{"name":"dumper"}', 'lib/dumper.js': `const current = { create(x) { return x; } };\n${fns}${calls}\n` });
      const t = performance.now();
      // Parsed although it imports no SDK: the import graph would rule it out and the reading would not be tested.
      const out = runCli(dir, ['lint', '.', '--format', 'json', '--fail-on', 'none'], { COSTLINT_IMPORT_GRAPH: '0' });
      assert.ok(seconds(t) < 20, `${seconds(t).toFixed(2)} s`);
      assert.deepEqual(JSON.parse(out.stdout).callSites, []);
    },
  );

  it('costlint tokens on 50,000 characters without whitespace answers at once (it took over a minute)', { timeout: 30_000 }, () => {
    const dir = tempProject({ 'prompt.txt': 'x'.repeat(50_000) });
    const t = performance.now();
    const r = runCli(dir, ['tokens', '--model', 'gpt-5.5', 'prompt.txt']);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(seconds(t) < 10, `${seconds(t).toFixed(1)} s`);
  });

  it('a file with thousands of SDK calls is skipped with the reason, in the CLI report too, instead of seconds per edit', { timeout: 60_000 }, async () => {
    const calls = (n: number) =>
      [
        'from openai import OpenAI',
        'client = OpenAI()',
        ...Array.from({ length: n }, (_, i) => `r${i} = client.chat.completions.create(model="gpt-5.5", messages=[{"role": "user", "content": "Q${i}"}])`),
      ].join('\n');
    // Past the budget on SDK calls (2,000): the recognizer stops there.
    let t = performance.now();
    let r = await analyzeText(calls(2_100), 'python');
    assert.match(r.skipped ?? '', /more than 2,000 SDK calls/);
    assert.ok(seconds(t) < 5, `${seconds(t).toFixed(1)} s`);
    // Far past it (19,500 calls, 2 MB, as found): skipped before parsing.
    t = performance.now();
    r = await analyzeText(calls(19_500), 'python', { maxFileSize: 5_000_000 });
    assert.match(r.skipped ?? '', /more than 8,000 calls of methods named like SDK operations/);
    assert.ok(seconds(t) < 1, `${seconds(t).toFixed(1)} s`);
    const dir = tempProject({ 'generated.py': calls(2_100) });
    const cli = runCli(dir, ['lint', '.', '--format', 'json']);
    const out = JSON.parse(cli.stdout) as { skipped: { file: string; reason: string }[] };
    assert.deepEqual(
      out.skipped.map((s) => s.file),
      ['generated.py'],
    );
    assert.match(out.skipped[0].reason, /more than 2,000 SDK calls/);
  });
});

describe('files that are not files, and flags past the machine', () => {
  const fifo = (path: string) => execFileSync('mkfifo', [path]);
  const CALL = 'from openai import OpenAI\nOpenAI().responses.create(model="gpt-5.5", input=open("prompt.txt").read(), max_output_tokens=10)\n';

  it(
    'a FIFO where a rate card, a costlint.json, a prompt file, a tsconfig.json, a .csproj, an appsettings.json, an application.properties or a source file is expected is refused, never read (reading one blocks forever)',
    { timeout: 60_000 },
    () => {
      const dir = tempProject({
        'app.py': CALL,
        'web/app.ts': "import OpenAI from 'openai';\nnew OpenAI().responses.create({ model: 'gpt-5.5', input: 'Hi' });\n",
        'costlint.json': JSON.stringify({ rateCards: ['cards.json'] }),
        // A C# file importing no SDK asks for the project's global usings (its .csproj); a Java bean's model, for the module's settings.
        'svc/Chat.cs':
          'namespace Svc;\npublic class Chat(OpenAIClient client)\n{\n    public Task Ask(ChatCompletionsOptions options) => client.GetChatCompletionsAsync(options);\n}\n',
        // A model read from the project's settings: appsettings.json is asked for.
        'svc/Draft.cs':
          'using OpenAI.Chat;\nnamespace Svc;\npublic class Draft(IConfiguration configuration)\n{\n    private readonly ChatClient chat = new(model: configuration["OpenAI:Model"], apiKey: "k");\n    public void Go() => chat.CompleteChat("Hi");\n}\n',
        'jvm/src/main/java/A.java': 'import dev.langchain4j.model.chat.ChatModel;\nclass A {\n  String ask(ChatModel model) { return model.chat("Hi"); }\n}\n',
      });
      fifo(join(dir, 'cards.json'));
      fifo(join(dir, 'prompt.txt'));
      fifo(join(dir, 'web', 'tsconfig.json'));
      fifo(join(dir, 'web', 'costlint.json'));
      fifo(join(dir, 'svc', 'Svc.csproj'));
      fifo(join(dir, 'svc', 'appsettings.json'));
      mkdirSync(join(dir, 'jvm', 'src', 'main', 'resources'));
      fifo(join(dir, 'jvm', 'src', 'main', 'resources', 'application.properties'));
      fifo(join(dir, 'stuck.py'));
      const t = performance.now();
      const r = runCli(dir, ['lint', '.', '--format', 'json']);
      assert.ok(seconds(t) < 20, `${seconds(t).toFixed(1)} s`);
      const out = JSON.parse(r.stdout) as { configIssues: { file: string; message: string }[]; callSites: { file: string }[] };
      assert.ok(
        out.configIssues.some((i) => /cards\.json cannot be read \(not a regular file\)/.test(i.message)),
        JSON.stringify(out.configIssues),
      );
      assert.ok(
        out.configIssues.some((i) => i.file === 'web/costlint.json' && /not a regular file|ENOTREG/.test(i.message)),
        JSON.stringify(out.configIssues),
      );
      assert.deepEqual(out.callSites.map((c) => c.file).sort(), ['app.py', 'jvm/src/main/java/A.java', 'svc/Draft.cs', 'web/app.ts']);
      // A rate-card folder holding a FIFO, or no folder at all: a message, not a stack trace.
      const cards = tempProject({});
      fifo(join(cards, 'x.json'));
      for (const folder of [cards, '/nonexistent-costlint-cards']) {
        const bad = runCli(dir, ['lint', 'app.py', '--rate-cards', folder]);
        assert.equal(bad.code, 2, bad.stderr);
        assert.match(bad.stderr, /--rate-cards .*(not a regular file|no such folder)/);
        assert.doesNotMatch(bad.stderr, /\n\s+at /, 'no stack trace');
      }
    },
  );

  it('--jobs past the cores or the work is clamped (--jobs 64 on one file took 21 s and 4.3 GB)', { timeout: 60_000 }, () => {
    const dir = tempProject({ 'app.py': CALL.replace('open("prompt.txt").read()', '"Hi"') });
    const t = performance.now();
    const r = runCli(dir, ['lint', 'app.py', '--jobs', '64', '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(seconds(t) < 5, `${seconds(t).toFixed(1)} s`);
  });

  it('5,000 usage globs are compiled once, not once per file (11.6 s for 51 files)', { timeout: 60_000 }, () => {
    const usage = Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`src/area${i}/**/*.py`, i]));
    const files: Record<string, string> = { 'costlint.json': JSON.stringify({ usage }) };
    for (let i = 0; i < 51; i++) files[`src/area${i * 97}/m${i}.py`] = CALL.replace('open("prompt.txt").read()', `"Q${i}"`);
    const dir = tempProject(files);
    const t = performance.now();
    const r = runCli(dir, ['lint', '.', '--format', 'json']);
    assert.ok(r.code === 0 || r.code === 1, r.stderr);
    assert.ok(seconds(t) < 8, `${seconds(t).toFixed(1)} s`);
    const out = JSON.parse(r.stdout) as { callSites: { file: string; usage?: { callsPerMonth: number } }[] };
    assert.equal(out.callSites.length, 51);
    assert.equal(out.callSites.find((c) => c.file === 'src/area97/m1.py')?.usage?.callsPerMonth, 97);
  });
});

describe('fixes and suppressions that corrupted code', () => {
  it('a costlint-ignore inside a multi-line string suppresses nothing, and no fix deletes that line of the string', async () => {
    const cases: [import('../server/src/core/types').Language, string][] = [
      [
        'python',
        'from openai import OpenAI\nc = OpenAI()\nHELP = """Tips:\n# costlint-ignore uncapped-output\n"""\nc.chat.completions.create(model="gpt-5.5", messages=[])\n',
      ],
      [
        'typescript',
        "import OpenAI from 'openai';\nconst c = new OpenAI();\nconst help = `Tips:\n// costlint-ignore uncapped-output\n`;\nc.chat.completions.create({ model: 'gpt-5.5', messages: [] });\n",
      ],
      [
        'go',
        'package main\n\nimport "github.com/openai/openai-go/v3"\n\nconst help = `Tips:\n// costlint-ignore uncapped-output\n`\n\nfunc main() {\n\tc := openai.NewClient()\n\tc.Chat.Completions.New(ctx, openai.ChatCompletionNewParams{Model: "gpt-5.5"})\n}\n',
      ],
    ];
    for (const [language, text] of cases) {
      const r = await analyzeText(text, language);
      assert.deepEqual(
        r.findings.map((f) => f.rule),
        ['uncapped-output'],
        `${language}: the finding is reported, and the text in the string is not a suppression to report as unused`,
      );
    }
    // The same comment as a comment still works.
    const real = await analyzeText(
      'from openai import OpenAI\nc = OpenAI()\n# costlint-ignore uncapped-output\nc.chat.completions.create(model="gpt-5.5", messages=[])\n',
      'python',
    );
    assert.deepEqual(real.findings, []);
  });
});

describe('shared parameters and spreads', () => {
  it('a cap fix that edits a params object two calls share says so and is not safe; alone, it stays as it was', async () => {
    const shared =
      "import Anthropic from '@anthropic-ai/sdk';\nconst c = new Anthropic();\nconst PARAMS = { model: 'claude-sonnet-4-6', messages: [] };\nawait c.messages.create(PARAMS);\nawait c.messages.create(PARAMS);\n";
    const r = await analyzeText(shared, 'typescript');
    const fixes = r.findings.filter((f) => f.rule === 'uncapped-output').map((f) => f.fix);
    assert.equal(fixes.length, 2);
    assert.deepEqual(
      fixes.map((f) => [f?.safety, f?.title]),
      [
        ['unsafe', 'Add max_tokens=1024 (also changes the call at line 5)'],
        ['unsafe', 'Add max_tokens=1024 (also changes the call at line 4)'],
      ],
    );
    const alone = await analyzeText(shared.replace(/await c\.messages\.create\(PARAMS\);\n$/, ''), 'typescript');
    assert.deepEqual(
      alone.findings.filter((f) => f.rule === 'uncapped-output').map((f) => [f.fix?.safety, f.fix?.title]),
      [['safe', 'Add max_tokens=1024']],
    );
  });

  it('a spread after a property wins, as at run time: { max_tokens: 50, ...PARAMS } sends PARAMS\u2019s', async () => {
    const r = await analyzeText(
      "import OpenAI from 'openai';\nconst c = new OpenAI();\nconst PARAMS = { max_tokens: 1024 };\nawait c.chat.completions.create({ model: 'gpt-4.1', messages: [], max_tokens: 50, ...PARAMS });\nawait c.chat.completions.create({ model: 'gpt-4.1', messages: [], ...PARAMS, max_tokens: 50 });\n",
      'typescript',
    );
    assert.deepEqual(
      r.callSites.map((s) => s.outputCap?.value),
      [1024, 50],
    );
    const py = await analyzeText(
      'from openai import OpenAI\nc = OpenAI()\nPARAMS = {"max_tokens": 1024}\nc.chat.completions.create(**{"model": "gpt-4.1", "messages": [], "max_tokens": 50, **PARAMS})\n',
      'python',
    );
    assert.equal(py.callSites[0].outputCap?.value, 1024);
  });
});

function git(cwd: string, ...args: string[]): string {
  const p = spawnSync('git', ['-c', 'protocol.file.allow=always', ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' },
  });
  assert.equal(p.status, 0, p.stderr);
  return p.stdout.trim();
}

function committed(files: Record<string, string>): string {
  const dir = tempProject(files, 'costlint-git-');
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'first');
  return dir;
}

const RESPONSES = (i: number) => `from openai import OpenAI\nOpenAI().responses.create(model="gpt-5.5", input="Question ${i}", max_output_tokens=100)\n`;

describe('diff', () => {
  it('a submodule counts the same on both sides: a clean tree against HEAD changes nothing (its calls were all "new")', { timeout: 60_000 }, () => {
    const sub = committed({ 'agent.py': RESPONSES(1), 'more.py': RESPONSES(2) });
    const main = committed({ 'app.py': RESPONSES(3), 'costlint.json': JSON.stringify({ usage: { '**': 10_000 }, budgets: { monthlyIncrease: 1 } }) });
    git(main, 'submodule', 'add', '-q', sub, 'vendor/agent');
    git(main, 'commit', '-q', '-m', 'submodule');
    const r = runCli(main, ['diff', 'HEAD', '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const d = JSON.parse(r.stdout) as { sites: { status: string; file: string }[]; totals: { monthlyDeltaUsd: number | null } };
    assert.deepEqual(
      d.sites.filter((s) => s.status !== 'unchanged').map((s) => s.file),
      [],
    );
    assert.equal(d.totals.monthlyDeltaUsd, 0);
  });

  it('an interrupted diff removes the revision it checked out', { timeout: 120_000 }, async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 1500; i++) files[`pkg${i % 30}/m${i}.py`] = RESPONSES(i);
    const dir = committed(files);
    const tmp = tempProject({}, 'costlint-tmp-');
    const child = spawn(process.execPath, [join(__dirname, '..', 'server', 'out', 'cli.js'), 'diff', 'HEAD', '--jobs', '1'], {
      cwd: dir,
      env: { ...process.env, TMPDIR: tmp },
      stdio: 'ignore',
    });
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    const checkout = () => readdirSync(tmp).filter((f) => f.startsWith('costlint-rev-'));
    await waitFor(() => checkout().length > 0, 'the checkout', { timeoutMs: 10000, stepMs: 25 }).catch(() => undefined);
    assert.equal(checkout().length, 1, 'the diff checked out the base revision');
    await new Promise((r) => setTimeout(r, 200));
    child.kill('SIGINT');
    await exited;
    assert.deepEqual(checkout(), [], 'nothing is left in the temporary folder');
  });
});

describe('escapes and injection', () => {
  it(
    'text from the repository cannot forge workflow commands, drive the terminal, or put HTML, links and @mentions into a comment',
    { timeout: 60_000 },
    () => {
      const model = 'x\\n::error file=a.py,line=1::FORGED\\x1b[31m\\x07 <img src=x onerror=alert(1)> [click](https://evil.example) @octocat';
      const dir = tempProject({
        'costlint.json': JSON.stringify({ rules: { 'unknown-model': 'warning' } }),
        'app.py': `from openai import OpenAI\nOpenAI().responses.create(model="${model}", input="Hi", max_output_tokens=10)\n`,
      });
      for (const format of ['text', 'github', 'markdown']) {
        const r = runCli(dir, ['lint', '.', '--format', format, '--fail-on', 'none']);
        assert.equal(r.code, 0, r.stderr);
        assert.ok(r.stdout.includes('FORGED'), `${format}: the text is still shown`);
        assert.doesNotMatch(r.stdout, /^::error file=a\.py,line=1::FORGED/m, `${format}: no forged workflow command`);
        assert.doesNotMatch(r.stdout, /[\u0007\u001b]/, `${format}: no escape sequence or bell`);
        if (format === 'markdown') {
          // Code spans are inert (GitHub renders no HTML, link or mention in them): what is left must be too.
          const prose = r.stdout.replace(/(?<!\\)`[^`\n]*`/g, '');
          assert.doesNotMatch(prose, /<img/, 'no HTML');
          assert.doesNotMatch(prose, /(?<!\\)\]\(https?:/, 'no link');
          assert.doesNotMatch(prose, /(^|[^&#\w])@octocat/, 'no @mention');
          assert.doesNotMatch(prose, /https:\/\/evil/, 'no autolink');
        }
      }
    },
  );
});

describe('the workspace and what costlint writes or echoes', () => {
  it('usage --init never writes through a costlint.json link (it wrote to a file outside the workspace)', { timeout: 30_000 }, () => {
    const outside = tempProject({ 'target.json': '{}\n' });
    const dir = tempProject({ 'app.py': RESPONSES(1) });
    symlinkSync(join(outside, 'target.json'), join(dir, 'costlint.json'));
    const r = runCli(dir, ['usage', '--init']);
    assert.equal(r.code, 2, r.stdout);
    assert.match(r.stderr, /costlint\.json is a symbolic link: not written/);
    assert.equal(readFileSync(join(outside, 'target.json'), 'utf8'), '{}\n');
  });

  it('the filesystem root is no workspace: lint, diff and usage refuse to run from it', { timeout: 30_000 }, () => {
    const r = runCli('/', ['lint', 'tmp/none', '--format', 'json']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /not from the filesystem root/);
  });

  it('a file a rate-card path names is not quoted back: a JSON error says where, not what', { timeout: 30_000 }, () => {
    const dir = tempProject({
      'app.py': RESPONSES(1),
      'secret.json': 'root:x:0:0:root:/root:/bin/bash\n',
      'costlint.json': JSON.stringify({ rateCards: ['secret.json'] }),
    });
    const r = runCli(dir, ['lint', '.']);
    assert.doesNotMatch(r.stdout + r.stderr, /root:x/);
    assert.match(r.stdout + r.stderr, /not valid JSON at line 1, column 1/);
  });
});

describe('clearer messages', () => {
  it('a missing revision, a date that does not exist, a null notebook cell, and a file name that looks like a URI scheme', { timeout: 60_000 }, () => {
    const repo = committed({ 'app.py': RESPONSES(1) });
    const d = runCli(repo, ['diff', 'no-such-branch']);
    assert.equal(d.code, 2);
    assert.match(d.stderr, /no commit 'no-such-branch' in this repository/);
    const asOf = runCli(repo, ['lint', '.', '--as-of', '2026-02-30']);
    assert.equal(asOf.code, 2);
    assert.match(asOf.stderr, /--as-of must be a date, YYYY-MM-DD; not '2026-02-30'/);
    const dir = tempProject({
      'nb.ipynb': JSON.stringify({ cells: [null], metadata: {}, nbformat: 4, nbformat_minor: 5 }),
      'x:3:4.py': 'from openai import OpenAI\nOpenAI().responses.create(model="gpt-5.5", input="Hi")\n',
    });
    const r = runCli(dir, ['lint', '.', '--format', 'json', '--fail-on', 'none']);
    const out = JSON.parse(r.stdout) as { skipped: { file: string; reason: string }[] };
    assert.match(out.skipped.find((x) => x.file === 'nb.ipynb')?.reason ?? '', /not a valid notebook: cell 1 is null, not a cell/);
    assert.doesNotMatch(r.stdout, /Cannot read properties/);
    const sarif = JSON.parse(runCli(dir, ['lint', '.', '--format', 'sarif', '--fail-on', 'none']).stdout) as {
      runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
    };
    const uris = sarif.runs[0].results.map((x) => x.locations[0].physicalLocation.artifactLocation.uri);
    assert.ok(uris.includes('x%3A3%3A4.py'), JSON.stringify(uris));
  });
});

describe('silent loss', () => {
  it('include globs that match no file, or a folder with nothing to lint, are said (they linted 0 files and passed in silence)', { timeout: 30_000 }, () => {
    const dir = tempProject({ 'costlint.json': JSON.stringify({ include: ['srcc/**'] }), 'src/app.py': RESPONSES(1), 'docs/readme.md': '# docs\n' });
    const r = runCli(dir, ['lint', '.']);
    assert.equal(r.code, 0);
    assert.match(r.stderr, /costlint: costlint\.json include \(`srcc\/\*\*`\) matches none of the 1 files found: nothing was linted/);
    const empty = runCli(dir, ['lint', 'docs']);
    assert.match(empty.stderr, /costlint: no file costlint analyzes in docs: nothing was linted/);
  });

  it('prices and usage beyond sane ranges are refused at their key (1.7e308 turned every total into null)', { timeout: 30_000 }, () => {
    const dir = tempProject({
      'costlint.json': JSON.stringify({ models: { 'gpt-5.5': { input: 1.7e308 } }, usage: { '**': 1e300 } }, null, 2),
      'app.py': RESPONSES(1),
    });
    const r = runCli(dir, ['lint', '.', '--format', 'json']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /`models\.gpt-5\.5\.input`/);
    assert.match(r.stderr, /`usage\.\*\*`/);
    const out = JSON.parse(r.stdout) as { totals: { perCallUsd: unknown } };
    assert.equal(typeof out.totals.perCallUsd, 'number');
  });

  it('a prompt file starting with a byte-order mark is read; one whose front matter is broken YAML says where', async () => {
    const prompty = '---\nname: x\nmodel:\n  api: chat\n  configuration:\n    type: openai\n    name: gpt-5.5\n---\nuser:\nHi\n';
    const withBom = await analyzeText(`\uFEFF${prompty}`, 'prompty');
    assert.equal(withBom.callSites.length, 1);
    assert.equal(withBom.callSites[0].model.value, 'gpt-5.5');
    // The uncapped-output fix lands in the right place despite the mark.
    const fix = withBom.findings.find((f) => f.rule === 'uncapped-output')?.fix;
    assert.ok(fix);
    const broken = await analyzeText('---\nmodel: googleai/gemini-3.5-flash-lite\nconfig:\n  temperature: [0.3\n---\nHello\n', 'dotprompt');
    assert.equal(broken.callSites.length, 0);
    assert.match(broken.skipped ?? '', /^the front matter is not valid YAML at line 4: .+: skipped$/);
  });

  it('the CLI reports the analyzer\u2019s own skip reasons: a file nested too deep, a notebook whose code cells are too large', { timeout: 60_000 }, () => {
    const deep = `import OpenAI from 'openai';\nconst c = new OpenAI();\nconst x = ${'['.repeat(12_000)}${']'.repeat(12_000)};\nc.responses.create({ model: 'gpt-5.5', input: 'Hi' });\n`;
    const cell = (source: string) => ({ cell_type: 'code', metadata: {}, outputs: [], execution_count: null, source: [source] });
    const notebook = JSON.stringify({
      cells: [cell('from openai import OpenAI\nc = OpenAI()\n'), cell(`x = "${'y'.repeat(2_100_000)}"\n`)],
      metadata: {},
      nbformat: 4,
      nbformat_minor: 5,
    });
    const dir = tempProject({ 'deep.ts': deep, 'big.ipynb': notebook });
    const r = runCli(dir, ['lint', '.', '--format', 'json']);
    const out = JSON.parse(r.stdout) as { skipped: { file: string; reason: string }[] };
    const reasons = Object.fromEntries(out.skipped.map((s) => [s.file, s.reason]));
    assert.match(reasons['deep.ts'] ?? '', /nesting too deep/, JSON.stringify(out.skipped));
    assert.match(reasons['big.ipynb'] ?? '', /MB/, JSON.stringify(out.skipped));
  });
});
