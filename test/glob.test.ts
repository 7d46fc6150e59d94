// test:fast (npm run test:fast: in-process, no CLI or server process)
// costlint.json globs (core/glob.ts): the same answers as picomatch (with `dot: true`, what they
// were matched with before) on the patterns configs use, in time linear in the path on the ones
// that made picomatch backtrack for seconds or minutes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import picomatch from 'picomatch';
import { globError, globMatches } from '../server/src/core/glob';

const PATTERNS = [
  'src/**',
  '**/*.py',
  '**/fixtures/**',
  'src/generated/**',
  '*.ts',
  'src/*.{ts,tsx}',
  'src/chat/**',
  '**/test_*.py',
  'app/[a-c]*.py',
  'a/**/b',
  '**',
  'docs/?.md',
  '{src,lib}/**/*.js',
  '.github/**',
  '**/.env*',
  'src/**/index.ts',
  'src/chat.py',
  './src/**/*.py',
  'jobs/{nightly,weekly}/*.py',
  'v{1..3}/*.ts',
  'src/**/*.{py,ts}',
  '**/*_test.go',
  'lib/**/*',
  'src/a\\*b.py',
  '*',
  '*/*',
  'src/*/**/x.py',
  '**/x/**',
];
const PATHS = [
  'src/app.ts',
  'src/app.tsx',
  'src/chat.py',
  'src/chat/service.py',
  'src/generated/client.ts',
  'src/x/y/z/index.ts',
  'src/index.ts',
  'app.ts',
  'a/b',
  'a/x/y/b',
  'ab',
  'docs/a.md',
  'docs/ab.md',
  'lib/util.js',
  'src/lib/util.js',
  'lib/deep/er/util.js',
  '.github/workflows/ci.yml',
  '.env.local',
  'config/.env',
  'app/apple.py',
  'app/zebra.py',
  'test/fixtures/a.py',
  'fixtures/b.py',
  'jobs/nightly/run.py',
  'jobs/monthly/run.py',
  'v2/a.ts',
  'v4/a.ts',
  'pkg/x_test.go',
  'x_test.go',
  'src/a*b.py',
  'src/aXb.py',
  'lib',
  'src',
  'src/m/x.py',
  'src/x.py',
  'x/y',
  'q/x/r',
  'x',
];

describe('costlint.json globs', () => {
  it('answer as picomatch (dot: true) did, on the patterns configs use', () => {
    const differ: string[] = [];
    for (const p of PATTERNS) {
      const reference = picomatch(p, { dot: true });
      for (const path of PATHS)
        if (globMatches(p, path) !== reference(path)) differ.push(`${p} ~ ${path}: ${globMatches(p, path)}, picomatch ${reference(path)}`);
    }
    assert.deepEqual(differ, []);
  });

  it('[!a-c] is the characters other than a to c, as in shells and .gitignore (picomatch read the ! as a member)', () => {
    assert.equal(globMatches('app/[!a-c]*.py', 'app/zebra.py'), true);
    assert.equal(globMatches('app/[!a-c]*.py', 'app/apple.py'), false);
    assert.equal(globMatches('app/[^a-c]*.py', 'app/zebra.py'), true);
  });

  it('a leading ! negates', () => {
    assert.equal(globMatches('!src/**', 'src/a.py'), false);
    assert.equal(globMatches('!src/**', 'lib/a.py'), true);
  });

  it('match in time linear in the path where picomatch backtracked (23 s for a 60-character name)', { timeout: 10_000 }, () => {
    for (const [pattern, name] of [
      ['*a*a*a*a*a*a*a*a*b', 'a'.repeat(4000) + '.py'],
      ['**/*a*a*a*a*a*a*a*a*a*a*a*a*b', `x/${'a'.repeat(4000)}`],
      ['a**a**a**a**a**a**a**a**b', 'a'.repeat(4000)],
      ['{a,b}*{a,b}*{a,b}*{a,b}*c', 'ab'.repeat(2000)],
    ] as const) {
      const t = performance.now();
      assert.equal(globMatches(pattern, name), false);
      assert.ok(performance.now() - t < 1000, `${pattern}: ${(performance.now() - t).toFixed(0)} ms`);
    }
  });

  it('refuse what they cannot match safely, saying why', () => {
    assert.match(globError('@(a*)*(a*)*(a*)*(a*)x') ?? '', /extglob/);
    assert.match(globError('src/!(generated)/**') ?? '', /extglob/);
    assert.match(globError('[[:alpha:]]*.py') ?? '', /POSIX/);
    assert.match(globError('{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}') ?? '', /more than 256/);
    assert.match(globError('x'.repeat(2000)) ?? '', /at most 1024/);
    assert.equal(globError('src/**/*.{py,ts}'), null);
  });
});
