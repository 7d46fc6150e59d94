// The `costlint` command. The CLI itself is server/out/costlint.js (built from cli.ts); it is
// loaded through a V8 code cache so that a run does not compile its 11 MB again (codecache.ts).
// The same file is the entry of the worker threads a large lint run shares its files with.
import { join } from 'node:path';
import { isMainThread, workerData } from 'node:worker_threads';
import { loadWithCodeCache } from './codecache';

// Workers read the cache and leave writing it to the main thread.
const cli = loadWithCodeCache(join(__dirname, 'costlint.js'), undefined, { write: isMainThread }).exports as {
  run(argv: string[]): void;
  lintWorker(data: unknown): Promise<void>;
};
if (isMainThread) cli.run(process.argv.slice(2));
else void cli.lintWorker(workerData);
