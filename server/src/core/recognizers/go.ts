// Go recognizer (tree-sitter): the official openai-go and anthropic-sdk-go modules.
// `client := openai.NewClient()` then `client.Chat.Completions.New(ctx, openai.ChatCompletionNewParams{...})`:
// clients in locals, package variables, typed parameters and struct fields (`s.client` with
// `client openai.Client`); params struct literals with their PascalCase fields read as the
// API's snake_case names; `openai.Int(n)` / `param.NewOpt(n)` wrappers, message helpers
// (`openai.UserMessage("...")`, `anthropic.NewUserMessage(anthropic.NewTextBlock("..."))`),
// `OfString` unions and model constants (`openai.ChatModelGPT4o`). On the shared model: this file
// lowers Go's syntax (model/ir.ts) and writes fixes; the evaluator resolves, reading the SDK
// helpers and constants from the catalogue.
import type { Node, Parser, Tree } from 'web-tree-sitter';
import { insertInList, inThisFile } from './edits';
import { GoWriter, goField } from '../writers/go';
import type { Edit, Lit, WriteTarget } from '../writers/lit';
import type { Arg, Expr, MapItem, Param } from '../model/ir';
import { countedFor, returnsOf, topLevel, snake, spanOf, type Assignment, type Change, type LanguageShape } from './scoped';
import { ModelFile, TreeSitterFrontEnd, treeSitterRecognizer } from './modelfile';
import type { ImportContext } from '../workspace';
import type { ObjVal, RawCall, Val } from './values';
import { CATALOGUE, operationNamesOf, type SdkSpec } from '../catalogue';

/** Packages whose `WithX(v)` functions are options of their constructors and calls (`OtherLanguage.functionalOptions`). */
const OPTION_PACKAGES: readonly string[] = CATALOGUE.flatMap((s) => (s.go?.functionalOptions ? s.go.packages : []));

/** Methods of Go SDK values that set request parameters in place (`model.SetMaxOutputTokens(1024)`). */
const GO_BINDERS: ReadonlySet<string> = new Set(CATALOGUE.flatMap((s) => Object.keys(s.go?.binders ?? {})));

