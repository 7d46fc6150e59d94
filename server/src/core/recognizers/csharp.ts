// C# recognizer (tree-sitter): the official OpenAI .NET library and Anthropic's C# SDK.
// OpenAI .NET binds the model to a resource client (`new ChatClient(model: "gpt-4o", key)`,
// `openAIClient.GetChatClient("gpt-4o")`) and takes messages plus an options object
// (`CompleteChat(messages, new ChatCompletionOptions { MaxOutputTokenCount = 100 })`).
// Anthropic's takes a params object (`client.Messages.Create(new MessageCreateParams { ... })`).
// Object initializers are read with snake_case names (`MaxTokens` -> `max_tokens`).
import type { Node, Parser } from 'web-tree-sitter';
import { CATALOGUE, findOperationIn, OTHER_METHOD_NAMES, type SdkSpec } from '../catalogue';
import { insertInList, inThisFile } from './edits';
import { CSharpWriter } from '../writers/csharp';
import type { Edit, Lit, WriteTarget } from '../writers/lit';
import { pascal, type Assignment, type LanguageShape, messageVal, modelFromConstant, numberVal, treeSitterRecognizer, snake, spanOf, TreeSitterFile } from './scoped';
import { mergeParts, type ObjVal, type RawCall, type StrPart, type Val } from './values';

/** .NET's option name for the cap, by the API it is sent to. */
const CAP_OPTION: Record<string, string> = { 'chat.completions': 'max_completion_tokens', responses: 'max_output_tokens' };
const MESSAGE_TYPES: Record<string, string> = { UserChatMessage: 'user', SystemChatMessage: 'system', AssistantChatMessage: 'assistant', DeveloperChatMessage: 'developer' };

const SHAPE: LanguageShape = {
  types: ['foreach_statement', 'for_statement', 'while_statement', 'do_statement', 'invocation_expression', 'variable_declaration', 'assignment_expression', 'parameter', 'property_declaration'],
  functions: new Set(['method_declaration', 'constructor_declaration', 'local_function_statement', 'lambda_expression', 'anonymous_method_expression']),
  classes: new Set(['class_declaration', 'record_declaration', 'struct_declaration']),
  loop(node) {
    switch (node.type) {
      case 'foreach_statement':
        return { label: 'foreach loop', once: [node.childForFieldName('right')].filter((n): n is Node => !!n) };
      case 'for_statement':
        return { label: 'for loop', once: node.childrenForFieldName('initializer').filter((n): n is Node => !!n) };
      case 'while_statement':
      case 'do_statement':
        return { label: node.type === 'while_statement' ? 'while loop' : 'do-while loop', once: [] };
      case 'invocation_expression': {
        // items.Select(x => ...), list.ForEach(x => ...): the lambda runs per element.
        const fn = node.childForFieldName('function');
        const name = fn?.type === 'member_access_expression' ? (fn.childForFieldName('name')?.text ?? '') : '';
        if (!/^(Select|SelectMany|ForEach|Where)$/.test(name)) return null;
        return { label: `.${name}() callback`, once: fn ? [fn] : [] };
      }
      default:
        return null;
    }
  },
  assignments(node) {
    const out: Assignment[] = [];
    if (node.type === 'variable_declaration') {
      const field = node.parent?.type === 'field_declaration';
      const type = node.childForFieldName('type');
      for (const d of node.namedChildren) {
        if (d?.type !== 'variable_declarator') continue;
        const name = d.childForFieldName('name') ?? d.namedChildren[0];
        // `ChatClient chat = new(...)`: the value; without one, the declared type says what it is.
        const value = d.namedChildren.find((c) => c && c.id !== name?.id) ?? (type?.type !== 'implicit_type' ? type : null);
        if (name && value) out.push({ kind: field ? 'field' : 'local', name: name.text, value: value.type === 'equals_value_clause' ? (value.namedChildren[0] ?? value) : value });
      }
    } else if (node.type === 'assignment_expression' && node.parent?.type !== 'initializer_expression') {
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      if (left && right) {
        if (left.type === 'identifier') {
          out.push({ kind: 'local', name: left.text, value: right });
          out.push({ kind: 'field', name: left.text, value: right });
        } else if (left.type === 'member_access_expression' && left.childForFieldName('expression')?.type === 'this_expression') {
          out.push({ kind: 'field', name: left.childForFieldName('name')?.text ?? '', value: right });
        }
      }
    } else if (node.type === 'parameter') {
      const name = node.childForFieldName('name');
      const type = node.childForFieldName('type');
      if (name && type) out.push({ kind: 'local', name: name.text, value: type });
    } else if (node.type === 'property_declaration') {
      const name = node.childForFieldName('name');
      const value = node.childForFieldName('value') ?? node.childForFieldName('type');
      if (name && value) out.push({ kind: 'field', name: name.text, value });
    }
    return out;
  },
  callName(node) {
    if (node.type !== 'invocation_expression') return null;
    const fn = node.childForFieldName('function');
    return fn?.type === 'member_access_expression' ? (fn.childForFieldName('name')?.text ?? null) : null;
  },
};

