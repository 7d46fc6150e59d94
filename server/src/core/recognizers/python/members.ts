// Python reads of objects other than `self` (front.ts's `PyModelBindings` delegates them here): attributes
// set on module-level objects and app state in startup hooks (`bp.client`, `app.state.llm`,
// `st.session_state["client"]`), attributes of instances of the file's classes and of other modules'
// (`C#attr` exports, resolved on demand), fields of settings and model classes (their defaults), argparse
// options' defaults, and items of tuples (`client, model = get_client()`).
import type { Node } from 'web-tree-sitter';
import type { Decl } from '../../model/ir';
import { staticString, type Val } from '../values';
import type { ModuleExport } from '../../workspace';
import type { Binding } from './bindings';
import type { PyModelBindings } from './front';
import type { PythonFile } from './index';
import { argumentOf, named, returnsOf, spanOf, typeNames, unwrapped } from './syntax';

export class PyMembers {
  constructor(
    private readonly cx: PythonFile,
    private readonly b: PyModelBindings,
  ) {}

  /** The file's assignments to attributes of other objects and to string keys, by target (`attributeSets`). */
  private sets: Map<string, Node[]> | undefined;

  /**
   * `bp.openai_client` where a startup hook ran `bp.openai_client = AsyncOpenAI()`; `request.app.state.llm`
   * where `app.state.llm = ...` (Starlette's shared `state`); `st.session_state["client"]`: the values the
   * file assigns to the same target, written the same way (or, for a `.state.` attribute, ending the same way).
   */
  memberDecls(node: Node): Decl<Node>[] {
    if (node.type !== 'attribute' && node.type !== 'subscript') return [];
    // `provider.llm` where `provider = get_llm(...)` returns `Provider(ChatOpenAI(...))`, a class of this file:
    // what the class sets `self.llm` to (an `__init__` parameter is what the file's constructions pass).
    const obj = node.type === 'attribute' ? node.childForFieldName('object') : null;
    const attr = node.type === 'attribute' ? node.childForFieldName('attribute')?.text : undefined;
    if (obj && attr && !this.cx.bindings.isSelf(obj)) {
      for (const cls of this.instanceClasses(obj)) {
        const found = this.instanceDecls(cls, attr);
        if (found.length) return found;
      }
    }
    // `Config.MODEL`, `LLMModelName.GPT_4O_MINI`: an attribute the class body of a class of this file assigns,
    // unless the file assigns `Config.MODEL` again elsewhere (then it has no one value).
    if (obj?.type === 'identifier' && attr) {
      const classes = (this.cx.bindings.lookup(obj.text, obj)?.bindings ?? []).filter((b) => b.kind === 'class');
      const values = classes.length === 1 ? this.cx.bindings.classAttr(classes[0].node, attr) : [];
      const key = targetKey(node);
      const again = key ? (this.attributeSets().get(key) ?? []) : [];
      if (values.length === 1) return [values[0], ...again].map((value) => ({ k: 'value', value }));
    }
    // `args.grader_model` where `args = parser.parse_args()`: the `add_argument("--grader-model", default=...)` default.
    const option = obj && attr ? this.argparseDefault(obj, attr) : undefined;
    if (option) return [{ k: 'declared', init: option, types: [] }];
    const sets = this.attributeSets();
    const key = targetKey(node);
    // The same target written the same way, on the same object (its root name bound the same at both places);
    // a `.state.` attribute on any object (Starlette's `request.app.state` is the app's `app.state`).
    const root = rootName(node);
    const same = root ? this.cx.bindings.lookup(root.text, root)?.bindings[0] : undefined;
    const exact =
      (key &&
        sets.get(key)?.filter((v) => {
          const r = rootName(v.parent?.childForFieldName('left') ?? v);
          return !root || !r || this.cx.bindings.lookup(r.text, r)?.bindings[0] === same;
        })) ||
      [];
    const values = exact.length ? exact : (key && stateKey(key) ? sets.get(stateKey(key)!) : undefined) || [];
    const out: Decl<Node>[] = values.map((value) => ({ k: 'value', value }));
    // An instance made or returned by another module (`provider = get_llm(...)`, `Provider.from_provider(...)`): its export `get_llm()#llm` / `Provider#llm`.
    if (obj && attr && !this.cx.bindings.isSelf(obj))
      for (const x of this.importedInstances(obj)) out.push({ k: 'imported', module: x.module, name: `${x.name}#${attr}` });
    return out;
  }

