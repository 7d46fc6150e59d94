// Python recognizer: tree-sitter syntax tree, with a scope model for imports and
// bindings (module, function and class scopes; `self.x` attributes set anywhere in the
// class). A first pass over the nodes that matter (asked for in one query, not a walk of
// every node) collects bindings and candidate calls; then each candidate's receiver is
// resolved to an SDK client and its keyword arguments evaluated.
import type { Node, Parser, Tree } from 'web-tree-sitter';
import { parseIncrementally } from '../reparse';
import { Regions } from './regions';
import { CATALOGUE, findOperation, MESSAGE_CLASSES, OPERATION_METHOD_NAMES, PROMPT_LOADERS, type OperationSpec } from '../catalogue';
import type { Span } from '../types';
import { asClient, bindPositional, construct, deriveCall, endpointFromOptions, factoryCall, member, piped, pythonModule, type Sym } from './symbols';
import { insertInList, inThisFile, replaceValue } from './edits';
import { PythonWriter } from '../writers/python';
import { quoteIn } from '../writers/writer';

/** Letters that may open a Python string literal (`r'...'`, `f"..."`, `b'...'`). */
const PY_STRING_PREFIXES = 'rRbBuUfF';
import type { Edit, Lit } from '../writers/lit';
import { detachExport, returnedValue, type ImportContext, type ModuleExport, type ModuleExports } from '../workspace';
import { cleandoc, dedent, FILE_MARK, imageDataVal, uploadedFileVal, withArguments, joinRef, joinVals, langchainTemplate, mapText, parentOf, promptFileVal, pyFormat, pyPercent, templateMessage } from './strings';
import { promptFileRun } from '../promptfile';
import type { PromptFileRef } from '../workspace';
import { arith, concatStr, mergeParts, pushCall, staticString, TooManyCalls, withOrigin, type CallEdits, type ObjVal, type RawCall, type StrPart, type Val } from './values';

type Binding =
  /** topLevel: assigned by a statement directly in the module (runs once, in order). */
  | { kind: 'value'; node: Node; topLevel?: boolean }
  | { kind: 'import'; module: string }
  | { kind: 'from'; module: string; name: string }
  /** fn/index/name: the function it belongs to and its place, for finding what callers pass. */
  | { kind: 'param'; type: Node | null; default: Node | null; fn?: Node; index?: number; name?: string; isMethod?: boolean }
  | { kind: 'def'; node: Node }
  | { kind: 'class'; node: Node }
  | { kind: 'opaque' };

interface Scope {
  kind: 'module' | 'function' | 'class';
  parent: Scope | null;
  bindings: Map<string, Binding[]>;
  /** For a method: its class scope and the name of its first parameter (`self` / `cls`). */
  methodOf?: Scope;
  selfName?: string;
  /** For a class scope: attributes assigned through `self.x = ...` in its methods. */
  attrs?: Map<string, Binding[]>;
  /** For a class scope: its base-class expressions (`class Chat(_Shared, KeyModel)`). */
  bases?: Node[];
}

const MAX_DEPTH = 12;
const OPTION_CLASSES: ReadonlySet<string> = new Set(CATALOGUE.flatMap((sdk) => sdk.optionClasses ?? []));
/** LangChain message prompt template classes and the role of the message each makes. */
const TEMPLATE_ROLES: Record<string, string> = {
  SystemMessagePromptTemplate: 'system',
  HumanMessagePromptTemplate: 'user',
  AIMessagePromptTemplate: 'assistant',
};


/** String methods a prompt is built with. */
const STRING_METHODS = new Set(['format', 'strip', 'lstrip', 'rstrip', 'join']);
/** Methods that add to a list or dict in place. */
const MUTATORS = new Set(['append', 'extend', 'insert', 'update', 'setdefault']);
/** Parameter node types that can be passed by position (not `*args`, `**kwargs`, keyword-only markers). */
const POSITIONAL_PARAMS = new Set(['identifier', 'typed_parameter', 'default_parameter', 'typed_default_parameter']);
/** Functions that run a method reference later: `asyncio.to_thread(fn, ...)` (index 0), `loop.run_in_executor(None, fn)` (index 1). */
const DEFERRED: ReadonlyMap<string, number> = new Map([
  ['to_thread', 0],
  ['run_in_executor', 1],
]);

/**
 * The node types the first pass acts on. It asks for them in one call (`descendantsOfType`)
 * instead of walking every node: a walk makes a JavaScript object for each of a tree's nodes,
 * and took longer than parsing.
 */
const PASS_TYPES = [
  'function_definition',
  'lambda',
  'class_definition',
  'import_statement',
  'import_from_statement',
  'assignment',
  'for_statement',
  'while_statement',
  'list_comprehension',
  'set_comprehension',
  'dictionary_comprehension',
  'generator_expression',
  'for_in_clause',
  'with_statement',
  'call',
  'augmented_assignment',
];

type Range = { start: number; end: number };
const range = (n: Node | null): Range | null => (n ? { start: n.startIndex, end: n.endIndex } : null);
const holds = (r: Range | null, start: number, end: number): boolean => !!r && start >= r.start && end <= r.end;
/**
 * What a node of the first pass does to the nodes inside it (up to `end`): a function or class
 * runs its body in its own scope and outside any loop (a function's parameters' defaults too,
 * in the enclosing scope; the rest of it, its name, parameters and annotations, is not looked
 * at); a loop makes what is inside it repeat, but for `once` (a `for`'s iterable, a
 * comprehension's first one).
 */
type Frame =
  | { kind: 'function' | 'class'; end: number; body: Range | null; defaults: Range[]; scope: Scope }
  | { kind: 'loop'; end: number; loop: string; once: Range | null };

function add(map: Map<string, Binding[]>, name: string, b: Binding): void {
  const list = map.get(name);
  if (list) list.push(b);
  else map.set(name, [b]);
}

const spanOf = (n: Node): Span => ({ start: n.startIndex, end: n.endIndex });


export class PythonRecognizer {
  constructor(private readonly parser: Parser) {}

  /**
   * The calls in `text`, and its syntax tree. Their fix callbacks read the tree, so the caller
   * deletes it (freeing its WebAssembly memory) once done with them, or keeps it as `previous`
   * for the next text of the same document: only what the edit touched is parsed again.
   */
  recognize(text: string, ctx?: ImportContext, previous?: { text: string; tree: Tree }, maxCalls = Number.POSITIVE_INFINITY): { calls: RawCall[]; tree: Tree | null; tooMany?: number } {
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
}

/** A list grown in place: `append`, `extend`, `+=`. */
type Growth = { target: Node; kind: 'append' | 'extend'; arg: Node; at: Node; loop: string | null };
type ChangeIndex = { count: Map<Binding[], number>; growth: Map<Binding[], Growth[]>; names: Set<string> };

class PythonFile {
  private readonly scopes = new Map<number, Scope>();
  /** Where each scope's code is (see scopeOf). */
  private readonly regions = new Regions<Scope>();
  /** Where the module's top-level expression statements start. */
  private readonly topLevelStarts = new Set<number>();
  private readonly candidates: { node: Node; loop: string | null }[] = [];
  /** Calls that may run a prompt file by name (Genkit), checked in files that mention genkit. */
  private readonly promptRuns: { node: Node; loop: string | null }[] = [];
  /** Names assigned `functools.partial(...)`: calls of them may be SDK calls. */
  private readonly partialNames = new Set<string>();
  /** Every call by the called name (`helper(...)`, `self.helper(...)`), recorded by the first pass. */
  private readonly callsByNameCache = new Map<string, Node[]>();
  private callsByNameSorted = false;
  private readonly resolving = new Set<number>();
  private readonly symCache = new Map<number, Sym>();
  /** `messages.append(...)`, `messages += [...]`, `kwargs["k"] = v`: lists and dicts changed after they are built are not constants. */
  private readonly mutations: Node[] = [];
  /** List growth this file does in place (`append`, `extend`, `+=`): followed when it is simple (see `grown`). */
  private readonly growth: Growth[] = [];
  private changeIndex: ChangeIndex | undefined;

  constructor(
    private readonly text: string,
    private readonly root: Node,
    private readonly ctx?: ImportContext,
  ) {}

  private firstPass(): Scope {
    const moduleScope: Scope = { kind: 'module', parent: null, bindings: new Map() };
    this.scopes.set(this.root.id, moduleScope);
    this.regions.add(this.root.startIndex, this.root.endIndex, moduleScope);
    // Top-level statements: an assignment directly in one runs once, in order.
    for (const statement of this.root.namedChildren) if (statement.type === 'expression_statement') this.topLevelStarts.add(statement.startIndex);
    // The nodes the pass acts on, in one call into WebAssembly, in document order (a node before
    // what it contains). Each one's scope and loop come from the nodes around it (`frames`).
    const frames: Frame[] = [];
    for (const node of this.root.descendantsOfType(PASS_TYPES)) {
      const type = node.type;
      // `lambda` is also the keyword's name.
      if (type === 'lambda' && !node.isNamed) continue;
      const start = node.startIndex;
      const end = node.endIndex;
      while (frames.length && frames[frames.length - 1].end <= start) frames.pop();
      let scope = moduleScope;
      let loop: string | null = null;
      let seen = true;
      for (const f of frames) {
        if (f.kind === 'function' || f.kind === 'class') {
          if (holds(f.body, start, end)) {
            scope = f.scope;
            // A function body runs when called, not per iteration of a loop around its definition.
            loop = null;
          } else if (f.defaults.some((d) => holds(d, start, end))) loop = null;
          else seen = false; // the name, parameters, annotations, a class's bases: not looked at
        } else if (f.kind === 'loop' && !holds(f.once, start, end)) loop ??= f.loop;
        if (!seen) break;
      }
      if (seen) this.visit(node, type, scope, loop, frames);
    }
    return moduleScope;
  }

