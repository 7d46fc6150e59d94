// The TypeScript recognizer's first layer: one walk over the file records the calls that may be SDK
// calls, assignments (`x = ...`, `this.x = ...`), list and object mutations, loop context, every
// call (for what callers pass) and mocked modules. Declarations are the checker's.
import ts from 'typescript';
import { OPERATION_METHOD_NAMES } from '../../catalogue';
import { type ClassNode, enclosingClass, skipOuter } from './syntax';
import type { TsFile } from './index';

// TypeScript's API object has over 2,000 properties, which V8 keeps in dictionary mode: every
// `ts.isX(...)` is a hash lookup, and the passes make them on every node. They use copies.
const {
  forEachChild,
  isBinaryExpression,
  isCallExpression,
  isDoStatement,
  isElementAccessExpression,
  isExpressionWithTypeArguments,
  isForInStatement,
  isForOfStatement,
  isForStatement,
  isFunctionLike,
  isIdentifier,
  isImportDeclaration,
  isNamedImports,
  isInterfaceDeclaration,
  isPropertyAccessExpression,
  isStringLiteralLike,
  isTypeAliasDeclaration,
  isTypeNode,
  isVariableDeclaration,
  isWhileStatement,
} = ts;

/** Array methods that grow a list in place. */
const MUTATORS = new Set(['push', 'unshift', 'splice']);
/** Functions that change their first argument (`Object.assign(params, extra)`). */
const MUTATING_FUNCTIONS = new Set(['Object.assign']);
/** Array methods whose callback runs once per element. */
export const ITERATION_METHODS = new Set(['map', 'forEach', 'flatMap', 'filter', 'reduce', 'reduceRight', 'some', 'every', 'find', 'findIndex']);

/** What one TypeScript file assigns, changes and calls (see the file's header). */
export class TsBindings {
  readonly candidates: { node: ts.CallExpression; loop: string | null }[] = [];
  /** Calls that may run a prompt file (Genkit), in files that mention genkit. */
  readonly promptRuns: { node: ts.CallExpression; loop: string | null }[] = [];
  private readonly assignments: { left: ts.Identifier; right: ts.Expression }[] = [];
  /** `messages.push(...)`, `params.x = v`, `Object.assign(params, ...)`: lists and objects changed after they are built are not constants. */
  readonly mutations: ts.Identifier[] = [];
  /** `prompt += "..."` on a name. */
  readonly adds: { target: ts.Identifier; value: ts.Expression; at: ts.BinaryExpression; loop: string | null }[] = [];
  /**
   * `params.max_tokens = n`, `params.config.n = 1`: a property set, by its path from the name (none
   * when a key is computed: `opts.messages[0].content = x`).
   */
  readonly sets: { target: ts.Identifier; path?: string[]; value: ts.Expression; at: ts.BinaryExpression; loop: string | null }[] = [];
  /** `messages.push(...)`: list growth followed when it is simple (see front.ts `changes`). */
  readonly growth: { target: ts.Identifier; call: ts.CallExpression; loop: string | null }[] = [];
  /** The loop each variable declaration sits in (null outside loops). */
  readonly declLoops = new Map<ts.VariableDeclaration, string | null>();
  private mutatedSymbols: Set<ts.Symbol> | undefined;
  readonly thisAssignments = new Map<ClassNode, Map<string, ts.Expression[]>>();
  private assignedBySymbol: Map<ts.Symbol, ts.Expression[]> | undefined;
  /** Every call in the file, for finding what callers pass to an untyped parameter. */
  readonly allCalls: ts.CallExpression[] = [];
  /** HTTP posts that may send an LLM API's request without its SDK (wire.ts). */
  readonly posts: { node: ts.CallExpression; loop: string | null }[] = [];
  /** Modules replaced in this file by `vi.mock('openai')` / `jest.mock('openai')`: their calls reach no API. */
  readonly mockedModules = new Set<string>();
  /** Local names of operation-named functions imported under another name (`generateText as gen`). */
  private readonly operationAliases = new Set<string>();

  constructor(private readonly cx: TsFile) {}

  private line(node: ts.Node): number {
    return this.cx.sf.getLineAndCharacterOfPosition(node.getStart(this.cx.sf)).line + 1;
  }

  // ---- pass 1 ----

  /** `(c) => this.walk(c, loop)`, made once per loop context rather than once per node. */
  private readonly walkers = new Map<string | null, (c: ts.Node) => void>();
  private walkIn(loop: string | null): (c: ts.Node) => void {
    let w = this.walkers.get(loop);
    if (!w) this.walkers.set(loop, (w = (c: ts.Node) => this.walk(c, loop)));
    return w;
  }

