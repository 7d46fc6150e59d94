// The CLI as CI runs it: the built bundle, in temporary project folders.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { runCli, tempProject } from './helpers';
import { bundledRateCardDir, readRateCardFiles } from '../server/src/host/node';
import { RateCards } from '../server/src/core/ratecards';

const ROOT = join(__dirname, '..');
const CLI = join(ROOT, 'server', 'out', 'cli.js');
const PKG = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };

const project = (files: Record<string, string | Buffer>) => tempProject(files, 'costlint-cli-');

const run = (cwd: string, ...args: string[]) => runCli(cwd, args);

const UNCAPPED_PY = `from openai import OpenAI

client = OpenAI()


def reply(text):
    return client.chat.completions.create(
        model="gpt-4o",
        messages=[{"role": "user", "content": text}],
    )
`;
const CAPPED_TS = `import Anthropic from '@anthropic-ai/sdk';
const anthropic = new Anthropic();
export const hello = () => anthropic.messages.create({ model: 'claude-haiku-4-5', max_tokens: 64, messages: [{ role: 'user', content: 'Hi' }] });
`;
const MISSING_MAX_TOKENS_PY = `from anthropic import Anthropic\nAnthropic().messages.create(model="claude-haiku-4-5", messages=[])\n`;

describe('costlint CLI', () => {
  before(() => assert.ok(existsSync(CLI), `${CLI} is missing: run npm run build`));

  it('--format json follows the documented contract', () => {
    const dir = project({ 'app/bot.py': UNCAPPED_PY, 'web/hello.ts': CAPPED_TS });
    const r = run(dir, 'lint', '.', '--format', 'json', '--fail-on', 'none');
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.schemaVersion, 1);
    assert.deepEqual(out.tool, { name: 'costlint', version: PKG.version });
    assert.match(out.rateCards.asOf, /^\d{4}-\d{2}-\d{2}$/);
    assert.equal(out.callSites.length, 2);

    const py = out.callSites.find((c: { file: string }) => c.file === 'app/bot.py');
    const line = UNCAPPED_PY.split('\n').findIndex((l) => l.includes('client.chat.completions.create')) + 1;
    assert.deepEqual(py.range.start, { line, column: 12 });
    assert.deepEqual(py.range.end, { line: line + 3, column: 6 });
    assert.equal(py.language, 'python');
    assert.equal(py.provider, 'openai');
    assert.equal(py.api, 'chat.completions');
    assert.deepEqual(py.model, { value: 'gpt-4o', expression: '"gpt-4o"', resolved: true });
    assert.equal(py.outputCap, null);
    assert.equal(py.streaming, false);
    assert.equal(py.inLoop, false);
    assert.equal(py.cell, undefined, 'cell only appears for notebooks');
    assert.deepEqual(py.estimate.inputTokens.unknownParts, ['text']);
    assert.equal(py.sdk, 'openai');
    // The prompt part by part: its tokens add up to the static input with the chat overhead.
    assert.deepEqual(
      py.prompt.unknown.map((u: { name: string }) => u.name),
      ['text'],
    );
    const partTokens = py.prompt.parts.reduce((n: number, p: { tokens: number }) => n + p.tokens, 0);
    assert.equal(partTokens + py.prompt.overheadTokens, py.estimate.inputTokens.static);
    assert.ok(py.prompt.overheadTokens > 0);
    assert.equal(typeof py.estimate.inputTokens.static, 'number');
    assert.equal(py.estimate.outputTokens, 16384);
    assert.ok(py.estimate.costUsd.max > py.estimate.costUsd.min);
    assert.equal(py.estimate.approximate, false);
    assert.ok(Array.isArray(py.estimate.assumptions) && py.estimate.assumptions.length > 0);

    const ts = out.callSites.find((c: { file: string }) => c.file === 'web/hello.ts');
    assert.deepEqual(ts.outputCap, { param: 'max_tokens', value: 64, expression: '64' });
    assert.equal(ts.estimate.approximate, true);

    assert.deepEqual(
      out.findings.map((x: { rule: string }) => x.rule),
      ['uncapped-output', 'retired-model'],
      'gpt-4o also has a shutdown date',
    );
    const f = out.findings[0];
    assert.equal(f.file, 'app/bot.py');
    assert.equal(f.rule, 'uncapped-output');
    assert.equal(f.severity, 'warning');
    assert.deepEqual(f.range.start, { line, column: 36 }); // the method name: 'create'
    assert.equal(f.fix.safety, 'unsafe');
    // Inserted after the trailing comma of the last argument, on a line of its own.
    const afterComma = UNCAPPED_PY.split('\n')[line + 1].length + 1;
    assert.deepEqual(f.fix.edits, [
      { range: { start: { line: line + 2, column: afterComma }, end: { line: line + 2, column: afterComma } }, newText: '\n        max_tokens=1024,' },
    ]);
  });

  it('exit codes: 1 on findings at or above --fail-on, 0 below it, 0 when clean', () => {
    const warn = project({ 'bot.py': UNCAPPED_PY });
    assert.equal(run(warn, 'lint').code, 1, 'default --fail-on is warning');
    assert.equal(run(warn, 'lint', '--fail-on', 'error').code, 0);
    assert.equal(run(warn, 'lint', '--fail-on', 'info').code, 1);
    const err = project({ 'bot.py': MISSING_MAX_TOKENS_PY });
    assert.equal(run(err, 'lint', '--fail-on', 'error').code, 1);
    const clean = project({ 'hello.ts': CAPPED_TS });
    const r = run(clean, 'lint');
    assert.equal(r.code, 0);
    assert.match(r.stdout, /1 call site in 1 of 1 files; 0 findings/);
  });

  it('exit code 2 and a message on usage errors', () => {
    const dir = project({ 'a.py': '' });
    for (const args of [['lint', '--format', 'xml'], ['lint', '--fail-on', 'sometimes'], ['lint', 'nope/'], ['frobnicate'], ['lint', '--bogus']]) {
      const r = run(dir, ...args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, /^costlint: /);
      assert.match(r.stderr, /Usage:\n {2}costlint lint/);
    }
  });

  it('honours .gitignore (nested too) and skips node_modules and virtualenvs', () => {
    const dir = project({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.gitignore': 'generated/\n*.gen.py\n',
      'src/app.py': UNCAPPED_PY,
      'src/.gitignore': 'scratch.py\n',
      'src/scratch.py': UNCAPPED_PY,
      'src/model.gen.py': UNCAPPED_PY,
      'generated/client.py': UNCAPPED_PY,
      'node_modules/openai/index.ts': CAPPED_TS,
      'env/pyvenv.cfg': 'home = /usr/bin\n',
      'env/lib/site.py': UNCAPPED_PY,
    });
    const out = JSON.parse(run(dir, 'lint', '--format', 'json').stdout);
    assert.deepEqual([...new Set(out.callSites.map((c: { file: string }) => c.file))], ['src/app.py']);
  });

  it('invalid UTF-8 is read with replacement characters and still analyzed; a 10 MB minified bundle is skipped, naming the limit', () => {
    const bad = Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9, 0xff, 0xfe]), Buffer.from(` latin-1 bytes\n${UNCAPPED_PY}`)]);
    const min = `import OpenAI from 'openai';${'var a=1,b=2;'.repeat(900_000)}`;
    const dir = project({ 'legacy.py': bad, 'dist/bundle.min.js': min });
    const json = JSON.parse(run(dir, 'lint', '--format', 'json', '--fail-on', 'none').stdout);
    assert.deepEqual(
      json.callSites.map((c: { file: string }) => c.file),
      ['legacy.py'],
    );
    assert.deepEqual(json.skipped, [{ file: 'dist/bundle.min.js', reason: 'file is 10.8 MB, above the 2.0 MB analysis limit: skipped' }]);
  });

  it('binary files are skipped with a message, not a crash', () => {
    const dir = project({ 'blob.py': Buffer.from([0x6f, 0x70, 0x65, 0x6e, 0x61, 0x69, 0, 1, 2, 255]), 'ok.py': UNCAPPED_PY });
    const text = run(dir, 'lint', '--fail-on', 'none');
    assert.equal(text.code, 0);
    assert.match(text.stdout, /blob\.py: binary file/);
    const json = JSON.parse(run(dir, 'lint', '--format', 'json').stdout);
    assert.deepEqual(json.skipped, [{ file: 'blob.py', reason: 'binary file (contains NUL bytes): skipped' }]);
    assert.equal(json.callSites.length, 1);
  });

  it('notebooks: call sites carry the cell index and cell-relative positions', () => {
    const nb = {
      cells: [
        { cell_type: 'markdown', source: ['# Notes'] },
        { cell_type: 'code', source: ['!pip install openai\n', 'from openai import OpenAI\n', 'client = OpenAI()'] },
        { cell_type: 'code', source: ['r = client.responses.create(model="gpt-5.5", input="Hi")'] },
      ],
    };
    // Outputs (here a 3 MB embedded image) do not count toward the 2 MB analysis limit.
    const withImage = { ...nb, cells: [...nb.cells, { cell_type: 'code', source: ['plot()'], outputs: [{ data: { 'image/png': 'A'.repeat(3_000_000) } }] }] };
    const dir = project({ 'eval.ipynb': JSON.stringify(withImage), 'broken.ipynb': '{"cells": ' });
    const r = run(dir, 'lint', '--format', 'json');
    const out = JSON.parse(r.stdout);
    assert.equal(out.callSites.length, 1);
    assert.equal(out.callSites[0].file, 'eval.ipynb');
    assert.equal(out.callSites[0].cell, 2);
    assert.deepEqual(out.callSites[0].range.start, { line: 1, column: 5 });
    assert.equal(out.findings[0].cell, 2);
    assert.match(out.skipped[0].reason, /not a valid notebook/);
  });

  it('notebooks: a client made in a module of the project is followed, as the editor follows it (one project session)', () => {
    const nb = { cells: [{ cell_type: 'code', source: ['from app.llm import client\n', 'r = client.responses.create(model="gpt-5.5", input="Hi")'] }] };
    const dir = project({ 'app/__init__.py': '', 'app/llm.py': 'from openai import OpenAI\n\nclient = OpenAI()\n', 'eval.ipynb': JSON.stringify(nb) });
    const out = JSON.parse(run(dir, 'lint', '--format', 'json').stdout);
    assert.deepEqual(
      out.callSites.map((c: { file: string; operation: string; model: { value: string } }) => [c.file, c.operation, c.model.value]),
      [['eval.ipynb', 'responses.create', 'gpt-5.5']],
    );
  });

  it('a malformed rate card is reported and the valid entries still price calls', () => {
    const cards = readFileSync(join(ROOT, 'ratecards', 'openai.json'), 'utf8');
    const broken = JSON.parse(cards);
    broken.models[0].input = 'cheap';
    const dir = project({ 'cards/openai.json': JSON.stringify(broken), 'bot.py': UNCAPPED_PY.replace('gpt-4o', 'gpt-5.5') });
    const out = JSON.parse(run(dir, 'lint', '--format', 'json', '--rate-cards', 'cards').stdout);
    assert.deepEqual(
      out.rateCards.issues.map((i: { entry: string; field: string }) => [i.entry, i.field]),
      [[broken.models[0].id, 'input']],
    );
    assert.ok(out.callSites[0].estimate.costUsd, 'gpt-5.5 is still priced');
  });

  it('the text report groups by file: its findings, then its call sites with their cost; no colour when piped', () => {
    const dir = project({ 'bot.py': UNCAPPED_PY, 'lib/ask.ts': CAPPED_TS });
    const r = run(dir, 'lint', '--fail-on', 'none');
    const blocks = r.stdout.split('\n\n');
    assert.match(blocks[0], /^bot\.py\n {2}7:36 {2}warning {2}uncapped-output {2}OpenAI chat\.completions call has no output cap\. /);
    assert.match(blocks[0], /\n {2}7:12 {2}call {2}gpt-4o {2}\d+ \+ 1 unknown in {2}≤ 16,384 \(uncapped\) out {2}\$[\d.]+ – \$0\.16\/call \+ unknown input$/);
    assert.match(blocks[1], /^lib\/ask\.ts\n {2}3:\d+ {2}call {2}claude-haiku-4-5 /);
    assert.match(blocks[2], /^2 call sites in 2 of 2 files; .* No usage in costlint\.json: figures are per call\./);
    assert.doesNotMatch(r.stdout, /\u001b\[/, 'no escape codes in a pipe');
  });

  it('colour: FORCE_COLOR turns it on in a pipe; NO_COLOR and --no-color win', () => {
    const dir = project({ 'bot.py': UNCAPPED_PY });
    const env = (e: Record<string, string>) =>
      spawnSync(process.execPath, [CLI, 'lint', ...(e.FLAG ? [e.FLAG] : [])], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '', ...e },
      }).stdout;
    assert.match(env({ FORCE_COLOR: '1' }), /\u001b\[33mwarning\u001b\[39m/);
    assert.doesNotMatch(env({ FORCE_COLOR: '1', NO_COLOR: '1' }), /\u001b\[/);
    assert.doesNotMatch(env({ FORCE_COLOR: '1', FLAG: '--no-color' }), /\u001b\[/);
  });

  it('costlint.json: sizes and the fix cap apply; the flag wins over the file', () => {
    const dir = project({
      'costlint.json': '{\n  // what users paste\n  "defaults": { "dynamicParts": { "text": 700 }, "expectedOutputTokens": 200, "outputCap": 512 }\n}\n',
      'bot.py': UNCAPPED_PY,
    });
    const r = run(dir, 'lint', '--format', 'json', '--fail-on', 'none');
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    const c = out.callSites[0];
    assert.equal(c.estimate.inputTokens.assumed, 700);
    assert.deepEqual(c.estimate.inputTokens.unknownParts, []);
    assert.deepEqual(c.prompt.unknown, [{ name: 'text', where: 'messages[0].content', assumedTokens: 700 }]);
    assert.equal(c.estimate.expected.outputTokens, 200);
    assert.deepEqual(out.configIssues, []);
    assert.match(out.findings[0].fix.edits[0].newText, /max_tokens=512/);
    const flag = JSON.parse(run(dir, 'lint', '--format', 'json', '--fail-on', 'none', '--default-output-cap', '99').stdout);
    assert.match(flag.findings[0].fix.edits[0].newText, /max_tokens=99/);
  });

  it('a broken costlint.json: exit 2 with file:line:column, and the files are still analyzed on defaults', () => {
    const dir = project({ 'costlint.json': '{\n  "defaults": {\n    "dynamicParts": { "text": "big" }\n  }\n}\n', 'bot.py': UNCAPPED_PY });
    const r = run(dir, 'lint', '--format', 'json');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^costlint\.json:3:31: error: `defaults\.dynamicParts\.text` must be a number \(the field's default is used\)$/m);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(out.configIssues, [
      { file: 'costlint.json', line: 3, column: 31, field: 'defaults.dynamicParts.text', message: '`defaults.dynamicParts.text` must be a number' },
    ]);
    assert.equal(out.callSites.length, 1);
    assert.deepEqual(out.callSites[0].estimate.inputTokens.unknownParts, ['text']);
  });

  it('each call site has an id usage can name; an id naming no call site is exit 2 at its key', () => {
    const dir = project({ 'app/bot.py': UNCAPPED_PY, 'costlint.json': '{\n  "usage": {\n    "app/bot.py::replyy::chat.completions.create": 1000\n  }\n}\n' });
    const r = run(dir, 'lint', '--format', 'json');
    const out = JSON.parse(r.stdout);
    assert.equal(out.callSites[0].id, 'app/bot.py::reply::chat.completions.create');
    assert.equal(r.code, 2);
    assert.match(
      r.stderr,
      /^costlint\.json:3:5: error: `usage` names no call site of app\/bot\.py with the id `replyy::chat\.completions\.create` \(its call sites: `reply::chat\.completions\.create`\)/m,
    );
    writeFileSync(join(dir, 'costlint.json'), `{ "usage": { "${out.callSites[0].id}": 1000 } }`);
    assert.equal(run(dir, 'lint', '--format', 'json', '--fail-on', 'none').code, 0, 'the id the JSON gives is accepted as it is');
  });

  it('uncached-prefix across files: one call in each of two files sharing a long system prompt are both reported, naming the other file', () => {
    const POLICY = 'Refunds are accepted within 30 days with a receipt; store credit after that. '.repeat(120);
    const caller = (fn: string) =>
      `from anthropic import Anthropic\n\nclaude = Anthropic()\nPOLICY = ${JSON.stringify(POLICY)}\n\n\ndef ${fn}(q):\n    return claude.messages.create(model="claude-sonnet-4-5", max_tokens=300, system=POLICY, messages=[{"role": "user", "content": q}])\n`;
    const dir = project({
      'support/refunds.py': caller('refund'),
      'support/exchanges.py': caller('exchange'),
      'support/other.py': caller('other').replace('within 30 days', 'within 60 days'),
    });
    const out = JSON.parse(run(dir, 'lint', '--format', 'json', '--fail-on', 'none').stdout);
    const found = out.findings
      .filter((f: { rule: string }) => f.rule === 'uncached-prefix')
      .map((f: { file: string; message: string }) => [f.file, /also sent by 1 call in (\S+),/.exec(f.message)?.[1]]);
    assert.deepEqual(found.sort(), [
      ['support/exchanges.py', 'support/refunds.py'],
      ['support/refunds.py', 'support/exchanges.py'],
    ]);
  });

  it('exclude and include: files found in folders are left out silently, a file named on the command line says why', () => {
    const dir = project({
      'costlint.json': '{ "include": ["src/**"], "exclude": ["src/generated/**"] }',
      'src/bot.py': UNCAPPED_PY,
      'src/generated/client.py': UNCAPPED_PY,
      'scripts/once.py': UNCAPPED_PY,
    });
    const all = JSON.parse(run(dir, 'lint', '--format', 'json').stdout);
    assert.deepEqual([...new Set(all.callSites.map((c: { file: string }) => c.file))], ['src/bot.py']);
    assert.deepEqual(all.skipped, []);
    const named = JSON.parse(run(dir, 'lint', 'src/generated/client.py', '--format', 'json').stdout);
    assert.deepEqual(named.callSites, []);
    assert.deepEqual(named.skipped, [{ file: 'src/generated/client.py', reason: 'excluded by costlint.json (exclude `src/generated/**`)' }]);
  });

  it('a mapping to a model that does not exist: exit 2 at the value, and the rest of the pricing applies', () => {
    const dir = project({ 'costlint.json': '{\n  "models": { "prod-chat": "gpt-4oo" },\n  "discounts": { "openai": 50 }\n}\n', 'bot.py': UNCAPPED_PY });
    const r = run(dir, 'lint', '--format', 'json');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^costlint\.json:2:28: error: `gpt-4oo` is not in the rate cards \(did you mean `gpt-4o`/m);
    const out = JSON.parse(r.stdout);
    assert.equal(out.callSites[0].estimate.pricing.input, 1.25);
    assert.ok(out.callSites[0].estimate.assumptions.includes('50% discount (costlint.json discounts.openai)'));
  });
});

