// What an expression is, as far as SDK detection cares: an SDK module, a client class,
// or a client (or a resource below it, e.g. `client.chat.completions`). Both recognizers
// resolve expressions to these through imports and bindings, then ask the catalogue
// whether the method path is an operation.
import type { FactorySpec, ModelProviderSpec, OperationSpec, SdkSpec } from '../catalogue';
import { CATALOGUE, CLIENT_WRAPPERS, endpointOf, findOperation, modelParamsOf, type ClientWrapper } from '../catalogue';
import { MAX_OPTIONS, staticString, type ObjVal, type RawCall, type Val } from './values';

/** Where a client sends requests, from its constructor's base URL option. */
export interface ClientEndpoint {
  /** The URL, or null when it is only known at run time. */
  url: string | null;
  expression: string;
  /** True when url is the default of a run-time value (`process.env.BASE_URL ?? '...'`). */
  fromDefault?: boolean;
}

export type Sym =
  | { kind: 'module'; sdk: SdkSpec; name: string; classes: readonly string[]; defaultClass?: string; defaultIsClient?: boolean; moduleIsClient: boolean }
  | { kind: 'class'; sdk: SdkSpec; name: string }
  | {
      kind: 'client';
      sdk: SdkSpec;
      path: readonly string[];
      cls?: string;
      endpoint?: ClientEndpoint;
      /** The cloud region its constructor names (`SdkSpec.regionOptions`); name null: set at run time. */
      region?: { name: string | null; expression: string };
      /** Request parameters fixed by what made this client (`ChatOpenAI(model=...)`, `chats.create(...)`, `partial(...)`). */
      bound?: ObjVal;
      /** The chain the client is invoked through (`prompt | llm`): its input is not the prompt. */
      piped?: string;
      /** The chain's prompt template, when known. */
      template?: Val;
      /** Methods a wrapper added that send one of the SDK's operations (instructor's `client.create(...)`): method path -> operation path. */
      aliases?: Record<string, string>;
      /** Other SDKs whose clients the same name may hold (assigned in other branches): said, the first shown. */
      others?: string[];
      /**
       * Other clients the value may be, chosen at run time (a factory's other returns, other branches'
       * assignments, a map's other values): each is priced as a candidate of the call (candidates.ts).
       */
      alternatives?: ClientSym[];
      /** More clients than `alternatives` keeps: too many to price. */
      alternativesCut?: boolean;
      /** Said on every call through it (a wrapper's: an agent's run). */
      notes?: string[];
      /** Its calls take no request parameters: a cap fix edits where the wrapped client was made (`ClientWrapper.capInBound`). */
      capInBound?: boolean;
    }
  /** A Vercel AI SDK provider package (`@ai-sdk/openai`). */
  | { kind: 'providerModule'; sdk: SdkSpec; spec: ModelProviderSpec }
  /** A provider instance: calling it or its model methods makes a model (`openai('gpt-4o')`, `openai.chat(...)`). */
  | { kind: 'modelProvider'; sdk: SdkSpec; prefix: string }
  /** `createOpenAI`: returns a provider instance. */
  | { kind: 'modelCreator'; sdk: SdkSpec; spec: ModelProviderSpec }
  /** A test double's class (`MockLanguageModelV2`): models it makes send no billed request. */
  | { kind: 'mock' };

export type ClientSym = Extract<Sym, { kind: 'client' }>;

/** How many values of a map, or returns of a factory after its first symbol, are read for alternatives. */
export const MAX_CHOICES_READ = 16;

/**
 * `first` standing for all of `clients`, one of which the value is at run time (the returns of a factory,
 * the values of a map): the others, told apart by what made them, become its `alternatives`.
 */
