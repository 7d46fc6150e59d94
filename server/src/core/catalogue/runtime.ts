// What code builds request values with besides the SDKs, per language: the standard library and
// framework calls the evaluator (model/evaluate.ts) reads through. Data, not code in a recognizer:
// supporting another reader of environment variables is an entry here.
import type { OtherFlavor } from './index';

export interface RuntimeSpec {
  /**
   * Calls reading an environment variable or configuration with a default, as written: a
   * receiver and method (`ENV.fetch("MODEL", "gpt-4o")`) or a function (`env('MODEL', 'gpt-4o')`);
   * `*` first: that receiver and method on anything (`*configService.get`: `this.configService.get`).
   * The value is unknown at run time; the default (the positional argument at `defaultArg`) is
   * what an estimate assumes and says it assumed.
   */
  envDefaults: {
    call: string;
    defaultArg: number;
    /**
     * The first argument is a dotted key of the application's configuration files (Laravel's
     * `config('services.openai.model')`: `config/services.php`'s returned array): with no default
     * argument, the file's value is the default, and said.
     */
    configFiles?: true;
    /**
     * The first argument names an environment variable: with no default argument, the project's
     * environment schema's default for it (a zod or Joi `.default(...)`, `ImportContext.envSchema`) is the default, and said.
     */
    envSchema?: true;
  }[];
  /**
   * Methods that return their receiver's value for all costlint reads (`DEFAULTS = {...}.freeze`,
   * `PROMPT.dup`): read through, so a constant hash or string stays known.
   */
  identityMethods: string[];
  /** Calls that make a list of their arguments (Java's `List.of(a, b)`). */
  listCalls?: string[];
  /**
   * Collection classes whose `new` makes a list: empty, of a capacity, or a copy of the list it is
   * given (`new ArrayList<>(List.of(a))`, `new List<ChatMessage>()`), which steps then grow.
   */
  listClasses?: string[];
  /**
   * Functions that encode a value as JSON text (`json.dumps`, `JSON.stringify`), as written: the
   * request body some SDKs take as bytes (Bedrock's InvokeModel), read as the object it encodes.
   */
  jsonEncoders?: string[];
  /**
   * Functions (and, in JavaScript, template tags) that strip a string's common indentation: their
   * names, the modules that export them (called by name when imported from one, or as
   * `module.name`), and whose rules they follow (`textwrap`: Python's `textwrap.dedent`;
   * `cleandoc`: `inspect.cleandoc`; `js`: the npm dedent packages').
   */
  dedenters?: { names: string[]; modules: string[]; style: 'textwrap' | 'cleandoc' | 'js' }[];
  /**
   * Calls that read a file's text (`File.read(path)`, `file_get_contents($path)`), as written, and
   * which positional argument is the path: a prompt read at run time, which the host reads
   * within the workspace (the evaluator; Python's and TypeScript's read calls are their front-ends',
   * the paths they read the evaluator's).
   */
  fileReads?: { call: string; pathArg: number }[];
  /**
   * Calls that make a path: from a base path and segments (`File.join(a, b)`, `Path.of(a, b)`,
   * `filepath.Join(a, b)`), with `baseArg` when the base is another argument
   * (`File.expand_path("x", __dir__)`), or with `under` segments of the project's root
   * (Laravel's `base_path('x')`, `resource_path('x')` under `resources`).
   */
  pathJoins?: { call: string; baseArg?: number; under?: string }[];
  /** Expressions naming the folder of the file they are in (`__dir__`, `__DIR__`, `__dirname`). */
  fileDirs?: string[];
  /** Expressions naming the file they are in (`__file__`, `__filename`, `import.meta.url`): its folder is their parent. */
  fileNames?: string[];
  /** Expressions naming the folder the program runs in, taken as the project's root (`process.cwd()`, `os.getcwd()`). */
  rootDirs?: string[];
  /** Calls whose first argument's folder they return (`os.path.dirname(p)`, `path.dirname(p)`), and members that are a path's folder (`Path.parent`). */
  pathParents?: { calls: string[]; members: string[] };
  /**
   * Calls that return the path of their first argument (`os.path.abspath(p)`, `fileURLToPath(u)`,
   * `prompty.load(p)`: the prompt object names its file), and methods that return their
   * receiver's (`Path(p).resolve()`).
   */
  pathIdentities?: { calls: string[]; methods: string[] };
  /** Methods that join segments onto their receiver's path (`Path(p).joinpath("a", "b")`). */
  pathJoinMethods?: string[];
  /** Operators that join a path and a segment (Python's `Path(p) / "x.md"`). */
  pathOperators?: string[];
  /** Classes made from a relative path and a base file URL (`new URL('./x.md', import.meta.url)`): a path next to that file. */
  fileUrls?: string[];
  /** Functions that return their argument's value for all costlint reads (Go's `string(data)`). */
  identityFunctions?: string[];
  /**
   * Calls that format a string from a template and arguments, as written (`fmt.Sprintf`,
   * `String.format`, `sprintf`, Ruby's `format`, `string.Format`): the template is the argument
   * at `formatArg`, its arguments follow; `style` is its syntax (`strings.ts`: `printf`,
   * `dotnetFormat`). The value is the template's text with the arguments' values, or holes.
   */
  formatters?: { call: string; style: FormatStyle; formatArg: number }[];
  /** Methods a template calls on itself with its arguments (Java's `"...%s".formatted(x)`). */
  formatMethods?: { name: string; style: FormatStyle }[];
  /** `template % args` formats with printf syntax (Ruby's `String#%`). */
  percentFormat?: boolean;
  /**
   * Calls that join a list's items with a separator, as written, with the positions of both
   * (`strings.Join(list, sep)`, `implode(sep, list)`); when more arguments follow the separator
   * than one, they are the items (`String.join(", ", a, b)`).
   */
  joins?: { call: string; listArg: number; sepArg: number }[];
  /** Methods a list calls to join its items with the separator it is given (Ruby's `list.join("\n")`; none: `joinSeparator`). */
  joinMethods?: string[];
  /** The separator a join method uses when given none (JavaScript's `,`; default ''). */
  joinSeparator?: string;
  /** Methods a separator calls to join a list's items (Python's `"\n".join(parts)`). */
  separatorJoins?: string[];
  /**
   * Calls (their first argument) and methods (their receiver, without arguments) that trim
   * whitespace from a string: `strings.TrimSpace(s)`, `trim($s)`, `s.strip`, `s.Trim()`.
   */
  trims?: (({ call: string } | { method: string }) & { side: 'both' | 'start' | 'end' })[];
}

