// The one evaluator over the intermediate model (ir.ts): which expressions are SDK clients,
// what values arguments have, and which calls are SDK operations, for every language whose
// front-end lowers to the model. It reads the SDK catalogue (constructors, derive methods,
// operation paths, model constants) and the runtime catalogue (environment defaults, identity
// methods); it knows no grammar.
import { CATALOGUE, findOperationIn, modelEnumValue, RUNTIME, type OperationSpec, type OtherFlavor, type OtherLanguage, type SdkSpec } from '../catalogue';
import type { Span } from '../types';
import {
  MAX_OPTIONS,
  mergeParts,
  messageVal,
  modelFromConstant,
  oneOf,
  reSpan,
  staticString,
  type ObjVal,
  type StrPart,
  type Val,
} from '../recognizers/values';
import { promptFileVal, withArguments } from '../recognizers/strings';
import { returnedValue, type ImportContext, type ModuleExport, type PromptFileRef } from '../workspace';
import { RuntimeValues } from './runtime';
import { Operators } from './operators';
import { Kept, MISS, Reading } from './reading';
import { Callers } from './callers';
import { snake } from '../recognizers/scoped';
import { LibraryValues } from './library';
import { InPlaceChanges, opened } from './changes';
import { SymbolResolver } from './symbols';
import { fillParams, hasParam, paramKey, reachable } from './params';
import { iterations } from './loops';
import { ClientResolver, flavorIndex } from './clients';
import type { Sym } from '../recognizers/symbols';
import type { Arg, Bindings, Expr, ExprOf, FrontEnd, LoopCount, MapItem } from './ir';

/** An SDK client, or a resource below it (`path`: `['chat', 'completions']`). `cls`: the class it was made from. */
export interface Client {
  sdk: SdkSpec;
  path: string[];
  cls: string | null;
  /** The model a resource client is bound to (.NET's `new ChatClient(model: "gpt-4o", ...)`, `GetChatClient("gpt-4o")`). */
  model?: Val;
  /** The resource factory it was made by (`GetChatClient`). */
  resource?: string;
  /** The keyword arguments its constructor was called with (Ruby's `OpenAI::Client.new(uri_base: ...)`), read when asked: where a base URL is read. */
  options?: () => ObjVal;
  /** Made by a call with a configuration block (`RubyLLM.context { |c| c.default_model = ... }`): the app's global settings may not apply. */
  ownConfig?: boolean;
  /** Request parameters every call through it sends (RubyLLM's `RubyLLM.chat(model: ...).with_params(...)`, langchainrb's `default_options`). */
  bound?: ObjVal;
  /** Known only by an interface the SDK declares for models made elsewhere (LangChain4j's `ChatModel`, langchaingo's `llms.Model`, `IChatClient`). */
  injected?: true;
  /** Known only by its declared type (a parameter or field `OpenAIClient client`): made elsewhere. */
  declared?: true;
  /** Other SDKs the value may be a client of (a local assigned in several branches: `model, err = openai.New()` / `= googleai.New(ctx)`). */
  others?: string[];
}

/** An SDK operation found at a call: the client it goes through, the operation, and the call. */
export interface Operation<N> {
  client: Client;
  op: OperationSpec;
  call: ExprOf<N, 'call'>;
}

/** An SDK's entry for a language the catalogue describes as `OtherLanguage` (none for Python, whose entries have their own shape). */
export function langSpec(sdk: SdkSpec, flavor: OtherFlavor | 'python' | 'js'): OtherLanguage | undefined {
  return flavor === 'python' || flavor === 'js' ? undefined : sdk[flavor];
}

export class Evaluator<N> {
  /** Helpers' arguments and callers' values (callers.ts). */
  readonly calls: Callers<N>;
  /** What libraries the catalogue knows build (library.ts). */
  private readonly lib: LibraryValues<N>;
  /** Changes made in place (changes.ts). */
  private readonly changes: InPlaceChanges<N>;
  /** Python's and TypeScript's SDK symbols (symbols.ts). */
  private readonly syms: SymbolResolver<N>;
  /** The other languages' SDK clients (clients.ts). */
  private readonly clients: ClientResolver<N>;
  /** The locals (by their value's node) whose changes in place are being applied, each as built so far (undefined: not known). */
  readonly partial = new Map<number, Val | undefined>();
  /** How many more steps of changes in place this file's analysis applies: a backstop (`changedReads` makes chains linear). */
  stepBudget = 20_000;
  /** The value of each read of a local changed in place, by the read's node, once computed without a cut-off. */
  private readonly changedReads = new Map<number, Val | undefined>();
  /** The guard of every reading: cycles, the depth limit, and what may be kept (reading.ts). */
  readonly reading: Reading;
  /** What the returns of the file's functions are, kept (`returnVal`). */
  private readonly returnVals: Kept<Val>;
  /** This language's runtime catalogue (`RUNTIME[flavor]`). */
  readonly runtime;
  /** The runtime catalogue's calls (formats, joins, file reads, environment defaults, helpers), read for this evaluator. */
  readonly rt: RuntimeValues<N>;
  /** Binary operators on values (operators.ts). */
  private readonly ops: Operators<N>;
  /** The last names of the runtime catalogue's calls (`fetch` of `ENV.fetch`, `ReadFile`): other calls' text is never read for it. */
  private readonly runtimeNames: ReadonlySet<string>;
  /** Methods of strings and lists the runtime catalogue lists (`formatted`, `join`, `strip`): only these read their receiver's value. */
  private readonly stringMethods: ReadonlySet<string>;

