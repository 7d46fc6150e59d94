// C# recognizer (tree-sitter): the official OpenAI .NET library and Anthropic's C# SDK.
// OpenAI .NET binds the model to a resource client (`new ChatClient(model: "gpt-4o", key)`,
// `openAIClient.GetChatClient("gpt-4o")`) and takes messages plus an options object
// (`CompleteChat(messages, new ChatCompletionOptions { MaxOutputTokenCount = 100 })`).
// Anthropic's takes a params object (`client.Messages.Create(new MessageCreateParams { ... })`).
// Object initializers are read with snake_case names (`MaxTokens` -> `max_tokens`).
import type { Node, Parser } from 'web-tree-sitter';
import { CATALOGUE } from '../../catalogue';
import { insertInList, inThisFile } from '../edits';
import { CSharpWriter } from '../../writers/csharp';
import type { Edit, Lit, WriteTarget } from '../../writers/lit';
import type { Param } from '../../model/ir';
import {
  pascal,
  type Assignment,
  type Change,
  declaredFor,
  isMutator,
  methodChanges,
  mutatorsIn,
  type Mutators,
  type LanguageShape,
  returnsOf,
  snake,
  spanOf,
} from '../scoped';
import { ModelFile, treeSitterRecognizer } from '../modelfile';
import type { ImportContext } from '../../workspace';
import { isSdkClass } from '../../model/clients';
import { creationType, CSharpFrontEnd, DECORATOR_NAME, isThis, memberCallName, OPTIONS_TYPE } from './front';
import { messageVal, type ObjVal, type RawCall, type Val } from '../values';

/** .NET's option name for the cap, by the API it is sent to. */
const CAP_OPTION: Record<string, string> = { 'chat.completions': 'max_completion_tokens', responses: 'max_output_tokens' };
/** The SDKs' chat message classes (`UserChatMessage`): catalogue `valueHelpers` that make messages. */
const MESSAGE_CLASSES: ReadonlySet<string> = new Set(
  CATALOGUE.flatMap((sdk) => Object.entries(sdk.csharp?.valueHelpers ?? {}).flatMap(([cls, h]) => (h.kind === 'message' ? [cls] : []))),
);

/** Methods of .NET collections that change them in place. */
const CS_MUTATORS: Mutators = {
  // Not `Append`: LINQ's returns a new sequence; a StringBuilder's value is not read anyway.
  append: ['Add'],
  extend: ['AddRange'],
  other: new Set(['Insert', 'InsertRange', 'Remove', 'RemoveAt', 'RemoveAll', 'RemoveRange', 'Clear', 'Reverse', 'Sort', 'TryAdd']),
  single: true,
};

