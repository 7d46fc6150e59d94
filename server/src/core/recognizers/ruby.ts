// Ruby front-end (tree-sitter), on the shared model (model/): the official openai and anthropic
// gems, and the community ruby-openai and anthropic gems (`parameters:` hashes).
// `client = OpenAI::Client.new` then `client.chat.completions.create(model: :"gpt-4.1", ...)`:
// clients in locals, instance variables (`@client`) and constants; keyword arguments and hashes
// (`**params` splats stay open); symbols, heredocs and SDK model constants (`OpenAI::ChatModel::GPT_4O`).
// Resolution is the evaluator's (model/evaluate.ts); this file lowers syntax and writes fixes.
import type { Node, Parser } from 'web-tree-sitter';
import { CATALOGUE } from '../catalogue';
import { insertInList, inThisFile } from './edits';
import { RubyWriter } from '../writers/ruby';
import type { Edit, Lit, WriteTarget } from '../writers/lit';
import type { Arg, Expr, MapItem, Param, StrSeg } from '../model/ir';
import { returnsOf, spanOf, type Assignment, type Change, type LanguageShape, isMutator, methodChanges, mutatorsIn, type Mutators } from './scoped';
import { ModelFile, TreeSitterFrontEnd, treeSitterRecognizer } from './modelfile';
import type { LoopCount } from '../model/ir';
import { detachExport, type ImportContext, type ModuleExports } from '../workspace';
import type { ObjVal, RawCall } from './values';
import { endpointFromOptions } from './symbols';

/** Nodes that use a call's value (a receiver, an assigned value, an argument): a call there is no statement. */
const VALUE_PARENTS: ReadonlySet<string> = new Set([
  'call',
  'assignment',
  'operator_assignment',
  'argument_list',
  'pair',
  'binary',
  'conditional',
  'parenthesized_statements',
  'return',
  'element_reference',
  'array',
  'hash',
]);

/** Block-taking methods whose block runs once per element. */
const ITERATORS = new Set([
  'each',
  'map',
  'flat_map',
  'each_with_index',
  'each_with_object',
  'times',
  'select',
  'filter_map',
  'collect',
  'each_slice',
  'upto',
  'downto',
  'loop',
]);

/**
 * Methods of a built client that set request parameters in place and return it (RubyLLM's
 * `chat.with_params(max_tokens: 100)` written as a statement): a change of what the local holds.
 */
const BINDERS: ReadonlySet<string> = new Set(CATALOGUE.flatMap((s) => Object.keys(s.ruby?.binders ?? {})));

/** Methods that change an array, hash or string in place (and the binders above). */
const RUBY_MUTATORS: Mutators = {
  append: ['push', 'append'],
  extend: ['concat'],
  other: new Set([
    ...BINDERS,
    'unshift',
    'prepend',
    'insert',
    'delete',
    'delete_at',
    'delete_if',
    'clear',
    'replace',
    'pop',
    'shift',
    'keep_if',
    'store',
    'merge!',
    'update',
    'map!',
    'select!',
    'reject!',
    'filter!',
    'compact!',
    'flatten!',
    'sort!',
    'sort_by!',
    'uniq!',
    'reverse!',
    'shuffle!',
    'slice!',
    'fill',
    'gsub!',
    'sub!',
    'strip!',
    'squish!',
    'chomp!',
    'upcase!',
    'downcase!',
  ]),
};