  exports(): ModuleExports {
    const scope = this.firstPass();
    const out: ModuleExports = new Map();
    for (const [name, bindings] of scope.bindings) {
      if (name.startsWith('__')) continue;
      const e: ModuleExport = {};
      const sym = this.symOfBindings(bindings, 0);
      if (sym) e.sym = sym;
      const def = bindings.length === 1 && bindings[0].kind === 'def' ? bindings[0].node : undefined;
      if (def) {
        for (const r of returnsOf(def)) {
          const rs = this.sym(r);
          if (rs) {
            e.returns = rs;
            break;
          }
        }
        const rv = returnedValue(returnsOf(def).map((r) => this.val(r)), spanOf(def), name);
        if (rv) e.returnsVal = rv;
      }
      const only = bindings.length === 1 ? bindings[0] : undefined;
      if (only?.kind === 'value') {
        const v = this.val(only.node);
        if (v.kind !== 'unknown' || v.default) e.val = v;
      } else if (only?.kind === 'from') {
        const v = this.ctx?.exportOf(only.module, only.name)?.val;
        if (v) e.val = v;
      }
      if (e.sym || e.val || e.returns || e.returnsVal) out.set(name, detachExport(e));
    }
    return out;
  }

  run(maxCalls = Number.POSITIVE_INFINITY): RawCall[] {
    this.firstPass();
    const calls: RawCall[] = [];
    for (const name of this.partialNames) {
      for (const node of this.callsByName().get(name) ?? []) {
        if (node.childForFieldName('function')?.type === 'identifier') this.candidates.push({ node, loop: loopAt(node) });
      }
    }
    const found = new Set<number>();
    for (const c of this.candidates) {
      const call = this.toRawCall(c.node, c.loop);
      if (call) {
        call.scope = scopeName(c.node);
        pushCall(calls, call, maxCalls);
        found.add(c.node.id);
      }
    }
    if (this.text.includes('genkit')) {
      for (const c of this.promptRuns) {
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
      const b = this.lookup(fn.text, fn)?.bindings;
      loader = b?.length === 1 && b[0].kind === 'value' ? b[0].node : null;
    }
    if (loader?.type === 'await') loader = loader.namedChildren[0] ?? null;
    const lf = loader?.type === 'call' ? loader.childForFieldName('function') : null;
    if (!loader || lf?.type !== 'attribute' || lf.childForFieldName('attribute')?.text !== G.method) return undefined;
    const instance = this.genkitInstance(lf.childForFieldName('object'));
    if (!instance || !nameNode) return undefined;
    const largs = loader.childForFieldName('arguments');
    const positional = (largs?.namedChildren ?? []).filter((a) => a.type !== 'keyword_argument' && a.type !== 'comment');
    const name = positional[0] ? staticString(this.val(positional[0])) : undefined;
    if (!name) return undefined;
    const variantArg = largs?.namedChildren.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'variant')?.childForFieldName('value');
    const variant = variantArg ? staticString(this.val(variantArg)) : undefined;
    const dir = (instance.promptDir ?? G.promptDir).replace(/^\.\//, '').replace(/\/+$/, '');
    const ref = { path: `${dir ? `${dir}/` : ''}${name}${variant ? `.${variant}` : ''}${G.extension}`, base: 'root' as const };
    const args = node.childForFieldName('arguments');
    const first = (args?.namedChildren ?? []).find((a) => a.type !== 'keyword_argument' && a.type !== 'comment');
    const kwInput = args?.namedChildren.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'input')?.childForFieldName('value');
    const inputNode = first ?? kwInput;
    return promptFileRun(this.ctx, ref, { span: spanOf(node), nameSpan: spanOf(nameNode), loop, whenMissing: G.whenMissing }, inputNode ? this.val(inputNode) : undefined, undefined, instance.model);
  }

  /** A Genkit instance, local or imported from another module: its prompt folder and default model. */
  private genkitInstance(node: Node | null): { promptDir?: string; model?: Val } | undefined {
    const v = node ? this.val(node) : undefined;
    if (v?.kind !== 'obj' || v.loader !== 'genkit') return undefined;
    const model = v.props.get('model');
    return { promptDir: staticString(v.props.get('prompt_dir')), model: model && staticString(model) !== undefined ? model : undefined };
  }

  /** `Genkit(...)` imported from the genkit package: the instance, as its keyword arguments with a `loader` mark. */
  private genkitCall(fn: Node, args: Node, span: Span, text: string): Val | undefined {
    if (fn.type !== 'identifier' || !this.text.includes('genkit')) return undefined;
    const imported = this.lookup(fn.text, fn)?.bindings[0];
    if (imported?.kind !== 'from' || !/^genkit(\.|$)/.test(imported.module) || imported.name !== 'Genkit') return undefined;
    return { ...this.argsObj(args), node: null, span, text, loader: 'genkit' };
  }


  // ---- pass 1: scopes, bindings, candidate calls, loop context ----

  /** One node of the first pass, in `scope` and `loop`; a node whose parts run in another scope or loop adds a frame. */
  private visit(node: Node, type: string, scope: Scope, loop: string | null, frames: Frame[]): void {
    switch (type) {
      case 'function_definition':
      case 'lambda':
        frames.push(this.enterFunction(node, scope));
        return;
      case 'class_definition': {
        const name = node.childForFieldName('name');
        if (name) add(scope.bindings, name.text, { kind: 'class', node });
        const bases = (node.childForFieldName('superclasses')?.namedChildren ?? []).filter((b) => b.type === 'identifier' || b.type === 'attribute');
        const cls: Scope = { kind: 'class', parent: scope, bindings: new Map(), attrs: new Map(), bases };
        this.scopes.set(node.id, cls);
        // Its name and bases resolve in the class's scope too (falling back to the enclosing one).
        this.regions.add(node.startIndex, node.endIndex, cls);
        frames.push({ kind: 'class', end: node.endIndex, body: range(node.childForFieldName('body')), defaults: [], scope: cls });
        return;
      }
      case 'import_statement':
        for (const n of node.namedChildren) {
          if (n.type === 'dotted_name') add(scope.bindings, n.namedChildren[0].text, { kind: 'import', module: n.namedChildren[0].text });
          else if (n.type === 'aliased_import') {
            const mod = n.childForFieldName('name');
            const alias = n.childForFieldName('alias');
            if (mod && alias) add(scope.bindings, alias.text, { kind: 'import', module: mod.text });
          }
        }
        return;
      case 'import_from_statement': {
        const mod = node.childForFieldName('module_name')?.text ?? '';
        for (const n of node.childrenForFieldName('name')) {
          if (n.type === 'dotted_name') add(scope.bindings, n.text, { kind: 'from', module: mod, name: n.text });
          else if (n.type === 'aliased_import') {
            const name = n.childForFieldName('name');
            const alias = n.childForFieldName('alias');
            if (name && alias) add(scope.bindings, alias.text, { kind: 'from', module: mod, name: name.text });
          }
        }
        return;
      }
      case 'assignment': {
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        const type = node.childForFieldName('type');
        if (left) this.bindTarget(left, right ?? type, scope, right ? 'value' : 'type', scope.kind === 'module' && this.topLevelStarts.has(node.startIndex));
        // `kwargs["max_tokens"] = n` changes the dict after it was built.
        const target = left?.type === 'subscript' ? left.childForFieldName('value') : undefined;
        if (target?.type === 'identifier') this.mutations.push(target);
        break;
      }
      case 'for_statement': {
        // The iterable is evaluated once; the target and body run per iteration.
        const right = node.childForFieldName('right');
        const left = node.childForFieldName('left');
        if (left) this.bindTarget(left, null, scope, 'opaque');
        frames.push({ kind: 'loop', end: node.endIndex, loop: `for loop at line ${node.startPosition.row + 1}`, once: range(right) });
        return;
      }
      case 'while_statement':
        frames.push({ kind: 'loop', end: node.endIndex, loop: `while loop at line ${node.startPosition.row + 1}`, once: null });
        return;
      case 'list_comprehension':
      case 'set_comprehension':
      case 'dictionary_comprehension':
      case 'generator_expression': {
        // Only the first clause's iterable runs once.
        const first = node.namedChildren.find((c) => c.type === 'for_in_clause');
        frames.push({ kind: 'loop', end: node.endIndex, loop: `comprehension at line ${node.startPosition.row + 1}`, once: range(first?.childForFieldName('right') ?? null) });
        return;
      }
      case 'for_in_clause': {
        const left = node.childForFieldName('left');
        if (left) this.bindTarget(left, null, scope, 'opaque');
        return;
      }
      case 'with_statement':
        for (const item of node.descendantsOfType('as_pattern')) {
          const target = item.childForFieldName('alias');
          const value = item.namedChildren[0];
          if (target && value) this.bindTarget(target.namedChildren[0] ?? target, value, scope, 'value');
        }
        break;
      case 'call': {
        const fn = node.childForFieldName('function');
        const fnType = fn?.type;
        const method = fnType === 'attribute' ? (fn!.childForFieldName('attribute')?.text ?? '') : '';
        // `client.chat.completions.create(...)`, or a function imported from an SDK: `completion(...)`.
        const name = fnType === 'identifier' ? fn!.text : method;
        if (name) {
          const list = this.callsByNameCache.get(name);
          if (list) list.push(node);
          else this.callsByNameCache.set(name, [node]);
        }
        if (OPERATION_METHOD_NAMES.has(name) || DEFERRED.has(name) || (name === 'execute' && fn?.text === 'prompty.execute')) this.candidates.push({ node, loop });
        if (fnType === 'identifier' || fnType === 'call' || method === 'stream') this.promptRuns.push({ node, loop });
        if (name === 'partial') {
          // `ask = functools.partial(client.messages.create, model=...)`: calls of `ask` may be SDK calls.
          const left = node.parent?.type === 'assignment' ? node.parent.childForFieldName('left') : null;
          if (left?.type === 'identifier') this.partialNames.add(left.text);
        }
        const target = MUTATORS.has(method) ? fn!.childForFieldName('object') : null;
        if (target?.type === 'identifier') {
          this.mutations.push(target);
          const args = node.childForFieldName('arguments')?.namedChildren.filter((a) => a.type !== 'comment') ?? [];
          if ((method === 'append' || method === 'extend') && args.length === 1 && args[0].type !== 'keyword_argument') this.growth.push({ target, kind: method, arg: args[0], at: node, loop });
        }
        break;
      }
      case 'augmented_assignment': {
        const left = node.childForFieldName('left');
        if (left?.type === 'identifier') {
          this.mutations.push(left);
          const right = node.childForFieldName('right');
          if (node.childForFieldName('operator')?.text === '+=' && right) this.growth.push({ target: left, kind: 'extend', arg: right, at: node, loop });
        }
        break;
      }
    }
  }