type Client = { sdk: SdkSpec; path: string[]; cls: string | null; model?: Val; resource?: string };

export const csharpRecognizer = (parser: Parser) => treeSitterRecognizer(parser, (text, root) => new CSharpFile(text, root));

/** What a C# fix needs to find where a parameter goes. */
interface CsTarget {
  /** The call's argument list, where an options argument can be added. */
  argList: Node | null;
  /** The API the call goes to, and the resource client class (or factory) it is made through: which options class a new options argument is. */
  api?: string;
  client?: string | null;
  /** The object creation whose initializer holds the parameters, when there is one. */
  creation: Node | null;
  optionsType: string | null;
}

class CSharpFile extends TreeSitterFile {
  private readonly sdks: SdkSpec[];

  constructor(text: string, root: Node) {
    super(text, root, SHAPE, (name) => OTHER_METHOD_NAMES.has(name));
    const usings = root.descendantsOfType('using_directive').map((n) => n?.text ?? '');
    this.sdks = CATALOGUE.filter((s) => s.csharp?.packages.some((p) => usings.some((u) => new RegExp(`\\busing\\s+(\\w+\\s*=\\s*)?${p}(\\.|;|\\s)`).test(u))));
  }

  override run(): RawCall[] {
    return this.sdks.length ? super.run() : [];
  }

  /** A class name as a client: a root client, or a resource client bound to a model. */
  private classClient(name: string, args: Node | null): Client | undefined {
    for (const sdk of this.sdks) {
      const cs = sdk.csharp!;
      if (cs.constructors.includes(name)) return { sdk, path: [], cls: name };
      const path = cs.resourceClasses?.[name];
      if (path) return { sdk, path: [path], cls: name, model: args ? this.modelArg(args) : undefined };
    }
    return undefined;
  }

  /** The `model` argument of a resource client's constructor or factory: named, else the first. */
  private modelArg(argList: Node): Val | undefined {
    const args = argList.namedChildren.filter((a): a is Node => a?.type === 'argument');
    const named = args.find((a) => a.childForFieldName('name')?.text === 'model');
    const arg = named ?? args.find((a) => !a.childForFieldName('name'));
    const expr = arg?.namedChildren.at(-1);
    return expr ? this.val(expr) : undefined;
  }

