// TypeScript / JavaScript recognizer: the TypeScript compiler API parses the file and its
// binder/checker resolves identifiers to their declarations (imports, variables,
// parameters, class members), so detection follows bindings rather than method names.
// One walk collects candidate calls, assignments and loop context; candidates are then
// resolved to SDK clients and their params object evaluated.
import ts from 'typescript';
import { findOperation, MESSAGE_CLASSES, OPERATION_METHOD_NAMES, PROMPT_LOADERS, RUNTIME, type OperationSpec } from '../catalogue';
import { promptFileRun } from '../promptfile';
import type { Language, Span } from '../types';
import { insertInList, inThisFile, replaceValue } from './edits';
import { TypeScriptWriter } from '../writers/typescript';
import { quoteIn } from '../writers/writer';
import type { Edit, Lit } from '../writers/lit';
import { textChange } from '../reparse';
import { detachExport, returnedValue, type ImportContext, type ModuleExport, type ModuleExports } from '../workspace';
import { asClient, bindPositional, construct, createProvider, defaultExport, deriveCall, endpointFromOptions, factoryCall, jsModule, member, piped, providerModel, type Sym } from './symbols';
import { FILE_MARK, imageDataVal, uploadedFileVal, withArguments, joinRef, joinVals, DEDENT_STYLES, langchainTemplate, mapText, parentOf, promptFileVal, templateMessage } from './strings';
import type { PromptFileRef } from '../workspace';
import { arith, concatStr, mergeParts, pushCall, staticString, withOrigin, type CallEdits, type ObjVal, type RawCall, type StrPart, type Val } from './values';

// TypeScript's API object has over 2,000 properties, which V8 keeps in dictionary mode: every
// `ts.isX(...)` is a hash lookup, and the passes below make them on every node. They use copies.
const {
  forEachChild,
  getModifiers,
  isArrayLiteralExpression,
  isArrowFunction,
  isAsExpression,
  isAwaitExpression,
  isBinaryExpression,
  isBindingElement,
  isBlock,
  isCallExpression,
  isClassDeclaration,
  isClassExpression,
  isClassLike,
  isConditionalExpression,
  isConstructorDeclaration,
  isDoStatement,
  isElementAccessExpression,
  isExportAssignment,
  isExportDeclaration,
  isExpressionWithTypeArguments,
  isExternalModuleReference,
  isForInStatement,
  isForOfStatement,
  isForStatement,
  isFunctionDeclaration,
  isFunctionExpression,
  isFunctionLike,
  isGetAccessor,
  isGetAccessorDeclaration,
  isIdentifier,
  isImportClause,
  isImportDeclaration,
  isImportEqualsDeclaration,
  isImportSpecifier,
  isInterfaceDeclaration,
  isMethodDeclaration,
  isNamedExports,
  isNamespaceImport,
  isNewExpression,
  isNoSubstitutionTemplateLiteral,
  isNonNullExpression,
  isNumericLiteral,
  isObjectLiteralExpression,
  isOmittedExpression,
  isParameter,
  isParenthesizedExpression,
  isParenthesizedTypeNode,
  isPostfixUnaryExpression,
  isPrefixUnaryExpression,
  isPrivateIdentifier,
  isPropertyAccessExpression,
  isPropertyAssignment,
  isPropertyDeclaration,
  isPropertySignature,
  isReturnStatement,
  isSatisfiesExpression,
  isSetAccessor,
  isShorthandPropertyAssignment,
  isSpreadAssignment,
  isSpreadElement,
  isStringLiteral,
  isStringLiteralLike,
  isTaggedTemplateExpression,
  isTemplateExpression,
  isTypeAliasDeclaration,
  isTypeAssertionExpression,
  isTypeNode,
  isTypeReferenceNode,
  isUnionTypeNode,
  isVariableDeclaration,
  isVariableDeclarationList,
  isVariableStatement,
  isWhileStatement,
} = ts;

const MAX_DEPTH = 12;
/** Image files by extension: their bytes, read without an encoding, are request images. */
const IMAGE_FILE = /\.(png|jpe?g|gif|webp)$/i;
/** Template tags and functions that strip common indentation, and the packages exporting them (the runtime catalogue's). */
const DEDENTERS = RUNTIME.js!.dedenters!.map((d) => ({ names: new Set(d.names), modules: new Set(d.modules), style: DEDENT_STYLES[d.style] }));
/** Array methods whose callback runs once per element. */
/** Array methods that grow a list in place. */
const MUTATORS = new Set(['push', 'unshift', 'splice']);
/** Functions that change their first argument (`Object.assign(params, extra)`). */
const MUTATING_FUNCTIONS = new Set(['Object.assign']);
const ITERATION_METHODS = new Set(['map', 'forEach', 'flatMap', 'filter', 'reduce', 'reduceRight', 'some', 'every', 'find', 'findIndex']);

export type JsLanguage = 'typescript' | 'typescriptreact' | 'javascript' | 'javascriptreact';

export function isJsLanguage(l: Language): l is JsLanguage {
  return l === 'typescript' || l === 'typescriptreact' || l === 'javascript' || l === 'javascriptreact';
}

const SCRIPT_KIND: Record<JsLanguage, { kind: ts.ScriptKind; ext: string }> = {
  typescript: { kind: ts.ScriptKind.TS, ext: '.ts' },
  typescriptreact: { kind: ts.ScriptKind.TSX, ext: '.tsx' },
  javascript: { kind: ts.ScriptKind.JS, ext: '.js' },
  javascriptreact: { kind: ts.ScriptKind.JSX, ext: '.jsx' },
};

const COMPILER_OPTIONS: ts.CompilerOptions = {
  noLib: true,
  noResolve: true,
  allowJs: true,
  checkJs: false,
  noEmit: true,
  types: [],
  target: ts.ScriptTarget.Latest,
  jsx: ts.JsxEmit.Preserve,
};

const STRING_KINDS: ReadonlySet<ts.SyntaxKind> = new Set([
  ts.SyntaxKind.StringLiteral,
  ts.SyntaxKind.NoSubstitutionTemplateLiteral,
  ts.SyntaxKind.TemplateHead,
  ts.SyntaxKind.TemplateMiddle,
  ts.SyntaxKind.TemplateTail,
  ts.SyntaxKind.RegularExpressionLiteral,
  ts.SyntaxKind.JsxText,
]);

/**
 * Whether an offset of a TypeScript file is in a comment: in no token (trivia), or in one that is
 * not a string, a template's text, a regular expression or JSX text. Template literals' text
 * parts are tokens of their own (`TemplateHead`...), so `${...}` code inside one still counts.
 */
export function typeScriptComments(sf: ts.SourceFile): (offset: number) => boolean {
  return (offset) => {
    let inner: ts.Node | undefined;
    const visit = (n: ts.Node): void => {
      if (n.pos <= offset && offset < n.end) {
        inner = n;
        forEachChild(n, visit);
      }
    };
    forEachChild(sf, visit);
    if (!inner || offset < inner.getStart(sf)) return true;
    return !STRING_KINDS.has(inner.kind);
  };
}

/** Parses only: what the benchmark compares the recognizer against. */
export function parseTypeScript(text: string, language: JsLanguage): ts.SourceFile {
  const { kind, ext } = SCRIPT_KIND[language];
  return ts.createSourceFile(`/costlint/file${ext}`, text, ts.ScriptTarget.Latest, true, kind);
}

/**
 * The calls in `text`, and its syntax tree. With `previous` (the same document's last text and
 * tree, which must not be used again), only what the edit touched is parsed again.
 */