  /** A function or lambda: its name and parameters bound, and the frame for what is inside it. */
  private enterFunction(node: Node, scope: Scope): Frame {
    const name = node.childForFieldName('name');
    if (name) add(scope.bindings, name.text, { kind: 'def', node });
    const fn: Scope = { kind: 'function', parent: scope, bindings: new Map() };
    if (scope.kind === 'class' && node.type === 'function_definition') {
      const decorators = node.parent?.type === 'decorated_definition' ? node.parent.text : '';
      if (!/@staticmethod\b/.test(decorators)) {
        fn.methodOf = scope;
        const first = node.childForFieldName('parameters')?.namedChildren[0];
        fn.selfName = first ? paramName(first) : undefined;
      }
    }
    this.scopes.set(node.id, fn);
    const params = node.childForFieldName('parameters');
    const defaults: Range[] = [];
    (params?.namedChildren ?? []).forEach((p, index) => {
      const pname = paramName(p);
      // Defaults are evaluated where the function is defined, once.
      const def = p.childForFieldName('value');
      if (pname) {
        add(fn.bindings, pname, {
          kind: 'param',
          type: p.childForFieldName('type'),
          default: def,
          fn: node,
          index: POSITIONAL_PARAMS.has(p.type) ? index : undefined,
          name: pname,
          isMethod: fn.methodOf !== undefined,
        });
      }
      if (def) defaults.push({ start: def.startIndex, end: def.endIndex });
    });
    const body = node.childForFieldName('body');
    const bodyRange = body ? { start: body.startIndex, end: body.endIndex } : null;
    if (bodyRange) this.regions.add(bodyRange.start, bodyRange.end, fn);
    return { kind: 'function', end: node.endIndex, body: bodyRange, defaults, scope: fn };
  }

  private bindTarget(target: Node, value: Node | null, scope: Scope, mode: 'value' | 'type' | 'opaque', topLevel = false): void {
    const binding = (): Binding =>
      mode === 'value' && value ? { kind: 'value', node: value, topLevel } : mode === 'type' && value ? { kind: 'param', type: value, default: null } : { kind: 'opaque' };
    if (target.type === 'identifier') {
      add(scope.bindings, target.text, binding());
    } else if (target.type === 'attribute') {
      const obj = target.childForFieldName('object');
      const attr = target.childForFieldName('attribute');
      const fnScope = this.enclosingFunctionScope(scope);
      if (obj?.type === 'identifier' && attr && fnScope?.methodOf && obj.text === fnScope.selfName) {
        add(fnScope.methodOf.attrs!, attr.text, binding());
      }
    } else if (target.type === 'pattern_list' || target.type === 'tuple_pattern' || target.type === 'list_pattern') {
      for (const t of target.namedChildren) this.bindTarget(t, null, scope, 'opaque');
    }
  }

  private enclosingFunctionScope(scope: Scope): Scope | undefined {
    return scope.kind === 'function' ? scope : undefined;
  }

  /**
   * The scope `node` is in: that of the innermost region around it. A function's region is its
   * body (its parameters' defaults and decorators belong to the enclosing scope); a class's, the
   * whole class.
   */
  private scopeOf(node: Node): Scope {
    return this.regions.innermost(node.startIndex, node.endIndex) ?? this.scopes.get(this.root.id)!;
  }

  /**
   * What the file changes in place, by the bindings changed: how many changes, and the growth
   * steps among them (in order); and the names changed. Built once: asked for every list and
   * every loop's iterable, a scan of all changes each time made large files quadratic.
   */
  private changes(): ChangeIndex {
    if (!this.changeIndex) {
      const count = new Map<Binding[], number>();
      const growth = new Map<Binding[], Growth[]>();
      const names = new Set<string>();
      for (const m of this.mutations) {
        names.add(m.text);
        const found = this.lookup(m.text, m);
        if (found) count.set(found.bindings, (count.get(found.bindings) ?? 0) + 1);
      }
      for (const g of this.growth) {
        const found = this.lookup(g.target.text, g.target);
        if (!found) continue;
        const list = growth.get(found.bindings);
        if (list) list.push(g);
        else growth.set(found.bindings, [g]);
      }
      this.changeIndex = { count, growth, names };
    }
    return this.changeIndex;
  }

  private isMutated(bindings: Binding[]): boolean {
    return this.changes().count.has(bindings);
  }

  /**
   * A list built in steps (`messages = [system]`, `messages.append(user)`, `messages += [...]`,
   * `messages.extend(history)`) as it is when `use` reads it: the growth before the use, in order.
   * Only when every change to the list is such a step, in the same function as the list and the use
   * (or all at the module's top level, as notebooks run), in the list's own loop; otherwise undefined (the list may be anything: an agent loop's history).
   */
  private grown(list: Extract<Val, { kind: 'list' }>, bindings: Binding[], valueNode: Node, use: Node, depth: number): Val | undefined {
    const steps = this.changes().growth.get(bindings) ?? [];
    const changes = this.changes().count.get(bindings) ?? 0;
    if (steps.length !== changes) return undefined;
    const fn = this.scopeOf(valueNode);
    if (fn.kind === 'class' || this.scopeOf(use) !== fn || steps.some((g) => g.loop !== loopAt(valueNode) || this.scopeOf(g.target) !== fn)) return undefined;
    const items = [...list.items];
    const open = [...list.open];
    for (const g of steps.filter((x) => x.at.endIndex <= use.startIndex).sort((a, b) => a.at.startIndex - b.at.startIndex)) {
      const v = this.val(g.arg, depth);
      if (g.kind === 'append') items.push(v);
      else if (v.kind === 'list') {
        items.push(...v.items);
        open.push(...v.open);
      } else open.push(g.arg.text);
    }
    return { ...list, items, open, span: spanOf(use), text: use.text };
  }

  private lookup(name: string, from: Node): { bindings: Binding[]; scope: Scope } | undefined {
    const start = this.scopeOf(from);
    for (let s: Scope | null = start; s; s = s.parent) {
      if (s.kind === 'class' && s !== start) continue; // class bodies do not enclose their methods
      const b = s.bindings.get(name);
      if (b) return { bindings: b, scope: s };
    }
    return undefined;
  }

  /** Bindings of `self.name` when `obj` is the method's self parameter. */
  private selfAttr(obj: Node, name: string): Binding[] | undefined {
    if (obj.type !== 'identifier') return undefined;
    for (let s: Scope | null = this.scopeOf(obj); s; s = s.parent) {
      if (s.kind !== 'function') continue;
      if (s.methodOf && s.selfName === obj.text) return this.classMember(s.methodOf, name, new Set());
      // `self` is only the first parameter of the innermost method that binds it.
      if (s.bindings.has(obj.text)) return undefined;
    }
    return undefined;
  }

  /** A class's `name`: its own attributes and class-level bindings, else those of same-file base classes. */
  private classMember(cls: Scope, name: string, seen: Set<Scope>): Binding[] {
    const own = [...(cls.attrs?.get(name) ?? []), ...(cls.bindings.get(name) ?? [])];
    if (own.length || seen.has(cls)) return own;
    seen.add(cls);
    for (const base of cls.bases ?? []) {
      const b = base.type === 'identifier' ? this.lookup(base.text, base)?.bindings.find((x) => x.kind === 'class') : undefined;
      const baseScope = b?.kind === 'class' ? this.scopes.get(b.node.id) : undefined;
      const inherited = baseScope ? this.classMember(baseScope, name, seen) : [];
      if (inherited.length) return inherited;
    }
    return [];
  }

  // ---- pass 2: resolve receivers to SDK symbols ----

  private sym(node: Node | null, depth = 0): Sym | undefined {
    if (!node || depth > MAX_DEPTH || this.resolving.has(node.id)) return undefined;
    // What a node resolves to does not depend on who asks; a miss may (a cycle cut short), so only hits are kept.
    const known = this.symCache.get(node.id);
    if (known) return known;
    this.resolving.add(node.id);
    try {
      const s = this.symInner(node, depth + 1);
      if (s) this.symCache.set(node.id, s);
      return s;
    } finally {
      this.resolving.delete(node.id);
    }
  }