export function withAlternatives(first: ClientSym, clients: readonly ClientSym[], max = MAX_OPTIONS): ClientSym {
  const key = (c: ClientSym) => `${c.sdk.id}|${c.cls ?? ''}|${c.bound?.text ?? ''}|${c.endpoint?.expression ?? ''}`;
  const seen = new Set([key(first), ...(first.alternatives ?? []).map(key)]);
  const alternatives = [...(first.alternatives ?? [])];
  let cut = !!first.alternativesCut;
  for (const c of clients) {
    cut ||= !!c.alternativesCut;
    for (const x of [c, ...(c.alternatives ?? [])]) {
      if (seen.has(key(x))) continue;
      if (alternatives.length >= max - 1) {
        cut = true;
        continue;
      }
      seen.add(key(x));
      const { alternatives: _, alternativesCut: __, ...plain } = x;
      alternatives.push(plain);
    }
  }
  return alternatives.length || cut ? { ...first, alternatives, ...(cut ? { alternativesCut: true } : {}) } : first;
}

/**
 * The SDK package, or one of its submodules (`openai.lib.azure`, `openai._client`), which export
 * the same classes. `exact` matches the package only (`from google import genai`).
 */
export function pythonModule(moduleName: string, exact = false): Sym | undefined {
  for (const sdk of CATALOGUE) {
    const pkg = sdk.python.find((p) => p.module === moduleName || (!exact && moduleName.startsWith(`${p.module}.`)));
    // Only the package itself doubles as a client (`openai.chat.completions.create`).
    if (pkg) return { kind: 'module', sdk, name: moduleName, classes: pkg.classes, moduleIsClient: pkg.moduleIsClient === true && pkg.module === moduleName };
  }
  return undefined;
}

/** The SDK package or one of its subpaths (`openai/index`), which re-export the client. */
/** CDN URLs name npm packages: `https://esm.sh/@google/genai@1.4.0` is `@google/genai`. */
const CDN = /^(?:https?:)?\/\/(?:esm\.sh|cdn\.jsdelivr\.net\/npm|unpkg\.com|cdn\.skypack\.dev|esm\.run)\/(.+)$/;

/** `npm:openai@4`, a CDN URL, or a plain specifier: the package (and subpath) it names. */
export function packageOfSpecifier(spec: string): string {
  const url = CDN.exec(spec);
  let rest = url ? url[1] : spec.startsWith('npm:') ? spec.slice(4) : spec;
  if (!url && !spec.startsWith('npm:')) return spec;
  // Drop a version: `@scope/name@1.2.3/sub` -> `@scope/name/sub`, `name@^4` -> `name`.
  rest = rest.replace(/^(@[^/]+\/[^/@]+|[^/@]+)@[^/]*/, '$1');
  return rest.replace(/\?.*$/, '');
}

export function jsModule(specifier: string): Sym | undefined {
  const moduleName = packageOfSpecifier(specifier);
  for (const sdk of CATALOGUE) {
    const spec = sdk.modelProviders?.find((p) => p.module === moduleName);
    if (spec) return { kind: 'providerModule', sdk, spec };
    const pkg = sdk.js.find((p) => p.module === moduleName || moduleName.startsWith(`${p.module}/`));
    if (pkg) {
      return {
        kind: 'module',
        sdk,
        name: moduleName,
        classes: pkg.classes,
        defaultClass: pkg.defaultExport,
        defaultIsClient: pkg.defaultIsClient,
        // Only the package itself exports the operations (`ai`, not `ai/rsc`).
        moduleIsClient: pkg.moduleIsClient === true && pkg.module === moduleName,
      };
    }
  }
  return undefined;
}

/** First segments of an SDK's operation and factory paths (`chat` of `chat.completions.create`). */
function operationHeads(sdk: SdkSpec): string[] {
  return [...sdk.operations.flatMap((o) => [o.path, o.jsPath ?? o.path]), ...(sdk.factories ?? []).flatMap((f) => [f.path, f.jsPath ?? f.path])].map(
    (p) => p.split('.')[0],
  );
}