  constructor(
    readonly front: FrontEnd<N>,
    readonly bindings: Bindings<N>,
    /** The host's reads (prompt files) for a file inside a workspace. */
    readonly ctx?: ImportContext,
    /** False: the file imports no SDK, and the SDK classes it names are not the SDK's (only clients from other files count). */
    readonly ownNames = true,
    resolving?: Set<number>,
  ) {
    this.reading = new Reading(resolving ?? new Set());
    this.returnVals = new Kept(this.reading);
    this.runtime = RUNTIME[front.flavor];
    this.rt = new RuntimeValues(this);
    this.ops = new Operators(this);
    this.calls = new Callers(this);
    this.lib = new LibraryValues(this);
    this.changes = new InPlaceChanges(this);
    this.syms = new SymbolResolver(this, ctx);
    this.clients = new ClientResolver(this);
    const rt = this.runtime;
    const calls = [
      ...(rt?.envDefaults ?? []),
      ...(rt?.fileReads ?? []),
      ...(rt?.formatters ?? []),
      ...(rt?.joins ?? []),
      ...(rt?.trims ?? []).flatMap((t) => ('call' in t ? [t] : [])),
    ].map((c) => c.call);
    this.runtimeNames = new Set(calls.map((c) => c.slice(c.lastIndexOf('.') + 1)));
    this.stringMethods = new Set([
      ...(rt?.formatMethods ?? []).map((m) => m.name),
      ...(rt?.joinMethods ?? []),
      ...(rt?.separatorJoins ?? []),
      ...(rt?.trims ?? []).flatMap((t) => ('method' in t ? [t.method] : [])),
    ]);
  }

  /** How many times the loops around a call run it (loops.ts). */
  iterations(counts: readonly (LoopCount<N> | undefined)[]): number | null {
    return iterations(this, counts);
  }

  /** The file a path expression names, when it is known statically (`RuntimeValues.pathOf`). */
  pathOf(node: N, depth = 0): PromptFileRef | undefined {
    return this.rt.pathOf(node, depth);
  }

  /**
   * What a constructor or builder chain makes, as request parameters: `new CreateResponseOptions("gpt-5",
   * items) { ... }` (its constructor's parameters, then the initializer's), `X.builder().model("m").build()`.
   */
  constructed(e: ExprOf<N, 'new'>, span: Span, text: string, depth: number): ObjVal | undefined {
    const params = this.rt.constructorParams(e.cls);
    if (!e.init && !params) return undefined;
    const props = new Map<string, Val>();
    const open: string[] = [];
    if (params) {
      this.positional(e).forEach((a, i) => params[i] && props.set(params[i], this.val(a, depth)));
      // Named arguments of a listed constructor (PHP 8's `new GenerationConfig(maxOutputTokens: 800)`) by the API's names.
      for (const a of this.args(e)) if (a.kind === 'named') props.set(snake(a.name), this.val(a.value, depth));
    }
    this.fill(e.init ?? [], props, open, depth);
    return { kind: 'obj', props, open, node: e.node, span, text };
  }

  /** A call's arguments. */
  args(e: { argsNode: N | null }): Arg<N>[] {
    return e.argsNode === null ? [] : this.front.args(e.argsNode);
  }

  /**
   * The model of a node. Lowering is one level and cheap, so it is not memoized: keeping every
   * lowered expression alive for the file's analysis cost more in garbage collection than
   * lowering again (measured on the bench's Ruby file: 4x the collector's time).
   */
  expr(node: N): Expr<N> {
    return this.front.lower(node);
  }

  /** Runs `f` unless `node` is already being read (a cycle) or the chain is too deep (`Reading.guard`). */
  guard<T>(node: N, depth: number, f: () => T | undefined): T | undefined {
    return this.reading.guard(this.front.id(node), depth, f);
  }

  /** How many times a cycle or the depth limit cut a reading short (a result read with none does not depend on who asks). */
  get cutoffs(): number {
    return this.reading.cutoffs;
  }

