// The Python recognizer's first layer: scopes and bindings. One pass over the nodes that matter
// (asked for in one query, not a walk of every node) records module, function and class scopes,
// what each name is bound to (values, imports, parameters, definitions, classes), `self.x`
// attributes set anywhere in a class, the calls that may be SDK calls, and what code changes in
// place (`append`, `+=`, `d[k] = v`). Lookups answer from that record; values and clients are
// the next layers' (front.ts, values.ts).
import type { Node } from 'web-tree-sitter';
import { OPERATION_METHOD_NAMES } from '../../catalogue';
import { Regions } from '../regions';
import type { PythonFile } from './index';
import { paramName, POSITIONAL_PARAMS } from './syntax';

export type Binding =
  /** topLevel: assigned by a statement directly in the module (runs once, in order). */
  | { kind: 'value'; node: Node; topLevel?: boolean }
  | { kind: 'import'; module: string }
  | { kind: 'from'; module: string; name: string }
  /** fn/index/name: the function it belongs to and its place, for finding what callers pass. */
  | { kind: 'param'; type: Node | null; default: Node | null; fn?: Node; index?: number; name?: string; isMethod?: boolean }
  | { kind: 'def'; node: Node }
  | { kind: 'class'; node: Node }
  /** `client, model = get_client()`: the `index`th item of what `node` gives (a tuple, or a function of the file returning one). */
  | { kind: 'item'; node: Node; index: number }
  | { kind: 'opaque' };

export interface Scope {
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
  /** For a class scope: the class's name, which its methods may assign class attributes through (`Service.client = ...`). */
  name?: string;
}