/**
 * A module several SDK entries list (`langchain_community.chat_models` exports LangChain's
 * OpenAI and Anthropic models): the entry that exports `name`, as a class, or as one of the
 * module functions it lists.
 */
function sharedModuleMember(moduleName: string, name: string): Sym | undefined {
  for (const sdk of CATALOGUE) {
    for (const pkg of [...sdk.python, ...sdk.js]) {
      if (pkg.module !== moduleName) continue;
      if (pkg.classes.includes(name)) return { kind: 'class', sdk, name };
      if (pkg.moduleIsClient && operationHeads(sdk).includes(name)) return { kind: 'client', sdk, path: [name] };
    }
  }
  return undefined;
}

/** `import X from 'openai'` / `const X = require('openai')`: the default export. */
export function defaultExport(mod: Sym | undefined): Sym | undefined {
  if (mod?.kind === 'module' && mod.defaultIsClient) return { kind: 'client', sdk: mod.sdk, path: [] };
  if (mod?.kind !== 'module' || !mod.defaultClass) return undefined;
  return { kind: 'class', sdk: mod.sdk, name: mod.defaultClass };
}

/** `sym.name` */
export function member(sym: Sym | undefined, name: string): Sym | undefined {
  if (!sym) return undefined;
  switch (sym.kind) {
    case 'module':
      if (sym.sdk.mockModels?.some((m) => m.classes.includes(name))) return { kind: 'mock' };
      if (sym.classes.includes(name)) return { kind: 'class', sdk: sym.sdk, name };
      if (name === 'default' && sym.defaultClass) return { kind: 'class', sdk: sym.sdk, name: sym.defaultClass };
      if (sym.moduleIsClient) {
        // `boto3.session.Session()`: a submodule, not a resource of the module-level client.
        if (!operationHeads(sym.sdk).includes(name) && sym.sdk.python.some((p) => p.module === sym.name)) {
          const sub = pythonModule(`${sym.name}.${name}`);
          if (sub?.kind === 'module') return { ...sub, moduleIsClient: false };
        }
        return { kind: 'client', sdk: sym.sdk, path: [name] };
      }
      return sharedModuleMember(sym.name, name);
    case 'class': {
      // The JS default export also carries the named classes (`OpenAI.AzureOpenAI`, `OpenAI.default`).
      const all = [...sym.sdk.js.flatMap((p) => p.classes), ...sym.sdk.python.flatMap((p) => p.classes)];
      if (all.includes(name)) return { kind: 'class', sdk: sym.sdk, name };
      if (name === 'default') return sym;
      return undefined;
    }
    case 'client':
      if (sym.sdk.deriveProperties.includes(name)) return sym;
      return { ...sym, path: [...sym.path, name] };
    case 'providerModule':
      if (sym.spec.instances.includes(name)) return { kind: 'modelProvider', sdk: sym.sdk, prefix: sym.spec.prefix };
      if (sym.spec.creators.includes(name)) return { kind: 'modelCreator', sdk: sym.sdk, spec: sym.spec };
      return undefined;
    case 'modelProvider':
      // `openai.chat('gpt-4o')`, `openai.responses(...)`, `openai.textEmbeddingModel(...)`; not provider tools.
      return name === 'tools' ? undefined : sym;
    default:
      return undefined;
  }
}

/**
 * `createOpenAI({ baseURL })`: a provider instance. A base URL on a known host prices models
 * from that host's card (`createOpenAI({ baseURL: 'https://api.groq.com/openai/v1' })`).
 */
export function createProvider(sym: Extract<Sym, { kind: 'modelCreator' }>, options: ObjVal | undefined): Sym {
  const url = staticString(options?.props.get('baseURL'));
  if (url === undefined) return { kind: 'modelProvider', sdk: sym.sdk, prefix: sym.spec.prefix };
  const ep = endpointOf(url);
  const prefix = !ep ? 'unlisted-endpoint' : ep.local ? 'ollama' : (ep.provider ?? 'unlisted-endpoint');
  return { kind: 'modelProvider', sdk: sym.sdk, prefix };
}

