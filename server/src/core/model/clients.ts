// Which expressions are SDK clients in the languages the catalogue describes with `OtherLanguage`
// entries (Ruby, PHP, Go, Java, C#): a class made (`OpenAI::Client.new`, `new OpenAI\Client`), a
// declared type, a constructor function of the SDK's package, a resource below a client, a
// resource client bound to a model (`GetChatClient("gpt-4o")`), through locals, fields, what
// callers pass and other files of the package or partial class. Python's and TypeScript's clients,
// whose catalogue entries carry more (endpoints, bound parameters, pipes), are symbols.ts's.
import { CATALOGUE, type OtherFlavor, type OtherLanguage, type SdkSpec } from '../catalogue';
import type { ObjVal, Val } from '../recognizers/values';
import { Evaluator, langSpec, type Client } from './evaluate';
import type { Expr, ExprOf, MapItem } from './ir';

const OR_OPERATORS = new Set(['||', 'or', '??', '?:']);

/** The catalogue's entries for one language, by the names code writes (built once per language: resolution asks for them on every call). */
export interface FlavorIndex {
  /**
   * Classes made (`constructors`, also static functions: `OpenAI::client`), declared (`types`) or
   * bound to a resource (`resourceClasses`), with their SDKs in catalogue order.
   */
  classes: Map<string, { sdk: SdkSpec; made: boolean; declared: boolean; resource?: string }[]>;
  moduleClients: Map<string, SdkSpec>;
  services: Map<string, NonNullable<OtherLanguage['services']>[string]>;
  adapters: Map<string, SdkSpec>;
  /** Class macros making a class's instances clients (`classMacros`), by macro. */
  macros: Map<string, { sdk: SdkSpec; path: string }>;
}
const INDEXES = new Map<string, FlavorIndex>();
/** Every SDK's base URL options: an SDK sharing its client class with another (ruby-openai's `uri_base:`) reads its own. */
const BASE_URL_OPTIONS: readonly string[] = [...new Set(CATALOGUE.flatMap((s) => s.baseUrlOptions))];
export function flavorIndex(flavor: OtherFlavor | 'python' | 'js'): FlavorIndex {
  let index = INDEXES.get(flavor);
  if (index) return index;
  index = { classes: new Map(), moduleClients: new Map(), services: new Map(), adapters: new Map(), macros: new Map() };
  for (const sdk of CATALOGUE) {
    const spec = langSpec(sdk, flavor);
    if (!spec) continue;
    const names = new Set([...spec.constructors, ...(spec.types ?? []), ...Object.keys(spec.resourceClasses ?? {})]);
    for (const n of names) {
      const list = index.classes.get(n) ?? [];
      list.push({ sdk, made: spec.constructors.includes(n), declared: !!spec.types?.includes(n), resource: spec.resourceClasses?.[n] });
      index.classes.set(n, list);
    }
    for (const m of spec.moduleClients ?? []) if (!index.moduleClients.has(m)) index.moduleClients.set(m, sdk);
    for (const [k, v] of Object.entries(spec.services ?? {})) if (!index.services.has(k)) index.services.set(k, v);
    for (const a of spec.adapters ?? []) if (!index.adapters.has(a)) index.adapters.set(a, sdk);
    for (const [m, path] of Object.entries(spec.classMacros ?? {})) if (!index.macros.has(m)) index.macros.set(m, { sdk, path });
  }
  INDEXES.set(flavor, index);
  return index;
}

/** Whether a class, written with or without its namespace and type arguments, is one an SDK makes or declares in this language. */
export function isSdkClass(flavor: OtherFlavor | 'python' | 'js', cls: string): boolean {
  return flavorIndex(flavor).classes.has(
    cls
      .replace(/<[\s\S]*$/, '')
      .split(/\.|::|\\/)
      .at(-1)!,
  );
}

export class ClientResolver<N> {
  private readonly index: FlavorIndex;
  constructor(private readonly ev: Evaluator<N>) {
    this.index = flavorIndex(ev.front.flavor);
  }

  /** Clients resolved in this analysis, by node: each call site through a field or a local asks again. */
  private readonly resolved = new Map<number, Client | undefined>();

