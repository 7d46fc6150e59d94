// PHP recognizer (tree-sitter): openai-php/client (`OpenAI::client($key)->chat()->create([...])`,
// the PHP client in common use) and Anthropic's official SDK
// (`(new Anthropic\Client(apiKey: ...))->messages->create(maxTokens: 1024, ...)`).
// Arrays with string keys and named arguments are read as request params (camelCase named
// arguments as snake_case). Class names resolve through `use` statements.
import type { Node, Parser } from 'web-tree-sitter';
import { CATALOGUE, findOperationIn, OTHER_METHOD_NAMES, type SdkSpec } from '../catalogue';
import { insertInList, inThisFile } from './edits';
import { PhpWriter } from '../writers/php';
import type { Edit, Lit, WriteTarget } from '../writers/lit';
import { type Assignment, camel, type LanguageShape, numberVal, treeSitterRecognizer, reSpan, snake, spanOf, TreeSitterFile } from './scoped';
import { mergeParts, type ObjVal, type RawCall, type StrPart, type Val } from './values';


const SHAPE: LanguageShape = {
  types: ['foreach_statement', 'for_statement', 'while_statement', 'do_statement', 'assignment_expression', 'property_declaration', 'simple_parameter', 'property_promotion_parameter', 'const_element', 'member_call_expression'],
  functions: new Set(['function_definition', 'method_declaration', 'anonymous_function', 'arrow_function']),
  classes: new Set(['class_declaration', 'trait_declaration']),
  loop(node) {
    switch (node.type) {
      case 'foreach_statement':
        return { label: 'foreach loop', once: node.namedChildren.slice(0, 1).filter((n): n is Node => !!n) };
      case 'for_statement':
        return { label: 'for loop', once: [] };
      case 'while_statement':
      case 'do_statement':
        return { label: node.type === 'while_statement' ? 'while loop' : 'do-while loop', once: [] };
      default:
        return null;
    }
  },
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
      const name = node.childForFieldName('name');
      const type = node.childForFieldName('type');
      if (name && type) {
        out.push({ kind: 'local', name: name.text, value: type });
        if (node.type === 'property_promotion_parameter') out.push({ kind: 'field', name: name.text.replace(/^\$/, ''), value: type });
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
};

type Client = { sdk: SdkSpec; path: string[]; cls: string | null };

export const phpRecognizer = (parser: Parser) => treeSitterRecognizer(parser, (text, root) => new PhpFile(text, root));

class PhpFile extends TreeSitterFile {
  /** `use Anthropic\Client;` / `use Anthropic\Client as Claude;`: local class names to fully qualified ones. */
  private readonly uses = new Map<string, string>();

  constructor(text: string, root: Node) {
    super(text, root, SHAPE, (name) => OTHER_METHOD_NAMES.has(name));
    for (const clause of root.descendantsOfType('namespace_use_clause')) {
      if (!clause) continue;
      const names = clause.namedChildren.filter((c): c is Node => !!c);
      const fqn = names[0]?.text.replace(/^\\/, '') ?? '';
      const alias = names[1]?.type === 'name' ? names[1].text : fqn.split('\\').at(-1)!;
      if (fqn) this.uses.set(alias, fqn);
    }
  }


  private fqn(name: string): string {
    if (name.startsWith('\\')) return name.slice(1);
    const [head, ...rest] = name.split('\\');
    const used = this.uses.get(head);
    return used ? [used, ...rest].join('\\') : name;
  }

  private classClient(name: string): Client | undefined {
    const fqn = this.fqn(name);
    const sdk = CATALOGUE.find((s) => s.php?.constructors.includes(fqn));
    return sdk ? { sdk, path: [], cls: fqn } : undefined;
  }

  private client(node: Node | null, depth = 0): Client | undefined {
    if (!node) return undefined;
    return this.guard(node, depth, () => {
      switch (node.type) {
        case 'parenthesized_expression':
          return this.client(node.namedChildren[0] ?? null, depth + 1);
        case 'named_type':
        case 'optional_type':
          return this.classClient(node.text.replace(/^\?/, ''));
        case 'variable_name': {
          const v = this.file.local(node.text, node);
          return v ? this.client(v.value, depth + 1) : undefined;
        }
        case 'object_creation_expression': {
          const cls = node.namedChildren.find((c) => c?.type === 'name' || c?.type === 'qualified_name');
          return cls ? this.classClient(cls.text) : undefined;
        }
        case 'scoped_call_expression': {
          // OpenAI::client($key), OpenAI::factory()
          const scope = this.fqn(node.childForFieldName('scope')?.text ?? '');
          const name = node.childForFieldName('name')?.text ?? '';
          const sdk = CATALOGUE.find((s) => s.php?.constructors.includes(`${scope}::${name}`));
          if (sdk) return { sdk, path: [], cls: scope };
          // A client class's static factories: `Bedrock\Client::fromEnvironment()`, `::withCredentials(...)`.
          const cls = this.classClient(scope);
          return cls && /^(from|with|create|make)/.test(name) ? cls : undefined;
        }
        case 'member_access_expression':
        case 'nullsafe_member_access_expression': {
          const object = node.childForFieldName('object');
          const name = node.childForFieldName('name')?.text ?? '';
          if (object?.text === '$this') {
            for (const f of this.file.field(name, node)) {
              const c = this.client(f, depth + 1);
              if (c) return c;
            }
            return undefined;
          }
          const base = this.client(object, depth + 1);
          return base ? { ...base, path: [...base.path, name] } : undefined;
        }
        case 'member_call_expression': {
          const base = this.client(node.childForFieldName('object'), depth + 1);
          if (!base) return undefined;
          const name = node.childForFieldName('name')?.text ?? '';
          // OpenAI::factory()->withApiKey(...)->make(): builder calls keep the client.
          if (base.path.length === 0 && (name === 'make' || name.startsWith('with'))) return base;
          // $client->chat(): resources are reached by calls without arguments.
          const args = node.childForFieldName('arguments')?.namedChildren ?? [];
          return args.length ? undefined : { ...base, path: [...base.path, name] };
        }
        default:
          return undefined;
      }
    });
  }

  protected toRawCall(node: Node, loop: string | null): RawCall | undefined {
    const nameNode = node.childForFieldName('name');
    const receiver = this.client(node.childForFieldName('object'));
    if (!receiver || !nameNode) return undefined;
    const op = findOperationIn(receiver.sdk, 'php', [...receiver.path, nameNode.text]);
    if (!op) return undefined;
    const argList = node.childForFieldName('arguments');
    const props = new Map<string, Val>();
    const open: string[] = [];
    let holder: Node | null = argList;
    for (const a of argList?.namedChildren ?? []) {
      if (a?.type !== 'argument') continue;
      const expr = a.namedChildren.at(-1);
      const name = a.childForFieldName('name')?.text;
      if (!expr) continue;
      if (a.text.startsWith('...')) open.push(expr.text);
      else if (name) props.set(snake(name), this.val(expr));
      else {
        const v = this.val(expr);
        if (v.kind === 'obj') {
          for (const [k, pv] of v.props) props.set(k, pv);
          open.push(...v.open);
          holder = v.node as Node | null;
        } else open.push(expr.text);
      }
    }
    // An SDK that spells array keys in camelCase (Anthropic's) is read with the API's names.
    if (receiver.sdk.php?.keys === 'camel') for (const [k, v] of props) props.set(k, apiKeys(v));
    const args: ObjVal = { kind: 'obj', props, open, node: holder, span: argList ? spanOf(argList) : spanOf(node), text: argList?.text ?? '' };
    return this.rawCall({ sdkId: receiver.sdk.id, operation: op.path, clientClass: receiver.cls, span: spanOf(node), nameSpan: spanOf(nameNode), args, loop }, { idioms: receiver.sdk.php });
  }

  protected valInner(node: Node, depth: number): Val | undefined {
    const span = spanOf(node);
    const text = node.text;
    switch (node.type) {
      case 'parenthesized_expression':
        return node.namedChildren[0] ? this.val(node.namedChildren[0], depth) : undefined;
      case 'string':
        return { kind: 'str', parts: [{ text: node.namedChildren.map((c) => (c?.type === 'escape_sequence' ? c.text.slice(1) : (c?.text ?? ''))).join('') }], span, text };
      case 'encapsed_string':
      case 'heredoc':
      case 'nowdoc': {
        const parts: StrPart[] = [];
        for (const c of node.namedChildren) {
          if (!c) continue;
          if (c.type === 'string_content' || c.type === 'heredoc_body' || c.type === 'nowdoc_body' || c.type === 'string_value') parts.push({ text: c.text });
          else if (c.type === 'escape_sequence') parts.push({ text: unescapePhp(c.text) });
          else if (c.type !== 'heredoc_start' && c.type !== 'heredoc_end') {
            const v = this.val(c, depth);
            if (v.kind === 'str') parts.push(...v.parts);
            else parts.push({ hole: c.text });
          }
        }
        return { kind: 'str', parts: mergeParts(parts), span, text };
      }
      case 'integer':
      case 'float':
        return numberVal(text, span);
      case 'boolean':
        return { kind: 'bool', value: /^true$/i.test(text), span, text };
      case 'null':
        return { kind: 'null', span, text };
      case 'binary_expression':
        return this.binary(this.val(node.childForFieldName('left')!, depth), this.val(node.childForFieldName('right')!, depth), node.childForFieldName('operator')?.text, '.', span, text);
      case 'variable_name': {
        const v = this.file.local(text, node);
        return v && !v.reassigned ? reSpan(this.val(v.value, depth), span, text, spanOf(v.value)) : undefined;
      }
      case 'name': {
        const c = this.file.constant(text);
        return c.length === 1 ? reSpan(this.val(c[0], depth), span, text, spanOf(c[0])) : undefined;
      }
      case 'array_creation_expression': {
        const props = new Map<string, Val>();
        const items: Val[] = [];
        const open: string[] = [];
        let keyed = false;
        for (const el of node.namedChildren) {
          if (el?.type !== 'array_element_initializer') continue;
          const parts = el.namedChildren.filter((c): c is Node => !!c);
          if (el.text.startsWith('...')) open.push(parts[0]?.text ?? el.text);
          else if (parts.length === 2) {
            keyed = true;
            const key = this.val(parts[0], depth);
            if (key.kind === 'str' && key.parts.every((p) => 'text' in p)) props.set(key.parts.map((p) => ('text' in p ? p.text : '')).join(''), this.val(parts[1], depth));
          } else if (parts[0]) items.push(this.val(parts[0], depth));
        }
        return keyed ? { kind: 'obj', props, open, node, span, text } : { kind: 'list', items, open, span, text };
      }
      case 'function_call_expression': {
        // getenv('MODEL') ?: 'gpt-4o' is handled by the binary case; env('MODEL', 'gpt-4o') (Laravel) here.
        const fn = node.childForFieldName('function')?.text;
        const args = node.childForFieldName('arguments')?.namedChildren.filter((a): a is Node => a?.type === 'argument') ?? [];
        if ((fn === 'env' || fn === 'config') && args[1]) {
          const d = this.val(args[1].namedChildren.at(-1)!, depth);
          return d.kind !== 'unknown' ? { kind: 'unknown', span, text, default: d } : undefined;
        }
        return undefined;
      }
      default:
        return undefined;
    }
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
        const k = key && value ? this.val(key) : undefined;
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