  /** The SDK operation a call is, when its receiver is a client and its method path an operation of that SDK. */
  operation(node: N): Operation<N> | undefined {
    const call = this.expr(node);
    const flavor = this.front.flavor;
    if (call.k !== 'call' || call.object === null || flavor === 'python' || flavor === 'js') return undefined;
    const client = this.client(call.object) ?? this.clientArgument(call);
    if (!client) return undefined;
    const path = [...client.path, call.name];
    // SDKs whose clients are made from the same class (ruby-openai's and the official gem's
    // `OpenAI::Client`) are told apart by the keyword the call passes its parameters in.
    const twins =
      client.cls === null
        ? []
        : (flavorIndex(flavor).classes.get(client.cls) ?? []).flatMap((c) => (c.sdk !== client.sdk && (c.made || c.declared) ? [c.sdk] : []));
    if (!twins.length) {
      const op = findOperationIn(client.sdk, flavor, path);
      return op ? { client, op, call } : undefined;
    }
    const named = new Set(this.args(call).flatMap((a) => (a.kind === 'named' ? [a.name] : [])));
    const keywords = [client.sdk, ...twins].flatMap((s) => langSpec(s, flavor)?.paramsKeyword ?? []);
    for (const sdk of [client.sdk, ...twins]) {
      const own = langSpec(sdk, flavor)?.paramsKeyword;
      if (own ? !named.has(own) : keywords.some((k) => named.has(k))) continue;
      const op = findOperationIn(sdk, flavor, path);
      if (op) return { client: sdk === client.sdk ? client : { ...client, sdk }, op, call };
    }
    return undefined;
  }

  /**
   * `llms.GenerateFromSinglePrompt(ctx, llm, prompt)`: a package function calling the client passed to
   * it (`OtherLanguage.clientFunctions`), as that client's operation at `path`.
   */
  private clientArgument(call: ExprOf<N, 'call'>): Client | undefined {
    const mod = this.expr(call.object!);
    if (mod.k !== 'module' || this.front.flavor === 'python' || this.front.flavor === 'js') return undefined;
    const m = this.moduleSdk(mod.path);
    const fn = m && langSpec(m.sdk, this.front.flavor)?.clientFunctions?.[m.sub ? `${m.sub}.${call.name}` : call.name];
    if (!fn?.path) return undefined;
    const arg = this.args(call).filter((a) => a.kind === 'pos')[fn.arg];
    const c = arg && this.client(arg.value);
    return c ? { ...c, path: [...c.path, ...fn.path.split('.').slice(0, -1)] } : undefined;
  }

  // --- clients -------------------------------------------------------------------------------

  /** Python and TypeScript: the SDK symbol (module, class, client, provider, test double) an expression is (symbols.ts). */
  sym(node: N | null | undefined, depth = 0): Sym | undefined {
    return this.syms.sym(node, depth);
  }

  /** Python and TypeScript: the SDK symbol the first of a name's bindings that has one gives. */
  symOfDecls(decls: Parameters<SymbolResolver<N>['ofDecls']>[0]): Sym | undefined {
    return this.syms.ofDecls(decls, 0);
  }

  /** Python and TypeScript: what a function returns, the first symbol of its returns; a client with the others' as its alternatives. */
  symOfReturns(returns: readonly N[]): Sym | undefined {
    return this.syms.oneOf(returns, 0);
  }

  /** The client (or resource below it) an expression is (clients.ts). */
  client(node: N | null, depth = 0): Client | undefined {
    return this.clients.client(node, depth);
  }

  /** The SDK whose package (or a subpackage of it: `sub`, dotted) a module path names. */
  moduleSdk(path: string): { sdk: SdkSpec; sub: string } | undefined {
    return Evaluator.moduleSdkOf(this.front, path);
  }

  static moduleSdkOf<N>(front: FrontEnd<N>, path: string): { sdk: SdkSpec; sub: string } | undefined {
    return Evaluator.moduleSdksOf(front, path).next().value ?? undefined;
  }

  /** Every SDK whose package (or a subpackage: `sub`) a module path names, in catalogue order (LangChain4j's entries share `dev.langchain4j`). */
  static *moduleSdksOf<N>(front: FrontEnd<N>, path: string): Generator<{ sdk: SdkSpec; sub: string }, void> {
    const sep = front.moduleSeparator;
    for (const sdk of CATALOGUE) {
      const root = langSpec(sdk, front.flavor)?.packages.find((p) => path === p || path.startsWith(p + sep));
      if (root !== undefined)
        yield {
          sdk,
          sub: path
            .slice(root.length + 1)
            .split(sep)
            .filter(Boolean)
            .join('.'),
        };
    }
  }

  /** What another file of the project exports as `Class.NAME` for a path naming its module (`Expr` 'path'). */
  classMember(e: ExprOf<N, 'path'>): ModuleExport | undefined {
    return e.module !== undefined && e.segments.length >= 2 ? this.ctx?.exportOf(e.module, e.segments.slice(-2).join('.')) : undefined;
  }

  /** What a name may hold where it is read: its local assignment, else the values assigned to the field or constant. */
  assigned(e: ExprOf<N, 'name'>): N[] {
    if (e.space === 'local') {
      // Without a local of that name: a field of the enclosing class (Java's implicit `this`), else a constant.
      const v = this.bindings.local(e.name, e.node);
      if (v) return [v.value];
      const fields = this.bindings.field(e.name, e.node);
      return fields.length ? fields : this.bindings.constant(e.name);
    }
    return e.space === 'field' ? this.bindings.field(e.name, e.node) : this.bindings.constant(e.name);
  }

