// The Python recognizer's value layer: what an expression evaluates to, statically (strings with
// their holes, numbers, lists, dicts, keyword arguments), through the bindings of bindings.ts:
// constants, f-strings, `.format`, `%`, `"\n".join`, `dedent`, lists grown in place, functions
// of this file and of other modules, what callers pass, LangChain templates and Genkit instances.
import type { Node } from 'web-tree-sitter';
import { CATALOGUE, MESSAGE_CLASSES, MESSAGE_TEMPLATE_ROLES, PROMPT_LOADERS, RUNTIME, type OperationSpec } from '../../catalogue';
import type { Span } from '../../types';
import { bindPositional } from '../symbols';
import { returnedValue } from '../../workspace';
import { DEDENT_STYLES, imageDataVal, joinVals, langchainTemplate, mapText, percentFormat, pyFormat, templateMessage, uploadedFileVal, withArguments } from '../strings';
import { arith, concatStr, mergeParts, staticString, withOrigin, type ObjVal, type StrPart, type Val, constantKey } from '../values';
import type { Binding } from './bindings';
import type { PythonFile } from './index';
import { loopAt, MAX_DEPTH, paramName, POSITIONAL_PARAMS, returnsOf, spanOf, unescapePython } from './syntax';

const OPTION_CLASSES: ReadonlySet<string> = new Set(CATALOGUE.flatMap((sdk) => sdk.optionClasses ?? []));

/** String methods a prompt is built with. */
const STRING_METHODS = new Set(['format', 'strip', 'lstrip', 'rstrip', 'join']);

/** The values of one Python file's expressions (see the file's header). */
export class PyValues {
  constructor(private readonly cx: PythonFile) {}

  /** `Genkit(...)` imported from the genkit package: the instance, as its keyword arguments with a `loader` mark. */
  private genkitCall(fn: Node, args: Node, span: Span, text: string): Val | undefined {
    const G = PROMPT_LOADERS.genkit.python;
    if (fn.type !== 'identifier' || !this.cx.text.includes('genkit')) return undefined;
    const imported = this.cx.bindings.lookup(fn.text, fn)?.bindings[0];
    if (imported?.kind !== 'from' || imported.name !== G.factory || !G.packages.some((p) => imported.module === p || imported.module.startsWith(`${p}.`))) return undefined;
    return { ...this.argsObj(args), node: null, span, text, loader: 'genkit' };
  }



  /**
   * A list built in steps (`messages = [system]`, `messages.append(user)`, `messages += [...]`,
   * `messages.extend(history)`) as it is when `use` reads it: the growth before the use, in order.
   * Only when every change to the list is such a step, in the same function as the list and the use
   * (or all at the module's top level, as notebooks run), in the list's own loop; otherwise undefined (the list may be anything: an agent loop's history).
   */
  private grown(list: Extract<Val, { kind: 'list' }>, bindings: Binding[], valueNode: Node, use: Node, depth: number): Val | undefined {
    const steps = this.cx.bindings.changes().growth.get(bindings) ?? [];
    const changes = this.cx.bindings.changes().count.get(bindings) ?? 0;
    if (steps.length !== changes) return undefined;
    const fn = this.cx.bindings.scopeOf(valueNode);
    if (fn.kind === 'class' || this.cx.bindings.scopeOf(use) !== fn || steps.some((g) => g.loop !== loopAt(valueNode) || this.cx.bindings.scopeOf(g.target) !== fn)) return undefined;
    const items = [...list.items];
    const open = [...list.open];
    for (const g of steps.filter((x) => x.at.endIndex <= use.startIndex).sort((a, b) => a.at.startIndex - b.at.startIndex)) {
      const v = this.val(g.arg, depth);
      if (g.kind === 'append') items.push(v);
      else if (v.kind === 'list') {
        items.push(...v.items);
        open.push(...v.open);
      } else open.push(g.arg.text);
    }
    return { ...list, items, open, span: spanOf(use), text: use.text };
  }