/** `openai('gpt-4o')`: the model id the SDK routes by prefix (`openai/gpt-4o`), as a string value. */
export function providerModel(sym: Extract<Sym, { kind: 'modelProvider' }>, id: Val | undefined, span: Val['span'], text: string): Val | undefined {
  if (!id) return undefined;
  // Gateway ids already name their provider (`gateway('openai/gpt-4o')`).
  const prefixed = (m: string) => (sym.prefix === 'gateway' ? m : `${sym.prefix}/${m}`);
  const s = staticString(id);
  if (s !== undefined) return { kind: 'str', parts: [{ text: prefixed(s) }], span, text };
  if (id.kind === 'unknown' && (id.default || id.options || id.param)) {
    // Set at run time: its default (`openai(process.env.M ?? 'gpt-4o')`), the options it may be
    // (`openai(fast ? 'gpt-4o-mini' : 'gpt-4o')`), and, for a parameter (`openai(model)`), the prefix
    // added where each call fills it (model/params.ts).
    const d = id.default && staticString(id.default);
    const fallback: Val | undefined =
      d === undefined ? undefined : { kind: 'str', parts: [{ text: prefixed(d) }], span, text, ...(id.default!.origin ? { origin: id.default!.origin } : {}) };
    const options = id.options?.map((o): Val => ({ kind: 'str', parts: [{ text: prefixed(staticString(o)!) }], span, text }));
    const param = id.param && !id.param.prefix ? (sym.prefix === 'gateway' ? id.param : { ...id.param, prefix: `${sym.prefix}/` }) : undefined;
    if (fallback || options || param) {
      return {
        kind: 'unknown',
        span,
        text,
        ...(fallback ? { default: fallback } : {}),
        ...(options ? { options } : {}),
        ...(param ? { param } : {}),
        ...(param && sym.prefix !== 'gateway' ? { routedBy: sym.prefix } : {}),
      };
    }
  }
  // `mistral(process.env.MODEL)`: a model not known statically, billed by the provider's card.
  return sym.prefix === 'gateway' ? undefined : { kind: 'unknown', span, text, routedBy: sym.prefix };
}

/** Merges request parameters: `over` wins; spreads of both stay open. */
export function mergeParams(under: ObjVal | undefined, over: ObjVal): ObjVal {
  if (!under) return over;
  const props = new Map(under.props);
  for (const [k, v] of over.props) props.set(k, v);
  return { ...over, props, open: [...under.open, ...over.open] };
}

/** Names positional arguments (`llm.invoke("hi")` -> input) and merges objects that are the params themselves. */
export function bindPositional(names: (string | { name: string; objectIsParams: true })[] | undefined, values: Val[], into: ObjVal): ObjVal {
  if (!names?.length || !values.length) return into;
  const props = new Map(into.props);
  const open = [...into.open];
  let params: ObjVal | undefined;
  names.forEach((n, i) => {
    const v = values[i];
    if (!v) return;
    if (typeof n === 'string') props.set(n, v);
    else if (v.kind === 'obj') params = v;
    else if (v.kind === 'unknown') open.push(v.text);
    else props.set(n.name, v);
  });
  if (params) {
    // The object literal is where fixes insert, so it stays the node of the result.
    const merged = new Map(params.props);
    for (const [k, v] of props) if (!merged.has(k)) merged.set(k, v);
    return { ...params, props: merged, open: [...params.open, ...open] };
  }
  return { ...into, props, open };
}

/**
 * A call of `callee` (a client path ending in the method) that the SDK lists as a factory: the
 * client it returns, carrying the factory's parameters (and those already bound) for every
 * call made through it.
 */
