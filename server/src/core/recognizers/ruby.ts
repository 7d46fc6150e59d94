// Ruby recognizer (tree-sitter): the official openai and anthropic gems.
// `client = OpenAI::Client.new` then `client.chat.completions.create(model: :"gpt-4.1", ...)`:
// clients in locals, instance variables (`@client`) and constants; keyword arguments and hashes
// (`**params` splats stay open); symbols and SDK model constants (`OpenAI::ChatModel::GPT_4O`).
import type { Node, Parser } from 'web-tree-sitter';
import { CATALOGUE, findOperationIn, OTHER_METHOD_NAMES, type SdkSpec } from '../catalogue';
import { insertInList, inThisFile } from './edits';
import { RubyWriter } from '../writers/ruby';
import type { Edit, Lit, WriteTarget } from '../writers/lit';
import { modelFromConstant, numberVal, reSpan, spanOf, treeSitterRecognizer, TreeSitterFile, type Assignment, type LanguageShape } from './scoped';
import { mergeParts, type ObjVal, type RawCall, type StrPart, type Val } from './values';

/** Block-taking methods whose block runs once per element. */
const ITERATORS = new Set(['each', 'map', 'flat_map', 'each_with_index', 'each_with_object', 'times', 'select', 'filter_map', 'collect', 'each_slice', 'upto', 'downto', 'loop']);

const SHAPE: LanguageShape = {
  types: ['for', 'while', 'until', 'call', 'assignment', 'operator_assignment'],
  functions: new Set(['method', 'singleton_method', 'lambda']),
  classes: new Set(['class', 'module']),
  loop(node) {
    switch (node.type) {
      case 'for':
        return { label: 'for loop', once: [node.childForFieldName('value')].filter((n): n is Node => !!n) };
      case 'while':
      case 'until':
        return { label: `${node.type} loop`, once: [] };
      case 'call': {
        const method = node.childForFieldName('method')?.text ?? '';
        const block = node.childForFieldName('block');
        if (!block || !ITERATORS.has(method)) return null;
        // Only the block runs per element; the receiver and arguments are evaluated once.
        return { label: `.${method} block`, once: node.namedChildren.filter((c): c is Node => !!c && c.id !== block.id) };
      }
      default:
        return null;
    }
  },
  assignments(node) {
    // `x = ...`, and `@client ||= OpenAI::Client.new`.
    if (node.type !== 'assignment' && node.type !== 'operator_assignment') return [];
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    if (!left || !right) return [];
    const kind: Assignment['kind'] | null = left.type === 'identifier' ? 'local' : left.type === 'instance_variable' ? 'field' : left.type === 'constant' ? 'constant' : null;
    return kind ? [{ kind, name: left.text, value: right }] : [];
  },
  callName(node) {
    return node.type === 'call' ? (node.childForFieldName('method')?.text ?? null) : null;
  },
};

type Client = { sdk: SdkSpec; path: string[]; cls: string };

export const rubyRecognizer = (parser: Parser) => treeSitterRecognizer(parser, (text, root) => new RubyFile(text, root));

class RubyFile extends TreeSitterFile {
  constructor(text: string, root: Node) {
    super(text, root, SHAPE, (name) => OTHER_METHOD_NAMES.has(name));
  }

  /** The client (or resource below it) an expression is. */
  private client(node: Node | null, depth = 0): Client | undefined {
    if (!node) return undefined;
    return this.guard(node, depth, () => {
      switch (node.type) {
        case 'parenthesized_statements':
          return this.client(node.namedChildren[0] ?? null, depth + 1);
        case 'identifier': {
          const v = this.file.local(node.text, node);
          return v ? this.client(v.value, depth + 1) : undefined;
        }
        case 'instance_variable':
          return this.first(this.file.field(node.text, node), (v) => this.client(v, depth + 1));
        case 'constant':
          return this.first(this.file.constant(node.text), (v) => this.client(v, depth + 1));
        case 'call': {
          const receiver = node.childForFieldName('receiver');
          const method = node.childForFieldName('method')?.text ?? '';
          // OpenAI::Client.new(...)
          if (method === 'new' && receiver) {
            const cls = receiver.text.replace(/^::/, '');
            const sdk = CATALOGUE.find((s) => s.ruby?.constructors.includes(cls));
            return sdk ? { sdk, path: [], cls } : undefined;
          }
          const base = this.client(receiver, depth + 1);
          // client.with_options(base_url: ...): the same client.
          if (base && base.path.length === 0 && base.sdk.deriveMethods.includes(method)) return base;
          // client.chat, client.chat.completions: resources below the client.
          if (node.childForFieldName('arguments') || node.childForFieldName('block')) return undefined;
          return base ? { ...base, path: [...base.path, method] } : undefined;
        }
        case 'conditional':
          return this.client(node.childForFieldName('consequence'), depth + 1) ?? this.client(node.childForFieldName('alternative'), depth + 1);
        case 'binary':
          // @client ||= OpenAI::Client.new is an `operator_assignment`; `a || b` a binary.
          return this.client(node.childForFieldName('left'), depth + 1) ?? this.client(node.childForFieldName('right'), depth + 1);
        default:
          return undefined;
      }
    });
  }

