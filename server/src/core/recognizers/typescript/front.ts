// TypeScript's and JavaScript's front-end on the intermediate model (model/ir.ts): the compiler's
// AST lowered one node at a time, and the checker's symbols with the first pass (bindings.ts)
// answering the evaluator's questions about names (`Bindings`). Values are the shared evaluator's
// (model/evaluate.ts); what the JavaScript runtime and its libraries build that the catalogue has
// no shape for yet (`trim`, `join`, dedenters, file reads, LangChain templates, Genkit, JSON
// encoders, AI SDK provider models, test doubles) is `TsValues.runtimeValue` (values.ts).
import ts from 'typescript';
import type { Span } from '../../types';
import type { Evaluator } from '../../model/evaluate';
import type { OperationSpec } from '../../catalogue';
import type { Arg, Bindings, Decl, Expr, ExprOf, FrontEnd, InPlace, MapItem, Param, ParameterOf, Test } from '../../model/ir';
import type { ObjVal, Val } from '../values';
import type { Sym } from '../symbols';
import type { TsFile } from './index';
import { tsGuards } from './guards';
import {
  accessName,
  type ClassNode,
  enclosingClass,
  enclosingFunction,
  isOuterExpression,
  isRequire,
  memberName,
  moduleText,
  propertyKey,
  returnsOf,
  skipOuter,
} from './syntax';

// TypeScript's API object has over 2,000 properties, which V8 keeps in dictionary mode: every
// `ts.isX(...)` is a hash lookup. The front-end uses copies.
const {
  getJSDocType,
  isObjectBindingPattern,
  getModifiers,
  isImportTypeNode,
  isLiteralTypeNode,
  isArrayLiteralExpression,
  isArrowFunction,
  isAwaitExpression,
  isBinaryExpression,
  isBindingElement,
  isCallExpression,
  isCaseClause,
  isCatchClause,
  isClassLike,
  isConditionalExpression,
  isConstructorDeclaration,
  isDefaultClause,
  isExternalModuleReference,
  isFunctionDeclaration,
  isFunctionExpression,
  isGetAccessorDeclaration,
  isIfStatement,
  isComputedPropertyName,
  isElementAccessExpression,
  isFunctionLike,
  isIdentifier,
  isImportClause,
  isImportEqualsDeclaration,
  isImportSpecifier,
  isMethodDeclaration,
  isNamespaceImport,
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
  isPropertySignature,
  isParenthesizedTypeNode,
  isQualifiedName,
  isShorthandPropertyAssignment,
  isSpreadAssignment,
  isSpreadElement,
  isStringLiteral,
  isStringLiteralLike,
  isTemplateExpression,
  isTypeReferenceNode,
  isUnionTypeNode,
  isVariableDeclaration,
  tokenToString,
} = ts;

const { TrueKeyword, FalseKeyword, NullKeyword, ThisKeyword, MinusToken, QuestionQuestionToken, BarBarToken } = ts.SyntaxKind;

/** How TypeScript's syntax lowers to the model. */
export class TsFront implements FrontEnd<ts.Node> {
  readonly flavor = 'js' as const;
  readonly concatOp = '+';
  readonly staticSeparator = '.';
  readonly moduleSeparator = '/';
  /** Property sets after an object is made are followed (`TsModelBindings.changes`). */
  readonly propertyReads = true;

  /** The tests a return is reached under (`FrontEnd.guardsOf`, guards.ts). */
  guardsOf(ret: ts.Node): Test<ts.Node>[] {
    return tsGuards(ret);
  }

  constructor(private readonly cx: TsFile) {}

  id(node: ts.Node): number {
    return this.cx.id(node);
  }

  span(node: ts.Node): Span {
    return this.cx.span(node);
  }

  text(node: ts.Node): string {
    return node.getText(this.cx.sf);
  }

  runtimeValue(e: Expr<ts.Node>, ev: Evaluator<ts.Node>, depth: number): Val | undefined {
    return this.cx.values.runtimeValue(e.node, ev, depth);
  }

  /** `MODELS[tier]` (`FrontEnd.subscript`). */
  subscript(node: ts.Node): { object: ts.Node; key: ts.Node } | undefined {
    return isElementAccessExpression(node) ? { object: node.expression, key: node.argumentExpression } : undefined;
  }

  isSelf(node: ts.Node): boolean {
    return node.kind === ThisKeyword;
  }

  /** An options object (the first argument), or positional arguments by the names the SDK gives them. */
  params(call: ts.Node | null, positional?: OperationSpec['positional']): ObjVal | undefined {
    if (!call || (!isCallExpression(call) && !isNewExpression(call))) return undefined;
    const args = call.arguments ?? ts.factory.createNodeArray<ts.Expression>();
    return positional ? this.cx.values.argsOf(args, positional, call) : this.cx.values.optionsOf(args[0]);
  }