  /**
   * A parameter's value when every caller in this file passes the same constant
   * (`invoke(client, "anthropic.claude-...")`): unknown, with that value as what is assumed.
   */
  private valFromCallers(b: Extract<Binding, { kind: 'param' }>, span: Span, text: string, depth: number): Val | undefined {
    // Once per parameter: a helper called from thousands of places was read again at each (quadratic).
    let found = this.fromCallers.get(b);
    if (found === undefined) {
      found = null;
      const args = this.cx.symbols.argsFromCallers(b);
      const vals = args.map((a) => this.val(a, depth));
      const first = vals.length ? constantKey(vals[0]) : null;
      if (first !== null && vals.every((v) => constantKey(v) === first)) found = vals[0];
      this.fromCallers.set(b, found);
    }
    return found ? { kind: 'unknown', span, text, default: found } : undefined;
  }

  /** What every caller passes for a parameter (`valFromCallers`); null: no one constant. */
  private readonly fromCallers = new Map<Binding, Val | null>();

  /**
   * LangChain prompt templates: `ChatPromptTemplate.from_messages([("system", "..."), ("human", "{input}")])`,
   * `.from_template("...")`, `PromptTemplate(template=...)`, `MessagesPlaceholder("history")`.
   */
  private templateCall(fn: Node, args: Node, positional: Node[], span: Span, text: string, depth: number): Val | undefined {
    const cls = fn.type === 'attribute' ? fn.childForFieldName('object')?.text : fn.text;
    const method = fn.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
    const kw = (name: string) => args.namedChildren.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === name)?.childForFieldName('value') ?? undefined;
    const role = cls ? MESSAGE_TEMPLATE_ROLES[cls] : undefined;
    if (method === 'from_template' && (cls === 'ChatPromptTemplate' || cls === 'PromptTemplate' || role)) {
      const t = positional[0] ?? kw('template');
      if (!t) return undefined;
      const body = langchainTemplate(this.val(t, depth), span, text);
      if (cls === 'PromptTemplate') return body;
      return { kind: 'list', items: [templateMessage(role ?? 'user', body)], open: [], span, text, template: true };
    }
    if (cls === 'PromptTemplate' && !method) {
      const t = kw('template') ?? positional[0];
      return t ? langchainTemplate(this.val(t, depth), span, text) : undefined;
    }
    if (cls === 'MessagesPlaceholder' && !method) {
      const name = staticString(this.val(kw('variable_name') ?? positional[0] ?? args, depth));
      return name ? { kind: 'str', parts: [{ hole: name }], span, text, template: true } : undefined;
    }
    if (cls === 'ChatPromptTemplate' && (method === 'from_messages' || !method)) {
      const list = positional[0] ?? kw('messages');
      const v = list ? this.val(list, depth) : undefined;
      if (v?.kind !== 'list') return undefined;
      const items = v.items.map((m) => {
        if (m.kind === 'list' && m.items.length === 2) {
          const r = staticString(m.items[0]);
          // ("placeholder", "{history}") stands for the messages passed as `history`.
          if (r === 'placeholder') return { ...langchainTemplate(m.items[1], m.span, m.text), template: true };
          return templateMessage(r ?? 'user', langchainTemplate(m.items[1], m.span, m.text));
        }
        return m;
      });
      return { kind: 'list', items, open: v.open, span, text, template: true };
    }
    return undefined;
  }

  /** Keyword arguments, `**splats`, and positional arguments by the names the SDK gives them. */
  argsObj(argList: Node, positional?: OperationSpec['positional']): ObjVal {
    const props = new Map<string, Val>();
    const open: string[] = [];
    const values: Val[] = [];
    for (const a of argList.namedChildren) {
      const type = a.type;
      if (type === 'list_splat') {
        if (positional?.length) open.push(a.text);
      } else if (type !== 'keyword_argument' && type !== 'dictionary_splat' && type !== 'comment') {
        if (positional?.length) values.push(this.val(a));
      } else if (type === 'keyword_argument') {
        const name = a.childForFieldName('name');
        const value = a.childForFieldName('value');
        if (name && value) props.set(name.text, this.val(value));
      } else if (type === 'dictionary_splat') {
        this.mergeSplat(a.namedChildren[0], props, open);
      }
    }
    const obj: ObjVal = { kind: 'obj', props, open, node: argList, span: spanOf(argList), text: argList.text };
    return bindPositional(positional, values, obj);
  }

  private mergeSplat(inner: Node | undefined, props: Map<string, Val>, open: string[]): void {
    if (!inner) return;
    const v = this.val(inner);
    if (v.kind === 'obj') {
      // As Python does in a dict (`{"max_tokens": 50, **PARAMS}`: PARAMS's wins); in a call a key given twice is an error anyway.
      for (const [k, pv] of v.props) props.set(k, pv);
      open.push(...v.open);
    } else open.push(inner.text);
  }

  val(node: Node, depth = 0): Val {
    const span = spanOf(node);
    const unknown: Val = { kind: 'unknown', span, text: node.text };
    if (depth > MAX_DEPTH || this.cx.resolving.has(node.id)) return unknown;
    this.cx.resolving.add(node.id);
    try {
      return this.valInner(node, depth + 1) ?? unknown;
    } finally {
      this.cx.resolving.delete(node.id);
    }
  }

  private valInner(node: Node, depth: number): Val | undefined {
    const span = spanOf(node);
    const text = node.text;
    switch (node.type) {
      case 'string':
        return { kind: 'str', parts: this.stringParts(node, depth), span, text };
      case 'concatenated_string':
        return concatStr(span, text, node.namedChildren.map((c) => this.val(c, depth)));
      case 'integer':
      case 'float': {
        const n = Number(text.replace(/_/g, ''));
        return Number.isFinite(n) ? { kind: 'num', value: n, span, text } : undefined;
      }
      case 'true':
      case 'false':
        return { kind: 'bool', value: node.type === 'true', span, text };
      case 'none':
        return { kind: 'null', span, text };
      case 'parenthesized_expression':
        return node.namedChildren.length === 1 ? this.val(node.namedChildren[0], depth) : undefined;
      case 'unary_operator': {
        const v = this.val(node.namedChildren[0], depth);
        return v.kind === 'num' && text.startsWith('-') ? { kind: 'num', value: -v.value, span, text } : undefined;
      }
      case 'binary_operator': {
        const l = this.val(node.childForFieldName('left')!, depth);
        const r = this.val(node.childForFieldName('right')!, depth);
        const op = node.childForFieldName('operator')?.text ?? '';
        if (l.kind === 'num' && r.kind === 'num') {
          const n = arith(op, l.value, r.value);
          return n === undefined ? undefined : { kind: 'num', value: n, span, text };
        }
        if (op === '+' && (l.kind === 'str' || r.kind === 'str')) return concatStr(span, text, [l, r]);
        // "=" * 40: a repeated string (at most 2M characters, so a huge count cannot blow up memory)
        if (op === '*' && l.kind === 'str' && r.kind === 'num' && Number.isInteger(r.value) && r.value >= 0 && l.parts.every((p) => 'text' in p) && r.value * staticString(l)!.length <= 2_000_000) {
          return { kind: 'str', parts: [{ text: staticString(l)!.repeat(r.value) }], span, text };
        }
        // RULES + [extra]
        if (op === '+' && l.kind === 'list' && r.kind === 'list') return { kind: 'list', items: [...l.items, ...r.items], open: [...l.open, ...r.open], span, text };
        // "Summarize %s for %(user)s" % args
        if (op === '%' && l.kind === 'str') return percentFormat(l, r, span, text);
        return undefined;
      }
      case 'list':
      case 'tuple': {
        const items: Val[] = [];
        const open: string[] = [];
        for (const c of node.namedChildren) {
          if (c.type === 'list_splat') {
            const inner = this.val(c.namedChildren[0], depth);
            if (inner.kind === 'list') {
              items.push(...inner.items);
              open.push(...inner.open);
            } else open.push(c.namedChildren[0]?.text ?? c.text);
          } else items.push(this.val(c, depth));
        }
        return { kind: 'list', items, open, span, text };
      }
      case 'dictionary': {
        const props = new Map<string, Val>();
        const open: string[] = [];
        for (const c of node.namedChildren) {
          if (c.type === 'pair') {
            const key = this.val(c.childForFieldName('key')!, depth);
            const value = c.childForFieldName('value');
            if (key.kind === 'str' && key.parts.every((p) => 'text' in p) && value) {
              props.set(key.parts.map((p) => ('text' in p ? p.text : '')).join(''), this.val(value, depth));
            }
          } else if (c.type === 'dictionary_splat') this.mergeSplat(c.namedChildren[0], props, open);
        }
        return { kind: 'obj', props, open, node, span, text };
      }
      case 'identifier': {
        const found = this.cx.bindings.lookup(text, node);
        const values = found?.bindings.filter((b) => b.kind === 'value') ?? [];
        // A constant: exactly one assignment (a name assigned twice is not a constant).
        if (found && values.length === 1 && found.bindings.length === 1) {
          const valueNode = (values[0] as { node: Node }).node;
          const v = this.val(valueNode, depth);
          if ((v.kind === 'list' || v.kind === 'obj') && this.cx.bindings.isMutated(found.bindings)) {
            const grown = v.kind === 'list' ? this.grown(v, found.bindings, valueNode, node, depth) : undefined;
            return grown ?? ({ ...v, open: [...v.open, text], span, text } as Val);
          }
          const left = valueNode.parent?.type === 'assignment' ? valueNode.parent.childForFieldName('left') : null;
          return { ...withOrigin(v, text, spanOf(left?.type === 'identifier' ? left : valueNode)), span, text } as Val;
        }
        // Module code runs top to bottom: at a top-level use, a name assigned by several top-level
        // statements (a notebook's MODEL_ID set again in a later cell) has its latest value before the use.
        const assigned = values as { node: Node; topLevel?: boolean }[];
        if (found?.scope.kind === 'module' && assigned.length > 1 && assigned.length === found.bindings.length && this.cx.bindings.scopeOf(node).kind === 'module' && assigned.every((b) => b.topLevel)) {
          const before = assigned.filter((b) => b.node.endIndex <= node.startIndex);
          if (before.length > 0) {
            const latest = before.reduce((a, b) => (b.node.startIndex > a.node.startIndex ? b : a));
            const v = this.val(latest.node, depth);
            if (v.kind !== 'unknown') return { ...v, span, text } as Val;
          }
        }
        // `from app.settings import MODEL`: a constant of another module.
        const imported = found?.bindings.length === 1 && found.bindings[0].kind === 'from' ? found.bindings[0] : undefined;
        if (imported?.kind === 'from') {
          const v = this.cx.ctx?.exportOf(imported.module, imported.name)?.val;
          if (v && v.kind !== 'obj') return { ...v, span, text } as Val;
          if (v) return v;
        }
        const param = found?.bindings.find((b) => b.kind === 'param');
        if (param && param.kind === 'param' && param.default) {
          const d = this.val(param.default, depth);
          if (d.kind !== 'unknown' && d.kind !== 'null') return { kind: 'unknown', span, text, default: d };
        }
        if (param?.kind === 'param' && !param.default && found!.bindings.length === 1) return this.valFromCallers(param, span, text, depth);
        return undefined;
      }
      case 'attribute': {
        const obj = node.childForFieldName('object');
        const attr = node.childForFieldName('attribute')?.text ?? '';
        if (attr === 'id' && obj) {
          const upload = this.cx.files.uploadedFile(obj, depth);
          if (upload) return uploadedFileVal(this.cx.ctx, upload, span, text);
        }
        const self = obj ? this.cx.bindings.selfAttr(obj, attr) : undefined;
        const values = self?.filter((b) => b.kind === 'value') ?? [];
        if (self && values.length === 1 && self.length === 1) {
          const v = this.val((values[0] as { node: Node }).node, depth);
          return { ...v, span, text } as Val;
        }
        return undefined;
      }
      case 'call':
        return this.callVal(node, depth);
      default:
        return undefined;
    }
  }

  private callVal(node: Node, depth: number): Val | undefined {
    const span = spanOf(node);
    const text = node.text;
    const fn = node.childForFieldName('function');
    const args = node.childForFieldName('arguments');
    if (!fn || args?.type !== 'argument_list') return undefined;
    const positional = args.namedChildren.filter((a) => a.type !== 'keyword_argument' && a.type !== 'comment');
    const strOp =
      this.stringCall(fn, args, positional, span, text, depth) ??
      this.cx.files.fileRead(fn, span, text, depth) ??
      this.cx.files.imageData(fn, positional, span, text, depth) ??
      this.templateCall(fn, args, positional, span, text, depth) ??
      this.genkitCall(fn, args, span, text);
    if (strOp) return strOp;
    // Gemini: `types.Part.from_bytes(data=open(p, "rb").read(), mime_type="image/png")`, an inline image.
    if (fn.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'from_bytes' && /Part$/.test(fn.childForFieldName('object')?.text ?? '')) {
      const dataArg = args.namedChildren.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'data')?.childForFieldName('value') ?? positional[0];
      const ref = dataArg ? this.cx.files.bytesFileOf(dataArg, depth) : undefined;
      const data: Val = ref ? imageDataVal(this.cx.ctx, ref, span, text) : { kind: 'unknown', span, text };
      const inline: Val = { kind: 'obj', props: new Map([['data', data]]), open: [], node: null, span, text };
      return { kind: 'obj', props: new Map([['inline_data', inline]]), open: [], node: null, span, text };
    }
    // dict(model=..., max_tokens=...), and SDK option classes read the same way:
    // types.GenerateContentConfig(max_output_tokens=...). Their node stays the argument list, so fixes edit it.
    const ctor = fn.type === 'identifier' ? fn.text : fn.type === 'attribute' ? (fn.childForFieldName('attribute')?.text ?? '') : '';
    if ((ctor === 'dict' || OPTION_CLASSES.has(ctor)) && positional.every((a) => a.type === 'dictionary_splat')) {
      return { ...this.argsObj(args), span, text };
    }
    // LangChain messages: SystemMessage(content="..."), HumanMessage("...").
    if (MESSAGE_CLASSES.has(ctor)) {
      const content = args.namedChildren.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'content')?.childForFieldName('value') ?? positional[0];
      const props = new Map<string, Val>();
      if (content) props.set('content', this.val(content, depth));
      return { kind: 'obj', props, open: [], node: null, span, text };
    }
    // json.dumps({...}): the request body Bedrock's InvokeModel sends, read as the object it encodes.
    if (RUNTIME.python!.jsonEncoders!.includes(fn.text) && positional.length >= 1) {
      const v = this.val(positional[0], depth);
      return v.kind === 'obj' ? v : undefined;
    }
    // os.getenv("MODEL", "gpt-4o"), os.environ.get("MODEL", "gpt-4o"): unknown, with the default it falls back to.
    const env = RUNTIME.python!.envDefaults.find((d) => d.call === fn.text);
    if (env && positional[env.defaultArg]) {
      const d = this.val(positional[env.defaultArg], depth);
      if (d.kind !== 'unknown') return { kind: 'unknown', span, text, default: d };
    }
    // A function or method of this file with one return: its value (`params = self._prepare_params()`).
    let bindings: Binding[] | undefined;
    if (fn.type === 'identifier') bindings = this.cx.bindings.lookup(fn.text, fn)?.bindings;
    else if (fn.type === 'attribute') {
      const obj = fn.childForFieldName('object');
      bindings = obj ? this.cx.bindings.selfAttr(obj, fn.childForFieldName('attribute')?.text ?? '') : undefined;
    }
    const def = bindings?.find((b) => b.kind === 'def');
    if (def?.kind === 'def') {
      const rv = returnedValue(returnsOf(def.node).map((r) => this.val(r, depth)), span, text);
      return rv ? withArguments(this.cx.ctx, rv, this.argumentsOf(def.node, args, fn.type === 'attribute', depth)) : undefined;
    }
    // A function imported from another workspace module.
    const imported = bindings?.length === 1 && bindings[0].kind === 'from' ? bindings[0] : undefined;
    const v = imported?.kind === 'from' ? this.cx.ctx?.exportOf(imported.module, imported.name)?.returnsVal : undefined;
    return v ? ({ ...v, span, text } as Val) : undefined;
  }

  /** A call's arguments by the parameter names of the function it calls (positional, then keywords). */
  private argumentsOf(def: Node, args: Node, isMethodCall: boolean, depth: number): Map<string, Val> {
    const params = (def.childForFieldName('parameters')?.namedChildren ?? []).filter((p) => POSITIONAL_PARAMS.has(p.type));
    const names = params.map(paramName).slice(isMethodCall && def.parent?.parent?.type === 'class_definition' ? 1 : 0);
    const out = new Map<string, Val>();
    let i = 0;
    for (const a of args.namedChildren) {
      if (a.type === 'comment' || a.type === 'list_splat' || a.type === 'dictionary_splat') continue;
      if (a.type === 'keyword_argument') {
        const k = a.childForFieldName('name')?.text;
        const v = a.childForFieldName('value');
        if (k && v) out.set(k, this.val(v, depth));
      } else {
        const name = names[i++];
        if (name) out.set(name, this.val(a, depth));
      }
    }
    // Parameters left to their defaults (`style="plain"`).
    for (const p of def.childForFieldName('parameters')?.namedChildren ?? []) {
      const name = paramName(p);
      const d = p.childForFieldName('value');
      if (name && d && !out.has(name)) out.set(name, this.val(d, depth));
    }
    return out;
  }

  /** `"...".format(...)`, `s.strip()`, `"\n".join(parts)`, `textwrap.dedent(s)`, `inspect.cleandoc(s)`. */
  private stringCall(fn: Node, args: Node, positional: Node[], span: Span, text: string, depth: number): Val | undefined {
    if (fn.type === 'attribute') {
      const obj = fn.childForFieldName('object');
      const method = fn.childForFieldName('attribute')?.text ?? '';
      if (!obj || !STRING_METHODS.has(method)) {
        if (!obj || !this.dedenter(fn)) return undefined;
      } else {
        const self = this.val(obj, depth);
        if (self.kind !== 'str') return undefined;
        switch (method) {
          case 'format': {
            const named = new Map<string, Val>();
            for (const a of args.namedChildren) {
              if (a.type === 'keyword_argument') named.set(a.childForFieldName('name')?.text ?? '', this.val(a.childForFieldName('value')!, depth));
              else if (a.type === 'dictionary_splat') {
                const d = this.val(a.namedChildren[0], depth);
                if (d.kind === 'obj') for (const [k, v] of d.props) named.set(k, v);
              }
            }
            return pyFormat(self, positional.filter((a) => a.type !== 'dictionary_splat' && a.type !== 'list_splat').map((a) => this.val(a, depth)), named, span, text);
          }
          case 'strip':
          case 'lstrip':
          case 'rstrip':
            if (positional.length) return undefined;
            return mapText(self, (s) => (method === 'strip' ? s.trim() : method === 'lstrip' ? s.trimStart() : s.trimEnd()), span, text);
          case 'join': {
            const items = positional[0] ? this.val(positional[0], depth) : undefined;
            if (items?.kind === 'list') return joinVals(self, items.items, items.open, span, text);
            return items ? { kind: 'str', parts: [{ hole: items.text }], span, text } : undefined;
          }
        }
        return undefined;
      }
    }
    // textwrap.dedent(s), dedent(s) from textwrap, inspect.cleandoc(s)
    const d = this.dedenter(fn);
    const arg = d && positional[0] ? this.val(positional[0], depth) : undefined;
    return d && arg?.kind === 'str' ? mapText(arg, DEDENT_STYLES[d.style], span, text) : undefined;
  }

  /** The dedenting function (`RuntimeSpec.dedenters`) `fn` names: `textwrap.dedent`, or `dedent` imported from textwrap. */
  private dedenter(fn: Node): { style: keyof typeof DEDENT_STYLES } | undefined {
    const all = RUNTIME.python!.dedenters!;
    if (fn.type === 'attribute') {
      const mod = fn.childForFieldName('object')?.text ?? '';
      const name = fn.childForFieldName('attribute')?.text ?? '';
      return all.find((d) => d.names.includes(name) && d.modules.includes(mod));
    }
    if (fn.type !== 'identifier') return undefined;
    const from = this.cx.bindings.lookup(fn.text, fn)?.bindings.find((b) => b.kind === 'from');
    return from?.kind === 'from' ? all.find((d) => d.names.includes(from.name) && d.modules.includes(from.module)) : undefined;
  }

  private stringParts(node: Node, depth: number): StrPart[] {
    const start = node.namedChildren.find((c) => c.type === 'string_start')?.text ?? '"';
    const prefix = start.replace(/["']/g, '');
    const raw = /r/i.test(prefix);
    const fstring = /f/i.test(prefix);
    const parts: StrPart[] = [];
    for (const c of node.namedChildren) {
      if (c.type === 'string_content') {
        // Escape sequences may be children of string_content; decode the whole content at once.
        const content = fstring ? c.text.replace(/\{\{/g, '{').replace(/\}\}/g, '}') : c.text;
        parts.push({ text: raw ? content : unescapePython(content) });
      } else if (c.type === 'escape_sequence') {
        parts.push({ text: raw ? c.text : unescapePython(c.text) });
      } else if (c.type === 'interpolation') {
        const expr = c.childForFieldName('expression') ?? c.namedChildren[0];
        const v = expr ? this.val(expr, depth) : undefined;
        if (v?.kind === 'str') parts.push(...v.parts);
        else if (v?.kind === 'num') parts.push({ text: String(v.value) });
        else parts.push({ hole: expr?.text ?? c.text });
      }
    }
    return mergeParts(parts);
  }

  // ---- fixes ----
}
