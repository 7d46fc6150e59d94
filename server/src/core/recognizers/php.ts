// PHP recognizer (tree-sitter): openai-php/client (`OpenAI::client($key)->chat()->create([...])`,
// the PHP client in common use) and Anthropic's official SDK
// (`(new Anthropic\Client(apiKey: ...))->messages->create(maxTokens: 1024, ...)`).
// Arrays with string keys and named arguments are read as request params (camelCase named
// arguments as snake_case). Class names resolve through `use` statements.
import type { Node, Parser } from 'web-tree-sitter';
import { CATALOGUE } from '../catalogue';
import { insertInList, inThisFile } from './edits';
import { PhpWriter } from '../writers/php';
import type { Edit, Lit, WriteTarget } from '../writers/lit';
import type { Arg, Expr, MapItem, Param, StrSeg } from '../model/ir';
import { type Assignment, type Change, camel, countedFor, type LanguageShape, returnsOf, snake, spanOf, topLevel } from './scoped';
import { ModelFile, TreeSitterFrontEnd, treeSitterRecognizer } from './modelfile';
import { detachExport, type ImportContext, type ModuleExports } from '../workspace';
import type { ObjVal, RawCall, Val } from './values';

/** The string keys of `$a['messages']['x']` from the variable down, when every one is a literal; else undefined. */
function phpKeyPath(n: Node): string[] | undefined {
  const path: string[] = [];
  let cur: Node | null = n;
  for (let i = 0; cur?.type === 'subscript_expression' && i < 16; i++) {
    const [inner, index]: (Node | null)[] = cur.namedChildren;
    const key =
      index?.type === 'string' || index?.type === 'encapsed_string'
        ? index.namedChildren
            .filter((c) => c?.type === 'string_content' || c?.type === 'string_value')
            .map((c) => c.text)
            .join('')
        : undefined;
    if (!key || index.namedChildren.some((c) => c && c.type !== 'string_content' && c.type !== 'string_value')) return undefined;
    path.unshift(key);
    cur = inner;
  }
  return cur?.type === 'variable_name' || cur?.type === 'member_access_expression' ? path : undefined;
}

