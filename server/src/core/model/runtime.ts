// The values that code builds with its language's runtime rather than an SDK, as the runtime
// catalogue (catalogue/runtime.ts) lists them: formats, joins and trims, list calls, prompt files
// read at run time and the paths they are read from, and the SDKs' value helpers and request
// classes. The evaluator (evaluate.ts) asks; this knows no grammar either.
import { CATALOGUE, type ValueHelper } from '../catalogue';
import type { FormatStyle } from '../catalogue/runtime';
import type { Span } from '../types';
import { messageVal, staticString, type Val } from '../recognizers/values';
import { dotnetFormat, FILE_MARK, joinRef, joinVals, mapText, parentOf, printf, promptFileVal, pyFormat } from '../recognizers/strings';
import type { PromptFileRef } from '../workspace';
import { langSpec, type Evaluator } from './evaluate';
import type { ExprOf } from './ir';

type Str = Extract<Val, { kind: 'str' }>;

/** What each side of a trim removes. */
const TRIMS = { both: (s: string) => s.trim(), start: (s: string) => s.trimStart(), end: (s: string) => s.trimEnd() };

/**
 * The longest string a repetition (`"=" * 40`) builds, 2,000,000 characters (past most context
 * windows: a prompt too long for its model is an error worth showing), and the most characters a
 * file's repetitions build in all, 4,000,000: every call site counts its prompt's tokens, about
 * 2,000,000 characters a second (20 different 1,000,000-character repetitions in one file took 12 s).
 */
export const MAX_REPEAT = 2_000_000;
export const REPEAT_BUDGET = 4_000_000;
/** Repetitions shorter than this (`"=" * 40`, a ruler) are built whatever the budget. */
export const SMALL_REPEAT = 1_000;

/** How deep a chain of names and calls the evaluator follows. */
export const MAX_DEPTH = 12;

/** The runtime catalogue's calls, read for one evaluator. */
export class RuntimeValues<N> {
  constructor(private readonly ev: Evaluator<N>) {}

  /**
   * A string built by a function the runtime catalogue lists (`fn` as written): a format
   * (`fmt.Sprintf`, `String.format`, `sprintf`), a join (`strings.Join`, `implode`), a trim.
   */
  stringCall(fn: string, e: { argsNode: N | null }, span: Span, text: string, depth: number): Val | undefined {
    const rt = this.ev.runtime;
    if (!rt) return undefined;
    const f = rt.formatters?.find((x) => x.call === fn);
    if (f) {
      const args = this.ev.positional(e);
      const template = args[f.formatArg] ? this.ev.val(args[f.formatArg], depth) : undefined;
      return template?.kind === 'str' ? this.format(f.style, template, args.slice(f.formatArg + 1), span, text, depth) : undefined;
    }
    const j = rt.joins?.find((x) => x.call === fn);
    if (j) {
      const args = this.ev.positional(e);
      const sep = args[j.sepArg] ? this.ev.val(args[j.sepArg], depth) : undefined;
      if (sep?.kind !== 'str' || !args[j.listArg]) return undefined;
      // String.join(", ", a, b): the items are the arguments after the separator.
      if (j.listArg > j.sepArg && args.length > j.listArg + 1)
        return joinVals(
          sep,
          args.slice(j.listArg).map((a) => this.ev.val(a, depth)),
          [],
          span,
          text,
        );
      const list = this.ev.val(args[j.listArg], depth);
      return list.kind === 'list' ? joinVals(sep, list.items, list.open, span, text) : { kind: 'str', parts: [{ hole: list.text }], span, text };
    }
    const t = rt.trims?.find((x) => 'call' in x && x.call === fn);
    if (t) {
      const [arg] = this.ev.positional(e);
      const v = arg ? this.ev.val(arg, depth) : undefined;
      return v?.kind === 'str' ? mapText(v, TRIMS[t.side], span, text) : undefined;
    }
    return undefined;
  }
  /** A string method the runtime catalogue lists, on its receiver's value: `"...".formatted(x)`, `list.join(sep)`, `s.strip`. */
  stringMethod(e: ExprOf<N, 'call'>, span: Span, text: string, depth: number): Val | undefined {
    const rt = this.ev.runtime!;
    const self = this.ev.val(e.object!, depth);
    const f = rt.formatMethods?.find((m) => m.name === e.name);
    if (f) {
      if (self.kind !== 'str') return undefined;
      return f.style === 'python' ? this.pyFormat(self, e, span, text, depth) : this.format(f.style, self, this.ev.positional(e), span, text, depth);
    }
    if (rt.joinMethods?.includes(e.name)) {
      if (self.kind !== 'list') return undefined;
      const [arg] = this.ev.positional(e);
      const none = rt.joinSeparator ?? '';
      const sep = arg ? this.ev.val(arg, depth) : ({ kind: 'str', parts: none ? [{ text: none }] : [], span, text: none } as Val);
      return sep.kind === 'str' ? joinVals(sep, self.items, self.open, span, text) : undefined;
    }
    // "\n".join(parts): the separator joins the list it is given (a list not known is one hole).
    if (rt.separatorJoins?.includes(e.name)) {
      const [arg] = this.ev.positional(e);
      if (self.kind !== 'str' || !arg) return undefined;
      const items = this.ev.val(arg, depth);
      return items.kind === 'list' ? joinVals(self, items.items, items.open, span, text) : { kind: 'str', parts: [{ hole: items.text }], span, text };
    }
    const t = rt.trims?.find((x) => 'method' in x && x.method === e.name);
    return t && self.kind === 'str' && !this.ev.args(e).length ? mapText(self, TRIMS[t.side], span, text) : undefined;
  }
  /** Python's `"...{name}".format(x, name=y, **more)`: positional arguments in order, named ones (and a spread dict's) by name. */
  private pyFormat(template: Str, e: ExprOf<N, 'call'>, span: Span, text: string, depth: number): Val {
    const positional: Val[] = [];
    const named = new Map<string, Val>();
    for (const a of this.ev.args(e)) {
      if (a.kind === 'pos') positional.push(this.ev.val(a.value, depth));
      else if (a.kind === 'named') named.set(a.name, this.ev.val(a.value, depth));
      else {
        const d = this.ev.val(a.value, depth);
        if (d.kind === 'obj') for (const [k, v] of d.props) named.set(k, v);
      }
    }
    return pyFormat(template, positional, named, span, text);
  }

