// The git operations the CLI needs, through the git command line (no library: git is already
// where costlint runs in CI, and its own plumbing is the stable interface): the repository root,
// the files changed since a revision, and a revision's tree written to a temporary folder.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';

export class GitError extends Error {}

/** Temporary checkouts not removed yet: removed too when the run is interrupted or exits. */
const pending = new Set<() => void>();
let handlersInstalled = false;

/** Runs `dispose` if the process is interrupted (Ctrl+C, a CI job cancelled) or exits first. */
function onInterrupt(dispose: () => void): void {
  pending.add(dispose);
  if (handlersInstalled) return;
  handlersInstalled = true;
  const cleanup = () => {
    for (const d of [...pending]) d();
  };
  process.once('exit', cleanup);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(sig, () => {
      cleanup();
      // The signal again, now without this handler: the process ends as it would have.
      process.kill(process.pid, sig);
    });
  }
}

/**
 * Submodules of the repository holding `cwd` (gitlinks in its index), as absolute paths: a
 * revision's tree never has their files, so a working tree's must be left out too, or every
 * call in them counts as new in a diff.
 */
export function submodulePaths(cwd: string): string[] {
  const root = repoRoot(cwd);
  return git(root, ['ls-files', '--stage', '-z'])
    .split('\0')
    .flatMap((entry) => {
      const m = /^160000 [0-9a-f]+ \d+\t([\s\S]+)$/.exec(entry);
      return m ? [join(root, m[1])] : [];
    });
}

function git(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}, input?: string): string {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, ...env }, input, maxBuffer: 256 * 1024 * 1024 });
  if (r.error) throw new GitError(`git is not available: ${r.error.message}`);
  if (r.status !== 0) throw new GitError(`git ${args[0]} failed: ${(r.stderr || r.stdout).trim().split('\n')[0]}`);
  return r.stdout;
}

/** The top folder of the repository holding `cwd`. */
export function repoRoot(cwd: string): string {
  return resolve(git(cwd, ['rev-parse', '--show-toplevel']).trim());
}

/** The commit a revision names (`main`, `HEAD~1`, a tag), checked to exist. */
export function commitOf(cwd: string, rev: string): string {
  if (rev.startsWith('-')) throw new GitError(`'${rev}' is not a revision`);
  repoRoot(cwd); // not a repository: git's own message
  try {
    return git(cwd, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]).trim();
  } catch (e) {
    if (e instanceof GitError && /git is not available/.test(e.message)) throw e;
    // `--quiet` leaves git's message empty: ours says what was asked for.
    throw new GitError(`no commit '${rev}' in this repository (a branch, tag or commit that exists here; fetch it first in a shallow clone)`);
  }
}

/**
 * Files changed since `rev` in the working tree (committed, staged, unstaged and untracked, not
 * ignored), as absolute paths; deleted files are not listed.
 */
export function changedSince(cwd: string, rev: string): string[] {
  const root = repoRoot(cwd);
  const commit = commitOf(cwd, rev);
  const changed = git(root, ['diff', '--name-only', '--diff-filter=d', '-z', commit, '--']).split('\0');
  const untracked = git(root, ['ls-files', '--others', '--exclude-standard', '-z']).split('\0');
  return [...new Set([...changed, ...untracked].filter(Boolean))].map((f) => join(root, f));
}

/** Files larger than this are not written out: no source file that large is analyzed, and big assets only cost time. */
const MAX_BLOB = 4_000_000;

/**
 * Writes a revision's tree to a new temporary folder (through a temporary index, leaving the
 * repository's own index and working tree alone), without files over 4 MB or submodules (a blob
 * a partial clone or a mirror lacks is then never needed). Returns the folder that corresponds to
 * `cwd` there, and a function that removes it all.
 */
export function checkoutTree(cwd: string, rev: string): { dir: string; dispose: () => void } {
  const root = repoRoot(cwd);
  const commit = commitOf(cwd, rev);
  const tmp = mkdtempSync(join(tmpdir(), 'costlint-rev-'));
  const dispose = () => {
    pending.delete(dispose);
    rmSync(tmp, { recursive: true, force: true });
  };
  onInterrupt(dispose);
  try {
    const env = { GIT_INDEX_FILE: join(tmp, '.index') };
    git(root, ['read-tree', commit], env);
    const paths = git(root, ['ls-tree', '-r', '-l', '-z', commit])
      .split('\0')
      .flatMap((entry) => {
        const m = /^(\d+) blob [0-9a-f]+ +(\d+)\t([\s\S]+)$/.exec(entry);
        return m && m[1] !== '160000' && Number(m[2]) <= MAX_BLOB ? [m[3]] : [];
      });
    const tree = join(tmp, 'tree');
    mkdirSync(tree, { recursive: true });
    if (paths.length) git(root, ['checkout-index', '--force', '-z', '--stdin', `--prefix=${tree}${sep}`], env, `${paths.join('\0')}\0`);
    return { dir: join(tree, relative(root, resolve(cwd))), dispose };
  } catch (e) {
    dispose();
    throw e;
  }
}
