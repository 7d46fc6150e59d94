// Python's front-end on the intermediate model (model/ir.ts): its syntax lowered one node at a
// time, and its first pass (bindings.ts) answering the evaluator's questions about names
// (`Bindings`). Values are the shared evaluator's (model/evaluate.ts); what Python's runtime
// builds that the catalogue has no shape for yet (prompt files read through `open` and `pathlib`,
// LangChain templates, `json.dumps`, string methods) is `PyValues.runtimeValue` (values.ts).
import type { Node } from 'web-tree-sitter';
import type { Evaluator } from '../../model/evaluate';
import type { OperationSpec } from '../../catalogue';
import type { Arg, Bindings, Decl, Expr, ExprOf, InPlace, MapItem, Param, ParameterOf, Test } from '../../model/ir';
import { TreeSitterFrontEnd } from '../modelfile';
import { pythonModule } from '../symbols';
import { staticString, type ObjVal, type Val } from '../values';
import { DEFERRED, type Binding } from './bindings';
import { PyMembers } from './members';
import { pythonGuards } from './guards';
import type { PythonFile } from './index';
import { loopAt, named, paramName, returnsOf, typeNames, unescapePython } from './syntax';

/** Statements that run their body only sometimes: a change made inside one may not have been made. */
const CONDITIONALS = new Set([
  'if_statement',
  'elif_clause',
  'else_clause',
  'match_statement',
  'case_clause',
  'except_clause',
  'conditional_expression',
  'boolean_operator',
  'while_statement',
  'for_statement',
]);

/** Whether two bindings are the same import (`from m import X` twice): a name bound by both still names that import. */
function sameImport(a: Binding, b: Binding): boolean {
  if (a === b) return true;
  if (a.kind === 'from' && b.kind === 'from') return a.module === b.module && a.name === b.name;
  return a.kind === 'import' && b.kind === 'import' && a.module === b.module;
}

/** Parameter node types that can be passed by position or by name (not `*args`, `**kwargs`, the `*` and `/` markers). */
const NAMED_PARAMS = new Set(['identifier', 'typed_parameter', 'default_parameter', 'typed_default_parameter']);

/** How Python's syntax lowers to the model (node identity, spans, text and binary expressions as the other tree-sitter front-ends). */
export class PyFront extends TreeSitterFrontEnd {
  readonly flavor = 'python' as const;
  readonly concatOp = '+';
  readonly listConcatOp = '+';
  readonly repeatOp = '*';
  readonly staticSeparator = '.';
  readonly moduleSeparator = '.';
  readonly emptyIsFalse = true;

  constructor(private readonly cx: PythonFile) {
    super();
  }

  runtimeValue(e: Expr<Node>, _ev: Evaluator<Node>, depth: number): Val | undefined {
    return this.cx.values.runtimeValue(e.node, depth);
  }

  /** Keyword arguments and `**splats`, positional arguments by the names the SDK gives them. */
  params(argsNode: Node | null, positional?: OperationSpec['positional']): ObjVal | undefined {
    return argsNode?.type === 'argument_list' ? this.cx.values.argsObj(argsNode, positional) : undefined;
  }

  /**
   * A class of the file whose `__getattr__` imports a module and forwards to it (`FrontEnd.lazyModule`): that module.
   * The import may be in a method `__getattr__` calls on `self` (aider's `LazyLiteLLM._load_litellm`).
   */
  lazyModule(call: Node): string | undefined {
    const fn = call.type === 'call' ? call.childForFieldName('function') : null;
    if (fn?.type !== 'identifier') return undefined;
    const cls = this.cx.bindings.lookup(fn.text, fn)?.bindings.find((b) => b.kind === 'class')?.node;
    const methods = new Map(
      (cls?.childForFieldName('body')?.namedChildren ?? [])
        .map((c) => (c.type === 'decorated_definition' ? c.childForFieldName('definition') : c))
        .filter((c): c is Node => c?.type === 'function_definition')
        .map((c) => [c.childForFieldName('name')?.text ?? '', c]),
    );
    const getattr = methods.get('__getattr__');
    if (!getattr) return undefined;
    const loaders = getattr
      .descendantsOfType('call')
      .map((c) => c.childForFieldName('function'))
      .filter((f) => f?.type === 'attribute' && f.childForFieldName('object')?.text === 'self')
      .map((f) => methods.get(f!.childForFieldName('attribute')?.text ?? ''))
      .filter((m): m is Node => !!m && m.id !== getattr.id);
    // `import litellm` (or `importlib.import_module("litellm")`) inside it, and a `getattr(module, name)` it returns.
    // An SDK's module first: a loader may import others (`import sys`) on the way.
    const names: string[] = [];
    for (const imp of [getattr, ...loaders].flatMap((m) => m.descendantsOfType(['import_statement', 'call']))) {
      if (imp.type === 'import_statement') {
        const name = imp.namedChildren.find((c) => c.type === 'dotted_name')?.text;
        if (name) names.push(name);
      } else if (imp.childForFieldName('function')?.text === 'importlib.import_module') {
        const arg = imp.childForFieldName('arguments')?.namedChildren[0];
        const name = arg?.type === 'string' ? staticString(this.cx.values.val(arg)) : undefined;
        if (name) names.push(name);
      }
    }
    return names.find((n) => pythonModule(n)) ?? names[0];
  }

