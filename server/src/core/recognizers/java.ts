// Java recognizer (tree-sitter): the official openai-java and anthropic-sdk-java libraries.
// `OpenAIClient client = OpenAIOkHttpClient.fromEnv();` then
// `client.chat().completions().create(params)` with `params` from a builder chain
// (`ChatCompletionCreateParams.builder().model(ChatModel.GPT_4_1).maxCompletionTokens(1024L).build()`).
// Clients come from the SDK's client classes or from declarations typed as a client (locals,
// fields, parameters); builder calls are read as request params with snake_case names.
import type { Node, Parser } from 'web-tree-sitter';
import { CATALOGUE, modelParamsOf, type OperationSpec, type SdkSpec } from '../catalogue';
import type { Arg, Expr, MapItem, Param } from '../model/ir';
import {
  type Assignment,
  camel,
  declaredFor,
  isMutator,
  methodChanges,
  mutatorsIn,
  type Mutators,
  type LanguageShape,
  returnsOf,
  snake,
  spanOf,
  topLevel,
} from './scoped';
import { ModelFile, TreeSitterFrontEnd, treeSitterRecognizer } from './modelfile';
import type { ImportContext } from '../workspace';
import { readPath, type ObjVal, type RawCall, type Val } from './values';
import { mergeParams } from './symbols';
import { JavaWriter } from '../writers/java';
import { eolAt, type Edit, type Lit, type WriteTarget } from '../writers/lit';

const CLIENT_TYPES: ReadonlySet<string> = new Set(CATALOGUE.flatMap((s) => s.java?.types ?? []));

function declarators(node: Node): Node[] {
  return node.childrenForFieldName('declarator').filter((d): d is Node => !!d);
}

/** Methods of Java collections that change them in place (`add(i, x)` inserts: other). */
const JAVA_MUTATORS: Mutators = {
  append: ['add'],
  extend: ['addAll'],
  other: new Set([
    'remove',
    'removeIf',
    'removeAll',
    'retainAll',
    'clear',
    'set',
    'put',
    'putAll',
    'putIfAbsent',
    'sort',
    'replaceAll',
    'addFirst',
    'push',
    'pop',
    'poll',
  ]),
  single: true,
};