  first<T>(nodes: readonly N[], f: (n: N) => T | undefined): T | undefined {
    for (const n of nodes) {
      const r = f(n);
      if (r !== undefined) return r;
    }
    return undefined;
  }

  // --- values --------------------------------------------------------------------------------

  /** An expression's value; unknown (with its text) where it cannot be known statically. */
  val(node: N, depth = 0): Val {
    const v = this.guard(node, depth, () => this.valOf(this.expr(node), depth + 1));
    if (v) return v;
    return { kind: 'unknown', span: this.front.span(node), text: this.front.text(node) };
  }

  private valOf(e: Expr<N>, depth: number): Val | undefined {
    const span = this.front.span(e.node);
    const text = this.front.text(e.node);
    if (this.front.runtimeValue && (e.k === 'call' || e.k === 'member' || e.k === 'new' || e.k === 'opaque')) {
      const own = this.front.runtimeValue(e, this, depth);
      if (own) return own;
    }
    // LangChain templates and messages, Genkit, JSON encoders, dedenters, option objects (library.ts).
    if (e.k === 'call' || (e.k === 'new' && this.lib.known(e.cls))) {
      const v = this.lib.value(e, span, text, depth);
      if (v) return v;
    }
    switch (e.k) {
      case 'str': {
        const parts: StrPart[] = [];
        for (const seg of e.parts) {
          if ('text' in seg || 'hole' in seg) parts.push(seg);
          else {
            const v = this.val(seg.expr, depth);
            if (v.kind === 'str') parts.push(...v.parts);
            else if (v.kind === 'num') parts.push({ text: String(v.value) });
            else parts.push({ hole: this.front.text(seg.expr) });
          }
        }
        return { kind: 'str', parts: mergeParts(parts), span, text };
      }
      case 'num':
        return { kind: 'num', value: e.value, span, text };
      case 'bool':
        return { kind: 'bool', value: e.value, span, text };
      case 'null':
        return { kind: 'null', span, text };
      case 'list':
        return this.list(e, span, text, depth);
      case 'map': {
        const props = new Map<string, Val>();
        const open: string[] = [];
        this.fill(e.items, props, open, depth);
        return { kind: 'obj', props, open, node: e.node, span, text };
      }
      case 'new': {
        // new UserChatMessage("..."): an SDK class that builds a value.
        const helper = this.rt.valueHelper(e.cls);
        if (helper) return this.rt.helperVal(helper, e, span, text, depth);
        // new ArrayList<>(), new ArrayList<>(List.of(a)), new List<ChatMessage>(): a list, empty or copied.
        if (!e.init?.length && this.runtime?.listClasses?.includes(e.cls.replace(/<[\s\S]*$/, ''))) {
          const [arg] = this.positional(e);
          const v = arg ? this.val(arg, depth) : undefined;
          if (!v || v.kind === 'num') return { kind: 'list', items: [], open: [], span, text };
          return v.kind === 'list' ? { ...v, span, text } : undefined;
        }
        return this.constructed(e, span, text, depth);
      }
      // `ChatModel MODEL = ChatModel.GPT_4_1;` read through its declared type: the value.
      case 'typed':
        return e.init !== undefined ? this.val(e.init, depth) : undefined;
      case 'static': {
        const fn = `${e.cls}.${e.name}`;
        // LangChain4j's `UserMessage.from(text)`: an SDK helper building a value.
        const helper = this.rt.valueHelper(fn);
        if (helper) return this.rt.helperVal(helper, e, span, text, depth);
        return this.rt.listCall(fn, e, span, text, depth) ?? this.rt.fileRead(fn, e, span, text, depth) ?? this.rt.stringCall(fn, e, span, text, depth);
      }
      case 'name': {
        const v = this.nameVal(e, span, text, depth);
        // A parameter: what a caller passes, filled at each call of the function (params.ts).
        if (e.space !== 'local' || (v && v.kind !== 'unknown')) return v;
        // One the function changes in place (`params["model"] = ...`, `Object.assign(params, ...)`) is not what the call passed.
        const p = this.bindings.unchanged?.(e.name, e.node) === false ? undefined : this.bindings.parameter?.(e.name, e.node);
        return p ? { ...(v ?? { kind: 'unknown', span, text }), param: { fn: paramKey(this.front.span(p.fn), this.ctx?.file), name: e.name } } : v;
      }
      case 'path': {
        const id = this.modelConstant(e.segments);
        if (id) return { kind: 'str', parts: [{ text: id }], span, text, constant: true };
        // A constant of another class of the project (Java's `Prompts.SYSTEM`).
        const other = this.classMember(e)?.val;
        return other ? { ...other, span, text } : undefined;
      }
      case 'member': {
        // openai.ChatModelGPT4o: a model constant of the SDK's package.
        const mod = this.expr(e.object);
        const m = mod.k === 'module' ? this.moduleSdk(mod.path) : undefined;
        let id = m ? this.modelConstant([...(m.sub ? m.sub.split('.') : []), e.name], m.sdk) : undefined;
        // Model.ClaudeSonnet4_5: a constant of a class, where the name is no variable of the file.
        if (mod.k === 'name' && !this.assigned(mod).length) id = this.modelConstant([mod.name, e.name]);
        // `OpenAIEmbeddingModelType.TEXT_EMBED_3_SMALL` imported from the SDK (`SdkSpec.modelEnums`).
        if (mod.k === 'imported') id = modelEnumValue(mod.module, mod.name, e.name) ?? id;
        if (id) return { kind: 'str', parts: [{ text: id }], span, text, constant: true };
        // `LLMModelName.GPT_4O_MINI.value`: an enum member's value is the member's (read as its value).
        if (e.name === 'value' && this.front.flavor === 'python' && mod.k === 'member') {
          const base = this.val(e.object, depth);
          if (base.kind === 'str' || base.kind === 'num') return reSpan(base, span, text);
        }
        // CONFIG.model where CONFIG is an object known statically (a literal, an options object): its
        // property, where the front-end reports the properties set on it later (`FrontEnd.propertyReads`).
        if (this.front.flavor === 'python' && mod.k !== 'module') {
          // `bp.model_name = os.getenv(...)` in a startup hook: the one value the file assigns to that target.
          const decls = this.bindings.memberDecls?.(e.node) ?? [];
          const values = decls.filter((d) => d.k === 'value');
          if (values.length === 1) return reSpan(this.val(values[0].value, depth), span, text);
          // A settings or model field's default (`settings.OPENAI_MODEL` where `OPENAI_MODEL: str = "gpt-4o-mini"`): unknown, that default assumed.
          const fields = decls.filter((d) => d.k === 'declared' && d.init);
          const field =
            fields.length === 1 && fields[0].k === 'declared' && fields[0].init ? this.assumedDefault(fields[0].init, span, text, depth) : undefined;
          if (field) return field;
          // The same of an instance another module holds (`from app.config import settings`).
          for (const d of decls) {
            const v = d.k === 'imported' ? this.ctx?.exportOf(d.module, d.name)?.val : undefined;
            if (v) return reSpan(v, span, text);
          }
        }
        // `llm.value`, `cfg.model` where llm is a parameter: read from what each call passes (params.ts).
        const param = mod.k === 'name' && mod.space === 'local' && this.bindings.parameter?.(mod.name, mod.node) ? this.val(e.object, depth) : undefined;
        if (param?.kind === 'unknown' && param.param)
          return { kind: 'unknown', span, text, param: { ...param.param, path: [...(param.param.path ?? []), e.name] } };
        if (!this.front.propertyReads || mod.k === 'module' || mod.k === 'path') return undefined;
        const base = param ?? this.val(e.object, depth);
        const v = base.kind === 'obj' ? base.props.get(e.name) : undefined;
        return v && reSpan(v, span, text);
      }
      case 'call':
        return this.callVal(e, span, text, depth);
      case 'binary':
        return this.ops.binary(e, span, text, depth);
      case 'choice':
        // `"gpt-4o" if premium else "gpt-4o-mini"`: one of the branches' strings, chosen at run time.
        return oneOf(
          e.options.map((o) => this.val(o, depth)),
          span,
          text,
        );
      case 'opaque':
        return this.indexed(e.node, span, text, depth);
      case 'group': {
        const v = this.val(e.inner, depth);
        // `configService.get('MODEL')!`, `await getModel()`: an unknown with what it assumes keeps it, under the text written here.
        if (e.ownUnknown && v.kind === 'unknown') return reSpan(v, span, text);
        return v;
      }
      case 'fileText':
        return promptFileVal(this.ctx, { path: e.path, base: e.base }, span, text);
      case 'unary': {
        const v = this.val(e.operand, depth);
        return e.op === '-' && v.kind === 'num' ? { kind: 'num', value: -v.value, span, text } : undefined;
      }
      case 'imported': {
        // A constant of another module of the project: a string or number under this name's span; an object as it is (its node is where a fix edits).
        const v = this.ctx?.exportOf(e.module, e.name)?.val;
        return v && v.kind !== 'obj' ? { ...v, span, text } : v;
      }
      default:
        return undefined;
    }
  }