const SHAPE: LanguageShape = {
  conditionals: new Set(['if_statement', 'expression_switch_statement', 'type_switch_statement', 'select_statement']),
  argumentParents: new Set(['argument_list']),
  types: [
    'for_statement',
    'short_var_declaration',
    'assignment_statement',
    'var_spec',
    'const_spec',
    'call_expression',
    'parameter_declaration',
    'field_declaration',
  ],
  functions: new Set(['function_declaration', 'method_declaration', 'func_literal']),
  classes: new Set(),
  loop(node) {
    if (node.type !== 'for_statement') return null;
    // `for _, x := range items`: the range expression is evaluated once.
    const range = node.namedChildren.find((c) => c?.type === 'range_clause');
    const right = range?.childForFieldName('right');
    if (right) return { label: 'for loop', once: [right], count: { over: right } };
    // `for i := 0; i < n; i++`
    const clause = node.namedChildren.find((c) => c?.type === 'for_clause');
    const init = clause?.childForFieldName('initializer');
    const name = init?.type === 'short_var_declaration' ? init.childForFieldName('left')?.namedChildren : undefined;
    const value = init?.childForFieldName('right')?.namedChildren;
    const variable = name?.length === 1 && value?.length === 1 && name[0] && value[0] ? { name: name[0].text, value: value[0] } : undefined;
    return {
      label: 'for loop',
      once: [],
      count: clause ? countedFor(variable, clause.childForFieldName('condition'), clause.childForFieldName('update')) : undefined,
    };
  },
  callTypes: new Set(['call_expression']),
  // `func prompt(q string, a, b int, rest ...string)`
  parameters: (fn) =>
    (fn.childForFieldName('parameters')?.namedChildren ?? []).flatMap((p): Param<Node>[] => {
      const names = p ? p.childrenForFieldName('name').flatMap((n) => (n ? [n.text] : [])) : [];
      return p?.type === 'variadic_parameter_declaration' ? [{ name: names[0] ?? '...', key: '', rest: true }] : names.map((name) => ({ name, key: name }));
    }),
  // `return client, nil`: the first result.
  returned: (fn) => returnsOf(fn, 'return_statement', (r) => r.namedChildren[0]?.namedChildren[0]),
  assignments(node) {
    if (node.type === 'short_var_declaration' || node.type === 'assignment_statement') {
      const left = node.childForFieldName('left')?.namedChildren ?? [];
      const right = node.childForFieldName('right')?.namedChildren ?? [];
      const out: Assignment[] = [];
      // `a, err := f()`: the first name takes the call's first result. `x = append(x, ...)` changes x (`changes`).
      left.forEach((l, i) => {
        const r = right.length === left.length ? right[i] : i === 0 ? right[0] : undefined;
        if (l?.type === 'identifier' && r && l.text !== '_' && !selfAppend(l, r)) out.push({ kind: 'local', name: l.text, value: r });
        // `a.client = bedrockruntime.NewFromConfig(cfg)` (in a Configure method): what the field named so holds.
        const field =
          l?.type === 'selector_expression' && l.childForFieldName('operand')?.type === 'identifier' ? l.childForFieldName('field')?.text : undefined;
        if (node.type === 'assignment_statement' && field && r && r.type === 'call_expression') out.push({ kind: 'member', name: field, value: r });
      });
      return out;
    }
    if (node.type === 'var_spec' || node.type === 'const_spec') {
      const names = node.childrenForFieldName('name');
      const values = node.childForFieldName('value')?.namedChildren ?? [];
      // `var client openai.Client`: what it holds is known by its type.
      const type = node.childForFieldName('type');
      // Package-level vars and consts are visible everywhere in the file.
      const top = node.parent?.parent?.type === 'source_file';
      return names.flatMap((n, i) => {
        const value = values[i] ?? (values.length === 0 ? type : null);
        return n && value ? [{ kind: top ? ('constant' as const) : ('local' as const), name: n.text, value }] : [];
      });
    }
    // `func f(client *openai.Client)`: a parameter holds a value of its type.
    if (node.type === 'parameter_declaration') {
      const type = node.childForFieldName('type');
      return type ? node.childrenForFieldName('name').flatMap((n) => (n ? [{ kind: 'local' as const, name: n.text, value: type }] : [])) : [];
    }
    // `client openai.Client` in a struct: `x.client` is one, whatever `x` is.
    if (node.type === 'field_declaration') {
      const type = node.childForFieldName('type');
      return type ? node.childrenForFieldName('name').flatMap((n) => (n ? [{ kind: 'member' as const, name: n.text, value: type }] : [])) : [];
    }
    return [];
  },
  ownMembers(object, values) {
    const type = typeOf(object);
    if (!type) return values;
    const own = values.filter((v) => ownerOf(v) === type);
    return own.length ? own : values;
  },
  embedded(self) {
    const method = methodAround(self);
    return method ? (methodIndex(self.tree).embeds.get(method.type) ?? []) : [];
  },
  // `messages = append(messages, m, history...)`; `messages[0] = m`, `params["k"] = v`: other changes;
  // `model.SetMaxOutputTokens(1024)`: a binder applied to the local (clients.ts `changedInPlace`).
  changesIf: new RegExp(`\\bappend\\s*\\(|\\]\\s*=[^=]|\\.\\w+\\s*=[^=]${GO_BINDERS.size ? `|\\.(?:${[...GO_BINDERS].join('|')})\\s*\\(` : ''}`),
  changes(node) {
    if (node.type === 'call_expression') {
      const fn = node.childForFieldName('function');
      const operand = fn?.type === 'selector_expression' ? fn.childForFieldName('operand') : null;
      const method = fn?.childForFieldName('field')?.text;
      return operand?.type === 'identifier' && method && GO_BINDERS.has(method) && node.parent?.type === 'expression_statement'
        ? [{ name: operand.text, space: 'local', kind: 'other' }]
        : [];
    }
    if (node.type !== 'assignment_statement') return [];
    const left = node.childForFieldName('left')?.namedChildren ?? [];
    const right = node.childForFieldName('right')?.namedChildren ?? [];
    return left.flatMap((l, i): Change[] => {
      const r = right[i];
      // `params.MaxTokens = openai.Int(100)`: a property set; `params.Messages = append(params.Messages, m)`,
      // `messages[0] = m`: changed inside.
      if (l?.type === 'index_expression' || l?.type === 'selector_expression') {
        const path: string[] = [];
        let indexed = false;
        let target: Node | null = l;
        while (target?.type === 'index_expression' || target?.type === 'selector_expression') {
          if (target.type === 'selector_expression') path.unshift(snake(target.childForFieldName('field')?.text ?? ''));
          else {
            indexed = true;
            path.length = 0;
          }
          target = target.childForFieldName('operand');
        }
        if (target?.type !== 'identifier') return [];
        const set = !indexed && !!r && !(r.type === 'call_expression' && r.childForFieldName('function')?.text === 'append');
        return [{ name: target.text, space: 'local', kind: set ? 'set' : 'other', arg: set ? r : undefined, path: path.length ? path : undefined }];
      }
      if (!l || !r || !selfAppend(l, r)) return [];
      const args = r.childForFieldName('arguments')?.namedChildren.slice(1) ?? [];
      return args.flatMap((a): Change[] =>
        !a
          ? []
          : a.type === 'variadic_argument'
            ? [{ name: l.text, space: 'local', kind: 'extend', arg: a.namedChildren[0] ?? a }]
            : [{ name: l.text, space: 'local', kind: 'append', arg: a }],
      );
    });
  },
  callName(node) {
    if (node.type !== 'call_expression') return null;
    const fn = node.childForFieldName('function');
    return fn?.type === 'selector_expression' ? (fn.childForFieldName('field')?.text ?? null) : null;
  },
};

export const goRecognizer = (parser: Parser) => treeSitterRecognizer(parser, (text, root, ctx) => new GoFile(text, root, ctx));

type MethodSpan = { start: number; end: number; receiver: string; type: string; name: string };
const METHODS = new WeakMap<Tree, { methods: MethodSpan[]; embeds: Map<string, Node[]>; structs: Map<string, Node> }>();

/**
 * A file's methods in document order (their ranges, receiver names and receiver types) and the
 * types each struct of the file embeds, found once per tree: tree-sitter's `parent` searches from
 * the root, so the method around a node is found by position instead.
 */
function methodIndex(tree: Tree): { methods: MethodSpan[]; embeds: Map<string, Node[]>; structs: Map<string, Node> } {
  let index = METHODS.get(tree);
  if (index) return index;
  const root = tree.rootNode;
  const methods = root.descendantsOfType('method_declaration').flatMap((m): MethodSpan[] => {
    const param = m?.childForFieldName('receiver')?.namedChildren[0];
    const t = param?.childForFieldName('type');
    const type = (t?.type === 'pointer_type' ? t.namedChildren[0] : t)?.text;
    return m && type
      ? [{ start: m.startIndex, end: m.endIndex, receiver: param?.childForFieldName('name')?.text ?? '', type, name: m.childForFieldName('name')?.text ?? '' }]
      : [];
  });
  const embeds = new Map<string, Node[]>();
  const structs = new Map<string, Node>();
  for (const spec of root.descendantsOfType('type_spec')) {
    const struct = spec?.childForFieldName('type');
    const name = spec?.childForFieldName('name')?.text;
    if (!name || struct?.type !== 'struct_type') continue;
    structs.set(name, struct);
    // Fields without a name embed their type: `*api.Client`, `openai.Client`.
    const types = struct
      .descendantsOfType('field_declaration')
      .flatMap((f) =>
        f && f.parent?.parent?.id === struct.id && !f.childForFieldName('name') && f.childForFieldName('type') ? [f.childForFieldName('type')!] : [],
      );
    if (types.length) embeds.set(name, types);
  }
  index = { methods, embeds, structs };
  METHODS.set(tree, index);
  return index;
}

/**
 * The struct type an expression is, where the file says: a method's receiver (`c` in `func (c
 * *Provider)`), or a field of one declared with a struct type of the file (`c.client` with `client *wrapper`).
 */
function typeOf(node: Node, depth = 0): string | undefined {
  if (depth > 4) return undefined;
  if (node.type === 'identifier') {
    const m = methodAround(node);
    return m && m.receiver === node.text ? m.type : undefined;
  }
  if (node.type !== 'selector_expression') return undefined;
  const operand = node.childForFieldName('operand');
  const owner = operand ? typeOf(operand, depth + 1) : undefined;
  const struct = owner ? methodIndex(node.tree).structs.get(owner) : undefined;
  const field = node.childForFieldName('field')?.text;
  const decl = struct?.descendantsOfType('field_declaration').find((f) => f?.childrenForFieldName('name').some((n) => n?.text === field));
  const t = decl?.childForFieldName('type');
  const named = t?.type === 'pointer_type' ? t.namedChildren[0] : t;
  return named?.type === 'type_identifier' ? named.text : undefined;
}

/** The struct a member's value belongs to: the struct declaring the field, or the receiver type of the method assigning it. */
function ownerOf(value: Node): string | undefined {
  for (let n: Node | null = value.parent, i = 0; n && i < 6; n = n.parent, i++) {
    if (n.type === 'type_spec') return n.childForFieldName('name')?.text;
    if (n.type === 'method_declaration' || n.type === 'function_declaration') break;
  }
  return methodAround(value)?.type;
}

/** The method around `node` (methods do not nest): the last one starting before it, by binary search, if it ends after it. */
function methodAround(node: Node): MethodSpan | undefined {
  const { methods } = methodIndex(node.tree);
  const at = node.startIndex;
  let lo = 0;
  let hi = methods.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (methods[mid].start <= at) lo = mid;
    else hi = mid - 1;
  }
  const m = methods[lo];
  return m && m.start <= at && at < m.end ? m : undefined;
}

