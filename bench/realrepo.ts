// The real-content repository of npm run bench (issue 22): real source files reachable offline,
// the JavaScript and TypeScript npm installed for this project and, where the machine has one,
// Python's standard library (else generated Python), with a few hundred files calling LLM SDKs
// in the shapes applications use: a client made in one module and called in another, a factory,
// a call in the file naming the SDK. Built once into bench/.cache (git-ignored) and reused.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { appUnit, plain } from './generate';

const ROOT = join(__dirname, '..');
/** Bumped when what is built changes: a cache of another version is rebuilt. */
const VERSION = 1;
const MAX_FILE_BYTES = 200_000;

export interface RealRepository {
  dir: string;
  /** Files copied from real sources, by language. */
  real: { js: number; python: number; pythonSource: string };
  /** Files written with LLM calls (and the modules they import their clients from). */
  app: number;
}

/** Every file under `dir` whose name passes `keep`, depth first, sorted: the same list on every machine with the same tree. */
function walk(dir: string, keep: (name: string) => boolean, out: string[] = []): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir).sort();
  } catch {
    return out;
  }
  for (const e of entries) {
    const p = join(dir, e);
    let st;
    try {
      st = statSync(p);
    } catch {
      continue;
    }
    if (st.isDirectory()) walk(p, keep, out);
    else if (st.isFile() && st.size > 0 && st.size <= MAX_FILE_BYTES && keep(e)) out.push(p);
  }
  return out;
}

/** Python's standard library and Debian's Python packages on this machine (/usr/lib/python3.X, /usr/lib/python3/dist-packages). */
function pythonSources(): string[] {
  let dirs: string[] = [];
  try {
    dirs = readdirSync('/usr/lib')
      .filter((d) => /^python3(?:\.\d+)?$/.test(d))
      .sort()
      .map((d) => join('/usr/lib', d));
  } catch {
    // none
  }
  return dirs;
}

/** Every `step`-th of `list`, `count` at most: a spread over the whole tree, not its first packages. */
function spread<T>(list: T[], count: number): T[] {
  if (list.length <= count) return list;
  const step = list.length / count;
  return Array.from({ length: count }, (_, i) => list[Math.floor(i * step)]);
}

/**
 * The repository of `jsFiles` + `pyFiles` real files and `appFiles` with calls, in `bench/.cache`.
 * Rebuilt when missing or of another version.
 */
export function realRepository(jsFiles = 6_000, pyFiles = 3_700, appFiles = 300): RealRepository {
  const dir = join(ROOT, 'bench', '.cache', `real-${VERSION}-${jsFiles}-${pyFiles}-${appFiles}`);
  const summary = join(dir, '.costlint-bench.json');
  if (existsSync(summary)) return JSON.parse(readFileSync(summary, 'utf8')) as RealRepository;
  rmSync(dir, { recursive: true, force: true });
  const nm = join(ROOT, 'node_modules');
  const js = spread(
    walk(nm, (n) => /\.(?:[cm]?js|tsx?)$/.test(n) && !n.endsWith('.d.ts') && !n.endsWith('.min.js')),
    jsFiles,
  );
  for (const f of js) write(join(dir, 'vendor', relative(nm, f)), readFileSync(f));
  const libs = pythonSources();
  const py = spread(
    libs.flatMap((l) => walk(l, (n) => n.endsWith('.py'))),
    pyFiles,
  );
  for (const f of py) write(join(dir, 'pylib', relative('/usr/lib', f)), readFileSync(f));
  // No Python on this machine: generated modules of helpers stand in for it.
  for (let i = py.length; i < pyFiles; i++) write(join(dir, 'pylib', `gen${i % 40}`, `m${i}.py`), plain(i));
  let app = 0;
  for (let i = 0; i < appFiles; i++) {
    const python = i % 3 !== 0;
    const pkg = join(dir, 'app', `svc${i % 30}`);
    for (const [name, text] of Object.entries(appUnit(i, python))) {
      write(join(pkg, name), text);
      app++;
    }
  }
  execFileSync('git', ['init', '-q'], { cwd: dir });
  execFileSync('git', ['add', '-A'], { cwd: dir });
  const out: RealRepository = { dir, real: { js: js.length, python: py.length, pythonSource: libs.join(', ') || 'generated' }, app };
  writeFileSync(summary, JSON.stringify(out));
  return out;
}

function write(path: string, data: string | Buffer): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, data);
}
