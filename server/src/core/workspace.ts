// Cross-file resolution: clients, model objects and constants imported from other modules of
// the workspace. The core never touches the file system: the host (CLI, server, tests) says
// which file an import names and gives its text; the analyzer computes and caches each
// module's exports, keyed by path and version, so an edited module is re-read on next use.
import type { Client } from './model/evaluate';
import type { ExportedParam, Guard } from './model/params';
import type { Sym } from './recognizers/symbols';
import { oneOf, type ObjVal, type Val } from './recognizers/values';
import type { Language } from './types';

export interface ModuleSource {
  path: string;
  text: string;
  language: Language;
  /** Changes whenever the text does (a document version, or the file's mtime). */
  version: string | number;
}

/** A file a prompt is read from at run time, as the code names it. */
export interface PromptFileRef {
  /** The path as written, joined (`prompts/system.md`, `../shared/x.md`). */
  path: string;
  /** What it is relative to: the importing file's folder (`__dirname`, `Path(__file__).parent`) or the workspace root (the process's working directory). */
  base: 'file' | 'root';
  /** Set when the path is a parameter of the enclosing function (`def encode_image(path)`): filled at its calls. */
  param?: string;
}

export type PromptFileResult = { path: string; text: string } | { error: string };

/** An image file's pixel size, read from its header (PNG, JPEG, GIF, WebP, ...), or why not. */
export type ImageSizeResult = { path: string; width: number; height: number } | { error: string };

/** The host's side: which workspace file an import names. Outside the workspace: undefined. */
export interface ImportHost {
  resolve(fromPath: string, specifier: string, language: Language): ModuleSource | undefined;
  /**
   * The text of a prompt file read at run time (`open("prompts/system.md").read()`). Never a
   * file outside the workspace: `..` and symlink escapes, absolute paths elsewhere and missing
   * files come back as an error saying why.
   */
  readPromptFile?(fromPath: string, ref: PromptFileRef): PromptFileResult;
  /** The size of an image file sent in a request (`open("chart.png", "rb")`), with the same confinement. */
  readImageSize?(fromPath: string, ref: PromptFileRef): ImageSizeResult;
  /**
   * The files whose top-level names this file sees without importing them: Go's package (the
   * other `.go` files of its folder; test files only from a test file). Within the workspace.
   */
  siblings?(fromPath: string, language: Language): ModuleSource[];
  /**
   * Namespaces every file of the project imports without naming them (C#'s `global using X;` in
   * the project folder's files, `<Using Include="X" />` in its .csproj). Within the workspace.
   */
  globalImports?(fromPath: string, language: Language): { namespaces: string[]; files: string[] };
  /**
   * The settings of the application the file belongs to, as flat dotted keys: Spring Boot's
   * `src/main/resources/application.properties` / `application.yml` (`spring.ai.openai.chat.options.model`).
   * Within the workspace.
   */
  appSettings?(fromPath: string, language: Language): { values: Map<string, string>; files: string[] };
  /**
   * JavaScript and TypeScript: the defaults the project's environment schema gives its variables
   * (`MISTRAL_MODEL: z.string().default('mistral-small-latest')`, Joi's `.default(...)`), by variable
   * name, with the file (relative to the workspace) that says it. Within the workspace.
   */
  envSchema?(fromPath: string, language: Language): { values: Map<string, { value: string; file: string }>; files: string[] };
  /**
   * Python: the workspace modules that assign `target` (`Settings.embed_model = OpenAIEmbedding(...)`). Within the workspace.
   */
  assignments?(fromPath: string, language: Language, target: string): ModuleSource[];
  /**
   * JavaScript and TypeScript: the NestJS module of the file's project that provides an injection token
   * (`{ provide: 'LLM_MODEL', useFactory: ... }` in a `*.module.ts`), when exactly one does. Within the workspace.
   */
  providerOf?(fromPath: string, language: Language, token: string): ModuleSource | undefined;
  /**
   * C#: the services the project registers for an interface in its top folder's files (Program.cs,
   * Startup.cs: `services.AddScoped<ITextEmbeddingGenerationService, LocalTextEmbeddingGenerationService>()`),
   * by the interface's simple name: the implementing classes' simple names. Within the workspace.
   */
  registrations?(fromPath: string, language: Language): { services: Map<string, string[]>; files: string[] };
}

