// The SDK symbols of Python's and TypeScript's expressions, on the intermediate model: what a
// receiver is as the SDK catalogue's `python` and `js` entries know it (an SDK module, a client
// class, a client, a resource below it, a method bound with `partial`, a LangChain pipeline, an
// AI SDK provider, a test double), through imports, assignments, declared types, `self` / `this`
// members, factories of this file and of other modules, and what callers pass. The front-ends say
// how names are bound (`Bindings.decls`, `Decl`); this file knows no grammar. The catalogue's
// readers (`member`, `construct`, `factoryCall`, `piped`, ...) are recognizers/symbols.ts.
import type { ImportContext, ModuleExport } from '../workspace';
import {
  asClient,
  construct,
  createProvider,
  defaultExport,
  deriveCall,
  endpointFromOptions,
  factoryCall,
  jsModule,
  member,
  mergeParams,
  piped,
  pythonModule,
  MAX_CHOICES_READ,
  withAlternatives,
  wrapped,
  wrapperOf,
  type ClientSym,
  type Sym,
} from '../recognizers/symbols';
import { COMMON_WORD_MODULES, type ClientWrapper } from '../catalogue';
import type { ObjVal, Val } from '../recognizers/values';
import type { Evaluator } from './evaluate';
import type { Decl, Expr, ExprOf, Param } from './ir';
import { fillSymParams, hasParam, paramKey, reachable } from './params';
import { Kept, MISS } from './reading';

/** Operators whose value is one of their operands (`client or OpenAI()`, `opts.client ?? new OpenAI()`, `key and OpenAI(api_key=key)`). */
const EITHER = new Set(['or', '||', '??', 'default', 'and', '&&']);

export class SymbolResolver<N> {
  /** Symbols found (or none), by node id, as the guard allows keeping them (reading.ts). */
  private readonly found: Kept<Sym | undefined>;

  constructor(
    private readonly ev: Evaluator<N>,
    private readonly ctx: ImportContext | undefined,
  ) {
    this.found = new Kept(ev.reading);
  }

  private get flavor(): 'python' | 'js' {
    return this.ev.front.flavor === 'python' ? 'python' : 'js';
  }

  sym(node: N | null | undefined, depth = 0): Sym | undefined {
    if (node === null || node === undefined) return undefined;
    const id = this.ev.front.id(node);
    const known = this.found.get(id, depth);
    if (known !== MISS) return known;
    const s = this.ev.guard(node, depth, () => this.symOf(this.ev.expr(node), depth + 1));
    // Kept, none too, as the guard allows (`Reuse`): most expressions of a file are no SDK symbol,
    // and reading a library's helpers again for each use of them is exponential.
    this.found.keep(id, s, depth);
    return s;
  }

  /**
   * The first symbol one of a name's bindings gives. A client assigned in several places (`if provider ==
   * "anthropic": llm = ChatAnthropic(...) else: llm = ChatOpenAI(...)`) is the first, naming the other SDKs
   * the other assignments make (`others`), which the estimate says.
   */
  ofDecls(decls: readonly Decl<N>[], depth: number): Sym | undefined {
    let first: Sym | undefined;
    const others = new Set<string>();
    for (const d of decls) {
      // After the first, only the other assignments that make something directly (`ChatOpenAI(...)`, `new X()`):
      // one reading the name again (`llm = llm.with_retry()`) would resolve every binding once more per level.
      if (first && (d.k !== 'value' || !this.constructs(d.value))) continue;
      const s = this.ofDecl(d, depth);
      if (!s) continue;
      if (!first) {
        first = s;
        if (s.kind !== 'client' || d.k !== 'value') return s;
      } else if (s.kind === 'client' && first.kind === 'client' && s.sdk.id !== first.sdk.id) others.add(s.sdk.displayName);
    }
    // The bindings are not told apart by where they reach (`llm = A()` then later `llm = B()` in a notebook):
    // no candidates from them, only the other SDKs said.
    return first?.kind === 'client' && others.size ? { ...first, others: [...new Set([...(first.others ?? []), ...others])] } : first;
  }