describe('progress line', () => {
  it('on a terminal: at most ten updates a second, cut to its width, erased at the end; nothing when not a terminal', async () => {
    const { progressLine } = await import('../server/src/cli');
    const writes: string[] = [];
    let clock = 0;
    const tick = progressLine({ isTTY: true, columns: 30, write: (s: string) => writes.push(s) > 0 }, () => clock)!;
    tick(0, 3, 'app/a_rather_long_file_name.py');
    clock = 50;
    tick(1, 3, 'app/b.py');
    clock = 160;
    tick(2, 3, 'app/c.py');
    tick(3, 3, '');
    assert.deepEqual(writes, ['\r\u001b[Kcostlint: 0/3 app/a_rather_lo', '\r\u001b[Kcostlint: 2/3 app/c.py', '\r\u001b[K']);
    assert.equal(progressLine({ isTTY: false, columns: 80, write: () => true }), undefined);
  });
});

describe('rate-card freshness', () => {
  before(() => assert.ok(existsSync(CLI), `${CLI} is missing: run npm run build`));
  const cards = () => RateCards.load(readRateCardFiles(bundledRateCardDir()));
  const daysSince = (asOf: string, today: string) =>
    Math.floor((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${asOf.length === 7 ? `${asOf}-01` : asOf}T00:00:00Z`)) / 86_400_000);

  it('lint and diff say once, on stderr, that cards older than 60 days may be stale; the JSON says how old; costlint.json rateCardsMaxAgeDays allows more', () => {
    const asOf = cards().asOf!;
    const later = new Date(Date.parse(`${asOf}T00:00:00Z`) + 90 * 86_400_000).toISOString().slice(0, 10);
    const dir = project({ 'bot.py': UNCAPPED_PY });
    const r = run(dir, 'lint', '.', '--format', 'json', '--fail-on', 'none', '--as-of', later);
    assert.equal(r.code, 0, r.stderr);
    const said = r.stderr.split('\n').filter((l) => l.includes('rate cards are from'));
    assert.deepEqual(said, [
      `costlint: the rate cards are from ${asOf}, 90 days ago (more than 60): prices may be stale. Update costlint for newer cards, or convert a newer price file with \`costlint ratecards import\` and name it in costlint.json rateCards (it replaces only the models it lists); see docs/pricing.md. \`costlint models --stale\` lists the old entries.`,
    ]);
    assert.equal(JSON.parse(r.stdout).rateCards.staleDays, 90);
    const fresh = run(dir, 'lint', '.', '--format', 'json', '--fail-on', 'none', '--as-of', asOf);
    assert.equal(fresh.stderr, '');
    assert.equal(JSON.parse(fresh.stdout).rateCards.staleDays, undefined);
    writeFileSync(join(dir, 'costlint.json'), '{ "rateCardsMaxAgeDays": 120 }\n');
    const allowed = run(dir, 'lint', '.', '--format', 'text', '--fail-on', 'none', '--as-of', later);
    assert.equal(allowed.stderr, '');
  });

  it('models --stale lists the entries whose own as-of date is older than the threshold (--max-age, else costlint.json, else 60 days)', () => {
    const today = '2027-01-05';
    const all = cards().models;
    const expected = (days: number) =>
      all
        .filter((m) => daysSince(m.asOf, today) > days)
        .map((m) => m.id)
        .sort();
    const dir = project({ 'bot.py': UNCAPPED_PY });
    const ids = (r: { stdout: string }) => (JSON.parse(r.stdout) as { id: string }[]).map((m) => m.id).sort();
    const r = run(dir, 'models', '--stale', '--format', 'json', '--as-of', today);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(ids(r), expected(60));
    assert.ok(expected(60).length > 0 && expected(60).length < all.length);
    assert.deepEqual(ids(run(dir, 'models', '--stale', '--max-age', '200', '--format', 'json', '--as-of', today)), expected(200));
    writeFileSync(join(dir, 'costlint.json'), '{ "rateCardsMaxAgeDays": 300 }\n');
    assert.deepEqual(ids(run(dir, 'models', '--stale', '--format', 'json', '--as-of', today)), expected(300));
    assert.equal(run(dir, 'models', '--stale', '--max-age', '3650', '--as-of', today).stdout, 'No rate-card entry is older than 3650 days.\n');
  });
});
