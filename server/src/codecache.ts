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

/**
 * Runs the CommonJS file `file` as a module (its `require`, `module`, `__filename` and
 * `__dirname` are its own) and returns its exports. Without a usable cache, the cache is
 * written when the process exits: by then it holds every function the run compiled.
 */
export function loadWithCodeCache(file: string, cacheDir: string | null = codeCacheDir(), o: { write?: boolean; cachedData?: Uint8Array } = {}): CachedLoad {
  const source = readFileSync(file, 'utf8');
  let cachePath: string | null = null;
  let cachePrefix = '';
  let cached: Buffer | undefined;
  if (cacheDir) {
    const st = statSync(file);
    // `<bundle>-<install>-<build>.v8`: one file per installed bundle and Node, replaced by each new build of it.
    cachePrefix = `${basename(file)}-${hash(`${file}\0${process.version}\0${process.arch}`)}-`;
    cachePath = join(cacheDir, `${cachePrefix}${hash(`${st.size}\0${st.mtimeMs}`)}.v8`);
    try {
      cached = readFileSync(cachePath);
    } catch {
      cached = undefined;
    }
  }
  // No cache on disk (none kept, or not written yet): the one given, by the thread that started this one.
  cached ??= o.cachedData && Buffer.from(o.cachedData.buffer, o.cachedData.byteOffset, o.cachedData.byteLength);
  // The wrapper Node puts around a CommonJS module; a #! line is not JavaScript.
  const body = source.startsWith('#!') ? `//${source.slice(2)}` : source;
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${body}\n})`, { filename: file, cachedData: cached });
  const usedCache = !!cached && !script.cachedDataRejected;
  if (cachePath && !usedCache && o.write !== false) {
    const target = cachePath;
    process.once('exit', () => {
      try {
        mkdirSync(dirname(target), { recursive: true });
        // Written aside and renamed: two runs at once never read half a file.
        const temp = `${target}.${process.pid}.tmp`;
        writeFileSync(temp, script.createCachedData());
        renameSync(temp, target);
        // Earlier builds of the same install: their caches can never be used again (3 to 8 MB each).
        for (const f of readdirSync(dirname(target))) {
          if (f.startsWith(cachePrefix) && f.endsWith('.v8') && join(dirname(target), f) !== target) rmSync(join(dirname(target), f), { force: true });
        }
      } catch {
        // A read-only or full disk: the next run compiles again.
      }
    });
  }
  const mod = new Module(file, module);
  mod.filename = file;
  mod.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(dirname(file));
  const require = createRequire(file);
  (script.runInThisContext() as (...args: unknown[]) => void).call(mod.exports, mod.exports, require, mod, file, dirname(file));
  mod.loaded = true;
  return { exports: mod.exports, cachePath, usedCache, codeCache: () => script.createCachedData() };
}
