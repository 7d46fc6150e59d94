// Python recognizer: tree-sitter syntax tree, in layers. bindings.ts records scopes and what
// names are bound to; front.ts lowers syntax to the intermediate model and answers the shared
// evaluator (model/evaluate.ts), which resolves receivers to SDK clients through the catalogue
// (model/symbols.ts) and evaluates arguments (values.ts; files.ts, prompts read from files); this
// file finds the calls that are SDK operations, their loops, and the edits fixes make in them.
import { WIRE_HINT, wireCall } from '../wire';
import type { Node, Parser, Tree } from 'web-tree-sitter';
import { exportedParams, paramKey } from '../../model/params';
import { parseIncrementally } from '../../reparse';
import { CATALOGUE, PROMPT_LOADERS, type OperationSpec } from '../../catalogue';
import type { Span } from '../../types';
import { asClient, bindPositional, boundFromArgument, clientCall, operationOf, positionOf, runWith, type ClientSym, type Sym } from '../symbols';
import { insertInList, inThisFile, replaceValue } from '../edits';
import { PythonWriter } from '../../writers/python';
import { quoteIn } from '../../writers/writer';
import type { Edit, Lit } from '../../writers/lit';
import { detachExport, returnedValue, type ImportContext, type ModuleExport, type ModuleExports } from '../../workspace';
import { promptFileRun } from '../../promptfile';
import { informative, pushCall, staticString, TooManyCalls, type CallEdits, type ObjVal, type RawCall, type Val } from '../values';
import type { LoopCount } from '../../model/ir';
import { DEFERRED, PyBindings, type Binding } from './bindings';
import { PyFiles } from './files';
import { PyValues } from './values';
import { argumentOf, emptyObj, loopAt, PY_STRING_PREFIXES, returnsOf, scopeName, spanOf } from './syntax';

export class PythonRecognizer {
  constructor(private readonly parser: Parser) {}

  /**
   * The calls in `text`, and its syntax tree. Their fix callbacks read the tree, so the caller
   * deletes it (freeing its WebAssembly memory) once done with them, or keeps it as `previous`
   * for the next text of the same document: only what the edit touched is parsed again.
   */
  recognize(
    text: string,
    ctx?: ImportContext,
    previous?: { text: string; tree: Tree },
    maxCalls = Number.POSITIVE_INFINITY,
  ): { calls: RawCall[]; tree: Tree | null; tooMany?: number } {
    const tree = parseIncrementally(this.parser, text, previous);
    if (!tree) return { calls: [], tree: null };
    try {
      return { calls: new PythonFile(text, tree.rootNode, ctx).run(maxCalls), tree };
    } catch (e) {
      // Too many calls: the tree is still good for the next edit's parse.
      if (e instanceof TooManyCalls) return { calls: [], tree, tooMany: e.limit };
      tree.delete();
      throw e;
    }
  }

  /** What the module defines at top level that other modules may import: clients, factories, constants. */
  exports(text: string, ctx?: ImportContext): ModuleExports {
    const tree = this.parser.parse(text);
    if (!tree) return new Map();
    try {
      return new PythonFile(text, tree.rootNode, ctx).exports();
    } finally {
      tree.delete();
    }
  }

  /** One of the module's member exports (`Provider#llm`), resolved when another module asks for it. */
  memberExport(text: string, ctx: ImportContext, name: string): ModuleExport | undefined {
    const tree = this.parser.parse(text);
    if (!tree) return undefined;
    try {
      return new PythonFile(text, tree.rootNode, ctx).memberExport(name);
    } finally {
      tree.delete();
    }
  }
}

/**
 * One Python file's analysis: its layers (each reaches the others through this object) and the
 * calls they find.
 */
/** HTTP client modules whose `post` may send an API's request without its SDK, and the sessions and clients they make. */
const HTTP_MODULES = new Set(['requests', 'httpx']);
const HTTP_CLIENTS = new Set(['Session', 'Client', 'AsyncClient']);

