// `costlint diff` and the other commands end to end, in temporary git repositories: commits that
// swap a model, remove a cap, grow a prompt and move a function; budget gates and exit codes;
// `usage --init`, `tokens`, `models`, `--changed-since`.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { Tiktoken } from 'js-tiktoken/lite';
import o200k from 'js-tiktoken/ranks/o200k_base';
import { parseConfig } from '../server/src/core/config';

let enc: Tiktoken | undefined;
/** Tokens by tiktoken itself (gpt-4o and gpt-4o-mini use o200k_base), independent of costlint's counting. */
const count = (s: string) => (enc ??= new Tiktoken(o200k)).encode(s).length;

const CLI = join(__dirname, '..', 'server', 'out', 'cli.js');
const AS_OF = '2026-11-22';

function cli(cwd: string, args: string[], input?: string) {
  const p = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', input, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '' } });
  return { code: p.status, stdout: p.stdout, stderr: p.stderr };
}

function git(cwd: string, ...args: string[]): string {
  const p = spawnSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' },
  });
  assert.equal(p.status, 0, p.stderr);
  return p.stdout.trim();
}

/** A repository with one commit of `files`; `commit` writes more files and commits them. */
function repo(files: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'costlint-git-'));
  git(dir, 'init', '-q', '-b', 'main');
  const write = (f: Record<string, string>) => {
    for (const [name, text] of Object.entries(f)) {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
  };
  const commit = (f: Record<string, string>, message: string) => {
    write(f);
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', message);
    return git(dir, 'rev-parse', 'HEAD');
  };
  const first = commit(files, 'first');
  return { dir, first, write, commit };
}

const chat = (model: string, cap: string, system: string) => `from openai import OpenAI

client = OpenAI()


def answer(question):
    return client.chat.completions.create(
        model="${model}",${cap ? `\n        ${cap},` : ''}
        messages=[{"role": "system", "content": ${JSON.stringify(system)}}, {"role": "user", "content": question}],
    )
`;
const SYSTEM = 'You answer billing questions from the invoice.';
const CONFIG = JSON.stringify({ usage: { 'app/**': 10000 }, defaults: { dynamicParts: { question: 100 } } });

