// The TypeScript recognizer's value layer. An expression's value is the shared evaluator's
// (model/evaluate.ts) over TypeScript's front-end (front.ts): strings and templates, numbers,
// arrays and objects with spreads, declarations through the checker, workspace imports, functions
// of this file, lists grown by `push`; `trim`/`join`, `dedent(...)`, LangChain templates and
// messages, Genkit and `JSON.stringify` are the catalogue's, read by the evaluator (model/library.ts,
// model/runtime.ts). What the JavaScript runtime builds that the catalogue has no shape for yet is
// here (`runtimeValue`): dedenting tags, `fs` reads, AI SDK provider models, test doubles, an
// upload's id; and a call's arguments as request parameters (`argsOf`). A property of an object known
// statically (`CONFIG.model`) is the evaluator's, for every language.
import ts from 'typescript';
import type { OperationSpec } from '../../catalogue';
import { bindPositional, providerModel } from '../symbols';
import { uploadedFileVal, DEDENT_STYLES, mapText } from '../strings';
import { type ObjVal, type Val } from '../values';
import { accessName, skipOuter } from './syntax';
import type { TsFile } from './index';
import { Evaluator } from '../../model/evaluate';
import { TsFront, TsModelBindings } from './front';

// TypeScript's API object has over 2,000 properties, which V8 keeps in dictionary mode: every
// `ts.isX(...)` is a hash lookup, and the passes make them on every node. They use copies.
const { isCallExpression, isElementAccessExpression, isIdentifier, isNewExpression, isPropertyAccessExpression, isSpreadElement, isTaggedTemplateExpression } =
  ts;

/** The values of one TypeScript file's expressions (see the file's header). */
export class TsValues {
  constructor(private readonly cx: TsFile) {
    this.bindings = new TsModelBindings(cx);
  }

  /** An options argument as an object: its literal, or an opaque object naming what could not be read. */
  optionsOf(arg: ts.Expression | undefined): ObjVal | undefined {
    if (!arg) return undefined;
    const v = this.val(arg);
    return v.kind === 'obj' ? v : { kind: 'obj', props: new Map(), open: [v.text], node: null, span: v.span, text: v.text };
  }

  /** Arguments by the SDK's positional names; without names, the first argument is the params object. */
  argsOf(args: readonly ts.Expression[], positional: OperationSpec['positional'], at: ts.Node): ObjVal {
    const empty: ObjVal = { kind: 'obj', props: new Map(), open: [], node: null, span: this.cx.span(at), text: '' };
    if (!positional) return this.optionsOf(args[0]) ?? empty;
    const values = args.map((a): Val => {
      const text = a.getText(this.cx.sf);
      if (isSpreadElement(a)) return { kind: 'unknown', span: this.cx.span(a), text };
      const v = this.val(a);
      // `generateContent(prompt)` with `prompt: string`: text whose content is unknown, not hidden parameters.
      if (v.kind === 'unknown' && this.isStringTyped(a)) return { kind: 'str', parts: [{ hole: text }], span: v.span, text };
      return v;
    });
    return bindPositional(positional, values, empty);
  }

  private isStringTyped(node: ts.Expression): boolean {
    try {
      const t = this.cx.checker.getTypeAtLocation(node);
      return (t.flags & ts.TypeFlags.StringLike) !== 0;
    } catch {
      return false;
    }
  }

  /**
   * An expression's value (the shared evaluator's, with `runtimeValue` for what the JavaScript
   * runtime builds); unknown (with its text) where it cannot be known statically.
   */
  val(node: ts.Node, depth = 0): Val {
    return this.evaluator().val(node, depth);
  }

  private ev: Evaluator<ts.Node> | undefined;
  /** What the checker and the first pass answer the shared evaluator (front.ts). */
  readonly bindings: TsModelBindings;
  /** The file's evaluator: values, and SDK symbols (`Evaluator.sym`). */
  evaluator(): Evaluator<ts.Node> {
    return (this.ev ??= new Evaluator(new TsFront(this.cx), this.bindings, this.cx.ctx, true, this.cx.resolving));
  }