  protected toRawCall(node: Node, loop: string | null): RawCall | undefined {
    const receiver = this.client(node.childForFieldName('receiver'));
    const nameNode = node.childForFieldName('method');
    if (!receiver || !nameNode) return undefined;
    const op = findOperationIn(receiver.sdk, 'ruby', [...receiver.path, nameNode.text]);
    if (!op) return undefined;
    const argList = node.childForFieldName('arguments');
    const args = argList ? this.argsObj(argList) : { kind: 'obj' as const, props: new Map(), open: [], node: null, span: spanOf(node), text: '' };
    return this.rawCall({ sdkId: receiver.sdk.id, operation: op.path, clientClass: receiver.cls, span: spanOf(node), nameSpan: spanOf(nameNode), args, loop }, { idioms: receiver.sdk.ruby });
  }

  /** Keyword arguments (`model: "x"`), a trailing hash, `**splat`s (open). */
  private argsObj(argList: Node): ObjVal {
    const props = new Map<string, Val>();
    const open: string[] = [];
    for (const a of argList.namedChildren) {
      if (!a) continue;
      if (a.type === 'pair') this.pair(a, props);
      else if (a.type === 'hash_splat_argument') this.splat(a.namedChildren[0] ?? null, props, open);
      else if (a.type === 'hash') for (const p of a.namedChildren) if (p?.type === 'pair') this.pair(p, props);
    }
    return { kind: 'obj', props, open, node: argList, span: spanOf(argList), text: argList.text };
  }

  private splat(inner: Node | null, props: Map<string, Val>, open: string[]): void {
    if (!inner) return;
    const v = this.val(inner);
    if (v.kind === 'obj') {
      for (const [k, pv] of v.props) if (!props.has(k)) props.set(k, pv);
      open.push(...v.open);
    } else open.push(inner.text);
  }

  private pair(p: Node, props: Map<string, Val>, depth = 0): void {
    const key = p.childForFieldName('key');
    const value = p.childForFieldName('value');
    if (!key || !value) return;
    const name = keyName(key);
    if (name !== undefined) props.set(name, this.val(value, depth));
  }

  protected valInner(node: Node, depth: number): Val | undefined {
    const span = spanOf(node);
    const text = node.text;
    switch (node.type) {
      case 'string':
      case 'delimited_symbol': {
        const parts: StrPart[] = [];
        for (const c of node.namedChildren) {
          if (!c) continue;
          if (c.type === 'string_content') parts.push({ text: c.text });
          else if (c.type === 'escape_sequence') parts.push({ text: unescapeRuby(c.text) });
          else if (c.type === 'interpolation') {
            const inner = c.namedChildren[0];
            const v = inner ? this.val(inner, depth) : undefined;
            if (v?.kind === 'str') parts.push(...v.parts);
            else parts.push({ hole: inner?.text ?? c.text });
          }
        }
        return { kind: 'str', parts: mergeParts(parts), span, text };
      }
      case 'simple_symbol':
        return { kind: 'str', parts: [{ text: text.slice(1) }], span, text };
      case 'integer':
      case 'float':
        return numberVal(text, span);
      case 'true':
      case 'false':
        return { kind: 'bool', value: node.type === 'true', span, text };
      case 'nil':
        return { kind: 'null', span, text };
      case 'array': {
        const items: Val[] = [];
        const open: string[] = [];
        for (const c of node.namedChildren) {
          if (!c) continue;
          if (c.type === 'splat_argument') open.push(c.text);
          else items.push(this.val(c, depth));
        }
        return { kind: 'list', items, open, span, text };
      }
      case 'hash': {
        const props = new Map<string, Val>();
        const open: string[] = [];
        for (const c of node.namedChildren) {
          if (c?.type === 'pair') this.pair(c, props, depth);
          else if (c?.type === 'hash_splat_argument') this.splat(c.namedChildren[0] ?? null, props, open);
        }
        return { kind: 'obj', props, open, node, span, text };
      }
      case 'identifier': {
        const v = this.file.local(node.text, node);
        if (!v || v.reassigned) return undefined;
        return reSpan(this.val(v.value, depth), span, text, v.value);
      }
      case 'constant': {
        const values = this.file.constant(node.text);
        return values.length === 1 ? reSpan(this.val(values[0], depth), span, text, values[0]) : undefined;
      }
      case 'scope_resolution': {
        // OpenAI::ChatModel::GPT_4O, Anthropic::Model::CLAUDE_SONNET_4_5
        const name = node.childForFieldName('name')?.text ?? '';
        const sdk = CATALOGUE.find((s) => s.ruby && text.startsWith(s.ruby.constructors[0].split('::')[0] + '::'));
        const id = sdk && /Model/.test(text) ? modelFromConstant(name, sdk.provider) : undefined;
        return id ? { kind: 'str', parts: [{ text: id }], span, text, constant: true } : undefined;
      }
      case 'parenthesized_statements':
        return node.namedChildren.length === 1 && node.namedChildren[0] ? this.val(node.namedChildren[0], depth) : undefined;
      case 'binary':
        return this.binary(this.val(node.childForFieldName('left')!, depth), this.val(node.childForFieldName('right')!, depth), node.childForFieldName('operator')?.text, '+', span, text);
      case 'element_reference':
      case 'call': {
        // ENV.fetch("MODEL", "gpt-4o") / ENV["MODEL"] || "gpt-4o": unknown with its default.
        if (node.type === 'call' && /^ENV\.fetch$/.test(`${node.childForFieldName('receiver')?.text}.${node.childForFieldName('method')?.text}`)) {
          const args = node.childForFieldName('arguments')?.namedChildren.filter((a): a is Node => !!a) ?? [];
          const d = args[1] ? this.val(args[1], depth) : undefined;
          return d && d.kind !== 'unknown' ? { kind: 'unknown', span, text, default: d } : undefined;
        }
        return undefined;
      }
      default:
        return undefined;
    }
  }