  /** The tests a return is reached under (`FrontEnd.guardsOf`, guards.ts). */
  guardsOf(ret: Node): Test<Node>[] {
    return pythonGuards(ret);
  }

  /** The body of `lambda: ...` (`FrontEnd.lambdaBody`). */
  lambdaBody(node: Node): Node | undefined {
    return node.type === 'lambda' && !node.childForFieldName('parameters') ? (node.childForFieldName('body') ?? undefined) : undefined;
  }

  /** `MODELS[tier]` (`FrontEnd.subscript`). */
  subscript(node: Node): { object: Node; key: Node } | undefined {
    const object = node.type === 'subscript' ? node.childForFieldName('value') : null;
    const key = node.type === 'subscript' ? node.childForFieldName('subscript') : null;
    return object && key && key.type !== 'slice' && node.namedChildren.length === 2 ? { object, key } : undefined;
  }

  /** `self` (or whatever a method names its first parameter) inside a method. */
  isSelf(node: Node): boolean {
    return this.cx.bindings.isSelf(node);
  }

  lower(node: Node): Expr<Node> {
    switch (node.type) {
      case 'string':
        return { node, k: 'str', parts: this.stringParts(node) };
      case 'concatenated_string':
        return { node, k: 'str', parts: named(node).map((c) => ({ expr: c })) };
      case 'integer':
      case 'float': {
        const n = Number(node.text.replace(/_/g, ''));
        return Number.isFinite(n) ? { node, k: 'num', value: n } : this.opaque(node);
      }
      case 'true':
      case 'false':
        return { node, k: 'bool', value: node.type === 'true' };
      case 'none':
        return { node, k: 'null' };
      case 'parenthesized_expression': {
        const inner = named(node);
        return inner.length === 1 ? { node, k: 'group', inner: inner[0] } : this.opaque(node);
      }
      case 'unary_operator': {
        const operand = node.childForFieldName('argument') ?? node.namedChildren[0];
        return operand
          ? { node, k: 'unary', op: node.text.startsWith('-') ? '-' : (node.childForFieldName('operator')?.text ?? ''), operand }
          : this.opaque(node);
      }
      // `os.getenv("MODEL") or "gpt-4o"`: the left's value, else the right's.
      case 'binary_operator':
      case 'boolean_operator':
        return this.binary(node);
      case 'conditional_expression': {
        const [then, , otherwise] = named(node);
        return { node, k: 'choice', options: [then, otherwise].filter((n) => !!n) };
      }
      // `await load_prompt()`: its value; what is not known is named as written here.
      case 'await': {
        const [inner] = named(node);
        return inner ? { node, k: 'group', inner, ownUnknown: true } : this.opaque(node);
      }
      case 'list':
      case 'tuple': {
        const items: Node[] = [];
        const spreads: Node[] = [];
        for (const c of named(node)) {
          if (c.type === 'list_splat') spreads.push(c.namedChildren[0] ?? c);
          else items.push(c);
        }
        return { node, k: 'list', items, spreads };
      }
      case 'dictionary': {
        const items: MapItem<Node>[] = [];
        for (const c of node.namedChildren) {
          if (c.type === 'pair') {
            const key = c.childForFieldName('key');
            const value = c.childForFieldName('value');
            if (key && value) items.push({ keyNode: key, value });
          } else if (c.type === 'dictionary_splat' && c.namedChildren[0]) items.push({ spread: c.namedChildren[0] });
        }
        return { node, k: 'map', items };
      }
      case 'identifier': {
        const b = this.cx.bindings.lookup(node.text, node)?.bindings;
        // One binding, or the same import made again (a notebook's later cell, `import functools` twice).
        const only = b?.length && b.every((x) => sameImport(x, b[0])) ? b[0] : undefined;
        // `from app.settings import MODEL`: a constant of another module; `import openai`: a module.
        if (only?.kind === 'from') return { node, k: 'imported', module: only.module, name: only.name };
        if (only?.kind === 'import') return { node, k: 'module', path: only.module };
        return { node, k: 'name', name: node.text, space: 'local' };
      }
      case 'attribute': {
        const obj = node.childForFieldName('object');
        const attr = node.childForFieldName('attribute');
        if (!obj || !attr) return this.opaque(node);
        // self.model: an attribute of the instance, set anywhere in its class (or a same-file base class).
        if (this.isSelf(obj)) return { node, k: 'name', name: attr.text, space: 'field' };
        return { node, k: 'member', object: obj, name: attr.text };
      }
      case 'call': {
        // `Agent[Context](...)`: a generic class, made like the class itself.
        const called = node.childForFieldName('function');
        const fn = called?.type === 'subscript' ? called.childForFieldName('value') : called;
        const args = node.childForFieldName('arguments');
        if (!fn || args?.type !== 'argument_list') return this.opaque(node);
        if (fn.type === 'identifier') return { node, k: 'call', object: null, name: fn.text, nameNode: fn, argsNode: args, block: false };
        const obj = fn.type === 'attribute' ? fn.childForFieldName('object') : null;
        const attr = fn.type === 'attribute' ? fn.childForFieldName('attribute') : null;
        return obj && attr ? { node, k: 'call', object: obj, name: attr.text, nameNode: attr, argsNode: args, block: false } : this.opaque(node);
      }
      default:
        return this.opaque(node);
    }
  }