  /** The first symbol of `nodes` (a factory's returns); a client with the other clients they give as its alternatives. */
  oneOf(nodes: readonly N[], depth: number): Sym | undefined {
    let first: Sym | undefined;
    const rest: ClientSym[] = [];
    // The first symbol, then a few more returns: a function with dozens of returns is read no further than that.
    let after = 0;
    for (const n of nodes) {
      if (first && ++after > MAX_CHOICES_READ) break;
      const s = this.sym(n, depth);
      if (!s) continue;
      if (!first) first = s;
      else if (s.kind === 'client' && first.kind === 'client') rest.push(s);
      if (first.kind !== 'client') return first;
    }
    return first?.kind === 'client' && rest.length ? withAlternatives(first, rest) : first;
  }

  private ofDecl(d: Decl<N>, depth: number): Sym | undefined {
    switch (d.k) {
      case 'value':
        return this.sym(d.value, depth);
      case 'module':
        return this.module(d.path);
      case 'imported':
        return this.imported(d.module, d.name);
      case 'declared': {
        // `client = OpenAI(base_url=...)` as a default, `private llm = new ChatOpenAI({...})`: what it is made with.
        const init = d.init ? this.sym(d.init, depth) : undefined;
        if (init) return init;
        // `client: OpenAI`, `client: Optional[OpenAI] = None`, `llm?: ChatOpenAI`: an instance of the declared class.
        // A base class (`llm: BaseChatModel`) is what the file's callers pass when they say, else a model not known here.
        let injected: Sym | undefined;
        for (const t of d.types) {
          const s = this.sym(t, depth);
          if (s?.kind !== 'class') continue;
          if (!s.sdk.injected) return construct(s);
          injected ??= construct(s);
        }
        // `def ask(client, ...)` with no annotation: what this file's callers pass (`ask(bedrock, ...)`).
        return this.first(d.callers?.() ?? [], depth) ?? injected;
      }
      case 'returns':
        return this.first(d.returns, depth);
      case 'member':
        return this.memberOf(d.of, d.name, depth);
    }
  }

  /** `obj.name`; of a project module's namespace (`require('./llm').client`, `const { client } = require('./llm')`, `llm.client`), its export. */
  private memberOf(obj: N, name: string, depth: number): Sym | undefined {
    const direct = this.namespaceMember(obj, name) ?? member(this.sym(obj, depth), name);
    if (direct) return direct;
    // `{ client: new OpenAI(), model }.client`: an object literal's property (a destructured parameter filled by a call).
    const literal = this.ev.expr(obj);
    if (literal.k !== 'map') return undefined;
    for (const item of literal.items) if ('key' in item && item.key === name) return this.sym(item.value, depth);
    return undefined;
  }

  /**
   * A name exported by a module of the project that `obj` is the namespace of, in JavaScript: a
   * `require('./llm')` (its `module.exports`, whose properties are the module's exports), or
   * `import * as llm`. (An ES default import is the default export, not the namespace.)
   */
  private namespaceMember(obj: N, name: string): Sym | undefined {
    return this.namespaceExport(obj, name)?.sym;
  }

  /** What a module of the project that `obj` is the namespace of exports as `name` (`namespaceMember`). */
  private namespaceExport(obj: N, name: string): ModuleExport | undefined {
    if (this.flavor !== 'js' || !this.ctx) return undefined;
    for (const d of this.importsOf(obj)) {
      const path = d.k === 'module' ? d.path : d.name === 'default' && d.commonJs ? d.module : undefined;
      const x = path !== undefined && !this.module(path) ? this.ctx.exportOf(path, name) : undefined;
      if (x) return x;
    }
    return undefined;
  }

  /** An SDK package or submodule; for JavaScript, also a provider package (`@ai-sdk/openai`). */
  private module(path: string): Sym | undefined {
    if (this.flavor === 'python' && this.shadowed(path)) return undefined;
    return this.flavor === 'python' ? pythonModule(path) : jsModule(path);
  }

  /** A Python module named like an SDK's common word (`agents`) that is the application's own package. */
  private shadowed(path: string): boolean {
    const top = path.split('.')[0];
    return COMMON_WORD_MODULES.has(top) && !!this.ctx?.inWorkspace?.(top);
  }