  lower(node: ts.Node): Expr<ts.Node> {
    if (isStringLiteral(node) || isNoSubstitutionTemplateLiteral(node)) return { node, k: 'str', parts: [{ text: node.text }] };
    if (isTemplateExpression(node)) {
      const parts: ExprOf<ts.Node, 'str'>['parts'] = [{ text: node.head.text }];
      for (const s of node.templateSpans) parts.push({ expr: s.expression }, { text: s.literal.text });
      return { node, k: 'str', parts };
    }
    if (isNumericLiteral(node)) return { node, k: 'num', value: Number(node.text) };
    // A JSDoc or declared `import("openai").OpenAI` type: the class that module exports.
    if (isImportTypeNode(node)) {
      const arg = isLiteralTypeNode(node.argument) && isStringLiteral(node.argument.literal) ? node.argument.literal.text : undefined;
      const q = node.qualifier;
      const name = q ? (isIdentifier(q) ? q.text : q.right.text) : undefined;
      return arg && name ? { node, k: 'imported', module: arg, name } : { node, k: 'opaque' };
    }
    if (node.kind === TrueKeyword || node.kind === FalseKeyword) return { node, k: 'bool', value: node.kind === TrueKeyword };
    if (node.kind === NullKeyword || (isIdentifier(node) && node.text === 'undefined')) return { node, k: 'null' };
    // `(x as T)`, `x!`, `await x`: x's value; what is not known is named as written here.
    if (isOuterExpression(node) || isAwaitExpression(node)) return { node, k: 'group', inner: node.expression, ownUnknown: true };
    if (isPrefixUnaryExpression(node)) return node.operator === MinusToken ? { node, k: 'unary', op: '-', operand: node.operand } : { node, k: 'opaque' };
    if (isBinaryExpression(node)) {
      const op = node.operatorToken.kind;
      // `process.env.MODEL ?? 'gpt-4o'`: unknown, with the fallback it uses (whatever the left side).
      if (op === QuestionQuestionToken || op === BarBarToken) return { node, k: 'binary', op: 'default', left: node.left, right: node.right };
      return { node, k: 'binary', op: tokenToString(op) ?? '', left: node.left, right: node.right };
    }
    // `c ? a : b`: one of them, chosen at run time.
    if (isConditionalExpression(node)) return { node, k: 'choice', options: [node.whenTrue, node.whenFalse] };
    if (isArrayLiteralExpression(node)) {
      const items: ts.Node[] = [];
      const spreads: ts.Node[] = [];
      for (const e of node.elements) {
        if (isSpreadElement(e)) spreads.push(e.expression);
        else if (!isOmittedExpression(e)) items.push(e);
      }
      return { node, k: 'list', items, spreads };
    }
    if (isObjectLiteralExpression(node)) {
      const items: MapItem<ts.Node>[] = [];
      for (const p of node.properties) {
        if (isPropertyAssignment(p)) {
          const key = propertyKey(p.name);
          if (key !== undefined) items.push({ key, value: p.initializer });
          else if (isComputedPropertyName(p.name)) items.push({ keyNode: p.name.expression, value: p.initializer });
        } else if (isShorthandPropertyAssignment(p)) items.push({ key: p.name.text, value: p.name });
        else if (isSpreadAssignment(p)) items.push({ spread: p.expression });
      }
      return { node, k: 'map', items };
    }
    if (isIdentifier(node)) {
      const decl = this.declaration(node);
      if (decl && (isImportClause(decl) || isImportSpecifier(decl))) {
        const spec = isImportClause(decl) ? decl.parent.moduleSpecifier : decl.parent.parent.parent.moduleSpecifier;
        // `import prompt from './system.md?raw'` (Vite, Bun): the file's text.
        if (isImportClause(decl) && isStringLiteralLike(spec) && /\?raw$/.test(spec.text))
          return { node, k: 'fileText', path: spec.text.replace(/\?raw$/, ''), base: 'file' };
        // `import { MODEL } from './config'`: a constant of another module.
        return { node, k: 'imported', module: moduleText(spec), name: isImportClause(decl) ? 'default' : (decl.propertyName ?? decl.name).text };
      }
      // `const { MODEL } = require('./config')`: a constant of another module, as CommonJS imports it.
      if (decl && isBindingElement(decl) && isVariableDeclaration(decl.parent.parent) && decl.parent.parent.initializer) {
        const init = skipOuter(decl.parent.parent.initializer);
        const key = decl.propertyName && isIdentifier(decl.propertyName) ? decl.propertyName.text : isIdentifier(decl.name) ? decl.name.text : undefined;
        if (key && isCallExpression(init) && isRequire(init)) return { node, k: 'imported', module: moduleText(init.arguments[0]), name: key };
      }
      return { node, k: 'name', name: node.text, space: 'local' };
    }
    if (isCallExpression(node)) {
      // `require('openai')`, `await import('openai')`: the module.
      if (isRequire(node) || (node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && isStringLiteralLike(node.arguments[0])))
        return { node, k: 'module', path: moduleText(node.arguments[0]) };
      const callee = skipOuter(node.expression);
      if (isIdentifier(callee)) return { node, k: 'call', object: null, name: callee.text, nameNode: callee, argsNode: node, block: false };
      if (isPropertyAccessExpression(callee))
        return { node, k: 'call', object: callee.expression, name: callee.name.text, nameNode: callee.name, argsNode: node, block: false };
      // oai['createOpenAI'](...)
      const name = isElementAccessExpression(callee) ? accessName(callee) : undefined;
      if (name !== undefined)
        return {
          node,
          k: 'call',
          object: (callee as ts.ElementAccessExpression).expression,
          name,
          nameNode: (callee as ts.ElementAccessExpression).argumentExpression,
          argsNode: node,
          block: false,
        };
      return { node, k: 'opaque' };
    }
    if (isNewExpression(node)) return { node, k: 'new', cls: node.expression.getText(this.cx.sf), argsNode: node, clsNode: node.expression };
    // `openai.OpenAI` in a type.
    if (isQualifiedName(node)) return { node, k: 'member', object: node.left, name: node.right.text };
    if (isPropertyAccessExpression(node) || isElementAccessExpression(node)) {
      const name = accessName(node);
      if (name === undefined) return { node, k: 'opaque' };
      // this.model: the class's property, when it is initialized and never assigned.
      if (node.expression.kind === ThisKeyword) return { node, k: 'name', name, space: 'field' };
      return { node, k: 'member', object: node.expression, name };
    }
    return { node, k: 'opaque' };
  }

