// Node-only: resolves imports to workspace files for the analyzer's ImportHost (where each language's
// imports may lead is candidates.ts), and reads what the analysis asks of the project around a file:
// siblings, prompt files and images, settings, environment schemas, registrations. Never outside the
// workspace root: `..` chains and symlinks that leave it resolve to nothing.
import type * as EnvSchema from '../core/recognizers/typescript/envschema';
import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync, statSync, type Stats } from 'node:fs';
import { readRegularFile, statOrNull } from './fsread';
import { folderNames, type MayHold, ModuleCandidates, nearestAbove } from './candidates';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { languageOfPath } from '../core/analyze';
import type { Language } from '../core/types';
import { imageSize } from 'image-size';
import { parseAllDocuments } from 'yaml';
import { parse as parseJsonc } from 'jsonc-parser';
import type { ImageSizeResult, ImportHost, ModuleSource, PromptFileRef, PromptFileResult } from '../core/workspace';

const MAX_PROMPT_FILE = 1_000_000;
const MAX_IMAGE_FILE = 50_000_000;
/** A package's files larger than this (generated code) are not read for the names they declare. */
const MAX_SIBLING_FILE = 2_000_000;
/** Files kept read for imports and siblings, in characters in all (the server keeps its host for the session), and the largest kept. */
const MAX_CACHED_CHARS = 8_000_000;
const MAX_CACHED_SOURCE = 256_000;

export interface OpenDocument {
  text: string;
  version: number;
}

