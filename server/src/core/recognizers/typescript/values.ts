// The TypeScript recognizer's value layer. An expression's value is the shared evaluator's
// (model/evaluate.ts) over TypeScript's front-end (front.ts): strings and templates, numbers,
// arrays and objects with spreads, declarations through the checker, workspace imports, functions
// of this file, lists grown by `push`. What the JavaScript runtime and its libraries build that the
// catalogue has no shape for yet is here (`runtimeValue`): dedenters and JSON encoders from the
// runtime catalogue, `trim`/`join`, file reads, LangChain templates, Genkit instances, AI SDK
// provider models, test doubles; and a call's arguments as request parameters (`argsOf`).
import ts from 'typescript';
import { MESSAGE_CLASSES, PROMPT_LOADERS, RUNTIME, type OperationSpec } from '../../catalogue';
import type { Span } from '../../types';
import { bindPositional, providerModel } from '../symbols';
import { uploadedFileVal, joinVals, DEDENT_STYLES, langchainTemplate, mapText, templateMessage } from '../strings';
import { staticString, type ObjVal, type Val } from '../values';
import { accessName, skipOuter } from './syntax';
import type { TsFile } from './index';
import { Evaluator } from '../../model/evaluate';
import { TsFront, TsModelBindings } from './front';

// TypeScript's API object has over 2,000 properties, which V8 keeps in dictionary mode: every
// `ts.isX(...)` is a hash lookup, and the passes make them on every node. They use copies.
const {
  isCallExpression,
  isElementAccessExpression,
  isIdentifier,
  isImportClause,
  isImportSpecifier,
  isNewExpression,
  isPropertyAccessExpression,
  isSpreadElement,
  isStringLiteralLike,
  isTaggedTemplateExpression,
} = ts;

/** Template tags and functions that strip common indentation, and the packages exporting them (the runtime catalogue's). */
const DEDENTERS = RUNTIME.js!.dedenters!.map((d) => ({ names: new Set(d.names), modules: new Set(d.modules), style: DEDENT_STYLES[d.style] }));

/** The values of one TypeScript file's expressions (see the file's header). */
export class TsValues {
  constructor(private readonly cx: TsFile) {}