/** An import path without its major-version segments: `github.com/openai/openai-go/v3/bedrock` is `github.com/openai/openai-go/bedrock`. */
function modulePath(path: string): string {
  return path
    .split('/')
    .filter((s) => !/^v\d+$/.test(s))
    .join('/');
}

/** The package name an import path gets when not aliased: `openai-go/v3` is `openai`, `anthropic-sdk-go` is `anthropic`. */
function packageName(path: string): string {
  const segs = path.split('/').filter((s) => !/^v\d+$/.test(s));
  return (segs.at(-1) ?? '').replace(/-go$/, '').replace(/-sdk$/, '').replace(/^go-/, '');
}

/**
 * Go's front-end: lowers tree-sitter-go's nodes to the intermediate model. A package name is a
 * module (`openai` -> `github.com/openai/openai-go`); struct literals are maps with the API's
 * snake_case names (`MaxTokens` -> `max_tokens`), a union set through one member
 * (`ResponseNewParamsInputUnion{OfString: ...}`) is that member's value; `&x` and `*x` are `x`.
 */
class GoFrontEnd extends TreeSitterFrontEnd {
  readonly flavor = 'go' as const;
  readonly concatOp = '+';
  readonly staticSeparator = '.';
  readonly moduleSeparator = '/';
  /** Local package names, by the module paths they import. */
  readonly imports = new Map<string, string>();
  get importedModules(): string[] {
    return [...this.imports.values()];
  }