  args(call: ts.Node): Arg<ts.Node>[] {
    const args = isCallExpression(call) || isNewExpression(call) ? (call.arguments ?? []) : [];
    return args.map((a) => (isSpreadElement(a) ? { kind: 'spread', value: a.expression } : { kind: 'pos', value: a }));
  }

  /** The declaration an identifier names (the variable a `{ messages }` shorthand names). */
  private declaration(node: ts.Identifier): ts.Declaration | undefined {
    const symbol = this.cx.checker.getSymbolAtLocation(node);
    return symbol?.valueDeclaration ?? symbol?.declarations?.[0];
  }
}

/**
 * What the checker and the first pass answer the evaluator: a variable is its initializer when
 * nothing assigns it again (a list grown by `push` followed when every change is a push in its
 * function and loop; otherwise open under its name), a parameter with a default is unknown with
 * it, `this.x` is the property's initializer when no method assigns it, a script's implicit
 * global assigned once is that value; helpers are the file's functions and methods.
 */
export class TsModelBindings implements Bindings<ts.Node> {
  constructor(private readonly cx: TsFile) {}

  local(name: string, at: ts.Node): ReturnType<Bindings<ts.Node>['local']> {
    if (!isIdentifier(at)) return undefined;
    let symbol = this.cx.checker.getSymbolAtLocation(at);
    if (!symbol) {
      // An implicit global assigned once (`MODEL_ID = "gemini-2.5-flash"` in an exported notebook).
      const assigned = this.cx.bindings.globalAssignments().get(name) ?? [];
      return assigned.length === 1 ? { value: assigned[0], reassigned: false, decl: null } : undefined;
    }
    let decl = symbol.valueDeclaration ?? symbol.declarations?.[0];
    // `{ messages }`: the variable it names, with the same rules as a plain reference.
    if (decl && isShorthandPropertyAssignment(decl)) {
      symbol = this.cx.checker.getShorthandAssignmentValueSymbol(decl);
      decl = symbol?.valueDeclaration;
    }
    if (!symbol || !decl) return undefined;
    if (isParameter(decl)) return decl.initializer ? { value: decl.initializer, reassigned: false, default: decl.initializer } : undefined;
    // `const { model = "gpt-4o" } = config`: what the object holds, its default assumed, as for a parameter's.
    if (isBindingElement(decl))
      return decl.initializer && !this.cx.bindings.assignedTo(symbol).length
        ? { value: decl.initializer, reassigned: false, default: decl.initializer }
        : undefined;
    if (!isVariableDeclaration(decl) || !decl.initializer) return undefined;
    if (this.cx.bindings.assignedTo(symbol).length > 0) return { value: decl.initializer, reassigned: true };
    return {
      value: decl.initializer,
      reassigned: false,
      decl: decl.name,
      loop: this.cx.bindings.declLoops.get(decl) ?? null,
      changes: this.changes(symbol, decl, at),
    };
  }

  /**
   * The changes made in place to a value declared once, in order: pushes onto a list, `+=` onto a
   * string, properties set on an object (`params.max_tokens = n`), when every change is such a
   * step in its function (and the read's) and its loop; otherwise one unknown change (open under
   * its name). A `+=` under a condition may not have run.
   */
  private changes(symbol: ts.Symbol, decl: ts.VariableDeclaration, use: ts.Node): InPlace<ts.Node>[] {
    if (!this.cx.bindings.isMutated(symbol)) return [];
    const mine = (id: ts.Identifier) => this.cx.checker.getSymbolAtLocation(id) === symbol;
    const b = this.cx.bindings;
    const pushes = b.growth.filter((g) => mine(g.target));
    const adds = b.adds.filter((a) => mine(a.target));
    const sets = b.sets.filter((x) => mine(x.target));
    const fn = enclosingFunction(decl);
    const loop = b.declLoops.get(decl) ?? null;
    const steps = [...pushes.map((g) => ({ at: g.call, loop: g.loop })), ...adds, ...sets];
    const simple =
      steps.length === b.mutations.filter(mine).length &&
      enclosingFunction(use) === fn &&
      steps.every((g) => enclosingFunction(g.at) === fn && g.loop === loop);
    if (!simple) return [{ kind: 'other', at: decl.initializer!, loop: null, before: true }];
    return [
      ...pushes.flatMap((g) =>
        g.call.arguments.map((a): InPlace<ts.Node> =>
          isSpreadElement(a) ? { kind: 'extend', arg: a.expression, at: g.call, loop: g.loop } : { kind: 'append', arg: a, at: g.call, loop: g.loop },
        ),
      ),
      ...adds.map((a): InPlace<ts.Node> => ({ kind: 'extend', arg: a.value, at: a.at, loop: a.loop, conditional: conditional(a.at, decl, use) })),
      // A property set under a condition may not have been: its value is not known (`if (limit) body.max_output_tokens = limit`);
      // one at a computed key (`opts.messages[0].content = x`) changes what is not known, from where it is made.
      ...sets.map((x): InPlace<ts.Node> =>
        !x.path
          ? { kind: 'other', at: x.at, loop: x.loop }
          : conditional(x.at, decl, use)
            ? { kind: 'set', path: x.path, at: x.at, loop: x.loop }
            : { kind: 'set', path: x.path, arg: x.value, at: x.at, loop: x.loop },
      ),
    ];
  }