  /**
   * The classes of this file `node` is an instance of: made by one (`Provider(...)`), returned by a
   * function of the file that makes one, or declared (`p: Provider`).
   */
  instanceClasses(expression: Node, depth = 0): Node[] {
    if (depth > 4) return [];
    const node = unwrapped(expression);
    const classOf = (name: Node) => (this.cx.bindings.lookup(name.text, name)?.bindings ?? []).filter((b) => b.kind === 'class').map((b) => b.node);
    if (node.type === 'identifier') {
      const out: Node[] = [];
      for (const b of this.cx.bindings.lookup(node.text, node)?.bindings ?? []) {
        if (b.kind === 'value') out.push(...this.instanceClasses(b.node, depth + 1));
        else if (b.kind === 'param' && b.type)
          out.push(
            ...typeNames(b.type)
              .filter((t) => t.type === 'identifier')
              .flatMap(classOf),
          );
      }
      return out;
    }
    if (node.type !== 'call') return [];
    const fn = node.childForFieldName('function');
    if (fn?.type !== 'identifier') return [];
    const out = classOf(fn);
    for (const b of this.cx.bindings.lookup(fn.text, fn)?.bindings ?? [])
      if (b.kind === 'def') for (const r of returnsOf(b.node)) out.push(...this.instanceClasses(r, depth + 1));
    return out;
  }

  /**
   * The `index`th item of a tuple assigned to several names (`a, b = x, y`), or of the tuples a function of
   * this file returns (`client, model = get_client()`, `return client, "gpt-4o"`): one node per return.
   */
  itemNodes(b: Extract<Binding, { kind: 'item' }>): Node[] {
    const item = (n: Node | null) => (n && (n.type === 'expression_list' || n.type === 'tuple' || n.type === 'list') ? (named(n)[b.index] ?? null) : null);
    const v = unwrapped(b.node);
    const direct = item(v);
    if (direct) return [direct];
    const fn = v.type === 'call' ? v.childForFieldName('function') : null;
    if (fn?.type !== 'identifier') return [];
    const def = this.cx.bindings.lookup(fn.text, fn)?.bindings.find((x) => x.kind === 'def');
    if (def?.kind !== 'def') return [];
    const out: Node[] = [];
    for (const r of returnsOf(def.node)) {
      // `return c, m`: returnsOf gives the statement's first child, the expression list (or, in some grammars, its first item).
      const it = item(unwrapped(r)) ?? item(r.parent?.type === 'return_statement' ? r.parent : null);
      if (it) out.push(it);
    }
    return out;
  }

  /**
   * The instances of another module's classes `node` is: a call of an imported function (`get_llm(...)`, its
   * `get_llm()` export), of an imported class or one of its class methods (`Provider(...)`, `Provider.from_provider(...)`),
   * or a parameter declared as an imported class.
   */
  private importedInstances(expression: Node, depth = 0): { module: string; name: string }[] {
    if (depth > 4) return [];
    const node = unwrapped(expression);
    const from = (n: Node | null | undefined) =>
      n?.type === 'identifier'
        ? (this.cx.bindings.lookup(n.text, n)?.bindings ?? []).filter((b): b is Extract<Binding, { kind: 'from' }> => b.kind === 'from')
        : [];
    if (node.type === 'identifier') {
      const out: { module: string; name: string }[] = [];
      for (const b of this.cx.bindings.lookup(node.text, node)?.bindings ?? []) {
        // `from app.llm import provider`: an instance another module holds (its `provider#attr`).
        if (b.kind === 'from') out.push({ module: b.module, name: b.name });
        else if (b.kind === 'value') out.push(...this.importedInstances(b.node, depth + 1));
        else if (b.kind === 'param' && b.type) for (const t of typeNames(b.type)) out.push(...from(t).map((f) => ({ module: f.module, name: f.name })));
      }
      return out;
    }
    if (node.type !== 'call') return [];
    const fn = node.childForFieldName('function');
    if (fn?.type === 'identifier') {
      const out = from(fn).flatMap((f) => [
        { module: f.module, name: `${f.name}()` },
        { module: f.module, name: f.name },
      ]);
      // A function of this file returning one (`def get_llm(): return Provider.from_provider(...)`).
      for (const b of this.cx.bindings.lookup(fn.text, fn)?.bindings ?? [])
        if (b.kind === 'def') for (const r of returnsOf(b.node)) out.push(...this.importedInstances(r, depth + 1));
      return out;
    }
    if (fn?.type === 'attribute') return from(fn.childForFieldName('object')).map((f) => ({ module: f.module, name: f.name }));
    return [];
  }

