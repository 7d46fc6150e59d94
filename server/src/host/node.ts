// Node-only helpers for the core's users (server, CLI, tests, bench): where the bundled
// rate cards and WebAssembly files are, in the source tree and in the built bundle.
import { existsSync, readdirSync, realpathSync } from 'node:fs';
import { readRegularFile, statOrNull } from './fsread';
import type { FolderListings } from './files';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { Analyzer } from '../core/analyze';
import { languageSpec, TREE_SITTER_LANGUAGES } from '../core/languages';
import type { PackageVersions } from '../core/callsite';
import {
  CONFIG_FILE,
  configIssueAt,
  excludedBy,
  parseConfig,
  settingsFromConfig,
  type ConfigIssue,
  type CostlintConfig,
  type ParsedConfig,
} from '../core/config';
import { RateCards, type PricingOverrides, type RateCardFile } from '../core/ratecards';
import type { AnalysisSettings } from '../core/types';
import { CodeOwners, CODEOWNERS_PATHS } from '../core/owners';
import { measuredOfFile, parseUsageFile, USAGE_FILE, type UsageFile } from '../core/measured/file';

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
    .map((f) => ({ path: join(dir, f), text: readRegularFile(join(dir, f)) }));
}

function wasmPath(bundled: string, pkgPath: string): string {
  // The bundle ships the .wasm files next to it; from source they come from node_modules.
  const local = join(__dirname, bundled);
  return existsSync(local) ? local : require.resolve(pkgPath);
}

/**
 * Stat results memoized for one pass over a project (a CLI run, a workspace scan), when the files
 * are taken as unchanged for its length: looking up each file's costlint.json and package.json
 * then stats each folder once instead of once per file below it.
 */
export class StatMemo {
  private readonly stats = new Map<string, { mtimeMs: number; isFile: boolean } | null>();
  /** `nearest`'s answers by folder, name and root: every file of a folder has its folder's. */
  readonly nearest = new Map<string, Nearest | null>();
  /** Each project root's CODEOWNERS path (null: none), looked for once, not three lookups per file. */
  readonly codeOwners = new Map<string, string | null>();

  /**
   * `listed`: the folders the caller's walk listed; a path its folder's listing does not name is
   * missing without a `stat` (each folder's costlint.json and usage file: 12,000 `stat`s on the
   * bench's 6,000 folders otherwise).
   */
  constructor(private readonly listed?: FolderListings) {}

  stat(path: string): { mtimeMs: number; isFile: boolean } | null {
    let s = this.stats.get(path);
    if (s === undefined) {
      s = this.listed?.names(dirname(path))?.has(basename(path)) === false ? null : stamp(path);
      this.stats.set(path, s);
    }
    return s;
  }
}

function stamp(path: string): { mtimeMs: number; isFile: boolean } | null {
  const st = statOrNull(path);
  return st && { mtimeMs: st.mtimeMs, isFile: st.isFile() };
}

/** A file's stamp, through the pass's memo when there is one. */
const stampOf = (path: string, memo?: StatMemo) => (memo ? memo.stat(path) : stamp(path));

/**
 * The entry named `name` nearest to `file` (its own folder first, then each one above), looking no
 * higher than `root` when given: its path and stamp (a folder or a FIFO too: the caller says what
 * that means), or null when there is none.
 */
function nearest(file: string, name: string, root: string | undefined, memo?: StatMemo): Nearest | null {
  return nearestFrom(dirname(resolve(file)), name, root, memo);
}

type Nearest = { path: string; st: { mtimeMs: number; isFile: boolean } };

/**
 * `nearest` from a folder: with a memo, each folder is asked once per name, not once per file below
 * it (walking up from each of 10,000 files was most of what the CLI spent on their settings).
 */
function nearestFrom(dir: string, name: string, root: string | undefined, memo?: StatMemo): Nearest | null {
  const key = `${name}\0${root ?? ''}\0${dir}`;
  const known = memo?.nearest.get(key);
  if (known !== undefined) return known;
  const path = join(dir, name);
  const st = stampOf(path, memo);
  const found = st ? { path, st } : (root && resolve(dir) === resolve(root)) || dirname(dir) === dir ? null : nearestFrom(dirname(dir), name, root, memo);
  memo?.nearest.set(key, found);
  return found;
}