  constructor(root: Node) {
    super();
    // Imports precede every other declaration.
    const prelude = new Set(['package_clause', 'comment']);
    for (const decl of topLevel(root, new Set(['import_declaration']), { ends: (n) => !prelude.has(n.type) }))
      for (const spec of decl.descendantsOfType('import_spec')) {
        if (!spec) continue;
        const path = spec.childForFieldName('path')?.text.replace(/^["`]|["`]$/g, '') ?? '';
        const name = spec.childForFieldName('name')?.text ?? packageName(path);
        if (name !== '_' && name !== '.') this.imports.set(name, modulePath(path));
      }
  }

  /** The method's receiver (`c` in `func (c *Client) ask()`, also inside its closures): its methods are the type's. */
  isSelf(node: Node): boolean {
    return node.type === 'identifier' && methodAround(node)?.receiver === node.text;
  }

  lower(node: Node): Expr<Node> {
    const opaque = { node, k: 'opaque' as const };
    switch (node.type) {
      case 'literal_element':
      case 'parenthesized_expression':
      case 'pointer_type':
        return node.namedChildren[0] ? { node, k: 'group', inner: node.namedChildren[0] } : opaque;
      case 'unary_expression': {
        // &anthropic.TextBlockParam{...}, *client
        const op = node.childForFieldName('operator')?.text;
        const operand = node.childForFieldName('operand');
        return operand && (op === '&' || op === '*') ? { node, k: 'group', inner: operand } : opaque;
      }
      case 'identifier': {
        const module = this.imports.get(node.text);
        return module !== undefined ? { node, k: 'module', path: module } : { node, k: 'name', name: node.text, space: 'local' };
      }
      case 'qualified_type': {
        const module = this.imports.get(node.childForFieldName('package')?.text ?? '');
        const name = node.childForFieldName('name')?.text;
        return module !== undefined && name ? { node, k: 'typed', cls: name, module } : opaque;
      }
      case 'selector_expression': {
        const operand = node.childForFieldName('operand');
        const field = node.childForFieldName('field')?.text;
        return operand && field ? { node, k: 'member', object: operand, name: field } : opaque;
      }
      case 'call_expression': {
        const fn = node.childForFieldName('function');
        const argsNode = node.childForFieldName('arguments');
        if (fn?.type === 'selector_expression') {
          const field = fn.childForFieldName('field');
          return field ? { node, k: 'call', object: fn.childForFieldName('operand'), name: field.text, nameNode: field, argsNode, block: false } : opaque;
        }
        return fn?.type === 'identifier' ? { node, k: 'call', object: null, name: fn.text, nameNode: fn, argsNode, block: false } : opaque;
      }
      case 'interpreted_string_literal':
        return {
          node,
          k: 'str',
          parts: [{ text: node.namedChildren.map((c) => (c?.type === 'escape_sequence' ? unescapeGo(c.text) : (c?.text ?? ''))).join('') }],
        };
      case 'raw_string_literal':
        return { node, k: 'str', parts: [{ text: node.text.slice(1, -1) }] };
      case 'int_literal':
      case 'float_literal':
        return this.number(node);
      case 'true':
      case 'false':
        return { node, k: 'bool', value: node.type === 'true' };
      case 'nil':
        return { node, k: 'null' };
      case 'binary_expression':
        return this.binary(node);
      case 'composite_literal':
      case 'literal_value': {
        // A composite literal, or one whose type is elided inside a slice (`[]T{{Text: p}}`): the fix edits this node.
        const body = node.type === 'literal_value' ? node : node.childForFieldName('body');
        if (!body) return opaque;
        const keyed = body.namedChildren.filter((c): c is Node => c?.type === 'keyed_element');
        if (keyed.length === 0) {
          // []openai.ChatCompletionMessageParamUnion{...}: a list.
          return { node, k: 'list', items: body.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment'), spreads: [] };
        }
        const items: MapItem<Node>[] = [];
        for (const k of keyed) {
          const [key, value] = k.namedChildren;
          if (!key || !value) continue;
          // A map's string key (`map[string]any{"num_predict": 200}`) is as written; a struct's field is the API's snake_case name.
          const written = key.type === 'literal_element' ? (key.namedChildren[0] ?? key) : key;
          if (written.type === 'interpreted_string_literal' || written.type === 'raw_string_literal') items.push({ keyNode: written, value });
          else items.push({ key: snake(key.text), value });
        }
        const only = items.length === 1 ? items[0] : undefined;
        if (only && 'key' in only && only.key.startsWith('of_')) return { node, k: 'group', inner: only.value };
        return { node, k: 'map', items };
      }
      default:
        return opaque;
    }
  }

  /** Positional arguments; `opts...` is a spread; a functional option of an SDK that takes them (`openai.WithModel("gpt-4o")`) is a keyword. */
  args(argList: Node): Arg<Node>[] {
    const out: Arg<Node>[] = [];
    for (const a of argList.namedChildren) {
      if (!a || a.type === 'comment') continue;
      if (a.type === 'variadic_argument') {
        if (a.namedChildren[0]) out.push({ kind: 'spread', value: a.namedChildren[0] });
        continue;
      }
      const option = this.functionalOption(a);
      out.push(option ?? { kind: 'pos', value: a });
    }
    return out;
  }

  /** `llms.WithMaxTokens(100)`: the keyword `max_tokens`, when the package is one of an SDK taking functional options. */
  private functionalOption(a: Node): Arg<Node> | undefined {
    if (a.type !== 'call_expression' || !OPTION_PACKAGES.length) return undefined;
    const fn = a.childForFieldName('function');
    const name = fn?.type === 'selector_expression' ? fn.childForFieldName('field')?.text : undefined;
    const m = name ? /^With([A-Z]\w*)$/.exec(name) : null;
    const pkg = m ? this.imports.get(fn!.childForFieldName('operand')?.text ?? '') : undefined;
    if (!m || pkg === undefined || !OPTION_PACKAGES.some((p) => pkg === p || pkg.startsWith(`${p}/`))) return undefined;
    const args = a.childForFieldName('arguments')?.namedChildren.filter((x): x is Node => !!x && x.type !== 'comment') ?? [];
    return args.length === 1 ? { kind: 'named', name: snake(m[1]), value: args[0] } : undefined;
  }
}

class GoFile extends ModelFile {
  private readonly front: GoFrontEnd;

  constructor(text: string, root: Node, ctx?: ImportContext) {
    const front = new GoFrontEnd(root);
    super(text, root, SHAPE, front, ctx);
    this.front = front;
  }

  /** `(ctx, params, ...options)`: the params struct is the first composite literal after the context, or a variable holding one. */
  protected toRawCall(node: Node, loop: string | null): RawCall | undefined {
    const found = this.ev.operation(node);
    if (!found) return undefined;
    const { client, op, call } = found;
    // A decorator of the SDK's interface forwarding to the value it wraps (`func (c *cachedLLM) GenerateContent(...)
    // { return c.inner.GenerateContent(...) }`): the call through the decorator is the one counted.
    if (client.injected && this.decorates(node, call.name, client.sdk)) return undefined;
    let args: ObjVal | undefined;
    // `Models.GenerateContent(ctx, model, contents, config)`: the arguments by position, as the operation names them.
    // Functional options (`llms.WithMaxTokens(256)`) are its keywords; options spread (`opts...`) are not known.
    if (op.positional?.length) {
      const props = new Map<string, Val>();
      const open: string[] = [];
      for (const a of this.ev.args(call)) {
        if (a.kind === 'named') props.set(a.name, this.ev.val(a.value));
        else if (a.kind === 'spread') open.push(a.value.text);
      }
      args = this.withPositional(op, call, { kind: 'obj', props, open, node: null, span: spanOf(node), text: '' });
    } else
      for (const a of this.ev.args(call).slice(1)) {
        if (a.kind !== 'pos') continue;
        const v = this.ev.val(a.value);
        if (v.kind === 'obj') {
          args = v;
          break;
        }
        if (v.kind === 'unknown' && !a.value.text.startsWith('option.')) {
          args = { kind: 'obj', props: new Map(), open: [a.value.text], node: null, span: spanOf(a.value), text: a.value.text };
          break;
        }
      }
    args ??= { kind: 'obj', props: new Map(), open: [], node: null, span: spanOf(node), text: '' };
    // The SDK's root package under its local name: the types a fix writes are qualified by it.
    const pkg = [...this.front.imports].find(([, path]) => {
      const m = this.ev.moduleSdk(path);
      return m?.sdk === client.sdk && m.sub === '';
    })?.[0];
    return this.operationCall(found, node, args, loop, { idioms: client.sdk.go, pkg }, { clientClass: null });
  }

  /**
   * Whether the call is a decorator's forwarding: made in a method of the same name, of a type that
   * has at least one other of the interface's methods (`GenerateContent` and `Call` of `llms.Model`).
   */
  private decorates(node: Node, name: string, sdk: SdkSpec): boolean {
    const m = methodAround(node);
    if (m?.name !== name) return false;
    const ops = operationNamesOf(sdk, 'go');
    return methodIndex(node.tree).methods.some((x) => x.type === m.type && x.name !== name && ops.includes(x.name));
  }

  protected makeWriter(): GoWriter {
    return new GoWriter(this.text);
  }

  /** The keyed elements of a struct literal (`MaxTokens: 1024`), or null when `obj` is not one of this file. */
  private structBody(obj: ObjVal): Node | null {
    const node = obj.node as Node | null;
    if (node?.type === 'composite_literal') return node.childForFieldName('body');
    return node?.type === 'literal_value' ? node : null;
  }

  /**
   * `Field: value` in a params struct literal; an existing value of this file is replaced. An
   * optional number is the SDK's `param.Opt` (`openai.Int(1024)`); a field the API requires is
   * plain (`MaxTokens: 1024` in anthropic-sdk-go).
   */
  protected setParam(obj: ObjVal, name: string, value: Lit, target: WriteTarget, opts: { required?: boolean }): Edit[] | null {
    const body = this.structBody(obj);
    if (!body) return null;
    const written = this.written(value, target);
    if (!written) return null;
    let text = written.text;
    if (value.kind === 'num' && !opts.required && !target.idioms?.plainInts) {
      if (!target.idioms?.optionalInt || !target.pkg || !Number.isInteger(value.value)) return null;
      text = `${target.pkg}.${target.idioms.optionalInt}(${text})`;
    }
    const existing = obj.props.get(name);
    if (existing) return inThisFile(this.text, existing) ? [{ span: existing.span, newText: text }] : null;
    return [
      insertInList(
        this.text,
        { startIndex: body.startIndex, endIndex: body.endIndex, namedChildren: body.namedChildren.filter((c): c is Node => !!c) },
        `${goField(name)}: ${text}`,
        '{',
      ),
    ];
  }

  /** Renames a struct field (`MaxTokens` -> `MaxCompletionTokens`); both take the same `param.Opt` value. */
  protected renameParam(obj: ObjVal, name: string, newName: string): Edit[] | null {
    const body = this.structBody(obj);
    const key = body?.namedChildren.find((c) => c?.type === 'keyed_element' && c.namedChildren[0]?.text === goField(name))?.namedChildren[0];
    return key ? [{ span: spanOf(key), newText: goField(newName) }] : null;
  }
}

/** `MaxCompletionTokens` -> `max_completion_tokens` */

const GO_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'", a: '\x07', b: '\b', f: '\f', v: '\v' };
function unescapeGo(s: string): string {
  return s.replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|x[0-9a-fA-F]{2}|.)/g, (m, e: string) => {
    if (e.length > 1) {
      const cp = parseInt(e.slice(1), 16);
      return Number.isFinite(cp) && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
    }
    return GO_ESCAPES[e] ?? m;
  });
}

/** `x = append(x, ...)`: x grows in place, as far as what it holds is concerned. */
function selfAppend(left: Node, right: Node): boolean {
  if (left.type !== 'identifier' || right.type !== 'call_expression' || right.childForFieldName('function')?.text !== 'append') return false;
  return right.childForFieldName('arguments')?.namedChildren[0]?.text === left.text;
}