  private client(node: Node | null, depth = 0): Client | undefined {
    if (!node) return undefined;
    return this.guard(node, depth, () => {
      switch (node.type) {
        case 'parenthesized_expression':
        case 'await_expression':
          return this.client(node.namedChildren.at(-1) ?? null, depth + 1);
        case 'identifier': {
          // A type name in a declaration (`ChatClient chat;`), or a variable.
          const asType = this.classClient(node.text, null);
          if (asType && (node.parent?.type === 'variable_declaration' || node.parent?.type === 'parameter' || node.parent?.type === 'property_declaration')) return asType;
          const v = this.file.local(node.text, node);
          if (v) return this.client(v.value, depth + 1);
          for (const f of this.file.field(node.text, node)) {
            const c = this.client(f, depth + 1);
            if (c) return c;
          }
          return undefined;
        }
        case 'object_creation_expression':
          return this.classClient(node.childForFieldName('type')?.text ?? '', node.childForFieldName('arguments'));
        case 'implicit_object_creation_expression': {
          // `ChatClient chat = new(model: "gpt-4o", ...)`: the declared type names the class.
          const decl = node.parent?.type === 'variable_declarator' ? node.parent.parent : node.parent?.parent?.type === 'variable_declarator' ? node.parent.parent.parent : null;
          const type = decl?.type === 'variable_declaration' ? decl.childForFieldName('type')?.text : undefined;
          return type ? this.classClient(type, node.namedChildren.find((c) => c?.type === 'argument_list') ?? null) : undefined;
        }
        case 'member_access_expression': {
          const base = this.client(node.childForFieldName('expression'), depth + 1);
          if (base) return { ...base, path: [...base.path, node.childForFieldName('name')?.text ?? ''] };
          if (node.childForFieldName('expression')?.type === 'this_expression') {
            for (const f of this.file.field(node.childForFieldName('name')?.text ?? '', node)) {
              const c = this.client(f, depth + 1);
              if (c) return c;
            }
          }
          return undefined;
        }
        case 'invocation_expression': {
          // openAIClient.GetChatClient("gpt-4o")
          const fn = node.childForFieldName('function');
          if (fn?.type !== 'member_access_expression') return undefined;
          const base = this.client(fn.childForFieldName('expression'), depth + 1);
          const path = base?.sdk.csharp?.resourceFactories?.[fn.childForFieldName('name')?.text ?? ''];
          if (!base || base.path.length || !path) return undefined;
          const args = node.childForFieldName('arguments');
          return { ...base, path: [path], model: args ? this.modelArg(args) : undefined, resource: fn.childForFieldName('name')?.text };
        }
        default:
          return undefined;
      }
    });
  }

  protected toRawCall(node: Node, loop: string | null): RawCall | undefined {
    const fn = node.childForFieldName('function')!;
    const nameNode = fn.childForFieldName('name')!;
    const receiver = this.client(fn.childForFieldName('expression'));
    if (!receiver) return undefined;
    const op = findOperationIn(receiver.sdk, 'csharp', [...receiver.path, nameNode.text]);
    if (!op) return undefined;
    const argList = node.childForFieldName('arguments');
    const args = this.callArgs(argList, op.api, receiver.model);
    (args.node as CsTarget).api = op.api;
    (args.node as CsTarget).client = receiver.resource ?? receiver.cls;
    return this.rawCall({ sdkId: receiver.sdk.id, operation: op.path, clientClass: receiver.cls, span: spanOf(node), nameSpan: spanOf(nameNode), args, loop }, { idioms: receiver.sdk.csharp });
  }

  /**
   * The request: an options or params object (its initializer), and for OpenAI's resource
   * clients the messages (strings, `new UserChatMessage(...)`, lists of them) and the bound model.
   */
  private callArgs(argList: Node | null, api: string, model: Val | undefined): ObjVal {
    const props = new Map<string, Val>();
    const open: string[] = [];
    const target: CsTarget = { argList, creation: null, optionsType: null };
    const messages: Val[] = [];
    const span = argList ? spanOf(argList) : { start: 0, end: 0 };
    for (const a of argList?.namedChildren ?? []) {
      const expr = a?.type === 'argument' ? a.namedChildren.at(-1) : null;
      if (!expr) continue;
      const v = this.val(expr);
      const creation = this.creationOf(expr);
      if (v.kind === 'obj' && !v.props.has('role')) {
        for (const [k, pv] of v.props) props.set(k === 'max_output_token_count' ? (CAP_OPTION[api] ?? k) : k, pv);
        open.push(...v.open);
        target.creation = creation;
        target.optionsType = creation?.childForFieldName('type')?.text ?? null;
      } else if (v.kind === 'list') messages.push(...v.items);
      else if (v.kind === 'str' || v.kind === 'obj') messages.push(v.kind === 'str' ? messageVal('user', v, v.span, v.text) : v);
      // An options object we cannot read may hold the cap; anything else is message content (`args[0]`, `question`).
      else if (this.isOptions(expr)) open.push(expr.text);
      else messages.push(messageVal('user', v, v.span, v.text));
    }
    if (model) props.set('model', model);
    if (messages.length) props.set(api === 'responses' ? 'input' : 'messages', { kind: 'list', items: messages, open: [], span, text: argList?.text ?? '' });
    return { kind: 'obj', props, open, node: target, span, text: argList?.text ?? '' };
  }