  private symInner(node: Node, depth: number): Sym | undefined {
    switch (node.type) {
      case 'identifier': {
        const found = this.lookup(node.text, node);
        return found ? this.symOfBindings(found.bindings, depth) : undefined;
      }
      case 'attribute': {
        const obj = node.childForFieldName('object');
        const attr = node.childForFieldName('attribute')?.text ?? '';
        if (!obj) return undefined;
        const self = this.selfAttr(obj, attr);
        if (self) return this.symOfBindings(self, depth);
        return member(this.sym(obj, depth), attr);
      }
      case 'call': {
        const fn = node.childForFieldName('function');
        if (!fn) return undefined;
        const args = node.childForFieldName('arguments');
        const argList = args?.type === 'argument_list' ? args : null;
        if (fn.type === 'attribute') {
          const obj = fn.childForFieldName('object');
          const attr = fn.childForFieldName('attribute')?.text ?? '';
          const derived = deriveCall(this.sym(obj, depth), attr);
          if (derived) return derived;
        }
        if (argList && this.isFunctoolsPartial(fn)) return this.partialSym(argList, depth);
        const callee = this.sym(fn, depth);
        if (callee?.kind === 'class') {
          const positional = callee.sdk.configuredClasses?.[callee.name]?.positional;
          const params = argList ? this.argsObj(argList, positional) : undefined;
          return construct(callee, endpointFromOptions(callee.sdk, params), params);
        }
        const made = factoryCall(callee, 'python', (positional) => (argList ? this.argsObj(argList, positional) : emptyObj(spanOf(node))));
        if (made) return made;
        if (callee) return undefined;
        return this.symOfCallee(fn, depth);
      }
      case 'binary_operator': {
        // LangChain: `prompt | llm | parser` invokes the model with what the prompt formats.
        if (node.childForFieldName('operator')?.text !== '|') return undefined;
        const expr = node.text.length > 60 ? `${node.text.slice(0, 57)}...` : node.text;
        const left = node.childForFieldName('left');
        return piped(this.sym(node.childForFieldName('right'), depth), expr, left ? this.templateOf(left, depth) : undefined) ?? piped(this.sym(left, depth), expr);
      }
      case 'await':
      case 'parenthesized_expression':
        return this.sym(node.namedChildren[0] ?? null, depth);
      case 'conditional_expression':
      case 'boolean_operator':
        for (const c of node.namedChildren) {
          const s = this.sym(c, depth);
          if (s) return s;
        }
        return undefined;
      default:
        return undefined;
    }
  }

  /** Every call by the called name, in document order, as the first pass recorded them. */
  private callsByName(): Map<string, Node[]> {
    if (!this.callsByNameSorted) {
      for (const list of this.callsByNameCache.values()) list.sort((a, b) => a.startIndex - b.startIndex);
      this.callsByNameSorted = true;
    }
    return this.callsByNameCache;
  }

  /** The argument callers in this file pass for a parameter, when one of them is an SDK client. */
  private symFromCallers(b: Extract<Binding, { kind: 'param' }>, depth: number): Sym | undefined {
    for (const arg of this.argsFromCallers(b)) {
      const s = this.sym(arg, depth);
      if (s) return s;
    }
    return undefined;
  }

  /**
   * A parameter's value when every caller in this file passes the same constant
   * (`invoke(client, "anthropic.claude-...")`): unknown, with that value as what is assumed.
   */
  private valFromCallers(b: Extract<Binding, { kind: 'param' }>, span: Span, text: string, depth: number): Val | undefined {
    const args = this.argsFromCallers(b);
    if (!args.length) return undefined;
    const vals = args.map((a) => this.val(a, depth));
    const key = (v: Val) => (v.kind === 'str' && v.parts.every((p) => 'text' in p) ? `s:${v.parts.map((p) => ('text' in p ? p.text : '')).join('')}` : v.kind === 'num' ? `n:${v.value}` : null);
    const first = key(vals[0]);
    if (first === null || vals.some((v) => key(v) !== first)) return undefined;
    return { kind: 'unknown', span, text, default: vals[0] };
  }

  private argsFromCallers(b: Extract<Binding, { kind: 'param' }>): Node[] {
    const fnName = b.fn?.childForFieldName('name');
    if (!b.fn || !fnName || !b.name) return [];
    const out: Node[] = [];
    for (const call of this.callsByName().get(fnName.text) ?? []) {
      const callee = call.childForFieldName('function');
      // A plain function is called by its name, resolving to this definition; a method through an attribute.
      if (b.isMethod ? callee?.type !== 'attribute' : callee?.type !== 'identifier' || !this.lookup(fnName.text, callee)?.bindings.some((x) => x.kind === 'def' && x.node.id === b.fn!.id)) continue;
      const args = call.childForFieldName('arguments');
      if (args?.type !== 'argument_list') continue;
      let arg = args.namedChildren.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === b.name)?.childForFieldName('value') ?? null;
      if (!arg && b.index !== undefined) {
        const positional = args.namedChildren.filter((a) => a.type !== 'keyword_argument' && a.type !== 'comment' && a.type !== 'dictionary_splat' && a.type !== 'list_splat');
        arg = positional[b.index - (b.isMethod ? 1 : 0)] ?? null;
      }
      if (arg) out.push(arg);
    }
    return out;
  }

  /** The prompt template a chain starts from: `prompt` in `prompt | llm`, or in `{...} | prompt | llm`. */
  private templateOf(node: Node, depth: number): Val | undefined {
    if (node.type === 'binary_operator' && node.childForFieldName('operator')?.text === '|') {
      const right = node.childForFieldName('right');
      return right ? this.templateOf(right, depth) : undefined;
    }
    const v = this.val(node, depth);
    return v.template ? v : undefined;
  }