/** A file's text parsed once per change of the file (by its modification time); `unreadable` says why it could not be read. */
function parsedOnce<T>(
  cache: Map<string, { mtimeMs: number; value: T }>,
  path: string,
  mtimeMs: number,
  parse: (text: string) => T,
  unreadable: (why: string) => T,
): T {
  const cached = cache.get(path);
  if (cached && cached.mtimeMs === mtimeMs) return cached.value;
  let value: T;
  try {
    value = parse(readRegularFile(path));
  } catch (e) {
    value = unreadable((e as NodeJS.ErrnoException).code ?? (e as Error).message);
  }
  cache.set(path, { mtimeMs, value });
  return value;
}

/** A problem with a whole file (placed at its start). */
function fileIssue(message: string): ConfigIssue {
  const at = { line: 0, character: 0 };
  return { message, path: '', span: { start: 0, end: 0 }, range: { start: at, end: at } };
}

const packageCache = new Map<string, { mtimeMs: number; value: PackageVersions | null }>();

/**
 * Dependency versions from the package.json nearest to `file` (dependencies, devDependencies,
 * peerDependencies), looking no higher than `root` when given. Cached per package.json until it
 * changes. Undefined when there is none or it cannot be read.
 */
export function packageVersionsFor(file: string, root?: string, memo?: StatMemo): PackageVersions | undefined {
  const found = nearest(file, 'package.json', root, memo);
  if (!found) return undefined;
  const parse = (text: string): PackageVersions | null => {
    let json: Record<string, unknown>;
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return null; // a broken package.json says nothing about versions
    }
    if (json === null) return null;
    const versions: PackageVersions = {};
    for (const key of ['peerDependencies', 'devDependencies', 'dependencies']) {
      const deps = json[key];
      if (deps && typeof deps === 'object') for (const [k, v] of Object.entries(deps)) if (typeof v === 'string') versions[k] = v;
    }
    return versions;
  };
  return parsedOnce(packageCache, found.path, found.st.mtimeMs, parse, () => null) ?? undefined;
}

export interface LoadedConfig extends ParsedConfig {
  /** The costlint.json that applies, or null when there is none up to the root. */
  path: string | null;
}

const configCache = new Map<string, { mtimeMs: number; value: ParsedConfig }>();

/**
 * The costlint.json nearest to `file` (a monorepo's package may have its own), looking no higher
 * than `root` when given. Parsed once per change of the file; problems come back as issues with
 * their ranges, and the fields at fault fall back to their defaults.
 */
export function configFor(file: string, root?: string, memo?: StatMemo): LoadedConfig {
  const found = nearest(file, CONFIG_FILE, root, memo);
  if (!found) return { path: null, config: {}, issues: [] };
  const { path, st } = found;
  // A folder, a FIFO or a device under that name: said, and not read (reading a FIFO blocks).
  if (!st.isFile) return { path, config: {}, issues: [fileIssue('not a regular file (a folder, a FIFO or a device): not read, the defaults apply')] };
  return { path, ...parsedOnce(configCache, path, st.mtimeMs, parseConfig, (why) => ({ config: {}, issues: [fileIssue(`unreadable: ${why}`)] })) };
}

export interface LoadedUsage {
  /** The costlint.usage.json that applies, or null when there is none up to the root. */
  path: string | null;
  data: UsageFile | null;
  /** Why it is not used (not valid JSON, not the schema), at its place. */
  issues: ConfigIssue[];
}

const usageCache = new Map<string, { mtimeMs: number; value: { data: UsageFile | null; issues: ConfigIssue[] } }>();

/**
 * The costlint.usage.json nearest to `file` (`costlint usage import --write` puts it beside the
 * project's costlint.json), looking no higher than `root`. Parsed once per change of the file.
 */