/** Library-level settings that operations read a client from (`OperationSpec.boundFromGlobal`). */
const GLOBAL_SETTINGS = [...new Set(CATALOGUE.flatMap((sdk) => sdk.operations.flatMap((op) => (op.boundFromGlobal ? [op.boundFromGlobal] : []))))];

export class PythonFile {
  /** Nodes being resolved (by the evaluator's `sym` or `val`): a cycle stops there. */
  readonly resolving = new Set<number>();
  readonly bindings = new PyBindings(this);
  readonly values = new PyValues(this);
  readonly files = new PyFiles(this);

  constructor(
    readonly text: string,
    readonly root: Node,
    readonly ctx?: ImportContext,
  ) {}

  /** The file's evaluator (values, SDK symbols). */
  get ev() {
    return this.values.evaluator();
  }

  exports(): ModuleExports {
    const scope = this.bindings.firstPass();
    const out: ModuleExports = new Map();
    for (const [name, bindings] of scope.bindings) {
      if (name.startsWith('__')) continue;
      const e: ModuleExport = {};
      const sym = this.ev.symOfDecls(this.values.bindings.declsOf(bindings));
      if (sym) e.sym = sym;
      const def = bindings.length === 1 && bindings[0].kind === 'def' ? bindings[0].node : undefined;
      if (def) {
        const rs = this.ev.symOfReturns(returnsOf(def));
        if (rs) e.returns = rs;
        const rv = returnedValue(
          returnsOf(def).map((r) => this.values.val(r)),
          spanOf(def),
          name,
        );
        if (rv) e.returnsVal = rv;
        // Returns reached only under tests of its parameters: each with its tests (model/params.ts).
        const guards = returnsOf(def).length > 1 ? returnsOf(def).map((r) => this.ev.calls.returnGuards(r, def)) : [];
        if (guards.some((g) => g.length))
          e.branches = returnsOf(def).map((r, i) => {
            const sym = this.ev.sym(r);
            return { guards: guards[i], val: this.values.val(r), ...(sym ? { sym } : {}) };
          });
        // What a call from another module fills (model/params.ts).
        e.fnKey = paramKey(spanOf(def), this.ctx?.file);
        e.params = exportedParams(this.values.bindings.params(def), (n) => this.values.val(n));
      }
      const only = bindings.length === 1 ? bindings[0] : undefined;
      if (only?.kind === 'value') {
        const v = this.values.val(only.node);
        if (informative(v)) e.val = v;
      } else if (only?.kind === 'from') {
        const v = this.ctx?.exportOf(only.module, only.name)?.val;
        if (v) e.val = v;
      }
      if (e.sym || e.val || e.returns || e.returnsVal || e.branches) out.set(name, detachExport(e));
      // A class: its instances' attribute names (`C#*`), each resolved when asked (`memberExport`: `C#llm`).
      for (const [prefix, members] of this.memberSources(name, bindings)) if (members.size) out.set(`${prefix}*`, { members: [...members.keys()] });
    }
    // Library-level settings the file assigns a client to (`Settings.embed_model = OpenAIEmbedding(...)`),
    // read by the operations that use them (`OperationSpec.boundFromGlobal`).
    for (const target of GLOBAL_SETTINGS) {
      if (!this.text.includes(target)) continue;
      const values = this.values.bindings.members.assignedTo(target);
      if (!values.length) continue;
      // Set to a client, to a model's name, or to what is not known here (an empty export: set, but not read).
      const sym = values.length === 1 ? this.ev.sym(values[0]) : undefined;
      const val = values.length === 1 && !sym ? this.values.val(values[0]) : undefined;
      out.set(`set:${target}`, detachExport(sym ? { sym } : val ? { val } : {}));
    }
    return out;
  }

