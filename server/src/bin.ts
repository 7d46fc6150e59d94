// The `costlint` command. The CLI itself is server/out/costlint.js (built from cli.ts); it is
// loaded through a V8 code cache so that a run does not compile its 11 MB again (codecache.ts).
import { join } from 'node:path';
import { loadWithCodeCache } from './codecache';

const cli = loadWithCodeCache(join(__dirname, 'costlint.js')).exports as { run(argv: string[]): void };
cli.run(process.argv.slice(2));