  /**
   * A name imported from a module: a package module (`from google import genai`), a class or
   * function of an SDK (`from openai import OpenAI`, `import { generateText } from 'ai'`), a default
   * export, or a client made in another module of the workspace (`from app.llm import client`).
   */
  imported(module: string, name: string): Sym | undefined {
    if (this.flavor === 'python') {
      if (this.shadowed(module)) return this.ctx?.exportOf(module, name)?.sym;
      const s = pythonModule(`${module}.${name}`, true) ?? member(pythonModule(module), name);
      return s ?? (pythonModule(module) ? undefined : this.ctx?.exportOf(module, name)?.sym);
    }
    const mod = jsModule(module);
    if (mod) return name === 'default' ? defaultExport(mod) : member(mod, name);
    return this.ctx?.exportOf(module, name)?.sym;
  }

  private symOf(e: Expr<N>, depth: number): Sym | undefined {
    switch (e.k) {
      case 'group':
        return this.sym(e.inner, depth);
      case 'choice':
        return this.oneOf(e.options, depth);
      case 'module':
        return this.module(e.path);
      case 'imported':
        return this.imported(e.module, e.name);
      case 'name':
        return this.ofDecls(this.ev.bindings.decls?.(e.name, e.node, e.space) ?? [], depth);
      case 'member': {
        const base = this.memberOf(e.object, e.name, depth);
        if (base) return base;
        // `clients.openai` where clients is an object literal, `deps.llm` where `deps: { llm: OpenAI }`.
        return this.ofDecls(this.ev.bindings.memberDecls?.(e.node) ?? [], depth);
      }
      case 'binary': {
        if (EITHER.has(e.op)) return this.sym(e.left, depth) ?? this.sym(e.right, depth);
        // `x = new OpenAI()` as an expression.
        if (e.op === '=') return this.sym(e.right, depth);
        // LangChain: `prompt | llm | parser` invokes the model with what the prompt formats.
        if (e.op === '|')
          return (
            piped(this.sym(e.right, depth), this.expression(e.node), this.templateOf(e.left, depth)) ?? piped(this.sym(e.left, depth), this.expression(e.node))
          );
        return undefined;
      }
      case 'new': {
        const cls = e.clsNode !== undefined ? this.sym(e.clsNode, depth) : undefined;
        return cls?.kind === 'class' ? this.made(cls, e.argsNode) : undefined;
      }
      case 'call':
        return this.call(e, depth);
      case 'opaque':
        // `st.session_state["client"]`: what the file stores under that key.
        return this.ofDecls(this.ev.bindings.memberDecls?.(e.node) ?? [], depth);
      default:
        return undefined;
    }
  }

  /** `agents.get(name, default)` where `agents` is a dict literal of clients: the default's client, else the first value's, with a note. */
  private pickedFromMap(e: ExprOf<N, 'call'>, depth: number): Sym | undefined {
    let map = this.ev.expr(e.object!);
    if (map.k === 'name') {
      const decl = (this.ev.bindings.decls?.(map.name, map.node, map.space) ?? []).find((d) => d.k === 'value');
      if (decl?.k === 'value') map = this.ev.expr(decl.value);
    }
    if (map.k !== 'map') return undefined;
    const values = map.items.flatMap((i) => ('value' in i && !('append' in i) ? [i.value] : []));
    const [, fallback] = this.ev.positional(e);
    const clients = (fallback ? [fallback, ...values] : values).slice(0, MAX_CHOICES_READ).flatMap((n) => {
      const s = this.sym(n, depth);
      return s?.kind === 'client' ? [{ n, s }] : [];
    });
    if (!clients.length) return undefined;
    const [{ n, s }, ...rest] = clients;
    const note = `one of the ${values.length} values of \`${this.ev.front.text(e.object!)}\`, chosen at run time: ${n === fallback ? 'the default' : 'the first'} shown, the cost range covering them`;
    return {
      ...withAlternatives(
        s,
        rest.map((r) => r.s),
      ),
      notes: [...(s.notes ?? []), note],
    };
  }

  /** Whether a value is a construction by a bare name (`ChatOpenAI(...)`, `new OpenAI()`), not a call on something. */
  private constructs(node: N): boolean {
    const e = this.ev.expr(node);
    return e.k === 'new' || (e.k === 'call' && e.object === null);
  }