  /** An expression typed or built as an options/params object (`ChatCompletionOptions options`). */
  private isOptions(expr: Node): boolean {
    const v = expr.type === 'identifier' ? this.file.local(expr.text, expr)?.value : expr;
    const type = v?.type === 'object_creation_expression' ? v.childForFieldName('type')?.text : v?.type === 'identifier' ? v.text : undefined;
    return /(Options|Params)$/.test(type ?? '') || /options|params/i.test(expr.text);
  }

  /** The `new X { ... }` / `new() { ... }` an expression is or names. */
  private creationOf(expr: Node, depth = 0): Node | null {
    if (expr.type === 'object_creation_expression' || expr.type === 'implicit_object_creation_expression') return expr;
    if (expr.type === 'identifier' && depth < 4) {
      const v = this.file.local(expr.text, expr);
      return v ? this.creationOf(v.value, depth + 1) : null;
    }
    return null;
  }

  protected valInner(node: Node, depth: number): Val | undefined {
    const span = spanOf(node);
    const text = node.text;
    switch (node.type) {
      case 'parenthesized_expression':
        return node.namedChildren[0] ? this.val(node.namedChildren[0], depth) : undefined;
      case 'string_literal':
      case 'verbatim_string_literal':
      case 'raw_string_literal': {
        const content = node.namedChildren.filter((c) => c?.type !== 'raw_string_start' && c?.type !== 'raw_string_end').map((c) => (c?.type === 'escape_sequence' ? unescapeCs(c.text) : (c?.text ?? ''))).join('');
        return { kind: 'str', parts: [{ text: content || text.replace(/^@?"|"$/g, '') }], span, text };
      }
      case 'interpolated_string_expression': {
        const parts: StrPart[] = [];
        for (const c of node.namedChildren) {
          if (!c) continue;
          if (c.type === 'string_content') parts.push({ text: c.text });
          else if (c.type === 'interpolation') {
            const inner = c.namedChildren.find((x) => x?.type !== 'interpolation_brace');
            const v = inner ? this.val(inner, depth) : undefined;
            if (v?.kind === 'str') parts.push(...v.parts);
            else parts.push({ hole: inner?.text ?? c.text });
          }
        }
        return { kind: 'str', parts: mergeParts(parts), span, text };
      }
      case 'integer_literal':
      case 'real_literal':
        return numberVal(text, span);
      case 'boolean_literal':
        return { kind: 'bool', value: text === 'true', span, text };
      case 'null_literal':
        return { kind: 'null', span, text };
      case 'binary_expression':
        return this.binary(this.val(node.childForFieldName('left')!, depth), this.val(node.childForFieldName('right')!, depth), node.childForFieldName('operator')?.text, '+', span, text);
      case 'identifier': {
        return this.named(node, this.file.field(text, node), depth);
      }
      case 'member_access_expression': {
        // Model.ClaudeSonnet4_5_20250929
        const obj = node.childForFieldName('expression')?.text ?? '';
        const name = node.childForFieldName('name')?.text ?? '';
        if (obj === 'Model' || obj === 'ChatModel') {
          const sdk = this.sdks.find((s) => s.provider === 'anthropic') ?? this.sdks[0];
          const id = sdk ? modelFromConstant(name, sdk.provider) : undefined;
          return id ? { kind: 'str', parts: [{ text: id }], span, text, constant: true } : undefined;
        }
        return undefined;
      }
      case 'collection_expression':
      case 'element_binding_expression':
      case 'array_creation_expression':
      case 'implicit_array_creation_expression':
      case 'initializer_expression': {
        // [a, b], new[] { a, b }, new List<T> { a, b }
        const items = (node.type === 'initializer_expression' ? node.namedChildren : node.descendantsOfType('argument').filter((a) => a?.parent?.id === node.id || a?.parent?.parent?.id === node.id))
          .map((c) => (c?.type === 'argument' ? c.namedChildren.at(-1) : c))
          .filter((c): c is Node => !!c && c.type !== 'comment')
          .map((c) => this.val(c, depth));
        return { kind: 'list', items, open: [], span, text };
      }
      case 'object_creation_expression':
      case 'implicit_object_creation_expression': {
        const type = node.childForFieldName('type')?.text ?? '';
        const args = node.namedChildren.find((c) => c?.type === 'argument_list');
        const role = MESSAGE_TYPES[type];
        if (role) {
          const first = args?.namedChildren.find((a) => a?.type === 'argument')?.namedChildren.at(-1);
          return messageVal(role, first ? this.val(first, depth) : { kind: 'unknown', span, text }, span, text);
        }
        if (/^(List|IList|ChatMessage\[\])/.test(type)) {
          const init = node.namedChildren.find((c) => c?.type === 'initializer_expression');
          return init ? this.val(init, depth) : undefined;
        }
        const init = node.namedChildren.find((c) => c?.type === 'initializer_expression');
        const props = new Map<string, Val>();
        for (const a of init?.namedChildren ?? []) {
          if (a?.type !== 'assignment_expression') continue;
          const key = a.childForFieldName('left');
          const value = a.childForFieldName('right');
          if (key && value) props.set(snake(key.text), this.val(value, depth));
        }
        return { kind: 'obj', props, open: [], node, span, text };
      }
      default:
        return undefined;
    }
  }

