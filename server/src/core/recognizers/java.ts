// Java recognizer (tree-sitter): the official openai-java and anthropic-sdk-java libraries.
// `OpenAIClient client = OpenAIOkHttpClient.fromEnv();` then
// `client.chat().completions().create(params)` with `params` from a builder chain
// (`ChatCompletionCreateParams.builder().model(ChatModel.GPT_4_1).maxCompletionTokens(1024L).build()`).
// Clients come from the SDK's client classes or from declarations typed as a client (locals,
// fields, parameters); builder calls are read as request params with snake_case names.
import type { Node, Parser } from 'web-tree-sitter';
import { CATALOGUE, findOperationIn, OTHER_METHOD_NAMES, type SdkSpec } from '../catalogue';
import type { Span } from '../types';
import { type Assignment, camel, type LanguageShape, messageVal, modelFromConstant, numberVal, treeSitterRecognizer, snake, spanOf, TreeSitterFile } from './scoped';
import type { ObjVal, RawCall, Val } from './values';

const CLIENT_TYPES: ReadonlySet<string> = new Set(CATALOGUE.flatMap((s) => s.java?.types ?? []));
/** Calls on a client that return the same client (`client.async()`, `client.withOptions(...)`). */
const SAME_CLIENT = new Set(['async', 'sync', 'withOptions', 'withRawResponse']);

function declarators(node: Node): Node[] {
  return node.childrenForFieldName('declarator').filter((d): d is Node => !!d);
}

const SHAPE: LanguageShape = {
  types: ['enhanced_for_statement', 'for_statement', 'while_statement', 'do_statement', 'method_invocation', 'local_variable_declaration', 'field_declaration', 'assignment_expression', 'formal_parameter'],
  functions: new Set(['method_declaration', 'constructor_declaration', 'lambda_expression']),
  classes: new Set(['class_declaration', 'record_declaration', 'enum_declaration']),
  loop(node) {
    switch (node.type) {
      case 'enhanced_for_statement':
        return { label: 'for loop', once: [node.childForFieldName('value')].filter((n): n is Node => !!n) };
      case 'for_statement':
        return { label: 'for loop', once: node.childrenForFieldName('init').filter((n): n is Node => !!n) };
      case 'while_statement':
      case 'do_statement':
        return { label: node.type === 'while_statement' ? 'while loop' : 'do-while loop', once: [] };
      case 'method_invocation': {
        // list.forEach(x -> ...), stream().map(x -> ...): the lambda runs per element.
        const name = node.childForFieldName('name')?.text ?? '';
        if (!/^(forEach|map|flatMap|filter|forEachOrdered|mapToObj)$/.test(name)) return null;
        const args = node.childForFieldName('arguments');
        return { label: `.${name}() callback`, once: node.namedChildren.filter((c): c is Node => !!c && c.id !== args?.id) };
      }
      default:
        return null;
    }
  },
  assignments(node) {
    const out: Assignment[] = [];
    if (node.type === 'local_variable_declaration' || node.type === 'field_declaration') {
      for (const d of declarators(node)) {
        const name = d.childForFieldName('name');
        // A declared client type says what the value is, whatever makes it (a platform client's
        // builder, a DI container); declarations without a value say it by their type too.
        const type = node.childForFieldName('type');
        const typed = type && CLIENT_TYPES.has(type.text) ? type : null;
        const value = typed ?? d.childForFieldName('value') ?? type;
        if (name && value) out.push({ kind: node.type === 'field_declaration' ? 'field' : 'local', name: name.text, value });
      }
    } else if (node.type === 'assignment_expression') {
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      if (left && right) {
        if (left.type === 'identifier') out.push({ kind: 'local', name: left.text, value: right });
        else if (left.type === 'field_access' && left.childForFieldName('object')?.type === 'this') {
          out.push({ kind: 'field', name: left.childForFieldName('field')?.text ?? '', value: right });
        }
      }
    } else if (node.type === 'formal_parameter') {
      const name = node.childForFieldName('name');
      const type = node.childForFieldName('type');
      if (name && type) out.push({ kind: 'local', name: name.text, value: type });
    }
    return out;
  },
  callName(node) {
    return node.type === 'method_invocation' ? (node.childForFieldName('name')?.text ?? null) : null;
  },
};

type Client = { sdk: SdkSpec; path: string[]; cls: string | null };