  /** An instance of an SDK class made with these arguments: its base URL, region and, for a configured class, its request parameters. */
  private made(cls: Extract<Sym, { kind: 'class' }>, argsNode: N | null): Sym | undefined {
    const params = this.ev.front.params?.(argsNode, cls.sdk.configuredClasses?.[cls.name]?.positional);
    return construct(cls, endpointFromOptions(cls.sdk, params), params);
  }

  private call(e: ExprOf<N, 'call'>, depth: number): Sym | undefined {
    const front = this.ev.front;
    const onSelf = e.object !== null && !!front.isSelf?.(e.object);
    const receiver = e.object !== null && !onSelf ? this.sym(e.object, depth) : undefined;
    if (e.object !== null && !onSelf) {
      // client.with_options(...): the same client.
      const derived = deriveCall(receiver, e.name);
      if (derived) return derived;
      const chained = this.chain(e, receiver, depth);
      if (chained) return chained;
      // `agents.get(name, triage_agent)` on a dict of clients or agents: the default, else the first, said.
      const picked = !receiver && e.name === 'get' ? this.pickedFromMap(e, depth) : undefined;
      if (picked) return picked;
    }
    if (this.isPartial(e)) return this.partial(e, depth);
    // A dataclass or pydantic field made by a factory (`client: OpenAI = field(default_factory=OpenAI)`): what it makes.
    const factory = this.defaultFactory(e);
    if (factory) {
      const made = this.sym(factory, depth);
      return made?.kind === 'class' ? this.made(made, null) : made;
    }
    // `wrap_openai(OpenAI())`, `instructor.from_openai(client)`: the client given, wrapped.
    const wrapper = this.wrapper(e);
    if (wrapper) {
      const named = wrapper.keyword ? this.ev.args(e).find((a) => a.kind === 'named' && a.name === wrapper.keyword) : undefined;
      return wrapped(wrapper, this.sym(named ? named.value : wrapper.keyword ? undefined : this.ev.positional(e)[0], depth));
    }
    // What is called: a class, a provider, a factory method of a client, a function.
    const target =
      e.object === null
        ? this.sym(e.nameNode, depth)
        : onSelf
          ? this.ofDecls(this.ev.bindings.decls?.(e.name, e.nameNode, 'field') ?? [], depth)
          : // `factories.anthropic(...)` where `factories = { anthropic: createAnthropic }`: the property's declaration.
            (member(receiver, e.name) ??
            (receiver ? undefined : (this.namespaceMember(e.object, e.name) ?? this.ofDecls(this.ev.bindings.memberDecls?.(e.node) ?? [], depth))));
    if (target?.kind === 'class') return this.made(target, e.argsNode);
    // `litellm = LazyLiteLLM()`, a class of the file forwarding attribute access to the module its `__getattr__` imports.
    const lazy = !target ? this.ev.front.lazyModule?.(e.node) : undefined;
    if (lazy) return this.module(lazy);
    if (target?.kind === 'modelCreator') return createProvider(target, front.params?.(e.argsNode));
    const made = factoryCall(target, this.flavor, (positional) => front.params?.(e.argsNode, positional) ?? this.empty(e));
    if (made) return made;
    if (target) return undefined;
    return this.returned(e, onSelf, depth);
  }

  /** LangChain in TypeScript: `prompt.pipe(model)`, `RunnableSequence.from([prompt, model, parser])`. */
  private chain(e: ExprOf<N, 'call'>, receiver: Sym | undefined, depth: number): Sym | undefined {
    if (e.name !== 'pipe' && e.name !== 'from') return undefined;
    const [first] = this.ev.positional(e);
    if (!first) return undefined;
    if (e.name === 'pipe')
      return piped(this.sym(first, depth), this.expression(e.node), this.templateOf(e.object!, depth)) ?? piped(receiver, this.expression(e.node));
    if (e.name !== 'from' || this.ev.front.text(e.object!) !== 'RunnableSequence') return undefined;
    const list = this.ev.expr(first);
    let template: Val | undefined;
    for (const item of list.k === 'list' ? list.items : []) {
      const p = piped(this.sym(item, depth), this.expression(e.node), template);
      if (p) return p;
      template = this.templateOf(item, depth) ?? template;
    }
    return undefined;
  }