  /**
   * Where the names under `name` come from: a class's instance attributes (`C#`), those of the instance a
   * function returns (`f()#`: `def get_llm(): return Provider(...)`), or, for a name imported from another
   * module (a package's `__init__` re-exporting a class or factory), that module's, each resolving when asked.
   */
  private memberSources(name: string, bindings: Binding[]): [string, Map<string, () => ModuleExport | undefined>][] {
    const only = bindings.length === 1 ? bindings[0] : undefined;
    if (only?.kind === 'class') return [[`${name}#`, this.values.bindings.members.classMembers(only.node)]];
    if (only?.kind === 'def') return [[`${name}()#`, this.values.bindings.members.returnedMembers(only.node)]];
    // A module-level instance (`settings = Settings()`, `provider = Provider(ChatOpenAI())`): its class's attributes.
    if (only?.kind === 'value') {
      const [cls] = this.values.bindings.members.instanceClasses(only.node);
      return cls ? [[`${name}#`, this.values.bindings.members.classMembers(cls)]] : [];
    }
    if (only?.kind !== 'from') return [];
    return [`${only.name}#`, `${only.name}()#`].map((prefix): [string, Map<string, () => ModuleExport | undefined>] => {
      const names = this.ctx?.exportOf(only.module, `${prefix}*`)?.members ?? [];
      return [prefix.replace(only.name, name), new Map(names.map((attr) => [attr, () => this.ctx?.exportOf(only.module, `${prefix}${attr}`)]))];
    });
  }

  /** One member export (`C#attr`, `f()#attr`), resolved: the client that attribute holds. */
  memberExport(name: string): ModuleExport | undefined {
    const hash = name.lastIndexOf('#');
    const [owner, attr] = [name.slice(0, hash), name.slice(hash + 1)];
    const bindings = this.bindings.firstPass().bindings.get(owner.replace(/\(\)$/, ''));
    const source = bindings && this.memberSources(owner.replace(/\(\)$/, ''), bindings).find(([prefix]) => prefix === `${owner}#`);
    const found = source?.[1].get(attr)?.();
    return found && (found.sym || found.val) ? detachExport(found) : undefined;
  }

  run(maxCalls = Number.POSITIVE_INFINITY): RawCall[] {
    this.bindings.firstPass();
    const calls: RawCall[] = [];
    // Calls of `functools.partial` aliases; one named like an operation (`ask = partial(...)`) is a candidate already.
    const listed = new Set(this.bindings.candidates.map((c) => c.node.id));
    for (const name of this.bindings.partialNames) {
      for (const node of this.bindings.callsByName().get(name) ?? []) {
        if (node.childForFieldName('function')?.type === 'identifier' && !listed.has(node.id)) this.bindings.candidates.push({ node, loop: loopAt(node) });
      }
    }
    const found = new Set<number>();
    const add = (node: Node, call: RawCall | undefined) => {
      if (!call) return;
      call.scope = scopeName(node);
      pushCall(calls, call, maxCalls);
      found.add(node.id);
    };
    for (const c of this.bindings.candidates) add(c.node, this.toRawCall(c.node, c.loop));
    // Clients called as functions (DSPy's `lm("...")`, `self.lm(...)`): every call of a name, in files naming such an SDK.
    if (CALLABLE_MODULES.some((m) => this.text.includes(m))) {
      for (const nodes of this.bindings.callsByName().values())
        for (const node of nodes) if (!found.has(node.id)) add(node, this.callableCall(node, loopAt(node)));
    }
    // `requests.post(f"{base}/chat/completions", json=body)`: an API's request sent without its SDK (wire.ts).
    if (WIRE_HINT.test(this.text)) {
      for (const node of this.bindings.callsByName().get('post') ?? []) if (!found.has(node.id)) add(node, this.httpPost(node, loopAt(node)));
    }
    if (this.text.includes('genkit')) {
      for (const c of this.bindings.promptRuns) {
        if (found.has(c.node.id)) continue;
        const call = this.genkitRun(c.node, c.loop);
        if (call) calls.push({ ...call, scope: scopeName(c.node) });
      }
    }
    return calls.sort((a, b) => a.span.start - b.span.start);
  }