  /**
   * LangChain prompt templates: `ChatPromptTemplate.from_messages([("system", "..."), ("human", "{input}")])`,
   * `.from_template("...")`, `PromptTemplate(template=...)`, `MessagesPlaceholder("history")`.
   */
  private templateCall(fn: Node, args: Node, positional: Node[], span: Span, text: string, depth: number): Val | undefined {
    const cls = fn.type === 'attribute' ? fn.childForFieldName('object')?.text : fn.text;
    const method = fn.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
    const kw = (name: string) => args.namedChildren.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === name)?.childForFieldName('value') ?? undefined;
    const role = cls ? TEMPLATE_ROLES[cls] : undefined;
    if (method === 'from_template' && (cls === 'ChatPromptTemplate' || cls === 'PromptTemplate' || role)) {
      const t = positional[0] ?? kw('template');
      if (!t) return undefined;
      const body = langchainTemplate(this.val(t, depth), span, text);
      if (cls === 'PromptTemplate') return body;
      return { kind: 'list', items: [templateMessage(role ?? 'user', body)], open: [], span, text, template: true };
    }
    if (cls === 'PromptTemplate' && !method) {
      const t = kw('template') ?? positional[0];
      return t ? langchainTemplate(this.val(t, depth), span, text) : undefined;
    }
    if (cls === 'MessagesPlaceholder' && !method) {
      const name = staticString(this.val(kw('variable_name') ?? positional[0] ?? args, depth));
      return name ? { kind: 'str', parts: [{ hole: name }], span, text, template: true } : undefined;
    }
    if (cls === 'ChatPromptTemplate' && (method === 'from_messages' || !method)) {
      const list = positional[0] ?? kw('messages');
      const v = list ? this.val(list, depth) : undefined;
      if (v?.kind !== 'list') return undefined;
      const items = v.items.map((m) => {
        if (m.kind === 'list' && m.items.length === 2) {
          const r = staticString(m.items[0]);
          // ("placeholder", "{history}") stands for the messages passed as `history`.
          if (r === 'placeholder') return { ...langchainTemplate(m.items[1], m.span, m.text), template: true };
          return templateMessage(r ?? 'user', langchainTemplate(m.items[1], m.span, m.text));
        }
        return m;
      });
      return { kind: 'list', items, open: v.open, span, text, template: true };
    }
    return undefined;
  }

  /** `functools.partial` or `partial` imported from functools. */
  private isFunctoolsPartial(fn: Node): boolean {
    if (fn.type === 'attribute') return fn.text === 'functools.partial';
    if (fn.type !== 'identifier' || fn.text !== 'partial') return false;
    return this.lookup('partial', fn)?.bindings.some((b) => b.kind === 'from' && b.module === 'functools') ?? false;
  }

  /** `partial(client.messages.create, model=..., max_tokens=...)`: the method, with its keyword arguments bound. */
  private partialSym(argList: Node, depth: number): Sym | undefined {
    const target = argList.namedChildren.find((a) => a.type !== 'keyword_argument' && a.type !== 'comment');
    const method = asClient(this.sym(target ?? null, depth));
    if (!method) return undefined;
    const kwargs = this.argsObj(argList);
    const bound = method.bound ? { ...kwargs, props: new Map([...method.bound.props, ...kwargs.props]), open: [...method.bound.open, ...kwargs.open] } : kwargs;
    return { ...method, bound };
  }

  /** A call to a function of this file: what its return statements give. */
  private symOfCallee(fn: Node, depth: number): Sym | undefined {
    let bindings: Binding[] | undefined;
    if (fn.type === 'identifier') bindings = this.lookup(fn.text, fn)?.bindings;
    else if (fn.type === 'attribute') {
      const obj = fn.childForFieldName('object');
      const attr = fn.childForFieldName('attribute')?.text ?? '';
      if (obj) bindings = this.selfAttr(obj, attr);
    }
    for (const b of bindings ?? []) {
      // `from app.clients import get_client`: a factory function of another module.
      if (b.kind === 'from') {
        const returned = this.ctx?.exportOf(b.module, b.name)?.returns;
        if (returned) return returned;
      }
      if (b.kind !== 'def') continue;
      for (const r of returnsOf(b.node)) {
        const s = this.sym(r, depth);
        if (s) return s;
      }
    }
    return undefined;
  }

  private symOfBindings(bindings: Binding[], depth: number): Sym | undefined {
    for (const b of bindings) {
      let s: Sym | undefined;
      switch (b.kind) {
        case 'import':
          s = pythonModule(b.module);
          break;
        case 'from':
          // `from google import genai` imports a package module; `from openai import OpenAI` a class.
          s = pythonModule(`${b.module}.${b.name}`, true) ?? member(pythonModule(b.module), b.name);
          // `from app.llm import client`: a client made in another module of the workspace.
          if (!s && !pythonModule(b.module)) s = this.ctx?.exportOf(b.module, b.name)?.sym;
          break;
        case 'value':
          s = this.sym(b.node, depth);
          break;
        case 'param':
          // `client: OpenAI` or `client: Optional[OpenAI] = None`: an instance of the annotated class.
          s = construct(this.symOfType(b.type, depth)) ?? (b.default ? this.sym(b.default, depth) : undefined);
          // `def ask(client, ...)` with no annotation: what this file's callers pass (`ask(bedrock, ...)`).
          s ??= this.symFromCallers(b, depth);
          break;
        case 'def':
          // `@property def client(self): return self._client`
          if (b.node.parent?.type === 'decorated_definition' && /@(functools\.)?(cached_)?property\b/.test(b.node.parent.text)) {
            for (const r of returnsOf(b.node)) {
              s = this.sym(r, depth);
              if (s) break;
            }
          }
          break;
      }
      if (s) return s;
    }
    return undefined;
  }

  private symOfType(type: Node | null, depth: number): Sym | undefined {
    if (!type) return undefined;
    if (type.type === 'type') return this.symOfType(type.namedChildren[0] ?? null, depth);
    if (type.type === 'identifier' || type.type === 'attribute') return this.sym(type, depth);
    if (type.type === 'string') return undefined;
    // Optional[OpenAI], OpenAI | None, "OpenAI" | None
    for (const c of type.namedChildren) {
      const s = this.symOfType(c, depth);
      if (s?.kind === 'class') return s;
    }
    return undefined;
  }

  // ---- pass 3: evaluate arguments ----

  private toRawCall(node: Node, loop: string | null): RawCall | undefined {
    const fn = node.childForFieldName('function')!;
    const argList = node.childForFieldName('arguments');
    if (fn.text === 'prompty.execute') return argList?.type === 'argument_list' ? this.promptyExecute(node, fn, argList, loop) : undefined;
    const deferredAt = fn.type === 'attribute' ? DEFERRED.get(fn.childForFieldName('attribute')?.text ?? '') : fn.type === 'identifier' ? DEFERRED.get(fn.text) : undefined;
    if (deferredAt !== undefined) return argList?.type === 'argument_list' ? this.deferredCall(node, argList, deferredAt, loop) : undefined;
    const method = fn.type === 'identifier' ? fn : fn.childForFieldName('attribute')!;
    // A bare function resolves to the operation itself (`from litellm import completion`), or
    // to a method bound with `functools.partial`.
    const receiver = asClient(fn.type === 'identifier' ? this.sym(fn) : this.sym(fn.childForFieldName('object')));
    if (!receiver) return undefined;
    const path = (fn.type === 'identifier' ? [...receiver.path] : [...receiver.path, method.text]).filter((p) => !receiver.sdk.deriveProperties.includes(p));
    const op = findOperation(receiver.sdk, path, 'python');
    if (!op) return undefined;
    const args: ObjVal = argList?.type === 'argument_list' ? this.argsObj(argList, op.positional) : emptyObj(spanOf(node));
    return this.rawCall(node, method, receiver, op.path, args, loop);
  }

  /**
   * `prompty.execute("support.prompty", inputs={...})`: the call the prompt file describes, priced
   * here with the inputs filling its variables. The fix belongs to the file itself, not this line.
   */
  private promptyExecute(node: Node, fn: Node, argList: Node, loop: string | null): RawCall | undefined {
    const first = argList.namedChildren.find((a) => a.type !== 'keyword_argument' && a.type !== 'comment');
    const ref = first ? this.pathOf(first, 0) : undefined;
    if (!ref) return undefined;
    const nameNode = fn.childForFieldName('attribute') ?? fn;
    return promptFileRun(this.ctx, ref, { span: spanOf(node), nameSpan: spanOf(nameNode), loop }, this.argsObj(argList).props.get('inputs'));
  }

  /** `await asyncio.to_thread(client.messages.create, model=..., ...)`: the referenced method, called with the rest. */
  private deferredCall(node: Node, argList: Node, at: number, loop: string | null): RawCall | undefined {
    const positional = argList.namedChildren.filter((a) => a.type !== 'keyword_argument' && a.type !== 'dictionary_splat' && a.type !== 'comment');
    const target = positional[at];
    if (!target) return undefined;
    const receiver = asClient(this.sym(target));
    if (!receiver) return undefined;
    const op = findOperation(receiver.sdk, receiver.path.filter((p) => !receiver.sdk.deriveProperties.includes(p)), 'python');
    if (!op) return undefined;
    const rest = positional.slice(at + 1).map((a) => this.val(a));
    const args = bindPositional(op.positional, rest, this.argsObj(argList));
    const nameNode = target.type === 'attribute' ? target.childForFieldName('attribute')! : target;
    return this.rawCall(node, nameNode, receiver, op.path, args, loop);
  }

  private rawCall(node: Node, method: Node, receiver: Extract<Sym, { kind: 'client' }>, operation: string, args: ObjVal, loop: string | null): RawCall {
    return {
      flavor: 'python',
      sdkId: receiver.sdk.id,
      operation,
      clientClass: receiver.cls ?? null,
      endpoint: receiver.endpoint ?? null,
      span: spanOf(node),
      nameSpan: spanOf(method),
      args,
      bound: receiver.bound ?? null,
      piped: receiver.piped ?? null,
      ...(receiver.template ? { template: receiver.template } : {}),
      loop,
      ...(loop ? { iterations: this.iterations(node) } : {}),
      edits: this.edits,
    };
  }

  /**
   * How many times the loops around `node` (up to its function) run it, when each has a static
   * bound: `for` over `range(...)` with constant arguments or over a list, tuple or dict known
   * statically (a constant, `enumerate`/`reversed`/`sorted` of one), comprehensions likewise. A
   * `while` loop or any other iterable gives null. A comprehension's `if` filters: the count is then
   * an upper bound, which is what a cost multiplier needs.
   */
  private iterations(node: Node): number | null {
    let n = 1;
    for (let child = node, p = node.parent; p; child = p, p = p.parent) {
      if (p.type === 'function_definition' || p.type === 'lambda' || p.type === 'class_definition') break;
      if (p.type === 'while_statement') return null;
      if (p.type === 'for_statement') {
        const right = p.childForFieldName('right');
        if (child.id === right?.id || child.type === 'else_clause') continue; // evaluated once
        const k = this.staticLength(right);
        if (k === null) return null;
        n *= k;
      } else if (['list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression'].includes(p.type)) {
        const clauses = p.namedChildren.filter((c) => c.type === 'for_in_clause');
        // The body runs once per combination of every clause; a clause's own iterable runs once
        // per combination of the clauses before it (the first one's, once).
        const at = clauses.findIndex((c) => c.id === child.id);
        for (const c of at >= 0 ? clauses.slice(0, at) : clauses) {
          const k = this.staticLength(c.childForFieldName('right'));
          if (k === null) return null;
          n *= k;
        }
      }
    }
    return n;
  }

  /** The number of items a static iterable has, or null. */
  private staticLength(node: Node | null, depth = 0): number | null {
    if (!node || depth > 3) return null;
    if (node.type === 'parenthesized_expression') return this.staticLength(node.namedChildren[0] ?? null, depth + 1);
    if (node.type === 'call') {
      const fn = node.childForFieldName('function')?.text;
      const args = (node.childForFieldName('arguments')?.namedChildren ?? []).filter((a) => a.type !== 'comment');
      if (fn === 'range' && args.length >= 1 && args.length <= 3) {
        const nums = args.map((a) => this.val(a)).map((v) => (v.kind === 'num' && Number.isInteger(v.value) ? v.value : null));
        if (nums.some((x) => x === null)) return null;
        const [start, stop, step] = nums.length === 1 ? [0, nums[0]!, 1] : [nums[0]!, nums[1]!, nums[2] ?? 1];
        if (step === 0) return null;
        return Math.max(0, Math.ceil((stop - start) / step));
      }
      if ((fn === 'enumerate' || fn === 'reversed' || fn === 'sorted' || fn === 'list' || fn === 'tuple') && args.length >= 1) return this.staticLength(args[0], depth + 1);
      return null;
    }
    // A literal, or a name bound to one that nothing in the file changes (`append`, `+=`, `x[k] = ...`).
    // An attribute (`self.items = []`, filled elsewhere) or a parameter is never counted.
    const literal = ['list', 'tuple', 'dictionary', 'set'].includes(node.type);
    if (!literal && (node.type !== 'identifier' || this.changes().names.has(node.text))) return null;
    const v = this.val(node);
    if (v.kind === 'list' && v.open.length === 0) return v.items.length;
    if (v.kind === 'obj' && v.open.length === 0) return v.props.size;
    return null;
  }

  /** Keyword arguments, `**splats`, and positional arguments by the names the SDK gives them. */
  private argsObj(argList: Node, positional?: OperationSpec['positional']): ObjVal {
    const props = new Map<string, Val>();
    const open: string[] = [];
    const values: Val[] = [];
    for (const a of argList.namedChildren) {
      const type = a.type;
      if (type === 'list_splat') {
        if (positional?.length) open.push(a.text);
      } else if (type !== 'keyword_argument' && type !== 'dictionary_splat' && type !== 'comment') {
        if (positional?.length) values.push(this.val(a));
      } else if (type === 'keyword_argument') {
        const name = a.childForFieldName('name');
        const value = a.childForFieldName('value');
        if (name && value) props.set(name.text, this.val(value));
      } else if (type === 'dictionary_splat') {
        this.mergeSplat(a.namedChildren[0], props, open);
      }
    }
    const obj: ObjVal = { kind: 'obj', props, open, node: argList, span: spanOf(argList), text: argList.text };
    return bindPositional(positional, values, obj);
  }

  private mergeSplat(inner: Node | undefined, props: Map<string, Val>, open: string[]): void {
    if (!inner) return;
    const v = this.val(inner);
    if (v.kind === 'obj') {
      // As Python does in a dict (`{"max_tokens": 50, **PARAMS}`: PARAMS's wins); in a call a key given twice is an error anyway.
      for (const [k, pv] of v.props) props.set(k, pv);
      open.push(...v.open);
    } else open.push(inner.text);
  }

  private val(node: Node, depth = 0): Val {
    const span = spanOf(node);
    const unknown: Val = { kind: 'unknown', span, text: node.text };
    if (depth > MAX_DEPTH || this.resolving.has(node.id)) return unknown;
    this.resolving.add(node.id);
    try {
      return this.valInner(node, depth + 1) ?? unknown;
    } finally {
      this.resolving.delete(node.id);
    }
  }

  private valInner(node: Node, depth: number): Val | undefined {
    const span = spanOf(node);
    const text = node.text;
    switch (node.type) {
      case 'string':
        return { kind: 'str', parts: this.stringParts(node, depth), span, text };
      case 'concatenated_string':
        return concatStr(span, text, node.namedChildren.map((c) => this.val(c, depth)));
      case 'integer':
      case 'float': {
        const n = Number(text.replace(/_/g, ''));
        return Number.isFinite(n) ? { kind: 'num', value: n, span, text } : undefined;
      }
      case 'true':
      case 'false':
        return { kind: 'bool', value: node.type === 'true', span, text };
      case 'none':
        return { kind: 'null', span, text };
      case 'parenthesized_expression':
        return node.namedChildren.length === 1 ? this.val(node.namedChildren[0], depth) : undefined;
      case 'unary_operator': {
        const v = this.val(node.namedChildren[0], depth);
        return v.kind === 'num' && text.startsWith('-') ? { kind: 'num', value: -v.value, span, text } : undefined;
      }
      case 'binary_operator': {
        const l = this.val(node.childForFieldName('left')!, depth);
        const r = this.val(node.childForFieldName('right')!, depth);
        const op = node.childForFieldName('operator')?.text ?? '';
        if (l.kind === 'num' && r.kind === 'num') {
          const n = arith(op, l.value, r.value);
          return n === undefined ? undefined : { kind: 'num', value: n, span, text };
        }
        if (op === '+' && (l.kind === 'str' || r.kind === 'str')) return concatStr(span, text, [l, r]);
        // "=" * 40: a repeated string (at most 2M characters, so a huge count cannot blow up memory)
        if (op === '*' && l.kind === 'str' && r.kind === 'num' && Number.isInteger(r.value) && r.value >= 0 && l.parts.every((p) => 'text' in p) && r.value * staticString(l)!.length <= 2_000_000) {
          return { kind: 'str', parts: [{ text: staticString(l)!.repeat(r.value) }], span, text };
        }
        // RULES + [extra]
        if (op === '+' && l.kind === 'list' && r.kind === 'list') return { kind: 'list', items: [...l.items, ...r.items], open: [...l.open, ...r.open], span, text };
        // "Summarize %s for %(user)s" % args
        if (op === '%' && l.kind === 'str') return pyPercent(l, r, span, text);
        return undefined;
      }
      case 'list':
      case 'tuple': {
        const items: Val[] = [];
        const open: string[] = [];
        for (const c of node.namedChildren) {
          if (c.type === 'list_splat') {
            const inner = this.val(c.namedChildren[0], depth);
            if (inner.kind === 'list') {
              items.push(...inner.items);
              open.push(...inner.open);
            } else open.push(c.namedChildren[0]?.text ?? c.text);
          } else items.push(this.val(c, depth));
        }
        return { kind: 'list', items, open, span, text };
      }
      case 'dictionary': {
        const props = new Map<string, Val>();
        const open: string[] = [];
        for (const c of node.namedChildren) {
          if (c.type === 'pair') {
            const key = this.val(c.childForFieldName('key')!, depth);
            const value = c.childForFieldName('value');
            if (key.kind === 'str' && key.parts.every((p) => 'text' in p) && value) {
              props.set(key.parts.map((p) => ('text' in p ? p.text : '')).join(''), this.val(value, depth));
            }
          } else if (c.type === 'dictionary_splat') this.mergeSplat(c.namedChildren[0], props, open);
        }
        return { kind: 'obj', props, open, node, span, text };
      }
      case 'identifier': {
        const found = this.lookup(text, node);
        const values = found?.bindings.filter((b) => b.kind === 'value') ?? [];
        // A constant: exactly one assignment (a name assigned twice is not a constant).
        if (found && values.length === 1 && found.bindings.length === 1) {
          const valueNode = (values[0] as { node: Node }).node;
          const v = this.val(valueNode, depth);
          if ((v.kind === 'list' || v.kind === 'obj') && this.isMutated(found.bindings)) {
            const grown = v.kind === 'list' ? this.grown(v, found.bindings, valueNode, node, depth) : undefined;
            return grown ?? ({ ...v, open: [...v.open, text], span, text } as Val);
          }
          const left = valueNode.parent?.type === 'assignment' ? valueNode.parent.childForFieldName('left') : null;
          return { ...withOrigin(v, text, spanOf(left?.type === 'identifier' ? left : valueNode)), span, text } as Val;
        }
        // Module code runs top to bottom: at a top-level use, a name assigned by several top-level
        // statements (a notebook's MODEL_ID set again in a later cell) has its latest value before the use.
        const assigned = values as { node: Node; topLevel?: boolean }[];
        if (found?.scope.kind === 'module' && assigned.length > 1 && assigned.length === found.bindings.length && this.scopeOf(node).kind === 'module' && assigned.every((b) => b.topLevel)) {
          const before = assigned.filter((b) => b.node.endIndex <= node.startIndex);
          if (before.length > 0) {
            const latest = before.reduce((a, b) => (b.node.startIndex > a.node.startIndex ? b : a));
            const v = this.val(latest.node, depth);
            if (v.kind !== 'unknown') return { ...v, span, text } as Val;
          }
        }
        // `from app.settings import MODEL`: a constant of another module.
        const imported = found?.bindings.length === 1 && found.bindings[0].kind === 'from' ? found.bindings[0] : undefined;
        if (imported?.kind === 'from') {
          const v = this.ctx?.exportOf(imported.module, imported.name)?.val;
          if (v && v.kind !== 'obj') return { ...v, span, text } as Val;
          if (v) return v;
        }
        const param = found?.bindings.find((b) => b.kind === 'param');
        if (param && param.kind === 'param' && param.default) {
          const d = this.val(param.default, depth);
          if (d.kind !== 'unknown' && d.kind !== 'null') return { kind: 'unknown', span, text, default: d };
        }
        if (param?.kind === 'param' && !param.default && found!.bindings.length === 1) return this.valFromCallers(param, span, text, depth);
        return undefined;
      }
      case 'attribute': {
        const obj = node.childForFieldName('object');
        const attr = node.childForFieldName('attribute')?.text ?? '';
        if (attr === 'id' && obj) {
          const upload = this.uploadedFile(obj, depth);
          if (upload) return uploadedFileVal(this.ctx, upload, span, text);
        }
        const self = obj ? this.selfAttr(obj, attr) : undefined;
        const values = self?.filter((b) => b.kind === 'value') ?? [];
        if (self && values.length === 1 && self.length === 1) {
          const v = this.val((values[0] as { node: Node }).node, depth);
          return { ...v, span, text } as Val;
        }
        return undefined;
      }
      case 'call':
        return this.callVal(node, depth);
      default:
        return undefined;
    }
  }

  private callVal(node: Node, depth: number): Val | undefined {
    const span = spanOf(node);
    const text = node.text;
    const fn = node.childForFieldName('function');
    const args = node.childForFieldName('arguments');
    if (!fn || args?.type !== 'argument_list') return undefined;
    const positional = args.namedChildren.filter((a) => a.type !== 'keyword_argument' && a.type !== 'comment');
    const strOp =
      this.stringCall(fn, args, positional, span, text, depth) ??
      this.fileRead(fn, span, text, depth) ??
      this.imageData(fn, positional, span, text, depth) ??
      this.templateCall(fn, args, positional, span, text, depth) ??
      this.genkitCall(fn, args, span, text);
    if (strOp) return strOp;
    // Gemini: `types.Part.from_bytes(data=open(p, "rb").read(), mime_type="image/png")`, an inline image.
    if (fn.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'from_bytes' && /Part$/.test(fn.childForFieldName('object')?.text ?? '')) {
      const dataArg = args.namedChildren.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'data')?.childForFieldName('value') ?? positional[0];
      const ref = dataArg ? this.bytesFileOf(dataArg, depth) : undefined;
      const data: Val = ref ? imageDataVal(this.ctx, ref, span, text) : { kind: 'unknown', span, text };
      const inline: Val = { kind: 'obj', props: new Map([['data', data]]), open: [], node: null, span, text };
      return { kind: 'obj', props: new Map([['inline_data', inline]]), open: [], node: null, span, text };
    }
    // dict(model=..., max_tokens=...), and SDK option classes read the same way:
    // types.GenerateContentConfig(max_output_tokens=...). Their node stays the argument list, so fixes edit it.
    const ctor = fn.type === 'identifier' ? fn.text : fn.type === 'attribute' ? (fn.childForFieldName('attribute')?.text ?? '') : '';
    if ((ctor === 'dict' || OPTION_CLASSES.has(ctor)) && positional.every((a) => a.type === 'dictionary_splat')) {
      return { ...this.argsObj(args), span, text };
    }
    // LangChain messages: SystemMessage(content="..."), HumanMessage("...").
    if (MESSAGE_CLASSES.has(ctor)) {
      const content = args.namedChildren.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'content')?.childForFieldName('value') ?? positional[0];
      const props = new Map<string, Val>();
      if (content) props.set('content', this.val(content, depth));
      return { kind: 'obj', props, open: [], node: null, span, text };
    }
    // json.dumps({...}): the request body Bedrock's InvokeModel sends, read as the object it encodes.
    if (fn.text === 'json.dumps' && positional.length >= 1) {
      const v = this.val(positional[0], depth);
      return v.kind === 'obj' ? v : undefined;
    }
    // os.getenv("MODEL", "gpt-4o"), os.environ.get("MODEL", "gpt-4o"): unknown, with the default it falls back to.
    if (/^(os\.getenv|getenv|os\.environ\.get|environ\.get)$/.test(fn.text) && positional.length >= 2) {
      const d = this.val(positional[1], depth);
      if (d.kind !== 'unknown') return { kind: 'unknown', span, text, default: d };
    }
    // A function or method of this file with one return: its value (`params = self._prepare_params()`).
    let bindings: Binding[] | undefined;
    if (fn.type === 'identifier') bindings = this.lookup(fn.text, fn)?.bindings;
    else if (fn.type === 'attribute') {
      const obj = fn.childForFieldName('object');
      bindings = obj ? this.selfAttr(obj, fn.childForFieldName('attribute')?.text ?? '') : undefined;
    }
    const def = bindings?.find((b) => b.kind === 'def');
    if (def?.kind === 'def') {
      const rv = returnedValue(returnsOf(def.node).map((r) => this.val(r, depth)), span, text);
      return rv ? withArguments(this.ctx, rv, this.argumentsOf(def.node, args, fn.type === 'attribute', depth)) : undefined;
    }
    // A function imported from another workspace module.
    const imported = bindings?.length === 1 && bindings[0].kind === 'from' ? bindings[0] : undefined;
    const v = imported?.kind === 'from' ? this.ctx?.exportOf(imported.module, imported.name)?.returnsVal : undefined;
    return v ? ({ ...v, span, text } as Val) : undefined;
  }

  /**
   * A prompt read from a file at run time: `open("prompts/x.md").read()`, `f.read()` in
   * `with open(...) as f`, `Path(__file__).parent / "x.md"` then `.read_text()`. The host reads it,
   * within the workspace only; otherwise the prompt is a hole saying why.
   */
  private fileRead(fn: Node, span: Span, text: string, depth: number): Val | undefined {
    if (fn.type !== 'attribute') return undefined;
    const method = fn.childForFieldName('attribute')?.text;
    let obj = fn.childForFieldName('object');
    if (method !== 'read' && method !== 'read_text') return undefined;
    if (method === 'read' && obj?.type === 'identifier') {
      const b = this.lookup(obj.text, obj)?.bindings;
      obj = b?.length === 1 && b[0].kind === 'value' ? b[0].node : null;
    }
    let ref: PromptFileRef | undefined;
    if (method === 'read') {
      const call = obj?.type === 'call' ? obj : null;
      const callee = call?.childForFieldName('function')?.text;
      const arg = call?.childForFieldName('arguments')?.namedChildren.find((a) => a.type !== 'keyword_argument' && a.type !== 'comment');
      if ((callee === 'open' || callee === 'io.open' || callee === 'codecs.open') && arg && !this.binaryOpen(call!)) ref = this.pathOf(arg, depth);
    } else if (obj) ref = this.pathOf(obj, depth);
    if (!ref) return undefined;
    return promptFileVal(this.ctx, ref, span, text);
  }

  /** A call's arguments by the parameter names of the function it calls (positional, then keywords). */
  private argumentsOf(def: Node, args: Node, isMethodCall: boolean, depth: number): Map<string, Val> {
    const params = (def.childForFieldName('parameters')?.namedChildren ?? []).filter((p) => POSITIONAL_PARAMS.has(p.type));
    const names = params.map(paramName).slice(isMethodCall && def.parent?.parent?.type === 'class_definition' ? 1 : 0);
    const out = new Map<string, Val>();
    let i = 0;
    for (const a of args.namedChildren) {
      if (a.type === 'comment' || a.type === 'list_splat' || a.type === 'dictionary_splat') continue;
      if (a.type === 'keyword_argument') {
        const k = a.childForFieldName('name')?.text;
        const v = a.childForFieldName('value');
        if (k && v) out.set(k, this.val(v, depth));
      } else {
        const name = names[i++];
        if (name) out.set(name, this.val(a, depth));
      }
    }
    // Parameters left to their defaults (`style="plain"`).
    for (const p of def.childForFieldName('parameters')?.namedChildren ?? []) {
      const name = paramName(p);
      const d = p.childForFieldName('value');
      if (name && d && !out.has(name)) out.set(name, this.val(d, depth));
    }
    return out;
  }

  /** `open(p, "rb")`: bytes, not text. */
  private binaryOpen(call: Node): boolean {
    const args = call.childForFieldName('arguments')?.namedChildren ?? [];
    const kw = args.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'mode')?.childForFieldName('value');
    const mode = kw ?? args.filter((a) => a.type !== 'keyword_argument' && a.type !== 'comment')[1];
    return mode ? (staticString(this.val(mode)) ?? '').includes('b') : false;
  }

  /**
   * An image file's bytes as request data: `base64.b64encode(open(p, "rb").read()).decode()`,
   * `base64.b64encode(Path(p).read_bytes())`, and the bytes themselves (`Part.from_bytes(data=...)`).
   */
  private imageData(fn: Node, positional: Node[], span: Span, text: string, depth: number): Val | undefined {
    const name = fn.text;
    if (fn.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'decode') {
      const obj = fn.childForFieldName('object');
      const inner = obj?.type === 'call' ? this.val(obj, depth) : undefined;
      return inner?.kind === 'str' && inner.parts.some((p) => 'image' in p && p.image) ? { ...inner, span, text } : undefined;
    }
    if (!/^(base64\.)?(b64encode|standard_b64encode)$/.test(name) || !positional[0]) return undefined;
    const ref = this.bytesFileOf(positional[0], depth);
    return ref ? imageDataVal(this.ctx, ref, span, text) : undefined;
  }

  /**
   * `client.files.create(file=open("batch.jsonl", "rb"), purpose="batch")` on an SDK client
   * (directly or through a name): the file it uploads.
   */
  private uploadedFile(node: Node, depth: number): PromptFileRef | undefined {
    if (depth > MAX_DEPTH) return undefined;
    if (node.type === 'identifier') {
      const b = this.lookup(node.text, node)?.bindings;
      return b?.length === 1 && b[0].kind === 'value' ? this.uploadedFile(b[0].node, depth + 1) : undefined;
    }
    if (node.type === 'await') return node.namedChildren[0] ? this.uploadedFile(node.namedChildren[0], depth + 1) : undefined;
    if (node.type !== 'call') return undefined;
    const fn = node.childForFieldName('function');
    if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'create') return undefined;
    const files = asClient(this.sym(fn.childForFieldName('object')));
    if (!files || files.path.join('.') !== 'files') return undefined;
    const fileArg = node.childForFieldName('arguments')?.namedChildren.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'file')?.childForFieldName('value');
    if (!fileArg) return undefined;
    // `open(p, "rb")`, `Path(p)`, or `Path(p).open("rb")`.
    if (fileArg.type === 'call') {
      const callee = fileArg.childForFieldName('function');
      const first = fileArg.childForFieldName('arguments')?.namedChildren.find((a) => a.type !== 'keyword_argument' && a.type !== 'comment');
      if ((callee?.text === 'open' || callee?.text === 'io.open') && first) return this.pathOf(first, depth + 1);
      if (callee?.type === 'attribute' && callee.childForFieldName('attribute')?.text === 'open') return this.pathOf(callee.childForFieldName('object')!, depth + 1);
    }
    return this.pathOf(fileArg, depth + 1);
  }

  /** The file whose bytes an expression is: `open(p, "rb").read()`, `Path(p).read_bytes()`, or a name bound to one. */
  private bytesFileOf(node: Node, depth: number): PromptFileRef | undefined {
    if (depth > MAX_DEPTH) return undefined;
    if (node.type === 'identifier') {
      const b = this.lookup(node.text, node)?.bindings;
      return b?.length === 1 && b[0].kind === 'value' ? this.bytesFileOf(b[0].node, depth + 1) : undefined;
    }
    if (node.type !== 'call') return undefined;
    const fn = node.childForFieldName('function');
    if (fn?.type !== 'attribute') return undefined;
    const method = fn.childForFieldName('attribute')?.text;
    let obj = fn.childForFieldName('object');
    if (method === 'read_bytes' && obj) return this.pathOf(obj, depth + 1);
    if (method !== 'read') return undefined;
    if (obj?.type === 'identifier') {
      // `with open(p, "rb") as f: data = f.read()`
      const b = this.lookup(obj.text, obj)?.bindings;
      obj = b?.length === 1 && b[0].kind === 'value' ? b[0].node : null;
    }
    const callee = obj?.type === 'call' ? obj.childForFieldName('function')?.text : undefined;
    const arg = obj?.childForFieldName('arguments')?.namedChildren.find((a) => a.type !== 'keyword_argument' && a.type !== 'comment');
    return (callee === 'open' || callee === 'io.open') && arg && this.binaryOpen(obj!) ? this.pathOf(arg, depth + 1) : undefined;
  }

  /** A filesystem path expression: literals, `Path(...)`, `/`, `.parent`, `__file__`, `os.path.join/dirname`. */
  private pathOf(node: Node, depth: number): PromptFileRef | undefined {
    if (depth > MAX_DEPTH) return undefined;
    switch (node.type) {
      case 'identifier': {
        if (node.text === '__file__') return { path: FILE_MARK, base: 'file' };
        const b = this.lookup(node.text, node)?.bindings;
        if (b?.length === 1 && b[0].kind === 'value') return this.pathOf(b[0].node, depth + 1);
        // A parameter without a default: the path its callers pass (see `withArguments`).
        if (b?.length === 1 && b[0].kind === 'param' && !b[0].default) return { path: '', base: 'root', param: node.text };
        const v = this.val(node, depth);
        const s = staticString(v);
        return s !== undefined ? { path: s, base: 'root' } : undefined;
      }
      case 'string':
      case 'concatenated_string': {
        const s = staticString(this.val(node, depth));
        return s !== undefined ? { path: s, base: 'root' } : undefined;
      }
      case 'parenthesized_expression':
        return node.namedChildren[0] ? this.pathOf(node.namedChildren[0], depth + 1) : undefined;
      case 'attribute': {
        const obj = node.childForFieldName('object');
        const attr = node.childForFieldName('attribute')?.text;
        const base = obj ? this.pathOf(obj, depth + 1) : undefined;
        return base && attr === 'parent' ? parentOf(base) : undefined;
      }
      case 'binary_operator': {
        if (node.childForFieldName('operator')?.text !== '/') return undefined;
        const l = this.pathOf(node.childForFieldName('left')!, depth + 1);
        const r = staticString(this.val(node.childForFieldName('right')!, depth));
        return l && r !== undefined ? joinRef(l, [r]) : undefined;
      }
      case 'call': {
        const fn = node.childForFieldName('function');
        const args = (node.childForFieldName('arguments')?.namedChildren ?? []).filter((a) => a.type !== 'keyword_argument' && a.type !== 'comment');
        const name = fn?.text ?? '';
        if (/^(pathlib\.)?(Pure)?Path$/.test(name)) {
          if (!args.length) return { path: '', base: 'root' };
          const first = this.pathOf(args[0], depth + 1);
          const rest = args.slice(1).map((a) => staticString(this.val(a, depth)));
          return first && rest.every((x) => x !== undefined) ? joinRef(first, rest as string[]) : undefined;
        }
        // `prompty.load("x.prompty")`: the prompt object names its file.
        if (name === 'prompty.load' && args[0]) return this.pathOf(args[0], depth + 1);
        if (name === 'os.path.join') {
          const first = args[0] ? this.pathOf(args[0], depth + 1) : undefined;
          const rest = args.slice(1).map((a) => staticString(this.val(a, depth)));
          return first && rest.every((x) => x !== undefined) ? joinRef(first, rest as string[]) : undefined;
        }
        if (name === 'os.path.dirname' && args[0]) {
          const p = this.pathOf(args[0], depth + 1);
          return p ? parentOf(p) : undefined;
        }
        if (/^os\.path\.(abspath|realpath|normpath)$/.test(name) && args[0]) return this.pathOf(args[0], depth + 1);
        // Path(...).resolve(), .absolute(), .joinpath("a", "b")
        if (fn?.type === 'attribute') {
          const m = fn.childForFieldName('attribute')?.text;
          const base = fn.childForFieldName('object');
          const p = base ? this.pathOf(base, depth + 1) : undefined;
          if (p && (m === 'resolve' || m === 'absolute' || m === 'expanduser')) return p;
          if (p && m === 'joinpath') {
            const rest = args.map((a) => staticString(this.val(a, depth)));
            return rest.every((x) => x !== undefined) ? joinRef(p, rest as string[]) : undefined;
          }
        }
        return undefined;
      }
      default:
        return undefined;
    }
  }

  /** `"...".format(...)`, `s.strip()`, `"\n".join(parts)`, `textwrap.dedent(s)`, `inspect.cleandoc(s)`. */
  private stringCall(fn: Node, args: Node, positional: Node[], span: Span, text: string, depth: number): Val | undefined {
    if (fn.type === 'attribute') {
      const obj = fn.childForFieldName('object');
      const method = fn.childForFieldName('attribute')?.text ?? '';
      if (!obj || !STRING_METHODS.has(method)) {
        if (!obj || !/^(textwrap\.dedent|inspect\.cleandoc)$/.test(fn.text)) return undefined;
      } else {
        const self = this.val(obj, depth);
        if (self.kind !== 'str') return undefined;
        switch (method) {
          case 'format': {
            const named = new Map<string, Val>();
            for (const a of args.namedChildren) {
              if (a.type === 'keyword_argument') named.set(a.childForFieldName('name')?.text ?? '', this.val(a.childForFieldName('value')!, depth));
              else if (a.type === 'dictionary_splat') {
                const d = this.val(a.namedChildren[0], depth);
                if (d.kind === 'obj') for (const [k, v] of d.props) named.set(k, v);
              }
            }
            return pyFormat(self, positional.filter((a) => a.type !== 'dictionary_splat' && a.type !== 'list_splat').map((a) => this.val(a, depth)), named, span, text);
          }
          case 'strip':
          case 'lstrip':
          case 'rstrip':
            if (positional.length) return undefined;
            return mapText(self, (s) => (method === 'strip' ? s.trim() : method === 'lstrip' ? s.trimStart() : s.trimEnd()), span, text);
          case 'join': {
            const items = positional[0] ? this.val(positional[0], depth) : undefined;
            if (items?.kind === 'list') return joinVals(self, items.items, items.open, span, text);
            return items ? { kind: 'str', parts: [{ hole: items.text }], span, text } : undefined;
          }
        }
        return undefined;
      }
    }
    // textwrap.dedent(s), dedent(s) from textwrap, inspect.cleandoc(s)
    const name = fn.type === 'attribute' ? (fn.childForFieldName('attribute')?.text ?? '') : fn.text;
    if (name !== 'dedent' && name !== 'cleandoc') return undefined;
    if (fn.type === 'identifier' && !this.lookup(name, fn)?.bindings.some((b) => b.kind === 'from' && (b.module === 'textwrap' || b.module === 'inspect'))) return undefined;
    const arg = positional[0] ? this.val(positional[0], depth) : undefined;
    return arg?.kind === 'str' ? mapText(arg, name === 'dedent' ? dedent : cleandoc, span, text) : undefined;
  }

  private stringParts(node: Node, depth: number): StrPart[] {
    const start = node.namedChildren.find((c) => c.type === 'string_start')?.text ?? '"';
    const prefix = start.replace(/["']/g, '');
    const raw = /r/i.test(prefix);
    const fstring = /f/i.test(prefix);
    const parts: StrPart[] = [];
    for (const c of node.namedChildren) {
      if (c.type === 'string_content') {
        // Escape sequences may be children of string_content; decode the whole content at once.
        const content = fstring ? c.text.replace(/\{\{/g, '{').replace(/\}\}/g, '}') : c.text;
        parts.push({ text: raw ? content : unescapePython(content) });
      } else if (c.type === 'escape_sequence') {
        parts.push({ text: raw ? c.text : unescapePython(c.text) });
      } else if (c.type === 'interpolation') {
        const expr = c.childForFieldName('expression') ?? c.namedChildren[0];
        const v = expr ? this.val(expr, depth) : undefined;
        if (v?.kind === 'str') parts.push(...v.parts);
        else if (v?.kind === 'num') parts.push({ text: String(v.value) });
        else parts.push({ hole: expr?.text ?? c.text });
      }
    }
    return mergeParts(parts);
  }

  // ---- fixes ----

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
        const b = id?.type === 'identifier' ? this.lookup(id.text, id)?.bindings : undefined;
        const dict = b?.length === 1 && b[0].kind === 'value' && b[0].node.type === 'dictionary' ? b[0].node : null;
        const edit = dict ? this.renameParam({ ...obj, node: dict }, name, newName) : null;
        if (edit) return edit;
      }
      return null;
    }
    if (node?.type === 'dictionary') {
      const key = node.namedChildren.find((c) => c.type === 'pair' && staticString(this.val(c.childForFieldName('key')!)) === name)?.childForFieldName('key');
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
    const quote = list.type === 'dictionary' ? (quoteIn(list.namedChildren.find((c) => c.type === 'pair')?.childForFieldName('key')?.text, PY_STRING_PREFIXES) ?? '"') : quoteIn(list.text, PY_STRING_PREFIXES);
    const written = this.writer.value(value, { target: {}, imports: new Set(), quote });
    if (written === null) return null;
    if (list.type === 'argument_list') return [insertInList(this.text, list, `${name}=${written}`, '(')];
    if (list.type === 'dictionary') return [insertInList(this.text, list, `${this.writer.string(name, quote)}: ${written}`, '{')];
    return null;
  }
}