describe('costlint diff', () => {
  it('a swapped model, a removed cap and a grown prompt are named, with per-call and monthly deltas', () => {
    const r = repo({ 'costlint.json': CONFIG, 'app/chat.py': chat('gpt-4o-mini', 'max_tokens=500', SYSTEM) });
    r.commit({ 'app/chat.py': chat('gpt-4o', '', `${SYSTEM} Quote the invoice line you used, and its date.`) }, 'bigger');
    const out = JSON.parse(cli(r.dir, ['diff', r.first, 'HEAD', '--format', 'json', '--as-of', AS_OF]).stdout);
    assert.equal(out.sites.length, 1);
    const s = out.sites[0];
    assert.equal(s.id, 'app/chat.py::answer::chat.completions.create');
    assert.equal(s.status, 'changed');
    const grew = count(`${SYSTEM} Quote the invoice line you used, and its date.`) - count(SYSTEM);
    assert.deepEqual(s.changes, ['model gpt-4o-mini → gpt-4o', 'cap removed (was max_tokens=500)', `prompt grew by ${grew} tokens`]);
    assert.ok(s.perCallDeltaUsd > 0.16, 'uncapped gpt-4o costs far more per call');
    assert.equal(s.monthlyDeltaUsd, Math.round((s.after.monthlyUsd - s.before.monthlyUsd) * 1e6) / 1e6);
    assert.equal(out.totals.monthlyDeltaUsd, s.monthlyDeltaUsd);
    const text = cli(r.dir, ['diff', r.first, 'HEAD', '--as-of', AS_OF]).stdout;
    assert.match(
      text,
      /app\/chat\.py::answer::chat\.completions\.create:7 {2}model gpt-4o-mini → gpt-4o; cap removed \(was max_tokens=500\); prompt grew by \d+ tokens {2}\+\$0\.16\/call \+\$1,6\d\d\.\d\d\/month/,
    );
  });

  it('moving a function within its file is not a change; a cheaper model is a negative delta', () => {
    const helper = 'def helper():\n    return 1\n\n\n';
    const r = repo({ 'costlint.json': CONFIG, 'app/chat.py': chat('gpt-4o', 'max_tokens=500', SYSTEM) });
    r.commit({ 'app/chat.py': chat('gpt-4o', 'max_tokens=500', SYSTEM).replace('client = OpenAI()\n', `client = OpenAI()\n\n\n${helper}`) }, 'move');
    const moved = JSON.parse(cli(r.dir, ['diff', r.first, '--format', 'json', '--as-of', AS_OF]).stdout);
    assert.deepEqual(
      moved.sites.map((s: { status: string }) => s.status),
      ['unchanged'],
    );
    assert.equal(moved.totals.monthlyDeltaUsd, 0);
    assert.match(cli(r.dir, ['diff', r.first, '--as-of', AS_OF]).stdout, /No call site changed\./);
    // The working tree (head defaults to it), uncommitted: a cheaper model.
    r.write({ 'app/chat.py': chat('gpt-4o-mini', 'max_tokens=500', SYSTEM) });
    const cheaper = JSON.parse(cli(r.dir, ['diff', 'HEAD', '--format', 'json', '--as-of', AS_OF]).stdout);
    assert.equal(cheaper.head, 'working tree');
    assert.ok(cheaper.sites[0].monthlyDeltaUsd < 0);
    const md = cli(r.dir, ['diff', 'HEAD', '--format', 'markdown', '--as-of', AS_OF]).stdout;
    assert.match(
      md,
      /\| `app\/chat\.py::answer::chat\.completions\.create` \| model gpt-4o → gpt-4o-mini \| \$[\d.]+ → \$[\d.]+ \| -\$0\.00\d+ \| -\$\d+\.\d\d \|/,
    );
  });

  it('new and removed call sites; a call added before another in its function is new, the other unchanged', () => {
    const two = chat('gpt-4o', 'max_tokens=500', SYSTEM).replace(
      '    return client',
      '    client.chat.completions.create(model="gpt-4o", max_tokens=5, messages=[{"role": "user", "content": "ping"}])\n    return client',
    );
    const r = repo({
      'costlint.json': CONFIG,
      'app/chat.py': chat('gpt-4o', 'max_tokens=500', SYSTEM),
      'app/old.py': chat('gpt-4o-mini', 'max_tokens=100', 'Old.'),
    });
    r.commit({ 'app/chat.py': two }, 'second call');
    git(r.dir, 'rm', '-q', 'app/old.py');
    git(r.dir, 'commit', '-q', '-m', 'drop old');
    const out = JSON.parse(cli(r.dir, ['diff', r.first, 'HEAD', '--format', 'json', '--as-of', AS_OF]).stdout);
    const byStatus = Object.fromEntries(out.sites.map((s: { status: string; id: string }) => [s.id, s.status]));
    assert.deepEqual(byStatus, {
      'app/chat.py::answer::chat.completions.create': 'new',
      'app/chat.py::answer::chat.completions.create[2]': 'unchanged',
      'app/old.py::answer::chat.completions.create': 'removed',
    });
  });

  it('budget gates: monthlyIncrease and monthlyIncreasePercent fail the diff (exit 1) with a message; within them it passes', () => {
    const gate = (b: object) => JSON.stringify({ ...JSON.parse(CONFIG), budgets: b });
    const r = repo({ 'costlint.json': gate({ monthlyIncrease: 20 }), 'app/chat.py': chat('gpt-4o-mini', 'max_tokens=500', SYSTEM) });
    r.commit({ 'app/chat.py': chat('gpt-4o', 'max_tokens=500', SYSTEM) }, 'pricier');
    const over = cli(r.dir, ['diff', r.first, 'HEAD', '--as-of', AS_OF]);
    assert.equal(over.code, 1);
    assert.match(over.stderr, /^costlint: this change adds \+\$\d+\.\d\d per month, over the budget of \$20\.00 \(costlint\.json budgets\.monthlyIncrease\)$/m);
    r.commit({ 'costlint.json': gate({ monthlyIncrease: 100000, monthlyIncreasePercent: 200 }) }, 'looser');
    const pct = cli(r.dir, ['diff', r.first, 'HEAD', '--as-of', AS_OF]);
    assert.equal(pct.code, 1, 'gpt-4o-mini to gpt-4o is far more than 200%');
    assert.match(pct.stderr, /adds \d+(\.\d+)?% per month, over the budget of 200%/);
    r.commit({ 'costlint.json': gate({ monthlyIncrease: 100000 }) }, 'loosest');
    assert.equal(cli(r.dir, ['diff', r.first, 'HEAD', '--as-of', AS_OF]).code, 0);
  });

  it('without usage the diff is per call and says so; a bad revision is exit 2', () => {
    const r = repo({ 'app/chat.py': chat('gpt-4o-mini', 'max_tokens=500', SYSTEM) });
    r.commit({ 'app/chat.py': chat('gpt-4o', 'max_tokens=500', SYSTEM) }, 'swap');
    const out = cli(r.dir, ['diff', r.first, '--as-of', AS_OF]);
    assert.match(out.stdout, /no usage in costlint\.json: no monthly figures/);
    const bad = cli(r.dir, ['diff', 'no-such-branch']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^costlint: no commit 'no-such-branch' in this repository/);
  });

  it('runs from a subfolder of the repository: paths stay relative to it', () => {
    const r = repo({ 'svc/app/chat.py': chat('gpt-4o-mini', 'max_tokens=500', SYSTEM) });
    r.commit({ 'svc/app/chat.py': chat('gpt-4o', 'max_tokens=500', SYSTEM) }, 'swap');
    const out = JSON.parse(cli(join(r.dir, 'svc'), ['diff', r.first, '--format', 'json', '--as-of', AS_OF]).stdout);
    assert.deepEqual(
      out.sites.map((s: { id: string; status: string }) => [s.id, s.status]),
      [['app/chat.py::answer::chat.completions.create', 'changed']],
    );
  });
});