  /**
   * Every declaration of the name read at `at` (`local`: imports, variables, parameters, object
   * properties, destructuring, assignments, a script's implicit globals), or of the class member
   * `this.name` (`field`: property initializers, parameter properties, `this.name = ...`, getters,
   * through same-file base classes).
   */
  decls(name: string, at: ts.Node, space: ExprOf<ts.Node, 'name'>['space']): Decl<ts.Node>[] {
    if (space === 'field') {
      const cls = enclosingClass(at);
      return cls ? this.classMemberDecls(cls, name, new Set()) : [];
    }
    if (!isIdentifier(at)) return [];
    const symbol = this.cx.checker.getSymbolAtLocation(at);
    // A script's implicit global (`ai = new GoogleGenAI()` with no declaration), as notebook exports write.
    if (!symbol) return (this.cx.bindings.globalAssignments().get(name) ?? []).map((value) => ({ k: 'value', value }));
    return this.declsOfSymbol(symbol);
  }

  /**
   * `clients.openai` where `clients` is an object literal, `deps.llm` where `deps: { llm: OpenAI }`:
   * the property's declarations; for a call (`factories.anthropic(...)`), its callee's.
   */
  memberDecls(node: ts.Node): Decl<ts.Node>[] {
    const read = isCallExpression(node) ? skipOuter(node.expression) : node;
    const symbol = isPropertyAccessExpression(read) ? this.cx.checker.getSymbolAtLocation(read.name) : undefined;
    return symbol ? this.declsOfSymbol(symbol) : [];
  }

  private declsOfSymbol(symbol: ts.Symbol): Decl<ts.Node>[] {
    const out = (symbol.declarations ?? []).flatMap((d) => this.declOf(d));
    for (const value of this.cx.bindings.assignedTo(symbol)) out.push({ k: 'value', value });
    return out;
  }

  /** One declaration as the model's bindings. */
  declOf(decl: ts.Node): Decl<ts.Node>[] {
    if (isImportClause(decl)) return [{ k: 'imported', module: moduleText(decl.parent.moduleSpecifier), name: 'default' }];
    if (isNamespaceImport(decl)) return [{ k: 'module', path: moduleText(decl.parent.parent.moduleSpecifier) }];
    if (isImportSpecifier(decl))
      return [{ k: 'imported', module: moduleText(decl.parent.parent.parent.moduleSpecifier), name: (decl.propertyName ?? decl.name).text }];
    if (isImportEqualsDeclaration(decl))
      return isExternalModuleReference(decl.moduleReference)
        ? [{ k: 'imported', module: moduleText(decl.moduleReference.expression), name: 'default', commonJs: true }]
        : [];
    if (isBindingElement(decl)) {
      // const { OpenAI } = require('openai'); const { client } = deps
      const owner = decl.parent.parent;
      const key = bindingKey(decl);
      if (key && isVariableDeclaration(owner) && owner.initializer) return [{ k: 'member', of: owner.initializer, name: key }];
      // `constructor({ client })`, `function ask({ client, model })`: that property of what the file's callers pass.
      if (key && isParameter(owner) && isObjectBindingPattern(decl.parent)) return this.passedBy(owner).map((arg) => ({ k: 'member', of: arg, name: key }));
      return [];
    }
    if (isVariableDeclaration(decl) || isPropertyDeclaration(decl) || isParameter(decl) || isPropertyAssignment(decl)) {
      // `const OpenAI = require('openai')`: the CommonJS module value is the client class.
      const init = decl.initializer && skipOuter(decl.initializer);
      const req = init && isCallExpression(init) && isRequire(init) ? init : undefined;
      // In JavaScript, a parameter's JSDoc type (`@param {import("openai").OpenAI} client`).
      const jsDoc = isParameter(decl) && !decl.type ? getJSDocType(decl) : undefined;
      const typeNode = isPropertyAssignment(decl) ? undefined : (decl.type ?? jsDoc);
      const types = typeNode ? typeNames(typeNode) : [];
      // `function ask(client, q) { ... }` in JS: what this file's callers pass (`ask(openai, q)`).
      const callers = isParameter(decl) && !decl.type && isIdentifier(decl.name) ? () => this.passedBy(decl) : undefined;
      const declared: Decl<ts.Node> = { k: 'declared', init: req ? null : decl.initializer, types, callers };
      return req ? [{ k: 'imported', module: moduleText(req.arguments[0]), name: 'default', commonJs: true }, declared] : [declared];
    }
    if (isShorthandPropertyAssignment(decl)) {
      const value = this.cx.checker.getShorthandAssignmentValueSymbol(decl);
      return value ? this.declsOfSymbol(value) : [];
    }
    // `interface Deps { llm: OpenAI }`, `deps: { llm: OpenAI }`
    if (isPropertySignature(decl)) return decl.type ? [{ k: 'declared', types: typeNames(decl.type) }] : [];
    if (isGetAccessorDeclaration(decl)) return [{ k: 'returns', returns: returnsOf(decl) }];
    if (isBinaryExpression(decl)) return [{ k: 'value', value: decl.right }];
    if (isPropertyAccessExpression(decl) && isBinaryExpression(decl.parent)) return [{ k: 'value', value: decl.parent.right }];
    return [];
  }