const SHAPE: LanguageShape = {
  conditionals: new Set(['if_statement', 'switch_statement', 'switch_expression', 'conditional_expression', 'catch_clause']),
  argumentParents: new Set(['argument']),
  types: [
    'foreach_statement',
    'for_statement',
    'while_statement',
    'do_statement',
    'invocation_expression',
    'variable_declaration',
    'assignment_expression',
    'parameter',
    'property_declaration',
  ],
  functions: new Set(['method_declaration', 'constructor_declaration', 'local_function_statement', 'lambda_expression', 'anonymous_method_expression']),
  classes: new Set(['class_declaration', 'record_declaration', 'struct_declaration']),
  loop(node) {
    switch (node.type) {
      case 'foreach_statement': {
        const right = node.childForFieldName('right');
        return { label: 'foreach loop', once: [right].filter((n): n is Node => !!n), count: right ? { over: right } : undefined };
      }
      case 'for_statement':
        // `for (var i = 0; i < n; i++)`
        return { label: 'for loop', ...declaredFor(node, 'initializer') };
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
  partial: (cls) => cls.children.some((c) => c?.type === 'modifier' && c.text === 'partial'),
  // `return x;`, and an expression body `=> x`.
  callTypes: new Set(['invocation_expression']),
  // `string Prompt(string q, string tone = "plain", params string[] rest)`
  parameters: (fn) =>
    (fn.childForFieldName('parameters')?.namedChildren ?? []).flatMap((p): Param<Node>[] => {
      const name = p?.type === 'parameter' ? p.childForFieldName('name') : null;
      if (!p || !name) return [];
      const rest = p.children.some((c) => c?.type === 'params');
      const d = p.namedChildren.find((c) => !!c && c.startIndex > name.endIndex) ?? undefined;
      return [{ name: name.text, key: name.text, rest, default: d }];
    }),
  returned: (fn) =>
    [
      ...returnsOf(fn, 'return_statement', (r) => r.namedChildren[0]),
      ...fn.namedChildren.filter((c) => c?.type === 'arrow_expression_clause').map((c) => c.namedChildren[0]),
    ].filter((n): n is Node => !!n),
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
        if (name && value)
          out.push({
            kind: field ? 'field' : 'local',
            name: name.text,
            value: value.type === 'equals_value_clause' ? (value.namedChildren[0] ?? value) : value,
          });
      }
    } else if (node.type === 'assignment_expression' && node.parent?.type !== 'initializer_expression') {
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      if (left && right) {
        if (left.type === 'identifier') {
          out.push({ kind: 'local', name: left.text, value: right });
          out.push({ kind: 'field', name: left.text, value: right });
        } else if (left.type === 'member_access_expression' && isThis(left.childForFieldName('expression'))) {
          out.push({ kind: 'field', name: left.childForFieldName('name')?.text ?? '', value: right });
        }
      }
    } else if (node.type === 'parameter') {
      // `string model = "gpt-4o"`: the type says what it holds; the default what is assumed.
      const name = node.childForFieldName('name');
      const type = node.childForFieldName('type');
      const d = name ? node.namedChildren.find((c) => !!c && c.startIndex > name.endIndex) : undefined;
      // A primary constructor's (`class Tools(IChatClient chat)`) is a member of its class, not a local of the
      // file; one with a default stays a parameter, whose default is what is assumed.
      const primary = !d && /^(class|record|struct)_declaration$/.test(node.parent?.parent?.type ?? '');
      if (name && type) out.push({ kind: primary ? 'field' : 'local', name: name.text, value: type, default: d ?? undefined });
    } else if (node.type === 'property_declaration') {
      const name = node.childForFieldName('name');
      const value = node.childForFieldName('value') ?? node.childForFieldName('type');
      if (name && value) out.push({ kind: 'field', name: name.text, value });
    }
    return out;
  },
  callName(node) {
    return memberCallName(node) ?? null;
  },
  // `messages.Add(m)`, `messages.AddRange(history)`; `messages.RemoveAt(0)`, `options[k] = v`: other changes.
  changesIf: mutatorsIn(CS_MUTATORS, ['\\]\\s*=[^=]', '\\.\\w+\\s*=[^=]']),
  changes(node, method) {
    if (node.type === 'assignment_expression') {
      const left = node.childForFieldName('left');
      // `options.MaxOutputTokenCount = 100`: a property set on what a local holds.
      if (left?.type === 'member_access_expression' && node.parent?.type !== 'initializer_expression') {
        const held = heldBy(left.childForFieldName('expression'));
        const prop = left.childForFieldName('name')?.text;
        if (held?.space === 'local' && prop) return [{ ...held, kind: 'set', arg: node.childForFieldName('right') ?? undefined, path: [snake(prop)] }];
      }
      const target = left?.type === 'element_access_expression' ? holderOf(left.childForFieldName('expression')) : null;
      return target ? [{ ...target, kind: 'other' }] : [];
    }
    if (!method || !isMutator(method, CS_MUTATORS)) return [];
    const fn = node.childForFieldName('function');
    const args =
      node.childForFieldName('arguments')?.namedChildren.flatMap((a) => (a?.type === 'argument' && a.namedChildren.at(-1) ? [a.namedChildren.at(-1)!] : [])) ??
      [];
    const receiver = fn?.childForFieldName('expression') ?? null;
    const held = heldBy(receiver);
    // `options.Tools.Add(t)`: a change inside what a local holds, at that property.
    if (!held) {
      const holder = holderOf(receiver);
      const prop =
        receiver?.type === 'member_access_expression' && heldBy(receiver.childForFieldName('expression'))
          ? receiver.childForFieldName('name')?.text
          : undefined;
      return holder ? [{ ...holder, kind: 'other', path: prop ? [snake(prop)] : undefined }] : [];
    }
    return methodChanges(held, method, args, CS_MUTATORS);
  },
};