describe('costlint diff golden outputs', () => {
  const GOLDEN = join(__dirname, 'golden');
  const VERSION = (JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { version: string }).version;
  // The golden project (test/golden/project), then a change a reviewer would want to see.
  const read = (p: string) => readFileSync(join(GOLDEN, 'project', p), 'utf8');
  const r = repo({ 'costlint.json': read('costlint.json'), 'app/support.py': read('app/support.py'), 'web/digest.ts': read('web/digest.ts') });
  r.commit(
    {
      'app/support.py': read('app/support.py').replace('model="gpt-4o",\n', 'model="gpt-5.5",\n            max_completion_tokens=800,\n'),
      'web/digest.ts': read('web/digest.ts').replace('max_tokens: 600', 'max_tokens: 1200').replace("'claude-haiku-4-5'", "'claude-sonnet-4-5'"),
    },
    'a bigger model for answers, longer digests',
  );
  for (const [format, ext] of [
    ['text', 'txt'],
    ['json', 'json'],
    ['markdown', 'md'],
  ] as const) {
    it(`${format}: matches test/golden/diff.${ext}`, () => {
      const out = cli(r.dir, ['diff', 'HEAD~1', 'HEAD', '--format', format, '--as-of', AS_OF]);
      assert.equal(out.code, 0, out.stderr);
      const actual = out.stdout.split(`"version": "${VERSION}"`).join('"version": "<version>"');
      const path = join(GOLDEN, `diff.${ext}`);
      if (process.env.UPDATE_GOLDEN) writeFileSync(path, actual);
      assert.equal(actual, readFileSync(path, 'utf8'), `diff.${ext} differs (UPDATE_GOLDEN=1 rewrites it; review the diff)`);
    });
  }
});

describe('lint gates and exit codes', () => {
  it('--fail-on, --max-warnings and budgets.monthlyTotal', () => {
    const r = repo({ 'app/chat.py': chat('gpt-4o', '', SYSTEM), 'costlint.json': JSON.stringify({ ...JSON.parse(CONFIG), budgets: { monthlyTotal: 100 } }) });
    const run = (...a: string[]) => cli(r.dir, ['lint', '--as-of', AS_OF, '--format', 'json', ...a]);
    const base = run('--fail-on', 'none');
    assert.equal(base.code, 1, 'the monthly total is over $100 even with --fail-on none');
    assert.match(base.stderr, /^costlint: projected \$[\d,]+\.\d\d per month, over the budget of \$100\.00 \(costlint\.json budgets\.monthlyTotal\)$/m);
    r.write({ 'costlint.json': JSON.stringify({ ...JSON.parse(CONFIG), budgets: { perCall: 0.01 } }) });
    const perCall = run('--fail-on', 'none');
    assert.equal(perCall.code, 1, 'a per-call budget is a gate too');
    assert.match(perCall.stderr, /^costlint: 1 call site budget exceeded \(costlint\.json budgets\.perCall \/ perMonth; see the over-budget findings\)$/m);
    r.write({ 'costlint.json': CONFIG });
    assert.equal(run('--fail-on', 'none').code, 0);
    assert.equal(run('--fail-on', 'error').code, 0, 'warnings only');
    assert.equal(run().code, 1, 'warnings fail by default');
    const warnings = JSON.parse(run('--fail-on', 'none').stdout).findings.filter((f: { severity: string }) => f.severity === 'warning').length;
    assert.equal(run('--fail-on', 'none', '--max-warnings', String(warnings)).code, 0);
    const tooMany = run('--fail-on', 'none', '--max-warnings', String(warnings - 1));
    assert.equal(tooMany.code, 1);
    assert.match(tooMany.stderr, new RegExp(`^costlint: ${warnings} warnings, more than --max-warnings ${warnings - 1}$`, 'm'));
    assert.equal(run('--max-warnings', '-1').code, 2);
    assert.equal(run('--as-of', 'yesterday').code, 2);
  });

  it('--changed-since lints only files changed since a revision, untracked ones included', () => {
    const r = repo({ 'app/a.py': chat('gpt-4o', 'max_tokens=5', SYSTEM), 'app/b.py': chat('gpt-4o', 'max_tokens=5', SYSTEM) });
    r.write({ 'app/b.py': chat('gpt-4o-mini', 'max_tokens=5', SYSTEM), 'app/c.py': chat('gpt-4o', 'max_tokens=5', SYSTEM) });
    const out = JSON.parse(cli(r.dir, ['lint', '--changed-since', 'HEAD', '--format', 'json', '--fail-on', 'none']).stdout);
    assert.deepEqual([...new Set(out.callSites.map((c: { file: string }) => c.file))].sort(), ['app/b.py', 'app/c.py']);
  });
});

