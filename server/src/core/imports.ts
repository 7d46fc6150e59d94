// What a file's analysis reads of other modules: the import context a recognizer asks through, and
// each module's exports, kept by path and version for every file that imports it.
import { isJsLanguage, tsRecognizer, type JsLanguage } from './jslanguage';
import { withOrigin } from './recognizers/values';
import type { Language } from './types';
import { ForwardingContext, type ImportContext, type ImportHost, type ModuleExport, type ModuleExports, type ModuleSource, type OpenModule } from './workspace';

/** How many modules deep an import chain is followed (`a` imports `b`, which re-exports `c`...). */
export const MAX_IMPORT_DEPTH = 4;
/** Modules whose exports are kept; the least recently used is dropped beyond this. */
const MAX_CACHED_MODULES = 2000;
/**
 * JavaScript and TypeScript modules kept parsed for the next name asked of them (`OpenModule`), most
 * recently asked first. The files importing a module are mostly read one after another (the same
 * folder); a module dropped is parsed again when asked for a name it has not given yet.
 */
const OPEN_MODULES = 16;

/** How a language's modules give their exports, for the languages that compute every name at once (Python, the tree-sitter languages). */
export interface WholeModuleReader {
  /** Every name the module exports. */
  exports(src: ModuleSource, ctx: ImportContext): ModuleExports;
  /** One member of a class the module exports (`C#attr`), which the class lists (`C#*`); Python only. */
  member?(src: ModuleSource, ctx: ImportContext, name: string): ModuleExport | undefined;
}

interface CachedModule {
  version: string | number;
  /**
   * The module's exports. Read whole (`byName` false): every name, and the members resolved so far.
   * By name: those asked so far that the module exports something known under.
   */
  exports: ModuleExports;
  /** JavaScript and TypeScript: names are computed when first asked; these were, and give nothing. */
  byName?: { none: Set<string> };
  /**
   * What computing its names read (other modules, prompt files, settings files): each file asking it
   * for a name depends on those too, and the entry is dropped when one of them changes (`changed`).
   */
  reads: Set<string>;
  /**
   * Computed at that import depth, where the depth limit cut a chain below it short: valid for lookups
   * at that depth or deeper, and computed again for a shallower one (a package `__init__` first reached
   * at the end of a long chain).
   */
  truncatedAt?: number;
}

export class ModuleLookups {
  private readonly cache = new Map<string, CachedModule>();
  /** Kept with their entry's version: a new entry (a new version, or the depth limit cut the old one short) drops its module. */
  private readonly open = new Map<string, { module: OpenModule; forward: ForwardingContext }>();
  /** Modules whose exports are being computed: one reached again (an import cycle) exports nothing, not even the names it has given. */
  private readonly computing = new Set<string>();

  /**
   * `readerOf`: the reader of a language computing every name at once, when loaded. `unreadable`: a
   * module not to be read (binary data, too large) exports nothing.
   */
  constructor(
    private readonly readerOf: (language: Language) => WholeModuleReader | undefined,
    private readonly unreadable: (text: string) => boolean,
  ) {}

