// The TypeScript recognizer's symbol layer: what a receiver is, as the SDK catalogue knows it (an
// SDK module, a client class, a client, a resource below it, a provider, a LangChain pipe),
// through the checker's declarations, imports of workspace modules, types, `this` members
// through same-file base classes, factories and what callers pass.
import ts from 'typescript';
import type { ModuleExport } from '../../workspace';
import { construct, createProvider, defaultExport, deriveCall, endpointFromOptions, factoryCall, jsModule, member, piped, type Sym } from '../symbols';
import type { Val } from '../values';
import { accessName, type ClassNode, enclosingClass, isOuterExpression, isRequire, jsModuleOf, MAX_DEPTH, memberName, moduleText, returnsOf, skipOuter } from './syntax';
import type { TsFile } from './index';

// TypeScript's API object has over 2,000 properties, which V8 keeps in dictionary mode: every
// `ts.isX(...)` is a hash lookup, and the passes make them on every node. They use copies.
const {
  getModifiers,
  isArrayLiteralExpression,
  isArrowFunction,
  isAwaitExpression,
  isBinaryExpression,
  isBindingElement,
  isCallExpression,
  isClassLike,
  isConditionalExpression,
  isConstructorDeclaration,
  isElementAccessExpression,
  isExternalModuleReference,
  isFunctionDeclaration,
  isFunctionExpression,
  isFunctionLike,
  isGetAccessorDeclaration,
  isIdentifier,
  isImportClause,
  isImportEqualsDeclaration,
  isImportSpecifier,
  isMethodDeclaration,
  isNamespaceImport,
  isNewExpression,
  isParameter,
  isParenthesizedTypeNode,
  isPropertyAccessExpression,
  isPropertyAssignment,
  isPropertyDeclaration,
  isPropertySignature,
  isShorthandPropertyAssignment,
  isStringLiteralLike,
  isTypeReferenceNode,
  isUnionTypeNode,
  isVariableDeclaration,
} = ts;

/** The SDK symbols of one TypeScript file's expressions (see the file's header). */
export class TsSymbols {
  constructor(private readonly cx: TsFile) {}

  /** The export `name` of the workspace module an import declaration names. */
  imported(decl: ts.ImportSpecifier | ts.ImportClause): ModuleExport | undefined {
    if (!this.cx.ctx) return undefined;
    if (isImportClause(decl)) return this.cx.ctx.exportOf(moduleText(decl.parent.moduleSpecifier), 'default');
    return this.cx.ctx.exportOf(moduleText(decl.parent.parent.parent.moduleSpecifier), (decl.propertyName ?? decl.name).text);
  }

  sym(node: ts.Node | undefined, depth = 0): Sym | undefined {
    if (!node || depth > MAX_DEPTH) return undefined;
    const id = this.cx.id(node);
    if (this.cx.resolving.has(id)) return undefined;
    this.cx.resolving.add(id);
    try {
      return this.symInner(node, depth + 1);
    } finally {
      this.cx.resolving.delete(id);
    }
  }