  /** The client (or resource below it) an expression is. */
  client(node: N | null, depth = 0): Client | undefined {
    if (node === null) return undefined;
    const id = this.ev.front.id(node);
    if (this.resolved.has(id)) return this.resolved.get(id);
    // Kept only when nothing cut the resolution short (a cycle or the depth limit depends on who asks).
    const cut = this.ev.cutoffs;
    const c = this.ev.guard(node, depth, () => this.clientOf(this.ev.expr(node), depth + 1));
    if (this.ev.cutoffs === cut) this.resolved.set(id, c);
    return c;
  }

  private clientOf(e: Expr<N>, depth: number): Client | undefined {
    // `self` in a class its SDK's macro makes a client of (RubyLLM's `acts_as_chat`).
    if (this.ev.front.classMacros && this.ev.front.isSelf?.(e.node)) {
      for (const m of this.ev.front.classMacros(e.node)) {
        const made = this.index.macros.get(m);
        // Its parameters are the record's (none known here): the chat's own methods (`with_schema`) keep it.
        if (made)
          return {
            sdk: made.sdk,
            path: [made.path],
            cls: null,
            bound: { kind: 'obj', props: new Map(), open: [], node: null, span: this.ev.front.span(e.node), text: '' },
          };
      }
    }
    switch (e.k) {
      case 'group':
        return this.client(e.inner, depth);
      case 'name': {
        // RubyLLM: a module that is a client itself.
        if (e.space === 'constant') {
          const mod = this.moduleClient(e.name);
          if (mod) return mod;
        }
        const values = this.ev.assigned(e);
        // Semantic Kernel's `Kernel.CreateBuilder()`: a class name read as a variable (C#) that nothing assigns.
        if (!values.length && e.space === 'local' && /^[A-Z]/.test(e.name)) {
          const mod = this.moduleClient(e.name);
          if (mod) return mod;
        }
        // A receiver whose struct embeds a client (`type Client struct{ *api.Client }`): `c.Chat(...)` is the client's.
        const embedded = () =>
          this.ev.front.isSelf?.(e.node) ? this.ev.first(this.ev.bindings.embedded?.(e.node) ?? [], (t) => this.client(t, depth)) : undefined;
        if (values.length) {
          const c = this.bestClient(values, depth);
          return c?.bound && e.space === 'local' ? this.changedInPlace(c, c.bound, e) : (c ?? embedded());
        }
        // A parameter declared without a type (Ruby's `def summarize(client)`): a client its callers in the file pass.
        const param = e.space === 'local' ? this.ev.bindings.parameter?.(e.name, e.node) : undefined;
        const passed = param && this.ev.calls.callerArgs(param, e.name);
        const fromCaller = passed && this.ev.first(passed, (a) => this.client(a, depth));
        if (fromCaller) return fromCaller;
        // A package-level variable of another file of the package (Go); a field of another part of
        // this partial class (C#); Ruby's `client`, a method of the class.
        const other =
          this.ev.ctx?.sibling?.(e.name)?.client ??
          this.otherPart(e.name, e.node) ??
          this.ev.first(this.ev.bindings.returns?.(e.name, e.node) ?? [], (v) => this.client(v, depth));
        return other ?? embedded() ?? this.inherited(e.name, e.node, depth);
      }
      case 'new': {
        // AiServices.builder(Assistant.class).chatModel(model).build(): a service calling that model.
        const service = this.service(e.cls, e, depth);
        if (service) return service;
        const made = this.classClient(e.cls, false, e.module, e.argsNode);
        // `OpenAI::Client.new(uri_base: "https://api.groq.com/openai")`: options that may point it elsewhere.
        const keyword = made ? langSpec(made.sdk, this.ev.front.flavor)?.boundKeyword : undefined;
        // LangChain4j's `OpenAiChatModel.builder().modelName("gpt-4o").maxTokens(500).build()`: every setting is bound ('*').
        if (made && keyword === '*') {
          // Read here, not through `val`: this node is being resolved (a cycle to `guard`).
          const span = this.ev.front.span(e.node);
          const text = this.ev.front.text(e.node);
          const v = this.ev.constructed(e, span, text, depth);
          return { ...made, bound: detached(v ?? { kind: 'unknown', span, text }) };
        }
        const argsNode = e.argsNode;
        if (!made || argsNode === null) return made;
        const options = () => this.ev.keywords({ argsNode }, this.ev.front.span(argsNode), '');
        // Options are read only where they may point the client elsewhere (`uri_base:`, `**opts`): most constructors take a key.
        const argsText = this.ev.front.text(argsNode);
        const routes = argsText.includes('**') || BASE_URL_OPTIONS.some((o) => argsText.includes(o));
        if (!keyword) return routes ? { ...made, options } : made;
        // langchainrb's `default_options: {chat_model: "gpt-4o"}`, Spring AI 0.8's `new OpenAiChatClient(api, options)`: parameters of every call.
        const whole = this.ev.constructed(e, this.ev.front.span(e.node), this.ev.front.text(e.node), depth);
        const bound = (whole ?? options()).props.get(keyword);
        return { ...made, options, bound: detached(bound) };
      }
      case 'typed': {
        // Declared with a value: what the value is (a builder setting the model); a value made by a call or
        // class not followed here (a DI container, a factory, a platform's builder) is what the type says;
        // a constant (`ChatModel MODEL = ChatModel.GPT_4_1`) is not a client.
        if (e.init !== undefined) {
          const made = this.client(e.init, depth);
          const init = this.ev.expr(e.init);
          const k = init.k;
          const constant =
            k === 'str' || k === 'num' || k === 'bool' || k === 'null' || ((k === 'path' || k === 'member') && /^[A-Z]/.test(this.ev.front.text(e.init)));
          // `IEmbeddingGenerator<...> embedder = new LocalTextEmbeddingGenerator();`: the application's own implementation.
          const own = init.k === 'new' && !isSdkClass(this.ev.front.flavor, init.cls);
          if (made || constant || own) return made;
        }
        const c = this.classClient(e.cls, true, e.module);
        if (!c) return c;
        // A constructor parameter every construction in the file gives the application's own implementation
        // (`new AssistantTools(embedder, manual)` with `embedder = new LocalTextEmbeddingGenerator()`): not a client.
        const passed = this.ev.front.constructedWith?.(e.node);
        if (passed?.length && passed.every((a) => this.ownImplementation(a, depth))) return undefined;
        // An injected LangChain4j or Spring AI model (`ChatModel chatModel`): its settings are the bean's, made elsewhere.
        if (langSpec(c.sdk, this.ev.front.flavor)?.boundKeyword === '*') {
          const span = this.ev.front.span(e.node);
          return { ...c, injected: true, bound: { kind: 'obj', props: new Map(), open: [e.cls], node: null, span, text: '' } };
        }
        return { ...c, declared: true };
      }
      case 'static': {
        // OpenAI::client($key): a constructor function; Bedrock\Client::fromEnvironment(): a client class's factory.
        const fn = `${e.cls}${this.ev.front.staticSeparator}${e.name}`;
        // AiServices.create(Assistant.class, model): a service calling that model.
        const service = this.service(fn, e, depth);
        if (service) return service;
        const sdk = this.ev.ownNames ? this.index.classes.get(fn)?.find((c) => c.made)?.sdk : undefined;
        if (sdk) return { sdk, path: [], cls: e.cls };
        // Prism::text(), Laravel's OpenAI::chat(): a method of a facade that is a client.
        const mod = this.moduleClient(e.cls);
        if (mod) return this.method(mod, e.name, e.argsNode, false);
        const cls = this.classClient(e.cls);
        return cls && langSpec(cls.sdk, this.ev.front.flavor)?.staticFactories?.some((p) => e.name.startsWith(p)) ? cls : undefined;
      }
      case 'call': {
        // GetChatClient(), this.getClient(): a method of this class (or a function of the file)
        // returning one, or of another part of this partial class, in another file of the folder (C#).
        if (e.object === null || this.ev.front.isSelf?.(e.object)) {
          const own = this.ev.bindings.returns?.(e.name, e.node) ?? [];
          const c = own.length ? this.ev.first(own, (v) => this.client(v, depth)) : this.otherPart(`${e.name}()`, e.node);
          if (c) return c;
        }
        // openai.NewClient(...), bedrock.NewClient(...): a constructor function of the SDK's package or a subpackage.
        const mod = e.object !== null ? this.ev.expr(e.object) : undefined;
        if (mod?.k === 'module') {
          const m = this.ev.moduleSdk(mod.path);
          const spec = m && langSpec(m.sdk, this.ev.front.flavor);
          if (!m || !spec) return undefined;
          const fn = m.sub ? `${m.sub}.${e.name}` : e.name;
          // langchaingo's `embeddings.NewEmbedder(llm)`: a client made from the client passed.
          const returns = spec.clientFunctions?.[fn];
          if (returns?.returns) {
            const arg = this.ev.args({ argsNode: e.argsNode }).filter((a) => a.kind === 'pos')[returns.arg];
            const c = arg && this.client(arg.value, depth);
            return c ? { ...c, path: [returns.returns] } : undefined;
          }
          if (!spec.constructors.includes(fn)) return undefined;
          // `openai.New(openai.WithModel("gpt-4o"))`: its options are parameters of every call (langchaingo).
          return spec.boundKeyword === '*'
            ? { sdk: m.sdk, path: [], cls: null, bound: this.bind(undefined, '**', e.argsNode) }
            : { sdk: m.sdk, path: [], cls: null };
        }
        const base = this.client(e.object, depth);
        if (base) return this.method(base, e.name, e.argsNode, e.block);
        // Ruby only: an instance of the class around (`new(**args).context`) or a class of another file.
        if (e.object === null || this.ev.front.flavor !== 'ruby') return undefined;
        const receiver = this.ev.expr(e.object);
        // `new(**args).context` in a class method: a method (or attr_accessor) of the class around it.
        if (receiver.k === 'new' && receiver.own) return this.ev.first(this.ev.bindings.returns?.(e.name, e.node) ?? [], (v) => this.client(v, depth));
        // `CustomRubyLLM.context`, `Llm::Factory.client(...)`: a class method of a class in another file (Ruby).
        const path = receiver.k === 'name' && receiver.space === 'constant' ? [receiver.name] : receiver.k === 'path' ? receiver.segments : undefined;
        if (!path) return undefined;
        // A class of this file, else of another file.
        const own = this.ev.bindings.classMethodReturns?.(path.at(-1)!, e.name) ?? [];
        if (own.length) return this.ev.first(own, (v) => this.client(v, depth));
        return this.ev.ctx?.exportOf(path.join('::'), `${path.at(-1)}.${e.name}()`)?.client;
      }
      case 'member': {
        const base = this.client(e.object, depth);
        // Go: an unexported field is never an SDK resource (`c.client.client`: the app's struct holding the client, read by name below).
        if (base && !(this.ev.front.flavor === 'go' && /^[a-z_]/.test(e.name))) return { ...base, path: [...base.path, e.name] };
        // s.client where a struct of the file (or of its package: Go) declares `client openai.Client`.
        const members = this.ev.bindings.member(e.name, e.object);
        return members.length ? this.bestClient(members, depth) : this.ev.ctx?.sibling?.(`.${e.name}`)?.client;
      }
      case 'path':
        // A client a class of another file holds in a static field (`Clients.OPENAI`).
        return this.ev.classMember(e)?.client;
      case 'choice': {
        // The first option that is a client; `cond ? OpenAI::Client.new(base_url: eu) : OpenAI::Client.new`:
        // where it sends is not known when another option is a client too and the first may be pointed elsewhere.
        let at = -1;
        let found: Client | undefined;
        while (!found && ++at < e.options.length) found = this.client(e.options[at], depth);
        if (!found) return undefined;
        // `if vertex then VertexClient.new else RubyLLM.chat end`: a branch giving something else (the app's own
        // HTTP client) may be the one that runs, so this is not an SDK call.
        if (e.strict && e.options.some((o) => this.ev.expr(o).k !== 'null' && !this.client(o, depth))) return undefined;
        const rest = e.options.slice(at + 1).flatMap((o) => this.client(o, depth) ?? []);
        // Clients of different SDKs (`case provider when "openai" then openai_llm when "gemini" then gemini_llm end`): the first shown, the others said.
        const others = [...new Set(rest.filter((c) => c.sdk !== found.sdk).map((c) => c.sdk.displayName))];
        if (others.length) return { ...found, others: [...new Set([...(found.others ?? []), ...others])] };
        if (!found.options || !rest.length) return found;
        const span = this.ev.front.span(e.node);
        return { ...found, options: () => ({ kind: 'obj', props: new Map(), open: [this.ev.front.text(e.node)], node: null, span, text: '' }) };
      }
      case 'binary':
        return OR_OPERATORS.has(e.op) ? (this.client(e.left, depth) ?? this.client(e.right, depth)) : undefined;
      default:
        return undefined;
    }
  }

