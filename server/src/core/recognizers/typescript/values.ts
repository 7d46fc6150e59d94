// The TypeScript recognizer's value layer: what an expression evaluates to, statically (strings
// and templates with their holes, numbers, arrays, objects with spreads, parameters objects),
// through declarations, workspace imports, functions of this file, lists grown in place,
// dedenters and JSON encoders from the runtime catalogue, LangChain templates and Genkit instances.
import ts from 'typescript';
import { MESSAGE_CLASSES, PROMPT_LOADERS, RUNTIME, type OperationSpec } from '../../catalogue';
import type { Span } from '../../types';
import { returnedValue } from '../../workspace';
import { bindPositional, providerModel } from '../symbols';
import { uploadedFileVal, withArguments, joinVals, DEDENT_STYLES, langchainTemplate, mapText, promptFileVal, templateMessage } from '../strings';
import { arith, concatStr, mergeParts, staticString, withOrigin, type ObjVal, type StrPart, type Val } from '../values';
import { accessName, enclosingClass, enclosingFunction, isOuterExpression, MAX_DEPTH, memberName, propertyKey, returnsOf, skipOuter } from './syntax';
import type { TsFile } from './index';

// TypeScript's API object has over 2,000 properties, which V8 keeps in dictionary mode: every
// `ts.isX(...)` is a hash lookup, and the passes make them on every node. They use copies.
const {
  isArrayLiteralExpression,
  isAwaitExpression,
  isBinaryExpression,
  isCallExpression,
  isElementAccessExpression,
  isIdentifier,
  isImportClause,
  isImportSpecifier,
  isNewExpression,
  isNoSubstitutionTemplateLiteral,
  isNumericLiteral,
  isObjectLiteralExpression,
  isOmittedExpression,
  isParameter,
  isPrefixUnaryExpression,
  isPropertyAccessExpression,
  isPropertyAssignment,
  isPropertyDeclaration,
  isShorthandPropertyAssignment,
  isSpreadAssignment,
  isSpreadElement,
  isStringLiteral,
  isStringLiteralLike,
  isTaggedTemplateExpression,
  isTemplateExpression,
  isVariableDeclaration,
} = ts;

/** Template tags and functions that strip common indentation, and the packages exporting them (the runtime catalogue's). */
const DEDENTERS = RUNTIME.js!.dedenters!.map((d) => ({ names: new Set(d.names), modules: new Set(d.modules), style: DEDENT_STYLES[d.style] }));

/** The values of one TypeScript file's expressions (see the file's header). */
export class TsValues {
  constructor(private readonly cx: TsFile) {}

  /** Array elements or call arguments as list items; a spread of a known list adds its items, of anything else an open part. */
  private elementsInto(elements: readonly ts.Expression[], items: Val[], open: string[], depth: number): void {
    for (const e of elements) {
      if (isSpreadElement(e)) {
        const inner = this.val(e.expression, depth);
        if (inner.kind === 'list') {
          items.push(...inner.items);
          open.push(...inner.open);
        } else open.push(e.expression.getText(this.cx.sf));
      } else if (!isOmittedExpression(e)) items.push(this.val(e, depth));
    }
  }

  /** A call's arguments by the parameter names of the function it calls, with defaults for the rest. */
  private argumentsOf(fn: ts.FunctionLikeDeclaration, args: readonly ts.Expression[], depth: number): Map<string, Val> {
    const out = new Map<string, Val>();
    fn.parameters.forEach((p, i) => {
      if (!isIdentifier(p.name) || p.dotDotDotToken) return;
      const a = args[i];
      if (a && !isSpreadElement(a)) out.set(p.name.text, this.val(a, depth));
      else if (!a && p.initializer) out.set(p.name.text, this.val(p.initializer, depth));
    });
    return out;
  }

  /** A variable's value at `use`: its initializer when never reassigned, lists grown by `push` followed. */
  private variableVal(symbol: ts.Symbol, decl: ts.VariableDeclaration, use: ts.Identifier, span: Span, text: string, depth: number): Val | undefined {
    if (!decl.initializer || this.cx.bindings.assignedTo(symbol).length > 0) return undefined;
    const v = this.val(decl.initializer, depth);
    if ((v.kind === 'list' || v.kind === 'obj') && this.cx.bindings.isMutated(symbol)) {
      const grown = v.kind === 'list' ? this.grown(v, symbol, decl, use, depth) : undefined;
      return grown ?? ({ ...v, open: [...v.open, text], span, text } as Val);
    }
    return this.reSpan(withOrigin(v, use.text, this.cx.span(decl.name)), span, text);
  }