  private symInner(node: ts.Node, depth: number): Sym | undefined {
    if (isIdentifier(node)) {
      const symbol = this.cx.checker.getSymbolAtLocation(node);
      if (symbol) return this.symOfSymbol(symbol, depth);
      // A script's implicit global (`ai = new GoogleGenAI()` with no declaration), as notebook exports write.
      for (const rhs of this.cx.bindings.globalAssignments().get(node.text) ?? []) {
        const s = this.sym(rhs, depth);
        if (s) return s;
      }
      return undefined;
    }
    if (isOuterExpression(node)) return this.sym(node.expression, depth);
    if (isAwaitExpression(node)) return this.sym(node.expression, depth);
    if (isNewExpression(node)) {
      const cls = this.sym(node.expression, depth);
      if (cls?.kind !== 'class') return undefined;
      const positional = cls.sdk.configuredClasses?.[cls.name]?.positional;
      const obj = positional ? this.cx.values.argsOf(node.arguments ?? [], positional, node) : this.cx.values.optionsOf(node.arguments?.[0]);
      return construct(cls, endpointFromOptions(cls.sdk, obj), obj);
    }
    if (isPropertyAccessExpression(node) || isElementAccessExpression(node)) {
      const name = accessName(node);
      if (name === undefined) return undefined;
      if (node.expression.kind === ts.SyntaxKind.ThisKeyword) return this.symOfThisMember(node, name, depth);
      const base = this.sym(node.expression, depth);
      if (base) return member(base, name);
      // `clients.openai.chat...` where clients is an object literal: follow the property's declaration.
      const symbol = isPropertyAccessExpression(node) ? this.cx.checker.getSymbolAtLocation(node.name) : undefined;
      return symbol ? this.symOfSymbol(symbol, depth) : undefined;
    }
    if (isCallExpression(node)) {
      const callee = skipOuter(node.expression);
      if (isRequire(node)) return jsModuleOf(node);
      // `await import('openai')`, `await import('https://esm.sh/@google/genai@1.4.0')`: the module namespace.
      if (node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && isStringLiteralLike(node.arguments[0])) return jsModule(node.arguments[0].text);
      if (isPropertyAccessExpression(callee)) {
        const receiver = this.sym(callee.expression, depth);
        const derived = deriveCall(receiver, callee.name.text);
        if (derived) return derived;
        // LangChain: `prompt.pipe(model)`, `RunnableSequence.from([prompt, model, parser])`.
        const expr = () => {
          const t = node.getText(this.cx.sf);
          return t.length > 60 ? `${t.slice(0, 57)}...` : t;
        };
        if (callee.name.text === 'pipe' && node.arguments[0]) {
          const p = piped(this.sym(node.arguments[0], depth), expr(), this.cx.values.templateOf(callee.expression)) ?? piped(receiver, expr());
          if (p) return p;
        }
        if (callee.name.text === 'from' && isIdentifier(callee.expression) && callee.expression.text === 'RunnableSequence') {
          const list = node.arguments[0];
          let template: Val | undefined;
          for (const item of list && isArrayLiteralExpression(list) ? list.elements : []) {
            const p = piped(this.sym(item, depth), expr(), template);
            if (p) return p;
            template = this.cx.values.templateOf(item) ?? template;
          }
        }
      }
      const target = this.sym(callee, depth);
      if (target?.kind === 'modelCreator') return createProvider(target, this.cx.values.optionsOf(node.arguments[0]));
      const made = factoryCall(target, 'js', (positional) => this.cx.values.argsOf(node.arguments, positional, node));
      if (made) return made;
      if (target) return undefined;
      return this.symOfReturn(callee, depth);
    }
    if (isConditionalExpression(node)) return this.sym(node.whenTrue, depth) ?? this.sym(node.whenFalse, depth);
    if (isBinaryExpression(node)) {
      const op = node.operatorToken.kind;
      if (op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken) return this.sym(node.left, depth) ?? this.sym(node.right, depth);
      if (op === ts.SyntaxKind.EqualsToken) return this.sym(node.right, depth);
    }
    return undefined;
  }

  private symOfSymbol(symbol: ts.Symbol, depth: number): Sym | undefined {
    for (const decl of symbol.declarations ?? []) {
      const s = this.symOfDeclaration(decl, depth);
      if (s) return s;
    }
    for (const rhs of this.cx.bindings.assignedTo(symbol)) {
      const s = this.sym(rhs, depth);
      if (s) return s;
    }
    return undefined;
  }