/** A local (`messages`) or this instance's field (`this.messages`, `_messages`), as changes name them. */
function heldBy(n: Node | null): { name: string; space: Change['space'] } | null {
  if (n?.type === 'identifier') return { name: n.text, space: 'local' };
  if (n?.type === 'member_access_expression' && isThis(n.childForFieldName('expression'))) {
    const name = n.childForFieldName('name')?.text;
    return name ? { name, space: 'field' } : null;
  }
  return null;
}

/** The local or field whose value holds `n` (`options.Messages`, `request.Items[0]`), when `n` is inside one. */
function holderOf(n: Node | null): { name: string; space: Change['space'] } | null {
  let cur = n;
  for (let i = 0; cur && i < 16; i++) {
    const held = heldBy(cur);
    if (held) return held;
    cur = cur.type === 'member_access_expression' || cur.type === 'element_access_expression' ? cur.childForFieldName('expression') : null;
  }
  return null;
}

export const csharpRecognizer = (parser: Parser) => treeSitterRecognizer(parser, (text, root, ctx) => new CSharpFile(text, root, ctx));

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

class CSharpFile extends ModelFile {
  constructor(text: string, root: Node, ctx?: ImportContext) {
    super(text, root, SHAPE, new CSharpFrontEnd(root), ctx);
  }

  protected toRawCall(node: Node, loop: string | null): RawCall | undefined {
    const found = this.ev.operation(node);
    if (!found) return undefined;
    const { client, op, call } = found;
    // An injected interface the project registers only with classes of its own or of a library that
    // sends no request (`AddScoped<ITextEmbeddingGenerationService, LocalTextEmbeddingGenerationService>()`: ONNX in-process).
    if ((client.injected || client.declared) && client.cls && this.registeredElsewhere(client.cls)) return undefined;
    const modelFirst = client.sdk.csharp?.modelFirst?.includes(client.resource ?? client.cls ?? '') ?? false;
    const args = this.callArgs(call.argsNode, op.api, client.model, modelFirst);
    (args.node as CsTarget).api = op.api;
    (args.node as CsTarget).client = client.resource ?? client.cls;
    return this.operationCall(found, node, args, loop, { idioms: client.sdk.csharp });
  }

  /** Whether the project registers the interface `cls` with implementations, none of them an SDK's client. */
  private registeredElsewhere(cls: string): boolean {
    const impls = this.ev.ctx?.registrations?.().get(
      cls
        .replace(/<[\s\S]*$/, '')
        .split('.')
        .at(-1)!,
    );
    // Every registration is a class named here, none an SDK's and none a decorator of another (`LoggingEmbedder`,
    // `CachingChatClient` wrap one that may send); another form (a factory, `AddChatClient(...)`) may send too.
    return !!impls?.length && impls.every((i) => i !== '?' && !DECORATOR_NAME.test(i) && !isSdkClass('csharp', i));
  }