/** What a module exports under one name, as far as SDK detection cares. */
export interface ModuleExport {
  /** A client, model object, SDK class or module. */
  sym?: Sym;
  /** A constant (model id, prompt text, parameter object). */
  val?: Val;
  /** A function: the client it returns (`def get_client(): return OpenAI()`). */
  returns?: Sym;
  /** A function: the value it returns (`getTitleModel()` returning a model id or model object). */
  returnsVal?: Val;
  /** A function: its key in the values read from its parameters (`ParamRef.fn`), and its parameters, which a call fills (model/params.ts). */
  fnKey?: string;
  params?: ExportedParam[];
  /**
   * A function some of whose returns are reached only under tests of its parameters (`if provider ==
   * "openai": return ChatOpenAI()`): each return's value and client with its tests, for a call to keep the ones its arguments reach.
   */
  branches?: { guards: Guard[]; val: Val; sym?: Sym }[];
  /**
   * A client of the shared model (model/evaluate.ts) that a package-level variable or a struct
   * field holds, in the tree-sitter languages (a field `client openai.Client` is exported as `.client`).
   */
  client?: Client;
  /**
   * Python: the attributes an instance of this exported class has (`C#*`), by name; each one's
   * symbol is exported as `C#name`, and those of the instance a function returns as `f()#name`.
   */
  members?: string[];
  /**
   * JavaScript: a class member holding what the class's constructor is given (`C#client`), by the parameter's
   * place, and the property of it when the parameter is destructured (`constructor({ client })`).
   */
  ctorParam?: { index: number; prop?: string };
}

export type ModuleExports = Map<string, ModuleExport>;

/**
 * A module kept parsed for its exports, computed one name at a time (JavaScript and TypeScript:
 * `openTypeScriptModule`). `exports(want)` evaluates what `want` needs, and its map holds `want` when
 * the module exports something known under it (other keys, if any, are not to be read).
 */
export interface OpenModule {
  exports(want: string): ModuleExports;
}

/**
 * The lookups of an open module, through the context of the file asking now (`to`, changed before
 * each name is computed): its reads become that file's dependencies, at that file's import depth.
 */
export class ForwardingContext implements ImportContext {
  constructor(public to: ImportContext) {}
  get dependencies(): Set<string> {
    return this.to.dependencies;
  }
  get file(): string | undefined {
    return this.to.file;
  }
  exportOf(specifier: string, name: string): ModuleExport | undefined {
    return this.to.exportOf(specifier, name);
  }
  inWorkspace(specifier: string): boolean {
    return this.to.inWorkspace?.(specifier) ?? false;
  }
  promptFile(ref: PromptFileRef): PromptFileResult | undefined {
    return this.to.promptFile?.(ref);
  }
  imageSize(ref: PromptFileRef): ImageSizeResult | undefined {
    return this.to.imageSize?.(ref);
  }
  sibling(name: string): ModuleExport | undefined {
    return this.to.sibling?.(name);
  }
  globalImports(): string[] {
    return this.to.globalImports?.() ?? [];
  }
  appSettings(): Map<string, string> {
    return this.to.appSettings?.() ?? new Map<string, string>();
  }
  assignment(target: string): ModuleExport | undefined {
    return this.to.assignment?.(target);
  }
  provider(token: string): ModuleExport | undefined {
    return this.to.provider?.(token);
  }
  envSchema(): Map<string, { value: string; file: string }> {
    return this.to.envSchema?.() ?? new Map<string, { value: string; file: string }>();
  }
  registrations(): Map<string, string[]> {
    return this.to.registrations?.() ?? new Map<string, string[]>();
  }
}