  /** A template formatted with arguments, in its syntax. */
  format(style: FormatStyle, template: Str, args: N[], span: Span, text: string, depth: number): Val {
    const values = args.map((a) => this.ev.val(a, depth));
    return style === 'dotnet' ? dotnetFormat(template, values, span, text) : printf(template, values, new Map(), span, text);
  }
  /** The positional constructor parameters of a request class, in any SDK (`OtherLanguage.constructorParams`). */
  constructorParams(cls: string): string[] | undefined {
    for (const sdk of CATALOGUE) {
      const p = langSpec(sdk, this.ev.front.flavor)?.constructorParams?.[cls];
      if (p) return p;
    }
    return undefined;
  }
  /** The SDK helper of that name in this language, in any SDK (`UserChatMessage`, `ChatMessage.CreateUserMessage`). */
  valueHelper(name: string): ValueHelper | undefined {
    for (const sdk of CATALOGUE) {
      const h = langSpec(sdk, this.ev.front.flavor)?.valueHelpers?.[name];
      if (h) return h;
    }
    return undefined;
  }
  /** What an SDK helper function returns (`ValueHelper`). */
  helperVal(helper: ValueHelper, e: { argsNode: N | null }, span: Span, text: string, depth: number): Val | undefined {
    const args = this.ev.positional(e);
    const first = args[0] ? this.ev.val(args[0], depth) : undefined;
    switch (helper.kind) {
      case 'arg':
        return first;
      case 'message': {
        if (helper.single) return messageVal(helper.role, first ?? { kind: 'unknown', span, text }, span, text);
        if (helper.roles) {
          const written = args[0] ? this.ev.front.text(args[0]).split('.').at(-1)! : '';
          const parts = args.slice(1).map((a) => this.ev.val(a, depth));
          const content: Val = parts.length === 1 ? parts[0] : { kind: 'list', items: parts, open: [], span, text };
          return messageVal(helper.roles[written] ?? helper.role, content, span, text);
        }
        const parts = args.map((a) => this.ev.val(a, depth));
        return messageVal(
          helper.role,
          parts.length === 1 && parts[0].kind === 'str' ? parts[0] : { kind: 'list', items: parts, open: [], span, text },
          span,
          text,
        );
      }
      case 'object': {
        const props = new Map<string, Val>(Object.entries(helper.props).map(([k, v]) => [k, { kind: 'str', parts: [{ text: v }], span, text }]));
        if (helper.argProp) {
          if (!first) return undefined;
          props.set(helper.argProp, first);
        }
        return { kind: 'obj', props, open: [], node: null, span, text };
      }
    }
  }
  /**
   * A prompt read from a file at run time (`RuntimeSpec.fileReads`): the file's text, which the host
   * reads within the workspace, or a hole saying why it was not read. Undefined when `fn` reads no
   * file or its path is not known statically (then the value is unknown, with its text).
   */
  fileRead(fn: string, e: { argsNode: N | null }, span: Span, text: string, depth: number): Val | undefined {
    const spec = this.ev.runtime?.fileReads?.find((f) => f.call === fn);
    if (!spec) return undefined;
    const arg = this.ev.positional(e)[spec.pathArg];
    const ref = arg ? this.pathOf(arg, depth) : undefined;
    return ref ? promptFileVal(this.ev.ctx, ref, span, text) : undefined;
  }
  /**
   * A path known statically: a string, the file's folder or the file itself (`__dir__`,
   * `__file__`, `import.meta.url`), the run's folder (`process.cwd()`), a concatenation or path
   * operator onto one (`__DIR__ . '/prompts/x.md'`, `Path(__file__).parent / "x.md"`), a join
   * (`File.join`, `os.path.join`, `Path(a, b)`, `.joinpath(...)`: `RuntimeSpec.pathJoins`,
   * `pathJoinMethods`), a folder (`dirname`, `.parent`), a call returning its argument's path, a
   * file URL (`new URL('./x.md', import.meta.url)`), or a name assigned one of these. A parameter,
   * with a default or without, is the path its callers pass (`withArguments`). Relative to the project's
   * root unless built on the file's folder.
   */
  pathOf(node: N, depth: number): PromptFileRef | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const rt = this.ev.runtime;
    const written = this.ev.front.text(node);
    if (rt?.fileDirs?.includes(written)) return { path: '', base: 'file' };
    if (rt?.fileNames?.includes(written)) return { path: FILE_MARK, base: 'file' };
    if (rt?.rootDirs?.includes(written)) return { path: '', base: 'root' };
    const known = staticString(this.ev.val(node, depth));
    if (known !== undefined) return { path: known, base: 'root' };
    const e = this.ev.expr(node);
    const first = (args: N[]) => (args[0] ? this.pathOf(args[0], depth + 1) : undefined);
    const segments = (args: N[]) => {
      const out = args.map((a) => staticString(this.ev.val(a, depth)));
      return out.every((x) => x !== undefined) ? out : undefined;
    };
    switch (e.k) {
      case 'group':
        return this.pathOf(e.inner, depth + 1);
      case 'name': {
        if (e.space !== 'local') {
          const values = this.ev.assigned(e);
          return values.length === 1 ? this.pathOf(values[0], depth + 1) : undefined;
        }
        const local = this.ev.bindings.local(e.name, e.node);
        // A parameter, with a default or without: the path each call passes (or the default it leaves), filled at the call (`withArguments`).
        const param = () => (this.ev.bindings.parameter?.(e.name, e.node) ? { path: '', base: 'root' as const, param: e.name } : undefined);
        if (local?.default !== undefined) return param();
        if (local) return local.reassigned ? undefined : this.pathOf(local.value, depth + 1);
        const values = this.ev.assigned(e);
        if (values.length) return values.length === 1 ? this.pathOf(values[0], depth + 1) : undefined;
        return param();
      }
      case 'member': {
        if (!rt?.pathParents?.members.includes(e.name)) return undefined;
        const base = this.pathOf(e.object, depth + 1);
        return base && parentOf(base);
      }
      case 'binary': {
        const operator = rt?.pathOperators?.includes(e.op);
        if (e.op !== this.ev.front.concatOp && !operator) return undefined;
        const base = this.pathOf(e.left, depth + 1);
        // `__file__ + ".md"`: a name next to the file's, not known here.
        if (!operator && base?.path === FILE_MARK) return undefined;
        const rest = staticString(this.ev.val(e.right, depth));
        // A concatenation's segment starts with the separator (`__dir__ + "/x.md"`); a path operator's does not.
        return base && rest !== undefined ? joinRef(base, [operator ? rest : rest.replace(/^[/\\]+/, '')]) : undefined;
      }
      case 'new': {
        // new URL('./x.md', import.meta.url): next to the file.
        if (!rt?.fileUrls?.includes(e.cls)) return undefined;
        const [rel, base] = this.ev.positional(e);
        const path = rel ? staticString(this.ev.val(rel, depth)) : undefined;
        return path !== undefined && base && this.pathOf(base, depth + 1)?.path === FILE_MARK ? { path, base: 'file' } : undefined;
      }
      case 'call':
      case 'static': {
        const fn = e.k === 'static' ? `${e.cls}.${e.name}` : e.object === null ? e.name : `${this.ev.front.text(e.object)}.${e.name}`;
        const args = this.ev.positional(e);
        if (rt?.pathIdentities?.calls.includes(fn)) return first(args);
        if (rt?.pathParents?.calls.includes(fn)) {
          const p = first(args);
          return p && parentOf(p);
        }
        if (e.k === 'call' && e.object !== null && !args.length && rt?.pathIdentities?.methods.includes(e.name)) return this.pathOf(e.object, depth + 1);
        if (e.k === 'call' && e.object !== null && rt?.pathJoinMethods?.includes(e.name)) {
          const base = this.pathOf(e.object, depth + 1);
          const rest = segments(args);
          return base && rest ? joinRef(base, rest) : undefined;
        }
        const join = rt?.pathJoins?.find((j) => j.call === fn);
        if (!join) return undefined;
        // `Path()`: the folder the program runs in.
        if (!args.length && join.under === undefined) return { path: '', base: 'root' };
        const baseAt = join.under !== undefined ? -1 : (join.baseArg ?? 0);
        const base: PromptFileRef | undefined =
          join.under !== undefined ? { path: join.under, base: 'root' } : args[baseAt] ? this.pathOf(args[baseAt], depth + 1) : undefined;
        const rest = segments(args.filter((_, i) => i !== baseAt));
        return base && rest ? joinRef(base, rest) : undefined;
      }
      default:
        return undefined;
    }
  }
  /** `List.of(a, b)`: a list of the arguments, for the calls the runtime catalogue lists. */
  listCall(fn: string, e: { argsNode: N | null }, span: Span, text: string, depth: number): Val | undefined {
    if (!this.ev.runtime?.listCalls?.includes(fn)) return undefined;
    return { kind: 'list', items: this.ev.positional(e).map((a) => this.ev.val(a, depth)), open: [], span, text };
  }

  /** `ENV.fetch("MODEL", "gpt-4o")`, `os.getenv("MODEL", "gpt-4o")` (`RuntimeSpec.envDefaults`, `fn` as written): unknown, with its default. */
  envDefault(fn: string, e: { argsNode: N | null }, span: Span, text: string, depth: number): Val | undefined {
    // `*configService.get`: that receiver and method on anything (`this.configService.get`, `configService.get`).
    const env = this.ev.runtime?.envDefaults.find(
      (d) => d.call === fn || (d.call.startsWith('*') && (fn === d.call.slice(1) || fn.endsWith(`.${d.call.slice(1)}`))),
    );
    if (!env) return undefined;
    // Laravel's `config('services.openai.model')`: the value `config/services.php` returns for it; the
    // call's fallback only when the file does not set the key.
    const first = this.ev.positional(e)[0];
    const key = (env.configFiles || env.envSchema) && first ? staticString(this.ev.val(first, depth)) : undefined;
    const [file, ...path] = env.configFiles ? (key?.split('.') ?? []) : [];
    let v: Val | undefined = file && path.length ? this.ev.ctx?.exportOf(`config:${file}`, 'return')?.val : undefined;
    for (const k of path) v = v?.kind === 'obj' ? v.props.get(k) : undefined;
    const value = v?.kind === 'unknown' ? v.default : v;
    if (value && value.kind !== 'unknown')
      return { kind: 'unknown', span, text: `${text} (config/${file}.php${v?.kind === 'unknown' ? `: ${v.text}` : ''})`, default: value };
    const arg = this.ev.positional(e)[env.defaultArg];
    const d = arg ? this.ev.val(arg, depth) : undefined;
    if (d && d.kind !== 'unknown') return { kind: 'unknown', span, text, default: d };
    // NestJS's `configService.get('MISTRAL_MODEL')` validated by `MISTRAL_MODEL: z.string().default(...)`: the schema's default.
    return !arg && env.envSchema && key ? this.schemaDefault(key, span, text) : undefined;
  }

  /**
   * An environment variable's default in the project's environment schema
   * (`ImportContext.envSchema`): unknown, that default assumed, said with where it is written.
   */
  schemaDefault(name: string, span: Span, text: string): Val | undefined {
    const d = this.ev.ctx?.envSchema?.().get(name);
    return (
      d && {
        kind: 'unknown',
        span,
        text,
        default: { kind: 'str', parts: [{ text: d.value }], span, text: d.value, origin: { name, span: { start: 0, end: 0 }, path: d.file } },
      }
    );
  }
}
