// Large lint runs are shared with worker threads (`--jobs`, by default one per core for 1,000
// files or more). What a user relies on: the report is the same whatever the thread count, what
// spans files (a prompt prefix sent from files on different threads, usage ids, a costlint.json's
// problems) included, and every file is in it exactly once.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Worker } from 'node:worker_threads';
import { FileLinter, grammarsFor, mostlyTypeScript, WorkQueue, workOrder } from '../server/src/cli/lint';
import { bundledRateCardDir, createNodeAnalyzer } from '../server/src/host/node';
import { runCli, tempProject } from './helpers';

const project = (files: Record<string, string | Buffer>) => tempProject(files, 'costlint-jobs-');

const run = (cwd: string, ...args: string[]) => runCli(cwd, args);

const POLICY = 'Refunds are accepted within 30 days with a receipt; store credit after that. '.repeat(120);
const py = (fn: string, model: string, cap: boolean) => `from anthropic import Anthropic

claude = Anthropic()
POLICY = ${JSON.stringify(POLICY)}


def ${fn}(q):
    return claude.messages.create(model="${model}",${cap ? ' max_tokens=300,' : ''} system=POLICY, messages=[{"role": "user", "content": q}])
`;
const ts = (fn: string, model: string) => `import OpenAI from 'openai';
const openai = new OpenAI();
export async function ${fn}(text: string) {
  return openai.chat.completions.create({ model: '${model}', messages: [{ role: 'system', content: 'Summarize in three bullets.' }, { role: 'user', content: text }] });
}
`;

/**
 * A project of 1,200 files: most without calls, some Python and TypeScript calls, a shared prefix,
 * a costlint.json with usage (one id wrong), a binary file, an excluded file. Two files call a
 * `create(` the import graph finds reaches no SDK, so they are not parsed: one keeps a stale
 * costlint-ignore comment, one has binary bytes. Each is still reported (threads do not read the
 * graph's files again, and must not lose what their text says).
 */
function bigProject(): string {
  const files: Record<string, string | Buffer> = {};
  for (let i = 0; i < 1200; i++) {
    const pkg = `pkg${i % 12}`;
    if (i % 40 === 0) files[`${pkg}/agent${i}.py`] = py(`answer${i}`, i % 80 === 0 ? 'claude-sonnet-4-5' : 'claude-haiku-4-5', i % 120 !== 0);
    else if (i % 40 === 7) files[`${pkg}/route${i}.ts`] = ts(`summarize${i}`, i % 3 ? 'gpt-4o-mini' : 'gpt-4o');
    else if (i % 2) files[`${pkg}/util${i}.py`] = `def helper_${i}(x):\n    return [y * ${i} for y in x if y]\n`;
    else files[`${pkg}/util${i}.ts`] = `export const helper${i} = (xs: number[]) => xs.filter(Boolean).map((x) => x * ${i});\n`;
  }
  files['pkg0/blob.py'] = Buffer.from([0, 1, 2, 255, 0, 0, 7]);
  files['pkg3/store.py'] = 'from .db import db\n\n\ndef save(row):\n    # costlint-ignore uncapped-output\n    return db.create(table="rows", row=row)\n';
  files['pkg3/db.py'] = 'class Db:\n    def create(self, **kw):\n        return kw\n\n\ndb = Db()\n';
  // No call at all (the text prefilter rules it out), and a stale costlint-ignore left behind.
  files['pkg5/notes.py'] = '# costlint-ignore uncapped-output\nNOTES = ["summarize", "translate"]\n';
  files['pkg4/dump.py'] = Buffer.concat([Buffer.from('rows = store.create(\n'), Buffer.from([0, 0, 1, 2])]);
  files['generated/client.py'] = py('generated', 'gpt-4o', false);
  files['costlint.json'] = JSON.stringify(
    { exclude: ['generated/**'], usage: { 'pkg0/agent0.py::answer0::messages.create': 5000, 'pkg7/route7.ts::summarize99::chat.completions.create': 10 } },
    null,
    2,
  );
  return project(files);
}