  /** Lookups of other modules' exports for one file; their reads are recorded as dependencies. */
  context(host: ImportHost, fromPath: string, language: Language, depth: number, deps = new Set<string>(), limited?: { hit: boolean }): ImportContext {
    let siblings: ModuleSource[] | undefined;
    // What each specifier resolves to, once per analysis: a Ruby file may name `User` in hundreds of calls.
    const resolved = new Map<string, ModuleSource | undefined>();
    const resolve = (specifier: string): ModuleSource | undefined => {
      if (!resolved.has(specifier)) {
        try {
          resolved.set(specifier, host.resolve(fromPath, specifier, language));
        } catch {
          resolved.set(specifier, undefined);
        }
      }
      return resolved.get(specifier);
    };
    // What another module the host found (not by an import) exports under `key`; it becomes a dependency.
    const exportIn = (src: ModuleSource | undefined, key: string): ModuleExport | undefined => {
      if (!src || src.path === fromPath || depth >= MAX_IMPORT_DEPTH) return undefined;
      deps.add(src.path);
      return this.exportOf(host, src, key, depth + 1, deps);
    };
    return {
      dependencies: deps,
      file: fromPath,
      exportOf: (specifier, name) => {
        if (depth >= MAX_IMPORT_DEPTH) {
          if (limited) limited.hit = true;
          return undefined;
        }
        const src = resolve(specifier);
        if (!src || src.path === fromPath) return undefined;
        deps.add(src.path);
        return this.exportOf(host, src, name, depth + 1, deps, limited);
      },
      inWorkspace: (specifier) => {
        const src = resolve(specifier);
        if (!src) return false;
        // A module file beside the importing file (`airline/agents.py` for `airline/guardrails.py`) is only
        // found that way when the file runs as a script from its folder: not what shadows the SDK. A package
        // (`agents/__init__.py`) or a module elsewhere (the root, `src/`, a folder above) is.
        const folder = (path: string) => path.replace(/[\\/][^\\/]*$/, '');
        return /__init__\.py$/.test(src.path) || folder(src.path) !== folder(fromPath);
      },
      sibling: (name) => {
        if (depth >= MAX_IMPORT_DEPTH || !host.siblings) return undefined;
        siblings ??= host.siblings(fromPath, language);
        for (const src of siblings) {
          const e = this.exportOf(host, src, name, depth + 1, deps);
          if (e) {
            deps.add(src.path);
            return e;
          }
        }
        return undefined;
      },
      // The files that say them are dependencies: an edit to GlobalUsings.cs re-analyzes the project's files.
      appSettings: () => {
        const a = host.appSettings?.(fromPath, language);
        for (const f of a?.files ?? []) deps.add(f);
        return a?.values ?? new Map();
      },
      assignment: (target) => {
        const found = (host.assignments?.(fromPath, language, target) ?? []).filter((src) => src.path !== fromPath);
        // Several modules setting it: set, to no one value (an empty export).
        return found.length === 1 ? exportIn(found[0], `set:${target}`) : found.length ? {} : undefined;
      },
      provider: (token) => exportIn(host.providerOf?.(fromPath, language, token), `provide:${token}`),
      envSchema: () => {
        const e = host.envSchema?.(fromPath, language);
        for (const f of e?.files ?? []) deps.add(f);
        return e?.values ?? new Map();
      },
      registrations: () => {
        const r = host.registrations?.(fromPath, language);
        for (const f of r?.files ?? []) deps.add(f);
        return r?.services ?? new Map();
      },
      globalImports: () => {
        const g = host.globalImports?.(fromPath, language);
        for (const f of g?.files ?? []) deps.add(f);
        return g?.namespaces ?? [];
      },
      promptFile: (ref) => (host.readPromptFile ? readThroughHost(() => host.readPromptFile!(fromPath, ref), deps) : undefined),
      imageSize: (ref) => (host.readImageSize ? readThroughHost(() => host.readImageSize!(fromPath, ref), deps) : undefined),
    };
  }

  /**
   * Files changed (edited, or changed on disk): what was computed from them is computed again when
   * next asked. A module's own version is checked at each lookup; this drops the modules that read
   * them (`export { client } from './openai'`, whose `client` would stay the one `openai.ts` had).
   */
  changed(paths: readonly string[]): void {
    for (const [path, entry] of this.cache) {
      if (paths.includes(path) || paths.some((p) => entry.reads.has(p))) {
        this.cache.delete(path);
        this.open.delete(path);
      }
    }
  }

  /** What module `src` exports under `name`, asked at import depth `depth`; what computing it read becomes a dependency (`deps`). */
  private exportOf(host: ImportHost, src: ModuleSource, name: string, depth: number, deps: Set<string>, limited?: { hit: boolean }): ModuleExport | undefined {
    const entry = this.entry(host, src, depth, limited);
    if (!entry) return undefined;
    const found = this.nameIn(entry, host, src, name, depth, limited);
    for (const r of entry.reads) deps.add(r);
    return found;
  }

  private nameIn(entry: CachedModule, host: ImportHost, src: ModuleSource, name: string, depth: number, limited?: { hit: boolean }): ModuleExport | undefined {
    if (!entry.byName) return entry.exports.get(name) ?? this.member(entry, host, src, name, depth, limited);
    // A module being computed exports nothing, also the names it has given already, as a module read whole does.
    if (this.computing.has(src.path) || entry.byName.none.has(name)) return undefined;
    if (entry.exports.has(name)) return entry.exports.get(name);
    // A member (`C#attr`) is resolved only when its class lists it (`C#*`), as for the languages read whole.
    const member = classMember(name);
    if (member && !this.nameIn(entry, host, src, member.listed, depth, limited)?.members?.includes(member.attr)) {
      entry.byName.none.add(name);
      return undefined;
    }
    const own = { hit: false };
    let found: ModuleExport | undefined;
    this.computing.add(src.path);
    try {
      const open = this.opened(src);
      open.forward.to = this.context(host, src.path, src.language, depth, entry.reads, own);
      found = open.module.exports(name).get(name);
    } catch {
      found = undefined; // a module that cannot be read exports nothing; the importing file is still analyzed
    } finally {
      this.computing.delete(src.path);
    }
    // (A member is kept as its class gives it, as for the languages read whole.)
    if (found) entry.exports.set(name, member ? found : withDeclaredAt(name, found, src.path));
    else entry.byName.none.add(name);
    if (own.hit) {
      entry.truncatedAt = Math.max(entry.truncatedAt ?? depth, depth);
      if (limited) limited.hit = true;
    }
    return entry.exports.get(name);
  }