  /**
   * A list literal, its spreads in place (`[*BASE, m]`, `[...$history, $m]`): a list known
   * statically gives its items; anything else is open under the spread's text.
   */
  /**
   * `MODELS[tier]`: the entry of a map known statically; with a key known only at run time, one of
   * its values (`oneOf`), when every value is a static string.
   */
  private indexed(node: N, span: Span, text: string, depth: number): Val | undefined {
    const at = this.front.subscript?.(node);
    if (!at) return undefined;
    const map = this.val(at.object, depth);
    if (map.kind !== 'obj' || map.open.length) return undefined;
    const key = staticString(this.val(at.key, depth));
    if (key !== undefined) {
      const v = map.props.get(key);
      return v && reSpan(v, span, text);
    }
    return oneOf([...map.props.values()], span, text);
  }

  /** A name's value: a local's, a field's or constant's, what callers pass a parameter. */
  private nameVal(e: ExprOf<N, 'name'>, span: Span, text: string, depth: number): Val | undefined {
    // A local assigned more than once, or a field or constant assigned in several places, has no one value.
    if (e.space === 'local') {
      const v = this.bindings.local(e.name, e.node);
      if (v) {
        // A parameter with a default (`model: "gpt-4o"`): unknown, what a caller passes, with the default as what is assumed.
        if (v.default !== undefined && !v.reassigned) return this.assumedDefault(v.default, span, text, depth);
        const decl = v.decl === undefined ? v.value : v.decl;
        const value = v.reassigned ? undefined : reSpan(this.val(v.value, depth), span, text, decl === null ? undefined : this.front.span(decl));
        // A step that reads the value it changes (`p += p`, `msg.content = msg.content + "!"`) reads it
        // as built so far (changes.ts keeps it in `partial`), not by following every step before it again.
        const key = this.front.id(v.value);
        if (v.changes?.length && this.partial.has(key)) {
          const so = this.partial.get(key);
          return so && reSpan(so, span, text);
        }
        let r: Val | undefined;
        if (value && v.changes?.length) {
          // Each read of a changed local once (a chain of locals each added to the last is otherwise exponential),
          // when nothing cut its reading short (a cycle or the depth limit depends on who asks).
          const read = this.front.id(e.node);
          if (this.changedReads.has(read)) r = this.changedReads.get(read);
          else {
            const cut = this.cutoffs;
            this.partial.set(key, value);
            try {
              r = this.changes.changedIn(value, v.changes, v.loop ?? null, e, depth, key);
            } finally {
              this.partial.delete(key);
            }
            if (this.cutoffs === cut) this.changedReads.set(read, r);
          }
        } else r = value && this.changes.changedIn(value, [], v.loop ?? null, e, depth, key);
        return r && r.kind !== 'unknown' ? r : (this.calls.valFromCallers(e, span, text, depth) ?? r);
      }
      // A parameter declared without a type (Ruby's `def ask(model)`): what callers pass.
      const passed = this.calls.valFromCallers(e, span, text, depth);
      if (passed) return passed;
    }
    const values = this.assigned(e);
    if (values.length === 1) {
      const v = reSpan(this.val(values[0], depth), span, text, this.front.span(values[0]));
      // A field (or constant) changed in place somewhere in the class: not what it was assigned.
      return v && e.space !== 'constant' && this.bindings.fieldChanged?.(e.name, e.node) ? opened(v, e.name) : v;
    }
    // Assigned one of a few literals in different places (`self.model = "gpt-4o"` in one method, `"gpt-4o-mini"` in another): one of them.
    if (values.length)
      return e.space === 'field' && values.length <= MAX_OPTIONS
        ? oneOf(
            values.map((n) => this.val(n, depth)),
            span,
            text,
          )
        : undefined;
    // A constant of another file of the package (Go).
    const other = this.ctx?.sibling?.(e.name)?.val;
    if (other) return { ...other, span, text };
    // Ruby's `model`: a method of the class (`attr_reader :model`), with one value.
    const returned = this.bindings.returns?.(e.name, e.node) ?? [];
    const v = returned.length === 1 ? reSpan(this.val(returned[0], depth), span, text, this.front.span(returned[0])) : undefined;
    // A method called without arguments (Ruby's `load_prompt`): its parameters' defaults fill what it returns.
    const fn = v && this.bindings.callee?.(e.name, e.node);
    return v && fn ? withArguments(this.ctx, v, this.calls.arguments(fn.params, { argsNode: null }, depth)) : v;
  }