/** What a recognizer asks about other modules while analyzing one file. */
export interface ImportContext {
  exportOf(specifier: string, name: string): ModuleExport | undefined;
  /** Whether a module specifier names a file of the workspace (a local `agents/` package shadows the SDK of that name). */
  inWorkspace?(specifier: string): boolean;
  /** A prompt file's text, or why it was not read; undefined without a host that reads files. */
  promptFile?(ref: PromptFileRef): PromptFileResult | undefined;
  /** An image file's size, or why it was not read; undefined without a host that reads files. */
  imageSize?(ref: PromptFileRef): ImageSizeResult | undefined;
  /** A name exported by a file that shares this one's scope (`ImportHost.siblings`: Go's package), the first that has it. */
  sibling?(name: string): ModuleExport | undefined;
  /** The project's global imports (`ImportHost.globalImports`). */
  globalImports?(): string[];
  /** The application's settings (`ImportHost.appSettings`). */
  appSettings?(): Map<string, string>;
  /** The client the one workspace module assigning a library-level setting gives it (`Settings.embed_model = ...`; its `set:Settings.embed_model` export). */
  assignment?(target: string): ModuleExport | undefined;
  /** What the module that provides a NestJS injection token makes (`ImportHost.providerOf`; its `provide:TOKEN` export). */
  provider?(token: string): ModuleExport | undefined;
  /** The project's environment schema's defaults (`ImportHost.envSchema`). */
  envSchema?(): Map<string, { value: string; file: string }>;
  /** The project's service registrations (`ImportHost.registrations`). */
  registrations?(): Map<string, string[]>;
  /** Every module a lookup read, for the host to know which files this analysis depends on. */
  readonly dependencies: Set<string>;
  /** The path of the file analyzed: part of the keys of its functions' parameters (model/params.ts `paramKey`). */
  readonly file?: string;
}

/**
 * What a function returns, from its return expressions' values: the value when there is one
 * return; with several, the only one known statically becomes the assumed default (a test-only
 * branch returning a mock does not hide the production model).
 */
export function returnedValue(values: Val[], span: Val['span'], text: string): Val | undefined {
  if (values.length === 1)
    return values[0].kind === 'unknown' && !values[0].options && !values[0].routedBy && !values[0].param && !values[0].default ? undefined : values[0];
  // A function mapping its argument to one of several literals (`return "gpt-4o-mini" if fast else "gpt-4o"`, one per branch).
  const options = oneOf(values, span, text);
  if (options) return options;
  const known = values.filter((v) => v.kind !== 'unknown');
  if (known.length === 1) return { kind: 'unknown', span, text, default: known[0] };
  return undefined;
}

/**
 * A value from another file keeps its data but not its syntax nodes: a fix must never edit a
 * file other than the one analyzed.
 */
export function detachVal(v: Val): Val {
  switch (v.kind) {
    case 'obj': {
      const props = new Map<string, Val>();
      for (const [k, x] of v.props) props.set(k, detachVal(x));
      return { ...v, props, node: null };
    }
    case 'list':
      return { ...v, items: v.items.map(detachVal) };
    case 'unknown':
      return v.default || v.options
        ? { ...v, ...(v.default ? { default: detachVal(v.default) } : {}), ...(v.options ? { options: v.options.map(detachVal) } : {}) }
        : v;
    default:
      return v;
  }
}

export function detachSym(s: Sym | undefined): Sym | undefined {
  if (s?.kind !== 'client' || (!s.bound && !s.alternatives)) return s;
  return {
    ...s,
    ...(s.bound ? { bound: detachVal(s.bound) as ObjVal } : {}),
    ...(s.alternatives ? { alternatives: s.alternatives.map((a) => detachSym(a) as typeof a) } : {}),
  };
}

export function detachExport(e: ModuleExport): ModuleExport {
  return {
    ...(e.sym ? { sym: detachSym(e.sym) } : {}),
    ...(e.val ? { val: detachVal(e.val) } : {}),
    ...(e.returns ? { returns: detachSym(e.returns) } : {}),
    ...(e.returnsVal ? { returnsVal: detachVal(e.returnsVal) } : {}),
    ...(e.client ? { client: e.client.model ? { ...e.client, model: detachVal(e.client.model) } : e.client } : {}),
    ...(e.members ? { members: e.members } : {}),
    ...(e.fnKey && e.params && (e.returns || e.returnsVal || e.branches)
      ? { fnKey: e.fnKey, params: e.params.map((p) => (p.default ? { ...p, default: detachVal(p.default) } : p)) }
      : {}),
    ...(e.branches ? { branches: e.branches.map((b) => ({ guards: b.guards, val: detachVal(b.val), ...(b.sym ? { sym: detachSym(b.sym) } : {}) })) } : {}),
    ...(e.ctorParam !== undefined ? { ctorParam: e.ctorParam } : {}),
  };
}