  walk(node: ts.Node, loop: string | null): void {
    // Types, interfaces and imports hold no calls or assignments: not descended into.
    if (isImportDeclaration(node)) {
      // `import { generateText as gen } from 'ai'`: calls of `gen` are calls of an operation-named function.
      const named = node.importClause?.namedBindings;
      if (named && isNamedImports(named))
        for (const el of named.elements) if (el.propertyName && OPERATION_METHOD_NAMES.has(el.propertyName.text)) this.operationAliases.add(el.name.text);
      return;
    }
    if ((isTypeNode(node) && !isExpressionWithTypeArguments(node)) || isInterfaceDeclaration(node) || isTypeAliasDeclaration(node)) return;
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
    const op = isBinaryExpression(node) ? node.operatorToken.kind : undefined;
    if (op !== undefined && op !== ts.SyntaxKind.EqualsToken && op >= ts.SyntaxKind.FirstCompoundAssignment && op <= ts.SyntaxKind.LastCompoundAssignment) {
      // `prompt += "..."`: a step the evaluator follows; `cap *= 4`, `params.n += 1`: a change it cannot.
      const bin = node as ts.BinaryExpression;
      const left = skipOuter(bin.left);
      const root = isIdentifier(left) ? left : propertyPath(left)?.root;
      if (root) this.mutations.push(root);
      if (isIdentifier(left) && op === ts.SyntaxKind.PlusEqualsToken) this.adds.push({ target: left, value: bin.right, at: bin, loop });
    }
    if (op === ts.SyntaxKind.EqualsToken) {
      const bin = node as ts.BinaryExpression;
      const left = skipOuter(bin.left);
      const path = isIdentifier(left) ? undefined : propertyPath(left);
      if (isIdentifier(left)) this.assignments.push({ left, right: bin.right });
      // `params.max_tokens = n`, `params['max_tokens'] = n`, `params.config.n = 1` change the object after it was built.
      else if (path) {
        this.mutations.push(path.root);
        this.sets.push({ target: path.root, path: path.names, value: bin.right, at: bin, loop });
      } else if (isPropertyAccessExpression(left) && left.expression.kind === ts.SyntaxKind.ThisKeyword) {
        const cls = enclosingClass(node);
        if (cls) {
          let byName = this.thisAssignments.get(cls);
          if (!byName) this.thisAssignments.set(cls, (byName = new Map<string, ts.Expression[]>()));
          const list = byName.get(left.name.text) ?? [];
          list.push(bin.right);
          byName.set(left.name.text, list);
        }
      }
    }
    if (isCallExpression(node)) {
      const callee = node.expression;
      this.allCalls.push(node);
      if (this.cx.mentionsGenkit && (!isPropertyAccessExpression(callee) || callee.name.text === 'stream')) this.promptRuns.push({ node, loop });
      // `fetch(url, { method: 'POST', body })`, `axios.post(url, body)`: read when the file names an API path (wire.ts).
      if ((isIdentifier(callee) && callee.text === 'fetch') || (isPropertyAccessExpression(callee) && callee.name.text === 'post'))
        this.posts.push({ node, loop });
      if (
        (isPropertyAccessExpression(callee) && OPERATION_METHOD_NAMES.has(callee.name.text)) ||
        (isIdentifier(callee) && (OPERATION_METHOD_NAMES.has(callee.text) || this.operationAliases.has(callee.text)))
      ) {
        this.candidates.push({ node, loop });
      }
      if (isPropertyAccessExpression(callee) && MUTATORS.has(callee.name.text) && isIdentifier(callee.expression)) {
        this.mutations.push(callee.expression);
        if (callee.name.text === 'push') this.growth.push({ target: callee.expression, call: node, loop });
      }
      const first = node.arguments[0];
      // `Object.assign(params, ...)`: read from the syntax, not the text (no trivia to skip per call).
      if (
        first &&
        isIdentifier(first) &&
        isPropertyAccessExpression(callee) &&
        isIdentifier(callee.expression) &&
        MUTATING_FUNCTIONS.has(`${callee.expression.text}.${callee.name.text}`)
      )
        this.mutations.push(first);
      if (
        isPropertyAccessExpression(callee) &&
        callee.name.text === 'mock' &&
        isIdentifier(callee.expression) &&
        /^(vi|jest)$/.test(callee.expression.text) &&
        first &&
        isStringLiteralLike(first)
      ) {
        this.mockedModules.add(first.text);
      }
    }
    forEachChild(node, this.walkIn(loop));
  }

  assignedTo(symbol: ts.Symbol): ts.Expression[] {
    if (!this.assignedBySymbol) {
      this.assignedBySymbol = new Map();
      for (const a of this.assignments) {
        const s = this.cx.checker.getSymbolAtLocation(a.left);
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
  globalAssignments(): Map<string, ts.Expression[]> {
    if (!this.globals) {
      this.globals = new Map();
      for (const a of this.assignments) {
        if (this.cx.checker.getSymbolAtLocation(a.left)) continue;
        const list = this.globals.get(a.left.text) ?? [];
        list.push(a.right);
        this.globals.set(a.left.text, list);
      }
    }
    return this.globals;
  }

  isMutated(symbol: ts.Symbol): boolean {
    if (!this.mutatedSymbols) {
      this.mutatedSymbols = new Set();
      for (const id of this.mutations) {
        const s = this.cx.checker.getSymbolAtLocation(id);
        if (s) this.mutatedSymbols.add(s);
      }
    }
    return this.mutatedSymbols.has(symbol);
  }

  // ---- pass 2: receivers ----
}

/**
 * The name a property access starts from (`params` in `params.config['n']`), and the property names
 * down from it when each is written statically (none when one is computed: `params[key]`).
 */
function propertyPath(e: ts.Expression): { root: ts.Identifier; names?: string[] } | undefined {
  const names: string[] = [];
  let known = true;
  let n = e;
  while (isPropertyAccessExpression(n) || isElementAccessExpression(n)) {
    const name = isPropertyAccessExpression(n) ? n.name.text : isStringLiteralLike(n.argumentExpression) ? n.argumentExpression.text : undefined;
    if (name === undefined) known = false;
    else names.unshift(name);
    n = skipOuter(n.expression);
  }
  if (!isIdentifier(n) || n === e) return undefined;
  return known ? { root: n, names } : { root: n };
}