  /**
   * A list built in steps (`const messages = [system]; messages.push(user, ...history)`) as it is
   * when `use` reads it: the pushes before the use, in order. Only when every change to the list is
   * a push, in the same function as the list and the use (or all at the top level), in the same loop as the list; otherwise
   * undefined (the list may be anything: an agent loop's history).
   */
  private grown(list: Extract<Val, { kind: 'list' }>, symbol: ts.Symbol, decl: ts.VariableDeclaration, use: ts.Node, depth: number): Val | undefined {
    const mine = (id: ts.Identifier) => this.cx.checker.getSymbolAtLocation(id) === symbol;
    const steps = this.cx.bindings.growth.filter((g) => mine(g.target));
    if (steps.length !== this.cx.bindings.mutations.filter(mine).length) return undefined;
    const fn = enclosingFunction(decl);
    if (enclosingFunction(use) !== fn || steps.some((g) => enclosingFunction(g.call) !== fn || g.loop !== this.cx.bindings.declLoops.get(decl))) return undefined;
    const items = [...list.items];
    const open = [...list.open];
    for (const g of steps.filter((x) => x.call.end <= use.getStart(this.cx.sf)).sort((a, b) => a.call.pos - b.call.pos)) {
      this.elementsInto(g.call.arguments, items, open, depth);
    }
    return { ...list, items, open, span: this.cx.span(use), text: use.getText(this.cx.sf) };
  }

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

  val(node: ts.Node, depth = 0): Val {
    const unknown: Val = { kind: 'unknown', span: this.cx.span(node), text: node.getText(this.cx.sf) };
    if (depth > MAX_DEPTH || this.cx.resolving.has(node)) return unknown;
    this.cx.resolving.add(node);
    try {
      return this.valInner(node, depth + 1) ?? unknown;
    } finally {
      this.cx.resolving.delete(node);
    }
  }