  /**
   * A local holding a client with request parameters, changed by statements before the read:
   * binders applied in place, in order (`chat.with_params(max_tokens: 100)`, `$request->withMaxTokens(500);`);
   * another change (one under a condition, `chat.messages << m`) leaves what it carries not all known.
   */
  private changedInPlace(c: Client, bound: ObjVal, e: ExprOf<N, 'name'>): Client {
    const changes = this.ev.bindings.local(e.name, e.node)?.changes;
    if (!changes?.length) return c;
    const spec = langSpec(c.sdk, this.ev.front.flavor);
    for (const ch of changes) {
      // A change after the read (`chat.ask(q); chat.with_params(...)`) is the next call's.
      if (!ch.before && this.ev.front.span(ch.at).start > this.ev.front.span(e.node).start) continue;
      const call = ch.conditional ? undefined : this.ev.expr(ch.at);
      const binder = call?.k === 'call' ? spec?.binders?.[call.name] : undefined;
      if (call?.k === 'call' && binder) bound = this.bind(bound, binder, call.argsNode);
      else if (call?.k !== 'call' || !matchesName(spec?.deriveMethods ?? [], call.name))
        bound = { ...bound, open: [...bound.open, `${e.name} (changed in place)`] };
    }
    return { ...c, bound };
  }

