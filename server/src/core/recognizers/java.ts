// Java recognizer (tree-sitter): the official openai-java and anthropic-sdk-java libraries.
// `OpenAIClient client = OpenAIOkHttpClient.fromEnv();` then
// `client.chat().completions().create(params)` with `params` from a builder chain
// (`ChatCompletionCreateParams.builder().model(ChatModel.GPT_4_1).maxCompletionTokens(1024L).build()`).
// Clients come from the SDK's client classes or from declarations typed as a client (locals,
// fields, parameters); builder calls are read as request params with snake_case names.
import type { Node, Parser } from 'web-tree-sitter';
import { CATALOGUE, findOperationIn, OTHER_METHOD_NAMES, type SdkSpec } from '../catalogue';
import { type Assignment, camel, type LanguageShape, messageVal, modelFromConstant, numberVal, treeSitterRecognizer, snake, spanOf, TreeSitterFile } from './scoped';
import type { ObjVal, RawCall, Val } from './values';
import { JavaWriter } from '../writers/java';
import { eolAt, type Edit, type Lit, type WriteTarget } from '../writers/lit';

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
            // The client is what `fromEnv()` / `builder()...build()` return; calls after that are resources (`.messages()`).
            if (sdk && /^(fromEnv|build|create)$/.test(name)) return { sdk, path: [], cls: root.text };
            if (sdk && !(object && this.client(object, depth + 1))) return undefined;
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
    return this.rawCall({ sdkId: receiver.sdk.id, operation: op.path, clientClass: receiver.cls, span: spanOf(node), nameSpan: spanOf(nameNode), args, loop }, { idioms: receiver.sdk.java });
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
          return id ? { kind: 'str', parts: [{ text: id }], span, text, constant: true } : undefined;
        }
        return undefined;
      }
      case 'method_invocation': {
        // List.of(a, b), Arrays.asList(a, b): a list.
        const obj = node.childForFieldName('object')?.text;
        const name = node.childForFieldName('name')?.text;
        if ((obj === 'List' && name === 'of') || (obj === 'Arrays' && name === 'asList')) {
          const items = (node.childForFieldName('arguments')?.namedChildren ?? []).filter((a): a is Node => !!a && a.type !== 'comment').map((a) => this.val(a, depth));
          return { kind: 'list', items, open: [], span, text };
        }
        return this.builderVal(node, depth);
      }
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
    // `XParams.builder()`, or any SDK type's builder (`TextBlockParam.builder().text(...).build()`).
    if (!chain.length || chain[0].childForFieldName('name')?.text !== 'builder' || !/^([a-z]\w*\.)*[A-Z]\w*$/.test(chain[0].childForFieldName('object')?.text ?? '')) return undefined;
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
      } else props.set(setterParam(name), this.val(arg, depth));
    }
    if (messages.length) props.set('messages', { kind: 'list', items: messages, open: [], span, text: node.text });
    return { kind: 'obj', props, open: [], node, span, text: node.text };
  }

  protected makeWriter(): JavaWriter {
    return new JavaWriter(this.text);
  }

  /** The setter calls of a builder chain ending in `build` (the object's node), with the API names they set. */
  private setters(build: Node): { call: Node; name: Node; param: string }[] {
    const out: { call: Node; name: Node; param: string }[] = [];
    for (let n: Node | null = build.childForFieldName('object'); n?.type === 'method_invocation'; n = n.childForFieldName('object')) {
      const name = n.childForFieldName('name');
      if (name) out.push({ call: n, name, param: setterParam(name.text) });
    }
    return out;
  }

  /**
   * `.name(value)` in a builder chain: before `.build()` (on its own line when the chain is written
   * one call per line), or in place of the setter that sets it now. A list goes through the
   * setter the SDK has for lists (`.systemOfTextBlockParams(List.of(...))`). The classes the value
   * names are imported; a class whose simple name the file imports from elsewhere gets no fix.
   */
  protected setParam(obj: ObjVal, name: string, value: Lit, target: WriteTarget): Edit[] | null {
    const build = obj.node as Node | null;
    const nameNode = build?.childForFieldName('name');
    if (!build || !nameNode || nameNode.text !== 'build') return null;
    const imports = new Set<string>();
    const text = this.writer.value(value, { target, imports });
    if (text === null || (this.writer as JavaWriter).conflicts(imports).length) return null;
    const setter = (value.kind === 'list' && target.idioms?.listSetters?.[name]) || camel(name);
    const call = `${setter}(${text})`;
    const importEdits = this.writer.importEdits(imports);
    const existing = this.setters(build).find((s) => s.param === name);
    if (existing) return [{ span: { start: existing.name.startIndex, end: existing.call.endIndex }, newText: call }, ...importEdits];
    const dot = this.text.lastIndexOf('.', nameNode.startIndex);
    if (dot < build.startIndex) return null;
    const lineStart = this.text.lastIndexOf('\n', dot) + 1;
    const before = this.text.slice(lineStart, dot);
    const edit = /^\s*$/.test(before) ? { span: { start: dot, end: dot }, newText: `.${call}${eolAt(this.text, dot)}${before}` } : { span: { start: dot, end: dot }, newText: `.${call}` };
    return [edit, ...importEdits];
  }

  /** Renames a builder setter (`.maxTokens(...)` -> `.maxCompletionTokens(...)`), its argument untouched. */
  protected renameParam(obj: ObjVal, name: string, newName: string): Edit[] | null {
    const build = obj.node as Node | null;
    if (!build || build.childForFieldName('name')?.text !== 'build') return null;
    const s = this.setters(build).find((x) => x.param === name);
    return s ? [{ span: spanOf(s.name), newText: camel(newName) }] : null;
  }
}

/** The API parameter a builder setter sets: `maxTokens` -> `max_tokens`; a union's variant setter `systemOfTextBlockParams` -> `system`. */
function setterParam(method: string): string {
  return snake(method.replace(/(?<=[a-z0-9])Of[A-Z]\w*$/, ''));
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