  symOfDeclaration(decl: ts.Declaration, depth: number): Sym | undefined {
    if (isImportClause(decl)) {
      const mod = jsModule(moduleText(decl.parent.moduleSpecifier));
      return mod ? defaultExport(mod) : this.imported(decl)?.sym;
    }
    if (isNamespaceImport(decl)) return jsModule(moduleText(decl.parent.parent.moduleSpecifier));
    if (isImportSpecifier(decl)) {
      const mod = jsModule(moduleText(decl.parent.parent.parent.moduleSpecifier));
      // `import { openai } from '@/lib/openai'`: a client made in another module of the workspace.
      return mod ? member(mod, (decl.propertyName ?? decl.name).text) : this.imported(decl)?.sym;
    }
    if (isImportEqualsDeclaration(decl)) {
      const ref = decl.moduleReference;
      return isExternalModuleReference(ref) ? defaultExport(jsModule(moduleText(ref.expression))) : undefined;
    }
    if (isBindingElement(decl)) {
      // const { OpenAI } = require('openai'); const { client } = deps
      const pattern = decl.parent;
      const owner = pattern.parent;
      const key = decl.propertyName && isIdentifier(decl.propertyName) ? decl.propertyName.text : isIdentifier(decl.name) ? decl.name.text : undefined;
      if (key && isVariableDeclaration(owner) && owner.initializer) {
        const init = skipOuter(owner.initializer);
        const base = isCallExpression(init) && isRequire(init) ? jsModuleOf(init) : this.sym(init, depth);
        return member(base, key);
      }
      return undefined;
    }
    if (isVariableDeclaration(decl) || isPropertyDeclaration(decl) || isParameter(decl) || isPropertyAssignment(decl)) {
      if (decl.initializer) {
        // `const OpenAI = require('openai')`: the CommonJS module value is the client class.
        const init = skipOuter(decl.initializer);
        const s = isCallExpression(init) && isRequire(init) ? defaultExport(jsModuleOf(init)) : this.sym(init, depth);
        if (s) return s;
      }
      if (!isPropertyAssignment(decl) && decl.type) return construct(this.symOfType(decl.type, depth));
      // `function ask(client, q) { ... }` in JS: what this file's callers pass (`ask(openai, q)`).
      if (isParameter(decl) && !decl.type && isIdentifier(decl.name)) return this.symFromCallers(decl, depth);
      return undefined;
    }
    if (isShorthandPropertyAssignment(decl)) {
      const value = this.cx.checker.getShorthandAssignmentValueSymbol(decl);
      return value ? this.symOfSymbol(value, depth) : undefined;
    }
    // `interface Deps { llm: OpenAI }`, `deps: { llm: OpenAI }`
    if (isPropertySignature(decl)) return decl.type ? construct(this.symOfType(decl.type, depth)) : undefined;
    if (isGetAccessorDeclaration(decl)) return this.symOfReturnsOf(decl, depth);
    if (isBinaryExpression(decl)) return this.sym(decl.right, depth);
    if (isPropertyAccessExpression(decl) && isBinaryExpression(decl.parent)) return this.sym(decl.parent.right, depth);
    return undefined;
  }

  private symFromCallers(param: ts.ParameterDeclaration, depth: number): Sym | undefined {
    const fn = param.parent;
    if (!isFunctionLike(fn)) return undefined;
    const index = (fn.parameters as readonly ts.ParameterDeclaration[]).indexOf(param);
    for (const call of this.cx.bindings.allCalls) {
      const arg = call.arguments[index];
      if (!arg || this.functionOf(skipOuter(call.expression)) !== fn) continue;
      const s = this.sym(arg, depth);
      if (s) return s;
    }
    return undefined;
  }

  private symOfType(type: ts.TypeNode, depth: number): Sym | undefined {
    if (isTypeReferenceNode(type)) {
      const name = type.typeName;
      if (isIdentifier(name)) {
        const symbol = this.cx.checker.getSymbolAtLocation(name);
        const s = symbol ? this.symOfSymbol(symbol, depth) : undefined;
        return s?.kind === 'class' ? s : undefined;
      }
      const left = isIdentifier(name.left) ? this.cx.checker.getSymbolAtLocation(name.left) : undefined;
      const s = left ? member(this.symOfSymbol(left, depth), name.right.text) : undefined;
      return s?.kind === 'class' ? s : undefined;
    }
    if (isUnionTypeNode(type)) {
      for (const t of type.types) {
        const s = this.symOfType(t, depth);
        if (s) return s;
      }
    }
    if (isParenthesizedTypeNode(type)) return this.symOfType(type.type, depth);
    return undefined;
  }