  /** Whether `node` is an object of the application's own class (`new LocalTextEmbeddingGenerator()`, or a variable holding only such). */
  private ownImplementation(node: N, depth: number): boolean {
    if (depth > 8) return false;
    const x = this.ev.expr(node);
    if (x.k === 'group') return this.ownImplementation(x.inner, depth + 1);
    if (x.k === 'new') return !isSdkClass(this.ev.front.flavor, x.cls) && !this.client(node, depth);
    if (x.k !== 'name') return false;
    const values = this.ev.assigned(x);
    return values.length > 0 && values.every((v) => this.ownImplementation(v, depth + 1));
  }

  /**
   * A reader or method the class inherits from a superclass in another file (Ruby's `llm` with the
   * base class's `attr_reader :llm`): what the subclass passes it through `super(llm: x)`, else what
   * the superclass's file says it returns.
   */
  private inherited(name: string, at: N, depth: number): Client | undefined {
    const supers = this.ev.front.superclassOf?.(at);
    if (!supers) return undefined;
    const passed = this.ev.front.superKeyword?.(at, name);
    if (passed) {
      const c = this.client(passed, depth);
      if (c) return c;
    }
    for (const s of supers) {
      const c = this.ev.ctx?.exportOf(s, `${s.split('::').at(-1)}#${name}`)?.client;
      if (c) return c;
    }
    return undefined;
  }