  /** `functools.partial` or `partial` imported from functools (by any of the name's bindings: `try: import ... except ImportError: ...`). */
  private isPartial(e: ExprOf<N, 'call'>): boolean {
    return this.flavor === 'python' && e.name === 'partial' && this.callsFrom(e, ['functools']);
  }

  /** Whether a call names its function as imported from one of these modules: by name (`partial(...)`) or on the module (`functools.partial(...)`). */
  private callsFrom(e: ExprOf<N, 'call'>, modules: readonly string[]): boolean {
    const decls = this.importsOf(e.object ?? e.nameNode);
    return e.object === null
      ? decls.some((d) => d.k === 'imported' && modules.includes(d.module) && d.name === e.name)
      : decls.some((d) => d.k === 'module' && modules.includes(d.path));
  }

  /** The client wrapper a call names (`CLIENT_WRAPPERS`), imported by name or called on its module. */
  private wrapper(e: ExprOf<N, 'call'>): ClientWrapper | undefined {
    for (const d of this.importsOf(e.object ?? e.nameNode)) {
      // `wrap_openai(...)` imported by name, `instructor.from_openai(...)` on its module, `OpenAIAgent.from_tools(...)` on an imported class.
      const w =
        d.k === 'imported'
          ? wrapperOf(this.flavor, d.module, e.object === null ? d.name : `${d.name}.${e.name}`)
          : e.object !== null
            ? wrapperOf(this.flavor, d.path, e.name)
            : undefined;
      if (w) return w;
    }
    return undefined;
  }

  /** `field(default_factory=X)` (dataclasses) or `Field(default_factory=X)` (pydantic): X, or a lambda's body. */
  private defaultFactory(e: ExprOf<N, 'call'>): N | undefined {
    if (this.flavor !== 'python' || (e.name !== 'field' && e.name !== 'Field') || !this.callsFrom(e, ['dataclasses', 'pydantic'])) return undefined;
    const arg = this.ev.args(e).find((a) => a.kind === 'named' && a.name === 'default_factory');
    if (!arg) return undefined;
    const lambda = this.ev.front.lambdaBody?.(arg.value);
    return lambda ?? arg.value;
  }

  /** The imports a name is bound to: the one it was lowered to, or each of its bindings that is one. */
  private importsOf(node: N): Extract<Decl<N>, { k: 'imported' | 'module' }>[] {
    const e = this.ev.expr(node);
    if (e.k === 'imported') return [{ k: 'imported', module: e.module, name: e.name }];
    if (e.k === 'module') return [{ k: 'module', path: e.path }];
    if (e.k !== 'name') return [];
    return (this.ev.bindings.decls?.(e.name, e.node, e.space) ?? []).filter(
      (d): d is Extract<Decl<N>, { k: 'imported' | 'module' }> => d.k === 'imported' || d.k === 'module',
    );
  }

  /** `partial(client.messages.create, model=..., max_tokens=...)`: the method, with its keyword arguments bound. */
  private partial(e: ExprOf<N, 'call'>, depth: number): Sym | undefined {
    const [target] = this.ev.positional(e);
    const method = asClient(this.sym(target, depth));
    if (!method) return undefined;
    const kwargs = this.ev.front.params?.(e.argsNode) ?? this.empty(e);
    return { ...method, bound: method.bound ? mergeParams(method.bound, kwargs) : kwargs };
  }