  /**
   * Genkit: `recipe = ai.prompt('recipe')` then `await recipe({'ingredient': x})` (or `recipe.stream(...)`),
   * where `ai = Genkit(...)`: the call `prompts/recipe.prompt` describes, its input filling the file.
   */
  private genkitRun(node: Node, loop: string | null): RawCall | undefined {
    const G = PROMPT_LOADERS.genkit;
    let fn = node.childForFieldName('function');
    let nameNode = fn;
    if (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'stream') {
      nameNode = fn.childForFieldName('attribute');
      fn = fn.childForFieldName('object');
    }
    let loader = fn;
    if (fn?.type === 'identifier') {
      const b = this.bindings.lookup(fn.text, fn)?.bindings;
      loader = b?.length === 1 && b[0].kind === 'value' ? b[0].node : null;
    }
    if (loader?.type === 'await') loader = loader.namedChildren[0] ?? null;
    const lf = loader?.type === 'call' ? loader.childForFieldName('function') : null;
    if (!loader || lf?.type !== 'attribute' || lf.childForFieldName('attribute')?.text !== G.method) return undefined;
    const instance = this.genkitInstance(lf.childForFieldName('object'));
    if (!instance || !nameNode) return undefined;
    const largs = loader.childForFieldName('arguments');
    const positional = (largs?.namedChildren ?? []).filter((a) => a.type !== 'keyword_argument' && a.type !== 'comment');
    const name = positional[0] ? staticString(this.values.val(positional[0])) : undefined;
    if (!name) return undefined;
    const variantArg = largs?.namedChildren
      .find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === G.python.variantOption)
      ?.childForFieldName('value');
    const variant = variantArg ? staticString(this.values.val(variantArg)) : undefined;
    const dir = (instance.promptDir ?? G.promptDir).replace(/^\.\//, '').replace(/\/+$/, '');
    const ref = { path: `${dir ? `${dir}/` : ''}${name}${variant ? `.${variant}` : ''}${G.extension}`, base: 'root' as const };
    const args = node.childForFieldName('arguments');
    const first = (args?.namedChildren ?? []).find((a) => a.type !== 'keyword_argument' && a.type !== 'comment');
    const kwInput = args?.namedChildren
      .find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === G.python.inputOption)
      ?.childForFieldName('value');
    const inputNode = first ?? kwInput;
    return promptFileRun(
      this.ctx,
      ref,
      { span: spanOf(node), nameSpan: spanOf(nameNode), loop, whenMissing: G.whenMissing },
      inputNode ? this.values.val(inputNode) : undefined,
      undefined,
      instance.model,
    );
  }

  /** A Genkit instance, local or imported from another module: its prompt folder and default model. */
  private genkitInstance(node: Node | null): { promptDir?: string; model?: Val } | undefined {
    const v = node ? this.values.val(node) : undefined;
    if (v?.kind !== 'obj' || v.loader !== 'genkit') return undefined;
    const model = v.props.get('model');
    return {
      promptDir: staticString(v.props.get(PROMPT_LOADERS.genkit.python.promptDirOption)),
      model: model && staticString(model) !== undefined ? model : undefined,
    };
  }

  private toRawCall(node: Node, loop: string | null): RawCall | undefined {
    const fn = node.childForFieldName('function')!;
    const argList = node.childForFieldName('arguments');
    if (fn.text === 'prompty.execute') return argList?.type === 'argument_list' ? this.promptyExecute(node, fn, argList, loop) : undefined;
    const deferredAt =
      fn.type === 'attribute' ? DEFERRED.get(fn.childForFieldName('attribute')?.text ?? '') : fn.type === 'identifier' ? DEFERRED.get(fn.text) : undefined;
    if (deferredAt !== undefined) return argList?.type === 'argument_list' ? this.deferredCall(node, argList, deferredAt, loop) : undefined;
    const method = fn.type === 'identifier' ? fn : fn.childForFieldName('attribute')!;
    // A bare function resolves to the operation itself (`from litellm import completion`), or
    // to a method bound with `functools.partial`.
    const receiver = asClient(fn.type === 'identifier' ? this.ev.sym(fn) : this.ev.sym(fn.childForFieldName('object')));
    if (!receiver) return undefined;
    const path = (fn.type === 'identifier' ? [...receiver.path] : [...receiver.path, method.text]).filter((p) => !receiver.sdk.deriveProperties.includes(p));
    const op = operationOf(receiver, path, 'python');
    if (!op) return undefined;
    const args: ObjVal = argList?.type === 'argument_list' ? this.values.argsObj(argList, op.positional) : emptyObj(spanOf(node));
    // pydantic-ai's tests: `with agent.override(model=TestModel()): agent.run_sync(...)` sends nothing.
    if (fn.type === 'attribute' && receiver.sdk.mockModels && this.overriddenByMock(node, fn.childForFieldName('object')!)) return undefined;
    const given = op.boundFrom && argList?.type === 'argument_list' ? argumentOf(argList, op.boundFrom, positionOf(op, op.boundFrom)) : undefined;
    const runs = given
      ? boundFromArgument(
          receiver,
          op,
          given,
          (n) => this.ev.sym(n),
          (n) => ({ text: n.text, span: spanOf(n) }),
          (n) => this.values.val(n),
        )
      : op.boundFromGlobal
        ? this.fromGlobal(receiver, op, op.boundFromGlobal, spanOf(node))
        : receiver;
    return this.rawCall(node, method, runs, op, args, loop);
  }

  /**
   * The receiver carrying the client a library-level setting holds (`Settings.embed_model = OpenAIEmbedding(...)`):
   * the one assignment in this file, else the one module of the workspace assigning it (`ImportContext.assignment`), said.
   */
  private fromGlobal(receiver: ClientSym, op: OperationSpec, target: string, span: Span): ClientSym {
    const here = this.values.bindings.members.assignedTo(target);
    const there = here.length ? undefined : this.ctx?.assignment?.(target);
    // Set nowhere in the workspace: the library's default (`OperationSpec.modelDefault`).
    if (!here.length && !there) return receiver;
    const where = here.length ? 'in this file' : 'in another module of the workspace';
    const sym = here.length === 1 ? this.ev.sym(here[0]) : there?.sym;
    const val = here.length === 1 ? (sym ? undefined : this.values.val(here[0])) : there?.val;
    const known = (sym?.kind === 'client' && !!sym.bound) || (!!val && staticString(val) !== undefined);
    const note = known
      ? `the model is \`${target}\`'s, set ${where}`
      : `\`${target}\` is set ${where}${here.length > 1 ? ' more than once' : ''} to a value not known here`;
    return runWith(receiver, op, sym, val, { text: target, span }, [note]);
  }

  /** `lm("...")`, `self.lm(messages=[...])`: a call of a client whose SDK lists an operation on the client itself. */
  private callableCall(node: Node, loop: string | null): RawCall | undefined {
    const fn = node.childForFieldName('function');
    const argList = node.childForFieldName('arguments');
    if (!fn || (fn.type !== 'identifier' && fn.type !== 'attribute') || argList?.type !== 'argument_list') return undefined;
    const receiver = asClient(this.ev.sym(fn));
    const op = receiver && !receiver.path.length ? receiver.sdk.operations.find((o) => o.callable) : undefined;
    if (!receiver || !op) return undefined;
    const nameNode = fn.type === 'attribute' ? fn.childForFieldName('attribute')! : fn;
    return this.rawCall(node, nameNode, receiver, op, this.values.argsObj(argList, op.positional), loop);
  }

  /** Whether a `with obj.override(model=<test double>)` block around the call replaces the model of the object it is made on. */
  private overriddenByMock(node: Node, obj: Node): boolean {
    for (let p = node.parent; p; p = p.parent) {
      if (p.type === 'function_definition' || p.type === 'class_definition') return false;
      if (p.type !== 'with_statement') continue;
      for (const call of p.descendantsOfType('call')) {
        if (call.startIndex >= (p.childForFieldName('body')?.startIndex ?? p.endIndex)) break;
        const fn = call.childForFieldName('function');
        if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'override' || fn.childForFieldName('object')?.text !== obj.text) continue;
        const model = argumentOf(call.childForFieldName('arguments'), 'model');
        const v = model ? this.values.val(model) : undefined;
        if (v?.kind === 'unknown' && v.mock) return true;
      }
    }
    return false;
  }

  /**
   * `prompty.execute("support.prompty", inputs={...})`: the call the prompt file describes, priced
   * here with the inputs filling its variables. The fix belongs to the file itself, not this line.
   */
  private promptyExecute(node: Node, fn: Node, argList: Node, loop: string | null): RawCall | undefined {
    const first = argList.namedChildren.find((a) => a.type !== 'keyword_argument' && a.type !== 'comment');
    const ref = first ? this.ev.pathOf(first) : undefined;
    if (!ref) return undefined;
    const nameNode = fn.childForFieldName('attribute') ?? fn;
    return promptFileRun(this.ctx, ref, { span: spanOf(node), nameSpan: spanOf(nameNode), loop }, this.values.argsObj(argList).props.get('inputs'));
  }

  /** `await asyncio.to_thread(client.messages.create, model=..., ...)`: the referenced method, called with the rest. */
  private deferredCall(node: Node, argList: Node, at: number, loop: string | null): RawCall | undefined {
    const positional = argList.namedChildren.filter((a) => a.type !== 'keyword_argument' && a.type !== 'dictionary_splat' && a.type !== 'comment');
    const target = positional[at];
    if (!target) return undefined;
    const receiver = asClient(this.ev.sym(target));
    if (!receiver) return undefined;
    const op = operationOf(
      receiver,
      receiver.path.filter((p) => !receiver.sdk.deriveProperties.includes(p)),
      'python',
    );
    if (!op) return undefined;
    const rest = positional.slice(at + 1).map((a) => this.values.val(a));
    const args = bindPositional(op.positional, rest, this.values.argsObj(argList));
    const nameNode = target.type === 'attribute' ? target.childForFieldName('attribute')! : target;
    return this.rawCall(node, nameNode, receiver, op, args, loop);
  }

  /**
   * `requests.post(url, json=body)`, `httpx.post(...)`, and `.post(...)` on a `requests.Session()` or an
   * `httpx.Client()` / `AsyncClient()`: the request of the API whose path the URL names (wire.ts).
   */
  private httpPost(node: Node, loop: string | null): RawCall | undefined {
    const fn = node.childForFieldName('function');
    const obj = fn?.type === 'attribute' ? fn.childForFieldName('object') : null;
    const argList = node.childForFieldName('arguments');
    if (!fn || !obj || argList?.type !== 'argument_list') return undefined;
    const via = this.httpClient(obj);
    if (!via) return undefined;
    const urlNode = argumentOf(argList, 'url', 0);
    const bodyNode = argumentOf(argList, 'json', -1) ?? argumentOf(argList, 'data', -1) ?? argumentOf(argList, 'content', -1);
    if (!urlNode) return undefined;
    const body = bodyNode ? this.values.val(bodyNode) : undefined;
    return wireCall(this.values.val(urlNode), body, { span: spanOf(argList), text: argList.text }, `${via}.post`, {
      flavor: 'python',
      span: spanOf(node),
      nameSpan: spanOf(fn.childForFieldName('attribute') ?? fn),
      loop,
      iterations: () => this.iterations(node),
      edits: this.edits,
    });
  }

  /** `requests` / `httpx` imported, or a session or client one of them makes (`requests.Session()`, `httpx.AsyncClient(...)`): how it is written. */
  private httpClient(obj: Node, depth = 0): string | undefined {
    const e = this.ev.expr(obj);
    if (e.k === 'module') return HTTP_MODULES.has(e.path) ? e.path : undefined;
    if (depth > 2 || (e.k !== 'name' && e.k !== 'member')) return undefined;
    const values = e.k === 'name' ? this.ev.assigned(e) : this.values.bindings.memberDecls(obj).flatMap((d) => (d.k === 'value' ? [d.value] : []));
    for (const v of values.slice(0, 2)) {
      const made = this.ev.expr(v);
      if (made.k !== 'call' || made.object === null || !HTTP_CLIENTS.has(made.name)) continue;
      const mod = this.httpClient(made.object, depth + 1);
      if (mod) return obj.text;
    }
    return undefined;
  }

  private rawCall(node: Node, method: Node, receiver: Extract<Sym, { kind: 'client' }>, op: OperationSpec, args: ObjVal, loop: string | null): RawCall {
    return clientCall(receiver, op, {
      flavor: 'python',
      span: spanOf(node),
      nameSpan: spanOf(method),
      args,
      loop,
      iterations: () => this.iterations(node),
      edits: this.edits,
    });
  }

  /**
   * How many times the loops around `node` (up to its function) run it, when each has a static
   * bound (`Evaluator.iterations`). A `while` loop or any other iterable gives null. A
   * comprehension's `if` filters: the count is then an upper bound, which is what a cost
   * multiplier needs.
   */
  private iterations(node: Node): number | null {
    const counts: (LoopCount<Node> | undefined)[] = [];
    for (let child = node, p = node.parent; p; child = p, p = p.parent) {
      if (p.type === 'function_definition' || p.type === 'lambda' || p.type === 'class_definition') break;
      if (p.type === 'while_statement') return null;
      if (p.type === 'for_statement') {
        const right = p.childForFieldName('right');
        if (child.id === right?.id || child.type === 'else_clause') continue; // evaluated once
        counts.push(iterable(right));
      } else if (COMPREHENSIONS.has(p.type)) {
        const clauses = p.namedChildren.filter((c) => c.type === 'for_in_clause');
        // The body runs once per combination of every clause; a clause's own iterable runs once
        // per combination of the clauses before it (the first one's, once).
        const at = clauses.findIndex((c) => c.id === child.id);
        for (const c of at >= 0 ? clauses.slice(0, at) : clauses) counts.push(iterable(c.childForFieldName('right')));
      }
    }
    return this.ev.iterations(counts);
  }

  private writerCache: PythonWriter | undefined;
  private get writer(): PythonWriter {
    return (this.writerCache ??= new PythonWriter(this.text));
  }

  /** The edits fixes make here: keyword arguments and dict items, written by the Python writer. */
  private readonly edits: CallEdits = {
    set: (obj, name, value) => this.setParam(obj, name, value),
    rename: (obj, name, newName) => {
      const e = this.renameParam(obj, name, newName);
      return e && [e];
    },
    replace: (v, value) => replaceValue(this.text, this.writer, v, value),
  };

  private renameParam(obj: ObjVal, name: string, newName: string): { span: Span; newText: string } | null {
    let node = obj.node as Node | null;
    if (node?.type === 'call') node = node.childForFieldName('arguments');
    if (node?.type === 'argument_list') {
      const kw = node.namedChildren.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === name)?.childForFieldName('name');
      if (kw) return { span: spanOf(kw), newText: newName };
      // `create(**params)`: the key in the dict the call splats (a same-file constant).
      for (const splat of node.namedChildren.filter((a) => a.type === 'dictionary_splat')) {
        const id = splat.namedChildren[0];
        const b = id?.type === 'identifier' ? this.bindings.lookup(id.text, id)?.bindings : undefined;
        const dict = b?.length === 1 && b[0].kind === 'value' && b[0].node.type === 'dictionary' ? b[0].node : null;
        const edit = dict ? this.renameParam({ ...obj, node: dict }, name, newName) : null;
        if (edit) return edit;
      }
      return null;
    }
    if (node?.type === 'dictionary') {
      const key = node.namedChildren
        .find((c) => c.type === 'pair' && staticString(this.values.val(c.childForFieldName('key')!)) === name)
        ?.childForFieldName('key');
      if (!key || key.type !== 'string') return null;
      return { span: spanOf(key), newText: this.writer.string(newName, key.text) };
    }
    return null;
  }

  /** `name=value` in a call's arguments, `"name": value` in a dict; an existing value of this file is replaced. */
  private setParam(obj: ObjVal, name: string, value: Lit): Edit[] | null {
    // Objects from other modules have no node here: no edit in a file other than this one.
    const node = obj.node as Node | null;
    if (!node) return null;
    const existing = obj.props.get(name);
    if (existing) {
      const written = this.writer.value(value, { target: {}, imports: new Set(), quote: quoteIn(existing.text, PY_STRING_PREFIXES) });
      return written !== null && inThisFile(this.text, existing) ? [{ span: existing.span, newText: written }] : null;
    }
    const list = node.type === 'call' ? node.childForFieldName('arguments') : node;
    if (!list) return null;
    const quote =
      list.type === 'dictionary'
        ? (quoteIn(list.namedChildren.find((c) => c.type === 'pair')?.childForFieldName('key')?.text, PY_STRING_PREFIXES) ?? '"')
        : quoteIn(list.text, PY_STRING_PREFIXES);
    const written = this.writer.value(value, { target: {}, imports: new Set(), quote });
    if (written === null) return null;
    if (list.type === 'argument_list') return [insertInList(this.text, list, `${name}=${written}`, '(')];
    if (list.type === 'dictionary') return [insertInList(this.text, list, `${this.writer.string(name, quote)}: ${written}`, '{')];
    return null;
  }
}

