// C#'s front-end: lowers tree-sitter-c-sharp's nodes to the intermediate model (model/ir.ts)
// the shared evaluator reads; index.ts finds the calls that are SDK operations and writes fixes.
import type { Node } from 'web-tree-sitter';
import type { Arg, Expr, MapItem, StrSeg } from '../../model/ir';
import { snake, spanOf, topLevel } from '../scoped';
import { TreeSitterFrontEnd } from '../modelfile';
import type { Evaluator } from '../../model/evaluate';
import { staticString, type Val } from '../values';

/** Where an identifier is a declaration's type (`ChatClient chat;`, `ChatClient chat` as a parameter or property). */
const TYPE_PARENTS = new Set(['variable_declaration', 'parameter', 'property_declaration']);
/** Classes of request options and settings objects, whose initializer a fix may write a cap into. */
export const OPTIONS_TYPE = /(Options|Settings|Params|Parameters)$/;

/** The class a creation makes: its written type, or for `new()` the declared type of the variable it initializes; '' when neither. */
export function creationType(creation: Node): string {
  const written = creation.childForFieldName('type')?.text;
  if (written) return written;
  const decl =
    creation.parent?.type === 'variable_declarator'
      ? creation.parent.parent
      : creation.parent?.parent?.type === 'variable_declarator'
        ? creation.parent.parent.parent
        : null;
  return (decl?.type === 'variable_declaration' ? decl.childForFieldName('type')?.text : undefined) ?? '';
}

/** A declaration's type (`ChatClient chat;`), also made nullable (`IChatClient? client`). */
function isDeclaredType(n: Node): boolean {
  const p = n.parent;
  if (!p) return false;
  if (p.type === 'nullable_type') return isDeclaredType(p);
  return TYPE_PARENTS.has(p.type) && p.childForFieldName('type')?.id === n.id;
}

/** A name without its type arguments (`GetResponseAsync<Answer>`: `GetResponseAsync`); any other as written. */
function plainName(n: Node | null | undefined): string | undefined {
  return n?.type === 'generic_name' ? n.namedChildren.find((c) => c?.type === 'identifier')?.text : n?.text;
}

/** The method a member call names, without type arguments (`config.GetValue<string>(...)`: `GetValue`). */
export function memberCallName(node: Node): string | undefined {
  const fn = node.type === 'invocation_expression' ? node.childForFieldName('function') : null;
  return fn?.type === 'member_access_expression' ? plainName(fn.childForFieldName('name')) : undefined;
}

/** Classes named as wrapping another implementation of their interface (Microsoft.Extensions.AI's own decorators, an app's). */
export const DECORATOR_NAME = /^(Logging|Caching|DistributedCaching|OpenTelemetry|Delegating|Configure|Retry|Polly|Instrumented|Tracing|Metered|Throttl)/;

/** Dependency-injection lookups whose type argument is the service returned. */
const SERVICE_LOCATORS = /^(GetRequiredService|GetService|GetRequiredKeyedService|GetKeyedService)$/;

/**
 * C#'s front-end: lowers tree-sitter-c-sharp's nodes to the intermediate model. `new X(...)` and
 * `X x = new(...)` are an `X` made with its initializer's properties (PascalCase read as
 * snake_case; without an initializer, none set); a collection initializer, array or collection
 * expression is a list; `this.x` is a field; `await e` is `e`; raw strings lose the closing
 * line's indentation as C# does.
 */
export class CSharpFrontEnd extends TreeSitterFrontEnd {
  readonly flavor = 'csharp' as const;
  readonly concatOp = '+';
  readonly staticSeparator = '.';
  readonly moduleSeparator = '.';
  /** The namespaces the file uses (`OpenAI.Chat`): one must be an SDK's. */
  readonly requiredImports: string[] = [];

  constructor(private readonly root: Node) {
    super();
    // At the top of the file or of a namespace's body, and inside `#if` blocks there.
    const into = (n: Node) => (n.type === 'namespace_declaration' ? n.childForFieldName('body') : n.type.startsWith('preproc_') ? n : null);
    for (const u of topLevel(root, new Set(['using_directive']), { into })) {
      const m = u ? /^(?:global\s+)?using\s+(?:static\s+)?(?:\w+\s*=\s*)?([\w.]+)/.exec(u.text) : null;
      if (m) this.requiredImports.push(m[1]);
    }
  }

