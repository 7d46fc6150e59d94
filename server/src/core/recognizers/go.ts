// Go recognizer (tree-sitter): the official openai-go and anthropic-sdk-go modules.
// `client := openai.NewClient()` then `client.Chat.Completions.New(ctx, openai.ChatCompletionNewParams{...})`:
// clients in locals, package variables, typed parameters and struct fields (`s.client` with
// `client openai.Client`); params struct literals with their PascalCase fields read as the
// API's snake_case names; `openai.Int(n)` / `param.NewOpt(n)` wrappers, message helpers
// (`openai.UserMessage("...")`, `anthropic.NewUserMessage(anthropic.NewTextBlock("..."))`),
// `OfString` unions and model constants (`openai.ChatModelGPT4o`).
import type { Node, Parser } from 'web-tree-sitter';
import { CATALOGUE, findOperationIn, OTHER_METHOD_NAMES, type SdkSpec } from '../catalogue';
import { insertInList, inThisFile } from './edits';
import { GoWriter, goField } from '../writers/go';
import type { Edit, Lit, WriteTarget } from '../writers/lit';
import { messageVal, modelFromConstant, numberVal, reSpan, snake, spanOf, treeSitterRecognizer, TreeSitterFile, type Assignment, type LanguageShape } from './scoped';
import type { ObjVal, RawCall, Val } from './values';


const SHAPE: LanguageShape = {
  types: ['for_statement', 'short_var_declaration', 'assignment_statement', 'var_spec', 'const_spec', 'call_expression'],
  functions: new Set(['function_declaration', 'method_declaration', 'func_literal']),
  classes: new Set(),
  loop(node) {
    if (node.type !== 'for_statement') return null;
    // `for _, x := range items`: the range expression is evaluated once.
    const range = node.namedChildren.find((c) => c?.type === 'range_clause');
    const right = range?.childForFieldName('right');
    return { label: 'for loop', once: right ? [right] : [] };
  },
  assignments(node) {
    if (node.type === 'short_var_declaration' || node.type === 'assignment_statement') {
      const left = node.childForFieldName('left')?.namedChildren ?? [];
      const right = node.childForFieldName('right')?.namedChildren ?? [];
      const out: Assignment[] = [];
      // `a, err := f()`: the first name takes the call's first result.
      left.forEach((l, i) => {
        const r = right.length === left.length ? right[i] : i === 0 ? right[0] : undefined;
        if (l?.type === 'identifier' && r && l.text !== '_') out.push({ kind: 'local', name: l.text, value: r });
      });
      return out;
    }
    if (node.type === 'var_spec' || node.type === 'const_spec') {
      const names = node.childrenForFieldName('name');
      const values = node.childForFieldName('value')?.namedChildren ?? [];
      // Package-level vars and consts are visible everywhere in the file.
      const top = node.parent?.parent?.type === 'source_file';
      return names.flatMap((n, i) => (n && values[i] ? [{ kind: top ? ('constant' as const) : ('local' as const), name: n.text, value: values[i]! }] : []));
    }
    return [];
  },
  callName(node) {
    if (node.type !== 'call_expression') return null;
    const fn = node.childForFieldName('function');
    return fn?.type === 'selector_expression' ? (fn.childForFieldName('field')?.text ?? null) : null;
  },
};

type Client = { sdk: SdkSpec; path: string[] };

export const goRecognizer = (parser: Parser) => treeSitterRecognizer(parser, (text, root) => new GoFile(text, root));

/** The package name an import path gets when not aliased: `openai-go/v3` is `openai`, `anthropic-sdk-go` is `anthropic`. */
function packageName(path: string): string {
  const segs = path.split('/').filter((s) => !/^v\d+$/.test(s));
  return (segs.at(-1) ?? '').replace(/-go$/, '').replace(/-sdk$/, '').replace(/^go-/, '');
}

