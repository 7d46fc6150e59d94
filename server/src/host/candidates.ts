// Where an import may lead: the files a module specifier or class name may name in each language,
// most likely first (WorkspaceImportHost.resolve tries them in order, the first that exists and
// loads is the module). Python: relative by dots, absolute from the root, src/ and each folder above
// the file. TS/JS: relative paths with extension and index probing, tsconfig/jsconfig `baseUrl` and
// `paths`. Java: a class's path under a source root. Ruby: Zeitwerk's folders and Rails initializers.
// PHP: composer.json's PSR-4 map. Only names: whether a candidate exists is the host's to find.
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve, basename } from 'node:path';
import { parse as parseJsonc } from 'jsonc-parser';
import { languageOfPath } from '../core/analyze';
import type { Language } from '../core/types';
import { snake } from '../core/writers/lit';
import { readRegularFile } from './fsread';
import { within } from './importhost';

const JS_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

/** Whether folder `dir` may hold an entry `name` (false only when it cannot): `moduleCandidates`' cheap test. */
export type MayHold = (dir: string, name: string) => boolean;
const ANY_ENTRY: MayHold = () => true;

/** A composer.json's folder and its PSR-4 namespaces' folders, longest prefix first. */
interface ComposerAutoload {
  dir: string;
  psr4: [string, string[]][];
}

interface PathsConfig {
  dir: string;
  baseUrl: string | null;
  paths: [string, string[]][];
}

