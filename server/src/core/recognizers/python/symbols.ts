// The Python recognizer's symbol layer: what a receiver is, as the SDK catalogue knows it (an SDK
// module, a client class, a client, a resource below it, a method bound with `partial`, a
// LangChain pipeline), through imports, assignments, annotations, `self` attributes, factories
// of this file and of other modules, and what callers pass.
import type { Node } from 'web-tree-sitter';
import { asClient, construct, deriveCall, endpointFromOptions, factoryCall, member, piped, pythonModule, type Sym } from '../symbols';
import type { Val } from '../values';
import type { Binding } from './bindings';
import type { PythonFile } from './index';
import { emptyObj, MAX_DEPTH, returnsOf, spanOf } from './syntax';

/** The SDK symbols of one Python file's expressions (see the file's header). */
export class PySymbols {
  /** Symbols found, by node id (see `sym`). */
  private readonly symCache = new Map<number, Sym>();

  constructor(private readonly cx: PythonFile) {}

  sym(node: Node | null, depth = 0): Sym | undefined {
    if (!node || depth > MAX_DEPTH || this.cx.resolving.has(node.id)) return undefined;
    // What a node resolves to does not depend on who asks; a miss may (a cycle cut short), so only hits are kept.
    const known = this.symCache.get(node.id);
    if (known) return known;
    this.cx.resolving.add(node.id);
    try {
      const s = this.symInner(node, depth + 1);
      if (s) this.symCache.set(node.id, s);
      return s;
    } finally {
      this.cx.resolving.delete(node.id);
    }
  }

  private symInner(node: Node, depth: number): Sym | undefined {
    switch (node.type) {
      case 'identifier': {
        const found = this.cx.bindings.lookup(node.text, node);
        return found ? this.symOfBindings(found.bindings, depth) : undefined;
      }
      case 'attribute': {
        const obj = node.childForFieldName('object');
        const attr = node.childForFieldName('attribute')?.text ?? '';
        if (!obj) return undefined;
        const self = this.cx.bindings.selfAttr(obj, attr);
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
          const params = argList ? this.cx.values.argsObj(argList, positional) : undefined;
          return construct(callee, endpointFromOptions(callee.sdk, params), params);
        }
        const made = factoryCall(callee, 'python', (positional) => (argList ? this.cx.values.argsObj(argList, positional) : emptyObj(spanOf(node))));
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

  /** The argument callers in this file pass for a parameter, when one of them is an SDK client. */
  private symFromCallers(b: Extract<Binding, { kind: 'param' }>, depth: number): Sym | undefined {
    for (const arg of this.argsFromCallers(b).args) {
      const s = this.sym(arg, depth);
      if (s) return s;
    }
    return undefined;
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
    const calls = this.cx.bindings.callsByName().get(fnName.text) ?? [];
    const args: Node[] = [];
    let missing = false;
    for (const call of calls) {
      const callee = call.childForFieldName('function');
      // A plain function is called by its name, resolving to this definition; a method through an attribute.
      if (b.isMethod ? callee?.type !== 'attribute' : callee?.type !== 'identifier' || !this.cx.bindings.lookup(fnName.text, callee)?.bindings.some((x) => x.kind === 'def' && x.node.id === b.fn!.id)) continue;
      const list = call.childForFieldName('arguments');
      const all = list?.type === 'argument_list' ? list.namedChildren.filter((a) => a.type !== 'comment') : [];
      let arg = all.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === b.name)?.childForFieldName('value') ?? null;
      if (!arg && b.index !== undefined && !all.some((a) => a.type === 'list_splat')) {
        arg = all.filter((a) => a.type !== 'keyword_argument' && a.type !== 'dictionary_splat')[b.index - (b.isMethod ? 1 : 0)] ?? null;
      }
      if (arg) args.push(arg);
      else missing = true;
    }
    return { args, missing, calls: calls.length };
  }

  /** The prompt template a chain starts from: `prompt` in `prompt | llm`, or in `{...} | prompt | llm`. */
  private templateOf(node: Node, depth: number): Val | undefined {
    if (node.type === 'binary_operator' && node.childForFieldName('operator')?.text === '|') {
      const right = node.childForFieldName('right');
      return right ? this.templateOf(right, depth) : undefined;
    }
    const v = this.cx.values.val(node, depth);
    return v.template ? v : undefined;
  }

  /** `functools.partial` or `partial` imported from functools. */
  private isFunctoolsPartial(fn: Node): boolean {
    if (fn.type === 'attribute') return fn.text === 'functools.partial';
    if (fn.type !== 'identifier' || fn.text !== 'partial') return false;
    return this.cx.bindings.lookup('partial', fn)?.bindings.some((b) => b.kind === 'from' && b.module === 'functools') ?? false;
  }

  /** `partial(client.messages.create, model=..., max_tokens=...)`: the method, with its keyword arguments bound. */
  private partialSym(argList: Node, depth: number): Sym | undefined {
    const target = argList.namedChildren.find((a) => a.type !== 'keyword_argument' && a.type !== 'comment');
    const method = asClient(this.sym(target ?? null, depth));
    if (!method) return undefined;
    const kwargs = this.cx.values.argsObj(argList);
    const bound = method.bound ? { ...kwargs, props: new Map([...method.bound.props, ...kwargs.props]), open: [...method.bound.open, ...kwargs.open] } : kwargs;
    return { ...method, bound };
  }

  /** A call to a function of this file: what its return statements give. */
  private symOfCallee(fn: Node, depth: number): Sym | undefined {
    let bindings: Binding[] | undefined;
    if (fn.type === 'identifier') bindings = this.cx.bindings.lookup(fn.text, fn)?.bindings;
    else if (fn.type === 'attribute') {
      const obj = fn.childForFieldName('object');
      const attr = fn.childForFieldName('attribute')?.text ?? '';
      if (obj) bindings = this.cx.bindings.selfAttr(obj, attr);
    }
    for (const b of bindings ?? []) {
      // `from app.clients import get_client`: a factory function of another module.
      if (b.kind === 'from') {
        const returned = this.cx.ctx?.exportOf(b.module, b.name)?.returns;
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

  symOfBindings(bindings: Binding[], depth: number): Sym | undefined {
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
          if (!s && !pythonModule(b.module)) s = this.cx.ctx?.exportOf(b.module, b.name)?.sym;
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
}