function emptyObj(span: Span): ObjVal {
  return { kind: 'obj', props: new Map(), open: [], node: null, span, text: '' };
}

function paramName(p: Node): string | undefined {
  if (p.type === 'identifier') return p.text;
  if (p.type === 'typed_parameter') return p.namedChildren.find((c) => c.type === 'identifier')?.text;
  return p.childForFieldName('name')?.text;
}

/**
 * The loop a node runs in, as the first pass describes it (the outermost loop of its function):
 * for calls found after the pass (`ask(...)` where `ask = partial(...)`).
 */
function loopAt(node: Node): string | null {
  let loop: string | null = null;
  for (let child = node, n = node.parent; n; child = n, n = n.parent) {
    if (n.type === 'function_definition' || n.type === 'lambda' || n.type === 'class_definition') break;
    const line = `at line ${n.startPosition.row + 1}`;
    if (n.type === 'for_statement' && child.id !== n.childForFieldName('right')?.id) loop = `for loop ${line}`;
    else if (n.type === 'while_statement') loop = `while loop ${line}`;
    else if (/^(list|set|dictionary)_comprehension$|^generator_expression$/.test(n.type)) {
      const first = n.namedChildren.find((c) => c?.type === 'for_in_clause');
      if (!(first && child.id === first.id)) loop = `comprehension ${line}`;
    }
  }
  return loop;
}