  /** A call of a function or method of this file, or of a factory another module exports: what it returns. */
  private returned(e: ExprOf<N, 'call'>, onSelf: boolean, depth: number): Sym | undefined {
    const bindings = this.ev.bindings;
    if (e.object === null) {
      // `from app.clients import get_client`, `import { getClient } from './clients'` (in a `try`, or again in a notebook's later cell).
      for (const d of this.importsOf(e.nameNode)) {
        const x = d.k === 'imported' ? this.ctx?.exportOf(d.module, d.name) : undefined;
        // Made from its parameters (`def get_llm(model): return ChatOpenAI(model=model)`): with this call's arguments;
        // only the returns they reach (`if provider == "openai": return ChatOpenAI(...)`).
        const args = x?.fnKey && x.params ? this.ev.calls.exportArgs(x.params, e, depth) : undefined;
        if (x?.branches && args) {
          const kept = x.branches.filter((b) => reachable(b.guards, args)).flatMap((b) => (b.sym ? [b.sym] : []));
          return fillSymParams(this.combined(kept), x.fnKey!, args);
        }
        if (x?.returns) return args ? fillSymParams(x.returns, x.fnKey!, args) : x.returns;
      }
    }
    const fn: { fn: N; returns: N[]; params: Param<N>[]; returnTypes?: N[] } | undefined =
      e.object === null || onSelf ? bindings.callee?.(e.name, e.node, onSelf) : bindings.memberCallee?.(e.node);
    if (fn) {
      // A factory returning a different client per branch (`if provider == "anthropic": return ChatAnthropic(...)`): one of them.
      const got = this.filled(this.oneOf(this.reached(fn, e, depth), depth), fn, e, depth);
      if (got || !fn.returnTypes) return got;
      // `def get_agent() -> Agent`: an instance of the declared class.
      for (const t of fn.returnTypes) {
        const cls = this.sym(t, depth);
        if (cls?.kind === 'class') return construct(cls);
      }
      return undefined;
    }
    // `llm.getClient()` where `llm = require('./llm')`: a factory the module exports.
    return e.object !== null && !onSelf ? this.namespaceExport(e.object, e.name)?.returns : undefined;
  }

  /** The returns of a function of this file a call's arguments reach (`Evaluator.returnGuards`). */
  private reached(fn: { fn: N; returns: N[]; params: Param<N>[] }, e: ExprOf<N, 'call'>, depth: number): N[] {
    if (fn.returns.length < 2) return fn.returns;
    const guards = fn.returns.map((r) => this.ev.calls.returnGuards(r, fn.fn, depth));
    if (!guards.some((g) => g.length)) return fn.returns;
    const args = this.ev.calls.arguments(fn.params, e, depth);
    return fn.returns.filter((_, i) => reachable(guards[i], args));
  }

  /** The first of several symbols; a client with the other clients as its alternatives (`oneOf` for symbols already read). */
  private combined(syms: readonly Sym[]): Sym | undefined {
    const [first, ...rest] = syms;
    if (first?.kind !== 'client') return first;
    const clients = rest.filter((s): s is ClientSym => s.kind === 'client');
    return clients.length ? withAlternatives(first, clients) : first;
  }

  /** A client a function of this file returns, its request parameters made from the function's parameters filled by the call's arguments (params.ts). */
  private filled(s: Sym | undefined, fn: { fn: N; params: Param<N>[] }, e: ExprOf<N, 'call'>, depth: number): Sym | undefined {
    if (s?.kind !== 'client') return s;
    const key = paramKey(this.ev.front.span(fn.fn), this.ev.ctx?.file);
    const reads = [s, ...(s.alternatives ?? [])].some((c) => c.bound && hasParam(c.bound, key));
    return reads ? fillSymParams(s, key, this.ev.calls.arguments(fn.params, e, depth)) : s;
  }

  /** The prompt template a chain starts from: `prompt` in `prompt | llm`, `{...} | prompt | llm` or `prompt.pipe(llm)`. */
  private templateOf(node: N, depth: number): Val | undefined {
    const e = this.ev.expr(node);
    if (e.k === 'binary' && e.op === '|') return this.templateOf(e.right, depth);
    if (e.k === 'call' && e.name === 'pipe' && e.object !== null && this.flavor === 'js') {
      const [arg] = this.ev.positional(e);
      if (arg) return this.templateOf(arg, depth);
    }
    const v = this.ev.val(node, depth);
    return v.template ? v : undefined;
  }

  /** The outermost chain's text names the whole pipeline (`prompt | llm | parser`), shortened. */
  private expression(node: N): string {
    const t = this.ev.front.text(node);
    return t.length > 60 ? `${t.slice(0, 57)}...` : t;
  }

  private empty(e: ExprOf<N, 'call'>): ObjVal {
    return { kind: 'obj', props: new Map(), open: [], node: null, span: this.ev.front.span(e.node), text: '' };
  }

  private first(nodes: readonly N[], depth: number): Sym | undefined {
    for (const n of nodes) {
      const s = this.sym(n, depth);
      if (s) return s;
    }
    return undefined;
  }
}
