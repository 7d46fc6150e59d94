// Node-only helpers for the core's users (server, CLI, tests, bench): where the bundled
// rate cards and WebAssembly files are, in the source tree and in the built bundle.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Analyzer } from './analyze';
import { RateCards, type RateCardFile } from './ratecards';

/** Walks up from this file to the first folder that has `rel` (works from src/ and out/). */
function findUp(rel: string): string | undefined {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const candidate = join(dir, rel);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

export function bundledRateCardDir(): string {
  const marker = findUp(join('ratecards', 'openai.json'));
  const dir = marker && dirname(marker);
  if (!dir) throw new Error(`costlint: the ratecards folder was not found above ${__dirname}`);
  return dir;
}

export function readRateCardFiles(dir: string): RateCardFile[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json'))
    .sort()
    .map((f) => ({ path: join(dir, f), text: readFileSync(join(dir, f), 'utf8') }));
}

function wasmPath(bundled: string, pkgPath: string): string {
  // The bundle ships the .wasm files next to it; from source they come from node_modules.
  const local = join(__dirname, bundled);
  return existsSync(local) ? local : require.resolve(pkgPath);
}

export async function createNodeAnalyzer(rateCardDir = bundledRateCardDir()): Promise<Analyzer> {
  return Analyzer.create({
    rateCards: RateCards.load(readRateCardFiles(rateCardDir)),
    treeSitterWasm: wasmPath('web-tree-sitter.wasm', 'web-tree-sitter/web-tree-sitter.wasm'),
    pythonGrammarWasm: wasmPath('tree-sitter-python.wasm', 'tree-sitter-python/tree-sitter-python.wasm'),
  });
}