  /**
   * A class's instance attributes, each resolved when asked (`C#attr` exports): the client it holds, or its
   * value (a settings or model class's field: its default, as read at run time).
   */
  classMembers(cls: Node): Map<string, () => ModuleExport | undefined> {
    const out = new Map<string, () => ModuleExport | undefined>();
    for (const attr of this.cx.bindings.instanceAttrNames(cls)) {
      out.set(attr, () => {
        const decls = this.instanceDecls(cls, attr);
        const sym = this.cx.ev.symOfDecls(decls);
        const val = this.declsVal(decls);
        return sym || val ? { ...(sym ? { sym } : {}), ...(val ? { val } : {}) } : undefined;
      });
    }
    return out;
  }

  /**
   * An attribute of instances of a class of this file: what it is set to; a field declared in the body of a
   * pydantic model, settings class or dataclass (`OPENAI_MODEL: str = "gpt-4o-mini"`) is its default, which
   * the constructor or the environment may replace.
   */
  private instanceDecls(cls: Node, attr: string): Decl<Node>[] {
    const bindings = this.cx.bindings.instanceAttr(cls, attr);
    if (!this.fieldClass(cls, 0)) return this.b.declsOf(bindings);
    return bindings.flatMap((b): Decl<Node>[] => {
      // A class-level field (its value is a direct child statement of the class body).
      const field = b.kind === 'value' && b.node.parent?.type === 'assignment' && b.node.parent.parent?.parent?.id === cls.childForFieldName('body')?.id;
      return field && b.kind === 'value' ? [{ k: 'declared', init: b.node, types: [] }] : this.b.declsOf([b]);
    });
  }

  /**
   * The default of an argparse option read from the parsed arguments (`args = parser.parse_args()`, then
   * `args.grader_model`): the `default=` of the file's `add_argument` whose `dest` (given, or its first long
   * option's name with `-` as `_`) is that attribute.
   */
  private argparseDefault(obj: Node, attr: string): Node | undefined {
    if (obj.type !== 'identifier') return undefined;
    const b = this.cx.bindings.lookup(obj.text, obj)?.bindings;
    const value = b?.length === 1 && b[0].kind === 'value' ? b[0].node : undefined;
    const parse = value?.type === 'call' ? value.childForFieldName('function') : null;
    if (parse?.type !== 'attribute' || !/^parse_(known_)?args$/.test(parse.childForFieldName('attribute')?.text ?? '')) return undefined;
    const parser = parse.childForFieldName('object')?.text;
    for (const call of this.cx.bindings.callsByName().get('add_argument') ?? []) {
      const fn = call.childForFieldName('function');
      if (fn?.childForFieldName('object')?.text !== parser) continue;
      const args = call.childForFieldName('arguments');
      const text = (n: Node | undefined) => (n?.type === 'string' ? staticString(this.cx.values.val(n)) : undefined);
      const flags = (args ? named(args) : []).flatMap((a) => text(a) ?? []);
      const destNode = argumentOf(args, 'dest');
      const dest = destNode ? text(destNode) : (flags.find((f) => f.startsWith('--')) ?? flags[0])?.replace(/^-+/, '').replace(/-/g, '_');
      if (dest === attr) return argumentOf(args, 'default');
    }
    return undefined;
  }