  private list(e: ExprOf<N, 'list'>, span: Span, text: string, depth: number): Val {
    if (!e.spreads.length) return { kind: 'list', items: e.items.map((i) => this.val(i, depth)), open: [], span, text };
    const start = (n: N) => this.front.span(n).start;
    const all = [...e.items.map((node) => ({ node, spread: false })), ...e.spreads.map((node) => ({ node, spread: true }))].sort(
      (a, b) => start(a.node) - start(b.node),
    );
    const items: Val[] = [];
    const open: string[] = [];
    for (const { node, spread } of all) {
      const v = this.val(node, depth);
      if (!spread) items.push(v);
      else if (v.kind === 'list') {
        items.push(...v.items);
        open.push(...v.open);
      } else open.push(this.front.text(node));
    }
    return { kind: 'list', items, open, span, text };
  }

  /** The dedenting style of the function a call (or a template tag, read as one) names (library.ts). */
  dedenterOf(e: Pick<ExprOf<N, 'call'>, 'object' | 'name' | 'nameNode'>): ReturnType<LibraryValues<N>['dedenter']> {
    return this.lib.dedenter(e);
  }

  /** What a function's return gives, read once for all its calls (their arguments fill its parameters after). */
  private returnVal(r: N, depth: number): Val {
    const id = this.front.id(r);
    const kept = this.returnVals.get(id, depth);
    if (kept !== MISS) return kept;
    const v = this.val(r, depth);
    this.returnVals.keep(id, v, depth);
    return v;
  }