/** A format template's syntax: C's printf (`%s`, `%d`, `%1$s`), .NET's composite format (`{0}`), or Python's `str.format` (`{}`, `{0}`, `{name}`). */
export type FormatStyle = 'printf' | 'dotnet' | 'python';

export const RUNTIME: Partial<Record<OtherFlavor | 'python' | 'js', RuntimeSpec>> = {
  python: {
    envDefaults: [
      { call: 'os.getenv', defaultArg: 1 },
      { call: 'getenv', defaultArg: 1 },
      { call: 'os.environ.get', defaultArg: 1 },
      { call: 'environ.get', defaultArg: 1 },
    ],
    identityMethods: [],
    jsonEncoders: ['json.dumps'],
    percentFormat: true,
    formatMethods: [{ name: 'format', style: 'python' }],
    separatorJoins: ['join'],
    trims: [
      { method: 'strip', side: 'both' },
      { method: 'lstrip', side: 'start' },
      { method: 'rstrip', side: 'end' },
    ],
    dedenters: [
      { names: ['dedent'], modules: ['textwrap'], style: 'textwrap' },
      { names: ['cleandoc'], modules: ['inspect'], style: 'cleandoc' },
    ],
    // Prompts read through `open()` and `pathlib` (the read calls themselves are python/files.ts's).
    fileNames: ['__file__'],
    rootDirs: ['os.getcwd()', 'Path.cwd()', 'pathlib.Path.cwd()'],
    pathJoins: [{ call: 'Path' }, { call: 'pathlib.Path' }, { call: 'PurePath' }, { call: 'pathlib.PurePath' }, { call: 'os.path.join' }],
    pathParents: { calls: ['os.path.dirname'], members: ['parent'] },
    pathIdentities: { calls: ['os.path.abspath', 'os.path.realpath', 'os.path.normpath', 'prompty.load'], methods: ['resolve', 'absolute', 'expanduser'] },
    pathJoinMethods: ['joinpath'],
    pathOperators: ['/'],
  },
  js: {
    // `process.env.MODEL ?? 'gpt-4o'` is an operator, read by the recognizer. NestJS's injected
    // `ConfigService`: `this.configService.get('OPENAI_MODEL', 'gpt-4o-mini')`.
    envDefaults: [{ call: '*configService.get', defaultArg: 1, envSchema: true }],
    identityMethods: [],
    jsonEncoders: ['JSON.stringify'],
    dedenters: [{ names: ['dedent', 'outdent', 'stripIndent'], modules: ['dedent', 'ts-dedent', 'outdent', 'common-tags', 'dedent-js'], style: 'js' }],
    joinMethods: ['join'],
    joinSeparator: ',',
    // Prompts read through `fs` (the read calls themselves are typescript/files.ts's).
    fileDirs: ['__dirname', 'import.meta.dirname'],
    fileNames: ['__filename', 'import.meta.url', 'import.meta.filename'],
    rootDirs: ['process.cwd()'],
    pathJoins: [{ call: 'path.join' }, { call: 'path.resolve' }, { call: 'join' }, { call: 'resolve' }],
    pathParents: { calls: ['path.dirname', 'dirname'], members: [] },
    pathIdentities: { calls: ['fileURLToPath', 'url.fileURLToPath'], methods: [] },
    fileUrls: ['URL'],
    trims: [
      { method: 'trim', side: 'both' },
      { method: 'trimStart', side: 'start' },
      { method: 'trimEnd', side: 'end' },
    ],
  },
  ruby: {
    envDefaults: [{ call: 'ENV.fetch', defaultArg: 1 }],
    identityMethods: ['freeze', 'dup', 'clone', 'itself'],
    fileReads: [
      { call: 'File.read', pathArg: 0 },
      { call: 'IO.read', pathArg: 0 },
    ],
    pathJoins: [{ call: 'File.join' }, { call: 'File.expand_path', baseArg: 1 }, { call: 'Rails.root.join', under: '' }],
    fileDirs: ['__dir__'],
    formatters: [
      { call: 'format', style: 'printf', formatArg: 0 },
      { call: 'sprintf', style: 'printf', formatArg: 0 },
    ],
    percentFormat: true,
    joinMethods: ['join'],
    trims: [
      { method: 'strip', side: 'both' },
      { method: 'lstrip', side: 'start' },
      { method: 'rstrip', side: 'end' },
      { method: 'squish', side: 'both' },
    ],
  },
  php: {
    // Laravel's env() and config() helpers.
    envDefaults: [
      { call: 'env', defaultArg: 1 },
      { call: 'config', defaultArg: 1, configFiles: true },
    ],
    identityMethods: [],
    fileReads: [{ call: 'file_get_contents', pathArg: 0 }],
    // Laravel's path helpers.
    pathJoins: [
      { call: 'base_path', under: '' },
      { call: 'resource_path', under: 'resources' },
      { call: 'storage_path', under: 'storage' },
    ],
    fileDirs: ['__DIR__'],
    formatters: [{ call: 'sprintf', style: 'printf', formatArg: 0 }],
    joins: [
      { call: 'implode', listArg: 1, sepArg: 0 },
      { call: 'join', listArg: 1, sepArg: 0 },
    ],
    trims: [
      { call: 'trim', side: 'both' },
      { call: 'ltrim', side: 'start' },
      { call: 'rtrim', side: 'end' },
    ],
  },
  java: {
    envDefaults: [],
    identityMethods: [],
    listCalls: ['List.of', 'Arrays.asList'],
    listClasses: ['ArrayList', 'LinkedList', 'Vector', 'CopyOnWriteArrayList'],
    fileReads: [{ call: 'Files.readString', pathArg: 0 }],
    pathJoins: [{ call: 'Path.of' }, { call: 'Paths.get' }],
    formatters: [{ call: 'String.format', style: 'printf', formatArg: 0 }],
    formatMethods: [{ name: 'formatted', style: 'printf' }],
    joins: [{ call: 'String.join', listArg: 1, sepArg: 0 }],
    trims: [
      { method: 'strip', side: 'both' },
      { method: 'trim', side: 'both' },
      { method: 'stripLeading', side: 'start' },
      { method: 'stripTrailing', side: 'end' },
    ],
  },
  csharp: {
    envDefaults: [],
    identityMethods: [],
    listClasses: ['List'],
    fileReads: [
      { call: 'File.ReadAllText', pathArg: 0 },
      { call: 'File.ReadAllTextAsync', pathArg: 0 },
    ],
    pathJoins: [{ call: 'Path.Combine' }],
    formatters: [
      { call: 'string.Format', style: 'dotnet', formatArg: 0 },
      { call: 'String.Format', style: 'dotnet', formatArg: 0 },
    ],
    joins: [
      { call: 'string.Join', listArg: 1, sepArg: 0 },
      { call: 'String.Join', listArg: 1, sepArg: 0 },
    ],
    trims: [
      { method: 'Trim', side: 'both' },
      { method: 'TrimStart', side: 'start' },
      { method: 'TrimEnd', side: 'end' },
    ],
  },
  go: {
    envDefaults: [],
    identityMethods: [],
    fileReads: [{ call: 'os.ReadFile', pathArg: 0 }],
    pathJoins: [{ call: 'filepath.Join' }, { call: 'path.Join' }],
    identityFunctions: ['string'],
    formatters: [{ call: 'fmt.Sprintf', style: 'printf', formatArg: 0 }],
    joins: [{ call: 'strings.Join', listArg: 0, sepArg: 1 }],
    trims: [{ call: 'strings.TrimSpace', side: 'both' }],
  },
};
