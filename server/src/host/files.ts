// Finds the files the CLI lints: supported source files and notebooks under the given
// paths, honouring .gitignore files (nested ones included) and skipping dependency and
// virtual-environment folders.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { languageOfPath } from '../core/analyze';

const SKIP_DIRS = new Set([
  'node_modules',
  '.git',
  '.hg',
  '.svn',
  '__pycache__',
  '.venv',
  'venv',
  '.tox',
  '.nox',
  '.mypy_cache',
  '.pytest_cache',
  '.ruff_cache',
  'site-packages',
  '.next',
  '.turbo',
]);

export function isLintable(path: string): boolean {
  return languageOfPath(path) !== null || path.toLowerCase().endsWith('.ipynb');
}

interface Rules {
  base: string;
  ig: Ignore;
}

/**
 * Each folder's entries as a walk listed them (every entry, linted or not), by absolute path: a
 * lookup that would list a folder or `stat` a name in it asks here first (the import graph's
 * candidates, each folder's costlint.json). On Linux only, where a name is what the file system
 * compares; elsewhere `./Llm` may open `llm.ts`, and the callers ask the disk.
 */
export class FolderListings {
  private readonly sets = new Map<string, ReadonlySet<string>>();

  constructor(private readonly entries: ReadonlyMap<string, readonly string[]>) {}

  /** A folder's entries, or undefined when the walk did not list it (or not on Linux). */
  names(dir: string): ReadonlySet<string> | undefined {
    if (process.platform !== 'linux') return undefined;
    let names = this.sets.get(dir);
    if (!names) {
      const listed = this.entries.get(dir);
      if (!listed) return undefined;
      this.sets.set(dir, (names = new Set(listed)));
    }
    return names;
  }
}

/**
 * The files to lint under `paths`, the paths that do not exist, and the entries of each folder the
 * walk listed (`listings`).
 */
export function collectFiles(
  paths: string[],
  cwd: string,
  /** Called once when the walk has found this many files (`at`), with them: the CLI starts its other threads then, not after the walk. */
  many?: { at: number; then: (found: readonly string[]) => void },
): { files: string[]; missing: string[]; listings: FolderListings } {
  const files: string[] = [];
  const missing: string[] = [];
  const listings = new Map<string, string[]>();
  for (const p of paths) {
    const full = isAbsolute(p) ? p : join(cwd, p);
    if (!existsSync(full)) {
      missing.push(p);
      continue;
    }
    const st = statSync(full);
    if (st.isFile()) files.push(full);
    else if (st.isDirectory()) walk(full, gitignoresAbove(full), files, listings, many);
  }
  return { files: [...new Set(files)].sort(), missing, listings: new FolderListings(listings) };
}

/** .gitignore files between the repository root (the nearest folder with .git) and dir. */
function gitignoresAbove(dir: string): Rules[] {
  const chain: string[] = [];
  for (let d = dir; ;) {
    chain.unshift(d);
    if (existsSync(join(d, '.git'))) break;
    const parent = join(d, '..');
    if (parent === d) return []; // not in a repository: only .gitignore files below dir apply
    d = parent;
  }
  return chain.slice(0, -1).flatMap((d) => readRules(d));
}

function readRules(dir: string): Rules[] {
  const file = join(dir, '.gitignore');
  if (!existsSync(file)) return [];
  try {
    return [{ base: dir, ig: ignore().add(readFileSync(file, 'utf8')) }];
  } catch {
    return [];
  }
}

function ignored(path: string, isDir: boolean, rules: Rules[]): boolean {
  for (const r of rules) {
    const rel = relative(r.base, path).split(sep).join('/');
    if (!rel || rel.startsWith('..')) continue;
    if (r.ig.ignores(isDir ? `${rel}/` : rel)) return true;
  }
  return false;
}

function walk(
  dir: string,
  inherited: Rules[],
  out: string[],
  listings: Map<string, string[]>,
  many?: { at: number; then: (found: readonly string[]) => void },
): void {
  const rules = [...inherited, ...readRules(dir)];
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  listings.set(
    dir,
    entries.map((e) => e.name),
  );
  for (const e of entries) {
    const full = join(dir, e.name);
    if (e.isDirectory()) {
      if (SKIP_DIRS.has(e.name) || existsSync(join(full, 'pyvenv.cfg'))) continue;
      if (ignored(full, true, rules)) continue;
      walk(full, rules, out, listings, many);
    } else if (e.isFile() && isLintable(e.name) && !ignored(full, false, rules)) {
      if (out.push(full) === many?.at) many.then(out);
    }
  }
}