  /** What a method of a client returns when it is a client: a resource, a built or bound client, the same client. */
  private method(base: Client, name: string, argsNode: N | null, block: boolean): Client | undefined {
    // chatClient.AsIChatClient(): Microsoft.Extensions.AI's client over it, bound to its model.
    const adapter = this.index.adapters.get(name);
    if (adapter && adapter !== base.sdk) {
      const modelParam = adapter.modelParams?.[0] ?? 'model';
      const span = argsNode !== null ? this.ev.front.span(argsNode) : { start: 0, end: 0 };
      const props = new Map<string, Val>(base.model ? [[modelParam, base.model]] : []);
      return { sdk: adapter, path: [], cls: null, bound: { kind: 'obj', props, open: base.model ? [] : [`${name}()`], node: null, span, text: '' } };
    }
    // openAIClient.GetChatClient("gpt-4o"): a resource client bound to a model.
    const spec = langSpec(base.sdk, this.ev.front.flavor);
    const resource = base.path.length === 0 ? spec?.resourceFactories?.[name] : undefined;
    if (resource) return { ...base, path: [resource], model: spec?.modelFirst?.includes(name) ? undefined : this.modelArg(argsNode), resource: name };
    // RubyLLM.chat(model: "gpt-4o"), Prism::text(): a client carrying request parameters.
    const built = spec?.builders?.[[...base.path, name].join('.')];
    if (built !== undefined) {
      const b = typeof built === 'string' ? { path: built, params: undefined } : built;
      const bound = this.bind(base.bound, '**', argsNode);
      return { ...base, path: [b.path], bound: b.params ? this.bind(bound, b.params, argsNode) : bound };
    }
    // chat.with_model("gpt-4o"), ->withMaxTokens(500): the same client with parameters set.
    const binder = spec?.binders?.[name];
    if (binder) return { ...base, bound: this.bind(base.bound, binder, argsNode) };
    // client.with_options(...), chat.with_schema(S): the same client; `RubyLLM.context { |c| ... }` configures its own.
    if ((base.path.length === 0 || base.bound) && matchesName(spec?.deriveMethods ?? base.sdk.deriveMethods, name))
      return block ? { ...base, ownConfig: true } : base;
    // client.chat, client.chat(): resources are reached without arguments.
    if (block || this.ev.args({ argsNode }).length) return undefined;
    return { ...base, path: [...base.path, name] };
  }

