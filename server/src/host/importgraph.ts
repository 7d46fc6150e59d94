// The CLI's import-graph prefilter (issue 22): a Python, JavaScript or TypeScript file is parsed only
// when it can hold a call the analysis would find. The analysis reaches a client through the imports
// the workspace host resolves; so a file importing no SDK module, importing through no chain of
// modules one that imports an SDK, and with none of the analysis's other ways in (a Python string
// naming an SDK module, a raw HTTP request to an API path, a NestJS injection token) has no call
// it could find, whatever words its text holds. Imports are read from the text at each import
// keyword (a prefilter: the analysis reads the syntax tree), and resolved by the host the analysis
// uses, so both agree on where an import leads.
import { readdirSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { Language } from '../core/types';
import { languageOfPath } from '../core/analyze';
import { CATALOGUE, PROMPT_LOADERS } from '../core/catalogue';
import { escapeRegExp } from '../core/prefilter';
import { unescapePython } from '../core/recognizers/python/syntax';
import { jsModule, pythonModule } from '../core/recognizers/symbols';
import { WIRE_HINT } from '../core/recognizers/wire';
import type { FolderListings } from './files';
import { within, type WorkspaceImportHost } from './importhost';

/**
 * Python: `import a.b, c as d`, `from .x import (y, z)` (or `import(y)`, no space): the modules, and each `from` name as a submodule too.
 * A statement starts a line or follows `:` or `;` (`try: from llm import client`, `import os; import llm`).
 * A comment in a parenthesized list runs to its line's end, whatever it holds (one way to match: no backtracking);
 * a list is read up to 10,000 characters, so an unclosed one costs each import that much at most.
 * Matched at a statement's start (`pythonStatementAt`), found from each `import` in the text. Blanks
 * include form feeds; a module's name may have any non-ASCII letters (`from модель import client`).
 */
const PY_STATEMENT =
  /[ \t\f]*(?:from[ \t\f]+([.\w\u0080-\uffff]+)[ \t\f]+import(?=[ \t\f(*])[ \t\f]*(\((?:[^)#]|#[^\n]*(?![^\n])){0,10000}\)|[^\n#;]+)|import[ \t\f]+([^\n#;]+))/y;
/**
 * Blanks and comments between an import keyword and its module (a bundler's chunk-name comment in
 * `import(`, before `'openai'`); a block comment is read up to 500 characters, so an unclosed one costs
 * each keyword that much at most. Each part matches one way only (a line comment runs to its line's
 * end, a block comment to its first end, and two gaps are never side by side), so a keyword followed by
 * no module name costs one pass over what follows it: `//` runs and comment lines after `from` took
 * minutes with a looser form.
 */
const GAP = String.raw`(?:\s|\/\*(?:[^*]|\*(?!\/)){0,500}\*\/|\/\/[^\n]*(?![^\n]))*`;
/** A module string: escapes (`\x61`) and continued lines (a backslash before the line's end) are decoded by `jsString`. */
const SPECIFIER = String.raw`(['"\`])((?:[^'"\`\n$\\]|\\[^])+)\1`;
/**
 * JavaScript and TypeScript: `import ... from 'x'`, `import 'x'`, `export ... from 'x'`, `require('x')`, `import('x')`, quoted
 * or a template without holes: what follows each keyword (a word of its own), matched where the keyword ends.
 */
const JS_AFTER: [string, RegExp][] = [
  ['from', new RegExp(`${GAP}${SPECIFIER}`, 'y')],
  ['import', new RegExp(`${GAP}(?:\\(${GAP})?${SPECIFIER}`, 'y')],
  // `require('x')`, `require?.('x')`.
  ['require', new RegExp(`${GAP}(?:\\?\\.)?\\(${GAP}${SPECIFIER}`, 'y')],
];

/** A JavaScript string's text from its source (`open\x61i` is `openai`). */
function jsString(written: string): string {
  if (!written.includes('\\')) return written;
  return written.replace(
    /\\(?:x([0-9a-fA-F]{2})|u\{([0-9a-fA-F]{1,6})\}|u([0-9a-fA-F]{4})|(\r\n|[\n\r\u2028\u2029])|([^]))/g,
    (_: string, x?: string, cp?: string, u?: string, line?: string, other?: string): string => {
      const hex = x ?? u;
      if (hex !== undefined) return String.fromCharCode(parseInt(hex, 16));
      if (cp !== undefined) return String.fromCodePoint(Math.min(parseInt(cp, 16), 0x10ffff));
      return line !== undefined ? '' : (other ?? '');
    },
  );
}

/** A character of a name: ASCII letters, digits, `_`, and any non-ASCII character (Python names may be in any script). */
const isWordCode = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c >= 128;
/** A blank within a Python line: a space, a tab or a form feed (which Python allows in indentation). */
const isBlankCode = (c: number) => c === 32 || c === 9 || c === 12;

/**
 * Where the Python statement holding the `import` at `at` starts (after the line's start, `:` or `;`),
 * or -1 when that `import` does not begin one or follow `from <module>` at one. Regular expressions
 * run over whole texts tried every line and every `:`; the keyword is found with `indexOf` instead
 * (the graph reads thousands of modules).
 */
function pythonStatementAt(text: string, at: number): number {
  let k = at - 1;
  while (k >= 0 && isBlankCode(text.charCodeAt(k))) k--;
  // A line starts after `\n` or a lone `\r` (old Mac files); the file's first line may follow a byte-order mark.
  const anchored = (end: number) =>
    end < 0 || text[end] === '\n' || text[end] === '\r' || text[end] === ':' || text[end] === ';' || (end === 0 && text[0] === '\uFEFF');
  // `import x`: right after the anchor.
  if (anchored(k)) return k + 1;
  // `from <module> import ...`: a module name, blanks, `from`, blanks, the anchor.
  if (k === at - 1) return -1;
  const moduleEnd = k;
  while (k >= 0 && (isWordCode(text.charCodeAt(k)) || text[k] === '.')) k--;
  if (k === moduleEnd || k < 0 || !isBlankCode(text.charCodeAt(k))) return -1;
  while (k >= 0 && isBlankCode(text.charCodeAt(k))) k--;
  if (k < 3 || text.slice(k - 3, k + 1) !== 'from') return -1;
  k -= 4;
  while (k >= 0 && isBlankCode(text.charCodeAt(k))) k--;
  return anchored(k) ? k + 1 : -1;
}

/**
 * A copy of `s` that keeps nothing else alive. V8 keeps a substring of 13 characters or more (a
 * regular expression's group, `slice`) as a view of the whole text it was cut from, and a joined
 * string as its parts: the graph keeps every module's specifiers for the run, and with views it would
 * keep every module's text (43 MB on the bench's 10,000 files). Joined to a character and cut again, the
 * string is copied flat once; the view is then of the copy.
 */
const detached = (s: string): string => (s.length < 13 ? s : ` ${s}`.slice(1));

/** The module specifiers a file's text imports, as the host resolves them (copies: `detached`). */
export function importSpecifiers(text: string, language: Language): string[] {
  const out = new Set<string>();
  if (language === 'python') {
    // A line continued with a backslash (`from app import a, \` then `    b`) is one statement.
    const src = text.includes('\\') ? text.replace(/\\\r?\n/g, ' ') : text;
    let seen = -1;
    for (let at = src.indexOf('import'); at >= 0; at = src.indexOf('import', at + 6)) {
      const start = pythonStatementAt(src, at);
      // A statement already read (`from a import (b, c)` holds one `import`; its list may hold the word).
      if (start < 0 || start <= seen) continue;
      PY_STATEMENT.lastIndex = start;
      const m = PY_STATEMENT.exec(src);
      if (!m) continue;
      seen = start;
      if (m[3] !== undefined) {
        for (const part of m[3].split(',')) {
          const name = part.trim().split(/\s+/)[0];
          if (name) out.add(name);
        }
        continue;
      }
      const from = m[1];
      out.add(from);
      for (const part of m[2]
        .replace(/#[^\n]*/g, '')
        .replace(/[()\\]/g, ' ')
        .split(',')) {
        const name = part.trim().split(/\s+/)[0];
        if (name && name !== '*') out.add(from.endsWith('.') ? `${from}${name}` : `${from}.${name}`);
      }
    }
  } else {
    for (const [word, after] of JS_AFTER) {
      for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + word.length)) {
        if (at > 0 && isWordCode(text.charCodeAt(at - 1))) continue;
        after.lastIndex = at + word.length;
        const m = after.exec(text);
        if (m) out.add(jsString(m[2]));
      }
    }
  }
  return [...out].map(detached);
}

/** Folder listings stand for existence where names are case-sensitive. */
const LISTINGS = process.platform === 'linux';

/**
 * The languages whose files the graph decides for: the others keep the analyzer's own prefilter
 * (Go's packages, C#'s partial classes, Ruby's autoloading and Java's packages reach clients
 * without an import).
 */
const GRAPH_LANGUAGES: ReadonlySet<Language> = new Set(['python', 'typescript', 'javascript', 'typescriptreact', 'javascriptreact']);

/** The HTTP clients wire.ts reads posts of. */
const HTTP_CLIENT = /\b(?:requests|httpx|fetch|axios)\b/;

/**
 * Ways into the analysis without an import of an SDK: a raw HTTP post (the analysis reads a file's posts
 * when it names an API path anywhere, `WIRE_HINT`, and an HTTP client: the URL itself may come from
 * another module or be joined from parts), or a NestJS injection token.
 */
function postsOrInjects(text: string): boolean {
  return (WIRE_HINT.test(text) && HTTP_CLIENT.test(text)) || text.includes('@Inject(');
}

/** Packages a prompt file loader is made from (Genkit's `genkit({ promptDir })`): the analysis starts prompt runs from them as from an SDK. */
const LOADER_PACKAGES = { python: PROMPT_LOADERS.genkit.python.packages, js: PROMPT_LOADERS.genkit.js.packages };
/** The Python modules `isSdkModule` accepts, with their submodules: the SDKs' and the prompt loaders'. */
const PY_SDK_MODULES: readonly string[] = [...new Set([...CATALOGUE.flatMap((sdk) => sdk.python.map((p) => p.module)), ...LOADER_PACKAGES.python])];

/**
 * A Python string that is an SDK module's name (`importlib.import_module("litellm")`, aider's lazy
 * proxy): the one way Python code gets an SDK module without an import statement.
 */
const PY_SDK_STRING = new RegExp(`['"](?:${PY_SDK_MODULES.map(escapeRegExp).join('|')})(?:\\.[\\w.]*)?['"]`);

/**
 * Ways the analysis reaches an SDK by name, without an import: a Python lazy proxy's
 * `importlib.import_module("litellm")` (a module that imports the proxy reaches the SDK too), and
 * Prompty's `prompty.execute("x.prompty")`, read from its text alone.
 */
function loadsSdkByName(text: string, language: Language): boolean {
  if (language !== 'python') return false;
  if (text.includes('prompty.execute')) return true;
  if (!text.includes('importlib.import_module')) return false;
  // A module name written with escapes (`"lite\x6clm"`) is read as the analysis reads a string
  // (`unescapePython`); a character by its Unicode name (`\N{...}`) is taken as one.
  return text.includes('\\N{') || PY_SDK_STRING.test(unescapePython(text));
}

/** `isSdkModule`'s answers by specifier: the catalogue is scanned once for each (`import os` is in thousands of files). */
const PY_SDK_SPECS = new Map<string, boolean>();
const JS_SDK_SPECS = new Map<string, boolean>();

/** The first names of the Python modules `isSdkModule` accepts (`google` of `google.genai`). */
const PY_SDK_TOPS: ReadonlySet<string> = new Set(PY_SDK_MODULES.map((m) => m.split('.')[0]));

/** Whether an import names an SDK package (or a provider package, a submodule, a prompt loader's package): what the analysis starts a client from. */
function isSdkModule(spec: string, language: Language): boolean {
  // Most imports are ruled out by their first name (`os`, `.llm`, `./util`): no lookup kept for them.
  if (language === 'python') {
    const dot = spec.indexOf('.');
    if (!PY_SDK_TOPS.has(dot < 0 ? spec : spec.slice(0, dot))) return false;
  } else if (spec.startsWith('.')) return false;
  const known = language === 'python' ? PY_SDK_SPECS : JS_SDK_SPECS;
  let is = known.get(spec);
  if (is === undefined) {
    const loaders = language === 'python' ? LOADER_PACKAGES.python : LOADER_PACKAGES.js;
    is =
      (language === 'python' ? !!pythonModule(spec) : !!jsModule(spec)) ||
      loaders.some((p) => spec === p || spec.startsWith(language === 'python' ? `${p}.` : `${p}/`));
    known.set(spec, is);
  }
  return is;
}

/**
 * A module read for the graph: whether it imports an SDK, else what it imports, resolved to workspace
 * modules (`imports`) when the graph first goes through it.
 */
type Module = { sdk: true } | { sdk: false; specs: string[]; imports?: string[] };

/** A folder's listing when it has no entries the graph could use (outside the workspace, or not there). */
const NO_NAMES: ReadonlySet<string> = new Set();

export class ImportGraph {
  /** Modules read, by path. */
  private readonly modules = new Map<string, Module>();
  /** Whether a module reaches an SDK through its imports, once known. */
  private readonly reaches = new Map<string, boolean>();
  /** Each folder's entries, read once (`resolve`). */
  private readonly folders = new Map<string, ReadonlySet<string> | null>();
  /**
   * Where an import leads, by the importing file's folder, language and specifier: the host's
   * candidates depend on those alone (relative paths, roots above the folder, the nearest
   * tsconfig), and the files do not change during a run. `import os` in a package's 200 files is
   * resolved once.
   */
  private readonly resolved = new Map<string, string | null>();
  /** Whether a candidate file loads, and as which path (its real one), asked of the host once. */
  private readonly loads = new Map<string, string | null>();

  /**
   * `listed`: the folders the caller's walk listed (the CLI's, whose folders the graph's candidates
   * are in), used instead of listing them again; taken at their word, as the files are for the run.
   */
  constructor(
    private readonly hostOf: (path: string) => WorkspaceImportHost | undefined,
    private readonly listed?: FolderListings,
  ) {}

  /**
   * Whether a file is a way into the analysis by its own text: it imports an SDK module (read from its
   * imports, as the graph reads every module: an SDK's name in a comment, an identifier or a word does
   * not count: `cohere` in "coherent", `fireworks` in an emoji table), loads one by name where the
   * analysis reads that (`loadsSdkByName`: a lazy proxy, Prompty), posts to an API path, or
   * has an injection token. No graph needed past it. The file is read as a module of the graph at once
   * (its imports, read at each keyword, cost less than a search of the text for every SDK's name).
   */
  entersDirectly(path: string, text: string): boolean {
    return this.module(resolve(path), text).sdk || postsOrInjects(text);
  }

  /**
   * A file the caller read and found no way in by its text (the text prefilter ruled it out): its
   * imports are read now, so that the graph does not read the file again if a module it asks about
   * imports it. (Reading a file costs more than reading its imports: on the bench, 3,200 files were
   * read again.) For a file the graph decides for (`decides`).
   */
  note(path: string, text: string): void {
    this.module(resolve(path), text);
  }

  /** Whether the graph decides for this file (a Python, JavaScript or TypeScript source; not a notebook). */
  static decides(path: string): boolean {
    const language = languageOfPath(path);
    return !!language && GRAPH_LANGUAGES.has(language) && !path.toLowerCase().endsWith('.ipynb');
  }

  /**
   * Whether the analysis of the file at `path` (its text `text`) may find a call: it is a way in itself
   * (it names an SDK module, loosely as the analyzer's prefilter does), or a module it imports, through
   * any chain, imports an SDK. Any chain, not MAX_IMPORT_DEPTH modules: the analysis keeps what modules
   * export across files, so a file read after a shallower one reaches further than the depth says.
   */
  mayReach(path: string, text: string): boolean {
    return this.entersDirectly(path, text) || this.importsReach(path, text);
  }

  /**
   * `mayReach` for a file already found to be no way in by its own text (`entersDirectly`); its text
   * is not needed again when `entersDirectly` was asked of it.
   */
  importsReach(path: string, text?: string): boolean {
    const abs = resolve(path);
    this.module(abs, text);
    const known = this.reaches.get(abs);
    if (known !== undefined) return known;
    const seen = new Set([abs]);
    const queue = [abs];
    for (let at = 0; at < queue.length; at++) {
      const p = queue[at];
      const m = this.module(p);
      if (m.sdk || this.reaches.get(p)) {
        this.reaches.set(abs, true);
        return true;
      }
      for (const q of this.importsOf(p, m)) {
        if (seen.has(q) || this.reaches.get(q) === false) continue;
        seen.add(q);
        queue.push(q);
      }
    }
    // Nothing the file reaches imports an SDK: nor does anything those modules reach.
    for (const p of seen) this.reaches.set(p, false);
    return false;
  }

  /**
   * A module read the first time it is asked for: from `text` when the caller has it, else through the
   * host (its bounded cache); one the host cannot read gives the analysis nothing either.
   */
  private module(path: string, text?: string): Module {
    let m = this.modules.get(path);
    if (!m) this.modules.set(path, (m = this.read(path, text ?? this.hostOf(path)?.source(path, false)?.text)));
    return m;
  }

  private read(path: string, text: string | undefined): Module {
    const language = languageOfPath(path);
    if (text === undefined || !language) return { sdk: false, specs: [] };
    // A module in another language (a .vue file): counted as a way in, never as a dead end.
    if (!GRAPH_LANGUAGES.has(language)) return { sdk: true };
    const specs = importSpecifiers(text, language);
    return specs.some((spec) => isSdkModule(spec, language)) || loadsSdkByName(text, language) ? { sdk: true } : { sdk: false, specs };
  }

  /** The workspace modules a module imports, resolved once. */
  private importsOf(path: string, m: Module & { sdk: false }): string[] {
    if (m.imports) return m.imports;
    const language = languageOfPath(path)!;
    const host = this.hostOf(path);
    const imports: string[] = [];
    for (const spec of host ? m.specs : []) {
      const found = this.resolve(host!, path, spec, language);
      if (found && found !== path && !imports.includes(found)) imports.push(found);
    }
    return (m.imports = imports);
  }

  /**
   * Where an import leads, as the host's `resolve` finds it: its first candidate that exists and loads.
   * On Linux, existence is looked up in each folder's listing, read once: most candidates do not exist
   * (`import os` tries the root, src/ and every folder above). Elsewhere names may differ in case from
   * the file's (`./Llm` for llm.ts): the host reads each candidate.
   */
  private resolve(host: WorkspaceImportHost, from: string, spec: string, language: Language): string | undefined {
    const key = `${language}\0${dirname(from)}\0${spec}`;
    const known = this.resolved.get(key);
    if (known !== undefined) return known ?? undefined;
    let found: string | null = null;
    const mayHold = LISTINGS ? (dir: string, name: string) => this.mayHold(host.root, dir, name) : undefined;
    for (const c of host.moduleCandidates(from, spec, language, mayHold)) {
      if (LISTINGS && !this.mayExist(host.root, c)) continue;
      let path = this.loads.get(c);
      if (path === undefined) {
        if (this.modules.has(c)) path = host.sourcePath(c) ?? null;
        else {
          const src = host.source(c, false);
          // Read as a module at once: the graph goes through most modules it resolves, and asking the
          // host for it again stats it and resolves its real path again.
          if (src) this.module(src.path, src.text);
          path = src?.path ?? null;
        }
        this.loads.set(c, path);
      }
      if (path !== null) {
        found = path;
        break;
      }
    }
    this.resolved.set(key, found);
    return found ?? undefined;
  }

  /** Whether a file may exist: false only when its folder's listing (within the workspace) does not name it. */
  private mayExist(root: string, file: string): boolean {
    return this.mayHold(root, dirname(file), basename(file));
  }

  /** Whether folder `dir` may hold an entry `name`: false only when its listing (within the workspace) does not name it. */
  private mayHold(root: string, dir: string, name: string): boolean {
    const names = this.listing(root, dir);
    return names === null || names.has(name);
  }

  /**
   * A folder's entries within the workspace, read once; a folder its parent's listing does not name is
   * empty without asking the disk. Null when it cannot be listed (an execute-only folder): then the
   * host is asked. Folders outside the workspace are empty: the host reads nothing there.
   */
  private listing(root: string, dir: string): ReadonlySet<string> | null {
    if (this.folders.has(dir)) return this.folders.get(dir) as ReadonlySet<string> | null;
    let names: ReadonlySet<string> | null;
    if (!within(root, dir)) names = NO_NAMES;
    else {
      const parent = dir === root ? null : this.listing(root, dirname(dir));
      if (parent && !parent.has(basename(dir))) names = NO_NAMES;
      else {
        try {
          names = this.listed?.names(dir) ?? new Set(readdirSync(dir));
        } catch (e) {
          // A file holds nothing (`./client` of `./client/index.ts` is a file); another failure, the host is asked.
          names = (e as NodeJS.ErrnoException).code === 'ENOTDIR' ? NO_NAMES : null;
        }
      }
    }
    this.folders.set(dir, names);
    return names;
  }
}