export function usageFileFor(file: string, root?: string, memo?: StatMemo): LoadedUsage {
  const found = nearest(file, USAGE_FILE, root, memo);
  if (!found) return { path: null, data: null, issues: [] };
  const { path, st } = found;
  if (!st.isFile) return { path, data: null, issues: [fileIssue('not a regular file: not read, no measured usage applies')] };
  return { path, ...parsedOnce(usageCache, path, st.mtimeMs, parseUsageFile, (why) => ({ data: null, issues: [fileIssue(`unreadable: ${why}`)] })) };
}

const ownersCache = new Map<string, { stamp: string; owners: CodeOwners | null }>();

/** The CODEOWNERS of a project root (`.github/`, the root or `docs/`, GitHub's order), or null. Read once per change. */
export function codeOwnersOf(root: string, memo?: StatMemo): CodeOwners | null {
  let path = memo?.codeOwners.get(root);
  if (path === undefined) {
    path = CODEOWNERS_PATHS.map((p) => join(root, p)).find((p) => stampOf(p, memo)?.isFile) ?? null;
    memo?.codeOwners.set(root, path);
  }
  if (!path) return null;
  const st = stampOf(path, memo)!;
  const key = `${path}|${st.mtimeMs}`;
  const cached = ownersCache.get(root);
  if (cached?.stamp === key) return cached.owners;
  let owners: CodeOwners | null;
  try {
    owners = new CodeOwners(readRegularFile(path));
  } catch {
    owners = null; // an unreadable CODEOWNERS owns nothing
  }
  ownersCache.set(root, { stamp: key, owners });
  return owners;
}

export interface ProjectSettings {
  /** The settings for the file: `base` under its costlint.json, with the project's rate cards. */
  settings: Partial<AnalysisSettings>;
  config: LoadedConfig;
  /** The config's problems, and those of the rate-card files and pricing it names (at their fields). */
  issues: ConfigIssue[];
  /** Why the file is not analyzed (costlint.json `include` / `exclude`), or null. */
  excluded: string | null;
  /** The costlint.usage.json that applies, when there is one (its problems are not the config's). */
  usage?: LoadedUsage;
}

export interface ProjectOptions {
  /** The workspace root: no costlint.json above it applies, and no rate-card file outside it is read. */
  root?: string;
  /** The editor's or the command line's own settings; the config wins over them. */
  base: Partial<AnalysisSettings>;
  /** The bundled rate cards, which the config's pricing builds on. */
  cards: RateCards;
  /** False in an untrusted workspace: the config's rate-card files are not read. */
  trusted?: boolean;
  /** How assumptions name the config file (a path relative to the workspace, or its name). */
  name?: (configPath: string) => string;
  /** Stats shared by one pass over the project (see `StatMemo`). */
  memo?: StatMemo;
}

const pricingCache = new WeakMap<CostlintConfig, { stamp: string; cards: RateCards; issues: ConfigIssue[] }>();

/**
 * Everything the nearest costlint.json says about one file: its analysis settings (with the
 * project's rate cards, discounts and model mappings built once per state of the files involved),
 * whether it is excluded, and every problem found, placed at the config field at fault.
 */
export function projectSettings(file: string, o: ProjectOptions): ProjectSettings {
  const project = configuredSettings(file, o);
  const owners = o.root ? codeOwnersOf(o.root, o.memo) : null;
  if (owners) {
    const of = owners.ownersOf(relative(o.root!, resolve(file)).split(sep).join('/'));
    if (of.length) project.settings.owners = of;
  }
  const usage = usageFileFor(file, o.root, o.memo);
  if (!usage.path) return project;
  project.usage = usage;
  if (usage.data) {
    const rel = relative(dirname(usage.path), resolve(file)).split(sep).join('/');
    const measured = measuredOfFile(usage.data, rel, o.name?.(usage.path) ?? USAGE_FILE);
    if (measured) project.settings.measuredById = measured;
  }
  return project;
}