  args(argList: Node): Arg<Node>[] {
    const out: Arg<Node>[] = [];
    for (const a of argList.namedChildren) {
      if (a.type === 'comment') continue;
      if (a.type === 'keyword_argument') {
        const name = a.childForFieldName('name');
        const value = a.childForFieldName('value');
        if (name && value) out.push({ kind: 'named', name: name.text, value });
      } else if (a.type === 'list_splat' || a.type === 'dictionary_splat') out.push({ kind: 'spread', value: a.namedChildren[0] ?? a });
      else out.push({ kind: 'pos', value: a });
    }
    return out;
  }

  /** A string literal's parts: text (escapes decoded unless raw; `{{` in an f-string is `{`), and the f-string's interpolated expressions. */
  private stringParts(node: Node): ExprOf<Node, 'str'>['parts'] {
    const start = node.namedChildren.find((c) => c.type === 'string_start')?.text ?? '"';
    const prefix = start.replace(/["']/g, '');
    const raw = /r/i.test(prefix);
    const fstring = /f/i.test(prefix);
    const parts: ExprOf<Node, 'str'>['parts'] = [];
    for (const c of node.namedChildren) {
      if (c.type === 'string_content') {
        // Escape sequences may be children of string_content; decode the whole content at once.
        const content = fstring ? c.text.replace(/\{\{/g, '{').replace(/\}\}/g, '}') : c.text;
        parts.push({ text: raw ? content : unescapePython(content) });
      } else if (c.type === 'escape_sequence') parts.push({ text: raw ? c.text : unescapePython(c.text) });
      else if (c.type === 'interpolation') {
        const expr = c.childForFieldName('expression') ?? c.namedChildren[0];
        parts.push(expr ? { expr } : { hole: c.text });
      }
    }
    return parts;
  }
}

/**
 * What Python's first pass (bindings.ts) answers the evaluator: a name is what its one
 * assignment in its scope holds (Python's scopes: a name assigned twice in a function has no one
 * value, wherever it is read), a module-level name reassigned by top-level statements has its
 * latest value before a top-level read, a parameter with a default is unknown with that default,
 * `self.x` is its one assignment in the class.
 */
export class PyModelBindings implements Bindings<Node> {
  constructor(private readonly cx: PythonFile) {
    this.members = new PyMembers(cx, this);
  }

  /** Reads of attributes and items of objects other than `self`, and of tuples (`members.ts`). */
  readonly members: PyMembers;

  memberDecls(node: Node): Decl<Node>[] {
    return this.members.memberDecls(node);
  }

  local(name: string, at: Node): ReturnType<Bindings<Node>['local']> {
    const found = this.cx.bindings.lookup(name, at);
    if (!found) return undefined;
    const all = found.bindings;
    // `client, model = get_client()`: the item of the tuple the function returns.
    if (all.length === 1 && all[0].kind === 'item') {
      const items = this.members.itemNodes(all[0]);
      return items.length === 1 ? { value: items[0], reassigned: false, decl: null } : undefined;
    }
    if (all.length === 1 && all[0].kind === 'value') {
      const value = all[0].node;
      const left = value.parent?.type === 'assignment' ? value.parent.childForFieldName('left') : null;
      return { value, reassigned: false, decl: left?.type === 'identifier' ? left : value, loop: loopAt(value), changes: this.changes(all, value, at) };
    }
    // Module code runs top to bottom: at a top-level read, a name assigned by several top-level
    // statements (a notebook's MODEL_ID set again in a later cell) has its latest value before the read.
    const assigned = all.filter((b): b is Extract<Binding, { kind: 'value' }> => b.kind === 'value');
    if (
      found.scope.kind === 'module' &&
      assigned.length > 1 &&
      assigned.length === all.length &&
      this.cx.bindings.scopeOf(at).kind === 'module' &&
      assigned.every((b) => b.topLevel)
    ) {
      const before = assigned.filter((b) => b.node.endIndex <= at.startIndex);
      if (before.length) {
        const latest = before.reduce((a, b) => (b.node.startIndex > a.node.startIndex ? b : a));
        return { value: latest.node, reassigned: false, decl: null };
      }
    }
    // A parameter with a default (`model="gpt-4o"`, even when the function may assign it again): what a caller passes, the default assumed.
    const param = all.find((b) => b.kind === 'param' && b.default);
    if (param?.kind === 'param' && param.default) return { value: param.default, reassigned: false, default: param.default };
    // A parameter without one: what the file's callers pass (`parameter`, `callerArgs`).
    if (all.length === 1) return undefined;
    return { value: at, reassigned: true };
  }

  /**
   * The changes made in place to a list or dict assigned once: its growth (`append`, `extend`,
   * `+=`) in order, when every change is such a step in the function (or module) of the list and
   * of the read, in the list's own loop; otherwise one unknown change (the value is open under its name).
   */
  private changes(bindings: Binding[], value: Node, use: Node): InPlace<Node>[] {
    const index = this.cx.bindings.changes();
    const count = index.count.get(bindings) ?? 0;
    if (!count) return [];
    const steps = index.growth.get(bindings) ?? [];
    const scope = this.cx.bindings.scopeOf(value);
    const useScope = this.cx.bindings.scopeOf(use);
    const loop = loopAt(value);
    // A module-level name read inside a function: the module's top-level code has run by the time it is called.
    const fromModule = scope.kind === 'module' && useScope.kind === 'function';
    const simple =
      steps.length === count &&
      scope.kind !== 'class' &&
      (useScope === scope || fromModule) &&
      steps.every((g) => g.loop === loop && this.cx.bindings.scopeOf(g.target) === scope);
    if (!simple) return [{ kind: 'other', at: value, loop: null, before: true }];
    return steps.map((g) => ({ kind: g.kind, arg: g.arg, at: g.at, loop: g.loop, before: fromModule, conditional: this.conditional(g.at, value, use) }));
  }

  /** Whether `step` runs under a condition that neither its value's assignment nor the read `use` is under. */
  private conditional(step: Node, value: Node, use: Node): boolean {
    const stop = this.cx.bindings.scopeOf(value);
    const holds = (n: Node, x: Node) => n.startIndex <= x.startIndex && n.endIndex >= x.endIndex;
    for (let child = step, n = step.parent; n; child = n, n = n.parent) {
      if (holds(n, value)) return false;
      // The read under the same condition: certain there, unless it is in another branch (`if a: set` / `else: read`).
      if (holds(n, use)) return CONDITIONALS.has(n.type) && !holds(child, use);
      if (CONDITIONALS.has(n.type)) return true;
      if (this.cx.bindings.scopeOf(n) !== stop) return false;
    }
    return false;
  }

  /**
   * Every binding of the name read at `at`: its scope's (`local`), or the class's for `self.x`
   * (`field`; `at`: the attribute, or its attribute name).
   */
  decls(name: string, at: Node, space: ExprOf<Node, 'name'>['space']): Decl<Node>[] {
    if (space === 'field') {
      const attr = at.type === 'attribute' ? at : at.parent?.type === 'attribute' ? at.parent : null;
      const obj = attr?.childForFieldName('object');
      const self = obj ? this.cx.bindings.selfAttr(obj, name) : undefined;
      return self ? this.declsOf(self) : [];
    }
    const found = this.cx.bindings.lookup(name, at);
    return found ? this.declsOf(found.bindings) : [];
  }

  /** Python's bindings as the model's: a parameter's annotation, default and callers; a `@property`'s returns. */
  declsOf(bindings: Binding[]): Decl<Node>[] {
    const out: Decl<Node>[] = [];
    for (const b of bindings) {
      if (b.kind === 'value') out.push({ k: 'value', value: b.node });
      else if (b.kind === 'item') for (const value of this.members.itemNodes(b)) out.push({ k: 'value', value });
      else if (b.kind === 'import') out.push({ k: 'module', path: b.module });
      else if (b.kind === 'from') out.push({ k: 'imported', module: b.module, name: b.name });
      else if (b.kind === 'param') out.push({ k: 'declared', init: b.default, types: typeNames(b.type), callers: () => this.argsFromCallers(b).args });
      // `@property def client(self): return self._client`
      else if (b.kind === 'def' && b.node.parent?.type === 'decorated_definition' && /@(functools\.)?(cached_)?property\b/.test(b.node.parent.text))
        out.push({ k: 'returns', returns: returnsOf(b.node) });
    }
    return out;
  }

  /**
   * What the file's calls of a parameter's function pass for it: a method's calls on any instance,
   * a function's calls by its name that reach its definition; by name, else by position when no
   * `*args` moves the positions (`**opts` may pass any name). `missing`: a call that reaches it
   * passes nothing readable for it; `calls`: how many calls by the function's name there are.
   */
  argsFromCallers(b: Extract<Binding, { kind: 'param' }>): { args: Node[]; missing: boolean; calls: number } {
    const fnName = b.fn?.childForFieldName('name');
    if (!b.fn || !fnName || !b.name) return { args: [], missing: true, calls: 0 };
    const ctor = b.isMethod && fnName.text === '__init__' ? this.constructions(b.fn) : undefined;
    const calls = ctor ?? this.cx.bindings.callsByName().get(fnName.text) ?? [];
    const args: Node[] = [];
    let missing = false;
    for (const call of calls) {
      const callee = call.childForFieldName('function');
      // A plain function is called by its name, resolving to this definition; a method through an attribute; a constructor by its class.
      if (
        !ctor &&
        (b.isMethod
          ? callee?.type !== 'attribute'
          : callee?.type !== 'identifier' || !this.cx.bindings.lookup(fnName.text, callee)?.bindings.some((x) => x.kind === 'def' && x.node.id === b.fn!.id))
      )
        continue;
      const list = call.childForFieldName('arguments');
      const all = list?.type === 'argument_list' ? named(list) : [];
      let arg = all.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === b.name)?.childForFieldName('value') ?? null;
      if (!arg && b.index !== undefined && !all.some((a) => a.type === 'list_splat')) {
        arg = all.filter((a) => a.type !== 'keyword_argument' && a.type !== 'dictionary_splat')[b.index - (b.isMethod ? 1 : 0)] ?? null;
      }
      if (arg) args.push(arg);
      else missing = true;
    }
    // `await asyncio.to_thread(grade, grader, prompt)`, `loop.run_in_executor(None, grade, grader)`: the arguments after the function.
    if (!b.isMethod && b.index !== undefined) {
      for (const [deferred, at] of DEFERRED) {
        for (const call of this.cx.bindings.callsByName().get(deferred) ?? []) {
          const list = call.childForFieldName('arguments');
          const positional = list?.type === 'argument_list' ? named(list).filter((a) => a.type !== 'keyword_argument' && a.type !== 'dictionary_splat') : [];
          const target = positional[at];
          if (target?.type !== 'identifier' || target.text !== fnName.text || positional.some((a) => a.type === 'list_splat')) continue;
          if (!this.cx.bindings.lookup(fnName.text, target)?.bindings.some((x) => x.kind === 'def' && x.node.id === b.fn!.id)) continue;
          const arg = positional[at + 1 + b.index];
          if (arg) args.push(arg);
          else missing = true;
        }
      }
    }
    return { args, missing, calls: calls.length };
  }

  /**
   * The calls that construct the class an `__init__` belongs to: by the class's name where it resolves to
   * the class (`Provider(llm)`), and `cls(...)` in its own methods (a classmethod factory's `return cls(llm)`).
   */
  private constructions(init: Node): Node[] {
    const cls =
      init.parent?.parent?.type === 'class_definition'
        ? init.parent.parent
        : init.parent?.parent?.parent?.type === 'class_definition'
          ? init.parent.parent.parent
          : null;
    const name = cls?.childForFieldName('name')?.text;
    if (!cls || !name) return [];
    const out: Node[] = [];
    for (const call of this.cx.bindings.callsByName().get(name) ?? []) {
      const callee = call.childForFieldName('function');
      if (callee?.type === 'identifier' && this.cx.bindings.lookup(name, callee)?.bindings.some((x) => x.kind === 'class' && x.node.id === cls.id))
        out.push(call);
    }
    for (const call of this.cx.bindings.callsByName().get('cls') ?? []) {
      if (call.startIndex <= cls.startIndex || call.endIndex > cls.endIndex || call.childForFieldName('function')?.type !== 'identifier') continue;
      // In this class's own methods, not a nested class's.
      let owner: Node | null = call.parent;
      while (owner && owner.type !== 'class_definition') owner = owner.parent;
      if (owner?.id === cls.id) out.push(call);
    }
    return out;
  }

  /** Whether nothing in the file changes in place a name of that spelling (`append`, `+=`, `x[k] = ...`, in any scope). */
  unchanged(name: string): boolean {
    return !this.cx.bindings.changes().names.has(name);
  }

  /** `self.x` (`at`: the attribute): its one assignment in the class; none, or two when it has several (no one value). */
  field(name: string, at: Node): Node[] {
    const obj = at.type === 'attribute' ? at.childForFieldName('object') : null;
    const self = obj ? this.cx.bindings.selfAttr(obj, name) : undefined;
    if (!self?.length) return [];
    const only = self.length === 1 && self[0].kind === 'value' ? self[0].node : undefined;
    return only ? [only] : [at, at];
  }

  constant(): Node[] {
    return [];
  }

  member(): Node[] {
    return [];
  }

  returns(): Node[] {
    return [];
  }

  /** The function a bare call names in its scope, or the method `self.name(...)` calls (in the class or a same-file base class). */
  callee(name: string, at: Node, onSelf = false): { fn: Node; returns: Node[]; params: Param<Node>[] } | undefined {
    const fnNode = at.childForFieldName('function');
    let bindings: Binding[] | undefined;
    if (onSelf) {
      const obj = fnNode?.type === 'attribute' ? fnNode.childForFieldName('object') : null;
      bindings = obj ? this.cx.bindings.selfAttr(obj, name) : undefined;
    } else bindings = this.cx.bindings.lookup(name, fnNode ?? at)?.bindings;
    const def = bindings?.find((b) => b.kind === 'def');
    return def?.kind === 'def' ? { fn: def.node, returns: returnsOf(def.node), params: this.params(def.node) } : undefined;
  }

  /**
   * `Service.get_agent()`, `Service().build()`: a method of a class of this file called on the class or an
   * instance of it (static and class methods, factories). Its returns; with none that resolve, its return
   * annotation (`-> Agent`), read as a declared type by the symbol resolver.
   */
  memberCallee(at: Node): { fn: Node; returns: Node[]; params: Param<Node>[]; returnTypes?: Node[] } | undefined {
    const fnNode = at.childForFieldName('function');
    const obj = fnNode?.type === 'attribute' ? fnNode.childForFieldName('object') : null;
    const name = fnNode?.childForFieldName('attribute')?.text;
    if (!obj || !name || this.cx.bindings.isSelf(obj)) return undefined;
    const classes =
      obj.type === 'identifier' ? (this.cx.bindings.lookup(obj.text, obj)?.bindings ?? []).filter((b) => b.kind === 'class').map((b) => b.node) : [];
    for (const cls of classes.length ? classes : this.members.instanceClasses(obj)) {
      const def = this.cx.bindings.instanceAttr(cls, name).find((b) => b.kind === 'def');
      if (def?.kind === 'def') {
        const annotation = def.node.childForFieldName('return_type');
        return { fn: def.node, returns: returnsOf(def.node), params: this.params(def.node), ...(annotation ? { returnTypes: typeNames(annotation) } : {}) };
      }
    }
    return undefined;
  }

  /** A function's parameters as its calls fill them: a method's first (`self`) left out. */
  params(fn: Node): Param<Node>[] {
    const out: Param<Node>[] = [];
    let keyword = false;
    for (const p of fn.childForFieldName('parameters')?.namedChildren ?? []) {
      if (p.type === 'keyword_separator' || p.type === 'list_splat_pattern') keyword = true;
      if (!NAMED_PARAMS.has(p.type)) continue;
      const name = paramName(p);
      if (name) out.push({ name, key: name, keyword, default: p.childForFieldName('value') ?? undefined });
    }
    return this.isMethod(fn) ? out.slice(1) : out;
  }

  private isMethod(fn: Node): boolean {
    const scope = this.cx.bindings.scopeOf(fn.childForFieldName('body') ?? fn);
    return scope.kind === 'function' && scope.methodOf !== undefined;
  }

  /** The function whose parameter `name` is where `at` reads it, when that parameter is its only binding there. */
  parameter(name: string, at: Node): ParameterOf<Node> | undefined {
    const b = this.cx.bindings.lookup(name, at)?.bindings;
    const p = b?.length === 1 && b[0].kind === 'param' ? b[0] : undefined;
    const fnName = p?.fn?.childForFieldName('name')?.text;
    return p?.fn && fnName ? { fn: p.fn, name: fnName, params: this.params(p.fn) } : undefined;
  }

  /**
   * What the file's calls of a function pass for `name`: a method's calls on any instance, a
   * function's calls by its name that reach it; complete when each passes it (by name or
   * position, no spread in the way) and the file names the function nowhere but its definitions
   * and calls (a reference, `asyncio.to_thread(ask, ...)`, calls it unseen).
   */
  callerArgs(p: ParameterOf<Node>, name: string): { args: Node[]; complete: () => boolean } {
    const body = p.fn.childForFieldName('body');
    const b = body ? this.cx.bindings.lookup(name, body)?.bindings : undefined;
    const param = b?.length === 1 && b[0].kind === 'param' ? b[0] : undefined;
    if (!param) return { args: [], complete: () => false };
    const { args, missing, calls } = this.argsFromCallers(param);
    return { args, complete: () => !missing && this.onlyCalled(p.name, calls, !!param.isMethod) };
  }

  /**
   * Whether the file names the function `name` only where it defines or calls it (`def name`,
   * `name(`, `.name(`). Not counted: the word in a string or comment, and for a function an
   * attribute of something else (`client.chat` beside `def chat`); for a method, only `self.name`
   * and `cls.name` are references to it.
   */
  private onlyCalled(name: string, calls: number, isMethod: boolean): boolean {
    const text = this.cx.text;
    for (const i of this.wordsAt().get(name) ?? []) {
      let j = i + name.length;
      while (text.charCodeAt(j) === 32) j++;
      if (text[j] === '(' || /\bdef\s+$/.test(text.slice(Math.max(0, i - 8), i))) continue;
      if (text[i - 1] === '.' && !(isMethod && /\b(self|cls)\.$/.test(text.slice(Math.max(0, i - 5), i)))) continue;
      const at = this.cx.root.descendantForIndex(i, i + name.length);
      if (at?.type !== 'identifier') continue;
      return false;
    }
    return calls > 0;
  }

  /**
   * Where the file names each of its functions (`PyBindings.defNames`), found in one pass when
   * first asked: a scan per function asked made large files quadratic, and keeping every word made
   * garbage.
   */
  private wordsAt(): Map<string, number[]> {
    if (!this.words) {
      const words = (this.words = new Map<string, number[]>());
      const names = this.cx.bindings.defNames;
      const lengths = new Set([...names].map((n) => n.length));
      const text = this.cx.text;
      const word = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
      for (let i = 0; i < text.length;) {
        if (!word(text.charCodeAt(i))) {
          i++;
          continue;
        }
        let j = i + 1;
        while (j < text.length && word(text.charCodeAt(j))) j++;
        if (lengths.has(j - i)) {
          const w = text.slice(i, j);
          if (names.has(w)) {
            const list = words.get(w);
            if (list) list.push(i);
            else words.set(w, [i]);
          }
        }
        i = j;
      }
    }
    return this.words;
  }
  private words: Map<string, number[]> | undefined;
}