  /** A member of a class, else of its same-file base classes (`class Chat extends Shared`). */
  private classMemberDecls(cls: ClassNode, name: string, seen: Set<ClassNode>): Decl<ts.Node>[] {
    if (seen.has(cls)) return [];
    seen.add(cls);
    const out: Decl<ts.Node>[] = [];
    for (const m of cls.members) {
      if ((isPropertyDeclaration(m) || isGetAccessorDeclaration(m)) && memberName(m) === name) out.push(...this.declOf(m));
      if (isConstructorDeclaration(m)) {
        for (const p of m.parameters) if (isIdentifier(p.name) && p.name.text === name && getModifiers(p)?.length) out.push(...this.declOf(p));
      }
    }
    for (const value of this.cx.bindings.thisAssignments.get(cls)?.get(name) ?? []) out.push({ k: 'value', value });
    const base = this.baseClass(cls);
    if (base) return [...out, ...this.classMemberDecls(base, name, seen)];
    return out.length ? out : this.importedBaseMember(cls, name);
  }

  /**
   * A member of a base class another module exports (`class OpenAIProvider extends Provider`, `Provider =
   * require("./ai-provider.js")`): its client there (`Provider#client`), or, where the base holds what its
   * constructor is given (`constructor(client) { this._client = client }`), what this class passes to `super(...)`.
   */
  private importedBaseMember(cls: ClassNode, name: string): Decl<ts.Node>[] {
    const ext = cls.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
    const symbol = ext && isIdentifier(ext) ? this.cx.checker.getSymbolAtLocation(ext) : undefined;
    // `import Provider from`, `const Provider = require(...)`, `const { ImageGenerator } = require("./base")`.
    const from = (symbol?.declarations ?? [])
      .flatMap((d) => this.declOf(d))
      .map((d) => {
        if (d.k === 'imported') return d;
        if (d.k !== 'member') return undefined;
        const req = skipOuter(d.of as ts.Expression);
        return isCallExpression(req) && isRequire(req) ? { k: 'imported' as const, module: moduleText(req.arguments[0]), name: d.name } : undefined;
      })
      .find((d) => d !== undefined);
    const exported = from && this.cx.ctx?.exportOf(from.module, `${from.name}#${name}`);
    if (!from || !exported) return [];
    if (exported.sym) return [{ k: 'imported', module: from.module, name: `${from.name}#${name}` }];
    const param = exported.ctorParam;
    if (!param) return [];
    const ctor = cls.members.find(isConstructorDeclaration);
    const supers = this.cx.bindings.allCalls.filter(
      (c) => c.expression.kind === ts.SyntaxKind.SuperKeyword && c.arguments[param.index] && !!ctor && c.pos >= ctor.pos && c.end <= ctor.end,
    );
    // `super({ client: new OpenAI() })` for `constructor({ client })`: that property of the argument.
    return supers.map((c): Decl<ts.Node> =>
      param.prop ? { k: 'member', of: c.arguments[param.index], name: param.prop } : { k: 'value', value: c.arguments[param.index] },
    );
  }

  /** The names of a class's members another module may read (`C#*` exports): fields, getters, parameter properties, `this.x` assignments. */
  classMemberNames(cls: ClassNode): string[] {
    const names = new Set<string>();
    for (const m of cls.members) {
      if ((isPropertyDeclaration(m) || isGetAccessorDeclaration(m)) && memberName(m)) names.add(memberName(m)!);
      // `constructor(protected readonly anthropic: Anthropic)`: a parameter property.
      if (isConstructorDeclaration(m)) for (const p of m.parameters) if (isIdentifier(p.name) && getModifiers(p)?.length) names.add(p.name.text);
    }
    for (const n of this.cx.bindings.thisAssignments.get(cls)?.keys() ?? []) names.add(n);
    return [...names];
  }

  /** One member as another module sees it: the client it resolves to here, or the constructor parameter it holds. */
  classExport(
    cls: ClassNode,
    name: string,
    resolve: (decls: Decl<ts.Node>[]) => Sym | undefined,
  ): { sym?: Sym; ctorParam?: { index: number; prop?: string } } | undefined {
    const sym = resolve(this.classMemberDecls(cls, name, new Set()));
    if (sym) return { sym };
    const ctorParam = this.constructorParamOf(cls, name, 0);
    return ctorParam ? { ctorParam } : undefined;
  }