class GoFile extends TreeSitterFile {
  /** Local package names of the SDKs' root packages (`openai` -> the OpenAI SDK). */
  private readonly sdkPackages = new Map<string, SdkSpec>();
  /** Local names of SDK subpackages (`bedrock` -> the OpenAI SDK's `bedrock` package). */
  private readonly subPackages = new Map<string, { sdk: SdkSpec; sub: string }>();
  /** Local names of all imported packages (`option`, `param`, `responses`...). */
  private readonly imported = new Set<string>();
  /** Struct fields typed as an SDK client, by field name. */
  private readonly clientFields = new Map<string, SdkSpec>();

  constructor(text: string, root: Node) {
    super(text, root, SHAPE, (name) => OTHER_METHOD_NAMES.has(name));
    for (const spec of root.descendantsOfType('import_spec')) {
      if (!spec) continue;
      const path = spec.childForFieldName('path')?.text.replace(/^["`]|["`]$/g, '') ?? '';
      const name = spec.childForFieldName('name')?.text ?? packageName(path);
      this.imported.add(name);
      // The SDK's root package or one of its subpackages (`.../bedrock`), at any major version.
      for (const sdk of CATALOGUE) {
        const root = sdk.go?.packages.find((p) => path === p || path.startsWith(`${p}/`));
        if (!root) continue;
        const sub = path.slice(root.length).split('/').filter((s) => s && !/^v\d+$/.test(s)).join('/');
        if (sub) this.subPackages.set(name, { sdk, sub });
        else this.sdkPackages.set(name, sdk);
        break;
      }
    }
    for (const f of root.descendantsOfType('field_declaration')) {
      const sdk = f ? this.typeSdk(f.childForFieldName('type')) : undefined;
      if (f && sdk) for (const n of f.childrenForFieldName('name')) if (n) this.clientFields.set(n.text, sdk);
    }
  }

  /** `openai.Client` or `*openai.Client`: the SDK whose client type it is. */
  private typeSdk(type: Node | null): SdkSpec | undefined {
    if (!type) return undefined;
    if (type.type === 'pointer_type') return this.typeSdk(type.namedChildren[0] ?? null);
    if (type.type !== 'qualified_type') return undefined;
    const sdk = this.sdkPackages.get(type.childForFieldName('package')?.text ?? '');
    return sdk && type.childForFieldName('name')?.text === 'Client' ? sdk : undefined;
  }

  private client(node: Node | null, depth = 0): Client | undefined {
    if (!node) return undefined;
    return this.guard(node, depth, () => {
      switch (node.type) {
        case 'parenthesized_expression':
        case 'unary_expression': // &client
          return this.client(node.namedChildren.at(-1) ?? null, depth + 1);
        case 'identifier': {
          const v = this.file.local(node.text, node);
          if (v) return this.client(v.value, depth + 1);
          for (const c of this.file.constant(node.text)) {
            const s = this.client(c, depth + 1);
            if (s) return s;
          }
          const sdk = this.paramSdk(node);
          return sdk ? { sdk, path: [] } : undefined;
        }
        case 'call_expression': {
          // openai.NewClient(option.WithAPIKey(...))
          const fn = node.childForFieldName('function');
          if (fn?.type !== 'selector_expression') return undefined;
          const pkg = fn.childForFieldName('operand');
          const field = fn.childForFieldName('field')?.text ?? '';
          if (pkg?.type !== 'identifier') return undefined;
          const sdk = this.sdkPackages.get(pkg.text);
          if (sdk?.go?.constructors.includes(field)) return { sdk, path: [] };
          // A platform subpackage's constructor: `bedrock.NewClient(ctx, ...)`, `googlecloud.NewClient(...)`.
          const sub = this.subPackages.get(pkg.text);
          return sub?.sdk.go?.constructors.includes(`${sub.sub}.${field}`) ? { sdk: sub.sdk, path: [] } : undefined;
        }
        case 'selector_expression': {
          const operand = node.childForFieldName('operand');
          const field = node.childForFieldName('field')?.text ?? '';
          const base = this.client(operand, depth + 1);
          if (base) return { ...base, path: [...base.path, field] };
          // s.client where the struct declares `client openai.Client`.
          const sdk = this.clientFields.get(field);
          return sdk ? { sdk, path: [] } : undefined;
        }
        default:
          return undefined;
      }
    });
  }

  /** A parameter of the enclosing function typed as an SDK client (`client *openai.Client`). */
  private paramSdk(id: Node): SdkSpec | undefined {
    for (let n: Node | null = id.parent; n; n = n.parent) {
      if (!SHAPE.functions.has(n.type)) continue;
      for (const list of [n.childForFieldName('parameters'), n.childForFieldName('receiver')]) {
        for (const p of list?.namedChildren ?? []) {
          if (p?.type === 'parameter_declaration' && p.childrenForFieldName('name').some((x) => x?.text === id.text)) return this.typeSdk(p.childForFieldName('type'));
        }
      }
    }
    return undefined;
  }

  protected toRawCall(node: Node, loop: string | null): RawCall | undefined {
    const fn = node.childForFieldName('function')!;
    const nameNode = fn.childForFieldName('field')!;
    const receiver = this.client(fn.childForFieldName('operand'));
    if (!receiver) return undefined;
    const op = findOperationIn(receiver.sdk, 'go', [...receiver.path, nameNode.text]);
    if (!op) return undefined;
    // (ctx, params, ...options): the params struct is the first composite literal, or a variable holding one.
    const argNodes = node.childForFieldName('arguments')?.namedChildren.filter((a): a is Node => !!a) ?? [];
    let args: ObjVal | undefined;
    for (const a of argNodes.slice(1)) {
      const v = this.val(a);
      if (v.kind === 'obj') {
        args = v;
        break;
      }
      if (v.kind === 'unknown' && !a.text.startsWith('option.')) {
        args = { kind: 'obj', props: new Map(), open: [a.text], node: null, span: spanOf(a), text: a.text };
        break;
      }
    }
    args ??= { kind: 'obj', props: new Map(), open: [], node: null, span: spanOf(node), text: '' };
    // The SDK's root package under its local name: the types a fix writes are qualified by it.
    const pkg = [...this.sdkPackages].find(([, s]) => s === receiver.sdk)?.[0];
    return this.rawCall({ sdkId: receiver.sdk.id, operation: op.path, clientClass: null, span: spanOf(node), nameSpan: spanOf(nameNode), args, loop }, { idioms: receiver.sdk.go, pkg });
  }

  protected valInner(node: Node, depth: number): Val | undefined {
    const span = spanOf(node);
    const text = node.text;
    switch (node.type) {
      case 'literal_element':
      case 'parenthesized_expression':
        return node.namedChildren[0] ? this.val(node.namedChildren[0], depth) : undefined;
      case 'interpreted_string_literal': {
        const parts = node.namedChildren.map((c) => (c?.type === 'escape_sequence' ? unescapeGo(c.text) : (c?.text ?? ''))).join('');
        return { kind: 'str', parts: [{ text: parts }], span, text };
      }
      case 'raw_string_literal':
        return { kind: 'str', parts: [{ text: text.slice(1, -1) }], span, text };
      case 'int_literal':
      case 'float_literal':
        return numberVal(text, span);
      case 'true':
      case 'false':
        return { kind: 'bool', value: node.type === 'true', span, text };
      case 'nil':
        return { kind: 'null', span, text };
      case 'binary_expression':
        return this.binary(this.val(node.childForFieldName('left')!, depth), this.val(node.childForFieldName('right')!, depth), node.childForFieldName('operator')?.text, '+', span, text);
      case 'identifier': {
        const v = this.file.local(text, node);
        if (v && !v.reassigned) return reSpan(this.val(v.value, depth), span, text, spanOf(v.value));
        const c = this.file.constant(text);
        return c.length === 1 ? reSpan(this.val(c[0], depth), span, text, spanOf(c[0])) : undefined;
      }
      case 'selector_expression': {
        // openai.ChatModelGPT4o, anthropic.ModelClaudeSonnet4_5_20250929
        const pkg = node.childForFieldName('operand');
        const field = node.childForFieldName('field')?.text ?? '';
        const sdk = pkg?.type === 'identifier' ? this.sdkPackages.get(pkg.text) : undefined;
        if (sdk && /^(ChatModel|Model|ResponsesModel|EmbeddingModel)/.test(field)) {
          const id = modelFromConstant(field, sdk.provider);
          return id ? { kind: 'str', parts: [{ text: id }], span, text, constant: true } : undefined;
        }
        return undefined;
      }
      case 'unary_expression':
        // &anthropic.TextBlockParam{...}
        return node.childForFieldName('operator')?.text === '&' && node.childForFieldName('operand') ? this.val(node.childForFieldName('operand')!, depth) : undefined;
      case 'literal_value':
      case 'composite_literal': {
        // A composite literal, or one whose type is elided inside a slice (`[]T{{Text: p}}`): the fix edits this node.
        const body = node.type === 'literal_value' ? node : node.childForFieldName('body');
        if (!body) return undefined;
        const keyed = body.namedChildren.filter((c): c is Node => c?.type === 'keyed_element');
        if (keyed.length === 0) {
          // []openai.ChatCompletionMessageParamUnion{...}: a list.
          const items = body.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment').map((c) => this.val(c, depth));
          return { kind: 'list', items, open: [], span, text };
        }
        const props = new Map<string, Val>();
        for (const k of keyed) {
          const key = k.namedChildren[0];
          const value = k.namedChildren[1];
          if (key && value) props.set(snake(key.text), this.val(value, depth));
        }
        // A union set through one member (`ResponseNewParamsInputUnion{OfString: ...}`) is that member's value.
        if (props.size === 1) {
          const [only] = props.keys();
          if (only.startsWith('of_')) return props.get(only);
        }
        return { kind: 'obj', props, open: [], node, span, text };
      }
      case 'call_expression':
        return this.callVal(node, depth);
      default:
        return undefined;
    }
  }

  /** SDK helpers: `openai.Int(n)`, `openai.String(s)`, `param.NewOpt(v)`, message and block constructors. */
  private callVal(node: Node, depth: number): Val | undefined {
    const span = spanOf(node);
    const text = node.text;
    const fn = node.childForFieldName('function');
    const args = node.childForFieldName('arguments')?.namedChildren.filter((a): a is Node => !!a) ?? [];
    if (fn?.type !== 'selector_expression') return undefined;
    const pkg = fn.childForFieldName('operand')?.text ?? '';
    const name = fn.childForFieldName('field')?.text ?? '';
    if (!this.imported.has(pkg)) return undefined;
    if (/^(Int|Float|String|Bool|NewOpt|Opt)$/.test(name) && args[0]) return this.val(args[0], depth);
    const role = /^(?:New)?(User|System|Assistant|Developer)Message$/.exec(name)?.[1]?.toLowerCase();
    if (role) {
      const parts = args.map((a) => this.val(a, depth));
      return messageVal(role, parts.length === 1 && parts[0].kind === 'str' ? parts[0] : { kind: 'list', items: parts, open: [], span, text }, span, text);
    }
    // anthropic.NewCacheControlEphemeralParam(): a cache breakpoint.
    if (name === 'NewCacheControlEphemeralParam') return { kind: 'obj', props: new Map<string, Val>([['type', { kind: 'str', parts: [{ text: 'ephemeral' }], span, text }]]), open: [], node: null, span, text };
    if (name === 'NewTextBlock' && args[0]) {
      return { kind: 'obj', props: new Map<string, Val>([['type', { kind: 'str', parts: [{ text: 'text' }], span, text }], ['text', this.val(args[0], depth)]]), open: [], node: null, span, text };
    }
    return undefined;
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
    if (value.kind === 'num' && !opts.required) {
      if (!target.idioms?.optionalInt || !target.pkg || !Number.isInteger(value.value)) return null;
      text = `${target.pkg}.${target.idioms.optionalInt}(${text})`;
    }
    const existing = obj.props.get(name);
    if (existing) return inThisFile(this.text, existing) ? [{ span: existing.span, newText: text }] : null;
    return [insertInList(this.text, { startIndex: body.startIndex, endIndex: body.endIndex, namedChildren: body.namedChildren.filter((c): c is Node => !!c) }, `${goField(name)}: ${text}`, '{')];
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