  isSelf(node: Node): boolean {
    return isThis(node);
  }

  /**
   * A value the application's settings give (`configuration["OpenAI:Model"]`, `builder.Configuration
   * .GetValue<string>("OpenAI:Model")`, `config.GetSection("OpenAI")["Model"]`): set at run time (an
   * environment may override it), the project's appsettings.json value assumed, and said.
   */
  runtimeValue(e: Expr<Node>, ev: Evaluator<Node>): Val | undefined {
    const key = this.configKey(e.node, ev);
    // .NET's configuration keys are case-insensitive.
    const settings = key ? ev.ctx?.appSettings?.() : undefined;
    const value = key && settings ? (settings.get(key) ?? [...settings].find(([k]) => k.toLowerCase() === key.toLowerCase())?.[1]) : undefined;
    if (!key || value === undefined) return undefined;
    const span = spanOf(e.node);
    return { kind: 'unknown', span, text: `${key} in appsettings.json`, default: { kind: 'str', parts: [{ text: value }], span, text: value } };
  }

  /** The configuration key an expression reads, when it reads one written as a string (see `runtimeValue`). */
  private configKey(node: Node, ev: Evaluator<Node>, depth = 0): string | undefined {
    if (depth > 3) return undefined;
    const str = (n: Node | null | undefined) => (n ? staticString(ev.val(n)) : undefined);
    const isConfig = (n: Node | null) => !!n && /(^|\.)(_?[cC]onfig(uration)?|Configuration)$/.test(n.text);
    // A section: `config.GetSection("OpenAI")`: its prefix.
    const section = (n: Node | null): string | undefined => {
      if (isConfig(n)) return '';
      if (n?.type !== 'invocation_expression') return undefined;
      const fn = n.childForFieldName('function');
      if (fn?.type !== 'member_access_expression' || fn.childForFieldName('name')?.text !== 'GetSection') return undefined;
      const outer = section(fn.childForFieldName('expression'));
      const arg = str(
        n
          .childForFieldName('arguments')
          ?.namedChildren.find((a) => a?.type === 'argument')
          ?.namedChildren.at(-1),
      );
      return outer === undefined || arg === undefined ? undefined : outer ? `${outer}:${arg}` : arg;
    };
    const join = (prefix: string | undefined, k: string | undefined) => (prefix === undefined || k === undefined ? undefined : prefix ? `${prefix}:${k}` : k);
    if (node.type === 'element_access_expression') {
      const arg = node.namedChildren
        .find((c) => c?.type === 'bracketed_argument_list')
        ?.namedChildren.find((a) => a?.type === 'argument')
        ?.namedChildren.at(-1);
      return join(section(node.childForFieldName('expression')), str(arg));
    }
    if (node.type === 'invocation_expression') {
      if (memberCallName(node) !== 'GetValue') return undefined;
      const arg = node
        .childForFieldName('arguments')
        ?.namedChildren.find((a) => a?.type === 'argument')
        ?.namedChildren.at(-1);
      return join(section(node.childForFieldName('function')!.childForFieldName('expression')), str(arg));
    }
    // `config.GetSection("OpenAI:Model").Value`
    if (node.type === 'member_access_expression' && node.childForFieldName('name')?.text === 'Value')
      return section(node.childForFieldName('expression')) || undefined;
    return undefined;
  }

  constructedWith(type: Node): Node[] | undefined {
    let p = type.parent;
    while (p?.type === 'nullable_type') p = p.parent;
    const list = p?.type === 'parameter' ? p.parent : null;
    const owner = list?.type === 'parameter_list' ? list.parent : null;
    if (!p || !list || !owner || !/^(class_declaration|record_declaration|struct_declaration|constructor_declaration)$/.test(owner.type)) return undefined;
    // Only a class the file alone can construct (private or nested): a public one may be made elsewhere (DI).
    const decl = owner.type === 'constructor_declaration' ? owner.parent?.parent : owner;
    const hidden =
      !!decl &&
      (decl.namedChildren.some((c) => c?.type === 'modifier' && /^(private|file)$/.test(c.text)) || decl.parent?.parent?.type === 'class_declaration');
    if (!hidden) return undefined;
    const cls = owner.childForFieldName('name')?.text;
    const index = list.namedChildren.filter((c) => c?.type === 'parameter').findIndex((c) => c.id === p.id);
    if (!cls || index < 0) return undefined;
    const out: Node[] = [];
    for (const n of this.root.descendantsOfType('object_creation_expression')) {
      const t = n?.childForFieldName('type');
      if (plainName(t)?.split('.').at(-1) !== cls) continue;
      const args = n.childForFieldName('arguments')?.namedChildren.filter((a) => a?.type === 'argument');
      const arg = args?.[index]?.namedChildren.at(-1);
      if (!arg) return undefined;
      out.push(arg);
    }
    return out.length ? out : undefined;
  }