  private callVal(e: ExprOf<N, 'call'>, span: Span, text: string, depth: number): Val | undefined {
    // buildPrompt(ticket), $this->prompt($q): a function of the file (or a method of the class)
    // with one value returned, its parameters filled with the call's arguments.
    // A call on another object reaches one only where the front-end can tell (`memberCallee`).
    if (!e.block) {
      const own = e.object === null || !!this.front.isSelf?.(e.object);
      const fn = own ? this.bindings.callee?.(e.name, e.node, e.object !== null) : this.bindings.memberCallee?.(e.node);
      if (fn?.returns.length) {
        const values = fn.returns.map((r) => this.returnVal(r, depth));
        // What it returns made from its parameters (`return ChatOpenAI(model=model)`, `return OpenAIChatModel(llm.value)`): this call's
        // arguments; only the returns they reach (`if provider == "openai": return ...`).
        const key = paramKey(this.front.span(fn.fn), this.ctx?.file);
        const guards = fn.returns.length > 1 ? fn.returns.map((r) => this.calls.returnGuards(r, fn.fn, depth)) : [[]];
        const params = guards.some((g) => g.length) || values.some((v) => hasParam(v, key)) ? this.calls.arguments(fn.params, e, depth) : undefined;
        const kept = params ? values.flatMap((v, i) => (reachable(guards[i], params) ? [fillParams(v, key, params)] : [])) : values;
        const rv = kept.length ? returnedValue(kept, span, text) : undefined;
        if (rv) {
          // A parameter the function assigns again (`text = File.read(text)`) is not what the call passed.
          const args = params ?? this.calls.arguments(fn.params, e, depth);
          // One with a default may be set only when the call passes nothing (`if lang is None: lang = "English"`): the call's value stands.
          for (const name of [...args.keys()])
            if (!this.bindings.parameter?.(name, fn.returns[0]) && fn.params.find((p) => p.name === name)?.default === undefined) args.delete(name);
          return withArguments(this.ctx, rv, args);
        }
      }
    }
    // A function imported from another module of the project (Python's `from app.prompts import build`): what it returns, its parameters filled by this call.
    if (e.object === null && this.ctx) {
      const f = this.expr(e.nameNode);
      if (f.k === 'imported') {
        const x = this.ctx.exportOf(f.module, f.name);
        const args = x?.fnKey && x.params ? this.calls.exportArgs(x.params, e, depth) : undefined;
        const kept = x?.branches && args ? x.branches.filter((b) => reachable(b.guards, args)) : undefined;
        const v = kept
          ? kept.length
            ? returnedValue(
                kept.map((b) => fillParams(b.val, x!.fnKey!, args!)),
                span,
                text,
              )
            : undefined
          : x?.returnsVal && args
            ? fillParams(x.returnsVal, x.fnKey!, args)
            : x?.returnsVal;
        // Its f-string or template holes named after its parameters (`return f"anthropic/{m}"`) too.
        return v ? withArguments(this.ctx, { ...v, span, text }, args ?? new Map()) : undefined;
      }
    }
    const mod = e.object !== null ? this.expr(e.object) : undefined;
    if (mod?.k === 'module') {
      // os.ReadFile(path), fmt.Sprintf(...): a standard package's function.
      const fn = `${this.front.text(e.object!)}.${e.name}`;
      const read = this.runtimeNames.has(e.name) ? (this.rt.fileRead(fn, e, span, text, depth) ?? this.rt.stringCall(fn, e, span, text, depth)) : undefined;
      if (read) return read;
      const m = this.moduleSdk(mod.path);
      const helper = m && langSpec(m.sdk, this.front.flavor)?.valueHelpers?.[e.name];
      if (helper) return this.rt.helperVal(helper, e, span, text, depth);
      // os.getenv("MODEL", "gpt-4o"): a standard module's environment read, with its default.
      return this.runtimeNames.has(e.name) ? this.rt.envDefault(fn, e, span, text, depth) : undefined;
    }
    // ChatMessage.CreateUserMessage("..."): a static helper of an SDK class (the name is no variable of the file).
    if (mod?.k === 'name' && !this.assigned(mod).length) {
      const helper = this.rt.valueHelper(`${mod.name}.${e.name}`);
      if (helper) return this.rt.helperVal(helper, e, span, text, depth);
    }
    if (!this.runtime) return undefined;
    if (e.object === null && this.runtime.identityFunctions?.includes(e.name)) {
      const [arg] = this.args(e);
      return arg?.kind === 'pos' ? this.val(arg.value, depth) : undefined;
    }
    if (e.object !== null && !e.block && this.runtime.identityMethods.includes(e.name) && !this.args(e).length) return this.val(e.object, depth);
    if (e.object !== null && !e.block && this.stringMethods.has(e.name)) {
      const v = this.rt.stringMethod(e, span, text, depth);
      if (v) return v;
    }
    // The call as written (`ENV.fetch`) is read from the source only for a name the catalogue lists.
    if (!this.runtimeNames.has(e.name)) return undefined;
    const fn = e.object === null ? e.name : `${this.front.text(e.object)}.${e.name}`;
    const read = this.rt.fileRead(fn, e, span, text, depth);
    if (read) return read;
    return this.rt.envDefault(fn, e, span, text, depth) ?? this.rt.stringCall(fn, e, span, text, depth);
  }