  /** `bound` with the parameters a builder's or binder's arguments set: its positional arguments in order, or ('**') its keyword arguments. */
  private bind(bound: ObjVal | undefined, params: readonly string[] | '**', argsNode: N | null): ObjVal {
    const props = new Map(bound?.props);
    const open = [...(bound?.open ?? [])];
    if (params === '**') {
      const kw = this.ev.keywords({ argsNode }, bound?.span ?? { start: 0, end: 0 }, '');
      for (const [k, v] of kw.props) props.set(k, v);
      open.push(...kw.open);
    } else {
      const args = this.ev.args({ argsNode });
      const pos = args.filter((a) => a.kind === 'pos');
      params.forEach((p, i) => {
        if (pos[i]) props.set(p, this.ev.val(pos[i].value));
      });
      // `with_model("claude-sonnet-4", provider: :anthropic)`: keywords too.
      for (const a of args) if (a.kind === 'named') props.set(a.name, this.ev.val(a.value));
    }
    // Bound parameters are set by other calls than the one a finding is on: no fix writes into them.
    return { kind: 'obj', props, open, node: null, span: bound?.span ?? { start: 0, end: 0 }, text: bound?.text ?? '' };
  }

  /**
   * A service whose every method calls the model it was given (`OtherLanguage.services`): the
   * model's client, below `service`, where the SDK's `service.*` operation is.
   */
  private service(maker: string, e: { argsNode: N | null; init?: readonly MapItem<N>[] }, depth: number): Client | undefined {
    if (!this.ev.ownNames) return undefined;
    const spec = this.index.services.get(maker);
    if (!spec) return undefined;
    const args = this.ev.args({ argsNode: e.argsNode });
    const pos = args.filter((a) => a.kind === 'pos');
    // By position, by a builder's setting, or by keyword (langchainrb's `Langchain::Assistant.new(llm: llm)`).
    const from =
      spec.arg !== undefined
        ? pos[spec.arg]?.value
        : (e.init?.flatMap((i) => ('key' in i && i.key !== undefined && spec.settings?.includes(i.key) ? [i.value] : []))[0] ??
          args.flatMap((a) => (a.kind === 'named' && spec.settings?.includes(a.name) ? [a.value] : []))[0]);
    const model = from === undefined ? undefined : this.client(from, depth);
    return model && model.path.length === 0 ? { ...model, path: ['service'] } : undefined;
  }

  /** A module or facade the catalogue lists as a client itself (`RubyLLM`, `OpenAI\Laravel\Facades\OpenAI`). */
  private moduleClient(name: string): Client | undefined {
    if (!this.ev.ownNames) return undefined;
    const cls = name.replace(/^::|^\\/, '');
    const sdk = this.index.moduleClients.get(cls);
    return sdk && { sdk, path: [], cls };
  }

