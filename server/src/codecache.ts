// Loading a large CommonJS bundle through a V8 code cache. The CLI bundle is 11 MB (TypeScript is
// most of it); compiling it, and then compiling lazily each function a run calls, is about 0.4 s
// of every `costlint` run. The bytecode V8 produced in one run is kept in the user's cache folder
// and given back to V8 in the next, which skips that work when the bundle and Node are the same.
// (Node 22's `module.enableCompileCache` does this for every module; costlint supports Node 20.)
//
// V8 checks a cache against the source and its own version and flags, and rejects one that does
// not match; the file name also holds the bundle's path, size and time and Node's version, so a new
// build or Node writes a new file, and a new build's file replaces the old build's (one per install
// and Node, not one more per build). Any failure to read or write the cache only costs the time.
import { isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';

/** The folder code caches go to: `$XDG_CACHE_HOME/costlint` or the platform's cache folder; null when `COSTLINT_COMPILE_CACHE=0`. */
export function codeCacheDir(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.COSTLINT_COMPILE_CACHE === '0') return null;
  let base = env.XDG_CACHE_HOME;
  if (!base) {
    const home = homedir();
    if (process.platform === 'win32') base = env.LOCALAPPDATA ?? join(home, 'AppData', 'Local');
    else if (process.platform === 'darwin') base = join(home, 'Library', 'Caches');
    else base = join(home, '.cache');
  }
  return join(base, 'costlint');
}

function hash(s: string): string {
  return createHash('sha256').update(s).digest('hex').slice(0, 12);
}

export interface CachedLoad {
  exports: unknown;
  /** Where the cache is (null: none is kept), and whether V8 took it for this load. */
  cachePath: string | null;
  usedCache: boolean;
  /** The bytecode compiled so far, as a cache another thread can load the same file with (`o.cachedData`). */
  codeCache(): Buffer;
}

/** Where `file`'s cache is kept in `cacheDir` (`path`), and the start every build's cache of that install shares (`prefix`); null without a folder. */
export function cacheFileOf(file: string, cacheDir: string | null): { path: string; prefix: string } | null {
  if (!cacheDir) return null;
  const st = statSync(file);
  // `<bundle>-<install>-<build>.v8`: one file per installed bundle and Node, replaced by each new build of it.
  const prefix = `${basename(file)}-${hash(`${file}\0${process.version}\0${process.arch}`)}-`;
  return { path: join(cacheDir, `${prefix}${hash(`${st.size}\0${st.mtimeMs}`)}.v8`), prefix };
}

/** Writes a cache when the process exits (`data` then: none, nothing written), replacing the earlier builds' of the same install. */
export function writeCacheAtExit(at: { path: string; prefix: string }, data: () => Uint8Array | undefined): void {
  process.once('exit', () => {
    try {
      const bytes = data();
      if (!bytes) return;
      mkdirSync(dirname(at.path), { recursive: true });
      // Written aside and renamed: two runs at once never read half a file.
      const temp = `${at.path}.${process.pid}.tmp`;
      writeFileSync(temp, bytes);
      renameSync(temp, at.path);
      // Earlier builds of the same install: their caches can never be used again (3 to 8 MB each).
      for (const f of readdirSync(dirname(at.path))) {
        if (f.startsWith(at.prefix) && f.endsWith('.v8') && join(dirname(at.path), f) !== at.path) rmSync(join(dirname(at.path), f), { force: true });
      }
    } catch {
      // A read-only or full disk: the next run compiles again.
    }
  });
}

/**
 * Runs the CommonJS file `file` as a module (its `require`, `module`, `__filename` and
 * `__dirname` are its own) and returns its exports. Without a usable cache on disk, the cache is
 * written when the process exits (`o.write`): by then it holds every function the run compiled.
 * `o.cachedData`, bytecode another thread compiled, is used when the disk has none.
 */
export function loadWithCodeCache(file: string, cacheDir: string | null = codeCacheDir(), o: { write?: boolean; cachedData?: Uint8Array } = {}): CachedLoad {
  // The bundles are ASCII (the build checks): read as bytes and taken as Latin-1, which only copies
  // them. In a fresh process, Node 20's UTF-8 read of the 5 MB program takes about 51 ms, this 34 ms
  // (most of the rest is the new memory's page faults).
  const bytes = readFileSync(file);
  const source = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
  const at = cacheFileOf(file, cacheDir);
  let onDisk: Buffer | undefined;
  try {
    onDisk = at ? readFileSync(at.path) : undefined;
  } catch {
    onDisk = undefined;
  }
  const cached = onDisk ?? (o.cachedData && Buffer.from(o.cachedData.buffer, o.cachedData.byteOffset, o.cachedData.byteLength));
  // The wrapper Node puts around a CommonJS module; a #! line is not JavaScript.
  const body = source.startsWith('#!') ? `//${source.slice(2)}` : source;
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${body}\n})`, { filename: file, cachedData: cached });
  const usedCache = !!cached && !script.cachedDataRejected;
  // Written unless the disk's was taken (bytecode given by another thread is written too: it came from no disk).
  if (at && !(onDisk && usedCache) && o.write !== false) writeCacheAtExit(at, () => script.createCachedData());
  const mod = new Module(file, module);
  mod.filename = file;
  mod.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(dirname(file));
  const require = createRequire(file);
  (script.runInThisContext() as (...args: unknown[]) => void).call(mod.exports, mod.exports, require, mod, file, dirname(file));
  mod.loaded = true;
  return { exports: mod.exports, cachePath: at?.path ?? null, usedCache, codeCache: () => script.createCachedData() };
}