  protected makeWriter(): CSharpWriter {
    return new CSharpWriter(this.text);
  }

  /** A parameter's property name in this SDK: its own spelling (`MaxOutputTokenCount`), else PascalCase. */
  private prop(name: string, target: WriteTarget): string {
    return target.idioms?.names?.[name] ?? pascal(name);
  }

  /** The object creation holding an object's properties: the params or options object of a call, or a nested `new X { ... }`. */
  private creationNode(obj: ObjVal): Node | null {
    const n = obj.node as CsTarget | Node | null;
    if (!n) return null;
    if ('argList' in n) return n.creation;
    return n.type === 'object_creation_expression' || n.type === 'implicit_object_creation_expression' ? n : null;
  }

  /**
   * `Prop = value` in the object initializer holding the call's parameters (or a nested object's),
   * an existing value of this file replaced; a call without an options object gets one
   * (`new ChatCompletionOptions { MaxOutputTokenCount = 1024 }`, the class the catalogue names for
   * its API and client). `using` directives for the classes written are added.
   */
  protected setParam(obj: ObjVal, name: string, value: Lit, target: WriteTarget): Edit[] | null {
    const node = obj.node as CsTarget | Node | null;
    if (!node) return null;
    const written = this.written(value, target);
    if (!written) return null;
    const existing = obj.props.get(name);
    if (existing) return inThisFile(this.text, existing) ? [{ span: existing.span, newText: written.text }, ...written.imports] : null;
    const item = `${this.prop(name, target)} = ${written.text}`;
    const creation = this.creationNode(obj);
    if (creation) {
      const init = creation.namedChildren.find((c) => c?.type === 'initializer_expression');
      if (init) return [insertInList(this.text, { startIndex: init.startIndex, endIndex: init.endIndex, namedChildren: init.namedChildren.filter((c): c is Node => !!c) }, item, '{'), ...written.imports];
      return [{ span: { start: creation.endIndex, end: creation.endIndex }, newText: ` { ${item} }` }, ...written.imports];
    }
    // A call whose options object is not written here: a new one, when the catalogue names its class.
    if (!('argList' in node) || !node.argList || !node.api) return null;
    const classes = target.idioms?.optionsClasses ?? {};
    const cls = classes[`${node.api}@${node.client ?? ''}`] ?? classes[node.api];
    if (!cls) return null;
    const list = node.argList;
    const options = `new ${cls} { ${item} }`;
    const args = list.namedChildren.filter((c): c is Node => c?.type === 'argument');
    // `CompleteChat(params ChatMessage[] messages)` has no overload that also takes options: the
    // messages passed one by one are gathered into an array first. Only messages known to be
    // messages are (a string, `new UserChatMessage(...)`); a collection already takes the options.
    const gather = target.idioms?.paramsArrays?.[node.api];
    if (gather && args.length && !(args.length === 1 && this.isMessages(args[0].namedChildren.at(-1) ?? null))) {
      if (args.some((a) => a.childForFieldName('name') || !this.isMessage(a.namedChildren.at(-1) ?? null))) return null;
      const first = args[0];
      const last = args[args.length - 1];
      return [{ span: { start: first.startIndex, end: last.endIndex }, newText: `new ${gather}[] { ${args.map((a) => a.text).join(', ')} }, ${options}` }, ...written.imports];
    }
    return [insertInList(this.text, { startIndex: list.startIndex, endIndex: list.endIndex, namedChildren: list.namedChildren.filter((c): c is Node => !!c) }, options, '('), ...written.imports];
  }