  /**
   * The request: an options or params object (its initializer), and for OpenAI's resource
   * clients the messages (strings, `new UserChatMessage(...)`, lists of them) and the bound model.
   */
  private callArgs(argList: Node | null, api: string, model: Val | undefined, modelFirst: boolean): ObjVal {
    const props = new Map<string, Val>();
    const open: string[] = [];
    const target: CsTarget = { argList, creation: null, optionsType: null };
    const messages: Val[] = [];
    const openMessages: string[] = [];
    const span = argList ? spanOf(argList) : { start: 0, end: 0 };
    // `CreateResponse("gpt-5", "Say hi", previousResponseId)`: a client made without a model
    // (`modelFirst`) takes it first (no options object), then the input; the rest is no part of the prompt.
    // A cancellation token is never one (`CreateResponseAsync(options, ct)`).
    const all = (argList?.namedChildren.filter((a): a is Node => a?.type === 'argument') ?? []).filter((a) => !this.isCancellation(a) && !this.isKernel(a));
    const head = all[0]?.namedChildren.at(-1);
    const split = modelFirst && !model && all.length > 1 && !!head && this.ev.val(head).kind !== 'obj' && !this.isOptions(head);
    for (const [i, a] of all.entries()) {
      const expr = a.namedChildren.at(-1);
      if (!expr || (split && i > 1)) continue;
      const v = this.ev.val(expr);
      if (split && i === 0) {
        model = v;
        continue;
      }
      // `GenerateImages(prompt, imageCount, options)`: the prompt and the count are parameters, not messages.
      if (api === 'images' && v.kind !== 'obj') {
        if (v.kind === 'num' || (props.has('prompt') && v.kind !== 'str')) props.set('n', v);
        else if (!props.has('prompt')) props.set('prompt', v);
        continue;
      }
      const creation = this.creationOf(expr);
      // The class made: written, or declared for `new()` (`ChatCompletionOptions o = new() { ... }`); '' when not known.
      const made = creation ? creationType(creation) : null;
      if (made === 'KernelArguments') {
        // Semantic Kernel's `new KernelArguments(new OpenAIPromptExecutionSettings { MaxTokens = 100 })`:
        // the settings it carries are read; a copy (`new(context)`) or template arguments are not settings.
        const first = creation?.namedChildren
          .find((c) => c?.type === 'argument_list')
          ?.namedChildren.find((a) => a?.type === 'argument')
          ?.namedChildren.at(-1);
        const settings = first && this.creationOf(first);
        if (first && settings && OPTIONS_TYPE.test(creationType(settings))) {
          const sv = this.ev.val(first);
          if (sv.kind === 'obj') props.set('settings', sv);
        }
      } else if (v.kind === 'obj' && !v.props.has('role') && (made === null || made === '' || OPTIONS_TYPE.test(made))) {
        // An options object (`new ChatOptions { ... }`, `OpenAIPromptExecutionSettings`, `...Params`); one of
        // a class not known (`new() { ... }` passed as an argument) is read but never written into.
        for (const [k, pv] of v.props) props.set(k === 'max_output_token_count' ? (CAP_OPTION[api] ?? k) : k, pv);
        open.push(...v.open);
        if (made !== '') {
          target.creation = creation;
          target.optionsType = made;
        } else open.push(expr.text);
      } else if (v.kind === 'obj' && !v.props.has('role')) {
        // Another object (`new ChatHistory("...")`, `new ChatMessage(ChatRole.User, q)`): message content not read, and said.
        messages.push(messageVal('user', { kind: 'unknown', span: v.span, text: expr.text }, v.span, expr.text));
      } else if (v.kind === 'list') {
        messages.push(...v.items.map((i) => (i.kind === 'obj' && i.props.has('role') ? i : messageVal('user', i, i.span, i.text))));
        // What the list holds besides (`AddRange(history)`, a list changed in ways not followed) is not known, and said.
        openMessages.push(...v.open);
      } else if (v.kind === 'str' || v.kind === 'obj') messages.push(v.kind === 'str' ? messageVal('user', v, v.span, v.text) : v);
      // An options object we cannot read may hold the cap; anything else is message content (`args[0]`, `question`).
      else if (this.isOptions(expr)) open.push(expr.text);
      else messages.push(messageVal('user', v, v.span, v.text));
    }
    if (model) props.set('model', model);
    // Embeddings take their texts as the input, not as messages.
    const items = api === 'embeddings' ? messages.map((m) => (m.kind === 'obj' && m.props.has('role') ? (m.props.get('content') ?? m) : m)) : messages;
    if (items.length || openMessages.length)
      props.set(api === 'responses' || api === 'embeddings' ? 'input' : 'messages', {
        kind: 'list',
        items,
        open: openMessages,
        span,
        text: argList?.text ?? '',
      });
    return { kind: 'obj', props, open, node: target, span, text: argList?.text ?? '' };
  }