const SHAPE: LanguageShape = {
  conditionals: new Set(['if_statement', 'switch_expression', 'switch_statement', 'ternary_expression', 'catch_clause']),
  argumentParents: new Set(['argument_list']),
  types: [
    'enhanced_for_statement',
    'for_statement',
    'while_statement',
    'do_statement',
    'method_invocation',
    'local_variable_declaration',
    'field_declaration',
    'assignment_expression',
    'formal_parameter',
  ],
  functions: new Set(['method_declaration', 'constructor_declaration', 'lambda_expression']),
  classes: new Set(['class_declaration', 'record_declaration', 'enum_declaration']),
  loop(node) {
    switch (node.type) {
      case 'enhanced_for_statement': {
        const value = node.childForFieldName('value');
        return { label: 'for loop', once: [value].filter((n): n is Node => !!n), count: value ? { over: value } : undefined };
      }
      case 'for_statement':
        // `for (int i = 0; i < n; i++)`
        return { label: 'for loop', ...declaredFor(node, 'init') };
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
  returned: (fn) => returnsOf(fn, 'return_statement', (r) => r.namedChildren[0]),
  callTypes: new Set(['method_invocation']),
  parameters: (fn) =>
    (fn.childForFieldName('parameters')?.namedChildren ?? []).flatMap((p): Param<Node>[] => {
      if (p?.type === 'spread_parameter') return [{ name: '...', key: '', rest: true }];
      const name = p?.type === 'formal_parameter' ? p.childForFieldName('name')?.text : undefined;
      return name ? [{ name, key: name }] : [];
    }),
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
  classFieldsExported: true,
  // `messages.add(m)`, `messages.addAll(history)`; `messages.remove(0)`, `params.put(k, v)`: other changes.
  changesIf: mutatorsIn(JAVA_MUTATORS),
  changes(node, method) {
    if (!method || !isMutator(method, JAVA_MUTATORS)) return [];
    const object = node.childForFieldName('object');
    const target =
      object?.type === 'identifier'
        ? { name: object.text, space: 'local' as const }
        : object?.type === 'field_access' && object.childForFieldName('object')?.type === 'this'
          ? { name: object.childForFieldName('field')?.text ?? '', space: 'field' as const }
          : null;
    // `request.messages.add(m)`: a change inside what a local holds.
    if (!target) {
      let root: Node | null = object;
      while (root?.type === 'field_access' || root?.type === 'array_access') root = root.childForFieldName(root.type === 'field_access' ? 'object' : 'array');
      return root?.type === 'identifier' && root.id !== object?.id ? [{ name: root.text, space: 'local', kind: 'other' }] : [];
    }
    const args = node.childForFieldName('arguments')?.namedChildren.filter((a): a is Node => !!a && a.type !== 'comment') ?? [];
    return methodChanges(target, method, args, JAVA_MUTATORS);
  },
};

export const javaRecognizer = (parser: Parser) => treeSitterRecognizer(parser, (text, root, ctx) => new JavaFile(text, root, ctx));

/**
 * Java's front-end: lowers tree-sitter-java's nodes to the intermediate model. A capitalized
 * name is a class (Java's naming convention; imported ones by their full name): `X.f()` is a
 * static function, `X.C` a constant's path. `X.builder().a(1).b(2).build()` is an `X` made with
 * those properties (setters as snake_case names; `addUserMessage(text)` appends a message).
 */
class JavaFrontEnd extends TreeSitterFrontEnd {
  readonly flavor = 'java' as const;
  readonly concatOp = '+';
  readonly staticSeparator = '.';
  readonly moduleSeparator = '.';
  /** Imported packages and classes, as written (`com.openai.models.ChatModel`, `com.openai.models.*`): one must be an SDK's. */
  readonly requiredImports: string[] = [];
  /** Explicitly imported classes' full names, by simple name. */
  private readonly classes = new Map<string, string>();
  /** The file's package (`package com.acme.ai;`), or '' for the default package. */
  private readonly pkg: string;

  constructor(root: Node) {
    super();
    // The package and imports precede the file's classes.
    const comments = new Set(['line_comment', 'block_comment']);
    const head = topLevel(root, new Set(['package_declaration', 'import_declaration']), { ends: (n) => !comments.has(n.type) });
    this.pkg =
      head
        .find((c) => c.type === 'package_declaration')
        ?.namedChildren.find((c) => c?.type === 'scoped_identifier' || c?.type === 'identifier')
        ?.text.replace(/\s+/g, '') ?? '';
    for (const d of head) {
      if (d.type !== 'import_declaration') continue;
      const path = d?.text
        .replace(/^import\s+(static\s+)?/, '')
        .replace(/\s*;\s*$/, '')
        .replace(/\s+/g, '');
      if (!path) continue;
      this.requiredImports.push(path);
      if (!path.endsWith('*')) this.classes.set(path.split('.').at(-1)!, path);
    }
  }

  /** The package an explicitly imported class is in (`dev.langchain4j.model.chat` for `ChatModel`), else undefined. */
  private packageOf(simpleName: string): string | undefined {
    if (this.packages.has(simpleName)) return this.packages.get(simpleName);
    const pkg = this.findPackage(simpleName);
    this.packages.set(simpleName, pkg);
    return pkg;
  }

  private readonly packages = new Map<string, string | undefined>();

  private findPackage(simpleName: string): string | undefined {
    // `com.openai.client.okhttp.OpenAIOkHttpClient`: qualified where it is written.
    if (/^[a-z]\w*\./.test(simpleName)) return simpleName.split('.').slice(0, -1).join('.');
    const full = this.classes.get(simpleName.split('.')[0]);
    if (full) return full.split('.').slice(0, -1).join('.');
    // Not imported by name and no package imported whole (`import com.openai.models.*;`): a class of this
    // file's own package (a project's `ChatClient` beside its services), or java.lang.
    return this.pkg && !this.requiredImports.some((i) => i.endsWith('.*')) ? this.pkg : undefined;
  }

  /** A class reference: a capitalized identifier or a dotted name ending in one (`ChatModel`, `com.openai.models.ChatModel`). */
  private className(node: Node | null): string | undefined {
    if (!node) return undefined;
    if (node.type === 'identifier' || node.type === 'type_identifier') return /^[A-Z]/.test(node.text) ? node.text : undefined;
    return node.type === 'field_access' && /^([a-z]\w*\.)+[A-Z]\w*$/.test(node.text) ? node.text : undefined;
  }

  isSelf(node: Node): boolean {
    return node.type === 'this';
  }

  lower(node: Node): Expr<Node> {
    const opaque = { node, k: 'opaque' as const };
    switch (node.type) {
      case 'parenthesized_expression':
        return node.namedChildren[0] ? { node, k: 'group', inner: node.namedChildren[0] } : opaque;
      case 'type_identifier': {
        // Every type in the file is lowered: what it is declared with is read only when asked for.
        let init: Node | undefined | null = null;
        return {
          node,
          k: 'typed',
          cls: node.text,
          module: this.packageOf(node.text),
          get init() {
            return init === null ? (init = declaredValue(node)) : init;
          },
        };
      }
      case 'identifier':
        return { node, k: 'name', name: node.text, space: 'local' };
      case 'field_access': {
        const object = node.childForFieldName('object');
        const field = node.childForFieldName('field')?.text;
        if (!object || !field) return opaque;
        if (object.type === 'this') return { node, k: 'name', name: field, space: 'field' };
        // ChatModel.GPT_4_1: a constant of a class, by the class's full name when it is imported;
        // Prompts.SYSTEM: maybe of a class of the project, imported or of this package.
        const cls = this.className(object);
        if (cls) {
          const full = this.classes.get(cls) ?? cls;
          const module = full.includes('.') ? full : this.pkg ? `${this.pkg}.${cls}` : cls;
          return { node, k: 'path', segments: [...full.split('.'), field], module };
        }
        return { node, k: 'member', object, name: field };
      }
      case 'method_invocation': {
        const nameNode = node.childForFieldName('name');
        if (!nameNode) return opaque;
        const object = node.childForFieldName('object');
        const argsNode = node.childForFieldName('arguments');
        if (nameNode.text === 'build') {
          const made = this.builder(node);
          if (made) return made;
        }
        if (/^set[A-Z]/.test(nameNode.text)) {
          const made = this.fluentSetters(node);
          if (made) return made;
        }
        const cls = this.className(object);
        if (cls) return { node, k: 'static', cls, name: nameNode.text, nameNode, argsNode };
        return { node, k: 'call', object, name: nameNode.text, nameNode, argsNode, block: false };
      }
      case 'object_creation_expression': {
        const type = node.childForFieldName('type');
        return type ? { node, k: 'new', cls: type.text, module: this.packageOf(type.text), argsNode: node.childForFieldName('arguments') } : opaque;
      }
      case 'string_literal': {
        if (node.text.startsWith('"""')) return { node, k: 'str', parts: [{ text: textBlock(node.text) }] };
        const s = node.namedChildren.map((c) => (c?.type === 'escape_sequence' ? unescapeJava(c.text) : (c?.text ?? ''))).join('');
        return { node, k: 'str', parts: [{ text: s }] };
      }
      case 'decimal_integer_literal':
      case 'decimal_floating_point_literal':
        return this.number(node);
      case 'true':
      case 'false':
        return { node, k: 'bool', value: node.type === 'true' };
      case 'null_literal':
        return { node, k: 'null' };
      case 'binary_expression':
        return this.binary(node);
      case 'ternary_expression':
        return this.choice(node, 'consequence', 'alternative');
      default:
        return opaque;
    }
  }

  /**
   * `new ChatCompletionsOptions(messages).setMaxTokens(200).setTemperature(0.2)` (Azure OpenAI for Java's
   * options): the object made, with its setters' values.
   */
  private fluentSetters(last: Node): Expr<Node> | undefined {
    const chain: Node[] = [];
    let n: Node | null = last;
    while (n?.type === 'method_invocation' && /^set[A-Z]/.test(n.childForFieldName('name')?.text ?? '')) {
      chain.unshift(n);
      n = n.childForFieldName('object');
    }
    const type = n?.type === 'object_creation_expression' ? n.childForFieldName('type') : null;
    if (!n || !type) return undefined;
    const init: MapItem<Node>[] = [];
    for (const call of chain) {
      const arg = call.childForFieldName('arguments')?.namedChildren.find((a): a is Node => !!a && a.type !== 'comment');
      if (arg) init.push({ key: setterParam(call.childForFieldName('name')!.text.slice(3)), value: arg });
    }
    return { node: last, k: 'new', cls: type.text, module: this.packageOf(type.text), argsNode: n.childForFieldName('arguments'), init };
  }

  /**
   * `XParams.builder().model(...).maxTokens(1024L).addUserMessage("...").build()`, or any class's
   * builder (`TextBlockParam.builder().text(...).build()`, `OpenAIOkHttpClient.builder()...build()`).
   * The object's node is the `.build()` call, before which a fix inserts.
   */
  private builder(build: Node): Expr<Node> | undefined {
    const chain: Node[] = [];
    let n: Node | null = build.childForFieldName('object');
    while (n?.type === 'method_invocation') {
      chain.unshift(n);
      n = n.childForFieldName('object');
    }
    const cls = chain.length && chain[0].childForFieldName('name')?.text === 'builder' ? this.className(chain[0].childForFieldName('object')) : undefined;
    if (!cls) return undefined;
    const init: MapItem<Node>[] = [];
    for (const call of chain.slice(1)) {
      const name = call.childForFieldName('name')?.text ?? '';
      const arg = call.childForFieldName('arguments')?.namedChildren.find((a): a is Node => !!a && a.type !== 'comment');
      if (!arg) continue;
      const role = /^add(User|System|Developer|Assistant)Message$/.exec(name)?.[1]?.toLowerCase();
      init.push(role ? { append: 'messages', role, value: arg, at: call } : { key: setterParam(name), value: arg });
    }
    return { node: build, k: 'new', cls, module: this.packageOf(cls), argsNode: null, init };
  }

  args(argList: Node): Arg<Node>[] {
    return argList.namedChildren.flatMap((a): Arg<Node>[] => (a && a.type !== 'comment' ? [{ kind: 'pos', value: a }] : []));
  }
}

class JavaFile extends ModelFile {
  constructor(text: string, root: Node, ctx?: ImportContext) {
    super(text, root, SHAPE, new JavaFrontEnd(root), ctx);
  }

  /** The request is the call's one argument: a params object built here, or a variable holding one. */
  protected toRawCall(node: Node, loop: string | null): RawCall | undefined {
    const found = this.ev.operation(node);
    if (!found) return undefined;
    const { client, op, call } = found;
    const arg = this.ev.args(call)[0]?.value;
    let args: ObjVal = { kind: 'obj', props: new Map(), open: [], node: null, span: spanOf(node), text: '' };
    // LangChain4j's `model.chat("Hello")`, `embeddingModel.embed(text)`, Spring AI's `call(new Prompt(...))`.
    if (op.positional?.length) args = this.withPositional(op, call, args);
    else if (arg) {
      const v = this.ev.val(arg);
      args = v.kind === 'obj' ? v : { kind: 'obj', props: new Map(), open: [arg.text], node: null, span: spanOf(arg), text: arg.text };
    }
    const bound = this.withAppSettings(client.sdk, op, args, client.bound);
    return this.operationCall(found, node, args, loop, { idioms: client.sdk.java }, { bound: bound ?? null });
  }

  /**
   * A call naming no model (or cap) through a bean Spring Boot configures from the application's
   * settings (`spring.ai.mistralai.chat.options.model=mistral-large-latest`): the bean's parameters
   * with those, and the key they come from (the call's own still win). `${ENV:default}` placeholders
   * are set at run time, their default assumed.
   */
  private withAppSettings(sdk: SdkSpec, op: OperationSpec, args: ObjVal, bound: ObjVal | undefined): ObjVal | undefined {
    const spec = sdk.java?.settings?.[op.api];
    if (!spec) return bound;
    const params = mergeParams(bound, args);
    const modelParams = modelParamsOf(sdk, op);
    const hasModel = modelParams.some((p) => readPath(params, p).value !== undefined);
    const hasCap = !op.cap || op.cap.params.some((p) => readPath(params, p).value !== undefined);
    if (hasModel && hasCap) return bound;
    const settings = this.ev.ctx?.appSettings?.();
    if (!settings?.size) return bound;
    const find = (patterns: string[] | undefined) => {
      for (const [key, value] of settings) {
        for (const p of patterns ?? []) {
          const m = new RegExp(p).exec(key);
          if (m && value) return { key, value, provider: m[1] };
        }
      }
      return undefined;
    };
    const setting = (key: string, value: string, text: (v: string) => Val): Val => {
      // `${OPENAI_MODEL:gpt-4o-mini}`: an environment variable with a default.
      const placeholder = /^\$\{[^:}]+(?::([^}]*))?\}$/.exec(value);
      const expression = `${key} in the application's settings`;
      if (!placeholder) return { ...text(value), text: expression };
      return placeholder[1]
        ? { kind: 'unknown', span: args.span, text: `${value} (${key})`, default: text(placeholder[1]) }
        : { kind: 'unknown', span: args.span, text: `${value} (${key})` };
    };
    const props = new Map(bound?.props);
    const model = hasModel ? undefined : find(spec.model);
    if (model)
      props.set(
        modelParams.at(-1)!,
        setting(model.key, model.value, (v) => ({ kind: 'str', parts: [{ text: `${model.provider}/${v}` }], span: args.span, text: v })),
      );
    const cap = hasCap ? undefined : find(spec.cap);
    if (cap && op.cap)
      props.set(
        'max_tokens',
        setting(cap.key, cap.value, (v) =>
          Number.isFinite(Number(v)) ? { kind: 'num', value: Number(v), span: args.span, text: v } : { kind: 'unknown', span: args.span, text: v },
        ),
      );
    if (!model && !cap) return bound;
    return { kind: 'obj', props, open: bound?.open ?? [], node: null, span: bound?.span ?? args.span, text: bound?.text ?? '' };
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
    const edit = /^\s*$/.test(before)
      ? { span: { start: dot, end: dot }, newText: `.${call}${eolAt(this.text, dot)}${before}` }
      : { span: { start: dot, end: dot }, newText: `.${call}` };
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

/** The value a declaration of one variable gives it (`ChatModel m = X.builder()...build();`), by its type node. */
function declaredValue(type: Node): Node | undefined {
  const decl = type.parent;
  if (decl?.type !== 'local_variable_declaration' && decl?.type !== 'field_declaration') return undefined;
  const declarators = decl.namedChildren.filter((c) => c?.type === 'variable_declarator');
  return declarators.length === 1 ? (declarators[0].childForFieldName('value') ?? undefined) : undefined;
}

/** The API parameter a builder setter sets: `maxTokens` -> `max_tokens`; a union's variant setter `systemOfTextBlockParams` -> `system`. */
function setterParam(method: string): string {
  return snake(method.replace(/(?<=[a-z0-9])Of[A-Z]\w*$/, ''));
}

const JAVA_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'", b: '\b', f: '\f', s: ' ', '0': '\0', '\n': '' };
/**
 * A text block's value (JLS 3.10.6): the content after the opening delimiter's line, its
 * incidental indentation (the least of its non-blank lines and of the closing delimiter's line)
 * and trailing spaces stripped, then its escapes read (`\<newline>` joins lines, `\s` is a space).
 */
export function textBlock(literal: string): string {
  const body = literal.slice(3, literal.endsWith('"""') && literal.length >= 6 ? -3 : undefined);
  const lines = body.slice(body.indexOf('\n') + 1).split(/\r?\n|\r/);
  const last = lines.length - 1;
  const indent = (l: string) => /^[ \t\f]*/.exec(l)![0].length;
  // The closing delimiter's line counts even when blank: `"""` at column 4 keeps 4 columns less.
  const counted = lines.filter((l, i) => l.trim() !== '' || i === last);
  const min = counted.length ? Math.min(...counted.map(indent)) : 0;
  const stripped = lines.map((l, i) => (l.trim() === '' && i !== last ? '' : l.slice(min).replace(/[ \t\f]+$/, '')));
  return unescapeJava(stripped.join('\n'));
}

function unescapeJava(s: string): string {
  return s.replace(/\\(u+[0-9a-fA-F]{4}|[\s\S])/g, (m, e: string) =>
    e[0] === 'u' ? String.fromCharCode(parseInt(e.replace(/^u+/, ''), 16)) : (JAVA_ESCAPES[e] ?? m),
  );
}
