// The Python recognizer's value layer. An expression's value is the shared evaluator's
// (model/evaluate.ts) over Python's front-end (front.ts): strings and f-strings, numbers, lists,
// dicts, names through Python's scopes, lists and strings grown in place, `%`, `+`, `*`, helper
// functions of this file and of other modules, what callers pass. What Python's runtime builds
// that the catalogue has no shape for yet is here (`runtimeValue`): prompt files and image bytes
// read through `open` and `pathlib` (files.ts), Gemini's inline `Part.from_bytes`, a file upload's
// id; and keyword arguments as the request's parameters (`argsObj`). String methods, dedenters,
// LangChain templates and messages, Genkit, option objects, `json.dumps` and environment defaults
// are the catalogue's, read by the evaluator (model/library.ts, model/runtime.ts).
import type { Node } from 'web-tree-sitter';
import { CATALOGUE, type OperationSpec } from '../../catalogue';
import { Evaluator } from '../../model/evaluate';
import { bindPositional } from '../symbols';
import { imageDataVal, uploadedFileVal } from '../strings';
import { staticString, type ObjVal, type Val } from '../values';
import { PyFront, PyModelBindings } from './front';
import type { PythonFile } from './index';
import { argumentOf, spanOf } from './syntax';

/** The values of one Python file's expressions (see the file's header). */
export class PyValues {
  constructor(private readonly cx: PythonFile) {
    this.bindings = new PyModelBindings(cx);
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

  /**
   * An expression's value (the shared evaluator's, with `runtimeValue` for what Python's runtime
   * builds); unknown (with its text) where it cannot be known statically.
   */
  val(node: Node, depth = 0): Val {
    return this.evaluator().val(node, depth);
  }

  private ev: Evaluator<Node> | undefined;
  /** What Python's first pass answers the shared evaluator (front.ts). */
  readonly bindings: PyModelBindings;
  /** The file's evaluator: values, and SDK symbols (`Evaluator.sym`). */
  evaluator(): Evaluator<Node> {
    return (this.ev ??= new Evaluator(new PyFront(this.cx), this.bindings, this.cx.ctx, true, this.cx.resolving));
  }

  /**
   * What Python's runtime builds that the catalogue has no shape for yet (`FrontEnd.runtimeValue`):
   * prompt files and image bytes, Gemini's inline `Part.from_bytes`; a file upload's id.
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
    const strOp = this.cx.files.fileRead(fn, span, text, depth) ?? this.cx.files.imageData(fn, positional, span, text, depth);
    if (strOp) return strOp;
    // A framework's model object (`OpenAIChatModel("gpt-4o")`): the model string it stands for (`openai:gpt-4o`).
    const model = fn.type === 'identifier' ? this.modelObject(fn, args, depth) : undefined;
    if (model) return model;
    // A test double's model (`TestModel()`): the call it is given to sends nothing.
    if ((fn.type === 'identifier' || fn.type === 'attribute') && this.evaluator().sym(fn)?.kind === 'mock') return { kind: 'unknown', span, text, mock: true };
    // Gemini: `types.Part.from_bytes(data=open(p, "rb").read(), mime_type="image/png")`, an inline image.
    if (fn.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'from_bytes' && /Part$/.test(fn.childForFieldName('object')?.text ?? '')) {
      const dataArg =
        args.namedChildren.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'data')?.childForFieldName('value') ??
        positional[0];
      const ref = dataArg ? this.cx.files.bytesFileOf(dataArg, depth) : undefined;
      const data: Val = ref ? imageDataVal(this.cx.ctx, ref, span, text) : { kind: 'unknown', span, text };
      const inline: Val = { kind: 'obj', props: new Map([['data', data]]), open: [], node: null, span, text };
      return { kind: 'obj', props: new Map([['inline_data', inline]]), open: [], node: null, span, text };
    }
    return undefined;
  }

  /** `OpenAIChatModel("gpt-4o")` imported from a framework whose `modelClasses` list it: `openai:gpt-4o` (a value read at run time keeps its default). */
  private modelObject(fn: Node, args: Node, depth: number): Val | undefined {
    const from = this.cx.bindings.lookup(fn.text, fn)?.bindings.find((b) => b.kind === 'from');
    if (from?.kind !== 'from') return undefined;
    const sdk = CATALOGUE.find((s) => s.modelClasses?.[from.name] && s.python.some((p) => from.module === p.module || from.module.startsWith(`${p.module}.`)));
    const spec = sdk?.modelClasses?.[from.name];
    if (!sdk || !spec) return undefined;
    const arg = argumentOf(args, spec.param, 0);
    if (!arg) return undefined;
    const v = this.val(arg, depth + 1);
    const prefixed = (m: Val | undefined): Val | undefined => {
      const id = m && staticString(m);
      if (id === undefined) return undefined;
      const text = spec.prefix ? `${spec.prefix}${sdk.prefixSeparator ?? '/'}${id}` : id;
      return { kind: 'str', parts: [{ text }], span: v.span, text: v.text };
    };
    const known = prefixed(v);
    if (known) return known;
    if (v.kind !== 'unknown') return undefined;
    // Set at run time: its default, the options it may be (`OpenAIChatModel(MODELS[tier])`), and, for a
    // parameter (`OpenAIChatModel(llm.value)`), the prefix added where each call fills it (model/params.ts).
    const fallback = prefixed(v.default);
    const options = v.options?.map(prefixed);
    const choice = options?.every((o) => o) ? (options as Val[]) : undefined;
    const param = v.param && !v.param.prefix ? (spec.prefix ? { ...v.param, prefix: `${spec.prefix}${sdk.prefixSeparator ?? '/'}` } : v.param) : undefined;
    if (!fallback && !choice && !param) return undefined;
    return {
      kind: 'unknown',
      span: v.span,
      text: v.text,
      ...(fallback ? { default: fallback } : {}),
      ...(choice ? { options: choice } : {}),
      ...(param ? { param } : {}),
    };
  }

  // ---- fixes ----
}