/** Registrations of an interface by a factory or an instance (`AddSingleton<IChatClient>(sp => ...)`): what they make is not read here. */
const REGISTRATION_OTHER = /\.Add(?:Keyed)?(?:Scoped|Singleton|Transient)\s*<\s*([\w.]+)(?:<[^<>]*(?:<[^<>]*>[^<>]*)*>)?\s*>\s*\(/g;
/** The AI libraries' registration helpers, by the interface they register (`AddChatClient(...)`, Semantic Kernel's `AddOpenAIChatCompletion(...)`). */
const REGISTRATION_HELPERS: [RegExp, string[]][] = [
  [/\.Add\w*ChatClient\w*\s*\(/, ['IChatClient']],
  [/\.Add\w*EmbeddingGenerat\w*\s*\(/, ['IEmbeddingGenerator', 'ITextEmbeddingGenerationService']],
  [/\.Add\w*ChatCompletion\w*\s*\(/, ['IChatCompletionService']],
];
/** `.AddScoped<IService, Impl>(` (and Singleton, Transient, keyed): the interface and the class, generic arguments skipped. */
const REGISTRATION =
  /\.Add(?:Keyed)?(?:Scoped|Singleton|Transient)\s*<\s*([\w.]+)(?:<[^<>]*(?:<[^<>]*>[^<>]*)*>)?\s*,\s*([\w.]+)(?:<[^<>]*(?:<[^<>]*>[^<>]*)*>)?\s*>\s*\(/g;

/**
 * A settings document's scalar values by their keys' path joined with `sep` (Spring's `spring.ai.model`,
 * .NET's `OpenAI:Model`), into `values`; a key already there (from a file read before) is kept.
 */
function flattenSettings(v: unknown, sep: string, values: Map<string, string>, prefix = ''): void {
  if (v && typeof v === 'object' && !Array.isArray(v))
    for (const [k, x] of Object.entries(v)) flattenSettings(x, sep, values, prefix ? `${prefix}${sep}${k}` : k);
  else if ((typeof v === 'string' || typeof v === 'number') && !values.has(prefix)) values.set(prefix, String(v));
}

/** Files that may hold a JavaScript project's environment schema (`env.ts`, `env.validation.ts`, `src/env.mjs`, `config.ts`). */
const ENV_SCHEMA_FILE = /^(?!.*\.(?:test|spec|mock|stories|d)\.)(?:[\w.-]*[._-])?(?:env|config|configuration)(?:[._-][\w.-]*)?\.(?:ts|mts|cts|js|mjs|cjs)$/i;
/** Folders never searched for it or for providers: dependencies, builds, tests, mocks, examples. */
const SKIPPED_DIRS = new Set([
  'venv',
  'site-packages',
  '__pycache__',
  'node_modules',
  'dist',
  'build',
  'out',
  'coverage',
  'test',
  'tests',
  '__tests__',
  '__mocks__',
  'mocks',
  'testing',
  'fixtures',
  '__fixtures__',
  'e2e',
  'examples',
  'example',
  'docs',
  'public',
  'assets',
]);
/** NestJS modules, where providers are declared. */
const NEST_MODULE_FILE = /\.module\.(?:ts|mts|js|mjs)$/;
const MAX_PROJECT_FILES = 400;
const MAX_PYTHON_FILES = 5000;
/** Test, mock and story files: never a project's schema or providers. */
const NOT_SOURCE = /\.(?:test|spec|mock|stories|d)\.[cm]?[jt]s$/i;

/**
 * Whether `path` is `root` or inside it; both absolute and normalized (`resolve`, `realpath`). The
 * prefix is compared first: `relative` resolves both paths again, and the graph asks for each of
 * tens of thousands of folders.
 */
export function within(root: string, path: string): boolean {
  if (path === root) return true;
  const prefix = root.endsWith(sep) ? root : root + sep;
  if (path.startsWith(prefix) && !path.startsWith('..', prefix.length)) return true;
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

export class WorkspaceImportHost implements ImportHost {
  /** The workspace folder; nothing outside it is read. */
  readonly root: string;
  private readonly realRoot: string;
  /** JavaScript: each folder's project folder (with a package.json), null for none (`jsProject`). */
  private readonly jsProjects = new Map<string, string | null>();
  /** Files of a project by name pattern (`projectFiles`). */
  private readonly listed = new Map<string, string[]>();
  private readonly envParsed = new Map<string, { text: string; values: Map<string, string> }>();
  /** Java: each folder's Spring Boot resources folder, null for none (`appSettings`). */
  private readonly appDirs = new Map<string, string | null>();
  /** Settings files' text, by path, with the time and size it was read at (`settingsFile`). */
  private readonly settingsText = new Map<string, { key: string; text: string }>();
  /** C#: the project folder (holding a .csproj) of each folder asked about, null for none (`csharpProject`). */
  private readonly projects = new Map<string, string | null>();
  /** Files read from disk, by path, with the version they were read at (least recently read first). */
  private readonly disk = new Map<string, ModuleSource>();
  private diskChars = 0;
  /** Where imports may lead (`ModuleCandidates`): the files read through this host. */
  private readonly modules: ModuleCandidates;
  /** Folders' real paths (`realFolder`), when the files are taken as fixed. */
  private readonly realFolders = new Map<string, string>();
  /** The files are taken as unchanged while the host lives (one CLI run): a folder's real path is looked up once. */
  private readonly fixed: boolean;

  /**
   * @param root the workspace folder; nothing outside it is read.
   * @param overlay the text of files open in an editor, which wins over the disk.
   * @param o.fixed the files do not change while the host lives (one CLI run); an editor's host watches them change.
   */
  constructor(
    root: string,
    private readonly overlay: (path: string) => OpenDocument | undefined = () => undefined,
    o: { fixed?: boolean } = {},
  ) {
    this.fixed = o.fixed ?? false;
    this.root = resolve(root);
    this.modules = new ModuleCandidates(this.root, (path) => this.load(path)?.text);
    let real = this.root;
    try {
      real = realpathSync.native(this.root);
    } catch {
      // a root that does not exist resolves nothing
    }
    this.realRoot = real;
  }

  resolve(fromPath: string, specifier: string, language: Language): ModuleSource | undefined {
    for (const c of this.modules.of(fromPath, specifier, language)) {
      const src = this.load(c);
      if (src) return src;
    }
    return undefined;
  }

  /**
   * The files an import may be, in the order `resolve` tries them (the first that exists and loads is
   * the module). With `mayHold`, those it rules out are left out before their paths are made: a
   * Python or JavaScript candidate whose first name under its folder (`app` of `<folder>/app/llm.py`,
   * `client.ts` of `<folder>/client.ts`) that folder cannot hold. `import os` has a candidate in every
   * folder above the importing file, and the import graph asks for thousands of imports.
   */
  moduleCandidates(fromPath: string, specifier: string, language: Language, mayHold?: MayHold): string[] {
    return this.modules.of(fromPath, specifier, language, mayHold);
  }

  /**
   * A source file of the workspace by its path (open documents first), as imports are read. `keep`
   * false: read for one look (the import graph's, which keeps the imports it reads), not kept for
   * the analysis; the graph reads thousands of modules the analysis never asks for.
   */
  source(path: string, keep = true): ModuleSource | undefined {
    return this.load(path, keep);
  }

  /**
   * The path `source` gives a file under, found without reading it (the import graph has read its
   * imports already), or undefined when `source` gives nothing for it.
   */
  sourcePath(path: string): string | undefined {
    return this.locateModule(path)?.abs;
  }

  /** A prompt file read at run time: within the workspace only, text files up to 1 MB. */
  readPromptFile(fromPath: string, ref: PromptFileRef): PromptFileResult {
    const found = this.locate(fromPath, ref, MAX_PROMPT_FILE);
    if ('error' in found) return found;
    return { path: found.path, text: found.open?.text ?? readRegularFile(found.path) };
  }

  /** An image sent in a request: its size from the file's header, within the workspace only. */
  readImageSize(fromPath: string, ref: PromptFileRef): ImageSizeResult {
    const found = this.locate(fromPath, ref, MAX_IMAGE_FILE);
    if ('error' in found) return found;
    try {
      const { width, height } = imageSize(readFileSync(found.path));
      if (!width || !height) return { error: `${ref.path}: no image size in its header` };
      return { path: found.path, width, height };
    } catch (e) {
      return { error: `${ref.path} is not an image costlint can read (${(e as Error).message})` };
    }
  }

  /** Where a file read at run time is: relative to the file or the root, never outside the workspace. */
  private locate(fromPath: string, ref: PromptFileRef, maxBytes: number): { path: string; open?: OpenDocument } | { error: string } {
    const where = ref.base === 'file' ? [dirname(resolve(fromPath))] : [this.root, dirname(resolve(fromPath))];
    for (const dir of where) {
      const abs = resolve(dir, ref.path);
      if (!within(this.root, abs)) return { error: `${ref.path} is outside the workspace: not read` };
      const open = this.overlay(abs);
      if (open) return { path: abs, open };
      try {
        const st = statSync(abs);
        if (!st.isFile()) continue;
        if (!within(this.realRoot, realpathSync.native(abs))) return { error: `${ref.path} links outside the workspace: not read` };
        if (st.size > maxBytes) return { error: `${ref.path} is larger than ${maxBytes / 1_000_000} MB: not read` };
        return { path: abs };
      } catch {
        // not here; try the next base
      }
    }
    return { error: `${ref.path} was not found in the workspace` };
  }

  /**
   * Go: the other `.go` files of the folder (one package); a test file's package includes the
   * tests. C#: the other `.cs` files of the folder, where the other parts of a partial class
   * usually are (the recognizer reads only the parts of its own classes).
   */
  siblings(fromPath: string, language: Language): ModuleSource[] {
    if (language === 'csharp') return this.folderFiles(fromPath, '.cs', () => true);
    if (language !== 'go') return [];
    // Files of the folder that declare another package (a folder of examples, `package main`
    // beside a library) are not this one's: compared on the package clause.
    const tests = fromPath.endsWith('_test.go');
    const pkg = goPackage(this.load(fromPath));
    return this.folderFiles(fromPath, '.go', (src) => (tests || !src.path.endsWith('_test.go')) && goPackage(src) === pkg);
  }

  /**
   * C#: the namespaces of `global using X;` in the .cs files of the project folder (the nearest
   * folder above the file holding a .csproj, where GlobalUsings.cs lives) and of
   * `<Using Include="X" />` in its .csproj; read once per project.
   */
  globalImports(fromPath: string, language: Language): { namespaces: string[]; files: string[] } {
    const none = { namespaces: [], files: [] };
    if (language !== 'csharp') return none;
    const project = this.csharpProject(fromPath);
    if (!project) return none;
    // Read each time (the files are cached by version by `load`): an edit to GlobalUsings.cs counts at once.
    const found: string[] = [];
    const files: string[] = [];
    for (const name of folderNames(project).sort()) {
      const path = join(project, name);
      const text = name.endsWith('.cs') ? (this.load(path)?.text ?? '') : name.endsWith('.csproj') ? (this.settingsFile(path) ?? '') : '';
      const pattern = name.endsWith('.cs') ? /^[ \t]*global[ \t]+using[ \t]+(?:static[ \t]+)?([\w.]+)[ \t]*;/gm : /<Using\s+Include="([\w.]+)"/g;
      const before = found.length;
      for (const m of text.matchAll(pattern)) found.push(m[1]);
      if (found.length > before) files.push(path);
    }
    return { namespaces: found, files };
  }

  /**
   * C#: the project's service registrations with an implementation class, read from the .cs files of
   * the project's top folder (where Program.cs and Startup.cs register them): `AddScoped<I, Impl>()`,
   * `AddSingleton`, `AddTransient` and their keyed forms, by the interface's simple name.
   */
  registrations(fromPath: string, language: Language): { services: Map<string, string[]>; files: string[] } {
    const services = new Map<string, string[]>();
    const files: string[] = [];
    if (language !== 'csharp') return { services, files };
    const project = this.csharpProject(fromPath);
    if (!project) return { services, files };
    const simple = (name: string) => name.split('.').at(-1)!;
    for (const name of folderNames(project).sort()) {
      if (!name.endsWith('.cs')) continue;
      const path = join(project, name);
      const raw = this.load(path)?.text ?? '';
      if (!raw.includes('.Add')) continue;
      files.push(path);
      // Comments are not registrations (a commented-out line, a note).
      const text = raw.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:"'\w])\/\/.*$/gm, '$1');
      const add = (iface: string, impl: string) => services.set(iface, [...(services.get(iface) ?? []), impl]);
      for (const m of text.matchAll(REGISTRATION)) add(simple(m[1]), simple(m[2]));
      // Any other registration of the interface: an implementation not known here ('?').
      for (const m of text.matchAll(REGISTRATION_OTHER)) add(simple(m[1]), '?');
      for (const [re, ifaces] of REGISTRATION_HELPERS) if (re.test(text)) for (const i of ifaces) add(i, '?');
    }
    return { services, files };
  }

  /**
   * Java: the Spring Boot settings of the module the file is in (the nearest folder above it with
   * `src/main/resources/application.properties`, `.yml` or `.yaml`), flattened to dotted keys;
   * re-read when a file changes (by its size and time).
   */
  appSettings(fromPath: string, language: Language): { values: Map<string, string>; files: string[] } {
    const none = { values: new Map<string, string>(), files: [] };
    if (language === 'csharp') return this.dotnetSettings(fromPath);
    if (language !== 'java') return none;
    const app = this.nearest(dirname(resolve(fromPath)), this.appDirs, (d) =>
      existsSync(join(d, 'src', 'main', 'resources')) ? join(d, 'src', 'main', 'resources') : null,
    );
    if (!app) return none;
    const values = new Map<string, string>();
    const files: string[] = [];
    for (const name of ['application.properties', 'application.yml', 'application.yaml']) {
      const path = join(app, name);
      const text = this.settingsFile(path);
      if (text === undefined) continue;
      files.push(path);
      if (name.endsWith('.properties')) {
        for (const line of text.split(/\r?\n/)) {
          const m = /^\s*([^#!\s][^=:\s]*)\s*[=:]\s*(.*?)\s*$/.exec(line);
          if (m && !values.has(m[1])) values.set(m[1], m[2]);
        }
      } else {
        try {
          for (const doc of parseAllDocuments(text)) flattenSettings(doc.toJSON(), '.', values);
        } catch {
          // a broken application.yml: its settings are not read
        }
      }
    }
    return { values, files };
  }

  /**
   * C#: the settings of the project the file is in (the nearest folder above it holding a .csproj):
   * `appsettings.json`, then `appsettings.Development.json` for keys the first does not set, flattened
   * to configuration keys (`OpenAI:Model`); comments and trailing commas allowed, as .NET reads them.
   */
  private dotnetSettings(fromPath: string): { values: Map<string, string>; files: string[] } {
    const values = new Map<string, string>();
    const files: string[] = [];
    const project = this.csharpProject(fromPath);
    if (!project) return { values, files };
    for (const name of ['appsettings.json', 'appsettings.Development.json']) {
      const path = join(project, name);
      const text = this.settingsFile(path);
      if (text === undefined) continue;
      files.push(path);
      flattenSettings(parseJsonc(text, [], { allowTrailingComma: true }), ':', values);
    }
    return { values, files };
  }

  /**
   * JavaScript and TypeScript: the defaults the project's environment schema gives its variables
   * (`MISTRAL_MODEL: z.string().default('mistral-small-latest')`, Joi's `.default(...)`), keyed by
   * variable name: read from the files named like `env` or `config` of the project (the nearest
   * folder above with a package.json), three folders deep at most, outside dependencies and builds.
   */
  envSchema(fromPath: string, language: Language): { values: Map<string, { value: string; file: string }>; files: string[] } {
    const values = new Map<string, { value: string; file: string }>();
    const files: string[] = [];
    if (language !== 'typescript' && language !== 'javascript') return { values, files };
    const conflicts = new Set<string>();
    const project = this.jsProject(fromPath);
    if (!project) return { values, files };
    for (const path of this.projectFiles(project, ENV_SCHEMA_FILE, 3)) {
      const text = this.settingsFile(path);
      if (text === undefined || !text.includes('.default(')) continue;
      let parsed = this.envParsed.get(path);
      if (parsed?.text !== text) {
        // Read with TypeScript, loaded here when first needed (analyze.ts: most of the program).
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use
        const { envSchemaDefaults } = require('../core/recognizers/typescript/envschema') as typeof EnvSchema;
        this.envParsed.set(path, (parsed = { text, values: envSchemaDefaults(text, path) }));
      }
      if (!parsed.values.size) continue;
      files.push(path);
      // Two schemas giving one variable different defaults: which one applies is not known, none is assumed.
      for (const [k, value] of parsed.values) {
        if (conflicts.has(k)) continue;
        const had = values.get(k);
        if (!had) values.set(k, { value, file: relative(this.root, path) });
        else if (had.value !== value) {
          values.delete(k);
          conflicts.add(k);
        }
      }
    }
    return { values, files };
  }

  /** The JavaScript project a file is in: the nearest folder above it with a package.json, null for none. */
  private jsProject(fromPath: string): string | null {
    return this.nearest(dirname(resolve(fromPath)), this.jsProjects, (d) => (existsSync(join(d, 'package.json')) ? d : null));
  }

  /**
   * The files under `project` (a JavaScript project's folder, or the workspace root for Python) whose names
   * match `pattern`, `maxDepth` folders deep at most, outside dependencies, builds, tests and nested packages;
   * listed once per folder and pattern (at most `maxFiles`).
   */
  private projectFiles(project: string, pattern: RegExp, maxDepth: number, maxFiles = MAX_PROJECT_FILES): string[] {
    const key = `${pattern.source}\0${project}`;
    let found = this.listed.get(key);
    if (found) return found;
    found = [];
    const walk = (dir: string, depth: number) => {
      for (const name of folderNames(dir).sort()) {
        if (found.length >= maxFiles) return;
        const path = join(dir, name);
        if (pattern.test(name) && !NOT_SOURCE.test(name)) found.push(path);
        else if (depth < maxDepth && !SKIPPED_DIRS.has(name) && !name.startsWith('.') && !name.includes('.')) {
          try {
            // Never through a symlink (it may lead out of the workspace), nor into another package of a monorepo.
            if (lstatSync(path).isDirectory() && !existsSync(join(path, 'package.json'))) walk(path, depth + 1);
          } catch {
            // unreadable: skipped
          }
        }
      }
    };
    walk(project, 0);
    this.listed.set(key, found);
    return found;
  }

  /**
   * Python: the modules of the workspace that assign `target` (`Settings.embed_model = ...`), read from the
   * `.py` files six folders deep at most, outside virtual environments, dependencies, tests and examples.
   */
  assignments(_fromPath: string, language: Language, target: string): ModuleSource[] {
    if (language !== 'python') return [];
    const assigns = new RegExp(`(^|[^\\w.])${target.replace(/\./g, '\\.')}\\s*=(?!=)`, 'm');
    const out: ModuleSource[] = [];
    // Read as imports are (`load`: the bounded cache, open documents first), not kept whole like settings files.
    for (const path of this.projectFiles(this.root, /\.py$/, 6, MAX_PYTHON_FILES)) {
      const src = this.load(path);
      if (src?.text.includes(target) && assigns.test(src.text)) out.push(src);
    }
    return out;
  }

  /**
   * JavaScript and TypeScript: the NestJS module (`*.module.ts`) of the project that provides `token`
   * (`{ provide: 'LLM_MODEL', useFactory: ... }`), when exactly one does.
   */
  providerOf(fromPath: string, language: Language, token: string): ModuleSource | undefined {
    if (language !== 'typescript' && language !== 'javascript') return undefined;
    const project = this.jsProject(fromPath);
    if (!project) return undefined;
    const quoted = [`'${token}'`, `"${token}"`, `\`${token}\``];
    const providing = this.projectFiles(project, NEST_MODULE_FILE, 6).filter((path) => {
      const text = this.settingsFile(path);
      return (
        !!text && /\bprovide\s*:/.test(text) && quoted.some((q) => new RegExp(`\\bprovide\\s*:\\s*${q.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`).test(text))
      );
    });
    return providing.length === 1 ? this.load(providing[0]) : undefined;
  }

  /** C#: the project folder of a file (the nearest folder above it holding a .csproj), null for none. */
  private csharpProject(fromPath: string): string | null {
    return this.nearest(dirname(resolve(fromPath)), this.projects, (d) => (folderNames(d).some((n) => n.endsWith('.csproj')) ? d : null));
  }

  /** `nearestAbove` within this workspace. */
  private nearest<T>(dir: string, cache: Map<string, T | null>, read: (dir: string) => T | null): T | null {
    return nearestAbove(this.root, dir, cache, read);
  }

  /**
   * A project settings file's text (a .csproj, application.properties): a regular file of the
   * workspace (not a FIFO, which would block the read; not a symlink leading out) under 1 MB,
   * read again only when its size or time changed; undefined otherwise.
   */
  private settingsFile(path: string): string | undefined {
    try {
      const st = statSync(path);
      if (!st.isFile() || st.size > 1_000_000 || !within(this.realRoot, realpathSync.native(path))) return undefined;
      const key = `${st.mtimeMs}:${st.size}`;
      const kept = this.settingsText.get(path);
      if (kept?.key === key) return kept.text;
      const text = readRegularFile(path);
      this.settingsText.set(path, { key, text });
      return text;
    } catch {
      return undefined;
    }
  }

  /** The other files of `fromPath`'s folder with that extension, that `keep` accepts, within the workspace and the size limit. */
  private folderFiles(fromPath: string, ext: string, keep: (src: ModuleSource) => boolean): ModuleSource[] {
    const from = resolve(fromPath);
    const dir = dirname(from);
    if (!within(this.root, dir)) return [];
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return [];
    }
    const out: ModuleSource[] = [];
    for (const name of names) {
      const path = join(dir, name);
      if (!name.endsWith(ext) || path === from) continue;
      const src = this.load(path);
      if (src && src.text.length <= MAX_SIBLING_FILE && keep(src)) out.push(src);
    }
    return out;
  }

  /**
   * Where `source` reads a file from: its path and stats, or the open document; undefined when it
   * gives nothing (outside the workspace, not a source file, missing, a link leading out).
   */
  private locateModule(path: string): { abs: string; language: Language; open?: OpenDocument; st?: Stats } | undefined {
    const abs = resolve(path);
    if (!within(this.root, abs)) return undefined;
    const language = languageOfPath(abs);
    if (!language) return undefined;
    const open = this.overlay(abs);
    if (open) return { abs, language, open };
    try {
      // Most candidates are not there (`statOrNull` says so without an exception). A host taking the files
      // as fixed looks at a link itself: a plain file's real path is its folder's, looked up once.
      const st = statOrNull(abs, this.fixed);
      if (st?.isSymbolicLink()) {
        // A link (a host taking the files as fixed looks at the link itself): what it leads to must be a file in the workspace.
        const target = statOrNull(abs);
        return target?.isFile() && within(this.realRoot, realpathSync.native(abs)) ? { abs, language, st: target } : undefined;
      }
      if (!st?.isFile()) return undefined;
      // A symlink leading out of the workspace is refused like a `..` path.
      if (!within(this.realRoot, this.fixed ? join(this.realFolder(dirname(abs)), basename(abs)) : realpathSync.native(abs))) return undefined;
      return { abs, language, st };
    } catch {
      return undefined;
    }
  }

  private load(path: string, keep = true): ModuleSource | undefined {
    const at = this.locateModule(path);
    if (!at) return undefined;
    if (at.open) return { path: at.abs, text: at.open.text, language: at.language, version: `doc:${at.open.version}` };
    try {
      return this.read(at.abs, at.language, at.st!, keep);
    } catch {
      return undefined;
    }
  }

  /** A workspace file found to be one (`load`), from the cache when it has not changed; kept there with `keep`. */
  private read(abs: string, language: Language, st: Stats, keep: boolean): ModuleSource {
    const version = `disk:${st.mtimeMs}:${st.size}`;
    // A file read for another file's imports is read again only when it changed (a package's
    // files are each other's siblings: without this, n files read n x n times).
    const known = this.disk.get(abs);
    if (known?.version === version) {
      // Most recently read last: the oldest read go first.
      this.disk.delete(abs);
      this.disk.set(abs, known);
      return known;
    }
    const src: ModuleSource = { path: abs, text: readRegularFile(abs), language, version };
    if (!keep) return src;
    if (known) {
      this.disk.delete(abs);
      this.diskChars -= known.text.length;
    }
    if (src.text.length <= MAX_CACHED_SOURCE) {
      this.disk.set(abs, src);
      this.diskChars += src.text.length;
    }
    for (const [path, old] of this.disk) {
      if (this.diskChars <= MAX_CACHED_CHARS) break;
      this.disk.delete(path);
      this.diskChars -= old.text.length;
    }
    return src;
  }

  /** A folder's real path, looked up once (a host taking the files as fixed). */
  private realFolder(dir: string): string {
    let real = this.realFolders.get(dir);
    if (real === undefined) this.realFolders.set(dir, (real = realpathSync.native(dir)));
    return real;
  }
}

const packages = new WeakMap<ModuleSource, string | null>();

/** A Go file's package name (its `package` clause; `x_test` is `x`'s external tests, a package of its own), or null. */
function goPackage(src: ModuleSource | undefined): string | null {
  if (!src) return null;
  let pkg = packages.get(src);
  if (pkg === undefined) {
    // Comments before the clause (a licence header) are skipped; the clause comes before any declaration.
    pkg = /^\s*package\s+([A-Za-z_]\w*)/m.exec(src.text.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, ''))?.[1] ?? null;
    packages.set(src, pkg);
  }
  return pkg;
}
