// The `costlint` command loads the CLI through a V8 code cache in the user's cache folder
// (server/src/codecache.ts). What a user would notice if it went wrong: different output, a
// failing run because of a bad or unwritable cache, or files written where they asked for none.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { buildSync } from 'esbuild';
import { codeCacheDir } from '../server/src/codecache';
import { tempProject } from './helpers';

const ROOT = join(__dirname, '..');
const CLI = join(ROOT, 'server', 'out', 'cli.js');
const EXAMPLES = join(ROOT, 'examples');

function lint(env: Record<string, string>) {
  const p = spawnSync(process.execPath, [CLI, 'lint', '--format', 'json', '--fail-on', 'none', '--as-of', '2026-12-01', '.'], {
    cwd: EXAMPLES,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  return { code: p.status, stdout: p.stdout, stderr: p.stderr };
}

const cacheFiles = (dir: string) => (existsSync(join(dir, 'costlint')) ? readdirSync(join(dir, 'costlint')).filter((f) => f.endsWith('.v8')) : []);

describe('the CLI code cache', () => {
  it('the first run writes the cache, the next uses it, and both print what a run without it prints', () => {
    const xdg = mkdtempSync(join(tmpdir(), 'costlint-cache-'));
    const plain = lint({ COSTLINT_COMPILE_CACHE: '0', XDG_CACHE_HOME: xdg });
    assert.equal(plain.code, 0, plain.stderr);
    assert.ok(JSON.parse(plain.stdout).callSites.length > 0);
    assert.deepEqual(cacheFiles(xdg), [], 'COSTLINT_COMPILE_CACHE=0 writes nothing');

    const first = lint({ XDG_CACHE_HOME: xdg });
    assert.equal(first.stdout, plain.stdout);
    // The program's, and TypeScript's (a file of its own, loaded for the examples' JavaScript and TypeScript).
    const files = cacheFiles(xdg).sort();
    assert.equal(files.length, 2, files.join(', '));
    const [file, ts] = files;
    assert.ok(file.startsWith('costlint.js-') && ts.startsWith('typescript.js-'), `the cache files under ${xdg}/costlint: ${files.join(', ')}`);
    const written = statSync(join(xdg, 'costlint', file));
    assert.ok(written.size > 1_000_000, `the cache holds the compiled CLI (${written.size} bytes)`);
    const tsWritten = statSync(join(xdg, 'costlint', ts));

    // Taken as they are: the second run neither rejects nor rewrites them.
    const second = lint({ XDG_CACHE_HOME: xdg });
    assert.equal(second.stdout, plain.stdout);
    assert.equal(statSync(join(xdg, 'costlint', file)).mtimeMs, written.mtimeMs);
    assert.equal(statSync(join(xdg, 'costlint', ts)).mtimeMs, tsWritten.mtimeMs);
    assert.deepEqual(cacheFiles(xdg).sort(), files);
  });

  it('a project with no JavaScript or TypeScript file never loads TypeScript (most of the program): only the program is cached', () => {
    const xdg = mkdtempSync(join(tmpdir(), 'costlint-cache-'));
    const p = spawnSync(process.execPath, [CLI, 'lint', '--format', 'json', '--fail-on', 'none', '--as-of', '2026-12-01', 'support-bot'], {
      cwd: EXAMPLES,
      encoding: 'utf8',
      env: { ...process.env, XDG_CACHE_HOME: xdg },
    });
    assert.equal(p.status, 0, p.stderr);
    assert.ok((JSON.parse(p.stdout) as { callSites: unknown[] }).callSites.length > 0);
    assert.deepEqual(
      cacheFiles(xdg).map((f) => f.split('-')[0]),
      ['costlint.js'],
    );
  });

  it("a run on threads keeps the program's and TypeScript's caches, and the next run takes both as they are", () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 30; i++) {
      files[`web/route${i}.ts`] =
        `import OpenAI from 'openai';\nconst c = new OpenAI();\nexport const f${i} = () => c.chat.completions.create({ model: 'gpt-4o-mini', max_tokens: 20, messages: [] });\n`;
      files[`jobs/task${i}.py`] =
        `import openai\n\n\ndef run():\n    return openai.OpenAI().chat.completions.create(model="gpt-4o-mini", max_tokens=20, messages=[])\n`;
    }
    const dir = tempProject(files, 'costlint-cache-threads-');
    const xdg = mkdtempSync(join(tmpdir(), 'costlint-cache-'));
    const run = () => {
      const p = spawnSync(process.execPath, [CLI, 'lint', '--jobs', '2', '--format', 'json', '--fail-on', 'none', '--as-of', '2026-12-01', '.'], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, XDG_CACHE_HOME: xdg },
      });
      assert.equal(p.status, 0, p.stderr);
      assert.equal((JSON.parse(p.stdout) as { callSites: unknown[] }).callSites.length, 60);
    };
    run();
    const kept = cacheFiles(xdg).sort();
    assert.deepEqual(
      kept.map((f) => f.split('-')[0]),
      ['costlint.js', 'typescript.js'],
    );
    const ts = statSync(join(xdg, 'costlint', kept[1])).mtimeMs;
    // The next run takes both as they are.
    run();
    assert.deepEqual(cacheFiles(xdg).sort(), kept);
    assert.equal(statSync(join(xdg, 'costlint', kept[1])).mtimeMs, ts);
  });

  it("a file loaded with bytecode another thread gave (not from disk) has its cache written at exit: TypeScript's, when a worker compiled it first", () => {
    const dir = mkdtempSync(join(tmpdir(), 'costlint-cache-'));
    const bundle = join(dir, 'typescript.js');
    writeFileSync(bundle, `module.exports = { twice: (n) => n * 2 };\n${'function filler() { return [1, 2, 3].map((x) => x + 1); }\n'.repeat(2000)}`);
    const cache = join(dir, 'cache');
    const codecache = JSON.stringify(join(ROOT, 'server', 'src', 'codecache.ts'));
    // One process compiles it (no cache folder) and gives its bytecode to a load that keeps a cache folder.
    const script = `
      const { loadWithCodeCache } = require(${codecache});
      const first = loadWithCodeCache(${JSON.stringify(bundle)}, null);
      const given = loadWithCodeCache(${JSON.stringify(bundle)}, ${JSON.stringify(cache)}, { write: true, cachedData: first.codeCache() });
      console.log(JSON.stringify({ used: given.usedCache }));`;
    const p = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(p.status, 0, p.stderr);
    assert.deepEqual(JSON.parse(p.stdout), { used: true });
    assert.deepEqual(
      readdirSync(cache).map((f) => f.split('-')[0]),
      ['typescript.js'],
    );
  });

  it('a damaged cache is rejected and replaced, and the run is unaffected', () => {
    const xdg = mkdtempSync(join(tmpdir(), 'costlint-cache-'));
    const plain = lint({ COSTLINT_COMPILE_CACHE: '0' });
    lint({ XDG_CACHE_HOME: xdg });
    const [file] = cacheFiles(xdg);
    const path = join(xdg, 'costlint', file);
    const good = readFileSync(path);
    // Truncated, and then garbage of the same length.
    for (const bad of [good.subarray(0, 1000), Buffer.alloc(good.length, 7)]) {
      writeFileSync(path, bad);
      const r = lint({ XDG_CACHE_HOME: xdg });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, plain.stdout);
      assert.ok(!readFileSync(path).equals(bad), 'the bad cache was replaced');
    }
  });

  it('an unwritable cache folder only costs the time', () => {
    const dir = mkdtempSync(join(tmpdir(), 'costlint-cache-'));
    // XDG_CACHE_HOME names a file: no folder can be made under it.
    const notAFolder = join(dir, 'file');
    writeFileSync(notAFolder, 'x');
    const plain = lint({ COSTLINT_COMPILE_CACHE: '0' });
    const r = lint({ XDG_CACHE_HOME: notAFolder });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.equal(r.stdout, plain.stdout);
  });

  it('with no cache on disk, a worker thread loads with the bytecode its starting thread compiled (it does not compile the bundle again)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'costlint-cache-'));
    const bundle = join(dir, 'costlint.js');
    writeFileSync(bundle, `module.exports = { twice: (n) => n * 2 };\n${'function filler() { return [1, 2, 3].map((x) => x + 1); }\n'.repeat(2000)}`);
    // codecache.ts as the build makes it (plain CommonJS): a worker thread has no TypeScript loader.
    const loader = join(dir, 'codecache.js');
    buildSync({ entryPoints: [join(ROOT, 'server', 'src', 'codecache.ts')], outfile: loader, platform: 'node', format: 'cjs', logLevel: 'silent' });
    // As bin.ts does: the main thread loads without a disk cache and hands its bytecode to the worker.
    const worker = `
      const { parentPort, workerData } = require('node:worker_threads');
      const l = require(workerData.loader).loadWithCodeCache(workerData.bundle, null, { cachedData: workerData.code });
      parentPort.postMessage({ used: l.usedCache, twice: l.exports.twice(21) });`;
    const script = `
      const { Worker } = require('node:worker_threads');
      const main = require(${JSON.stringify(loader)}).loadWithCodeCache(${JSON.stringify(bundle)}, null);
      const w = new Worker(${JSON.stringify(worker)}, { eval: true, workerData: { loader: ${JSON.stringify(loader)}, bundle: ${JSON.stringify(bundle)}, code: main.codeCache() } });
      w.on('message', (m) => console.log(JSON.stringify({ mainUsed: main.usedCache, ...m })));`;
    const p = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    assert.equal(p.status, 0, p.stderr);
    assert.deepEqual(JSON.parse(p.stdout), { mainUsed: false, used: true, twice: 42 });
  });

  it('a new build of the same install replaces its cache: one file per install and Node, not one more per build (65 MB were seen)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'costlint-cache-'));
    const bundle = join(dir, 'costlint.js');
    const cache = join(dir, 'cache');
    const load = () => {
      const p = spawnSync(
        process.execPath,
        [
          '--import',
          'tsx',
          '-e',
          `require(${JSON.stringify(join(ROOT, 'server', 'src', 'codecache.ts'))}).loadWithCodeCache(${JSON.stringify(bundle)}, ${JSON.stringify(cache)})`,
        ],
        { cwd: ROOT, encoding: 'utf8' },
      );
      assert.equal(p.status, 0, p.stderr);
      return readdirSync(cache).filter((f) => f.endsWith('.v8'));
    };
    writeFileSync(bundle, 'module.exports = 1;\n');
    const [first] = load();
    assert.ok(first);
    for (let build = 2; build <= 4; build++) {
      writeFileSync(bundle, `module.exports = ${build};\n${'// build\n'.repeat(build)}`);
      const files = load();
      assert.equal(files.length, 1, `after build ${build}: ${files.join(', ')}`);
      assert.notEqual(files[0], first);
    }
  });

  it('the cache folder follows XDG_CACHE_HOME, else the platform, and can be turned off', () => {
    assert.equal(codeCacheDir({ XDG_CACHE_HOME: '/x/cache' }), join('/x/cache', 'costlint'));
    assert.equal(codeCacheDir({ XDG_CACHE_HOME: '/x/cache', COSTLINT_COMPILE_CACHE: '0' }), null);
    const platform = codeCacheDir({});
    assert.ok(platform?.endsWith('costlint'));
  });
});