/** A folder's entries; none when it cannot be listed. */
export function folderNames(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/**
 * What `read` finds in `dir` or, failing that, in the nearest folder above it within the root,
 * remembered per folder in `cache` (tsconfig.json, composer.json).
 */
export function nearestAbove<T>(root: string, dir: string, cache: Map<string, T | null>, read: (dir: string) => T | null): T | null {
  if (cache.has(dir)) return cache.get(dir)!;
  let found = read(dir);
  if (!found && dir !== root && within(root, dirname(dir)) && dirname(dir) !== dir) found = nearestAbove(root, dirname(dir), cache, read);
  cache.set(dir, found);
  return found;
}

export class ModuleCandidates {
  private readonly configs = new Map<string, PathsConfig | null>();
  /** Zeitwerk's autoload folders (`lib/`, `app/*`) of each Ruby app folder (one with a Gemfile, or with `app/` and `config/`), by folder. */
  private readonly rubyRoots = new Map<string, string[]>();
  /** The Ruby app folder of each folder asked about, null for none. */
  private readonly rubyApps = new Map<string, string | null>();
  /** Rails initializers and the classes they define (`rubyCandidates`), read once. */
  private readonly initializers = new Map<string, { path: string; names: Set<string> }[]>();
  private readonly initializerDirs = new Map<string, string | null>();
  /** composer.json autoload maps by folder (PHP). */
  private readonly composers = new Map<string, ComposerAutoload | null>();
  /** Each folder asked about and the folders above it, up to the root (`foldersUp`). */
  private readonly above = new Map<string, readonly string[]>();
  /** `<root>/src`, where Python imports are looked for too. */
  private readonly srcDir: string;

  /**
   * @param root the workspace folder (normalized).
   * @param text a workspace file's text, as the host reads it (Rails initializers are read for the classes they define).
   */
  constructor(
    private readonly root: string,
    private readonly text: (path: string) => string | undefined,
  ) {
    this.srcDir = join(root, 'src');
  }

  /** The files an import or a class name may name, most likely first. */
  of(fromPath: string, specifier: string, language: Language, mayHold: MayHold = ANY_ENTRY): string[] {
    switch (language) {
      case 'python':
        return this.pythonCandidates(fromPath, specifier, mayHold);
      case 'java':
        return this.javaCandidates(fromPath, specifier);
      case 'ruby':
        return this.rubyCandidates(fromPath, specifier);
      case 'php':
        return this.phpCandidates(fromPath, specifier);
      default:
        return this.jsCandidates(fromPath, specifier, mayHold);
    }
  }

  /** `.clients` (relative to the importing package), `app.llm` (from the root or src/). */
  private pythonCandidates(fromPath: string, specifier: string, mayHold: MayHold): string[] {
    const dots = /^\.*/.exec(specifier)![0].length;
    const parts = specifier.slice(dots).split('.').filter(Boolean);
    const bases: string[] = [];
    if (dots > 0) {
      let base = dirname(resolve(fromPath));
      for (let i = 1; i < dots; i++) base = dirname(base);
      bases.push(base);
    } else {
      bases.push(this.root, this.srcDir, dirname(resolve(fromPath)));
    }
    if (!parts.length) return bases.filter((b) => mayHold(b, '__init__.py')).map((b) => join(b, '__init__.py'));
    // `<base>/app/llm.py` and `<base>/app/llm/__init__.py` need `app` in the base (`app.py` for `import app`).
    const first = parts[0];
    const asFile = join(...parts) + '.py';
    const asPackage = join(...parts, '__init__.py');
    const fileMay = (b: string) => mayHold(b, parts.length === 1 ? asFile : first);
    const candidates: string[] = [];
    for (const b of bases) {
      if (fileMay(b)) candidates.push(join(b, asFile));
      if (mayHold(b, first)) candidates.push(join(b, asPackage));
    }
    // An app in a subfolder run from there (`backend/app/chat/messaging.py` importing `app.chat.engine`): a folder above the file.
    if (dots === 0) {
      const above = this.foldersUp(fromPath);
      for (const d of above) if (fileMay(d)) candidates.push(join(d, asFile));
      for (const d of above) if (mayHold(d, first)) candidates.push(join(d, asPackage));
    }
    return candidates;
  }

  /**
   * A Java class by its full name (`com.acme.ai.Prompts`): `com/acme/ai/Prompts.java` under a
   * source root, which is the importing file's folder or one above it (`src/main/java`).
   */
  private javaCandidates(fromPath: string, specifier: string): string[] {
    if (!/^[\w$]+(\.[\w$]+)*$/.test(specifier)) return [];
    return this.upward(fromPath, join(...specifier.split('.')) + '.java');
  }

  /**
   * A Ruby module or class by its constant path (`Prompts::Support`), where Zeitwerk (Rails) and
   * `require_relative` put it: `prompts/support.rb` in the importing file's folder or one above
   * it, in `lib/`, or in one of `app/`'s folders (`app/models`, `app/services`, ...).
   */
  private rubyCandidates(fromPath: string, specifier: string): string[] {
    if (!/^(::)?[A-Z]\w*(::[A-Z]\w*)*$/.test(specifier)) return [];
    const file = join(...specifier.replace(/^::/, '').split('::').map(snake)) + '.rb';
    // The app the file belongs to: the nearest folder above it with a Gemfile, or with both `app/` and
    // `config/` (the workspace may be a folder above the app, or hold several), else the workspace.
    const appDir =
      nearestAbove(this.root, dirname(resolve(fromPath)), this.rubyApps, (d) => {
        const names = folderNames(d);
        return names.includes('Gemfile') || (names.includes('app') && names.includes('config')) ? d : null;
      }) ?? this.root;
    let roots = this.rubyRoots.get(appDir);
    if (!roots) {
      const app = join(appDir, 'app');
      roots = [join(appDir, 'lib')];
      try {
        roots.push(
          ...readdirSync(app, { withFileTypes: true })
            .filter((d) => d.isDirectory())
            .map((d) => join(app, d.name)),
        );
      } catch {
        // not a Rails app
      }
      this.rubyRoots.set(appDir, roots);
    }
    // A class defined in an initializer (`config/initializers/ruby_llm.rb` defining `class CustomRubyLLM`): Rails loads them all at boot.
    const top = specifier.replace(/^::/, '');
    const initializers = this.rubyInitializers(fromPath)
      .filter((i) => i.names.has(top))
      .map((i) => i.path);
    return [...this.upward(fromPath, file), ...roots.map((r) => join(r, file)), ...initializers];
  }

  /**
   * The files of the Rails app's `config/initializers/` (the nearest above `fromPath`: an app may
   * live in a folder of the workspace) and what each defines at its top level; read once per app.
   */
  private rubyInitializers(fromPath: string): { path: string; names: Set<string> }[] {
    // The app folder found for each folder asked about, null for none (cached both ways: asked per constant).
    const dir = nearestAbove(this.root, dirname(resolve(fromPath)), this.initializerDirs, (d) => (existsSync(join(d, 'config', 'initializers')) ? d : null));
    if (!dir) return [];
    const cached = this.initializers.get(dir);
    if (cached) return cached;
    const found: { path: string; names: Set<string> }[] = [];
    this.initializers.set(dir, found);
    for (const name of folderNames(join(dir, 'config', 'initializers'))
      .filter((n) => n.endsWith('.rb'))
      .sort()) {
      const path = join(dir, 'config', 'initializers', name);
      const text = this.text(path) ?? '';
      // Classes and modules it defines, and libraries it configures (`RubyLLM.configure do |config|`).
      const defined = new Set([
        ...[...text.matchAll(/^(?:class|module)[ \t]+((?:::)?[A-Z]\w*(?:::[A-Z]\w*)*)/gm)].map((m) => m[1].replace(/^::/, '')),
        ...[...text.matchAll(/^[ \t]*([A-Z]\w*(?:::[A-Z]\w*)*)\.configure\b/gm)].map((m) => m[1]),
      ]);
      if (defined.size) found.push({ path, names: defined });
    }
    return found;
  }

  /**
   * A PHP class by its full name (`App\Prompts\Support`): where the nearest composer.json's
   * PSR-4 autoload maps its namespace (`"App\\": "app/"`: `app/Prompts/Support.php`), else the
   * name as a path in the importing file's folder or one above it.
   */
  private phpCandidates(fromPath: string, specifier: string): string[] {
    // `config:services`: a Laravel app's config/services.php, in the nearest folder above holding one.
    const config = /^config:([\w-]+)$/.exec(specifier);
    if (config) return this.upward(fromPath, join('config', `${config[1]}.php`));
    if (!/^[A-Za-z_]\w*(\\[A-Za-z_]\w*)*$/.test(specifier)) return [];
    const out: string[] = [];
    const composer = this.composerAutoload(dirname(resolve(fromPath)));
    for (const [prefix, dirs] of composer?.psr4 ?? []) {
      if (!specifier.startsWith(prefix)) continue;
      const rest = specifier.slice(prefix.length).split('\\');
      for (const d of dirs) out.push(join(composer!.dir, d, ...rest) + '.php');
    }
    return [...out, ...this.upward(fromPath, join(...specifier.split('\\')) + '.php')];
  }

  /** `file` in the folder of `fromPath` and in each folder above it, up to the root. */
  private upward(fromPath: string, file: string): string[] {
    return this.foldersUp(fromPath).map((dir) => join(dir, file));
  }

  /** The folder of `fromPath` and each folder above it, up to the root; one list per folder, kept (they are names, not the disk). */
  private foldersUp(fromPath: string): readonly string[] {
    const start = dirname(resolve(fromPath));
    const known = this.above.get(start);
    if (known) return known;
    const out: string[] = [];
    for (let dir = start; within(this.root, dir); dir = dirname(dir)) {
      out.push(dir);
      if (dir === this.root || dirname(dir) === dir) break;
    }
    this.above.set(start, out);
    return out;
  }

  /** The nearest composer.json at or above `dir`, within the root: its PSR-4 namespaces' folders, longest prefix first. */
  private composerAutoload(dir: string): ComposerAutoload | null {
    return nearestAbove(this.root, dir, this.composers, (d) => {
      try {
        const json = JSON.parse(readRegularFile(join(d, 'composer.json'))) as { autoload?: { 'psr-4'?: Record<string, unknown> } };
        const psr4 = Object.entries(json.autoload?.['psr-4'] ?? {}).map(([prefix, v]): [string, string[]] => [
          prefix,
          (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string'),
        ]);
        return { dir: d, psr4: psr4.sort((a, b) => b[0].length - a[0].length) };
      } catch {
        return null;
      }
    });
  }

  private jsCandidates(fromPath: string, specifier: string, mayHold: MayHold): string[] {
    let targets: string[] = [];
    if (specifier.startsWith('./') || specifier.startsWith('../') || specifier === '.' || specifier === '..') {
      targets = [resolve(dirname(fromPath), specifier)];
    } else if (!specifier.startsWith('/') && !specifier.includes(':')) {
      const cfg = this.pathsConfig(dirname(resolve(fromPath)));
      if (cfg) {
        for (const [pattern, subs] of cfg.paths) {
          const star = pattern.indexOf('*');
          const match =
            star < 0
              ? specifier === pattern
                ? ''
                : null
              : specifier.startsWith(pattern.slice(0, star)) && specifier.endsWith(pattern.slice(star + 1))
                ? specifier.slice(star, specifier.length - (pattern.length - star - 1))
                : null;
          if (match === null) continue;
          for (const sub of subs) targets.push(resolve(cfg.baseUrl ?? cfg.dir, sub.replace('*', match)));
        }
        if (cfg.baseUrl) targets.push(resolve(cfg.baseUrl, specifier));
      }
    }
    return targets.flatMap((t) => {
      // TS ESM style: `import './client.js'` names client.ts.
      const stem = /\.(c|m)?js$/.test(t) ? t.replace(/\.(c|m)?js$/, '') : null;
      // Each needs its name in the target's folder (`client.ts`), and a folder's index its name in the folder.
      const dir = dirname(t);
      const name = basename(t);
      const stemName = stem && basename(stem);
      const folder = mayHold(dir, name);
      return [
        ...(languageOfPath(t) && folder ? [t] : []),
        ...(stem ? JS_EXTENSIONS.filter((e) => mayHold(dir, stemName + e)).map((e) => stem + e) : []),
        ...JS_EXTENSIONS.filter((e) => mayHold(dir, name + e)).map((e) => t + e),
        // The folder's own listing (`..` may name the workspace root, whose parent holds nothing the host reads).
        ...JS_EXTENSIONS.filter((e) => mayHold(t, 'index' + e)).map((e) => join(t, 'index' + e)),
      ];
    });
  }

  /** The nearest tsconfig.json / jsconfig.json at or above `dir`, within the root. */
  private pathsConfig(dir: string): PathsConfig | null {
    return nearestAbove(this.root, dir, this.configs, (d) => {
      for (const name of ['tsconfig.json', 'jsconfig.json']) {
        const file = join(d, name);
        let text: string;
        try {
          text = readRegularFile(file);
        } catch {
          continue;
        }
        // JSON with comments and trailing commas, read as far as it goes (a file being edited).
        const config = parseJsonc(text, [], { allowTrailingComma: true }) as
          { compilerOptions?: { baseUrl?: unknown; paths?: Record<string, unknown> } } | undefined;
        const opts = config && typeof config === 'object' ? config.compilerOptions : undefined;
        return {
          dir: d,
          baseUrl: typeof opts?.baseUrl === 'string' ? resolve(d, opts.baseUrl) : null,
          paths: Object.entries(opts?.paths ?? {}).filter((e): e is [string, string[]] => Array.isArray(e[1])),
        };
      }
      return null;
    });
  }
}