  /**
   * The constructor parameter a member holds: assigned once from it (`this._client = client`), or from a property
   * of it (`constructor({ client }) { this.client = client }`: `prop`), or through a getter returning such a member.
   */
  private constructorParamOf(cls: ClassNode, name: string, depth: number): { index: number; prop?: string } | undefined {
    if (depth > 3) return undefined;
    const getter = cls.members.find((m) => isGetAccessorDeclaration(m) && memberName(m) === name) as ts.GetAccessorDeclaration | undefined;
    if (getter) {
      const [r] = returnsOf(getter);
      const e = r && skipOuter(r);
      return e && isPropertyAccessExpression(e) && e.expression.kind === ts.SyntaxKind.ThisKeyword
        ? this.constructorParamOf(cls, e.name.text, depth + 1)
        : undefined;
    }
    const assigned = this.cx.bindings.thisAssignments.get(cls)?.get(name) ?? [];
    const value = assigned.length === 1 ? skipOuter(assigned[0]) : undefined;
    const decl = value && isIdentifier(value) ? this.cx.checker.getSymbolAtLocation(value)?.valueDeclaration : undefined;
    if (decl && isParameter(decl) && isConstructorDeclaration(decl.parent) && decl.parent.parent === cls)
      return { index: decl.parent.parameters.indexOf(decl) };
    const param = decl && isBindingElement(decl) && isObjectBindingPattern(decl.parent) ? decl.parent.parent : undefined;
    const prop = decl && isBindingElement(decl) ? bindingKey(decl) : undefined;
    if (param && prop && isParameter(param) && isConstructorDeclaration(param.parent) && param.parent.parent === cls)
      return { index: param.parent.parameters.indexOf(param), prop };
    return undefined;
  }

  private baseClass(cls: ClassNode): ClassNode | undefined {
    const ext = cls.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
    if (!ext || !isIdentifier(ext)) return undefined;
    return this.cx.checker.getSymbolAtLocation(ext)?.declarations?.find((d) => isClassLike(d));
  }

  /** What the file's calls of a parameter's function pass for it, by position. */
  private passedBy(param: ts.ParameterDeclaration): ts.Node[] {
    const fn = param.parent;
    if (!isFunctionLike(fn)) return [];
    const index = (fn.parameters as readonly ts.ParameterDeclaration[]).indexOf(param);
    // A constructor's: `super(new OpenAI())` in a subclass of this file (a base class holding the client its subclasses give it).
    if (isConstructorDeclaration(fn)) {
      const cls = fn.parent;
      return this.cx.bindings.allCalls.flatMap((call) => {
        if (call.expression.kind !== ts.SyntaxKind.SuperKeyword || !call.arguments[index]) return [];
        const sub = enclosingClass(call);
        return sub && this.baseClass(sub) === cls ? [call.arguments[index]] : [];
      });
    }
    return this.callsOfFn(fn).flatMap((call) => (call.arguments[index] ? [call.arguments[index]] : []));
  }

  /** The function or method of this file that `callee` names, if any (`this.m` through same-file base classes). */
  functionOf(callee: ts.Expression): ts.FunctionLikeDeclaration | undefined {
    let symbol: ts.Symbol | undefined;
    if (isIdentifier(callee)) symbol = this.cx.checker.getSymbolAtLocation(callee);
    else if (isPropertyAccessExpression(callee)) {
      if (callee.expression.kind === ThisKeyword) {
        for (let cls = enclosingClass(callee), hops = 0; cls && hops < 12; cls = this.baseClass(cls), hops++) {
          const m = cls.members.find((x) => isMethodDeclaration(x) && memberName(x) === callee.name.text);
          if (m) return m as ts.MethodDeclaration;
        }
        return undefined;
      }
      symbol = this.cx.checker.getSymbolAtLocation(callee.name);
    }
    for (const decl of symbol?.declarations ?? []) {
      let fn: ts.Node | undefined = decl;
      if (isVariableDeclaration(decl) && decl.initializer) fn = skipOuter(decl.initializer);
      if (fn && (isFunctionDeclaration(fn) || isFunctionExpression(fn) || isArrowFunction(fn) || isMethodDeclaration(fn))) return fn;
    }
    return undefined;
  }

  /** Whether nothing in the file changes in place what the name read at `at` refers to (another variable of that name does not count). */
  unchanged(name: string, at: ts.Node): boolean {
    const symbol = isIdentifier(at) ? this.cx.checker.getSymbolAtLocation(at) : undefined;
    return symbol ? !this.cx.bindings.isMutated(symbol) : !this.cx.bindings.mutations.some((m) => m.text === name);
  }