function configuredSettings(file: string, o: ProjectOptions): ProjectSettings {
  const config = configFor(file, o.root, o.memo);
  if (!config.path) return { settings: { ...o.base }, config, issues: [], excluded: null };
  const name = o.name?.(config.path) ?? CONFIG_FILE;
  const rel = relative(dirname(config.path), resolve(file));
  const settings = settingsFromConfig(config.config, o.base, name, rel);
  const issues = [...config.issues];
  const c = config.config;
  if (c.rateCards?.length || c.models || c.discounts) {
    const priced = projectPricing(config.path, c, config.text ?? '', o, name);
    settings.rateCards = priced.cards;
    issues.push(...priced.issues);
  }
  return { settings, config, issues, excluded: excludedBy(c, rel, name) };
}

/**
 * The problems of a costlint.json's text (as an editor holds it, saved or not): its own, and with
 * `cards`, those of the rate-card files, discounts and model mappings it names.
 */
export function configTextIssues(path: string, text: string, o: { root?: string; cards?: RateCards; trusted?: boolean }): ConfigIssue[] {
  const parsed = parseConfig(text);
  const c = parsed.config;
  if (!o.cards || !(c.rateCards?.length || c.models || c.discounts)) return parsed.issues;
  return [...parsed.issues, ...projectPricing(path, c, text, { root: o.root, base: {}, cards: o.cards, trusted: o.trusted }, basename(path)).issues];
}

function projectPricing(configPath: string, c: CostlintConfig, text: string, o: ProjectOptions, name: string): { cards: RateCards; issues: ConfigIssue[] } {
  const trusted = o.trusted !== false;
  const files = (c.rateCards ?? []).map((f) => resolve(dirname(configPath), f));
  const stamp = [trusted, ...files.map((f) => stampOf(f, o.memo)?.mtimeMs ?? 'missing')].join('|');
  const cached = pricingCache.get(c);
  if (cached && cached.stamp === stamp) return cached;
  const issues: ConfigIssue[] = [];
  const overrides: PricingOverrides = { files: [], models: c.models, discounts: c.discounts, source: name };
  files.forEach((path, i) => {
    const at = ['rateCards', i];
    if (!trusted) return issues.push(configIssueAt(text, at, `${c.rateCards![i]} is not loaded: the workspace is not trusted (the bundled prices apply)`));
    if (o.root && !inside(o.root, path)) return issues.push(configIssueAt(text, at, `${c.rateCards![i]} is outside the workspace: not read`));
    try {
      overrides.files!.push({ file: { path: relative(dirname(configPath), path).split(sep).join('/'), text: readRegularFile(path) }, at });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      issues.push(
        configIssueAt(
          text,
          at,
          `${c.rateCards![i]} cannot be read (${code === 'ENOTREG' ? 'not a regular file' : code === 'ENOENT' ? 'no such file' : (code ?? (e as Error).message)})`,
        ),
      );
    }
  });
  const r = o.cards.withOverrides(overrides);
  for (const i of r.issues) issues.push(configIssueAt(text, i.path, i.message));
  const entry = { stamp, cards: r.cards, issues };
  pricingCache.set(c, entry);
  return entry;
}

/** True when `path` (symlinks resolved) is inside `root`. */
function inside(root: string, path: string): boolean {
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    real = resolve(path);
  }
  let base: string;
  try {
    base = realpathSync(root);
  } catch {
    base = resolve(root);
  }
  const rel = relative(base, real);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** The analyzer with the bundled (or given) rate cards; `lazy`: grammars load on `prepare` (the server). */
export async function createNodeAnalyzer(rateCardDir = bundledRateCardDir(), lazy = false): Promise<Analyzer> {
  return Analyzer.create(
    {
      rateCards: RateCards.load(readRateCardFiles(rateCardDir)),
      treeSitterWasm: wasmPath('web-tree-sitter.wasm', 'web-tree-sitter/web-tree-sitter.wasm'),
      pythonGrammarWasm: wasmPath(languageSpec('python').grammar!.file, languageSpec('python').grammar!.module),
      // Every tree-sitter grammar the registry names (languages/).
      grammarWasm: Object.fromEntries(TREE_SITTER_LANGUAGES.map((id) => [id, wasmPath(languageSpec(id).grammar!.file, languageSpec(id).grammar!.module)])),
    },
    lazy,
  );
}
