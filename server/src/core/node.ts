// Node-only helpers for the core's users (server, CLI, tests, bench): where the bundled
// rate cards and WebAssembly files are, in the source tree and in the built bundle.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Analyzer } from './analyze';
import type { PackageVersions } from './callsite';
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

const packageCache = new Map<string, { mtimeMs: number; versions: PackageVersions | null }>();

/**
 * Dependency versions from the package.json nearest to `file` (dependencies, devDependencies,
 * peerDependencies), looking no higher than `root` when given. Cached per package.json until it
 * changes. Undefined when there is none or it cannot be read.
 */
export function packageVersionsFor(file: string, root?: string): PackageVersions | undefined {
  for (let dir = dirname(resolve(file)); ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    let mtimeMs: number | undefined;
    try {
      mtimeMs = statSync(pkg).mtimeMs;
    } catch {
      mtimeMs = undefined;
    }
    if (mtimeMs !== undefined) {
      const cached = packageCache.get(pkg);
      if (cached && cached.mtimeMs === mtimeMs) return cached.versions ?? undefined;
      let versions: PackageVersions | null = null;
      try {
        const json = JSON.parse(readFileSync(pkg, 'utf8')) as Record<string, unknown>;
        versions = {};
        for (const key of ['peerDependencies', 'devDependencies', 'dependencies']) {
          const deps = json[key];
          if (deps && typeof deps === 'object') for (const [k, v] of Object.entries(deps)) if (typeof v === 'string') versions[k] = v;
        }
      } catch {
        versions = null; // a broken package.json says nothing about versions
      }
      packageCache.set(pkg, { mtimeMs, versions });
      return versions ?? undefined;
    }
    if ((root && resolve(dir) === resolve(root)) || dirname(dir) === dir) return undefined;
  }
}

export async function createNodeAnalyzer(rateCardDir = bundledRateCardDir()): Promise<Analyzer> {
  return Analyzer.create({
    rateCards: RateCards.load(readRateCardFiles(rateCardDir)),
    treeSitterWasm: wasmPath('web-tree-sitter.wasm', 'web-tree-sitter/web-tree-sitter.wasm'),
    pythonGrammarWasm: wasmPath('tree-sitter-python.wasm', 'tree-sitter-python/tree-sitter-python.wasm'),
    grammarWasm: {
      ruby: wasmPath('tree-sitter-ruby.wasm', '@vscode/tree-sitter-wasm/wasm/tree-sitter-ruby.wasm'),
      go: wasmPath('tree-sitter-go.wasm', '@vscode/tree-sitter-wasm/wasm/tree-sitter-go.wasm'),
      java: wasmPath('tree-sitter-java.wasm', '@vscode/tree-sitter-wasm/wasm/tree-sitter-java.wasm'),
      csharp: wasmPath('tree-sitter-c-sharp.wasm', '@vscode/tree-sitter-wasm/wasm/tree-sitter-c-sharp.wasm'),
      php: wasmPath('tree-sitter-php.wasm', '@vscode/tree-sitter-wasm/wasm/tree-sitter-php.wasm'),
    },
  });
}