  /** `this.name` inside a class: property initializers, parameter properties, `this.name = ...`, getters. */
  private symOfThisMember(node: ts.Node, name: string, depth: number): Sym | undefined {
    const cls = enclosingClass(node);
    return cls ? this.symOfClassMember(cls, name, depth, new Set()) : undefined;
  }

  /** A member of a class, else of its same-file base classes (`class Chat extends Shared`). */
  private symOfClassMember(cls: ClassNode, name: string, depth: number, seen: Set<ClassNode>): Sym | undefined {
    if (seen.has(cls)) return undefined;
    seen.add(cls);
    for (const m of cls.members) {
      if ((isPropertyDeclaration(m) || isGetAccessorDeclaration(m)) && memberName(m) === name) {
        const s = this.symOfDeclaration(m, depth);
        if (s) return s;
      }
      if (isConstructorDeclaration(m)) {
        for (const p of m.parameters) {
          if (isIdentifier(p.name) && p.name.text === name && getModifiers(p)?.length) {
            const s = this.symOfDeclaration(p, depth);
            if (s) return s;
          }
        }
      }
    }
    for (const rhs of this.cx.bindings.thisAssignments.get(cls)?.get(name) ?? []) {
      const s = this.sym(rhs, depth);
      if (s) return s;
    }
    const base = this.baseClass(cls);
    return base ? this.symOfClassMember(base, name, depth, seen) : undefined;
  }

  private baseClass(cls: ClassNode): ClassNode | undefined {
    const ext = cls.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
    if (!ext || !isIdentifier(ext)) return undefined;
    const decl = this.cx.checker.getSymbolAtLocation(ext)?.declarations?.find((d) => isClassLike(d));
    return decl as ClassNode | undefined;
  }

  /** A call to a function of this file: what it returns. */
  private symOfReturn(callee: ts.Expression, depth: number): Sym | undefined {
    const fn = this.functionOf(callee);
    if (fn) return this.symOfReturnsOf(fn, depth);
    // `import { getClient } from './clients'`: a factory function of another module.
    const decl = isIdentifier(callee) ? this.cx.checker.getSymbolAtLocation(callee)?.declarations?.[0] : undefined;
    return decl && (isImportSpecifier(decl) || isImportClause(decl)) ? this.imported(decl)?.returns : undefined;
  }

  /** The function or method of this file that `callee` names, if any. */
  functionOf(callee: ts.Expression): ts.FunctionLikeDeclaration | undefined {
    let symbol: ts.Symbol | undefined;
    if (isIdentifier(callee)) symbol = this.cx.checker.getSymbolAtLocation(callee);
    else if (isPropertyAccessExpression(callee)) {
      if (callee.expression.kind === ts.SyntaxKind.ThisKeyword) {
        for (let cls = enclosingClass(callee), hops = 0; cls && hops < MAX_DEPTH; cls = this.baseClass(cls), hops++) {
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

  symOfReturnsOf(fn: ts.FunctionLikeDeclaration, depth: number): Sym | undefined {
    for (const r of returnsOf(fn)) {
      const s = this.sym(r, depth);
      if (s) return s;
    }
    return undefined;
  }

  // ---- pass 3: arguments ----

  /** `new ConverseCommand(input)`, directly or through a const. */
  commandOf(arg: ts.Expression, depth = 0): { node: ts.NewExpression; name: string; sdk: Extract<Sym, { kind: 'class' }>['sdk'] } | undefined {
    const e = skipOuter(arg);
    if (isNewExpression(e)) {
      const cls = this.sym(e.expression);
      return cls?.kind === 'class' ? { node: e, name: cls.name, sdk: cls.sdk } : undefined;
    }
    if (isIdentifier(e) && depth < 3) {
      const decl = this.cx.checker.getSymbolAtLocation(e)?.valueDeclaration;
      if (decl && isVariableDeclaration(decl) && decl.initializer) return this.commandOf(decl.initializer, depth + 1);
    }
    return undefined;
  }
}
