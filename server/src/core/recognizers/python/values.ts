// The Python recognizer's value layer. An expression's value is the shared evaluator's
// (model/evaluate.ts) over Python's front-end (front.ts): strings and f-strings, numbers, lists,
// dicts, names through Python's scopes, lists and strings grown in place, `%`, `+`, `*`, helper
// functions of this file and of other modules, what callers pass. What Python's runtime builds
// that the catalogue has no shape for yet is here (`runtimeValue`): `.format`, `strip`, `join`,
// `dedent`, prompt files and image bytes (files.ts), LangChain templates and messages, Genkit
// instances, option objects, `json.dumps`, environment defaults; and keyword arguments as the
// request's parameters (`argsObj`).
import type { Node } from 'web-tree-sitter';
import { CATALOGUE, MESSAGE_CLASSES, MESSAGE_TEMPLATE_ROLES, PROMPT_LOADERS, RUNTIME, type OperationSpec } from '../../catalogue';
import type { Span } from '../../types';
import { Evaluator } from '../../model/evaluate';
import { bindPositional } from '../symbols';
import { DEDENT_STYLES, imageDataVal, joinVals, langchainTemplate, mapText, pyFormat, templateMessage, uploadedFileVal } from '../strings';
import { staticString, type ObjVal, type Val } from '../values';
import { PyFront, PyModelBindings } from './front';
import type { PythonFile } from './index';
import { spanOf } from './syntax';

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

  /** An expression's value (the shared evaluator's, with `runtimeValue` for what Python's runtime builds); unknown (with its text) where it cannot be known statically. */
  val(node: Node, depth = 0): Val {
    return this.evaluator().val(node, depth);
  }

  private ev: Evaluator<Node> | undefined;
  private evaluator(): Evaluator<Node> {
    return (this.ev ??= new Evaluator(new PyFront(this.cx), new PyModelBindings(this.cx), this.cx.ctx, true, this.cx.resolving));
  }

  /**
   * What Python's runtime builds that the catalogue has no shape for yet (`FrontEnd.runtimeValue`):
   * string methods, dedenters, prompt files and image bytes, LangChain templates, Genkit
   * instances, option objects, messages, JSON encoders, environment defaults; a file upload's id.
   */
  runtimeValue(node: Node, depth: number): Val | undefined {
    if (node.type === 'call') return this.callVal(node, depth);
    if (node.type !== 'attribute') return undefined;
    const obj = node.childForFieldName('object');
    if (node.childForFieldName('attribute')?.text !== 'id' || !obj) return undefined;
    const upload = this.cx.files.uploadedFile(obj, depth);
    return upload ? uploadedFileVal(this.cx.ctx, upload, spanOf(node), node.text) : undefined;
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
    return undefined;
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

  // ---- fixes ----
}