export function factoryCall(callee: Sym | undefined, flavor: 'python' | 'js', args: (positional: FactorySpec['positional']) => ObjVal): Sym | undefined {
  if (callee?.kind !== 'client' || !callee.sdk.factories) return undefined;
  const path = callee.path.filter((p) => !callee.sdk.deriveProperties.includes(p)).join('.');
  // Several factories may share a method, told apart by their `when` (`boto3.client('bedrock-runtime')`, `('bedrock-agent-runtime')`).
  for (const f of callee.sdk.factories.filter((x) => (flavor === 'js' ? (x.jsPath ?? x.path) : x.path) === path)) {
    const params = args(f.positional);
    if (f.when) {
      // A different service (`boto3.client('s3')`) is not this client. A service chosen at run time
      // (`service_name = 'bedrock-runtime' if runtime else 'bedrock'`) may be: its operations' names decide.
      const v = params.props.get(f.when.param);
      const name = staticString(v);
      if (!v || (name !== undefined && !f.when.equals.includes(name))) continue;
    }
    const bound = f.binds === false ? callee.bound : mergeParams(callee.bound, params);
    return { ...callee, path: f.produces ? f.produces.split('.') : [], ...(bound ? { bound } : {}) };
  }
  return undefined;
}

/** The client a call is made on: a client, or a module that doubles as one (`litellm.completion`). */
export function asClient(sym: Sym | undefined): Extract<Sym, { kind: 'client' }> | undefined {
  if (sym?.kind === 'client') return sym;
  if (sym?.kind === 'module' && sym.moduleIsClient) return { kind: 'client', sdk: sym.sdk, path: [] };
  return undefined;
}

/** `new Sym(...)` or `Sym(...)`; `endpoint` when the constructor sets a base URL. */
export function construct(sym: Sym | undefined, endpoint?: ClientEndpoint, args?: ObjVal): Sym | undefined {
  if (sym?.kind !== 'class') return undefined;
  // LangChain chat models and `GenerativeModel` carry the request's model and cap.
  const bound = args && sym.sdk.configuredClasses?.[sym.name] ? args : undefined;
  const regionArg = args && sym.sdk.regionOptions?.map((o) => args.props.get(o)).find((v) => v && v.kind !== 'null');
  const region = regionArg ? { name: staticString(regionArg) ?? null, expression: regionArg.text } : undefined;
  return {
    kind: 'client',
    sdk: sym.sdk,
    path: [],
    cls: sym.name,
    ...(endpoint ? { endpoint } : {}),
    ...(region ? { region } : {}),
    ...(bound ? { bound } : {}),
  };
}

/** The endpoint a client's constructor options give: a base URL option, or spread options that may hold one. */
export function endpointFromOptions(sdk: SdkSpec, options: ObjVal | undefined): ClientEndpoint | undefined {
  if (!options) return undefined;
  for (const name of sdk.baseUrlOptions) {
    const v = options.props.get(name);
    if (!v || v.kind === 'null') continue;
    const url = staticString(v);
    if (url !== undefined) return { url, expression: v.text };
    const fallback = v.kind === 'unknown' && v.default ? staticString(v.default) : undefined;
    return fallback !== undefined ? { url: fallback, expression: v.text, fromDefault: true } : { url: null, expression: v.text };
  }
  return options.open.length ? { url: null, expression: options.open.join(', ') } : undefined;
}

/** `receiver.method(...)` where the method returns the same client (`with_options`). */
export function deriveCall(receiver: Sym | undefined, method: string): Sym | undefined {
  if (receiver?.kind === 'client' && receiver.sdk.deriveMethods.includes(method)) return receiver;
  return undefined;
}

/** `prompt | llm`, `prompt.pipe(llm)`: the model, invoked through a chain whose input is not the prompt. */
export function piped(model: Sym | undefined, expression: string, template?: Val): Sym | undefined {
  if (model?.kind !== 'client' || !model.sdk.pipes || model.path.length) return undefined;
  // The outermost chain names the whole pipeline (`prompt | llm | parser`).
  return { ...model, piped: expression, ...(template?.template ? { template } : {}) };
}