describe('lint runs shared with worker threads', () => {
  it('the report is the same with 1, 2 and 3 threads, in every format', () => {
    const dir = bigProject();
    for (const format of ['json', 'text', 'sarif']) {
      const one = run(dir, 'lint', '.', 'generated/client.py', '--format', format, '--jobs', '1', '--as-of', '2026-12-01');
      assert.equal(one.code, 2, `${format}: exit 2 for the usage id naming no call site: ${one.stderr}`);
      for (const jobs of ['2', '3']) {
        const many = run(dir, 'lint', '.', 'generated/client.py', '--format', format, '--jobs', jobs, '--as-of', '2026-12-01');
        assert.equal(many.code, one.code);
        assert.equal(many.stdout, one.stdout, `${format} with ${jobs} threads`);
        assert.equal(many.stderr, one.stderr);
      }
    }
    const out = JSON.parse(run(dir, 'lint', '.', 'generated/client.py', '--format', 'json', '--jobs', '2').stdout);
    // Every file with a call once; the shared prefix across files found; the excluded file named.
    assert.equal(out.callSites.length, 30 + 30);
    assert.equal(new Set(out.callSites.map((c: { file: string }) => c.file)).size, 60);
    assert.ok(out.findings.filter((f: { rule: string }) => f.rule === 'uncached-prefix').length >= 2);
    assert.deepEqual(out.skipped.map((s: { file: string }) => s.file).sort(), ['generated/client.py', 'pkg0/blob.py', 'pkg4/dump.py']);
    assert.deepEqual(
      out.findings.filter((f: { rule: string }) => f.rule === 'unused-suppression').map((f: { file: string }) => f.file),
      ['pkg3/store.py', 'pkg5/notes.py'],
    );
  });

  it('every fixture folder and the examples give the same report with one thread and two', { timeout: 300_000 }, () => {
    // Prompt template files and notebooks the text prefilter rules out are still analyzed (each is its
    // own call site, or its cells are): with two threads they were linted without their text and lost.
    const dirs = [join(__dirname, 'fixtures'), join(__dirname, '..', 'examples')]
      .flatMap((root) => readdirSync(root).map((d) => join(root, d)))
      .filter((d) => statSync(d).isDirectory());
    const copy = mkdtempSync(join(tmpdir(), 'costlint-jobs-fixtures-'));
    try {
      for (const d of dirs) {
        const at = join(copy, d.split(/[\\/]/).pop()!);
        cpSync(d, at, { recursive: true });
        // Files without calls, so that two threads are used (one per 25 files at least).
        for (let k = 0; k < 60; k++) writeFileSync(join(at, `zz_filler_${k}.py`), `FILLER = ${k}\n`);
        const args = ['lint', '.', '--format', 'json', '--fail-on', 'none', '--as-of', '2026-12-01'];
        const one = run(at, ...args, '--jobs', '1');
        const two = run(at, ...args, '--jobs', '2');
        assert.equal(two.code, one.code, d);
        assert.equal(two.stdout, one.stdout, d);
      }
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it('a large run uses threads by default, and gives what one thread gives', () => {
    const dir = bigProject();
    const byDefault = run(dir, 'lint', '--format', 'json', '--fail-on', 'none', '--as-of', '2026-12-01');
    const one = run(dir, 'lint', '--format', 'json', '--fail-on', 'none', '--as-of', '2026-12-01', '--jobs', '1');
    assert.equal(byDefault.stdout, one.stdout);
  });

  it('an internal error while the other threads wait for files ends the run with exit 2 (it hung CI, the threads kept it alive)', { timeout: 60_000 }, () => {
    const dir = bigProject();
    // The error is made in this thread the first time it writes its progress line (a terminal's), which
    // it does while reading the files, before the other threads have all their shares.
    const hook = join(dir, 'fail-on-progress.cjs');
    writeFileSync(
      hook,
      `const { isMainThread } = require('node:worker_threads');
       if (isMainThread) {
         process.stderr.isTTY = true;
         const write = process.stderr.write.bind(process.stderr);
         process.stderr.write = (s, ...rest) => {
           if (String(s).startsWith('\\r')) throw new Error('injected failure');
           return write(s, ...rest);
         };
       }`,
    );
    const p = spawnSync(process.execPath, ['-r', hook, join(__dirname, '..', 'server', 'out', 'cli.js'), 'lint', '--jobs', '2', '--format', 'text'], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 30_000,
    });
    assert.equal(p.signal, null, 'the run ended by itself, not killed at the timeout');
    assert.equal(p.status, 2);
    assert.match(p.stderr, /costlint: internal error: Error: injected failure/);
  });

  it('the progress line of a run with threads counts up and names files as the report does', { timeout: 60_000 }, () => {
    const dir = bigProject();
    // A terminal's stderr for the main thread: the progress line is written only to one.
    const hook = join(dir, 'tty.cjs');
    writeFileSync(hook, `if (require('node:worker_threads').isMainThread) { process.stderr.isTTY = true; process.stderr.columns = 500; }\n`);
    const p = spawnSync(process.execPath, ['-r', hook, join(__dirname, '..', 'server', 'out', 'cli.js'), 'lint', '--jobs', '2', '--fail-on', 'none'], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 30_000,
    });
    // (The project has a config error on purpose: exit 2 is its verdict, not a failure of the run.)
    assert.match(p.stdout, /pkg0\//);
    const updates = [...p.stderr.matchAll(/\r\u001b\[Kcostlint: (\d+)\/(\d+) ?([^\r]*)/g)].map((m) => ({
      done: Number(m[1]),
      total: Number(m[2]),
      file: m[3],
    }));
    assert.ok(updates.length >= 2, p.stderr);
    for (let k = 1; k < updates.length; k++) assert.ok(updates[k].done >= updates[k - 1].done, `${updates[k - 1].done} then ${updates[k].done}`);
    for (const u of updates) {
      assert.ok(u.done <= u.total);
      assert.ok(!u.file.startsWith('/') && !/^[A-Za-z]:/.test(u.file), u.file);
    }
  });

  it('threads start while the files are still being found, and a run that stops before using them ends at once', { timeout: 60_000 }, () => {
    const dir = bigProject();
    // The other threads start when the walk has found 1,000 files; the missing path is said after the walk.
    for (const args of [
      ['lint', '.', 'no-such-folder'],
      ['lint', '.', '--rate-cards', 'no-such-cards'],
    ]) {
      const p = spawnSync(process.execPath, [join(__dirname, '..', 'server', 'out', 'cli.js'), ...args], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
      assert.equal(p.signal, null, `${args.join(' ')}: the run ended by itself, not killed at the timeout`);
      assert.equal(p.status, 2, p.stderr);
      assert.match(p.stderr, /no such (file or )?folder/);
    }
  });

  it('a worker thread that fails loses nothing: its files are linted in the main thread, and stderr says so', { timeout: 60_000 }, () => {
    const dir = bigProject();
    const hook = join(dir, 'crash-worker.cjs');
    // The other thread fails as soon as it has loaded (an uncaught exception, as a bug or running out of memory would end it).
    writeFileSync(
      hook,
      `const { isMainThread } = require('node:worker_threads');\nif (!isMainThread) setTimeout(() => { throw new Error('injected worker failure'); }, 0);\n`,
    );
    const cli = join(__dirname, '..', 'server', 'out', 'cli.js');
    const args = ['lint', '--format', 'json', '--fail-on', 'none', '--as-of', '2026-12-01'];
    const crashed = spawnSync(process.execPath, ['-r', hook, cli, ...args, '--jobs', '2'], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
    const one = spawnSync(process.execPath, [cli, ...args, '--jobs', '1'], { cwd: dir, encoding: 'utf8' });
    assert.equal(crashed.signal, null);
    assert.equal(crashed.status, one.status);
    assert.equal(crashed.stdout, one.stdout, 'the same report as one thread gives');
    assert.match(crashed.stderr, /costlint: a lint worker thread failed \(injected worker failure\); its files were linted in the main thread/);
    assert.doesNotMatch(one.stderr, /worker/);
  });

  it('--jobs takes a whole number of at least 1', () => {
    const dir = project({ 'a.py': 'x = 1\n' });
    for (const bad of ['0', 'two', '1.5']) {
      const r = run(dir, 'lint', '--jobs', bad);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /--jobs must be a whole number of at least 1/);
    }
  });

  it('TypeScript files checked together give what each gives alone, where one adds to the global scope too', async () => {
    const uses = (name: string) =>
      `export async function ask${name}(q: string) {\n  return ${name}.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: q }] });\n}\n`;
    const dir = project({
      // A script (no import or export): its declarations are global.
      'script.ts': `const OpenAI = require('openai');\nconst scriptClient = new OpenAI();\n`,
      'usesScript.ts': uses('scriptClient'),
      // A module that declares a global.
      'globals.ts': `import OpenAI from 'openai';\ndeclare global {\n  var globalClient: OpenAI;\n}\nexport {};\n`,
      'usesGlobal.ts': uses('globalClient'),
      // An ambient module, and a UMD global.
      'ambient.ts': `import OpenAI from 'openai';\ndeclare module 'llm' {\n  export const ambientClient: OpenAI;\n}\nexport {};\n`,
      'umd.ts': `import OpenAI from 'openai';\nexport const umdClient = new OpenAI();\nexport as namespace Umd;\n`,
      'usesUmd.ts': `export async function askUmd(q: string) {\n  return Umd.umdClient.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: q }] });\n}\n`,
      // Modules that may share a checker, each with its own client, one of them named as another's.
      'a.ts': `import OpenAI from 'openai';\nconst client = new OpenAI();\n${uses('client')}`,
      'b.tsx': `import Anthropic from '@anthropic-ai/sdk';\nconst client = new Anthropic();\nexport const ask = (q: string) => client.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 100, messages: [{ role: 'user', content: q }] });\n`,
      'c.ts': uses('client'),
      // JavaScript: an assignment to a property of an undeclared name declares it globally; a CommonJS
      // module's own names do not.
      'd.js': `import OpenAI from 'openai';\nllmNs.client = new OpenAI();\nexport {};\n`,
      'usesJs.js': uses('llmNs.client').replace(/: string/g, ''),
      'e.js': `const OpenAI = require('openai');\nconst client = new OpenAI();\n${uses('client').replace(/: string/g, '')}`.replace(
        'export async function',
        'module.exports.ask = async function',
      ),
      'f.js': `const Anthropic = require('@anthropic-ai/sdk');\nconst client = new Anthropic();\nmodule.exports = { ask: (q) => client.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 100, messages: [{ role: 'user', content: q }] }) };\n`,
    });
    try {
      const analyzer = await createNodeAnalyzer(bundledRateCardDir());
      const files = readdirSync(dir)
        .sort()
        .map((f) => join(dir, f));
      const calls = (entries: ReturnType<FileLinter['lint']>[]) =>
        entries.map((e) => e.report?.result?.callSites.map((c) => `${e.report!.file}: ${c.operation} ${c.model.value ?? '?'}`) ?? []);
      const alone = calls(files.map((f) => new FileLinter({ cwd: dir, today: '2026-12-01' }, analyzer).lint(f, false)));
      const together = calls(new FileLinter({ cwd: dir, today: '2026-12-01' }, analyzer).lintTogether(files, new Set()));
      assert.deepEqual(together, alone);
      // The modules' own calls are found either way.
      for (const f of ['a.ts:', 'b.tsx:', 'e.js:', 'f.js:'])
        assert.ok(
          alone.flat().some((c) => c.startsWith(f)),
          f,
        );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the work queue hands out each item once, from both ends, across threads', async () => {
    const n = 20_000;
    const queue = new WorkQueue(n);
    // A thread taking from the back while this one takes from the front.
    const worker = new Worker(
      `const { workerData, parentPort } = require('node:worker_threads');
       const counts = new Int32Array(workerData.buffer);
       const taken = [];
       for (;;) { if (Atomics.sub(counts, 0, 1) <= 0) break; taken.push(workerData.n - 1 - Atomics.add(counts, 2, 1)); }
       parentPort.postMessage(taken);`,
      { eval: true, workerData: { buffer: queue.buffer, n } },
    );
    const back = new Promise<number[]>((r) => worker.once('message', r));
    const front: number[] = [];
    for (let i = queue.takeFront(); i !== null; i = queue.takeFront()) front.push(i);
    const all = [...front, ...(await back)].sort((a, b) => a - b);
    assert.equal(all.length, n);
    all.forEach((v, i) => assert.equal(v, i));
    assert.equal(queue.takeBack(), null);
    // Each end took a contiguous run from its side.
    front.forEach((v, i) => assert.equal(v, i));
  });

  it('files to parse are ordered by language: JavaScript and TypeScript last (the other threads start on them), the others most text first', () => {
    const files = ['a.ts', 'b.py', 'c.js', 'd.py', 'e.ipynb', 'f.go', 'g.tsx'];
    // TypeScript has the most text, and still goes to the back, where the other threads take from.
    const { order, typeScriptFrom } = workOrder(files, [
      { index: 0, size: 5000 },
      { index: 1, size: 500 },
      { index: 2, size: 100 },
      { index: 3, size: 500 },
      { index: 4, size: 10 },
      { index: 5, size: 300 },
      { index: 6, size: 100 },
    ]);
    assert.deepEqual(order, [1, 3, 4, 5, 0, 2, 6]);
    assert.equal(typeScriptFrom, 4);
  });

  it('on two cores a run whose files are nearly all JavaScript and TypeScript uses one thread', () => {
    const many = (n: number, ext: string) => Array.from({ length: n }, (_, i) => `src/m${i}.${ext}`);
    // langchainjs: 2,165 TypeScript files, one Python file, 471 others not analyzed.
    assert.equal(mostlyTypeScript([...many(2165, 'ts'), 'scripts/x.py', ...many(471, 'md')]), true);
    assert.equal(mostlyTypeScript([...many(800, 'tsx'), ...many(300, 'js'), ...many(200, 'ipynb')]), true, 'JavaScript too; a notebook is Python');
    assert.equal(
      mostlyTypeScript([...many(1000, 'ts'), ...many(5000, 'prompt'), ...many(5000, 'json')]),
      true,
      'prompt files need no parser; JSON is not analyzed',
    );
    // The bench's repository: 6,166 JavaScript and TypeScript files, 4,032 Python ones.
    assert.equal(mostlyTypeScript([...many(6166, 'ts'), ...many(4032, 'py')]), false);
    assert.equal(mostlyTypeScript(many(4032, 'py')), false, "Python's warm-up per thread is smaller: two threads pay");
    assert.equal(mostlyTypeScript([...many(1000, 'ts'), ...many(300, 'go')]), false);
  });

  it("a run loads the grammars of its files' languages only, a notebook's being Python's", () => {
    assert.deepEqual(grammarsFor(['a/nb.ipynb', 'b/app.rb', 'c/x.ts', 'README.md', 'd/y.rb']).sort(), ['python', 'ruby', 'typescript']);
    assert.deepEqual(grammarsFor(['src/index.ts', 'src/app.tsx']).sort(), ['typescript', 'typescriptreact']);
  });

  it('a queue says which positions are not taken yet', () => {
    const queue = new WorkQueue(5);
    assert.deepEqual(queue.untaken(), { front: 0, end: 5 });
    queue.takeFront();
    queue.takeBack();
    assert.deepEqual(queue.untaken(), { front: 1, end: 4 });
    queue.takeBack();
    queue.takeBack();
    queue.takeFront();
    assert.deepEqual(queue.untaken(), { front: 2, end: 2 });
    assert.equal(queue.takeFront(), null);
    assert.deepEqual(queue.untaken(), { front: 2, end: 2 });
  });
});