/** Python modules of SDKs whose clients are called as functions (`OperationSpec.callable`): their files' calls are all looked at. */
const CALLABLE_MODULES: readonly string[] = CATALOGUE.filter((sdk) => sdk.operations.some((o) => o.callable)).flatMap((sdk) => sdk.python.map((p) => p.module));

const COMPREHENSIONS = new Set(['list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression']);

/** Builtins that go over their argument's items once each (`for i, x in enumerate(items)`). */
const SAME_ITEMS = new Set(['enumerate', 'reversed', 'sorted', 'list', 'tuple']);

/**
 * What a `for` goes over, as the model counts it: `range(...)` by its bounds and step, the items
 * of a literal or of a name bound to one (`enumerate`, `reversed`, `sorted`, `list`, `tuple` of
 * them: the same items); anything else is not counted.
 */
function iterable(node: Node | null, depth = 0): LoopCount<Node> | undefined {
  if (!node || depth > 3) return undefined;
  if (node.type === 'parenthesized_expression') return iterable(node.namedChildren[0] ?? null, depth + 1);
  if (node.type !== 'call') return { over: node };
  const fn = node.childForFieldName('function')?.text ?? '';
  const args = (node.childForFieldName('arguments')?.namedChildren ?? []).filter((a) => a.type !== 'comment');
  if (fn === 'range' && args.length >= 1 && args.length <= 3 && args.every((a) => a.type !== 'keyword_argument' && a.type !== 'list_splat')) {
    return args.length === 1 ? { times: args[0] } : { from: args[0], to: args[1], inclusive: false, ...(args[2] ? { step: args[2] } : {}) };
  }
  return SAME_ITEMS.has(fn) && args.length >= 1 ? iterable(args[0], depth + 1) : undefined;
}