/** Methods that add to a list or dict in place. */
const MUTATORS = new Set(['append', 'extend', 'insert', 'update', 'setdefault']);
/** Functions that run a method reference later: `asyncio.to_thread(fn, ...)` (index 0), `loop.run_in_executor(None, fn)` (index 1). */
export const DEFERRED: ReadonlyMap<string, number> = new Map([
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

/** A list grown in place: `append`, `extend`, `+=`. */
export type Growth = { target: Node; kind: 'append' | 'extend'; arg: Node; at: Node; loop: string | null };
type ChangeIndex = { count: Map<Binding[], number>; growth: Map<Binding[], Growth[]>; names: Set<string> };

/** The scopes and bindings of one Python file (see the file's header). */
export class PyBindings {
  private readonly scopes = new Map<number, Scope>();
  /** Where each scope's code is (see scopeOf). */
  private readonly regions = new Regions<Scope>();
  /** Where the module's top-level expression statements start. */
  private readonly topLevelStarts = new Set<number>();
  readonly candidates: { node: Node; loop: string | null }[] = [];
  /** Calls that may run a prompt file by name (Genkit), checked in files that mention genkit. */
  readonly promptRuns: { node: Node; loop: string | null }[] = [];
  /** Names assigned `functools.partial(...)`: calls of them may be SDK calls. */
  readonly partialNames = new Set<string>();
  /** Every call by the called name (`helper(...)`, `self.helper(...)`), recorded by the first pass. */
  private readonly callsByNameCache = new Map<string, Node[]>();
  private callsByNameSorted = false;
  /** `messages.append(...)`, `messages += [...]`, `kwargs["k"] = v`: lists and dicts changed after they are built are not constants. */
  private readonly mutations: Node[] = [];
  /** List growth this file does in place (`append`, `extend`, `+=`): followed when it is simple (see front.ts `changes`). */
  private readonly growth: Growth[] = [];
  private changeIndex: ChangeIndex | undefined;
  /** The names the file's `def`s give their functions. */
  readonly defNames = new Set<string>();

  constructor(private readonly cx: PythonFile) {}

  firstPass(): Scope {
    const moduleScope: Scope = { kind: 'module', parent: null, bindings: new Map() };
    this.scopes.set(this.cx.root.id, moduleScope);
    this.regions.add(this.cx.root.startIndex, this.cx.root.endIndex, moduleScope);
    // Top-level statements: an assignment directly in one runs once, in order.
    for (const statement of this.cx.root.namedChildren) if (statement.type === 'expression_statement') this.topLevelStarts.add(statement.startIndex);
    // The nodes the pass acts on, in one call into WebAssembly, in document order (a node before
    // what it contains). Each one's scope and loop come from the nodes around it (`frames`).
    const frames: Frame[] = [];
    for (const node of this.cx.root.descendantsOfType(PASS_TYPES)) {
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
        const cls: Scope = { kind: 'class', parent: scope, bindings: new Map(), attrs: new Map(), bases, name: name?.text };
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
        frames.push({
          kind: 'loop',
          end: node.endIndex,
          loop: `comprehension at line ${node.startPosition.row + 1}`,
          once: range(first?.childForFieldName('right') ?? null),
        });
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
        if (OPERATION_METHOD_NAMES.has(name) || DEFERRED.has(name) || (name === 'execute' && fn?.text === 'prompty.execute'))
          this.candidates.push({ node, loop });
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
          if ((method === 'append' || method === 'extend') && args.length === 1 && args[0].type !== 'keyword_argument')
            this.growth.push({ target, kind: method, arg: args[0], at: node, loop });
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
    if (name) {
      add(scope.bindings, name.text, { kind: 'def', node });
      this.defNames.add(name.text);
    }
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
      mode === 'value' && value
        ? { kind: 'value', node: value, topLevel }
        : mode === 'type' && value
          ? { kind: 'param', type: value, default: null }
          : { kind: 'opaque' };
    if (target.type === 'identifier') {
      add(scope.bindings, target.text, binding());
    } else if (target.type === 'attribute') {
      const obj = target.childForFieldName('object');
      const attr = target.childForFieldName('attribute');
      const fnScope = this.enclosingFunctionScope(scope);
      if (obj?.type === 'identifier' && attr && fnScope?.methodOf && obj.text === fnScope.selfName) {
        add(fnScope.methodOf.attrs!, attr.text, binding());
      } else if (obj?.type === 'identifier' && attr && fnScope?.methodOf && obj.text === fnScope.methodOf.name && !fnScope.bindings.has(obj.text)) {
        // `Service.client = Anthropic()` in a method (made once, shared by every instance): a class attribute, read as `self.client` or `Service.client`.
        add(fnScope.methodOf.bindings, attr.text, binding());
      }
    } else if (target.type === 'pattern_list' || target.type === 'tuple_pattern' || target.type === 'list_pattern') {
      const items = target.namedChildren;
      const starred = items.some((t) => t.type === 'list_splat_pattern');
      items.forEach((t, index) => {
        if (mode === 'value' && value && !starred && t.type === 'identifier') add(scope.bindings, t.text, { kind: 'item', node: value, index });
        else this.bindTarget(t, null, scope, 'opaque');
      });
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
  scopeOf(node: Node): Scope {
    return this.regions.innermost(node.startIndex, node.endIndex) ?? this.scopes.get(this.cx.root.id)!;
  }

  /**
   * What the file changes in place, by the bindings changed: how many changes, and the growth
   * steps among them (in order); and the names changed. Built once: asked for every list and
   * every loop's iterable, a scan of all changes each time made large files quadratic.
   */
  changes(): ChangeIndex {
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

  isMutated(bindings: Binding[]): boolean {
    return this.changes().count.has(bindings);
  }

  lookup(name: string, from: Node): { bindings: Binding[]; scope: Scope } | undefined {
    const start = this.scopeOf(from);
    for (let s: Scope | null = start; s; s = s.parent) {
      if (s.kind === 'class' && s !== start) continue; // class bodies do not enclose their methods
      const b = s.bindings.get(name);
      if (b) return { bindings: b, scope: s };
    }
    return undefined;
  }

  /** Whether `obj` is the self parameter of the method it is read in (`self`, or whatever the method names its first parameter). */
  isSelf(obj: Node): boolean {
    if (obj.type !== 'identifier') return false;
    for (let s: Scope | null = this.scopeOf(obj); s; s = s.parent) {
      if (s.kind !== 'function') continue;
      if (s.methodOf && s.selfName === obj.text) return true;
      if (s.bindings.has(obj.text)) return false;
    }
    return false;
  }

  /** Bindings of `self.name` when `obj` is the method's self parameter. */
  selfAttr(obj: Node, name: string): Binding[] | undefined {
    if (obj.type !== 'identifier') return undefined;
    for (let s: Scope | null = this.scopeOf(obj); s; s = s.parent) {
      if (s.kind !== 'function') continue;
      if (s.methodOf && s.selfName === obj.text) return this.classMember(s.methodOf, name, new Set());
      // `self` is only the first parameter of the innermost method that binds it.
      if (s.bindings.has(obj.text)) return undefined;
    }
    return undefined;
  }

  /** An attribute of instances of a class of this file (`Provider(...).llm`): its bindings there, or in same-file base classes. */
  instanceAttr(cls: Node, name: string): Binding[] {
    const scope = this.scopes.get(cls.id);
    return scope ? this.classMember(scope, name, new Set()) : [];
  }

  /** The values a class's body assigns to `name` (a class attribute, an enum member), read on the class itself. */
  classAttr(cls: Node, name: string): Node[] {
    const b = this.scopes.get(cls.id)?.bindings.get(name) ?? [];
    return b.flatMap((x) => (x.kind === 'value' ? [x.node] : []));
  }

  /** The names of a class's instance attributes (`self.x = ...` in its methods). */
  instanceAttrNames(cls: Node): string[] {
    const scope = this.scopes.get(cls.id);
    // `self.x = ...` in its methods, and values assigned in its body (a settings class's fields, class attributes).
    const fields = [...(scope?.bindings.entries() ?? [])].filter(([, b]) => b.some((x) => x.kind === 'value')).map(([n]) => n);
    return [...new Set([...(scope?.attrs?.keys() ?? []), ...fields])];
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

  /** Every call by the called name, in document order, as the first pass recorded them. */
  callsByName(): Map<string, Node[]> {
    if (!this.callsByNameSorted) {
      for (const list of this.callsByNameCache.values()) list.sort((a, b) => a.startIndex - b.startIndex);
      this.callsByNameSorted = true;
    }
    return this.callsByNameCache;
  }
}