  protected makeWriter(): RubyWriter {
    return new RubyWriter(this.text);
  }

  /** The pairs of a call's keyword arguments or of a hash, with their key names. */
  private pairs(node: Node): { pair: Node; key: Node; name: string | undefined }[] {
    const out: { pair: Node; key: Node; name: string | undefined }[] = [];
    const visit = (n: Node) => {
      for (const c of n.namedChildren) {
        if (c?.type === 'pair') {
          const key = c.childForFieldName('key');
          if (key) out.push({ pair: c, key, name: keyName(key) });
        } else if (c?.type === 'hash' && n.type === 'argument_list') visit(c);
      }
    };
    visit(node);
    return out;
  }

  /** `name: value` in a call's keyword arguments or a hash; an existing value of this file is replaced. */
  protected setParam(obj: ObjVal, name: string, value: Lit, target: WriteTarget): Edit[] | null {
    const node = obj.node as Node | null;
    if (!node) return null;
    const written = this.written(value, target);
    if (!written) return null;
    const existing = obj.props.get(name);
    if (existing) return inThisFile(this.text, existing) ? [{ span: existing.span, newText: written.text }] : null;
    // Only a parenthesized argument list or a hash literal has a place for another pair.
    if (node.type === 'argument_list' && !node.text.startsWith('(')) return null;
    if (node.type !== 'argument_list' && node.type !== 'hash') return null;
    // Keyword arguments take the SDK's spelling (`system_:`); a hash's keys are the API's.
    const key = node.type === 'argument_list' ? (target.idioms?.names?.[name] ?? name) : name;
    return [insertInList(this.text, { startIndex: node.startIndex, endIndex: node.endIndex, namedChildren: node.namedChildren.filter((c): c is Node => !!c) }, `${(this.writer as RubyWriter).pairKey(key)} ${written.text}`, node.type === 'hash' ? '{' : '(')];
  }

  /** Renames a pair's key, in the form it is written (`max_tokens:`, `:max_tokens =>`, `"max_tokens" =>`). */
  protected renameParam(obj: ObjVal, name: string, newName: string, target: WriteTarget): Edit[] | null {
    const node = obj.node as Node | null;
    if (!node || (node.type !== 'argument_list' && node.type !== 'hash')) return null;
    const p = this.pairs(node).find((x) => x.name === name || (node.type === 'argument_list' && x.name === target.idioms?.names?.[name]));
    if (!p) return null;
    const spelled = node.type === 'argument_list' ? (target.idioms?.names?.[newName] ?? newName) : newName;
    const k = p.key;
    if (k.type === 'hash_key_symbol') return /^[a-z_]\w*$/.test(spelled) ? [{ span: spanOf(k), newText: spelled }] : null;
    if (k.type === 'simple_symbol') return [{ span: spanOf(k), newText: this.writer.string(spelled, ':') }];
    if (k.type === 'string' && stringText(k) !== undefined) return [{ span: spanOf(k), newText: this.writer.string(spelled, k.text) }];
    return null;
  }
}

/** A pair key's name: `model:`, `:model =>`, `"model" =>`; a trailing underscore the SDK adds to a reserved name (`system_:`) is dropped. */
function keyName(key: Node): string | undefined {
  const name = key.type === 'hash_key_symbol' ? key.text : key.type === 'simple_symbol' ? key.text.slice(1) : key.type === 'string' ? stringText(key) : undefined;
  return name?.replace(/(?<=\w)_$/, '');
}

function stringText(n: Node): string | undefined {
  const parts = n.namedChildren;
  if (parts.some((p) => p && p.type !== 'string_content')) return undefined;
  return parts.map((p) => p?.text ?? '').join('');
}

const RB_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'", '0': '\0', s: ' ', e: '\x1b' };
function unescapeRuby(s: string): string {
  return s.replace(/\\(u\{?[0-9a-fA-F]{1,6}\}?|x[0-9a-fA-F]{1,2}|.)/g, (m, e: string) => {
    if (e[0] === 'u' || e[0] === 'x') {
      const cp = parseInt(e.replace(/[u{}x]/g, ''), 16);
      return Number.isFinite(cp) && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
    }
    return RB_ESCAPES[e] ?? e;
  });
}