/** The operation a method path on a client names: the SDK's, or one a wrapper's method sends (`Sym.aliases`). */
export function operationOf(receiver: Extract<Sym, { kind: 'client' }>, path: readonly string[], flavor: 'python' | 'js'): OperationSpec | undefined {
  const op = findOperation(receiver.sdk, path, flavor);
  if (op) return op;
  const alias = receiver.aliases?.[path.join('.')];
  return alias !== undefined ? findOperation(receiver.sdk, alias.split('.'), 'python') : undefined;
}

/** A wrapper function (`CLIENT_WRAPPERS`) by the module it is imported from and its name. */
export function wrapperOf(flavor: 'python' | 'js', module: string, name: string): ClientWrapper | undefined {
  return CLIENT_WRAPPERS.find((w) => w.flavor === flavor && w.module === (flavor === 'js' ? packageOfSpecifier(module) : module) && w.functions.includes(name));
}

/** What a wrapper returns for the client given to it: the same client, with the wrapper's methods. */
export function wrapped(wrapper: ClientWrapper, client: Sym | undefined): Sym | undefined {
  if (client?.kind !== 'client') return undefined;
  const methods = wrapper.methods?.[client.sdk.id];
  const withMethods = methods ? { ...client, aliases: { ...client.aliases, ...methods } } : client;
  const withNotes = wrapper.notes ? { ...withMethods, notes: [...(client.notes ?? []), ...wrapper.notes] } : withMethods;
  return wrapper.capInBound ? { ...withNotes, capInBound: true } : withNotes;
}

/**
 * A runner's call given the configured client it runs (`Runner.run(agent, input)`, `OperationSpec.boundFrom`):
 * the receiver carrying that client's parameters and class. `arg` is the argument in that place;
 * `sym` resolves it, `val` reads it as a value. Without one known, the receiver as it is.
 */
export function boundFromArgument<N>(
  receiver: ClientSym,
  op: OperationSpec,
  arg: N | undefined,
  sym: (n: N) => Sym | undefined,
  where: (n: N) => { text: string; span: ObjVal['span'] },
  val?: (n: N) => Val,
): ClientSym {
  if (!op.boundFrom || arg === undefined) return receiver;
  const given = sym(arg);
  return runWith(receiver, op, given, given ? undefined : val?.(arg), where(arg));
}

/**
 * The receiver running the client `given` (its parameters, class, and with `OperationSpec.boundSdk` its
 * SDK), or the model a string names where a client goes (LlamaIndex's `embed_model="local:BAAI/bge-small-en-v1.5"`).
 * Anything else (an agent this file does not make, `Runner.run(current_agent, ...)` from a dict) leaves
 * the model not known: `at` is what stands in its place, and the library's default is not assumed either.
 */
export function runWith(
  receiver: ClientSym,
  op: OperationSpec,
  given: Sym | undefined,
  named: Val | undefined,
  at: { text: string; span: ObjVal['span'] },
  notes: string[] = [],
): ClientSym {
  const withNotes = (r: ClientSym): ClientSym => (notes.length ? { ...r, notes: [...(r.notes ?? []), ...notes] } : r);
  if (given?.kind !== 'client' && named && staticString(named) !== undefined) {
    const [param] = modelParamsOf(receiver.sdk, op);
    return withNotes({ ...receiver, bound: { kind: 'obj', props: new Map([[param, named]]), open: [], node: null, span: named.span, text: named.text } });
  }
  if (given?.kind !== 'client' || !given.bound)
    return withNotes({ ...receiver, bound: { kind: 'obj', props: new Map(), open: [at.text], node: null, span: at.span, text: at.text } });
  const run = (g: ClientSym): ClientSym => ({
    ...receiver,
    bound: receiver.bound && g.bound ? mergeParams(g.bound, receiver.bound) : (g.bound ?? receiver.bound),
    ...(g.cls ? { cls: g.cls } : {}),
    ...(op.boundSdk ? { sdk: g.sdk, ...(g.endpoint ? { endpoint: g.endpoint } : {}) } : {}),
  });
  return withNotes({
    ...run(given),
    ...(given.notes?.length ? { notes: [...(receiver.notes ?? []), ...given.notes] } : {}),
    // An agent picked at run time among several (`agents[name]`): a run of each is a candidate.
    ...(given.alternatives?.length ? { alternatives: given.alternatives.map(run) } : {}),
  });
}