  /**
   * A client made from a class (or, `declared`, of a declared type) the catalogue lists for this
   * language; a class qualified by a module is looked up in that module's SDK, relative to it.
   */
  private classClient(name: string, declared = false, module?: string, argsNode: N | null = null): Client | undefined {
    if (!this.ev.ownNames) return undefined;
    const cls = name.replace(/^::/, '');
    const listed = (sdk: SdkSpec, n: string) => {
      const spec = langSpec(sdk, this.ev.front.flavor);
      return !!spec && (spec.constructors.includes(n) || (declared && !!spec.types?.includes(n)));
    };
    if (module !== undefined) {
      // `import dev.langchain4j.model.chat.ChatModel;`: the class by its name relative to the package,
      // or by its simple name, in an SDK of that package (several SDKs may share one: LangChain4j's).
      for (const { sdk, sub } of Evaluator.moduleSdksOf(this.ev.front, module)) {
        if (listed(sdk, sub ? `${sub}.${cls}` : cls) || listed(sdk, cls)) return { sdk, path: [], cls };
      }
      return undefined;
    }
    for (const c of this.index.classes.get(cls) ?? []) {
      if (c.made || (declared && c.declared)) return { sdk: c.sdk, path: [], cls };
      // A resource client bound to a model when made (.NET's `new ChatClient(model: "gpt-4o", key)`).
      if (c.resource)
        return {
          sdk: c.sdk,
          path: [c.resource],
          cls,
          model: langSpec(c.sdk, this.ev.front.flavor)?.modelFirst?.includes(cls) ? this.explicitModelArg(argsNode) : this.modelArg(argsNode),
        };
    }
    return undefined;
  }

  /**
   * The model a client usually made without one is made with (`new ResponsesClient(model: "gpt-5.2",
   * apiKey: key)`, or `("gpt-5.2", key)`): named, or a string first of two or more; none from a key or credential alone.
   */
  private explicitModelArg(argsNode: N | null): Val | undefined {
    const args = this.ev.args({ argsNode });
    const named = args.find((a) => a.kind === 'named' && a.name === 'model');
    if (named) return this.ev.val(named.value);
    const pos = args.filter((a) => a.kind === 'pos');
    const first = pos.length >= 2 ? this.ev.val(pos[0].value) : undefined;
    return first?.kind === 'str' ? first : undefined;
  }

  /** The `model` argument of a resource client's constructor or factory: named, else the first. */
  private modelArg(argsNode: N | null): Val | undefined {
    const args = this.ev.args({ argsNode });
    const arg = args.find((a) => a.kind === 'named' && a.name === 'model') ?? args.find((a) => a.kind === 'pos');
    return arg ? this.ev.val(arg.value) : undefined;
  }

  /** A member (`name`, or `name()` for what a method returns) of another part of the partial class around `at`, in another file. */
  private otherPart(member: string, at: N): Client | undefined {
    const cls = this.ev.ctx?.sibling && this.ev.bindings.partialClass?.(at);
    return cls ? this.ev.ctx.sibling!(`${cls}.${member}`)?.client : undefined;
  }

  /**
   * The client one of several values gives (a field declared by its type, then assigned in the
   * constructor): the first bound to a model, else the first.
   */
  private bestClient(nodes: N[], depth: number): Client | undefined {
    let found: Client | undefined;
    let made: Client | undefined;
    let withModel: Client | undefined;
    const sdks = new Set<SdkSpec>();
    const madeSdks = new Set<SdkSpec>();
    for (const n of nodes) {
      const c = this.client(n, depth);
      if (!c) continue;
      sdks.add(c.sdk);
      found ??= c;
      if (c.model) withModel ??= c;
      // Made here rather than only declared (`llm llms.Model` assigned `openai.New(...)` in a method).
      if (!c.declared && !c.injected) {
        made ??= c;
        madeSdks.add(c.sdk);
      }
    }
    const best = withModel ?? made ?? found;
    // Made by different SDKs in different places (a factory's branches): which one runs is decided at run time, and said.
    // The declared type of what is made elsewhere is not another SDK the value may be.
    const candidates = madeSdks.size ? madeSdks : sdks;
    return best && candidates.size > 1 ? { ...best, others: [...candidates].filter((s) => s !== best.sdk).map((s) => s.displayName) } : best;
  }
}

/** A constructor's bound options: the hash when it is one, else nothing known (an open set, empty when none are given). */
function detached(v: Val | undefined): ObjVal {
  if (v?.kind === 'obj') return { ...v, node: null };
  return {
    kind: 'obj',
    props: new Map(),
    open: v && v.kind !== 'null' ? [v.text] : [],
    node: null,
    span: v?.span ?? { start: 0, end: 0 },
    text: v?.text ?? '',
  };
}

/** Whether `name` is in `names`, where a trailing `*` matches any suffix (`with*`). */
function matchesName(names: readonly string[], name: string): boolean {
  return names.some((n) => (n.endsWith('*') ? name.startsWith(n.slice(0, -1)) : n === name));
}