/** Expressions returned by a function, not counting nested functions. */
function returnsOf(fn: Node): Node[] {
  const out: Node[] = [];
  if (fn.type === 'lambda') {
    const body = fn.childForFieldName('body');
    return body ? [body] : [];
  }
  const visit = (n: Node): void => {
    for (const c of n.namedChildren) {
      if (c.type === 'function_definition' || c.type === 'lambda' || c.type === 'class_definition') continue;
      if (c.type === 'return_statement' && c.namedChildren[0]) out.push(c.namedChildren[0]);
      else visit(c);
    }
  };
  const body = fn.childForFieldName('body');
  if (body) visit(body);
  return out;
}

const PY_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0', a: '\x07', b: '\b', f: '\f', v: '\v', '\n': '' };

function unescapePython(s: string): string {
  if (!s.includes('\\')) return s;
  return s.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|N\{[^}]*\}|.|\n)/g, (m, e: string) => {
    if (e[0] === 'x' || e[0] === 'u' || e[0] === 'U') {
      const cp = parseInt(e.slice(1), 16);
      return Number.isFinite(cp) && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
    }
    if (e[0] === 'N') return '?';
    return PY_ESCAPES[e] ?? m;
  });
}


/** The named functions and classes around `node`, outermost first, dotted (`ChatService.reply`). */
function scopeName(node: Node): string {
  const names: string[] = [];
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'function_definition' || p.type === 'class_definition') {
      const name = p.childForFieldName('name')?.text;
      if (name) names.unshift(name);
    }
  }
  return names.join('.');
}
