// The `costlint` command. The CLI itself is server/out/costlint.js (built from cli.ts); it is
// loaded through a V8 code cache so that a run does not compile it again (codecache.ts), and so is
// TypeScript, a file of its own (server/out/typescript.js) loaded when the program first needs it.
// The same file is the entry of the worker threads a large lint run shares its files with.
import { join } from 'node:path';
import { isMainThread, workerData } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { type CachedLoad, cacheFileOf, codeCacheDir, loadWithCodeCache, writeCacheAtExit } from './codecache';

/**
 * How the program (cli.ts, a bundle of its own) loads its files and shares their bytecode between
 * threads. Workers read the disk's cache and leave writing it to the main thread. Without one on
 * disk (the first run, or COSTLINT_COMPILE_CACHE=0), a file is loaded with bytecode another thread
 * compiled when there is some (`give`): a worker gets the program's from the main thread when it
 * starts, and the main thread TypeScript's from the workers that loaded it (and keeps it on disk for
 * the next run, whether or not it loaded TypeScript itself).
 */
export interface CostlintLoader {
  load(name: string): unknown;
  /** The bytecode compiled so far for a file this thread loaded without a cache; undefined otherwise. */
  codeOf(name: string): Uint8Array | undefined;
  /** Bytecode for a file this thread has not loaded yet. */
  give(name: string, code: Uint8Array): void;
}

const loads = new Map<string, CachedLoad>();
const given = new Map<string, Uint8Array>();
const loader: CostlintLoader = {
  load(name) {
    let l = loads.get(name);
    if (!l) loads.set(name, (l = loadWithCodeCache(join(__dirname, name), undefined, { write: isMainThread, cachedData: given.get(name) })));
    given.delete(name);
    return l.exports;
  },
  codeOf(name) {
    const l = loads.get(name);
    return l && !l.usedCache ? l.codeCache() : undefined;
  },
  give(name, code) {
    if (loads.has(name)) return;
    // Kept on disk for the next run if this thread never loads it (the workers leave writing to it).
    if (isMainThread && !given.has(name)) {
      const at = cacheFileOf(join(__dirname, name), codeCacheDir());
      if (at && !existsSync(at.path)) writeCacheAtExit(at, () => (loads.has(name) ? undefined : given.get(name)));
    }
    given.set(name, code);
  },
};
(globalThis as Record<symbol, unknown>)[Symbol.for('costlint.loader')] = loader;

const code = isMainThread ? undefined : (workerData as { costlintCode?: Uint8Array }).costlintCode;
if (code) loader.give('costlint.js', code);
const cli = loader.load('costlint.js') as {
  run(argv: string[]): void;
  lintWorker(data: unknown): Promise<void>;
};
if (isMainThread) cli.run(process.argv.slice(2));
else void cli.lintWorker(workerData);