  /**
   * A value set at run time whose default is `node` (a parameter's default, a settings field's): unknown, with
   * that default assumed; a default that is itself read at run time with a fallback
   * (`model = config.get('MODEL', 'gpt-4o')`) assumes the fallback. Undefined without a usable default.
   */
  assumedDefault(node: N, span: Span, text: string, depth = 0): Val | undefined {
    const d = this.val(node, depth);
    const assumed = d.kind === 'unknown' ? d.default : d;
    return assumed && assumed.kind !== 'unknown' && assumed.kind !== 'null' ? { kind: 'unknown', span, text, default: assumed } : undefined;
  }

  /** The positional arguments' nodes. */
  positional(e: { argsNode: N | null }): N[] {
    return this.args(e).flatMap((a) => (a.kind === 'pos' ? [a.value] : []));
  }

  /** A map's or initializer's items into `props`, in order. */
  private fill(items: MapItem<N>[], props: Map<string, Val>, open: string[], depth: number): void {
    for (const item of items) {
      if ('spread' in item) this.spread(item.spread, props, open, depth);
      else if ('append' in item) {
        const v = this.val(item.value, depth);
        const el = item.role ? messageVal(item.role, v, this.front.span(item.at), this.front.text(item.at)) : v;
        const list = props.get(item.append);
        if (list?.kind === 'list') props.set(item.append, { ...list, items: [...list.items, el] });
        else props.set(item.append, { kind: 'list', items: [el], open: [], span: this.front.span(item.at), text: this.front.text(item.at) });
      } else if ('keyNode' in item) {
        const key = staticString(this.val(item.keyNode, depth));
        // A key known only at run time (`{os.environ["TIER"]: "o1"}`, `{ [k]: 'o1' }`): an entry that cannot be read.
        if (key !== undefined) props.set(key, this.val(item.value, depth));
        else open.push(this.front.text(item.keyNode));
      } else props.set(item.key, this.val(item.value, depth));
    }
  }

  /** A spread's properties into `props` (later ones win, as at run time), or its text into `open` when it cannot be read. */
  private spread(node: N, props: Map<string, Val>, open: string[], depth: number): void {
    const v = this.val(node, depth);
    if (v.kind === 'obj') {
      for (const [k, pv] of v.props) props.set(k, pv);
      open.push(...v.open);
    } else open.push(this.front.text(node));
  }

  /**
   * Named arguments as one parameters object (Ruby keyword arguments, PHP named arguments): named
   * ones, spreads, and map literals passed positionally (a trailing hash), in order; the object's
   * node, where a fix adds a parameter, holds the arguments.
   */
  keywords(call: { argsNode: N | null }, span: Span, text: string): ObjVal {
    const props = new Map<string, Val>();
    const open: string[] = [];
    for (const a of this.args(call)) {
      if (a.kind === 'named') props.set(a.name, this.val(a.value));
      // A map literal passed positionally (Ruby's trailing hash) is keyword arguments too.
      else if (a.kind === 'spread' || this.expr(a.value).k === 'map') this.spread(a.value, props, open, 0);
    }
    return { kind: 'obj', props, open, node: call.argsNode, span, text };
  }

  /**
   * A model id an SDK keeps as a constant (`OpenAI::ChatModel::GPT_4O`, `openai.ChatModelGPT4o`):
   * see `OtherLanguage.modelConstants`. Without `sdk`, the path starts with the SDK's `root`.
   */
  private modelConstant(segments: string[], only?: SdkSpec): string | undefined {
    for (const sdk of only ? [only] : CATALOGUE) {
      const spec = langSpec(sdk, this.front.flavor)?.modelConstants;
      if (!spec) continue;
      let rest = segments;
      if (!only) {
        const root = spec.root?.split(/::|\.|\\/);
        if (root && rest.length > root.length && root.every((p, i) => rest[i] === p)) rest = rest.slice(root.length);
        else if (!(spec.unqualified && rest.length === 2)) continue;
      }
      if (patternOf(spec.pattern).test(rest.join('.'))) return modelFromConstant(rest.at(-1)!, sdk.provider);
    }
    return undefined;
  }
}

const PATTERNS = new Map<string, RegExp>();
/** A catalogue pattern, compiled once. */
function patternOf(source: string): RegExp {
  let re = PATTERNS.get(source);
  if (!re) PATTERNS.set(source, (re = new RegExp(source)));
  return re;
}