  /** A cancellation token argument (`ct`, `cancellationToken: token`, `CancellationToken.None`, one declared so). */
  private isCancellation(arg: Node): boolean {
    if (arg.childForFieldName('name')?.text === 'cancellationToken') return true;
    const expr = arg.namedChildren.at(-1);
    if (!expr) return false;
    return /^(ct|cancellationToken|CancellationToken\.None)$/.test(expr.text) || this.declaredType(expr) === 'CancellationToken';
  }

  /** Semantic Kernel's kernel passed along (`GetChatMessageContentAsync(history, settings, kernel)`): no part of the request. */
  private isKernel(arg: Node): boolean {
    if (arg.childForFieldName('name')?.text === 'kernel') return true;
    const expr = arg.namedChildren.at(-1);
    return !!expr && (/^(this\.)?_?kernel$/i.test(expr.text) || this.declaredType(expr) === 'Kernel');
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
      if (init)
        return [
          insertInList(
            this.text,
            { startIndex: init.startIndex, endIndex: init.endIndex, namedChildren: init.namedChildren.filter((c): c is Node => !!c) },
            item,
            '{',
          ),
          ...written.imports,
        ];
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
      return [
        { span: { start: first.startIndex, end: last.endIndex }, newText: `new ${gather}[] { ${args.map((a) => a.text).join(', ')} }, ${options}` },
        ...written.imports,
      ];
    }
    return [
      insertInList(
        this.text,
        { startIndex: list.startIndex, endIndex: list.endIndex, namedChildren: list.namedChildren.filter((c): c is Node => !!c) },
        options,
        '(',
      ),
      ...written.imports,
    ];
  }

  /** A collection of messages: a list read here, or something declared as one (`List<ChatMessage> messages`). */
  private isMessages(expr: Node | null): boolean {
    if (!expr) return false;
    if (this.ev.val(expr).kind === 'list') return true;
    return /^(?:\w+<\w*ChatMessage>|\w*ChatMessage\[\])$/.test(this.declaredType(expr) ?? '');
  }

  /** A string, or a chat message made here (`new UserChatMessage(...)`). */
  private isMessage(expr: Node | null): boolean {
    if (!expr) return false;
    const v = this.ev.val(expr);
    if (v.kind === 'str') return true;
    const creation = this.creationOf(expr);
    if (creation?.type === 'object_creation_expression' && MESSAGE_CLASSES.has(creation.childForFieldName('type')?.text ?? '')) return true;
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
      while (decl && decl.type !== 'variable_declaration')
        decl = decl.type === 'variable_declarator' || decl.type === 'equals_value_clause' ? decl.parent : null;
      const type = decl?.childForFieldName('type');
      if (type && type.type !== 'implicit_type') return type.text;
      return this.ev.val(v.value, depth + 1).kind === 'str' ? 'string' : undefined;
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
    const left = init?.namedChildren
      .find((a) => a?.type === 'assignment_expression' && a.childForFieldName('left')?.text === this.prop(name, target))
      ?.childForFieldName('left');
    const to = this.prop(newName, target);
    return left && to !== left.text ? [{ span: spanOf(left), newText: to }] : null;
  }
}
