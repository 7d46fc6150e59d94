// TypeScript syntax helpers shared by the recognizer's layers: parsing, comments, and small
// readers of the compiler's nodes (outer expressions, names, returns, enclosing functions and
// classes, scope names).
import ts from 'typescript';
import { jsModule, type Sym } from '../symbols';

// TypeScript's API object has over 2,000 properties, which V8 keeps in dictionary mode: every
// `ts.isX(...)` is a hash lookup, and the passes make them on every node. They use copies.
const {
  forEachChild,
  isArrowFunction,
  isAsExpression,
  isAwaitExpression,
  isBlock,
  isClassDeclaration,
  isClassExpression,
  isClassLike,
  isConstructorDeclaration,
  isFunctionDeclaration,
  isFunctionExpression,
  isFunctionLike,
  isGetAccessor,
  isIdentifier,
  isMethodDeclaration,
  isNoSubstitutionTemplateLiteral,
  isNonNullExpression,
  isNumericLiteral,
  isParenthesizedExpression,
  isPrivateIdentifier,
  isPropertyAccessExpression,
  isPropertyAssignment,
  isPropertyDeclaration,
  isReturnStatement,
  isSatisfiesExpression,
  isSetAccessor,
  isStringLiteral,
  isStringLiteralLike,
  isTypeAssertionExpression,
  isVariableDeclaration,
} = ts;

export const MAX_DEPTH = 12;

export type ClassNode = ts.ClassLikeDeclaration;

export { isJsLanguage, type JsLanguage } from '../../jslanguage';
import type { JsLanguage } from '../../jslanguage';

const SCRIPT_KIND: Record<JsLanguage, { kind: ts.ScriptKind; ext: string }> = {
  typescript: { kind: ts.ScriptKind.TS, ext: '.ts' },
  typescriptreact: { kind: ts.ScriptKind.TSX, ext: '.tsx' },
  javascript: { kind: ts.ScriptKind.JS, ext: '.js' },
  javascriptreact: { kind: ts.ScriptKind.JSX, ext: '.jsx' },
};

export const COMPILER_OPTIONS: ts.CompilerOptions = {
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

/**
 * Parses only: what the benchmark compares the recognizer against. The tree is named
 * `<folder>/file.<ext>` (files checked together by one program have folders of their own: checker.ts).
 */
export function parseTypeScript(text: string, language: JsLanguage, folder = '/costlint'): ts.SourceFile {
  const { kind, ext } = SCRIPT_KIND[language];
  return ts.createSourceFile(`${folder}/file${ext}`, text, ts.ScriptTarget.Latest, true, kind);
}

export function isOuterExpression(
  node: ts.Node,
): node is ts.ParenthesizedExpression | ts.AsExpression | ts.NonNullExpression | ts.SatisfiesExpression | ts.TypeAssertion {
  return isParenthesizedExpression(node) || isAsExpression(node) || isNonNullExpression(node) || isSatisfiesExpression(node) || isTypeAssertionExpression(node);
}

export function skipOuter(node: ts.Expression): ts.Expression {
  while (isOuterExpression(node)) node = node.expression;
  return node;
}

export function accessName(node: ts.PropertyAccessExpression | ts.ElementAccessExpression): string | undefined {
  if (isPropertyAccessExpression(node)) return node.name.text;
  const arg = node.argumentExpression;
  return isStringLiteralLike(arg) ? arg.text : undefined;
}

export function propertyKey(name: ts.PropertyName): string | undefined {
  if (isIdentifier(name) || isStringLiteral(name) || isNumericLiteral(name) || isNoSubstitutionTemplateLiteral(name)) return name.text;
  return undefined;
}

export function memberName(m: ts.ClassElement): string | undefined {
  return m.name && (isIdentifier(m.name) || isStringLiteral(m.name) || isPrivateIdentifier(m.name)) ? m.name.text : undefined;
}

export function moduleText(spec: ts.Expression): string {
  return isStringLiteralLike(spec) ? spec.text : '';
}

export function isRequire(call: ts.CallExpression): boolean {
  return isIdentifier(call.expression) && call.expression.text === 'require' && call.arguments.length === 1 && isStringLiteralLike(call.arguments[0]);
}

export function jsModuleOf(call: ts.CallExpression): Sym | undefined {
  return jsModule(moduleText(call.arguments[0]));
}

/** Expressions a function returns (an arrow's expression body), not counting nested functions. */
export function returnsOf(fn: ts.FunctionLikeDeclaration): ts.Expression[] {
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

export function isFunctionExpr(n: ts.Node): n is ts.ArrowFunction | ts.FunctionExpression {
  return isArrowFunction(n) || isFunctionExpression(n);
}

export function enclosingClass(node: ts.Node): ClassNode | undefined {
  for (let n = node.parent; n; n = n.parent) {
    if (isClassLike(n)) return n;
    // A plain function has its own `this`; arrow functions and methods keep the class's.
    if (isFunctionDeclaration(n) || isFunctionExpression(n)) return undefined;
  }
  return undefined;
}

/** `await x` → `x` (through parentheses). */
export function skipAwait(e: ts.Expression): ts.Expression {
  const inner = skipOuter(e);
  return isAwaitExpression(inner) ? skipOuter(inner.expression) : inner;
}

/** The function a node is in (its body runs per call), or undefined at the top level. */
export function enclosingFunction(node: ts.Node): ts.SignatureDeclaration | undefined {
  for (let n = node.parent; n; n = n.parent) if (isFunctionLike(n)) return n;
  return undefined;
}

/**
 * The named functions and classes around `node`, outermost first, dotted (`ChatService.reply`): a
 * function expression or arrow function takes the name it is assigned to; anonymous ones are skipped.
 */
export function scopeName(node: ts.Node): string {
  const names: string[] = [];
  for (let p = node.parent; p; p = p.parent) {
    let name: string | undefined;
    if ((isFunctionDeclaration(p) || isMethodDeclaration(p) || isClassDeclaration(p) || isClassExpression(p) || isGetAccessor(p) || isSetAccessor(p)) && p.name)
      name = p.name.getText();
    else if (isConstructorDeclaration(p)) name = 'constructor';
    else if (
      (isArrowFunction(p) || isFunctionExpression(p)) &&
      p.parent &&
      (isVariableDeclaration(p.parent) || isPropertyAssignment(p.parent) || isPropertyDeclaration(p.parent)) &&
      p.parent.initializer === p
    ) {
      name = isIdentifier(p.parent.name) || isStringLiteral(p.parent.name) ? p.parent.name.text : undefined;
    }
    if (name) names.unshift(name);
  }
  return names.join('.');
}