  /**
   * What the JavaScript runtime and its libraries build that the catalogue has no shape for yet
   * (`FrontEnd.runtimeValue`): test doubles, dedenting tags, prompt files read with `fs`, AI SDK
   * provider models; a file upload's id; a property of an object literal.
   */
  runtimeValue(node: ts.Node, ev: Evaluator<ts.Node>, depth: number): Val | undefined {
    const span = this.cx.span(node);
    const text = node.getText(this.cx.sf);
    if (isNewExpression(node)) {
      // `new MockLanguageModelV2(...)`: a test double; calls using it are not billed.
      return ev.sym(node.expression, depth)?.kind === 'mock' ? { kind: 'unknown', span, text, mock: true } : undefined;
    }
    if (isTaggedTemplateExpression(node)) {
      // dedent`...` (dedent, ts-dedent, outdent, common-tags), String.raw`...`
      const tag = node.tag.getText(this.cx.sf);
      const v = this.val(node.template, depth);
      if (v.kind !== 'str') return undefined;
      if (tag === 'String.raw') return { ...v, span, text };
      // A dedenting tag is read as the same function called (`RuntimeSpec.dedenters`, model/library.ts).
      const d = isIdentifier(node.tag) ? ev.dedenterOf({ object: null, name: node.tag.text, nameNode: node.tag }) : undefined;
      return d ? mapText(v, DEDENT_STYLES[d], span, text) : undefined;
    }
    if (isCallExpression(node)) {
      const callee = skipOuter(node.expression);
      // NestJS's `@Inject('LLM_MODEL')` on a constructor parameter: what the provider of that token makes.
      const token =
        isIdentifier(callee) && callee.text === 'Inject' && node.arguments.length === 1 && ts.isStringLiteralLike(node.arguments[0])
          ? node.arguments[0].text
          : undefined;
      if (token !== undefined) {
        const provided = this.cx.ctx?.provider?.(token);
        return provided?.val ? { ...provided.val, span, text } : undefined;
      }
      const read = this.cx.files.fileRead(node, callee, span, text);
      if (read) return read;
      // Vercel AI SDK: `openai('gpt-4o')`, `anthropic.messages('...')` make a model the SDK routes as `openai/gpt-4o`.
      // Also a provider made and called at once: `createMistral({ apiKey })('mistral-small-latest')`.
      const provider = isIdentifier(callee) || isPropertyAccessExpression(callee) || isCallExpression(callee) ? ev.sym(callee, depth) : undefined;
      if (provider?.kind === 'modelProvider') return providerModel(provider, node.arguments[0] ? this.val(node.arguments[0], depth) : undefined, span, text);
      if (provider?.kind === 'mock') return { kind: 'unknown', span, text, mock: true };
      return undefined;
    }
    // `process.env.MISTRAL_MODEL` that the project's environment schema gives a default (`z.string().default(...)`).
    if (isPropertyAccessExpression(node) && node.expression.getText(this.cx.sf) === 'process.env') {
      const d = ev.rt.schemaDefault(node.name.text, span, text);
      if (d) return d;
    }
    // `Model.Mini` of `enum Model { Mini = 'gpt-4o-mini' }`: the member's value, as the compiler knows it.
    if (isPropertyAccessExpression(node) || isElementAccessExpression(node)) {
      const member = this.cx.checker.getSymbolAtLocation(isPropertyAccessExpression(node) ? node.name : node.argumentExpression)?.valueDeclaration;
      const c = member && ts.isEnumMember(member) ? this.cx.checker.getConstantValue(member) : undefined;
      if (typeof c === 'string') return { kind: 'str', parts: [{ text: c }], span, text };
      if (typeof c === 'number') return { kind: 'num', value: c, span, text };
    }
    // `(await client.files.create({ file: ... })).id`: the uploaded file's id, carrying its text for a batch's pricing.
    if ((isPropertyAccessExpression(node) || isElementAccessExpression(node)) && accessName(node) === 'id') {
      const upload = this.cx.files.uploadedFile(node.expression, depth);
      if (upload) return uploadedFileVal(this.cx.ctx, upload, span, text);
    }
    return undefined;
  }
}
