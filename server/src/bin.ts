// The `costlint` command. The CLI itself is server/out/costlint.js (built from cli.ts); it is
// loaded through a V8 code cache so that a run does not compile its 11 MB again (codecache.ts).
// The same file is the entry of the worker threads a large lint run shares its files with.
import { join } from 'node:path';
import { isMainThread, workerData } from 'node:worker_threads';
import { loadWithCodeCache } from './codecache';

// TypeScript is a file of its own (build.mjs), loaded the same way when the program first needs it.
(globalThis as Record<symbol, unknown>)[Symbol.for('costlint.load')] = (name: string) =>
  loadWithCodeCache(join(__dirname, name), undefined, { write: isMainThread }).exports;
// Workers read the cache and leave writing it to the main thread. Without one on disk (the first run,
// or COSTLINT_COMPILE_CACHE=0), a worker loads with the bytecode the main thread had compiled when it
// started the worker (`costlintCode`): it does not compile the 11 MB again.
const loaded = loadWithCodeCache(join(__dirname, 'costlint.js'), undefined, {
  write: isMainThread,
  cachedData: isMainThread ? undefined : (workerData as { costlintCode?: Uint8Array }).costlintCode,
});
const cli = loaded.exports as {
  run(argv: string[]): void;
  lintWorker(data: unknown): Promise<void>;
};
// How the program (cli.ts, a bundle of its own) asks for that bytecode when it starts workers: none when
// this thread loaded from the disk's cache, which the workers read too.
(globalThis as Record<symbol, unknown>)[Symbol.for('costlint.codeCache')] = () => (loaded.usedCache ? undefined : loaded.codeCache());
if (isMainThread) cli.run(process.argv.slice(2));
else void cli.lintWorker(workerData);