  /** `this.name` (`at`: the access): the class property's initializer when no method assigns it. */
  field(name: string, at: ts.Node): ts.Node[] {
    if (!isPropertyAccessExpression(at) && !isElementAccessExpression(at)) return [];
    const cls = enclosingClass(at);
    const m = cls?.members.find((x) => isPropertyDeclaration(x) && memberName(x) === name) as ts.PropertyDeclaration | undefined;
    const assigned = cls ? (this.cx.bindings.thisAssignments.get(cls)?.get(name) ?? []) : [];
    if (m?.initializer) return assigned.length === 0 ? [m.initializer] : [];
    // No initializer: its one assignment in the class (`this.model = pref || "llama-3.1-8b-instant"` in the constructor), as in Python.
    if (assigned.length) return assigned.length === 1 ? [assigned[0]] : [];
    // NestJS: `constructor(@Inject('LLM_MODEL') private readonly model: LanguageModel)`: the `Inject(...)` call,
    // whose value is what the module providing that token makes (`TsValues.runtimeValue`).
    const ctor = cls?.members.find(ts.isConstructorDeclaration);
    const p = ctor?.parameters.find(
      (x) =>
        isIdentifier(x.name) &&
        x.name.text === name &&
        ts
          .getModifiers(x)
          ?.some(
            (mod) =>
              mod.kind === ts.SyntaxKind.PrivateKeyword ||
              mod.kind === ts.SyntaxKind.ProtectedKeyword ||
              mod.kind === ts.SyntaxKind.PublicKeyword ||
              mod.kind === ts.SyntaxKind.ReadonlyKeyword,
          ),
    );
    const inject =
      p &&
      ts
        .getDecorators(p)
        ?.map((d) => d.expression)
        .find((e) => ts.isCallExpression(e) && isIdentifier(e.expression) && e.expression.text === 'Inject');
    return inject ? [inject] : [];
  }

  constant(): ts.Node[] {
    return [];
  }

  member(): ts.Node[] {
    return [];
  }

  returns(): ts.Node[] {
    return [];
  }

  /** The function a bare call names, or the method `this.name(...)` calls (through same-file base classes). */
  callee(_name: string, at: ts.Node): { fn: ts.Node; returns: ts.Node[]; params: Param<ts.Node>[] } | undefined {
    return isCallExpression(at) ? this.functionCall(at) : undefined;
  }

  /** A call of a function or method of this file, on anything the checker resolves (`Prompts.build()`). */
  memberCallee(at: ts.Node): { fn: ts.Node; returns: ts.Node[]; params: Param<ts.Node>[] } | undefined {
    return isCallExpression(at) ? this.functionCall(at) : undefined;
  }

  private functionCall(call: ts.CallExpression): { fn: ts.Node; returns: ts.Node[]; params: Param<ts.Node>[] } | undefined {
    const fn = this.functionOf(skipOuter(call.expression));
    if (!fn) return undefined;
    return { fn, returns: returnsOf(fn), params: paramsOf(fn) };
  }

  /**
   * The function whose parameter `name` is where `at` reads it (or, for a node that is no read of
   * it, the nearest function around `at` with such a parameter), when nothing assigns it again.
   * An arrow function has no name to find callers by: its name is empty.
   */
  parameter(name: string, at: ts.Node): ParameterOf<ts.Node> | undefined {
    if (!name) return undefined;
    let decl: ts.ParameterDeclaration | undefined;
    if (isIdentifier(at) && at.text === name) {
      // `{ model }`: the shorthand's value, not the property it names.
      const shorthand = at.parent && ts.isShorthandPropertyAssignment(at.parent) && at.parent.name === at;
      const d = (shorthand ? this.cx.checker.getShorthandAssignmentValueSymbol(at.parent) : this.cx.checker.getSymbolAtLocation(at))?.valueDeclaration;
      decl = d && isParameter(d) ? d : undefined;
    } else {
      for (let n: ts.Node | undefined = at; n && !decl; n = n.parent) {
        if (isFunctionLike(n)) decl = n.parameters.find((p) => isIdentifier(p.name) && p.name.text === name);
      }
    }
    const symbol = decl && this.cx.checker.getSymbolAtLocation(decl.name);
    if (!decl || !symbol || this.cx.bindings.assignedTo(symbol).length) return undefined;
    const fn = decl.parent;
    const fnName = 'name' in fn && fn.name && isIdentifier(fn.name) ? fn.name.text : '';
    return { fn, name: fnName, params: isFunctionLike(fn) ? paramsOf(fn) : [] };
  }

  /**
   * What the file's calls of a parameter's function pass for it (`Bindings.callerArgs`): complete when
   * every call passes it (no spread before it) and the file names the function only to call it.
   */
  callerArgs(p: ParameterOf<ts.Node>, name: string): { args: ts.Node[]; complete: () => boolean } {
    const fn = p.fn;
    const index = isFunctionLike(fn) ? fn.parameters.findIndex((x) => isIdentifier(x.name) && x.name.text === name) : -1;
    if (!isFunctionLike(fn) || index < 0 || fn.parameters[index].dotDotDotToken) return { args: [], complete: () => false };
    const calls = this.callsOfFn(fn);
    const args = calls.flatMap((c) => (c.arguments[index] && !c.arguments.slice(0, index + 1).some(isSpreadElement) ? [c.arguments[index]] : []));
    return { args, complete: () => calls.length > 0 && args.length === calls.length && this.onlyCalled(fn, calls) };
  }