  lower(node: Node): Expr<Node> {
    const opaque = { node, k: 'opaque' as const };
    switch (node.type) {
      case 'parenthesized_expression':
      case 'await_expression': {
        const inner = node.namedChildren.at(-1);
        return inner ? { node, k: 'group', inner } : opaque;
      }
      case 'identifier':
        // A type name in a declaration (`ChatClient chat;`), or a variable.
        if (isDeclaredType(node)) return { node, k: 'typed', cls: node.text };
        return { node, k: 'name', name: node.text, space: 'local' };
      // `IEmbeddingGenerator<string, Embedding<float>>? generator`, `IChatClient? client`: the type by its name.
      case 'generic_name': {
        const name = plainName(node);
        return name && isDeclaredType(node) ? { node, k: 'typed', cls: name } : opaque;
      }
      case 'nullable_type':
        return node.namedChildren[0] ? { node, k: 'group', inner: node.namedChildren[0] } : opaque;
      // `generator!.GenerateAsync(...)`: the null-forgiving operator changes nothing.
      case 'postfix_unary_expression':
        return node.text.endsWith('!') && node.namedChildren[0] ? { node, k: 'group', inner: node.namedChildren[0] } : opaque;
      case 'member_access_expression': {
        const object = node.childForFieldName('expression');
        const name = node.childForFieldName('name')?.text;
        if (!object || !name) return opaque;
        return isThis(object) ? { node, k: 'name', name, space: 'field' } : { node, k: 'member', object, name };
      }
      case 'invocation_expression': {
        const fn = node.childForFieldName('function');
        const argsNode = node.childForFieldName('arguments');
        if (fn?.type === 'member_access_expression') {
          const nameNode = fn.childForFieldName('name');
          // `services.GetRequiredService<IChatClient>()`, `kernel.GetRequiredService<IChatCompletionService>()`: a service of that type.
          if (nameNode?.type === 'generic_name' && SERVICE_LOCATORS.test(plainName(nameNode) ?? '')) {
            const cls = plainName(nameNode.namedChildren.find((c) => c?.type === 'type_argument_list')?.namedChildren[0]);
            if (cls) return { node, k: 'typed', cls };
          }
          // `GetResponseAsync<Answer>(prompt)`: the method by its name, without type arguments.
          const name = plainName(nameNode);
          return nameNode && name ? { node, k: 'call', object: fn.childForFieldName('expression'), name, nameNode, argsNode, block: false } : opaque;
        }
        return fn?.type === 'identifier' ? { node, k: 'call', object: null, name: fn.text, nameNode: fn, argsNode, block: false } : opaque;
      }
      case 'object_creation_expression':
        return this.creation(node, node.childForFieldName('type')?.text ?? '');
      case 'implicit_object_creation_expression': {
        // `ChatClient chat = new(model: "gpt-4o", ...)`: the declared type names the class.
        const decl =
          node.parent?.type === 'variable_declarator'
            ? node.parent.parent
            : node.parent?.parent?.type === 'variable_declarator'
              ? node.parent.parent.parent
              : null;
        const type = decl?.type === 'variable_declaration' ? decl.childForFieldName('type')?.text : undefined;
        return this.creation(node, type ?? '');
      }
      case 'collection_expression':
      case 'element_binding_expression':
        // [a, b]
        return {
          node,
          k: 'list',
          items: node.namedChildren.flatMap((c) => (c?.type === 'argument' ? (c.namedChildren.at(-1) ?? []) : c && c.type !== 'comment' ? [c] : [])),
          spreads: [],
        };
      case 'array_creation_expression':
      case 'implicit_array_creation_expression':
      case 'initializer_expression': {
        // new[] { a, b }, new ChatMessage[] { a, b }
        const init = node.type === 'initializer_expression' ? node : node.namedChildren.find((c) => c?.type === 'initializer_expression');
        return { node, k: 'list', items: init?.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment') ?? [], spreads: [] };
      }
      case 'string_literal':
      case 'verbatim_string_literal': {
        const content = node.namedChildren.map((c) => (c?.type === 'escape_sequence' ? unescapeCs(c.text) : (c?.text ?? ''))).join('');
        return { node, k: 'str', parts: [{ text: content || node.text.replace(/^@?"|"$/g, '') }] };
      }
      case 'raw_string_literal':
        return { node, k: 'str', parts: [{ text: rawString(node) }] };
      case 'interpolated_string_expression':
        return {
          node,
          k: 'str',
          parts: node.namedChildren.flatMap((c): StrSeg<Node>[] => {
            if (c?.type === 'string_content') return [{ text: c.text }];
            if (c?.type !== 'interpolation') return [];
            const inner = c.namedChildren.find((x) => x?.type !== 'interpolation_brace');
            return [inner ? { expr: inner } : { hole: c.text }];
          }),
        };
      case 'integer_literal':
      case 'real_literal':
        return this.number(node);
      case 'boolean_literal':
        return { node, k: 'bool', value: node.text === 'true' };
      case 'null_literal':
        return { node, k: 'null' };
      case 'binary_expression':
        return this.binary(node);
      case 'conditional_expression':
        return this.choice(node, 'consequence', 'alternative');
      default:
        return opaque;
    }
  }

  /** `new X(...) { A = 1 }`: an `X` with its properties; `new List<T> { a, b }` (a collection initializer): a list. */
  private creation(node: Node, cls: string): Expr<Node> {
    const argsNode = node.namedChildren.find((c) => c?.type === 'argument_list') ?? null;
    const init = node.namedChildren.find((c) => c?.type === 'initializer_expression');
    const items = init?.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment') ?? [];
    if (items.some((c) => c.type !== 'assignment_expression')) return { node, k: 'list', items, spreads: [] };
    // `new KernelArguments(settings) { ["input"] = q }`: an indexer's entries are not the object's properties.
    const indexer = (c: Node) => c.childForFieldName('left')?.text.startsWith('[') ?? false;
    if (items.some(indexer)) return { node, k: 'new', cls, argsNode, init: [] };
    const props: MapItem<Node>[] = [];
    for (const a of items) {
      const key = a.childForFieldName('left');
      const value = a.childForFieldName('right');
      if (key && value) props.push({ key: snake(key.text), value });
    }
    // `new OpenAI.OpenAIClient(key)`: the class in the namespace its name is qualified by.
    const qualified = /^((?:[A-Z]\w*\.)+)([A-Z]\w*)$/.exec(cls);
    if (qualified) return { node, k: 'new', cls: qualified[2], module: qualified[1].slice(0, -1), argsNode, init: props };
    return { node, k: 'new', cls, argsNode, init: props };
  }

  /** Named arguments (`model: "gpt-4o"`) and positional ones. */
  args(argList: Node): Arg<Node>[] {
    const out: Arg<Node>[] = [];
    for (const a of argList.namedChildren) {
      if (a?.type !== 'argument') continue;
      const value = a.namedChildren.at(-1);
      const name = a.childForFieldName('name')?.text;
      if (value) out.push(name ? { kind: 'named', name, value } : { kind: 'pos', value });
    }
    return out;
  }
}

/**
 * A raw string literal's text. A multi-line one (`"""` on lines of their own) starts after the
 * opening line and ends before the closing line, whose indentation is removed from every line.
 */
function rawString(node: Node): string {
  const content = node.namedChildren
    .filter((c) => c?.type !== 'raw_string_start' && c?.type !== 'raw_string_end')
    .map((c) => c?.text ?? '')
    .join('');
  const m = /^[ \t]*\r?\n([\s\S]*)\r?\n([ \t]*)$/.exec(content);
  if (!m) return content;
  const indent = m[2];
  return m[1]
    .split('\n')
    .map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line.trimStart()))
    .join('\n');
}

const CS_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'", '0': '\0' };
function unescapeCs(s: string): string {
  return s.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (m, e: string) => (e[0] === 'u' ? String.fromCharCode(parseInt(e.slice(1), 16)) : (CS_ESCAPES[e] ?? m)));
}

/** `this` (tree-sitter-c-sharp names it `this`; older versions `this_expression`). */
export function isThis(node: Node | null): boolean {
  return node?.type === 'this' || node?.type === 'this_expression';
}
