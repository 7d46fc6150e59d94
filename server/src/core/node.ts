// Node-only helpers for the core's users (server, CLI, tests, bench): where the bundled
// rate cards and WebAssembly files are, in the source tree and in the built bundle.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Analyzer } from './analyze';
import type { PackageVersions } from './callsite';
import { CONFIG_FILE, parseConfig, type ParsedConfig } from './config';
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

export interface LoadedConfig extends ParsedConfig {
  /** The costlint.json that applies, or null when there is none up to the root. */
  path: string | null;
}

const configCache = new Map<string, { mtimeMs: number; parsed: ParsedConfig }>();

/**
 * The costlint.json nearest to `file` (a monorepo's package may have its own), looking no higher
 * than `root` when given. Parsed once per change of the file; problems come back as issues with
 * their ranges, and the fields at fault fall back to their defaults.
 */
export function configFor(file: string, root?: string): LoadedConfig {
  for (let dir = dirname(resolve(file)); ; dir = dirname(dir)) {
    const path = join(dir, CONFIG_FILE);
    let mtimeMs: number | undefined;
    try {
      const st = statSync(path);
      mtimeMs = st.isFile() ? st.mtimeMs : undefined;
    } catch {
      mtimeMs = undefined;
    }
    if (mtimeMs !== undefined) {
      const cached = configCache.get(path);
      if (cached && cached.mtimeMs === mtimeMs) return { path, ...cached.parsed };
      let parsed: ParsedConfig;
      try {
        parsed = parseConfig(readFileSync(path, 'utf8'));
      } catch (e) {
        const at = { line: 0, character: 0 };
        parsed = { config: {}, issues: [{ message: `unreadable: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, path: '', span: { start: 0, end: 0 }, range: { start: at, end: at } }] };
      }
      configCache.set(path, { mtimeMs, parsed });
      return { path, ...parsed };
    }
    if ((root && resolve(dir) === resolve(root)) || dirname(dir) === dir) return { path: null, config: {}, issues: [] };
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