  /** The file's calls of a function: the calls by its name (indexed once per file) that reach it (`functionOf`). */
  private callsOfFn(fn: ts.Node): ts.CallExpression[] {
    // Its own name and the variable's (`const run = function runImpl() {}` is called as `run()`).
    const names = [
      isFunctionLike(fn) && fn.name && isIdentifier(fn.name) ? fn.name.text : undefined,
      isVariableDeclaration(fn.parent) && isIdentifier(fn.parent.name) ? fn.parent.name.text : undefined,
    ];
    if (!names.some(Boolean)) return [];
    if (!this.callsByName) {
      this.callsByName = new Map();
      for (const c of this.cx.bindings.allCalls) {
        const callee = skipOuter(c.expression);
        const called = isIdentifier(callee) ? callee.text : isPropertyAccessExpression(callee) ? callee.name.text : undefined;
        if (called === undefined) continue;
        const list = this.callsByName.get(called);
        if (list) list.push(c);
        else this.callsByName.set(called, [c]);
      }
    }
    return [...new Set(names)]
      .flatMap((name) => (name ? (this.callsByName!.get(name) ?? []) : []))
      .filter((c) => this.functionOf(skipOuter(c.expression)) === fn);
  }
  private callsByName: Map<string, ts.CallExpression[]> | undefined;

  /** Whether the file names a function only where it declares or calls it (a reference passed on calls it unseen). */
  private onlyCalled(fn: ts.SignatureDeclaration, calls: readonly ts.CallExpression[]): boolean {
    const named = (isFunctionDeclaration(fn) || isMethodDeclaration(fn)) && fn.name ? fn.name : isVariableDeclaration(fn.parent) ? fn.parent.name : undefined;
    if (!named || !isIdentifier(named)) return false;
    // An exported function may be called from other modules, with anything.
    const statement = isFunctionDeclaration(fn) ? fn : isVariableDeclaration(fn.parent) ? fn.parent.parent?.parent : undefined;
    if (statement && ts.getModifiers(statement as ts.HasModifiers)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) return false;
    const symbol = this.cx.checker.getSymbolAtLocation(named);
    if (!symbol) return false;
    const callees = new Set(
      calls.map((c) =>
        isPropertyAccessExpression(skipOuter(c.expression)) ? (skipOuter(c.expression) as ts.PropertyAccessExpression).name : skipOuter(c.expression),
      ),
    );
    // The identifiers of that spelling the file has (listed once per file), other than the declaration and the calls.
    return this.identifiersNamed(named.text).every((n) => n === named || callees.has(n) || this.cx.checker.getSymbolAtLocation(n) !== symbol);
  }

  /** The file's identifiers spelled `name`, indexed in one walk when first asked. */
  private identifiersNamed(name: string): ts.Identifier[] {
    if (!this.identifiers) {
      const all = (this.identifiers = new Map<string, ts.Identifier[]>());
      const visit = (n: ts.Node): void => {
        if (isIdentifier(n)) {
          const list = all.get(n.text);
          if (list) list.push(n);
          else all.set(n.text, [n]);
        }
        ts.forEachChild(n, visit);
      };
      visit(this.cx.sf);
    }
    return this.identifiers.get(name) ?? [];
  }
  private identifiers: Map<string, ts.Identifier[]> | undefined;
}

/** A function's parameters as its calls fill them; a destructured one keeps its place, under no name. */
export function paramsOf(fn: ts.SignatureDeclaration): Param<ts.Node>[] {
  return fn.parameters.map((p): Param<ts.Node> => {
    const name = isIdentifier(p.name) ? p.name.text : '';
    return { name, key: name, rest: !!p.dotDotDotToken, default: p.initializer };
  });
}

/** The property a destructured name reads (`{ client }`, `{ OpenAI: Api }`). */
function bindingKey(decl: ts.BindingElement): string | undefined {
  return decl.propertyName && isIdentifier(decl.propertyName) ? decl.propertyName.text : isIdentifier(decl.name) ? decl.name.text : undefined;
}

/** The class names a declared type gives (`OpenAI`, `openai.OpenAI`, `OpenAI | undefined`). */
function typeNames(type: ts.TypeNode): ts.Node[] {
  if (isTypeReferenceNode(type)) return [type.typeName];
  if (isImportTypeNode(type)) return [type];
  if (isUnionTypeNode(type)) return type.types.flatMap(typeNames);
  return isParenthesizedTypeNode(type) ? typeNames(type.type) : [];
}

/**
 * Whether `step` runs under a condition that neither `decl` nor the read `use` is under (or the
 * read is in another of its branches): a branch, a case, a catch, the right of `&&`, `||` or `??`.
 */
function conditional(step: ts.Node, decl: ts.Node, use: ts.Node): boolean {
  const holds = (n: ts.Node, x: ts.Node) => n.pos <= x.pos && n.end >= x.end;
  for (let child: ts.Node = step, n = step.parent; n; child = n, n = n.parent) {
    if (holds(n, decl)) return false;
    const branch =
      (isIfStatement(n) && child !== n.expression) ||
      (isConditionalExpression(n) && child !== n.condition) ||
      isCaseClause(n) ||
      isDefaultClause(n) ||
      isCatchClause(n) ||
      (isBinaryExpression(n) &&
        child === n.right &&
        [ts.SyntaxKind.AmpersandAmpersandToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken].includes(n.operatorToken.kind));
    // The read under the same condition: certain there, unless it is in another branch (`if (a) set; else read`).
    if (holds(n, use)) return branch && !holds(child, use);
    if (branch) return true;
  }
  return false;
}