  private valInner(node: ts.Node, depth: number): Val | undefined {
    const span = this.cx.span(node);
    const text = node.getText(this.cx.sf);
    if (isStringLiteral(node) || isNoSubstitutionTemplateLiteral(node)) return { kind: 'str', parts: [{ text: node.text }], span, text };
    if (isTemplateExpression(node)) {
      const parts: StrPart[] = [{ text: node.head.text }];
      for (const s of node.templateSpans) {
        const v = this.val(s.expression, depth);
        if (v.kind === 'str') parts.push(...v.parts);
        else if (v.kind === 'num') parts.push({ text: String(v.value) });
        else parts.push({ hole: s.expression.getText(this.cx.sf) });
        parts.push({ text: s.literal.text });
      }
      return { kind: 'str', parts: mergeParts(parts), span, text };
    }
    if (isNumericLiteral(node)) return { kind: 'num', value: Number(node.text), span, text };
    if (node.kind === ts.SyntaxKind.TrueKeyword || node.kind === ts.SyntaxKind.FalseKeyword) {
      return { kind: 'bool', value: node.kind === ts.SyntaxKind.TrueKeyword, span, text };
    }
    if (node.kind === ts.SyntaxKind.NullKeyword || (isIdentifier(node) && node.text === 'undefined')) return { kind: 'null', span, text };
    if (isOuterExpression(node) || isAwaitExpression(node)) {
      const v = this.val(node.expression, depth);
      return v.kind === 'unknown' ? undefined : v;
    }
    if (isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.MinusToken) {
      const v = this.val(node.operand, depth);
      return v.kind === 'num' ? { kind: 'num', value: -v.value, span, text } : undefined;
    }
    if (isBinaryExpression(node)) {
      const op = node.operatorToken.kind;
      if (op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken) {
        // process.env.MODEL ?? 'gpt-4o': unknown, with the fallback it uses.
        const d = this.val(node.right, depth);
        return d.kind === 'unknown' ? undefined : { kind: 'unknown', span, text, default: d };
      }
      const l = this.val(node.left, depth);
      const r = this.val(node.right, depth);
      const sym = ts.tokenToString(op) ?? '';
      if (l.kind === 'num' && r.kind === 'num') {
        const n = arith(sym, l.value, r.value);
        return n === undefined ? undefined : { kind: 'num', value: n, span, text };
      }
      if (op === ts.SyntaxKind.PlusToken && (l.kind === 'str' || r.kind === 'str')) return concatStr(span, text, [l, r]);
      return undefined;
    }
    if (isArrayLiteralExpression(node)) {
      const items: Val[] = [];
      const open: string[] = [];
      this.elementsInto(node.elements, items, open, depth);
      return { kind: 'list', items, open, span, text };
    }
    if (isObjectLiteralExpression(node)) {
      const props = new Map<string, Val>();
      const open: string[] = [];
      for (const p of node.properties) {
        if (isPropertyAssignment(p)) {
          const key = propertyKey(p.name);
          if (key !== undefined) props.set(key, this.val(p.initializer, depth));
        } else if (isShorthandPropertyAssignment(p)) {
          props.set(p.name.text, this.val(p.name, depth));
        } else if (isSpreadAssignment(p)) {
          // As JavaScript does: what a spread brings overrides what came before it (`{ max_tokens: 50, ...PARAMS }` sends PARAMS's).
          const inner = this.val(p.expression, depth);
          if (inner.kind === 'obj') {
            for (const [k, v] of inner.props) props.set(k, v);
            open.push(...inner.open);
          } else open.push(p.expression.getText(this.cx.sf));
        }
      }
      return { kind: 'obj', props, open, node, span, text };
    }
    if (isIdentifier(node)) {
      const symbol = this.cx.checker.getSymbolAtLocation(node);
      const decl = symbol?.valueDeclaration ?? symbol?.declarations?.[0];
      if (!symbol) {
        // An implicit global assigned once (`MODEL_ID = "gemini-2.5-flash"` in an exported notebook).
        const assigned = this.cx.bindings.globalAssignments().get(node.text) ?? [];
        return assigned.length === 1 ? this.reSpan(this.val(assigned[0], depth), span, text) : undefined;
      }
      if (!decl) return undefined;
      // `import prompt from './system.md?raw'` (Vite, Bun): the file's text.
      if (isImportClause(decl) && isStringLiteralLike(decl.parent.moduleSpecifier) && /\?raw$/.test(decl.parent.moduleSpecifier.text)) {
        return promptFileVal(this.cx.ctx, { path: decl.parent.moduleSpecifier.text.replace(/\?raw$/, ''), base: 'file' }, span, text);
      }
      if (isImportSpecifier(decl) || isImportClause(decl)) {
        // `import { MODEL } from './config'`: a constant of another module.
        const v = this.cx.symbols.imported(decl)?.val;
        return v ? this.reSpan(v, span, text) : undefined;
      }
      if (isShorthandPropertyAssignment(decl)) {
        // `{ messages }`: the variable it names, with the same rules as a plain reference.
        const value = this.cx.checker.getShorthandAssignmentValueSymbol(decl);
        const vdecl = value?.valueDeclaration;
        return vdecl && isVariableDeclaration(vdecl) ? this.variableVal(value!, vdecl, node, span, text, depth) : undefined;
      }
      if (isVariableDeclaration(decl)) return this.variableVal(symbol, decl, node, span, text, depth);
      if (isParameter(decl) && decl.initializer) {
        const d = this.val(decl.initializer, depth);
        return d.kind === 'unknown' ? undefined : { kind: 'unknown', span, text, default: d };
      }
      return undefined;
    }
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
      // A function or method of this file: its value (`create(buildParams())`, `model: getModel()`).
      const fn = this.cx.symbols.functionOf(skipOuter(node.expression));
      if (fn) {
        const rv = returnedValue(returnsOf(fn).map((r) => this.val(r, depth)), span, text);
        return rv ? withArguments(this.cx.ctx, rv, this.argumentsOf(fn, node.arguments, depth)) : undefined;
      }
      // A function imported from another workspace module.
      const decl = isIdentifier(callee) ? this.cx.checker.getSymbolAtLocation(callee)?.declarations?.[0] : undefined;
      const v = decl && (isImportSpecifier(decl) || isImportClause(decl)) ? this.cx.symbols.imported(decl)?.returnsVal : undefined;
      return v ? this.reSpan(v, span, text) : undefined;
    }
    if (isPropertyAccessExpression(node) || isElementAccessExpression(node)) {
      const name = accessName(node);
      if (name === undefined) return undefined;
      if (name === 'id') {
        const upload = this.cx.files.uploadedFile(node.expression, depth);
        if (upload) return uploadedFileVal(this.cx.ctx, upload, span, text);
      }
      if (node.expression.kind === ts.SyntaxKind.ThisKeyword) {
        const cls = enclosingClass(node);
        const m = cls?.members.find((x) => isPropertyDeclaration(x) && memberName(x) === name) as ts.PropertyDeclaration | undefined;
        const assigned = cls ? (this.cx.bindings.thisAssignments.get(cls)?.get(name) ?? []) : [];
        if (m?.initializer && assigned.length === 0) return this.reSpan(this.val(m.initializer, depth), span, text);
        return undefined;
      }
      const base = this.val(node.expression, depth);
      if (base.kind === 'obj') {
        const v = base.props.get(name);
        return v ? this.reSpan(v, span, text) : undefined;
      }
      return undefined;
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