  /** `genkit({...})` from the genkit package: the instance, as its options with a `loader` mark. */
  private genkitCall(node: ts.CallExpression, callee: ts.Expression, span: Span, text: string, depth: number): Val | undefined {
    if (!isIdentifier(callee) || callee.text !== PROMPT_LOADERS.genkit.js.factory || !this.importedFrom(callee, new Set(PROMPT_LOADERS.genkit.js.packages))) return undefined;
    const opts = node.arguments[0] ? this.val(node.arguments[0], depth) : undefined;
    return { kind: 'obj', props: opts?.kind === 'obj' ? opts.props : new Map(), open: [], node: null, span, text, loader: 'genkit' };
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

  /** An expression's value (the shared evaluator's, with `runtimeValue` for what the JavaScript runtime builds); unknown (with its text) where it cannot be known statically. */
  val(node: ts.Node, depth = 0): Val {
    return this.evaluator().val(node, depth);
  }

  private ev: Evaluator<ts.Node> | undefined;
  private evaluator(): Evaluator<ts.Node> {
    return (this.ev ??= new Evaluator(new TsFront(this.cx), new TsModelBindings(this.cx), this.cx.ctx, true, this.cx.resolving));
  }

  /**
   * What the JavaScript runtime and its libraries build that the catalogue has no shape for yet
   * (`FrontEnd.runtimeValue`): test doubles, LangChain templates and messages, dedenting tags,
   * `trim` and `join`, prompt files read with `fs`, Genkit instances, `JSON.stringify`, AI SDK
   * provider models; a file upload's id; a property of an object literal.
   */
  runtimeValue(node: ts.Node, depth: number): Val | undefined {
    const span = this.cx.span(node);
    const text = node.getText(this.cx.sf);
    if (isNewExpression(node)) {
      // `new MockLanguageModelV2(...)`: a test double; calls using it are not billed.
      if (this.cx.symbols.sym(node.expression, depth)?.kind === 'mock') return { kind: 'unknown', span, text, mock: true };
      const placeholder = this.templateCall(node, span, text, depth);
      if (placeholder) return placeholder;
      // LangChain messages: `new SystemMessage('...')`, `new HumanMessage({ content })`.
      const cls = isIdentifier(node.expression) ? node.expression.text : undefined;
      const arg = node.arguments?.[0];
      if (cls && MESSAGE_CLASSES.has(cls) && arg) {
        const v = this.val(arg, depth);
        if (v.kind === 'obj') return { ...v, span, text };
        return { kind: 'obj', props: new Map([['content', v]]), open: [], node: null, span, text };
      }
      return undefined;
    }
    if (isTaggedTemplateExpression(node)) {
      // dedent`...` (dedent, ts-dedent, outdent, common-tags), String.raw`...`
      const tag = node.tag.getText(this.cx.sf);
      const v = this.val(node.template, depth);
      if (v.kind !== 'str') return undefined;
      if (tag === 'String.raw') return { ...v, span, text };
      const d = this.dedenter(node.tag);
      return d ? mapText(v, d, span, text) : undefined;
    }
    if (isCallExpression(node)) {
      const callee = skipOuter(node.expression);
      const strOp =
        this.stringCall(node, callee, span, text, depth) ??
        this.cx.files.fileRead(node, callee, span, text) ??
        this.templateCall(node, span, text, depth) ??
        (this.cx.mentionsGenkit ? this.genkitCall(node, callee, span, text, depth) : undefined);
      if (strOp) return strOp;
      // JSON.stringify({...}): Bedrock InvokeModel's body, read as the object it encodes.
      if (node.arguments[0] && RUNTIME.js!.jsonEncoders!.includes(callee.getText(this.cx.sf))) {
        const v = this.val(node.arguments[0], depth);
        return v.kind === 'obj' ? v : undefined;
      }
      // Vercel AI SDK: `openai('gpt-4o')`, `anthropic.messages('...')` make a model the SDK routes as `openai/gpt-4o`.
      const provider = isIdentifier(callee) || isPropertyAccessExpression(callee) ? this.cx.symbols.sym(callee, depth) : undefined;
      if (provider?.kind === 'modelProvider') return providerModel(provider, node.arguments[0] ? this.val(node.arguments[0], depth) : undefined, span, text);
      if (provider?.kind === 'mock') return { kind: 'unknown', span, text, mock: true };
      return undefined;
    }
    if ((isPropertyAccessExpression(node) || isElementAccessExpression(node)) && node.expression.kind !== ts.SyntaxKind.ThisKeyword) {
      const name = accessName(node);
      if (name === undefined) return undefined;
      if (name === 'id') {
        const upload = this.cx.files.uploadedFile(node.expression, depth);
        if (upload) return uploadedFileVal(this.cx.ctx, upload, span, text);
      }
      const base = this.val(node.expression, depth);
      const v = base.kind === 'obj' ? base.props.get(name) : undefined;
      return v ? this.reSpan(v, span, text) : undefined;
    }
    return undefined;
  }

  /** The prompt template a `.pipe` chain starts from (`prompt.pipe(model)`, `a.pipe(prompt).pipe(model)`). */
  templateOf(node: ts.Expression): Val | undefined {
    const e = skipOuter(node);
    if (isCallExpression(e) && isPropertyAccessExpression(e.expression) && e.expression.name.text === 'pipe' && e.arguments[0]) return this.templateOf(e.arguments[0]);
    const v = this.val(e);
    return v.template ? v : undefined;
  }

  /**
   * LangChain.js prompt templates: `ChatPromptTemplate.fromMessages([["system", "..."], ["human", "{input}"]])`,
   * `PromptTemplate.fromTemplate("...")`, `new MessagesPlaceholder("history")`.
   */
  private templateCall(node: ts.CallExpression | ts.NewExpression, span: Span, text: string, depth: number): Val | undefined {
    const callee = node.expression;
    const cls = isPropertyAccessExpression(callee) ? callee.expression.getText(this.cx.sf) : callee.getText(this.cx.sf);
    const method = isPropertyAccessExpression(callee) ? callee.name.text : undefined;
    const arg = node.arguments?.[0];
    if (!arg) return undefined;
    if (isNewExpression(node) && cls === 'MessagesPlaceholder') {
      const name = staticString(this.val(arg, depth));
      return name ? { kind: 'str', parts: [{ hole: name }], span, text, template: true } : undefined;
    }
    if (method === 'fromTemplate' && (cls === 'PromptTemplate' || cls === 'ChatPromptTemplate')) {
      const body = langchainTemplate(this.val(arg, depth), span, text);
      return cls === 'PromptTemplate' ? body : { kind: 'list', items: [templateMessage('user', body)], open: [], span, text, template: true };
    }
    if (method === 'fromMessages' && cls === 'ChatPromptTemplate') {
      const v = this.val(arg, depth);
      if (v.kind !== 'list') return undefined;
      const items = v.items.map((m) => {
        if (m.kind !== 'list' || m.items.length !== 2) return m;
        const r = staticString(m.items[0]);
        if (r === 'placeholder') return { ...langchainTemplate(m.items[1], m.span, m.text), template: true };
        return templateMessage(r ?? 'user', langchainTemplate(m.items[1], m.span, m.text));
      });
      return { kind: 'list', items, open: v.open, span, text, template: true };
    }
    return undefined;
  }

  /** `s.trim()`, `parts.join('\n')`, `dedent(s)`: string operations prompts are built with. */
  private stringCall(node: ts.CallExpression, callee: ts.Expression, span: Span, text: string, depth: number): Val | undefined {
    if (isPropertyAccessExpression(callee)) {
      const method = callee.name.text;
      if (method === 'trim' || method === 'trimStart' || method === 'trimEnd') {
        const self = this.val(callee.expression, depth);
        if (self.kind !== 'str' || node.arguments.length) return undefined;
        return mapText(self, (s) => (method === 'trim' ? s.trim() : method === 'trimStart' ? s.trimStart() : s.trimEnd()), span, text);
      }
      if (method === 'join') {
        const list = this.val(callee.expression, depth);
        if (list.kind !== 'list') return undefined;
        const sep = node.arguments[0] ? this.val(node.arguments[0], depth) : ({ kind: 'str', parts: [{ text: ',' }], span, text } as Val);
        return sep.kind === 'str' ? joinVals(sep, list.items, list.open, span, text) : undefined;
      }
      return undefined;
    }
    // dedent(`...`) from the dedent packages
    const d = node.arguments[0] ? this.dedenter(callee) : undefined;
    if (d) {
      const v = this.val(node.arguments[0], depth);
      return v.kind === 'str' ? mapText(v, d, span, text) : undefined;
    }
    return undefined;
  }

  /** How the dedenting function or tag `e` names strips indentation (`RuntimeSpec.dedenters`), when it is imported from a package exporting it. */
  private dedenter(e: ts.Expression): ((s: string) => string) | undefined {
    if (!isIdentifier(e)) return undefined;
    return DEDENTERS.find((d) => d.names.has(e.text) && this.importedFrom(e, d.modules))?.style;
  }

  /** True when `id` is imported from one of `modules`. */
  private importedFrom(id: ts.Node, modules: ReadonlySet<string>): boolean {
    if (!isIdentifier(id)) return false;
    const decl = this.cx.checker.getSymbolAtLocation(id)?.declarations?.[0];
    const spec = decl && isImportClause(decl) ? decl.parent.moduleSpecifier : decl && isImportSpecifier(decl) ? decl.parent.parent.parent.moduleSpecifier : undefined;
    return !!spec && isStringLiteralLike(spec) && modules.has(spec.text);
  }

  /** A resolved constant keeps the value but reports the span and text of the reference. */
  private reSpan(v: Val, span: Span, text: string): Val | undefined {
    if (v.kind === 'unknown') return v.default ? { ...v, span, text } : undefined;
    if (v.kind === 'obj') return v; // objects keep their own node so fixes edit the literal
    return { ...v, span, text } as Val;
  }
}