export function recognizeTypeScript(text: string, language: JsLanguage, ctx?: ImportContext, previous?: { text: string; sf: ts.SourceFile }, maxCalls = Number.POSITIVE_INFINITY): { calls: RawCall[]; sf: ts.SourceFile } {
  let sf: ts.SourceFile | undefined;
  if (previous) {
    const change = textChange(previous.text, text);
    sf = change ? ts.updateSourceFile(previous.sf, text, { span: { start: change.start, length: change.oldEnd - change.start }, newLength: change.newEnd - change.start }) : previous.sf;
  }
  sf ??= parseTypeScript(text, language);
  return { calls: tsFile(text, language, ctx, sf).run(maxCalls), sf };
}

/** What the module exports that other modules may import: clients, factories, constants. */
export function exportsTypeScript(text: string, language: JsLanguage, ctx?: ImportContext): ModuleExports {
  return tsFile(text, language, ctx).exports();
}

function tsFile(text: string, language: JsLanguage, ctx?: ImportContext, parsed?: ts.SourceFile): TsFile {
  const sf = parsed ?? parseTypeScript(text, language);
  const host: ts.CompilerHost = {
    getSourceFile: (name) => (name === sf.fileName ? sf : undefined),
    getDefaultLibFileName: () => '/costlint/lib.d.ts',
    writeFile: () => undefined,
    getCurrentDirectory: () => '/costlint',
    getCanonicalFileName: (f) => f,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => '\n',
    fileExists: (f) => f === sf.fileName,
    readFile: () => undefined,
  };
  const program = ts.createProgram({ rootNames: [sf.fileName], options: COMPILER_OPTIONS, host });
  return new TsFile(text, sf, program.getTypeChecker(), ctx);
}

type ClassNode = ts.ClassLikeDeclaration;

class TsFile {
  private readonly candidates: { node: ts.CallExpression; loop: string | null }[] = [];
  /** Calls that may run a prompt file (Genkit), in files that mention genkit. */
  private readonly promptRuns: { node: ts.CallExpression; loop: string | null }[] = [];
  private mentionsGenkit = false;
  private readonly assignments: { left: ts.Identifier; right: ts.Expression }[] = [];
  /** `messages.push(...)`, `params.x = v`, `Object.assign(params, ...)`: lists and objects changed after they are built are not constants. */
  private readonly mutations: ts.Identifier[] = [];
  /** `messages.push(...)`: list growth followed when it is simple (see `grown`). */
  private readonly growth: { target: ts.Identifier; call: ts.CallExpression; loop: string | null }[] = [];
  /** The loop each variable declaration sits in (null outside loops). */
  private readonly declLoops = new Map<ts.VariableDeclaration, string | null>();
  private mutatedSymbols: Set<ts.Symbol> | undefined;
  private readonly thisAssignments = new Map<ClassNode, Map<string, ts.Expression[]>>();
  private assignedBySymbol: Map<ts.Symbol, ts.Expression[]> | undefined;
  private readonly resolving = new Set<ts.Node>();
  /** Every call in the file, for finding what callers pass to an untyped parameter. */
  private readonly allCalls: ts.CallExpression[] = [];
  /** Modules replaced in this file by `vi.mock('openai')` / `jest.mock('openai')`: their calls reach no API. */
  private readonly mockedModules = new Set<string>();

  constructor(
    private readonly text: string,
    private readonly sf: ts.SourceFile,
    private readonly checker: ts.TypeChecker,
    private readonly ctx?: ImportContext,
  ) {}

  exports(): ModuleExports {
    this.mentionsGenkit = this.text.includes('genkit');
    this.walk(this.sf, null);
    const out: ModuleExports = new Map();
    const add = (name: string, decl: ts.Node | undefined, expr?: ts.Expression) => {
      if (!decl && !expr) return;
      const e: ModuleExport = {};
      if (decl && (isFunctionDeclaration(decl) || (isVariableDeclaration(decl) && decl.initializer && isFunctionExpr(skipOuter(decl.initializer))))) {
        const fn = isFunctionDeclaration(decl) ? decl : (skipOuter((decl as ts.VariableDeclaration).initializer!) as ts.FunctionLikeDeclaration);
        const r = this.symOfReturnsOf(fn, 0);
        if (r) e.returns = r;
        const rv = returnedValue(returnsOf(fn).map((x) => this.val(x)), this.span(fn), name);
        if (rv) e.returnsVal = rv;
      } else if (decl && isVariableDeclaration(decl)) {
        const sym = this.symOfDeclaration(decl, 0);
        if (sym) e.sym = sym;
        if (decl.initializer) {
          const v = this.val(decl.initializer);
          if (v.kind !== 'unknown' || v.default) e.val = v;
        }
      } else if (expr) {
        const sym = this.sym(expr);
        if (sym) e.sym = sym;
        const v = this.val(expr);
        if (v.kind !== 'unknown' || v.default) e.val = v;
      }
      if (e.sym || e.val || e.returns || e.returnsVal) out.set(name, detachExport(e));
    };
    for (const st of this.sf.statements) {
      const exported = getModifiers(st as ts.HasModifiers)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
      const isDefault = getModifiers(st as ts.HasModifiers)?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
      if (isVariableStatement(st) && exported) {
        for (const d of st.declarationList.declarations) if (isIdentifier(d.name)) add(d.name.text, d);
      } else if (isFunctionDeclaration(st) && exported) {
        add(isDefault ? 'default' : (st.name?.text ?? 'default'), st);
      } else if (isExportAssignment(st) && !st.isExportEquals) {
        const e = skipOuter(st.expression);
        const decl = isIdentifier(e) ? this.checker.getSymbolAtLocation(e)?.valueDeclaration : undefined;
        if (decl) add('default', decl);
        else add('default', undefined, e);
      } else if (isExportDeclaration(st) && st.exportClause && isNamedExports(st.exportClause)) {
        for (const el of st.exportClause.elements) {
          const local = (el.propertyName ?? el.name).text;
          if (st.moduleSpecifier) {
            // `export { client } from './openai'`: a re-export.
            const again = this.ctx?.exportOf(moduleText(st.moduleSpecifier), local);
            if (again) out.set(el.name.text, again);
          } else {
            const symbol = this.checker.getSymbolAtLocation(el.propertyName ?? el.name);
            const target = symbol && symbol.flags & ts.SymbolFlags.Alias ? symbol : symbol;
            const decl = target?.valueDeclaration ?? target?.declarations?.[0];
            if (decl && isImportSpecifier(decl)) {
              const again = this.ctx?.exportOf(moduleText(decl.parent.parent.parent.moduleSpecifier), (decl.propertyName ?? decl.name).text);
              if (again) out.set(el.name.text, again);
            } else add(el.name.text, decl);
          }
        }
      }
    }
    return out;
  }

  /** The export `name` of the workspace module an import declaration names. */
  private imported(decl: ts.ImportSpecifier | ts.ImportClause): ModuleExport | undefined {
    if (!this.ctx) return undefined;
    if (isImportClause(decl)) return this.ctx.exportOf(moduleText(decl.parent.moduleSpecifier), 'default');
    return this.ctx.exportOf(moduleText(decl.parent.parent.parent.moduleSpecifier), (decl.propertyName ?? decl.name).text);
  }

  run(maxCalls = Number.POSITIVE_INFINITY): RawCall[] {
    this.mentionsGenkit = this.text.includes('genkit');
    this.walk(this.sf, null);
    const out: RawCall[] = [];
    for (const c of this.candidates) {
      const call = this.toRawCall(c.node, c.loop);
      if (call) pushCall(out, { ...call, scope: scopeName(c.node) }, maxCalls);
    }
    for (const c of this.promptRuns) {
      const call = this.genkitRun(c.node, c.loop);
      if (call) out.push({ ...call, scope: scopeName(c.node) });
    }
    return out;
  }