export const javaRecognizer = (parser: Parser) => treeSitterRecognizer(parser, (text, root) => new JavaFile(text, root));

class JavaFile extends TreeSitterFile {
  /** SDKs whose packages this file imports (`import com.openai...`). */
  private readonly sdks: SdkSpec[];

  constructor(text: string, root: Node) {
    super(text, root, SHAPE, (name) => OTHER_METHOD_NAMES.has(name));
    const imports = root.descendantsOfType('import_declaration').map((n) => n?.text ?? '');
    this.sdks = CATALOGUE.filter((s) => s.java?.packages.some((p) => imports.some((i) => i.includes(` ${p}.`) || i.includes(` static ${p}.`))));
  }

  override run(): RawCall[] {
    return this.sdks.length ? super.run() : [];
  }

  private sdkOfType(name: string): SdkSpec | undefined {
    return this.sdks.find((s) => s.java?.types?.includes(name));
  }

  private client(node: Node | null, depth = 0): Client | undefined {
    if (!node) return undefined;
    return this.guard(node, depth, () => {
      switch (node.type) {
        case 'parenthesized_expression':
          return this.client(node.namedChildren[0] ?? null, depth + 1);
        case 'type_identifier': {
          const sdk = this.sdkOfType(node.text);
          return sdk ? { sdk, path: [], cls: node.text } : undefined;
        }
        case 'identifier': {
          const v = this.file.local(node.text, node);
          if (v) return this.client(v.value, depth + 1);
          for (const f of this.file.field(node.text, node)) {
            const c = this.client(f, depth + 1);
            if (c) return c;
          }
          return undefined;
        }
        case 'field_access': {
          if (node.childForFieldName('object')?.type !== 'this') return undefined;
          for (const f of this.file.field(node.childForFieldName('field')?.text ?? '', node)) {
            const c = this.client(f, depth + 1);
            if (c) return c;
          }
          return undefined;
        }
        case 'method_invocation': {
          const object = node.childForFieldName('object');
          const name = node.childForFieldName('name')?.text ?? '';
          // OpenAIOkHttpClient.fromEnv(), OpenAIOkHttpClient.builder()...build()
          const root = chainRoot(node);
          if (root?.type === 'identifier') {
            const sdk = this.sdks.find((s) => s.java?.constructors.includes(root.text));
            if (sdk) return /^(fromEnv|build|create)$/.test(name) ? { sdk, path: [], cls: root.text } : undefined;
          }
          const base = this.client(object, depth + 1);
          if (!base) return undefined;
          if (base.path.length === 0 && SAME_CLIENT.has(name)) return base;
          // client.chat(), client.chat().completions(): resources, reached by calls without arguments.
          return node.childForFieldName('arguments')?.namedChildren.length ? undefined : { ...base, path: [...base.path, name] };
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
    const op = findOperationIn(receiver.sdk, 'java', [...receiver.path, nameNode.text]);
    if (!op) return undefined;
    const arg = node.childForFieldName('arguments')?.namedChildren.find((a): a is Node => !!a);
    let args: ObjVal = { kind: 'obj', props: new Map(), open: [], node: null, span: spanOf(node), text: '' };
    if (arg) {
      const v = this.val(arg);
      args = v.kind === 'obj' ? v : { kind: 'obj', props: new Map(), open: [arg.text], node: null, span: spanOf(arg), text: arg.text };
    }
    return this.rawCall({ sdkId: receiver.sdk.id, operation: op.path, clientClass: receiver.cls, span: spanOf(node), nameSpan: spanOf(nameNode), args, loop });
  }

  protected valInner(node: Node, depth: number): Val | undefined {
    const span = spanOf(node);
    const text = node.text;
    switch (node.type) {
      case 'parenthesized_expression':
        return node.namedChildren[0] ? this.val(node.namedChildren[0], depth) : undefined;
      case 'string_literal': {
        const s = node.namedChildren.map((c) => (c?.type === 'escape_sequence' ? unescapeJava(c.text) : (c?.text ?? ''))).join('');
        // Text blocks ("""...""") keep their content without the delimiters' line.
        return { kind: 'str', parts: [{ text: text.startsWith('"""') ? s.replace(/^\n/, '') : s }], span, text };
      }
      case 'decimal_integer_literal':
      case 'decimal_floating_point_literal':
        return numberVal(text, span);
      case 'true':
      case 'false':
        return { kind: 'bool', value: node.type === 'true', span, text };
      case 'null_literal':
        return { kind: 'null', span, text };
      case 'binary_expression':
        return this.binary(this.val(node.childForFieldName('left')!, depth), this.val(node.childForFieldName('right')!, depth), node.childForFieldName('operator')?.text, '+', span, text);
      case 'identifier': {
        return this.named(node, this.file.field(text, node), depth);
      }
      case 'field_access': {
        // ChatModel.GPT_4_1, Model.CLAUDE_SONNET_4_5
        const obj = node.childForFieldName('object')?.text ?? '';
        const field = node.childForFieldName('field')?.text ?? '';
        if (/^(ChatModel|Model|ResponsesModel|EmbeddingModel)$/.test(obj)) {
          const sdk = this.sdks.find((s) => (s.provider === 'anthropic') === (obj === 'Model')) ?? this.sdks[0];
          const id = sdk ? modelFromConstant(field, sdk.provider) : undefined;
          return id ? { kind: 'str', parts: [{ text: id }], span, text } : undefined;
        }
        return undefined;
      }
      case 'method_invocation':
        return this.builderVal(node, depth);
      default:
        return undefined;
    }
  }

  /**
   * `XParams.builder().model(...).maxTokens(1024L).addUserMessage("...").build()`: each call a
   * parameter (camelCase -> snake_case); `add*Message(text)` appends a message. The object's
   * node is the `.build()` call, before which a fix inserts.
   */
  private builderVal(node: Node, depth: number): Val | undefined {
    if (node.childForFieldName('name')?.text !== 'build') return undefined;
    const chain: Node[] = [];
    let n: Node | null = node.childForFieldName('object');
    while (n?.type === 'method_invocation') {
      chain.unshift(n);
      n = n.childForFieldName('object');
    }
    if (!chain.length || chain[0].childForFieldName('name')?.text !== 'builder' || !/Params$/.test(chain[0].childForFieldName('object')?.text ?? '')) return undefined;
    const props = new Map<string, Val>();
    const messages: Val[] = [];
    const span = spanOf(node);
    for (const call of chain.slice(1)) {
      const name = call.childForFieldName('name')?.text ?? '';
      const arg = call.childForFieldName('arguments')?.namedChildren.find((a): a is Node => !!a);
      if (!arg) continue;
      const role = /^add(User|System|Developer|Assistant)Message$/.exec(name)?.[1]?.toLowerCase();
      if (role) {
        messages.push(messageVal(role, this.val(arg, depth), spanOf(call), call.text));
      } else props.set(snake(name), this.val(arg, depth));
    }
    if (messages.length) props.set('messages', { kind: 'list', items: messages, open: [], span, text: node.text });
    return { kind: 'obj', props, open: [], node, span, text: node.text };
  }

  /** Inserts `.maxTokens(1024L)` before `.build()`, on its own line when the chain is written one call per line. */
  protected insertParam(obj: ObjVal, name: string, value: string): { span: Span; newText: string } | null {
    const build = obj.node as Node | null;
    const nameNode = build?.childForFieldName('name');
    if (!build || !nameNode) return null;
    const dot = this.text.lastIndexOf('.', nameNode.startIndex);
    if (dot < build.startIndex) return null;
    const call = `.${camel(name)}(${value}L)`;
    const lineStart = this.text.lastIndexOf('\n', dot) + 1;
    const before = this.text.slice(lineStart, dot);
    if (/^\s*$/.test(before)) return { span: { start: dot, end: dot }, newText: `${call}\n${before}` };
    return { span: { start: dot, end: dot }, newText: call };
  }
}

/** The expression a method chain starts from (`OpenAIOkHttpClient` in `OpenAIOkHttpClient.builder().build()`). */
function chainRoot(node: Node): Node | null {
  let n: Node | null = node;
  while (n?.type === 'method_invocation') n = n.childForFieldName('object');
  return n;
}




const JAVA_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'", b: '\b', f: '\f', s: ' ', '0': '\0' };
function unescapeJava(s: string): string {
  return s.replace(/\\(u+[0-9a-fA-F]{4}|.)/g, (m, e: string) => (e[0] === 'u' ? String.fromCharCode(parseInt(e.replace(/^u+/, ''), 16)) : (JAVA_ESCAPES[e] ?? m)));
}