  /** A pydantic model, settings class or dataclass, directly or through base classes of this file. */
  private fieldClass(cls: Node, depth: number): boolean {
    const decorators = cls.parent?.type === 'decorated_definition' ? cls.parent.text.slice(0, cls.startIndex - cls.parent.startIndex) : '';
    if (/@(dataclasses\.)?dataclass\b/.test(decorators)) return true;
    const bases = cls.childForFieldName('superclasses');
    if (FIELD_CLASS.test(bases?.text ?? '')) return true;
    if (depth > 4) return false;
    return (bases?.namedChildren ?? []).some(
      (b) =>
        b.type === 'identifier' && (this.cx.bindings.lookup(b.text, b)?.bindings ?? []).some((x) => x.kind === 'class' && this.fieldClass(x.node, depth + 1)),
    );
  }

  /** The value of an attribute's bindings: one assigned value, or a field's default (unknown, that default assumed). */
  private declsVal(decls: Decl<Node>[]): Val | undefined {
    if (decls.length !== 1) return undefined;
    const [d] = decls;
    if (d.k === 'value') {
      const v = this.cx.values.val(d.value);
      return v.kind !== 'unknown' || v.default ? v : undefined;
    }
    return d.k === 'declared' && d.init ? this.cx.ev.assumedDefault(d.init, spanOf(d.init), d.init.text) : undefined;
  }

  /** The attributes of the instance a function returns, when it returns one of a class of this file or of an imported one. */
  returnedMembers(fn: Node): Map<string, () => ModuleExport | undefined> {
    for (const r of returnsOf(fn)) {
      const [cls] = this.instanceClasses(r);
      if (cls) return this.classMembers(cls);
      const out = new Map<string, () => ModuleExport | undefined>();
      for (const x of this.importedInstances(r)) {
        for (const attr of this.cx.ctx?.exportOf(x.module, `${x.name}#*`)?.members ?? []) {
          out.set(attr, () => this.cx.ctx?.exportOf(x.module, `${x.name}#${attr}`));
        }
      }
      if (out.size) return out;
    }
    return new Map();
  }

  /** The values the file assigns to an attribute target written `key` (`Settings.embed_model`), anywhere in it. */
  assignedTo(key: string): Node[] {
    return this.attributeSets().get(key) ?? [];
  }

  private attributeSets(): Map<string, Node[]> {
    if (this.sets) return this.sets;
    const sets = (this.sets = new Map<string, Node[]>());
    const add = (key: string, value: Node) => {
      const list = sets.get(key);
      if (list) list.push(value);
      else sets.set(key, [value]);
    };
    for (const a of this.cx.root.descendantsOfType('assignment')) {
      const left = a.childForFieldName('left');
      const right = a.childForFieldName('right');
      if (!left || !right || (left.type !== 'attribute' && left.type !== 'subscript')) continue;
      const obj = left.childForFieldName(left.type === 'attribute' ? 'object' : 'value');
      const root = rootName(left);
      if ((obj && this.cx.bindings.isSelf(obj)) || (root && this.cx.bindings.isSelf(root))) continue;
      const key = targetKey(left);
      if (!key) continue;
      add(key, right);
      const state = stateKey(key);
      if (state) add(state, right);
    }
    return sets;
  }
}

/**
 * An attribute or string-keyed subscript target as written, without spaces (`bp.openai_client`,
 * `st.session_state["client"]`); undefined for other subscripts.
 */
function targetKey(node: Node): string | undefined {
  if (node.type === 'subscript') {
    const index = node.childForFieldName('subscript');
    if (index?.type !== 'string') return undefined;
  }
  return node.text.replace(/\s+/g, '').replace(/'/g, '"');
}

/** Bases whose class-level annotated assignments are fields with defaults (pydantic, pydantic-settings, SQLModel). */
const FIELD_CLASS = /\b(BaseSettings|BaseModel|SQLModel)\b/;

/** The name an attribute or subscript chain starts from (`bp` of `bp.openai_client`, `st` of `st.session_state["x"]`). */
function rootName(node: Node): Node | undefined {
  let n: Node | null = node;
  while (n && (n.type === 'attribute' || n.type === 'subscript')) n = n.childForFieldName(n.type === 'attribute' ? 'object' : 'value');
  return n?.type === 'identifier' ? n : undefined;
}

/** A `.state.` attribute's shared key (`request.app.state.llm` and `app.state.llm` are the same): `state.llm`. */
function stateKey(key: string): string | undefined {
  const m = /(?:^|\.)state\.(\w+)$/.exec(key);
  return m ? `*.state.${m[1]}` : undefined;
}