  /**
   * The module's entry, valid for a lookup at `depth`: kept (refreshed in the LRU order), or new. A module
   * read whole is computed here; null while it is being computed (an import cycle), or when it is unreadable.
   */
  private entry(host: ImportHost, src: ModuleSource, depth: number, limited?: { hit: boolean }): CachedModule | null {
    const cached = this.cache.get(src.path);
    if (cached && cached.version === src.version && (cached.truncatedAt === undefined || depth >= cached.truncatedAt)) {
      if (cached.truncatedAt !== undefined && limited) limited.hit = true;
      this.cache.delete(src.path);
      this.cache.set(src.path, cached);
      return cached;
    }
    if (this.unreadable(src.text) || this.computing.has(src.path)) return null;
    let entry: CachedModule;
    if (isJsLanguage(src.language)) {
      entry = { version: src.version, exports: new Map(), byName: { none: new Set() }, reads: new Set() };
      // A module kept parsed holds what its names' evaluation found (at the depth it was asked from, through the
      // modules read then): a new entry starts from a new parse.
      this.open.delete(src.path);
    } else {
      this.computing.add(src.path);
      const own = { hit: false };
      const reads = new Set<string>();
      let exports: ModuleExports;
      try {
        exports = this.readerOf(src.language)?.exports(src, this.context(host, src.path, src.language, depth, reads, own)) ?? new Map<string, ModuleExport>();
      } catch {
        exports = new Map(); // a module that cannot be read exports nothing; the importing file is still analyzed
      } finally {
        this.computing.delete(src.path);
      }
      for (const [name, e] of exports) exports.set(name, withDeclaredAt(name, e, src.path));
      entry = { version: src.version, exports, reads, ...(own.hit ? { truncatedAt: depth } : {}) };
      if (own.hit && limited) limited.hit = true;
    }
    this.cache.delete(src.path);
    this.cache.set(src.path, entry);
    if (this.cache.size > MAX_CACHED_MODULES) {
      const oldest = this.cache.keys().next().value!;
      this.cache.delete(oldest);
      this.open.delete(oldest);
    }
    return entry;
  }

  /**
   * A member of a class a module read whole exports (`Provider#llm`, `get_llm()#llm`), computed when first asked
   * and kept with the module's exports: the module lists its classes' member names (`C#*`) but resolves one only
   * on demand, since resolving every attribute of every class of a large module follows every caller.
   */
  private member(entry: CachedModule, host: ImportHost, src: ModuleSource, name: string, depth: number, limited?: { hit: boolean }): ModuleExport | undefined {
    const { exports } = entry;
    const member = classMember(name);
    const reader = this.readerOf(src.language);
    if (!member || !reader?.member || !exports.get(member.listed)?.members?.includes(member.attr)) return undefined;
    if (this.computing.has(src.path)) return undefined;
    this.computing.add(src.path);
    let found: ModuleExport | undefined;
    try {
      found = reader.member(src, this.context(host, src.path, src.language, depth, entry.reads, limited), name);
    } catch {
      found = undefined;
    } finally {
      this.computing.delete(src.path);
    }
    // Kept, found or not: the next lookup of the name costs nothing.
    exports.set(name, found ?? {});
    return found;
  }

  /** The module, parsed for its exports: kept open (OPEN_MODULES), or parsed now. */
  private opened(src: ModuleSource): { module: OpenModule; forward: ForwardingContext } {
    let open = this.open.get(src.path);
    this.open.delete(src.path);
    if (!open) {
      const forward = new ForwardingContext({ dependencies: new Set(), exportOf: () => undefined });
      open = { forward, module: tsRecognizer().openTypeScriptModule(src.text, src.language as JsLanguage, forward) };
    }
    this.open.set(src.path, open);
    if (this.open.size > OPEN_MODULES) this.open.delete(this.open.keys().next().value!);
    return open;
  }
}

/** A class member's export name (`C#attr`, `f()#attr`): the attribute, and the name listing the class's members (`C#*`); undefined for another name. */
function classMember(name: string): { attr: string; listed: string } | undefined {
  const hash = name.lastIndexOf('#');
  const attr = hash > 0 ? name.slice(hash + 1) : '';
  return attr && attr !== '*' ? { attr, listed: `${name.slice(0, hash + 1)}*` } : undefined;
}

/** A string constant or a list a module exports keeps where it is declared, for the code lens there. */
function withDeclaredAt(name: string, e: ModuleExport, path: string): ModuleExport {
  if (e.val?.kind === 'str')
    return { ...e, val: { ...e.val, origin: { name: e.val.origin?.name ?? name, span: e.val.origin?.span ?? e.val.span, path: e.val.origin?.path ?? path } } };
  if (e.val?.kind === 'list') return { ...e, val: withOrigin(e.val, name, e.val.span, path) };
  return e;
}

function readThroughHost<R extends { path: string } | { error: string }>(read: () => R, deps: Set<string>): R | { error: string } {
  let r: R | { error: string };
  try {
    r = read();
  } catch (e) {
    r = { error: (e as Error).message };
  }
  if ('path' in r) deps.add(r.path);
  return r;
}