  /** A collection of messages: a list read here, or something declared as one (`List<ChatMessage> messages`). */
  private isMessages(expr: Node | null): boolean {
    if (!expr) return false;
    if (this.val(expr).kind === 'list') return true;
    return /^(?:\w+<\w*ChatMessage>|\w*ChatMessage\[\])$/.test(this.declaredType(expr) ?? '');
  }

  /** A string, or a chat message made here (`new UserChatMessage(...)`). */
  private isMessage(expr: Node | null): boolean {
    if (!expr) return false;
    const v = this.val(expr);
    if (v.kind === 'str') return true;
    const creation = this.creationOf(expr);
    if (creation?.type === 'object_creation_expression' && (creation.childForFieldName('type')?.text ?? '') in MESSAGE_TYPES) return true;
    const type = this.declaredType(expr);
    return type !== undefined && (/^(string|String)$/.test(type) || /ChatMessage$/.test(type));
  }

  /**
   * The type an expression is declared with, as written: a local's or parameter's declared type
   * (`string ticket`, `var q = "..."` is a string), an element of an array or list
   * (`string[] lines` -> `lines[0]` is `string`), and a top-level program's `args` (`string[]`).
   */
  private declaredType(expr: Node, depth = 0): string | undefined {
    if (depth > 4) return undefined;
    if (expr.type === 'identifier') {
      const v = this.file.local(expr.text, expr);
      if (!v) return expr.text === 'args' && this.topLevel(expr) ? 'string[]' : undefined;
      if (v.value.parent?.type === 'parameter' && v.value.parent.childForFieldName('type')?.id === v.value.id) return v.value.text;
      let decl: Node | null = v.value.parent;
      while (decl && decl.type !== 'variable_declaration') decl = decl.type === 'variable_declarator' || decl.type === 'equals_value_clause' ? decl.parent : null;
      const type = decl?.childForFieldName('type');
      if (type && type.type !== 'implicit_type') return type.text;
      return this.val(v.value, depth + 1).kind === 'str' ? 'string' : undefined;
    }
    if (expr.type === 'element_access_expression') {
      const base = expr.childForFieldName('expression');
      const t = base ? this.declaredType(base, depth + 1) : undefined;
      return t?.endsWith('[]') ? t.slice(0, -2) : (/^(?:List|IList|IReadOnlyList|IEnumerable)<(.+)>$/.exec(t ?? '')?.[1] ?? undefined);
    }
    return undefined;
  }

  /** True in a file's top-level statements (outside any method or class), where `args` is the program's arguments. */
  private topLevel(node: Node): boolean {
    return this.file.around(node).every((r) => r.kind === 'file');
  }

  /** Renames a property in an object initializer (`MaxTokens = ...`), its value untouched. */
  protected renameParam(obj: ObjVal, name: string, newName: string, target: WriteTarget): Edit[] | null {
    const init = this.creationNode(obj)?.namedChildren.find((c) => c?.type === 'initializer_expression');
    const left = init?.namedChildren.find((a) => a?.type === 'assignment_expression' && a.childForFieldName('left')?.text === this.prop(name, target))?.childForFieldName('left');
    const to = this.prop(newName, target);
    return left && to !== left.text ? [{ span: spanOf(left), newText: to }] : null;
  }
}

const CS_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'", '0': '\0' };
function unescapeCs(s: string): string {
  return s.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (m, e: string) => (e[0] === 'u' ? String.fromCharCode(parseInt(e.slice(1), 16)) : (CS_ESCAPES[e] ?? m)));
}