/** Functions that change the array they are passed, in other ways than appending. */
const PHP_MUTATORS: ReadonlySet<string> = new Set([
  'array_unshift',
  'array_splice',
  'array_pop',
  'array_shift',
  'sort',
  'rsort',
  'usort',
  'uasort',
  'uksort',
  'ksort',
  'krsort',
  'asort',
  'arsort',
  'shuffle',
  'array_walk',
]);
/** Text that may call `array_push` or one of those. */
const PHP_MUTATOR_CALLS = /\barray_(?:push|unshift|splice|pop|shift|walk)\s*\(|\b(?:r|u|ua|uk|k|kr|a|ar)?sort\s*\(|\bshuffle\s*\(/;

/** Methods of a built request that set parameters (Prism's `withMaxTokens`), from the catalogue. */
const PHP_BINDERS: ReadonlySet<string> = new Set(CATALOGUE.flatMap((s) => Object.keys(s.php?.binders ?? {})));

const SHAPE: LanguageShape = {
  conditionals: new Set(['if_statement', 'switch_statement', 'match_expression', 'conditional_expression', 'catch_clause']),
  argumentParents: new Set(['argument']),
  identifierTypes: ['variable_name'],
  classFieldsExported: true,
  types: [
    'foreach_statement',
    'for_statement',
    'while_statement',
    'do_statement',
    'assignment_expression',
    'property_declaration',
    'simple_parameter',
    'property_promotion_parameter',
    'const_element',
    'member_call_expression',
    'augmented_assignment_expression',
    'unset_statement',
  ],
  // Function calls matter only as array_push and the other mutators: asked for where the text names one.
  typesIf: { function_call_expression: PHP_MUTATOR_CALLS },
  changesIf: new RegExp(
    `\\[\\s*\\]\\s*=|\\.=|unset\\(|\\]\\s*=[^=>]|\\$\\w+->\\w+\\s*=[^=>]|${PHP_MUTATOR_CALLS.source}|->(?:${[...PHP_BINDERS].join('|')})\\s*\\(`,
  ),
  functions: new Set(['function_definition', 'method_declaration', 'anonymous_function', 'arrow_function']),
  // Closures capture by value (`use ($x)`), so none changes the outer variable.
  isolated: new Set(['function_definition', 'method_declaration', 'anonymous_function', 'arrow_function']),
  classes: new Set(['class_declaration', 'trait_declaration']),
  loop(node) {
    switch (node.type) {
      case 'foreach_statement': {
        const over = node.namedChildren[0];
        return { label: 'foreach loop', once: [over].filter((n): n is Node => !!n), count: over ? { over } : undefined };
      }
      case 'for_statement': {
        // `for ($i = 0; $i < $n; $i++)`
        const init = node.childForFieldName('initialize');
        const left = init?.type === 'assignment_expression' ? init.childForFieldName('left') : null;
        const value = init?.childForFieldName('right');
        const variable = left && value ? { name: left.text, value } : undefined;
        return { label: 'for loop', once: [], count: countedFor(variable, node.childForFieldName('condition'), node.childForFieldName('update')) };
      }
      case 'while_statement':
      case 'do_statement':
        return { label: node.type === 'while_statement' ? 'while loop' : 'do-while loop', once: [] };
      default:
        return null;
    }
  },
  returned: (fn) => returnsOf(fn, 'return_statement', (r) => r.namedChildren[0]),
  callTypes: new Set(['function_call_expression', 'member_call_expression']),
  bareCallsAreFunctions: true,
  // `function prompt(string $q, $tone = 'plain', ...$rest)`: `$q` in the body, `q:` as a named argument.
  parameters: (fn) =>
    (fn.childForFieldName('parameters')?.namedChildren ?? []).flatMap((p): Param<Node>[] => {
      const name = p?.childForFieldName('name')?.text;
      if (!p || !name) return [];
      if (p.type === 'variadic_parameter') return [{ name, key: name.slice(1), rest: true }];
      return [{ name, key: name.replace(/^\$/, ''), default: p.childForFieldName('default_value') ?? undefined }];
    }),
  assignments(node) {
    const out: Assignment[] = [];
    if (node.type === 'assignment_expression') {
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      if (!left || !right) return out;
      if (left.type === 'variable_name') out.push({ kind: 'local', name: left.text, value: right });
      else if (left.type === 'member_access_expression' && left.childForFieldName('object')?.text === '$this') {
        out.push({ kind: 'field', name: left.childForFieldName('name')?.text ?? '', value: right });
      }
    } else if (node.type === 'property_declaration') {
      const type = node.childForFieldName('type');
      for (const el of node.namedChildren) {
        if (el?.type !== 'property_element') continue;
        const name = el.childForFieldName('name')?.text.replace(/^\$/, '');
        const value = el.childForFieldName('default_value') ?? type;
        if (name && value) out.push({ kind: 'field', name, value });
      }
    } else if (node.type === 'simple_parameter' || node.type === 'property_promotion_parameter') {
      // `string $model = 'gpt-4o'`: the type says what it holds; the default what is assumed.
      const name = node.childForFieldName('name');
      const type = node.childForFieldName('type');
      const d = node.childForFieldName('default_value') ?? undefined;
      if (name && (type || d)) {
        out.push({ kind: 'local', name: name.text, value: type ?? d!, default: d });
        if (node.type === 'property_promotion_parameter' && type) out.push({ kind: 'field', name: name.text.replace(/^\$/, ''), value: type });
      }
    } else if (node.type === 'const_element') {
      const name = node.namedChildren[0];
      const value = node.namedChildren[1];
      if (name && value) out.push({ kind: 'constant', name: name.text, value });
    }
    return out;
  },
  callName(node) {
    return node.type === 'member_call_expression' ? (node.childForFieldName('name')?.text ?? null) : null;
  },
  // `$messages[] = $m`, `array_push($messages, $a, $b)`, `$prompt .= "..."`; `$params['k'] = $v`,
  // `array_shift($messages)`, `unset($messages[0])`: other changes.
  changes(node) {
    const change = (target: Node | null | undefined, kind: Change['kind'], arg?: Node): Change[] => {
      if (target?.type === 'variable_name') return [{ name: target.text, space: 'local', kind, arg }];
      if (target?.type === 'member_access_expression' && target.childForFieldName('object')?.text === '$this') {
        const name = target.childForFieldName('name')?.text;
        return name ? [{ name, space: 'field', kind, arg }] : [];
      }
      // `$params['messages'][] = $m`: a change inside what a local or field holds (at that key, when a literal).
      if (target?.type !== 'subscript_expression' && target?.type !== 'member_access_expression') return [];
      // `$n->items[] = 1`, `$n->name .= 'x'`: a change inside what `$n` holds (its object, a smaller node: the recursion ends).
      if (target.type === 'member_access_expression') {
        const object = target.childForFieldName('object');
        const name = target.childForFieldName('name')?.text;
        return object ? change(object, 'other').map((c) => (name ? { ...c, path: [snake(name)] } : c)) : [];
      }
      const path = phpKeyPath(target);
      let root: Node | null = target;
      while (root?.type === 'subscript_expression') root = root.namedChildren[0];
      return path && root ? change(root, 'other').map((c) => ({ ...c, path })) : change(target.namedChildren[0], 'other');
    };
    switch (node.type) {
      case 'assignment_expression': {
        const left = node.childForFieldName('left');
        // `$config->model = 'gpt-4o'`: a property of what a local holds set (LLPhant's configs).
        if (left?.type === 'member_access_expression') {
          const obj = left.childForFieldName('object');
          const name = left.childForFieldName('name')?.text;
          const right = node.childForFieldName('right') ?? undefined;
          return obj?.type === 'variable_name' && obj.text !== '$this' && name && right
            ? [{ name: obj.text, space: 'local', kind: 'set', arg: right, path: [snake(name)] }]
            : [];
        }
        if (left?.type !== 'subscript_expression') return [];
        const [target, index] = left.namedChildren;
        const key = index ? phpKeyPath(left) : undefined;
        // `$params['max_tokens'] = 256`: a key set.
        if (key?.length === 1 && (target?.type === 'variable_name' || target?.type === 'member_access_expression'))
          return change(target, 'set', node.childForFieldName('right') ?? undefined).map((c) => ({ ...c, path: key }));
        return change(target, index ? 'other' : 'append', index ? undefined : (node.childForFieldName('right') ?? undefined));
      }
      case 'augmented_assignment_expression': {
        const op = node.childForFieldName('operator')?.text ?? node.children.find((c) => c && !c.isNamed)?.text;
        return change(node.childForFieldName('left'), op === '.=' ? 'extend' : 'other', node.childForFieldName('right') ?? undefined);
      }
      case 'function_call_expression': {
        const fn = node.childForFieldName('function')?.text ?? '';
        const args =
          node
            .childForFieldName('arguments')
            ?.namedChildren.flatMap((a) => (a?.type === 'argument' && a.namedChildren.at(-1) ? [a.namedChildren.at(-1)!] : [])) ?? [];
        if (fn === 'array_push') return args.slice(1).flatMap((a) => change(args[0], 'append', a));
        return PHP_MUTATORS.has(fn) ? change(args[0], 'other') : [];
      }
      case 'unset_statement':
        return node.namedChildren.flatMap((c) => (c?.type === 'subscript_expression' ? change(c.namedChildren[0], 'other') : []));
      // `$request->withMaxTokens(500);` as a statement: a builder set in place (Prism's requests are mutable).
      case 'member_call_expression':
        return node.parent?.type === 'expression_statement' && PHP_BINDERS.has(node.childForFieldName('name')?.text ?? '')
          ? change(node.childForFieldName('object'), 'other')
          : [];
      default:
        return [];
    }
  },
};

export const phpRecognizer = (parser: Parser) => treeSitterRecognizer(parser, (text, root, ctx) => new PhpFile(text, root, ctx));

/**
 * PHP's front-end: lowers tree-sitter-php's nodes to the intermediate model. Class names are
 * resolved through `use` statements to fully qualified names (`Anthropic\Client`); `$this->x`
 * is a field; `Foo::bar()` a static function of a class.
 */
class PhpFrontEnd extends TreeSitterFrontEnd {
  readonly flavor = 'php' as const;
  readonly concatOp = '.';
  readonly staticSeparator = '::';
  readonly moduleSeparator = '\\';
  /** `use Anthropic\Client;` / `use Anthropic\Client as Claude;`: local class names to fully qualified ones. */
  private readonly uses = new Map<string, string>();

  /** The file's namespace (`namespace App\Services;`), or ''. */
  private readonly namespace: string;

  constructor(root: Node) {
    super();
    // `use` statements are at the top level of the file or of a braced namespace's body.
    const top = topLevel(root, new Set(['namespace_definition', 'namespace_use_declaration']), {
      into: (n) => (n.type === 'namespace_definition' ? n.childForFieldName('body') : null),
    });
    this.namespace = top.find((c) => c.type === 'namespace_definition')?.childForFieldName('name')?.text ?? '';
    for (const use of top) {
      if (use.type !== 'namespace_use_declaration') continue;
      // `use App\{Client, Support\Prompts as P};`: the group's names are below its prefix.
      const group = use.namedChildren.find((c) => c?.type === 'namespace_use_group');
      const prefix = group ? (use.namedChildren.find((c) => c?.type === 'namespace_name')?.text.replace(/^\\/, '') ?? '') : '';
      for (const clause of use.descendantsOfType('namespace_use_clause')) {
        if (!clause) continue;
        const names = clause.namedChildren.filter((c): c is Node => !!c);
        const name = names[0]?.text.replace(/^\\/, '') ?? '';
        const fqn = prefix && name ? `${prefix}\\${name}` : name;
        const alias = names[1]?.type === 'name' ? names[1].text : fqn.split('\\').at(-1)!;
        if (fqn) this.uses.set(alias, fqn);
      }
    }
  }

  private fqn(name: string): string {
    if (name.startsWith('\\')) return name.slice(1);
    const [head, ...rest] = name.split('\\');
    const used = this.uses.get(head);
    return used ? [used, ...rest].join('\\') : name;
  }

  isSelf(node: Node): boolean {
    return node.text === '$this';
  }

  lower(node: Node): Expr<Node> {
    const opaque = { node, k: 'opaque' as const };
    switch (node.type) {
      case 'parenthesized_expression':
        return node.namedChildren[0] ? { node, k: 'group', inner: node.namedChildren[0] } : opaque;
      case 'named_type':
      case 'optional_type':
        return { node, k: 'typed', cls: this.fqn(node.text.replace(/^\?/, '')) };
      case 'variable_name':
        return { node, k: 'name', name: node.text, space: 'local' };
      case 'name':
        return { node, k: 'name', name: node.text, space: 'constant' };
      case 'member_access_expression':
      case 'nullsafe_member_access_expression': {
        const object = node.childForFieldName('object');
        const name = node.childForFieldName('name')?.text;
        if (!object || !name) return opaque;
        return object.text === '$this' ? { node, k: 'name', name, space: 'field' } : { node, k: 'member', object, name };
      }
      case 'member_call_expression':
      case 'nullsafe_member_call_expression': {
        const nameNode = node.childForFieldName('name');
        return nameNode
          ? {
              node,
              k: 'call',
              object: node.childForFieldName('object'),
              name: nameNode.text,
              nameNode,
              argsNode: node.childForFieldName('arguments'),
              block: false,
            }
          : opaque;
      }
      case 'function_call_expression': {
        const fn = node.childForFieldName('function');
        return fn?.type === 'name'
          ? { node, k: 'call', object: null, name: fn.text, nameNode: fn, argsNode: node.childForFieldName('arguments'), block: false }
          : opaque;
      }
      case 'object_creation_expression': {
        const cls = node.namedChildren.find((c) => c?.type === 'name' || c?.type === 'qualified_name');
        return cls ? { node, k: 'new', cls: this.fqn(cls.text), argsNode: node.namedChildren.find((c) => c?.type === 'arguments') ?? null } : opaque;
      }
      case 'scoped_call_expression': {
        const scope = node.childForFieldName('scope');
        const nameNode = node.childForFieldName('name');
        return scope && nameNode
          ? { node, k: 'static', cls: this.fqn(scope.text), name: nameNode.text, nameNode, argsNode: node.childForFieldName('arguments') }
          : opaque;
      }
      case 'string':
        // Single-quoted: only `\'` and `\\` are escapes.
        return {
          node,
          k: 'str',
          parts: [{ text: node.namedChildren.map((c) => (c?.type === 'escape_sequence' ? c.text.slice(1) : (c?.text ?? ''))).join('') }],
        };
      case 'encapsed_string':
        return { node, k: 'str', parts: pieces(node) };
      case 'heredoc':
      case 'nowdoc':
        return { node, k: 'str', parts: heredocParts(node) };
      case 'integer':
      case 'float':
        return this.number(node);
      case 'boolean':
        return { node, k: 'bool', value: /^true$/i.test(node.text) };
      case 'null':
        return { node, k: 'null' };
      case 'binary_expression':
        return this.binary(node);
      case 'array_creation_expression':
        return arrayExpr(node);
      case 'class_constant_access_expression': {
        // self::MODEL, static::MODEL: a constant of this class (the first pass keeps constants by name).
        const [scope, name] = node.namedChildren;
        if (!scope || !name) return opaque;
        if (scope.type === 'relative_scope') return scope.text !== 'parent' ? { node, k: 'name', name: name.text, space: 'constant' } : opaque;
        // Prompts::SYSTEM: a constant of another class, by its full name (`use` statements), in the file PSR-4 names.
        if (scope.type !== 'name' && scope.type !== 'qualified_name') return opaque;
        const cls = this.fqn(scope.text);
        // A name no `use` imports is of this file's namespace.
        const module = scope.text.startsWith('\\') || this.uses.has(scope.text.split('\\')[0]) || !this.namespace ? cls : `${this.namespace}\\${scope.text}`;
        return { node, k: 'path', segments: [...cls.split('\\'), name.text], module };
      }
      default:
        return opaque;
    }
  }

  /** Named arguments (`maxTokens: 1024`, names as written), `...$spread`s and positional arguments, in order. */
  args(argList: Node): Arg<Node>[] {
    const out: Arg<Node>[] = [];
    for (const a of argList.namedChildren) {
      if (a?.type !== 'argument') continue;
      const expr = a.namedChildren.at(-1);
      if (!expr) continue;
      const name = a.childForFieldName('name')?.text;
      if (expr.type === 'variadic_unpacking') {
        if (expr.namedChildren[0]) out.push({ kind: 'spread', value: expr.namedChildren[0] });
      } else if (name) out.push({ kind: 'named', name, value: expr });
      else out.push({ kind: 'pos', value: expr });
    }
    return out;
  }
}

class PhpFile extends ModelFile {
  constructor(
    text: string,
    private readonly tree: Node,
    ctx?: ImportContext,
  ) {
    super(text, tree, SHAPE, new PhpFrontEnd(tree), ctx);
  }

  /** Also what the file returns at its top level (a Laravel config file's array, read by `config('file.key')`): `return`. */
  override exports(): ModuleExports {
    const out = super.exports();
    const ret = this.tree.namedChildren.find((c) => c?.type === 'return_statement')?.namedChildren[0];
    if (ret) {
      const val = this.ev.val(ret);
      if (val.kind === 'obj') out.set('return', detachExport({ val }));
    }
    return out;
  }

  /**
   * Request parameters come as one array (`->create([...])`, or a variable holding one), or as
   * named arguments (Anthropic's SDK: `maxTokens: 1024`), read with the API's snake_case names.
   * A fix inserts into the array when there is one, else into the arguments.
   */
  protected toRawCall(node: Node, loop: string | null): RawCall | undefined {
    const found = this.ev.operation(node);
    if (!found) return undefined;
    const { client, op, call } = found;
    // A test swapping the facade for a double (`OpenAI::fake([...])`): nothing is sent through it here.
    const fakes = client.sdk.php?.fakes;
    if (fakes && client.cls && client.sdk.php?.moduleClients?.includes(client.cls)) {
      const short = client.cls.split('\\').at(-1)!;
      if (fakes.some((f) => new RegExp(`\\b${short}::${f}\\s*\\(`).test(this.text))) return undefined;
    }
    const argList = call.argsNode;
    const props = new Map<string, Val>();
    const open: string[] = [];
    let holder: Node | null = argList;
    for (const a of this.ev.args(call)) {
      if (a.kind === 'spread') open.push(a.value.text);
      else if (a.kind === 'named') props.set(snake(a.name), this.ev.val(a.value));
      // `->generateContent('Hello')`, `->generateText($prompt)`: an operation naming its arguments takes them by position (below).
      else if (op.positional?.length) continue;
      else {
        const v = this.ev.val(a.value);
        if (v.kind === 'obj') {
          for (const [k, pv] of v.props) props.set(k, pv);
          open.push(...v.open);
          holder = v.node as Node | null;
        } else open.push(a.value.text);
      }
    }
    // An SDK that spells array keys in camelCase (Anthropic's) is read with the API's names.
    if (client.sdk.php?.keys === 'camel') for (const [k, v] of props) props.set(k, apiKeys(v));
    const read: ObjVal = { kind: 'obj', props, open, node: holder, span: argList ? spanOf(argList) : spanOf(node), text: argList?.text ?? '' };
    const args = op.positional?.length ? { ...this.withPositional(op, call, read), node: holder } : read;
    return this.operationCall(found, node, args, loop, { idioms: client.sdk.php });
  }

  protected makeWriter(): PhpWriter {
    return new PhpWriter(this.text);
  }

  /** The items of a params array or a call's arguments, with the API names they set. */
  private entries(node: Node): { name: string; key: Node; value: Node }[] {
    const out: { name: string; key: Node; value: Node }[] = [];
    for (const c of node.namedChildren) {
      if (node.type === 'array_creation_expression' && c?.type === 'array_element_initializer') {
        const [key, value] = c.namedChildren;
        const k = key && value ? this.ev.val(key) : undefined;
        const name = k?.kind === 'str' && k.parts.every((p) => 'text' in p) ? k.parts.map((p) => ('text' in p ? p.text : '')).join('') : undefined;
        if (name !== undefined && key && value) out.push({ name: snake(name), key, value });
      } else if (node.type === 'arguments' && c?.type === 'argument') {
        const key = c.childForFieldName('name');
        const value = c.namedChildren.at(-1);
        if (key && value) out.push({ name: snake(key.text), key, value });
      }
    }
    return out;
  }

  /**
   * `'key' => value` in a params array, or the named argument `name: value`, spelled as the SDK
   * documents (openai-php: the API's snake_case keys; Anthropic's SDK: camelCase); an existing
   * value of this file is replaced.
   */
  protected setParam(obj: ObjVal, name: string, value: Lit, target: WriteTarget): Edit[] | null {
    const node = obj.node as Node | null;
    if (!node || (node.type !== 'array_creation_expression' && node.type !== 'arguments')) return null;
    const quote = /"/.test(node.text) && !/'/.test(node.text) ? '"' : "'";
    const written = this.written(value, target, quote);
    if (!written) return null;
    const existing = obj.props.get(name);
    if (existing) return inThisFile(this.text, existing) ? [{ span: existing.span, newText: written.text }] : null;
    const items = { startIndex: node.startIndex, endIndex: node.endIndex, namedChildren: node.namedChildren.filter((c): c is Node => !!c) };
    const spelled = (this.writer as PhpWriter).name(name, { target, imports: new Set() });
    if (node.type === 'array_creation_expression') {
      if (!node.text.startsWith('[')) return null;
      return [insertInList(this.text, items, `${(this.writer as PhpWriter).quoted(spelled, quote)} => ${written.text}`, '[')];
    }
    return [insertInList(this.text, items, `${camel(name)}: ${written.text}`, '(')];
  }

  /** Renames an array key (its quotes kept) or a named argument. */
  protected renameParam(obj: ObjVal, name: string, newName: string, target: WriteTarget): Edit[] | null {
    const node = obj.node as Node | null;
    if (!node || (node.type !== 'array_creation_expression' && node.type !== 'arguments')) return null;
    const e = this.entries(node).find((x) => x.name === name);
    if (!e) return null;
    if (node.type === 'arguments') return [{ span: spanOf(e.key), newText: camel(newName) }];
    if (e.key.type !== 'string' && e.key.type !== 'encapsed_string') return null;
    return [{ span: spanOf(e.key), newText: this.writer.string((this.writer as PhpWriter).name(newName, { target, imports: new Set() }), e.key.text) }];
  }
}

const PHP_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', $: '$', '0': '\0', e: '\x1b', v: '\v', f: '\f' };
function unescapePhp(s: string): string {
  return s.replace(/\\(u\{[0-9a-fA-F]+\}|x[0-9a-fA-F]{1,2}|.)/g, (m, e: string) => {
    if (e[0] === 'u' || e[0] === 'x') {
      const cp = parseInt(e.replace(/[u{}x]/g, ''), 16);
      return Number.isFinite(cp) && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
    }
    return PHP_ESCAPES[e] ?? m;
  });
}

/** Keys whose values are the user's own data (a tool's JSON schema, metadata): their keys are not renamed. */
const DATA_KEYS = new Set(['input_schema', 'properties', 'metadata', 'schema', 'json_schema', 'parameters']);

/** A value with camelCase array keys read as the API's snake_case (`cacheControl` -> `cache_control`), down to data the user owns. */
function apiKeys(v: Val, depth = 0): Val {
  if (depth > 8) return v;
  if (v.kind === 'list') return { ...v, items: v.items.map((i) => apiKeys(i, depth + 1)) };
  if (v.kind !== 'obj') return v;
  const props = new Map<string, Val>();
  for (const [k, x] of v.props) {
    const key = snake(k);
    props.set(key, DATA_KEYS.has(key) ? x : apiKeys(x, depth + 1));
  }
  return { ...v, props };
}

/** A piece of a double-quoted string or heredoc: text, an escape, or an interpolated expression. */
function interpolated(c: Node): StrSeg<Node>[] {
  if (c.type === 'string_content' || c.type === 'string_value' || c.type === 'nowdoc_string') return [{ text: c.text }];
  if (c.type === 'escape_sequence') return [{ text: unescapePhp(c.text) }];
  return [{ expr: c }];
}

/**
 * The pieces of a double-quoted string or a heredoc body, in order. tree-sitter-php leaves some
 * text out of its content nodes (the line breaks of a heredoc), so the text between children is
 * read from the source; quotes and the braces of `{$x}` are not text.
 */
function pieces(container: Node): StrSeg<Node>[] {
  const segs: StrSeg<Node>[] = [];
  const src = container.text;
  const base = container.startIndex;
  let pos = base;
  const text = (t: string) => {
    const last = segs.at(-1);
    if (last && 'text' in last) segs[segs.length - 1] = { text: last.text + t };
    else if (t) segs.push({ text: t });
  };
  for (const c of container.children) {
    if (!c) continue;
    text(src.slice(pos - base, c.startIndex - base));
    if (c.isNamed) {
      for (const p of interpolated(c)) {
        if ('text' in p) text(p.text);
        else segs.push(p);
      }
    }
    pos = c.endIndex;
  }
  text(src.slice(pos - base));
  return segs;
}

/**
 * A heredoc or nowdoc's text: the lines between its markers. Since PHP 7.3 the closing marker
 * may be indented, and that indentation is removed from every line of the body.
 */
function heredocParts(node: Node): StrSeg<Node>[] {
  const body = node.namedChildren.find((c) => c?.type === 'heredoc_body' || c?.type === 'nowdoc_body');
  const end = node.namedChildren.find((c) => c?.type === 'heredoc_end');
  if (!body) return [];
  const segs = pieces(body);
  // The body starts at the line break after the opening marker.
  const first = segs[0];
  if (first && 'text' in first) segs[0] = { text: first.text.replace(/^\r?\n/, '') };
  const indent = end ? end.startPosition.column : 0;
  if (!indent) return segs;
  const lineStart = new RegExp(`\n[ \t]{0,${indent}}`, 'g');
  return segs.map((s, i) => {
    if (!('text' in s)) return s;
    const t = s.text.replace(lineStart, '\n');
    return { text: i === 0 ? t.replace(new RegExp(`^[ \t]{0,${indent}}`), '') : t };
  });
}

/**
 * `['model' => 'x', ...$defaults]`: an array with string keys is a map (its positional items are
 * not parameters), one without is a list. Keys are read when they are literal strings.
 */
function arrayExpr(node: Node): Expr<Node> {
  const items: MapItem<Node>[] = [];
  const listItems: Node[] = [];
  const spreads: Node[] = [];
  let keyed = false;
  for (const el of node.namedChildren) {
    if (el?.type !== 'array_element_initializer') continue;
    const parts = el.namedChildren.filter((c): c is Node => !!c);
    if (parts[0]?.type === 'variadic_unpacking') {
      const inner = parts[0].namedChildren[0];
      if (inner) {
        items.push({ spread: inner });
        spreads.push(inner);
      }
    } else if (parts.length === 2) {
      keyed = true;
      const key = literalKey(parts[0]);
      if (key !== undefined) items.push({ key, value: parts[1] });
    } else if (parts[0]) listItems.push(parts[0]);
  }
  return keyed ? { node, k: 'map', items } : { node, k: 'list', items: listItems, spreads };
}

function literalKey(n: Node): string | undefined {
  if (n.type !== 'string' && n.type !== 'encapsed_string') return undefined;
  if (n.namedChildren.some((c) => c && c.type !== 'string_content' && c.type !== 'escape_sequence')) return undefined;
  return n.namedChildren.map((c) => (c?.type === 'escape_sequence' ? (n.type === 'string' ? c.text.slice(1) : unescapePhp(c.text)) : (c?.text ?? ''))).join('');
}