  /**
   * Genkit: `const greet = ai.prompt('greeting'); await greet({ name })` (also `greet.stream(...)`
   * and `ai.prompt('greeting')(...)`), where `ai = genkit({ promptDir? })`: the call that
   * `prompts/greeting.prompt` describes, its variables filled from the input, the caller's
   * `{ config }` applied, and the instance's default `model` when the file names none.
   */
  private genkitRun(node: ts.CallExpression, loop: string | null): RawCall | undefined {
    let callee = skipOuter(node.expression);
    let nameNode: ts.Node = callee;
    if (isPropertyAccessExpression(callee) && callee.name.text === 'stream') {
      nameNode = callee.name;
      callee = skipOuter(callee.expression);
    }
    let loader: ts.Expression = callee;
    if (isIdentifier(callee)) {
      const decl = this.checker.getSymbolAtLocation(callee)?.valueDeclaration;
      if (!decl || !isVariableDeclaration(decl) || !decl.initializer || this.assignedTo(this.checker.getSymbolAtLocation(callee)!).length) return undefined;
      loader = skipOuter(decl.initializer);
    }
    const G = PROMPT_LOADERS.genkit;
    if (!isCallExpression(loader) || !isPropertyAccessExpression(loader.expression) || loader.expression.name.text !== G.method || !loader.arguments[0]) return undefined;
    const instance = this.genkitInstance(loader.expression.expression);
    if (!instance) return undefined;
    const name = staticString(this.val(loader.arguments[0]));
    if (!name) return undefined;
    const opts = loader.arguments[1] ? this.val(loader.arguments[1]) : undefined;
    const variant = opts?.kind === 'obj' ? staticString(opts.props.get('variant')) : undefined;
    const dir = (instance.promptDir ?? G.promptDir).replace(/^\.\//, '').replace(/\/+$/, '');
    const ref = { path: `${dir ? `${dir}/` : ''}${name}${variant ? `.${variant}` : ''}${G.extension}`, base: 'root' as const };
    const input = node.arguments[0] ? this.val(node.arguments[0]) : undefined;
    const overrides = node.arguments[1] ? this.val(node.arguments[1]) : undefined;
    return promptFileRun(this.ctx, ref, { span: this.span(node), nameSpan: this.span(nameNode), loop, whenMissing: G.whenMissing }, input, overrides?.kind === 'obj' ? overrides : undefined, instance.model);
  }

  /** Array elements or call arguments as list items; a spread of a known list adds its items, of anything else an open part. */
  private elementsInto(elements: readonly ts.Expression[], items: Val[], open: string[], depth: number): void {
    for (const e of elements) {
      if (isSpreadElement(e)) {
        const inner = this.val(e.expression, depth);
        if (inner.kind === 'list') {
          items.push(...inner.items);
          open.push(...inner.open);
        } else open.push(e.expression.getText(this.sf));
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
    if (!decl.initializer || this.assignedTo(symbol).length > 0) return undefined;
    const v = this.val(decl.initializer, depth);
    if ((v.kind === 'list' || v.kind === 'obj') && this.isMutated(symbol)) {
      const grown = v.kind === 'list' ? this.grown(v, symbol, decl, use, depth) : undefined;
      return grown ?? ({ ...v, open: [...v.open, text], span, text } as Val);
    }
    return this.reSpan(withOrigin(v, use.text, this.span(decl.name)), span, text);
  }

  /**
   * A list built in steps (`const messages = [system]; messages.push(user, ...history)`) as it is
   * when `use` reads it: the pushes before the use, in order. Only when every change to the list is
   * a push, in the same function as the list and the use (or all at the top level), in the same loop as the list; otherwise
   * undefined (the list may be anything: an agent loop's history).
   */
  private grown(list: Extract<Val, { kind: 'list' }>, symbol: ts.Symbol, decl: ts.VariableDeclaration, use: ts.Node, depth: number): Val | undefined {
    const mine = (id: ts.Identifier) => this.checker.getSymbolAtLocation(id) === symbol;
    const steps = this.growth.filter((g) => mine(g.target));
    if (steps.length !== this.mutations.filter(mine).length) return undefined;
    const fn = enclosingFunction(decl);
    if (enclosingFunction(use) !== fn || steps.some((g) => enclosingFunction(g.call) !== fn || g.loop !== this.declLoops.get(decl))) return undefined;
    const items = [...list.items];
    const open = [...list.open];
    for (const g of steps.filter((x) => x.call.end <= use.getStart(this.sf)).sort((a, b) => a.call.pos - b.call.pos)) {
      this.elementsInto(g.call.arguments, items, open, depth);
    }
    return { ...list, items, open, span: this.span(use), text: use.getText(this.sf) };
  }

  /**
   * `await client.files.create({ file: fs.createReadStream('batch.jsonl'), purpose: 'batch' })` on an
   * SDK client (directly or through a const): the file it uploads.
   */
  private uploadedFile(e: ts.Expression, depth: number): PromptFileRef | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const node = skipAwait(e);
    if (isIdentifier(node)) {
      const symbol = this.checker.getSymbolAtLocation(node);
      const decl = symbol?.valueDeclaration;
      return decl && isVariableDeclaration(decl) && decl.initializer && this.assignedTo(symbol!).length === 0 ? this.uploadedFile(decl.initializer, depth + 1) : undefined;
    }
    if (!isCallExpression(node) || !isPropertyAccessExpression(node.expression) || node.expression.name.text !== 'create') return undefined;
    const files = asClient(this.sym(node.expression.expression));
    if (!files || files.path.join('.') !== 'files') return undefined;
    const opts = node.arguments[0] && isObjectLiteralExpression(skipOuter(node.arguments[0])) ? (skipOuter(node.arguments[0]) as ts.ObjectLiteralExpression) : undefined;
    const prop = opts?.properties.find((p): p is ts.PropertyAssignment => isPropertyAssignment(p) && propertyKey(p.name) === 'file');
    if (!prop) return undefined;
    // `fs.createReadStream(p)`, also wrapped: `await toFile(fs.createReadStream(p), ...)`.
    let f = skipAwait(prop.initializer);
    if (isCallExpression(f) && /(^|\.)toFile$/.test(f.expression.getText(this.sf)) && f.arguments[0]) f = skipAwait(f.arguments[0]);
    if (isCallExpression(f) && /(^|\.)createReadStream$/.test(f.expression.getText(this.sf)) && f.arguments[0]) return this.pathOf(f.arguments[0], depth + 1);
    return undefined;
  }

  /** `genkit({...})` from the genkit package, through a const: its prompt folder and default model. */
  private genkitInstance(e: ts.Expression): { promptDir?: string; model?: Val } | undefined {
    // A local const, or one imported from another module (`import { ai } from './genkit'`).
    const v = this.val(e);
    if (v.kind !== 'obj' || v.loader !== 'genkit') return undefined;
    const model = v.props.get('model');
    return { promptDir: staticString(v.props.get(PROMPT_LOADERS.genkit.js.promptDirOption)), model: model && staticString(model) !== undefined ? model : undefined };
  }

  /** `genkit({...})` from the genkit package: the instance, as its options with a `loader` mark. */
  private genkitCall(node: ts.CallExpression, callee: ts.Expression, span: Span, text: string, depth: number): Val | undefined {
    if (!isIdentifier(callee) || callee.text !== PROMPT_LOADERS.genkit.js.factory || !this.importedFrom(callee, new Set(PROMPT_LOADERS.genkit.js.packages))) return undefined;
    const opts = node.arguments[0] ? this.val(node.arguments[0], depth) : undefined;
    return { kind: 'obj', props: opts?.kind === 'obj' ? opts.props : new Map(), open: [], node: null, span, text, loader: 'genkit' };
  }

  private line(node: ts.Node): number {
    return this.sf.getLineAndCharacterOfPosition(node.getStart(this.sf)).line + 1;
  }

  // ---- pass 1 ----

  /** `(c) => this.walk(c, loop)`, made once per loop context rather than once per node. */
  private readonly walkers = new Map<string | null, (c: ts.Node) => void>();
  private walkIn(loop: string | null): (c: ts.Node) => void {
    let w = this.walkers.get(loop);
    if (!w) this.walkers.set(loop, (w = (c: ts.Node) => this.walk(c, loop)));
    return w;
  }

  private walk(node: ts.Node, loop: string | null): void {
    // Types, interfaces and imports hold no calls or assignments: not descended into.
    if ((isTypeNode(node) && !isExpressionWithTypeArguments(node)) || isInterfaceDeclaration(node) || isTypeAliasDeclaration(node) || isImportDeclaration(node)) return;
    if (isVariableDeclaration(node)) this.declLoops.set(node, loop);
    if (isFunctionLike(node)) {
      // A function body runs when called; a callback of .map()/.forEach() runs per element.
      let inner: string | null = null;
      const parent = node.parent;
      if (parent && isCallExpression(parent) && parent.arguments.includes(node as unknown as ts.Expression)) {
        const callee = parent.expression;
        if (isPropertyAccessExpression(callee) && ITERATION_METHODS.has(callee.name.text)) {
          inner = loop ?? `callback of .${callee.name.text}() at line ${this.line(callee.name)}`;
        }
      }
      forEachChild(node, this.walkIn(inner));
      return;
    }
    if (isForStatement(node)) {
      const inner = loop ?? `for loop at line ${this.line(node)}`;
      if (node.initializer) this.walk(node.initializer, loop);
      for (const c of [node.condition, node.incrementor, node.statement]) if (c) this.walk(c, inner);
      return;
    }
    if (isForOfStatement(node) || isForInStatement(node)) {
      // The iterable is evaluated once.
      const inner = loop ?? `for loop at line ${this.line(node)}`;
      this.walk(node.expression, loop);
      this.walk(node.initializer, inner);
      this.walk(node.statement, inner);
      return;
    }
    if (isWhileStatement(node) || isDoStatement(node)) {
      const inner = loop ?? `${isWhileStatement(node) ? 'while' : 'do-while'} loop at line ${this.line(node)}`;
      forEachChild(node, this.walkIn(inner));
      return;
    }
    if (isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const left = skipOuter(node.left);
      if (isIdentifier(left)) this.assignments.push({ left, right: node.right });
      // `params.max_tokens = n`, `params['max_tokens'] = n` change the object after it was built.
      else if ((isPropertyAccessExpression(left) || isElementAccessExpression(left)) && isIdentifier(left.expression)) this.mutations.push(left.expression);
      else if (isPropertyAccessExpression(left) && left.expression.kind === ts.SyntaxKind.ThisKeyword) {
        const cls = enclosingClass(node);
        if (cls) {
          let byName = this.thisAssignments.get(cls);
          if (!byName) this.thisAssignments.set(cls, (byName = new Map()));
          const list = byName.get(left.name.text) ?? [];
          list.push(node.right);
          byName.set(left.name.text, list);
        }
      }
    }
    if (isCallExpression(node)) {
      const callee = node.expression;
      this.allCalls.push(node);
      if (this.mentionsGenkit && (!isPropertyAccessExpression(callee) || callee.name.text === 'stream')) this.promptRuns.push({ node, loop });
      if ((isPropertyAccessExpression(callee) && OPERATION_METHOD_NAMES.has(callee.name.text)) || (isIdentifier(callee) && OPERATION_METHOD_NAMES.has(callee.text))) {
        this.candidates.push({ node, loop });
      }
      if (isPropertyAccessExpression(callee) && MUTATORS.has(callee.name.text) && isIdentifier(callee.expression)) {
        this.mutations.push(callee.expression);
        if (callee.name.text === 'push') this.growth.push({ target: callee.expression, call: node, loop });
      }
      const first = node.arguments[0];
      // `Object.assign(params, ...)`: read from the syntax, not the text (no trivia to skip per call).
      if (first && isIdentifier(first) && isPropertyAccessExpression(callee) && isIdentifier(callee.expression) && MUTATING_FUNCTIONS.has(`${callee.expression.text}.${callee.name.text}`)) this.mutations.push(first);
      if (isPropertyAccessExpression(callee) && callee.name.text === 'mock' && isIdentifier(callee.expression) && /^(vi|jest)$/.test(callee.expression.text) && first && isStringLiteralLike(first)) {
        this.mockedModules.add(first.text);
      }
    }
    forEachChild(node, this.walkIn(loop));
  }

  private assignedTo(symbol: ts.Symbol): ts.Expression[] {
    if (!this.assignedBySymbol) {
      this.assignedBySymbol = new Map();
      for (const a of this.assignments) {
        const s = this.checker.getSymbolAtLocation(a.left);
        if (!s) continue;
        const list = this.assignedBySymbol.get(s) ?? [];
        list.push(a.right);
        this.assignedBySymbol.set(s, list);
      }
    }
    return this.assignedBySymbol.get(symbol) ?? [];
  }

  private globals: Map<string, ts.Expression[]> | undefined;
  /** Assignments to names declared nowhere in the file (implicit globals of a script). */
  private globalAssignments(): Map<string, ts.Expression[]> {
    if (!this.globals) {
      this.globals = new Map();
      for (const a of this.assignments) {
        if (this.checker.getSymbolAtLocation(a.left)) continue;
        const list = this.globals.get(a.left.text) ?? [];
        list.push(a.right);
        this.globals.set(a.left.text, list);
      }
    }
    return this.globals;
  }

  private isMutated(symbol: ts.Symbol): boolean {
    if (!this.mutatedSymbols) {
      this.mutatedSymbols = new Set();
      for (const id of this.mutations) {
        const s = this.checker.getSymbolAtLocation(id);
        if (s) this.mutatedSymbols.add(s);
      }
    }
    return this.mutatedSymbols.has(symbol);
  }

  // ---- pass 2: receivers ----

  private sym(node: ts.Node | undefined, depth = 0): Sym | undefined {
    if (!node || depth > MAX_DEPTH || this.resolving.has(node)) return undefined;
    this.resolving.add(node);
    try {
      return this.symInner(node, depth + 1);
    } finally {
      this.resolving.delete(node);
    }
  }

  private symInner(node: ts.Node, depth: number): Sym | undefined {
    if (isIdentifier(node)) {
      const symbol = this.checker.getSymbolAtLocation(node);
      if (symbol) return this.symOfSymbol(symbol, depth);
      // A script's implicit global (`ai = new GoogleGenAI()` with no declaration), as notebook exports write.
      for (const rhs of this.globalAssignments().get(node.text) ?? []) {
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
      const obj = positional ? this.argsOf(node.arguments ?? [], positional, node) : this.optionsOf(node.arguments?.[0]);
      return construct(cls, endpointFromOptions(cls.sdk, obj), obj);
    }
    if (isPropertyAccessExpression(node) || isElementAccessExpression(node)) {
      const name = accessName(node);
      if (name === undefined) return undefined;
      if (node.expression.kind === ts.SyntaxKind.ThisKeyword) return this.symOfThisMember(node, name, depth);
      const base = this.sym(node.expression, depth);
      if (base) return member(base, name);
      // `clients.openai.chat...` where clients is an object literal: follow the property's declaration.
      const symbol = isPropertyAccessExpression(node) ? this.checker.getSymbolAtLocation(node.name) : undefined;
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
          const t = node.getText(this.sf);
          return t.length > 60 ? `${t.slice(0, 57)}...` : t;
        };
        if (callee.name.text === 'pipe' && node.arguments[0]) {
          const p = piped(this.sym(node.arguments[0], depth), expr(), this.templateOf(callee.expression)) ?? piped(receiver, expr());
          if (p) return p;
        }
        if (callee.name.text === 'from' && isIdentifier(callee.expression) && callee.expression.text === 'RunnableSequence') {
          const list = node.arguments[0];
          let template: Val | undefined;
          for (const item of list && isArrayLiteralExpression(list) ? list.elements : []) {
            const p = piped(this.sym(item, depth), expr(), template);
            if (p) return p;
            template = this.templateOf(item) ?? template;
          }
        }
      }
      const target = this.sym(callee, depth);
      if (target?.kind === 'modelCreator') return createProvider(target, this.optionsOf(node.arguments[0]));
      const made = factoryCall(target, 'js', (positional) => this.argsOf(node.arguments, positional, node));
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
    for (const rhs of this.assignedTo(symbol)) {
      const s = this.sym(rhs, depth);
      if (s) return s;
    }
    return undefined;
  }

  private symOfDeclaration(decl: ts.Declaration, depth: number): Sym | undefined {
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
      const value = this.checker.getShorthandAssignmentValueSymbol(decl);
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
    for (const call of this.allCalls) {
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
        const symbol = this.checker.getSymbolAtLocation(name);
        const s = symbol ? this.symOfSymbol(symbol, depth) : undefined;
        return s?.kind === 'class' ? s : undefined;
      }
      const left = isIdentifier(name.left) ? this.checker.getSymbolAtLocation(name.left) : undefined;
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
    for (const rhs of this.thisAssignments.get(cls)?.get(name) ?? []) {
      const s = this.sym(rhs, depth);
      if (s) return s;
    }
    const base = this.baseClass(cls);
    return base ? this.symOfClassMember(base, name, depth, seen) : undefined;
  }

  private baseClass(cls: ClassNode): ClassNode | undefined {
    const ext = cls.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
    if (!ext || !isIdentifier(ext)) return undefined;
    const decl = this.checker.getSymbolAtLocation(ext)?.declarations?.find((d) => isClassLike(d));
    return decl as ClassNode | undefined;
  }

  /** A call to a function of this file: what it returns. */
  private symOfReturn(callee: ts.Expression, depth: number): Sym | undefined {
    const fn = this.functionOf(callee);
    if (fn) return this.symOfReturnsOf(fn, depth);
    // `import { getClient } from './clients'`: a factory function of another module.
    const decl = isIdentifier(callee) ? this.checker.getSymbolAtLocation(callee)?.declarations?.[0] : undefined;
    return decl && (isImportSpecifier(decl) || isImportClause(decl)) ? this.imported(decl)?.returns : undefined;
  }

  /** The function or method of this file that `callee` names, if any. */
  private functionOf(callee: ts.Expression): ts.FunctionLikeDeclaration | undefined {
    let symbol: ts.Symbol | undefined;
    if (isIdentifier(callee)) symbol = this.checker.getSymbolAtLocation(callee);
    else if (isPropertyAccessExpression(callee)) {
      if (callee.expression.kind === ts.SyntaxKind.ThisKeyword) {
        for (let cls = enclosingClass(callee), hops = 0; cls && hops < MAX_DEPTH; cls = this.baseClass(cls), hops++) {
          const m = cls.members.find((x) => isMethodDeclaration(x) && memberName(x) === callee.name.text);
          if (m) return m as ts.MethodDeclaration;
        }
        return undefined;
      }
      symbol = this.checker.getSymbolAtLocation(callee.name);
    }
    for (const decl of symbol?.declarations ?? []) {
      let fn: ts.Node | undefined = decl;
      if (isVariableDeclaration(decl) && decl.initializer) fn = skipOuter(decl.initializer);
      if (fn && (isFunctionDeclaration(fn) || isFunctionExpression(fn) || isArrowFunction(fn) || isMethodDeclaration(fn))) return fn;
    }
    return undefined;
  }

  private symOfReturnsOf(fn: ts.FunctionLikeDeclaration, depth: number): Sym | undefined {
    for (const r of returnsOf(fn)) {
      const s = this.sym(r, depth);
      if (s) return s;
    }
    return undefined;
  }

  // ---- pass 3: arguments ----

  /** An options argument as an object: its literal, or an opaque object naming what could not be read. */
  private optionsOf(arg: ts.Expression | undefined): ObjVal | undefined {
    if (!arg) return undefined;
    const v = this.val(arg);
    return v.kind === 'obj' ? v : { kind: 'obj', props: new Map(), open: [v.text], node: null, span: v.span, text: v.text };
  }

  /** Arguments by the SDK's positional names; without names, the first argument is the params object. */
  private argsOf(args: readonly ts.Expression[], positional: OperationSpec['positional'], at: ts.Node): ObjVal {
    const empty: ObjVal = { kind: 'obj', props: new Map(), open: [], node: null, span: this.span(at), text: '' };
    if (!positional) return this.optionsOf(args[0]) ?? empty;
    const values = args.map((a): Val => {
      const text = a.getText(this.sf);
      if (isSpreadElement(a)) return { kind: 'unknown', span: this.span(a), text };
      const v = this.val(a);
      // `generateContent(prompt)` with `prompt: string`: text whose content is unknown, not hidden parameters.
      if (v.kind === 'unknown' && this.isStringTyped(a)) return { kind: 'str', parts: [{ hole: text }], span: v.span, text };
      return v;
    });
    return bindPositional(positional, values, empty);
  }

  private toRawCall(node: ts.CallExpression, loop: string | null): RawCall | undefined {
    const callee = node.expression as ts.PropertyAccessExpression | ts.Identifier;
    // A bare function resolves to the operation itself (an SDK function imported by name).
    const receiver = asClient(isIdentifier(callee) ? this.sym(callee) : this.sym(callee.expression));
    if (!receiver) return undefined;
    const name: ts.Node = isIdentifier(callee) ? callee : callee.name;
    const path = (isIdentifier(callee) ? [...receiver.path] : [...receiver.path, callee.name.text]).filter((p) => !receiver.sdk.deriveProperties.includes(p));
    let op = findOperation(receiver.sdk, path, 'js');
    let args: ObjVal | undefined;
    const commands = receiver.sdk.commands;
    if (!op && commands && path.at(-1) === commands.method && node.arguments[0]) {
      // AWS SDK v3: `client.send(new ConverseCommand(input))`, or a command built earlier.
      const cmd = this.commandOf(node.arguments[0]);
      const opPath = cmd && cmd.sdk === receiver.sdk ? commands.classes[cmd.name] : undefined;
      if (!cmd || !opPath) return undefined;
      op = findOperation(receiver.sdk, opPath.split('.'), 'python');
      args = this.optionsOf(cmd.node.arguments?.[0]) ?? { kind: 'obj', props: new Map(), open: [], node: null, span: this.span(cmd.node), text: '' };
    }
    if (!op) return undefined;
    if (receiver.sdk.js.some((p) => this.mockedModules.has(p.module))) return undefined;
    args ??= this.argsOf(node.arguments, op.positional, node);
    return {
      flavor: 'js',
      sdkId: receiver.sdk.id,
      operation: op.path,
      clientClass: receiver.cls ?? null,
      endpoint: receiver.endpoint ?? null,
      span: this.span(node),
      nameSpan: this.span(name),
      args,
      bound: receiver.bound ?? null,
      piped: receiver.piped ?? null,
      ...(receiver.template ? { template: receiver.template } : {}),
      loop,
      ...(loop ? { iterations: this.iterations(node) } : {}),
      edits: this.edits,
    };
  }

  /**
   * How many times the loops around `node` (up to its function) run it, when each has a static
   * bound: `for (let i = 0; i < 10; i++)`, `for...of` over a list known statically, a `.map()` /
   * `.forEach()` callback over one (`some`, `find`... may stop early: an upper bound). A `while`
   * loop, `for...in`, or any other bound gives null.
   */
  private iterations(node: ts.Node): number | null {
    let n = 1;
    for (let child: ts.Node = node, p = node.parent; p; child = p, p = p.parent) {
      if (isFunctionLike(p)) {
        const call = p.parent;
        if (call && isCallExpression(call) && call.arguments.includes(p as unknown as ts.Expression) && isPropertyAccessExpression(call.expression) && ITERATION_METHODS.has(call.expression.name.text)) {
          const k = this.staticLength(call.expression.expression);
          if (k === null) return null;
          n *= k;
          continue;
        }
        break;
      }
      if (isWhileStatement(p) || isDoStatement(p) || isForInStatement(p)) return null;
      if (isForOfStatement(p)) {
        if (child === p.expression) continue; // evaluated once
        const k = this.staticLength(p.expression);
        if (k === null) return null;
        n *= k;
      } else if (isForStatement(p)) {
        if (child === p.initializer) continue;
        const k = this.countedLoop(p);
        if (k === null) return null;
        n *= k;
      }
    }
    return n;
  }

  /** `for (let i = a; i < b; i++)` (or `<=`, `i += k`) with static bounds: its number of iterations. */
  private countedLoop(loop: ts.ForStatement): number | null {
    const init = loop.initializer;
    const decl = init && isVariableDeclarationList(init) && init.declarations.length === 1 ? init.declarations[0] : undefined;
    if (!decl || !isIdentifier(decl.name) || !decl.initializer) return null;
    const name = decl.name.text;
    const num = (e: ts.Expression | undefined) => {
      const v = e ? this.val(e) : undefined;
      return v?.kind === 'num' && Number.isInteger(v.value) ? v.value : null;
    };
    const start = num(decl.initializer);
    const cond = loop.condition;
    if (start === null || !cond || !isBinaryExpression(cond) || !isIdentifier(cond.left) || cond.left.text !== name) return null;
    const op = cond.operatorToken.kind;
    if (op !== ts.SyntaxKind.LessThanToken && op !== ts.SyntaxKind.LessThanEqualsToken) return null;
    const bound = num(cond.right);
    if (bound === null) return null;
    const inc = loop.incrementor;
    let step: number | null = null;
    if (inc && (isPostfixUnaryExpression(inc) || isPrefixUnaryExpression(inc)) && inc.operator === ts.SyntaxKind.PlusPlusToken && isIdentifier(inc.operand) && inc.operand.text === name) step = 1;
    else if (inc && isBinaryExpression(inc) && inc.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken && isIdentifier(inc.left) && inc.left.text === name) step = num(inc.right);
    if (!step || step <= 0) return null;
    const stop = op === ts.SyntaxKind.LessThanEqualsToken ? bound + 1 : bound;
    return Math.max(0, Math.ceil((stop - start) / step));
  }

  /** The number of items of an array known statically (a literal, a constant, `Object.keys` of an object literal), or null. */
  private staticLength(e: ts.Expression): number | null {
    if (isCallExpression(e) && isPropertyAccessExpression(e.expression) && isIdentifier(e.expression.expression) && e.expression.expression.text === 'Object' && ['keys', 'values', 'entries'].includes(e.expression.name.text) && e.arguments.length === 1) {
      const o = isObjectLiteralExpression(e.arguments[0]) ? this.val(e.arguments[0]) : undefined;
      return o?.kind === 'obj' && o.open.length === 0 ? o.props.size : null;
    }
    // An array literal, or a name bound to one that nothing in the file changes (`push`, `splice`, ...).
    if (!isArrayLiteralExpression(e) && !(isIdentifier(e) && !this.mutations.some((m) => m.text === e.text))) return null;
    const v = this.val(e);
    return v.kind === 'list' && v.open.length === 0 ? v.items.length : null;
  }

  private isStringTyped(node: ts.Expression): boolean {
    try {
      const t = this.checker.getTypeAtLocation(node);
      return (t.flags & ts.TypeFlags.StringLike) !== 0;
    } catch {
      return false;
    }
  }

  /** `new ConverseCommand(input)`, directly or through a const. */
  private commandOf(arg: ts.Expression, depth = 0): { node: ts.NewExpression; name: string; sdk: Extract<Sym, { kind: 'class' }>['sdk'] } | undefined {
    const e = skipOuter(arg);
    if (isNewExpression(e)) {
      const cls = this.sym(e.expression);
      return cls?.kind === 'class' ? { node: e, name: cls.name, sdk: cls.sdk } : undefined;
    }
    if (isIdentifier(e) && depth < 3) {
      const decl = this.checker.getSymbolAtLocation(e)?.valueDeclaration;
      if (decl && isVariableDeclaration(decl) && decl.initializer) return this.commandOf(decl.initializer, depth + 1);
    }
    return undefined;
  }

  private span(node: ts.Node): Span {
    return { start: node.getStart(this.sf), end: node.end };
  }

  private val(node: ts.Node, depth = 0): Val {
    const unknown: Val = { kind: 'unknown', span: this.span(node), text: node.getText(this.sf) };
    if (depth > MAX_DEPTH || this.resolving.has(node)) return unknown;
    this.resolving.add(node);
    try {
      return this.valInner(node, depth + 1) ?? unknown;
    } finally {
      this.resolving.delete(node);
    }
  }

  private valInner(node: ts.Node, depth: number): Val | undefined {
    const span = this.span(node);
    const text = node.getText(this.sf);
    if (isStringLiteral(node) || isNoSubstitutionTemplateLiteral(node)) return { kind: 'str', parts: [{ text: node.text }], span, text };
    if (isTemplateExpression(node)) {
      const parts: StrPart[] = [{ text: node.head.text }];
      for (const s of node.templateSpans) {
        const v = this.val(s.expression, depth);
        if (v.kind === 'str') parts.push(...v.parts);
        else if (v.kind === 'num') parts.push({ text: String(v.value) });
        else parts.push({ hole: s.expression.getText(this.sf) });
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
          } else open.push(p.expression.getText(this.sf));
        }
      }
      return { kind: 'obj', props, open, node, span, text };
    }
    if (isIdentifier(node)) {
      const symbol = this.checker.getSymbolAtLocation(node);
      const decl = symbol?.valueDeclaration ?? symbol?.declarations?.[0];
      if (!symbol) {
        // An implicit global assigned once (`MODEL_ID = "gemini-2.5-flash"` in an exported notebook).
        const assigned = this.globalAssignments().get(node.text) ?? [];
        return assigned.length === 1 ? this.reSpan(this.val(assigned[0], depth), span, text) : undefined;
      }
      if (!decl) return undefined;
      // `import prompt from './system.md?raw'` (Vite, Bun): the file's text.
      if (isImportClause(decl) && isStringLiteralLike(decl.parent.moduleSpecifier) && /\?raw$/.test(decl.parent.moduleSpecifier.text)) {
        return promptFileVal(this.ctx, { path: decl.parent.moduleSpecifier.text.replace(/\?raw$/, ''), base: 'file' }, span, text);
      }
      if (isImportSpecifier(decl) || isImportClause(decl)) {
        // `import { MODEL } from './config'`: a constant of another module.
        const v = this.imported(decl)?.val;
        return v ? this.reSpan(v, span, text) : undefined;
      }
      if (isShorthandPropertyAssignment(decl)) {
        // `{ messages }`: the variable it names, with the same rules as a plain reference.
        const value = this.checker.getShorthandAssignmentValueSymbol(decl);
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
      if (this.sym(node.expression, depth)?.kind === 'mock') return { kind: 'unknown', span, text, mock: true };
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
      const tag = node.tag.getText(this.sf);
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
        this.fileRead(node, callee, span, text) ??
        this.templateCall(node, span, text, depth) ??
        (this.mentionsGenkit ? this.genkitCall(node, callee, span, text, depth) : undefined);
      if (strOp) return strOp;
      // JSON.stringify({...}): Bedrock InvokeModel's body, read as the object it encodes.
      if (node.arguments[0] && RUNTIME.js!.jsonEncoders!.includes(callee.getText(this.sf))) {
        const v = this.val(node.arguments[0], depth);
        return v.kind === 'obj' ? v : undefined;
      }
      // Vercel AI SDK: `openai('gpt-4o')`, `anthropic.messages('...')` make a model the SDK routes as `openai/gpt-4o`.
      const provider = isIdentifier(callee) || isPropertyAccessExpression(callee) ? this.sym(callee, depth) : undefined;
      if (provider?.kind === 'modelProvider') return providerModel(provider, node.arguments[0] ? this.val(node.arguments[0], depth) : undefined, span, text);
      if (provider?.kind === 'mock') return { kind: 'unknown', span, text, mock: true };
      // A function or method of this file: its value (`create(buildParams())`, `model: getModel()`).
      const fn = this.functionOf(skipOuter(node.expression));
      if (fn) {
        const rv = returnedValue(returnsOf(fn).map((r) => this.val(r, depth)), span, text);
        return rv ? withArguments(this.ctx, rv, this.argumentsOf(fn, node.arguments, depth)) : undefined;
      }
      // A function imported from another workspace module.
      const decl = isIdentifier(callee) ? this.checker.getSymbolAtLocation(callee)?.declarations?.[0] : undefined;
      const v = decl && (isImportSpecifier(decl) || isImportClause(decl)) ? this.imported(decl)?.returnsVal : undefined;
      return v ? this.reSpan(v, span, text) : undefined;
    }
    if (isPropertyAccessExpression(node) || isElementAccessExpression(node)) {
      const name = accessName(node);
      if (name === undefined) return undefined;
      if (name === 'id') {
        const upload = this.uploadedFile(node.expression, depth);
        if (upload) return uploadedFileVal(this.ctx, upload, span, text);
      }
      if (node.expression.kind === ts.SyntaxKind.ThisKeyword) {
        const cls = enclosingClass(node);
        const m = cls?.members.find((x) => isPropertyDeclaration(x) && memberName(x) === name) as ts.PropertyDeclaration | undefined;
        const assigned = cls ? (this.thisAssignments.get(cls)?.get(name) ?? []) : [];
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

  /**
   * A prompt read from a file at run time: `fs.readFileSync(path.join(__dirname, 'p.md'), 'utf8')`,
   * `await readFile(new URL('./p.md', import.meta.url), 'utf8')`, `readFileSync(p).toString()`.
   */
  private fileRead(node: ts.CallExpression, callee: ts.Expression, span: Span, text: string): Val | undefined {
    let call = node;
    let name = callee.getText(this.sf);
    // readFileSync(p).toString(), readFileSync(p).toString('base64'), (await readFile(p)).toString('base64')
    let encoding: string | undefined;
    if (isPropertyAccessExpression(callee) && callee.name.text === 'toString' && isCallExpression(skipOuter(skipAwait(callee.expression)))) {
      call = skipOuter(skipAwait(callee.expression)) as ts.CallExpression;
      name = call.expression.getText(this.sf);
      encoding = node.arguments[0] ? staticString(this.val(node.arguments[0])) : 'utf8';
    } else if (!node.arguments[1]) {
      // Without an encoding, readFile returns bytes: an image when the path names one (the AI SDK's
      // `{ type: 'image', image: fs.readFileSync('cat.png') }`), else nothing known.
      if (!/^(fs\.|fsp\.|fs\.promises\.|promises\.)?(readFileSync|readFile)$/.test(name)) return undefined;
      const ref = node.arguments[0] ? this.pathOf(node.arguments[0], 0) : undefined;
      return ref && (ref.param || IMAGE_FILE.test(ref.path)) ? imageDataVal(this.ctx, ref, span, text) : undefined;
    } else {
      const opt = this.val(node.arguments[1]);
      encoding = opt.kind === 'obj' ? staticString(opt.props.get('encoding')) : staticString(opt);
    }
    if (!/^(fs\.|fsp\.|fs\.promises\.|promises\.)?(readFileSync|readFile)$|^Deno\.readTextFile(Sync)?$/.test(name)) return undefined;
    const ref = call.arguments[0] ? this.pathOf(call.arguments[0], 0) : undefined;
    if (!ref) return undefined;
    // Base64 of a file's bytes is an image (or a document) sent as data, never prompt text.
    if (encoding === 'base64') return imageDataVal(this.ctx, ref, span, text);
    return promptFileVal(this.ctx, ref, span, text);
  }

  /** A path expression: literals, `__dirname`, `path.join/resolve`, `new URL(..., import.meta.url)`, `process.cwd()`. */
  private pathOf(node: ts.Expression, depth: number): PromptFileRef | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const e = skipOuter(node);
    const t = e.getText(this.sf);
    if (t === '__dirname' || t === 'import.meta.dirname') return { path: '', base: 'file' };
    if (t === '__filename' || t === 'import.meta.url' || t === 'import.meta.filename') return { path: FILE_MARK, base: 'file' };
    if (t === 'process.cwd()') return { path: '', base: 'root' };
    if (isStringLiteralLike(e)) return { path: e.text, base: 'root' };
    if (isIdentifier(e)) {
      const decl = this.checker.getSymbolAtLocation(e)?.valueDeclaration;
      if (decl && isVariableDeclaration(decl) && decl.initializer) return this.pathOf(decl.initializer, depth + 1);
      // A parameter without a default: the path its callers pass (see `withArguments`).
      if (decl && isParameter(decl) && !decl.initializer && isIdentifier(decl.name)) return { path: '', base: 'root', param: decl.name.text };
      const v = staticString(this.val(e));
      return v !== undefined ? { path: v, base: 'root' } : undefined;
    }
    if (isNewExpression(e) && e.expression.getText(this.sf) === 'URL' && e.arguments?.[0] && e.arguments[1]) {
      const rel = staticString(this.val(e.arguments[0]));
      const base = this.pathOf(e.arguments[1], depth + 1);
      return rel !== undefined && base?.path === FILE_MARK ? { path: rel, base: 'file' } : undefined;
    }
    if (isCallExpression(e)) {
      const fn = e.expression.getText(this.sf);
      const args = e.arguments;
      if (/^(fileURLToPath|url\.fileURLToPath)$/.test(fn) && args[0]) return this.pathOf(args[0], depth + 1);
      if (/^(path\.)?dirname$/.test(fn) && args[0]) {
        const p = this.pathOf(args[0], depth + 1);
        return p ? parentOf(p) : undefined;
      }
      if (/^(path\.)?(join|resolve)$/.test(fn) && args[0]) {
        const first = this.pathOf(args[0], depth + 1);
        const rest = args.slice(1).map((a) => staticString(this.val(a)));
        return first && rest.every((x) => x !== undefined) ? joinRef(first, rest as string[]) : undefined;
      }
    }
    return undefined;
  }

  /** The prompt template a `.pipe` chain starts from (`prompt.pipe(model)`, `a.pipe(prompt).pipe(model)`). */
  private templateOf(node: ts.Expression): Val | undefined {
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
    const cls = isPropertyAccessExpression(callee) ? callee.expression.getText(this.sf) : callee.getText(this.sf);
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
    const decl = this.checker.getSymbolAtLocation(id)?.declarations?.[0];
    const spec = decl && isImportClause(decl) ? decl.parent.moduleSpecifier : decl && isImportSpecifier(decl) ? decl.parent.parent.parent.moduleSpecifier : undefined;
    return !!spec && isStringLiteralLike(spec) && modules.has(spec.text);
  }

  /** A resolved constant keeps the value but reports the span and text of the reference. */
  private reSpan(v: Val, span: Span, text: string): Val | undefined {
    if (v.kind === 'unknown') return v.default ? { ...v, span, text } : undefined;
    if (v.kind === 'obj') return v; // objects keep their own node so fixes edit the literal
    return { ...v, span, text } as Val;
  }

  private writerCache: TypeScriptWriter | undefined;
  private get writer(): TypeScriptWriter {
    return (this.writerCache ??= new TypeScriptWriter(this.text));
  }

  /** The edits fixes make here: properties of object literals, written by the TypeScript writer. */
  private readonly edits: CallEdits = {
    set: (obj, name, value) => this.setParam(obj, name, value),
    rename: (obj, name, newName) => this.renameParam(obj, name, newName),
    replace: (v, value) => replaceValue(this.text, this.writer, v, value),
  };

  private renameParam(obj: ObjVal, name: string, newName: string): Edit[] | null {
    const node = obj.node as ts.Node | null;
    if (!node || !isObjectLiteralExpression(node)) return null;
    const prop = node.properties.find((p) => isPropertyAssignment(p) && propertyKey(p.name) === name) as ts.PropertyAssignment | undefined;
    if (!prop) return null;
    const key = prop.name;
    const text = key.getText(this.sf);
    return [{ span: this.span(key), newText: isStringLiteral(key) ? this.writer.string(newName, text) : this.writer.key(newName, "'") }];
  }

  /** `name: value` in an object literal; an existing value of this file is replaced. */
  private setParam(obj: ObjVal, name: string, value: Lit): Edit[] | null {
    const node = obj.node as ts.Node | null;
    if (!node || !isObjectLiteralExpression(node)) return null;
    const quote = quoteIn(node.getText(this.sf));
    const written = this.writer.value(value, { target: {}, imports: new Set(), quote });
    if (written === null) return null;
    const existing = obj.props.get(name);
    if (existing) return inThisFile(this.text, existing) ? [{ span: existing.span, newText: written }] : null;
    const list = {
      startIndex: node.getStart(this.sf),
      endIndex: node.end,
      namedChildren: node.properties.map((p) => ({ type: 'property', startIndex: p.getStart(this.sf), endIndex: p.end })),
    };
    return [insertInList(this.text, list, `${this.writer.key(name, quote ?? "'")}: ${written}`, '{')];
  }
}

function isOuterExpression(node: ts.Node): node is ts.ParenthesizedExpression | ts.AsExpression | ts.NonNullExpression | ts.SatisfiesExpression | ts.TypeAssertion {
  return isParenthesizedExpression(node) || isAsExpression(node) || isNonNullExpression(node) || isSatisfiesExpression(node) || isTypeAssertionExpression(node);
}

function skipOuter(node: ts.Expression): ts.Expression {
  while (isOuterExpression(node)) node = node.expression;
  return node;
}

function accessName(node: ts.PropertyAccessExpression | ts.ElementAccessExpression): string | undefined {
  if (isPropertyAccessExpression(node)) return node.name.text;
  const arg = node.argumentExpression;
  return isStringLiteralLike(arg) ? arg.text : undefined;
}

function propertyKey(name: ts.PropertyName): string | undefined {
  if (isIdentifier(name) || isStringLiteral(name) || isNumericLiteral(name) || isNoSubstitutionTemplateLiteral(name)) return name.text;
  return undefined;
}

function memberName(m: ts.ClassElement): string | undefined {
  return m.name && (isIdentifier(m.name) || isStringLiteral(m.name) || isPrivateIdentifier(m.name)) ? m.name.text : undefined;
}

function moduleText(spec: ts.Expression): string {
  return isStringLiteralLike(spec) ? spec.text : '';
}

function isRequire(call: ts.CallExpression): boolean {
  return isIdentifier(call.expression) && call.expression.text === 'require' && call.arguments.length === 1 && isStringLiteralLike(call.arguments[0]);
}

function jsModuleOf(call: ts.CallExpression): Sym | undefined {
  return jsModule(moduleText(call.arguments[0]));
}

/** Expressions a function returns (an arrow's expression body), not counting nested functions. */
function returnsOf(fn: ts.FunctionLikeDeclaration): ts.Expression[] {
  if (!fn.body) return [];
  if (!isBlock(fn.body)) return [fn.body];
  const out: ts.Expression[] = [];
  const visit = (n: ts.Node): void => {
    if (isFunctionLike(n) || isClassLike(n)) return;
    if (isReturnStatement(n) && n.expression) out.push(n.expression);
    else forEachChild(n, visit);
  };
  forEachChild(fn.body, visit);
  return out;
}

function isFunctionExpr(n: ts.Node): n is ts.ArrowFunction | ts.FunctionExpression {
  return isArrowFunction(n) || isFunctionExpression(n);
}

function enclosingClass(node: ts.Node): ClassNode | undefined {
  for (let n = node.parent; n; n = n.parent) {
    if (isClassLike(n)) return n;
    // A plain function has its own `this`; arrow functions and methods keep the class's.
    if (isFunctionDeclaration(n) || isFunctionExpression(n)) return undefined;
  }
  return undefined;
}

/** `await x` → `x` (through parentheses). */
function skipAwait(e: ts.Expression): ts.Expression {
  const inner = skipOuter(e);
  return isAwaitExpression(inner) ? skipOuter(inner.expression) : inner;
}

/** The function a node is in (its body runs per call), or undefined at the top level. */
function enclosingFunction(node: ts.Node): ts.SignatureDeclaration | undefined {
  for (let n = node.parent; n; n = n.parent) if (isFunctionLike(n)) return n;
  return undefined;
}

/**
 * The named functions and classes around `node`, outermost first, dotted (`ChatService.reply`): a
 * function expression or arrow function takes the name it is assigned to; anonymous ones are skipped.
 */
function scopeName(node: ts.Node): string {
  const names: string[] = [];
  for (let p = node.parent; p; p = p.parent) {
    let name: string | undefined;
    if ((isFunctionDeclaration(p) || isMethodDeclaration(p) || isClassDeclaration(p) || isClassExpression(p) || isGetAccessor(p) || isSetAccessor(p)) && p.name) name = p.name.getText();
    else if (isConstructorDeclaration(p)) name = 'constructor';
    else if ((isArrowFunction(p) || isFunctionExpression(p)) && p.parent && (isVariableDeclaration(p.parent) || isPropertyAssignment(p.parent) || isPropertyDeclaration(p.parent)) && p.parent.initializer === p) {
      name = isIdentifier(p.parent.name) || isStringLiteral(p.parent.name) ? p.parent.name.text : undefined;
    }
    if (name) names.unshift(name);
  }
  return names.join('.');
}