/** The place of an operation's argument in its positional list, or -1. */
export function positionOf(op: OperationSpec, name: string): number {
  return (op.positional ?? []).findIndex((p) => (typeof p === 'string' ? p : p.name) === name);
}

/**
 * The RawCall of operation `op` called through a client symbol: what the client carries (class,
 * base URL, arguments bound by `partial`, a LangChain pipe's template) with the call's own parts.
 * `iterations` is asked only for a call in a loop.
 */
export function clientCall(
  receiver: Extract<Sym, { kind: 'client' }>,
  op: OperationSpec,
  c: Pick<RawCall, 'flavor' | 'span' | 'nameSpan' | 'args' | 'loop' | 'edits'> & { iterations: () => number | null },
): RawCall {
  return {
    flavor: c.flavor,
    sdk: receiver.sdk,
    op,
    clientClass: receiver.cls ?? null,
    endpoint: receiver.endpoint ?? null,
    ...(receiver.region ? { region: receiver.region } : {}),
    span: c.span,
    nameSpan: c.nameSpan,
    args: c.args,
    bound: receiver.bound ?? null,
    piped: receiver.piped ?? null,
    ...(receiver.template ? { template: receiver.template } : {}),
    loop: c.loop,
    ...(c.loop ? { iterations: c.iterations() } : {}),
    ...(receiver.capInBound || op.capInBound ? { capInBound: true } : {}),
    ...(receiver.alternatives?.length ? { alternatives: alternativeCalls(receiver, op, c.flavor) } : {}),
    ...(receiver.alternativesCut ? { alternativesCut: true } : {}),
    ...(receiver.others?.length || receiver.notes?.length
      ? { notes: [...(receiver.notes ?? []), ...(receiver.others?.length ? [othersNote(receiver)] : [])] }
      : {}),
    edits: c.edits,
  };
}

/** The same operation through each of the other clients a call may go through: those whose SDK has it. */
function alternativeCalls(receiver: ClientSym, op: OperationSpec, flavor: 'python' | 'js'): NonNullable<RawCall['alternatives']> {
  const out: NonNullable<RawCall['alternatives']> = [];
  for (const a of receiver.alternatives ?? []) {
    const alt = a.sdk === receiver.sdk ? op : findOperation(a.sdk, (flavor === 'js' ? (op.jsPath ?? op.path) : op.path).split('.'), flavor);
    if (!alt) continue;
    out.push({
      sdk: a.sdk,
      op: alt,
      clientClass: a.cls ?? null,
      endpoint: a.endpoint ?? null,
      region: a.region,
      bound: a.bound ?? null,
      piped: a.piped ?? null,
      template: a.template,
      capInBound: a.capInBound || alt.capInBound || undefined,
    });
  }
  return out;
}

/** Said when a client may be one of other SDKs' too (`Sym.others`); candidates.ts drops it where it lists the candidates instead. */
function othersNote(receiver: ClientSym): string {
  return `the client may also be ${receiver.others!.join(' or ')}'s, made in another branch: ${receiver.sdk.displayName}'s shown`;
}
export const OTHERS_NOTE = /^the client may also be .*, made in another branch: /;