describe('usage, tokens, models', () => {
  it('usage --init lists every call site id with a null placeholder, keeps comments and existing entries, and the result parses', () => {
    const r = repo({
      'app/chat.py': chat('gpt-4o', 'max_tokens=5', SYSTEM),
      'web/x.ts': `import OpenAI from 'openai';\nconst c = new OpenAI();\nexport const go = () => c.responses.create({ model: 'gpt-5.5', input: 'hi', max_output_tokens: 5 });\n`,
      'costlint.json': '{\n  // ours\n  "usage": { "app/**": 100 }\n}\n',
    });
    const out = cli(r.dir, ['usage', '--init']);
    assert.equal(out.code, 0, out.stderr);
    assert.match(out.stdout, /^Added 2 call sites to .*costlint\.json \(null: not estimated yet; set calls per month\)\.$/m);
    const text = readFileSync(join(r.dir, 'costlint.json'), 'utf8');
    assert.match(text, /\/\/ ours/);
    const parsed = parseConfig(text);
    assert.deepEqual(parsed.issues, []);
    assert.deepEqual(parsed.config.usage, { 'app/**': 100, 'app/chat.py::answer::chat.completions.create': null, 'web/x.ts::go::responses.create': null });
    // A null entry gives no projection (never a silent $0); the glob still applies to others.
    const lint = JSON.parse(cli(r.dir, ['lint', '--format', 'json', '--fail-on', 'none']).stdout);
    assert.equal(lint.callSites.find((c: { file: string }) => c.file === 'app/chat.py').monthly.calls, 100, 'the glob gives it usage');
    assert.equal(lint.callSites.find((c: { file: string }) => c.file === 'web/x.ts').monthly, undefined);
    assert.match(cli(r.dir, ['usage', '--init']).stdout, /^No call site to add to .*; 2 already there\.$/m);
  });

  it('tokens counts a file or standard input with the model tokenizer and prices it as input', () => {
    const r = repo({ 'prompt.txt': 'Hello world' });
    const out = JSON.parse(cli(r.dir, ['tokens', '--model', 'gpt-4o', 'prompt.txt', '--format', 'json']).stdout);
    assert.deepEqual([out.model, out.tokens, out.encoding, out.exact, out.pricePerMillion], ['gpt-4o', 2, 'o200k_base', true, 2.5]);
    assert.equal(out.inputUsd, 0.000005);
    assert.match(
      cli(r.dir, ['tokens', '--model', 'claude-sonnet-4-5'], 'Hello world').stdout,
      /^\d+ tokens for claude-sonnet-4-5[^ ]* \(cl100k_base|o200k_base, approximate: .+\); as input \$[\d.]+ at \$3\.00 per 1M$/m,
    );
    const bad = cli(r.dir, ['tokens', '--model', 'gpt-4oo', 'prompt.txt']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /'gpt-4oo' is not in the rate cards \(did you mean 'gpt-4o'/);
  });

  it('models lists rate-card rows matching every word of the query, with prices, limits, status and as-of date', () => {
    const r = repo({ 'x.txt': '' });
    const rows = JSON.parse(cli(r.dir, ['models', 'claude', 'haiku', '--format', 'json']).stdout);
    assert.ok(rows.length >= 2 && rows.every((m: { id: string }) => /haiku/.test(m.id)));
    const h = rows.find((m: { id: string }) => m.id.startsWith('claude-haiku-4-5'));
    assert.deepEqual([h.provider, h.inputPerMillion, h.outputPerMillion, h.maxOutput], ['anthropic', 1, 5, 64000]);
    assert.match(h.asOf, /^\d{4}-\d{2}/);
    const text = cli(r.dir, ['models', 'gpt-4o-mini']).stdout;
    assert.match(text, /^model +provider +input\/1M +output\/1M/);
    assert.match(text, /^gpt-4o-mini +openai +\$0\.15 +\$0\.60 /m);
    assert.match(cli(r.dir, ['models', 'no-such-model-anywhere']).stdout, /^No model matches\.$/m);
  });
});