const SHAPE: LanguageShape = {
  conditionals: new Set(['if', 'unless', 'if_modifier', 'unless_modifier', 'case', 'case_match', 'conditional', 'rescue', 'rescue_modifier']),
  argumentParents: new Set(['argument_list']),
  classFieldsExported: true,
  classMethodsExported: true,
  types: ['for', 'while', 'until', 'call', 'assignment', 'operator_assignment', 'optional_parameter', 'keyword_parameter'],
  // `x << y` (not a heredoc's `<<~EOS`): the only binary nodes the pass needs.
  typesIf: { binary: /<<(?![~-]?[A-Za-z_'"`])/ },
  functions: new Set(['method', 'singleton_method', 'lambda']),
  isolated: new Set(['method', 'singleton_method']),
  classes: new Set(['class', 'module']),
  loop(node) {
    switch (node.type) {
      case 'for': {
        // `for x in [a, b]`: the `in` clause holds the iterable.
        const value = node.childForFieldName('value');
        const over = value?.type === 'in' ? value.namedChildren[0] : value;
        return { label: 'for loop', once: [value].filter((n): n is Node => !!n), count: over ? rubyItems(over) : undefined };
      }
      case 'while':
      case 'until':
        return { label: `${node.type} loop`, once: [] };
      case 'call': {
        const method = node.childForFieldName('method')?.text ?? '';
        const block = node.childForFieldName('block');
        if (!block || !ITERATORS.has(method)) return null;
        // Only the block runs per element; the receiver and arguments are evaluated once.
        return { label: `.${method} block`, once: node.namedChildren.filter((c): c is Node => !!c && c.id !== block.id), count: rubyIteration(node, method) };
      }
      default:
        return null;
    }
  },
  // attr_reader :client, :model (and attr_accessor) in the class body: `client` returns `@client`.
  accessors(cls) {
    const body = cls.namedChildren.find((c) => c?.type === 'body_statement');
    return (body?.namedChildren ?? []).flatMap((node) => {
      if (node?.type !== 'call' || node.childForFieldName('receiver') || !/^attr_(reader|accessor)$/.test(node.childForFieldName('method')?.text ?? ''))
        return [];
      const args = node.childForFieldName('arguments')?.namedChildren ?? [];
      return args.flatMap((a) => (a?.type === 'simple_symbol' ? [{ name: a.text.slice(1), field: `@${a.text.slice(1)}` }] : []));
    });
  },
  callTypes: new Set(['call']),
  // `items.each do |model| ... end`, `{ |model| ... }`: a block's parameters hide the method's.
  rebinds(name, at, fn) {
    for (let p = at.parent; p && p.id !== fn.id; p = p.parent) {
      if (p.type !== 'block' && p.type !== 'do_block') continue;
      const params = p.childForFieldName('parameters');
      if (params?.descendantsOfType('identifier').some((i) => i?.text === name)) return true;
    }
    return false;
  },
  // `def ask(q, tries = 3, *rest, tone:, model: "gpt-4o")`
  parameters(fn) {
    return (fn.childForFieldName('parameters')?.namedChildren ?? []).flatMap((p): Param<Node>[] => {
      if (!p) return [];
      if (p.type === 'identifier') return [{ name: p.text, key: p.text }];
      const name = p.childForFieldName('name')?.text;
      if (p.type === 'splat_parameter') return [{ name: name ?? '*', key: '', rest: true }];
      if (!name || (p.type !== 'optional_parameter' && p.type !== 'keyword_parameter')) return [];
      return [{ name, key: name, keyword: p.type === 'keyword_parameter', default: p.childForFieldName('value') ?? undefined }];
    });
  },
  // `return x`, and the body's last expression (`@client ||= OpenAI::Client.new`: what it assigns).
  returned(fn) {
    const body = fn.namedChildren.find((c) => c?.type === 'body_statement');
    const last = body?.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment').at(-1);
    const implicit = last && (last.type === 'assignment' || last.type === 'operator_assignment') ? last.childForFieldName('right') : last;
    return [...returnsOf(fn, 'return', (r) => r.namedChildren[0]?.namedChildren[0]), ...(implicit && implicit.type !== 'return' ? [implicit] : [])];
  },
  assignments(node) {
    // `def ask(q, model: "gpt-4o", tries = 3)`: parameters with defaults.
    if (node.type === 'optional_parameter' || node.type === 'keyword_parameter') {
      const name = node.childForFieldName('name');
      const value = node.childForFieldName('value');
      return name && value ? [{ kind: 'local', name: name.text, value, default: value }] : [];
    }
    // `x = ...`, and `@client ||= OpenAI::Client.new` (`x += y` changes x: `changes`).
    if (node.type !== 'assignment' && node.type !== 'operator_assignment') return [];
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    if (!left || !right || (node.type === 'operator_assignment' && operatorOf(node) === '+=')) return [];
    const kind: Assignment['kind'] | null =
      left.type === 'identifier' ? 'local' : left.type === 'instance_variable' ? 'field' : left.type === 'constant' ? 'constant' : null;
    return kind ? [{ kind, name: left.text, value: right }] : [];
  },
  callName(node) {
    return node.type === 'call' ? (node.childForFieldName('method')?.text ?? null) : null;
  },
  // `messages << m`, `messages.push(m)`, `messages.concat(history)`, `messages += [m]`,
  // `prompt << "..."`; `messages.delete(m)`, `params[:k] = v`: other changes.
  changesIf: mutatorsIn(RUBY_MUTATORS, ['<<', '\\+=', '\\]\\s*=[^=]']),
  changes(node, method) {
    const held = (n: Node | null) => (n?.type === 'identifier' ? ('local' as const) : n?.type === 'instance_variable' ? ('field' as const) : null);
    const change = (target: Node | null, kind: Change['kind'], arg?: Node): Change[] => {
      const space = held(target);
      if (space) return [{ name: target!.text, space, kind, arg }];
      // `params[:messages] << m`, `a << b << c`: a change inside what a local holds, or a chain of them.
      const root = rootOf(target);
      const rootSpace = held(root);
      if (!root || !rootSpace) return [];
      const chained = target?.type === 'binary' && operatorOf(target) === '<<';
      if (chained) return [{ name: root.text, space: rootSpace, kind, arg }];
      return [{ name: root.text, space: rootSpace, kind: 'other', path: keyPath(target) }];
    };
    switch (node.type) {
      case 'binary':
        return operatorOf(node) === '<<' ? change(node.childForFieldName('left'), 'append', node.childForFieldName('right') ?? undefined) : [];
      case 'operator_assignment':
        return operatorOf(node) === '+=' ? change(node.childForFieldName('left'), 'extend', node.childForFieldName('right') ?? undefined) : [];
      case 'assignment': {
        // `params[:max_tokens] = 100`: a key set; deeper, or by a key not known, a change inside.
        const left = node.childForFieldName('left');
        if (left?.type !== 'element_reference') return [];
        const target = left.namedChildren[0] ?? null;
        const space = held(target);
        const path = keyPath(left);
        if (space && path?.length === 1) return [{ name: target.text, space, kind: 'set', arg: node.childForFieldName('right') ?? undefined, path }];
        return change(target, 'other');
      }
      case 'call': {
        if (!method || !isMutator(method, RUBY_MUTATORS)) return [];
        // `chat.with_params(...).ask(q)` chains the binder: only a binder whose result is dropped changes the local.
        if (BINDERS.has(method) && node.parent && VALUE_PARENTS.has(node.parent.type)) return [];
        const receiver = node.childForFieldName('receiver');
        const space = held(receiver);
        const args = node.childForFieldName('arguments')?.namedChildren.filter((a): a is Node => !!a && a.type !== 'comment') ?? [];
        // `messages.push(role: "user", ...)`: one hash of keyword pairs, not read here.
        if (!space || args.some((a) => a.type === 'pair')) return change(receiver, 'other');
        return methodChanges({ name: receiver!.text, space }, method, args, RUBY_MUTATORS);
      }
      default:
        return [];
    }
  },
};

/** The nearest ancestor of `node` of this type. */
function enclosing(node: Node, type: string): Node | undefined {
  for (let n = node.parent; n; n = n.parent) if (n.type === type) return n;
  return undefined;
}

/** The last expression of each branch of a `case` / `if` / `unless` (`elsif` followed), but for branches that raise. */
function branchValues(node: Node): Node[] {
  const last = (body: Node | null | undefined) => body?.namedChildren.filter((c) => c?.type !== 'comment').at(-1) ?? undefined;
  const raises = (n: Node) => n.type === 'call' && !n.childForFieldName('receiver') && /^(raise|fail)$/.test(n.childForFieldName('method')?.text ?? '');
  const out: Node[] = [];
  const add = (n: Node | undefined) => {
    if (n && !raises(n) && !(n.type === 'identifier' && /^(raise|fail)$/.test(n.text))) out.push(n);
  };
  if (node.type === 'case') {
    for (const c of node.namedChildren) {
      if (c?.type === 'when') add(last(c.childForFieldName('body')));
      else if (c?.type === 'else') add(last(c));
    }
    return out;
  }
  for (let n: Node | null = node, i = 0; n && i < 32; i++) {
    add(last(n.childForFieldName('consequence')));
    const alt: Node | null = n.childForFieldName('alternative');
    if (alt?.type === 'elsif') n = alt;
    else {
      if (alt) add(last(alt));
      break;
    }
  }
  return out;
}

/** The keys of `a[:messages][:x]` from the local down, when every one is a literal; else undefined. */
function keyPath(n: Node | null): string[] | undefined {
  const path: string[] = [];
  for (let cur = n, i = 0; cur && i < 16; i++) {
    if (cur.type === 'identifier' || cur.type === 'instance_variable') return path.length ? path : undefined;
    if (cur.type !== 'element_reference') return undefined;
    const key = cur.namedChildren[1];
    const name = key ? keyName(key) : undefined;
    if (!name || cur.namedChildren.length !== 2) return undefined;
    path.unshift(name);
    cur = cur.namedChildren[0];
  }
  return undefined;
}

/** The local or instance variable at the bottom of `a[:k]`, `a.b`, `a << b << c`. */
function rootOf(n: Node | null): Node | null {
  let cur = n;
  for (let i = 0; cur && i < 16; i++) {
    if (cur.type === 'identifier' || cur.type === 'instance_variable') return cur;
    cur =
      cur.type === 'element_reference'
        ? cur.namedChildren[0]
        : cur.type === 'binary'
          ? cur.childForFieldName('left')
          : cur.type === 'call'
            ? cur.childForFieldName('receiver')
            : null;
  }
  return null;
}

/** An operator node's operator (`<<`, `+=`). */
function operatorOf(node: Node): string {
  return node.childForFieldName('operator')?.text ?? node.children.find((c) => c && !c.isNamed && c.type !== '(' && c.type !== ')')?.text ?? '';
}

export const rubyRecognizer = (parser: Parser) => treeSitterRecognizer(parser, (text, root, ctx) => new RubyFile(text, root, ctx));

/**
 * Ruby's front-end: lowers tree-sitter-ruby's nodes to the intermediate model. `X.new(...)` is
 * an instance of `X`; a call without arguments or block (`client.chat`) is a call like any
 * other, which the evaluator reads as a resource when its receiver is a client.
 */
class RubyFrontEnd extends TreeSitterFrontEnd {
  readonly flavor = 'ruby' as const;
  readonly concatOp = '+';
  readonly listConcatOp = '+';
  readonly repeatOp = '*';
  readonly staticSeparator = '::';
  readonly moduleSeparator = '::';
  private heredocs: Map<number, Node> | undefined;

  constructor(private readonly root: Node) {
    super();
  }

  superclassOf(at: Node): string[] | undefined {
    const cls = enclosing(at, 'class');
    const sup = cls?.childForFieldName('superclass')?.namedChildren[0];
    if (!cls || !sup || !/^(::)?[A-Z][\w:]*$/.test(sup.text)) return undefined;
    if (sup.text.startsWith('::')) return [sup.text.slice(2)];
    // Looked up from the innermost module outwards, as Ruby resolves a constant lexically.
    const nesting: string[] = [];
    for (let n = cls.parent; n; n = n.parent) if (n.type === 'module' || n.type === 'class') nesting.unshift(n.childForFieldName('name')?.text ?? '');
    const out: string[] = [];
    for (let i = nesting.length; i >= 0; i--) out.push([...nesting.slice(0, i), sup.text].filter(Boolean).join('::'));
    return out;
  }

  classMacros(at: Node): string[] {
    const body = enclosing(at, 'class')?.childForFieldName('body');
    return (body?.namedChildren ?? []).flatMap((c) =>
      c?.type === 'identifier' ? [c.text] : c?.type === 'call' && !c.childForFieldName('receiver') ? [c.childForFieldName('method')?.text ?? ''] : [],
    );
  }

  superKeyword(at: Node, name: string): Node | undefined {
    const cls = enclosing(at, 'class');
    const init = cls?.childForFieldName('body')?.namedChildren.find((m) => m?.type === 'method' && m.childForFieldName('name')?.text === 'initialize');
    for (const call of init?.descendantsOfType('call') ?? []) {
      if (call?.childForFieldName('method')?.type !== 'super') continue;
      for (const a of call.childForFieldName('arguments')?.namedChildren ?? []) {
        const entry = a?.type === 'pair' ? pairEntry(a) : undefined;
        if (entry?.key === name && 'value' in entry) return entry.value;
      }
    }
    return undefined;
  }

  isSelf(node: Node): boolean {
    return node.type === 'self';
  }

  lower(node: Node): Expr<Node> {
    const opaque = { node, k: 'opaque' as const };
    switch (node.type) {
      case 'parenthesized_statements': {
        const inner = node.namedChildren;
        return inner.length === 1 && inner[0] ? { node, k: 'group', inner: inner[0] } : opaque;
      }
      // `*BASE` in an array: what BASE holds (the list spreads it in place).
      case 'splat_argument':
        return node.namedChildren[0] ? { node, k: 'group', inner: node.namedChildren[0] } : opaque;
      case 'identifier':
        return { node, k: 'name', name: node.text, space: 'local' };
      case 'instance_variable':
        return { node, k: 'name', name: node.text, space: 'field' };
      case 'constant':
        return { node, k: 'name', name: node.text, space: 'constant' };
      case 'scope_resolution': {
        // Prompts::SYSTEM: maybe a constant of a module of the project, in the file its path names.
        const segments = constantPath(node);
        return segments ? { node, k: 'path', segments, module: segments.slice(0, -1).join('::') || undefined } : opaque;
      }
      case 'call': {
        const receiver = node.childForFieldName('receiver');
        const method = node.childForFieldName('method');
        if (!method) return opaque;
        const argList = node.childForFieldName('arguments');
        // OpenAI::Client.new(...)
        if (method.text === 'new' && receiver && receiver.type !== 'self') return { node, k: 'new', cls: receiver.text, argsNode: argList };
        // `new(**args)`, `self.new` in a class method: an instance of the class around it.
        if (method.text === 'new') {
          const name = enclosing(node, 'class')?.childForFieldName('name')?.text;
          if (name) return { node, k: 'new', cls: name, argsNode: argList, own: true };
        }
        return { node, k: 'call', object: receiver, name: method.text, nameNode: method, argsNode: argList, block: !!node.childForFieldName('block') };
      }
      case 'string':
      case 'delimited_symbol':
        return { node, k: 'str', parts: node.namedChildren.flatMap((c) => (c ? stringSeg(c) : [])) };
      case 'heredoc_beginning': {
        const body = this.heredocBody(node);
        return body ? { node, k: 'str', parts: heredocParts(body, node.text.startsWith('<<~')) } : opaque;
      }
      case 'simple_symbol':
        return { node, k: 'str', parts: [{ text: node.text.slice(1) }] };
      case 'integer':
      case 'float':
        return this.number(node);
      case 'true':
      case 'false':
        return { node, k: 'bool', value: node.type === 'true' };
      case 'nil':
        return { node, k: 'null' };
      case 'array': {
        const items: Node[] = [];
        const spreads: Node[] = [];
        for (const c of node.namedChildren) if (c) (c.type === 'splat_argument' ? spreads : items).push(c);
        return { node, k: 'list', items, spreads };
      }
      // %w[a b], %i[a b]: a list of words.
      case 'string_array':
      case 'symbol_array':
        return { node, k: 'list', items: node.namedChildren.filter((c): c is Node => !!c), spreads: [] };
      case 'bare_string':
      case 'bare_symbol':
        // A word of %w[...] (%W's with interpolation is unknown).
        return node.namedChildren.every((c) => c?.type === 'string_content') ? { node, k: 'str', parts: [{ text: node.text }] } : this.opaque(node);
      case 'hash': {
        const items: MapItem<Node>[] = [];
        for (const c of node.namedChildren) {
          if (c?.type === 'pair') {
            const entry = pairEntry(c);
            if (entry) items.push(entry);
          } else if (c?.type === 'hash_splat_argument' && c.namedChildren[0]) items.push({ spread: c.namedChildren[0] });
        }
        return { node, k: 'map', items };
      }
      case 'binary':
        return this.binary(node);
      case 'conditional':
        return this.choice(node, 'consequence', 'alternative');
      // A `case` or `if` used as a value (a method's last expression): one of its branches' last
      // expressions, chosen at run time; a branch that raises gives none.
      case 'case':
      case 'if':
      case 'unless': {
        const options = branchValues(node);
        return options.length ? { node, k: 'choice', options, strict: true } : opaque;
      }
      default:
        return opaque;
    }
  }

  /** Keyword arguments (`model: "x"`), `**splat`s, a trailing hash and positional arguments, in order. */
  args(argList: Node): Arg<Node>[] {
    const out: Arg<Node>[] = [];
    for (const a of argList.namedChildren) {
      if (!a) continue;
      if (a.type === 'pair') {
        const entry = pairEntry(a);
        if (entry) out.push({ kind: 'named', name: entry.key, value: entry.value });
      } else if (a.type === 'hash_splat_argument') {
        if (a.namedChildren[0]) out.push({ kind: 'spread', value: a.namedChildren[0] });
      } else if (a.type !== 'splat_argument' && a.type !== 'block_argument' && a.type !== 'comment') out.push({ kind: 'pos', value: a });
    }
    return out;
  }

  /** The body of a heredoc: bodies follow their beginnings in the order the beginnings are written. */
  private heredocBody(beginning: Node): Node | undefined {
    if (!this.heredocs) {
      this.heredocs = new Map();
      const waiting: Node[] = [];
      for (const n of this.root.descendantsOfType(['heredoc_beginning', 'heredoc_body'])) {
        if (!n) continue;
        if (n.type === 'heredoc_beginning') waiting.push(n);
        else {
          const b = waiting.shift();
          if (b) this.heredocs.set(b.id, n);
        }
      }
    }
    return this.heredocs.get(beginning.id);
  }
}

class RubyFile extends ModelFile {
  constructor(
    text: string,
    private readonly root: Node,
    ctx?: ImportContext,
  ) {
    super(text, root, SHAPE, new RubyFrontEnd(root), ctx);
  }

  /**
   * Also a library's settings made in a `configure` block (`RubyLLM.configure do |config|
   * config.default_model = "gemini-2.5-flash" end` in an initializer), as `RubyLLM.config.default_model`.
   */
  override exports(): ModuleExports {
    const out = super.exports();
    if (!this.text.includes('.configure')) return out;
    for (const call of this.root.descendantsOfType('call')) {
      if (call?.childForFieldName('method')?.text !== 'configure') continue;
      const receiver = call.childForFieldName('receiver');
      const block = call.childForFieldName('block');
      const param = block?.childForFieldName('parameters')?.namedChildren.find((c) => c?.type === 'identifier')?.text;
      if (!receiver || !block || !param || !/^[A-Z][\w:]*$/.test(receiver.text)) continue;
      for (const a of block.descendantsOfType('assignment')) {
        const left = a?.childForFieldName('left');
        const right = a?.childForFieldName('right');
        if (left?.type !== 'call' || left.childForFieldName('receiver')?.text !== param || !right) continue;
        const val = this.ev.val(right);
        if (val.kind === 'str' || (val.kind === 'unknown' && val.default))
          out.set(`${receiver.text}.config.${left.childForFieldName('method')?.text}`, detachExport({ val }));
      }
    }
    return out;
  }

  protected toRawCall(node: Node, loop: string | null): RawCall | undefined {
    const found = this.ev.operation(node);
    if (!found) return undefined;
    const { client, op, call } = found;
    let args: ObjVal = call.argsNode
      ? this.ev.keywords(call, spanOf(call.argsNode), call.argsNode.text)
      : { kind: 'obj' as const, props: new Map(), open: [], node: null, span: spanOf(node), text: '' };
    // ruby-openai's `client.chat(parameters: {model: ..., messages: [...]})`: the request is the hash.
    const keyword = client.sdk.ruby?.paramsKeyword;
    if (keyword) {
      const v = args.props.get(keyword);
      args = v?.kind === 'obj' ? v : { kind: 'obj', props: new Map(), open: [v?.text ?? keyword], node: null, span: v?.span ?? args.span, text: v?.text ?? '' };
    }
    // RubyLLM's `chat.ask("question")`, `RubyLLM.embed(text, model: ...)`.
    args = this.withPositional(op, call, args);
    // A block given to a method that streams through a callback (`chat.ask(q) { |chunk| ... }`).
    if (call.block && op.streaming === 'callback' && !args.props.has('stream'))
      args = { ...args, props: new Map(args.props).set('stream', { kind: 'bool', value: true, span: spanOf(node), text: 'a block' }) };
    // No model named: the application's own setting of the library's default, when an initializer makes it
    // (`RubyLLM.configure { |c| c.default_model = "..." }` read as `RubyLLM.config.default_model`).
    const modelDefault = op.modelDefault?.expression;
    if (modelDefault && !args.props.has('model') && !client.bound?.props.has('model') && !client.bound?.open.length) {
      const root = modelDefault.split('.')[0];
      const configured = this.ev.ctx?.exportOf(root, modelDefault)?.val;
      // A context configured in its own block may set another default: the app's is then only assumed.
      if (configured && client.ownConfig) {
        const text = `${modelDefault}, unless the context's block sets its own`;
        args = { ...args, props: new Map(args.props).set('model', { kind: 'unknown', span: configured.span, text, default: configured }) };
      } else if (configured) args = { ...args, props: new Map(args.props).set('model', { ...configured, text: modelDefault }) };
    }
    const endpoint = endpointFromOptions(client.sdk, client.options?.()) ?? null;
    return this.operationCall(found, node, args, loop, { idioms: client.sdk.ruby }, { endpoint });
  }

  protected makeWriter(): RubyWriter {
    return new RubyWriter(this.text);
  }

  /** The pairs of a call's keyword arguments or of a hash, with their key names. */
  private pairs(node: Node): { pair: Node; key: Node; name: string | undefined }[] {
    const out: { pair: Node; key: Node; name: string | undefined }[] = [];
    const visit = (n: Node) => {
      for (const c of n.namedChildren) {
        if (c?.type === 'pair') {
          const key = c.childForFieldName('key');
          if (key) out.push({ pair: c, key, name: keyName(key) });
        } else if (c?.type === 'hash' && n.type === 'argument_list') visit(c);
      }
    };
    visit(node);
    return out;
  }

  /** `name: value` in a call's keyword arguments or a hash; an existing value of this file is replaced. */
  protected setParam(obj: ObjVal, name: string, value: Lit, target: WriteTarget): Edit[] | null {
    const node = obj.node as Node | null;
    if (!node) return null;
    const written = this.written(value, target);
    if (!written) return null;
    const existing = obj.props.get(name);
    if (existing) return inThisFile(this.text, existing) ? [{ span: existing.span, newText: written.text }] : null;
    // Only a parenthesized argument list or a hash literal has a place for another pair.
    if (node.type === 'argument_list' && !node.text.startsWith('(')) return null;
    if (node.type !== 'argument_list' && node.type !== 'hash') return null;
    // Keyword arguments take the SDK's spelling (`system_:`); a hash's keys are the API's.
    const key = node.type === 'argument_list' ? (target.idioms?.names?.[name] ?? name) : name;
    return [
      insertInList(
        this.text,
        { startIndex: node.startIndex, endIndex: node.endIndex, namedChildren: node.namedChildren.filter((c): c is Node => !!c) },
        `${(this.writer as RubyWriter).pairKey(key)} ${written.text}`,
        node.type === 'hash' ? '{' : '(',
      ),
    ];
  }

  /** Renames a pair's key, in the form it is written (`max_tokens:`, `:max_tokens =>`, `"max_tokens" =>`). */
  protected renameParam(obj: ObjVal, name: string, newName: string, target: WriteTarget): Edit[] | null {
    const node = obj.node as Node | null;
    if (!node || (node.type !== 'argument_list' && node.type !== 'hash')) return null;
    const p = this.pairs(node).find((x) => x.name === name || (node.type === 'argument_list' && x.name === target.idioms?.names?.[name]));
    if (!p) return null;
    const spelled = node.type === 'argument_list' ? (target.idioms?.names?.[newName] ?? newName) : newName;
    const k = p.key;
    if (k.type === 'hash_key_symbol') return /^[a-z_]\w*$/.test(spelled) ? [{ span: spanOf(k), newText: spelled }] : null;
    if (k.type === 'simple_symbol') return [{ span: spanOf(k), newText: this.writer.string(spelled, ':') }];
    if (k.type === 'string' && stringText(k) !== undefined) return [{ span: spanOf(k), newText: this.writer.string(spelled, k.text) }];
    return null;
  }
}

/** A pair key's name: `model:`, `:model =>`, `"model" =>`; a trailing underscore the SDK adds to a reserved name (`system_:`) is dropped. */
function keyName(key: Node): string | undefined {
  const name =
    key.type === 'hash_key_symbol' ? key.text : key.type === 'simple_symbol' ? key.text.slice(1) : key.type === 'string' ? stringText(key) : undefined;
  return name?.replace(/(?<=\w)_$/, '');
}

function stringText(n: Node): string | undefined {
  const parts = n.namedChildren;
  if (parts.some((p) => p && p.type !== 'string_content')) return undefined;
  return parts.map((p) => p?.text ?? '').join('');
}

const RB_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'", '0': '\0', s: ' ', e: '\x1b' };
function unescapeRuby(s: string): string {
  return s.replace(/\\(u\{?[0-9a-fA-F]{1,6}\}?|x[0-9a-fA-F]{1,2}|.)/g, (m, e: string) => {
    if (e[0] === 'u' || e[0] === 'x') {
      const cp = parseInt(e.replace(/[u{}x]/g, ''), 16);
      return Number.isFinite(cp) && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
    }
    return RB_ESCAPES[e] ?? e;
  });
}

/** `OpenAI::ChatModel::GPT_4O` as its segments; `::OpenAI` is rooted; anything but constants is not a path. */
function constantPath(node: Node): string[] | undefined {
  if (node.type === 'constant') return [node.text];
  if (node.type !== 'scope_resolution') return undefined;
  const name = node.childForFieldName('name');
  const scope = node.childForFieldName('scope');
  if (!name) return undefined;
  if (!scope) return [name.text];
  const head = constantPath(scope);
  return head ? [...head, name.text] : undefined;
}

/** A pair's key name and value: `model:`, `:model =>`, `"model" =>`; a trailing underscore the SDK adds to a reserved name (`system_:`) is dropped. */
function pairEntry(pair: Node): { key: string; value: Node } | undefined {
  const key = pair.childForFieldName('key');
  const value = pair.childForFieldName('value');
  const name = key ? keyName(key) : undefined;
  return name !== undefined && value ? { key: name, value } : undefined;
}

function stringSeg(c: Node): StrSeg<Node>[] {
  if (c.type === 'string_content' || c.type === 'heredoc_content') return [{ text: c.text }];
  if (c.type === 'escape_sequence') return [{ text: unescapeRuby(c.text) }];
  if (c.type === 'interpolation') {
    const inner = c.namedChildren[0];
    return [inner ? { expr: inner } : { hole: c.text }];
  }
  return [];
}

/**
 * A heredoc's text: from the line after its beginning to its end marker, without the end marker's
 * indentation; `<<~` also removes the indentation of its least indented line that is not blank
 * (measured on the source lines, as Ruby does).
 */
function heredocParts(body: Node, squiggly: boolean): StrSeg<Node>[] {
  const segs: (StrSeg<Node> & { source?: boolean })[] = [];
  for (const c of body.namedChildren) {
    if (!c || c.type === 'heredoc_end') continue;
    for (const s of stringSeg(c)) segs.push(c.type === 'heredoc_content' ? { ...s, source: true } : s);
  }
  // The body starts with the rest of the beginning's line (its newline); the end marker's indentation is not text.
  const first = segs[0];
  if (first && 'text' in first && first.source) segs[0] = { ...first, text: first.text.replace(/^[^\n]*\n/, '') };
  const last = segs.at(-1);
  if (last && 'text' in last && last.source) segs[segs.length - 1] = { ...last, text: last.text.replace(/(?<=\n|^)[ \t]+$/, '') };
  if (squiggly) {
    // Indentation of each source line that has something on it, at the starts of lines.
    let indent = Infinity;
    segs.forEach((s, i) => {
      if (!('text' in s) || !s.source) return;
      const lineStarts = i === 0 ? [0] : [];
      for (let j = s.text.indexOf('\n'); j >= 0; j = s.text.indexOf('\n', j + 1)) lineStarts.push(j + 1);
      for (const at of lineStarts) {
        if (i > 0 && at === 0) continue;
        const ws = /^[ \t]*/.exec(s.text.slice(at))![0].length;
        const next = s.text[at + ws];
        // Blank when the line ends there; a line continuing into an interpolation or escape is not blank.
        if (next === '\n' || (next === undefined && i === segs.length - 1)) continue;
        indent = Math.min(indent, ws);
      }
    });
    if (indent > 0 && indent !== Infinity) {
      const strip = new RegExp(`(^|\n)[ \t]{0,${indent}}`, 'g');
      return segs.map((s, i) => {
        if (!('text' in s) || !s.source) return s;
        const t = i === 0 ? s.text.replace(strip, '$1') : s.text.replace(new RegExp(`\n[ \t]{0,${indent}}`, 'g'), '\n');
        return { text: t };
      });
    }
  }
  return segs.map((s) => ('text' in s ? { text: s.text } : s));
}

/** What a Ruby iterable counts as: a range `(1..5)` from and to its ends, anything else its items. */
function rubyItems(node: Node): LoopCount<Node> | undefined {
  const inner = node.type === 'parenthesized_statements' && node.namedChildren.length === 1 ? node.namedChildren[0] : node;
  if (inner.type !== 'range') return { over: node };
  const from = inner.childForFieldName('begin');
  const to = inner.childForFieldName('end');
  return from && to ? { from, to, inclusive: inner.childForFieldName('operator')?.text === '..' } : undefined;
}

/** The count of an iterator call with a block: `3.times`, `1.upto(5)`, `items.each` (and the other iterators that run once per item). */
function rubyIteration(call: Node, method: string): LoopCount<Node> | undefined {
  const receiver = call.childForFieldName('receiver');
  if (!receiver) return undefined;
  if (method === 'times') return { times: receiver };
  if (method === 'upto') {
    const to = call.childForFieldName('arguments')?.namedChildren[0];
    return to ? { from: receiver, to, inclusive: true } : undefined;
  }
  return /^(each|map|flat_map|each_with_index|each_with_object|select|filter_map|collect)$/.test(method) ? rubyItems(receiver) : undefined;
}
