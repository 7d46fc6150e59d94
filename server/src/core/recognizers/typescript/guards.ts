// The tests a TypeScript or JavaScript function's return is reached under (`FrontEnd.guardsOf`):
// the `if` conditions around it, the earlier `if`s of its blocks that always leave the function,
// and the `case`s of a `switch` (with the cases that fall through into them). Comparisons of one
// expression with literals only: `===`, `==`, `!==`, `!=`, `[...].includes(x)`, `!`, `&&` (and
// `||` where it must be false); anything else is left out, so never prunes a return.
import ts from 'typescript';
import type { Test } from '../../model/ir';
import { skipOuter } from './syntax';

export function tsGuards(ret: ts.Node): Test<ts.Node>[] {
  const out: Test<ts.Node>[] = [];
  for (let child: ts.Node = ret, n = ret.parent; n; child = n, n = n.parent) {
    if (ts.isFunctionLike(n) || ts.isClassLike(n) || ts.isSourceFile(n)) break;
    if (ts.isIfStatement(n)) {
      if (child === n.thenStatement) tests(n.expression, true, out);
      else if (child === n.elseStatement) tests(n.expression, false, out);
    } else if (ts.isCaseClause(n) || ts.isDefaultClause(n)) {
      const sw = n.parent.parent;
      const clauses = n.parent.clauses;
      const at = clauses.indexOf(n);
      if (ts.isCaseClause(n)) {
        // This case and the empty ones just before it, which fall through into it; an empty `default:`
        // among them reaches it with any value, and one with statements that do not leave does too.
        const values: ts.Expression[] = [n.expression];
        let i = at - 1;
        for (; i >= 0 && clauses[i].statements.length === 0; i--) {
          const c = clauses[i];
          if (!ts.isCaseClause(c)) break;
          values.push(c.expression);
        }
        const fromAbove = i >= 0 && (clauses[i].statements.length === 0 || !exits(clauses[i].statements));
        if (!fromAbove) out.push({ subject: sw.expression, values, negate: false });
      } else if (at === 0 || (clauses[at - 1].statements.length > 0 && exits(clauses[at - 1].statements))) {
        // `default:` that no case falls into (the clause before it leaves): none of the cases.
        out.push({ subject: sw.expression, values: clauses.flatMap((c) => (ts.isCaseClause(c) ? [c.expression] : [])), negate: true });
      }
    } else if (ts.isBlock(n) || ts.isSourceFile(n)) {
      // Earlier `if`s of this block that leave the function: their tests failed to reach here.
      const statements = n.statements;
      for (let i = statements.indexOf(child as ts.Statement) - 1; i >= 0; i--) {
        const s = statements[i];
        if (ts.isIfStatement(s) && !s.elseStatement && exits(ts.isBlock(s.thenStatement) ? s.thenStatement.statements : [s.thenStatement]))
          tests(s.expression, false, out);
      }
    }
  }
  return out;
}

/** Whether statements always leave the function: they end in `return` or `throw`. */
function exits(statements: readonly ts.Statement[]): boolean {
  const last = statements.at(-1);
  return !!last && (ts.isReturnStatement(last) || ts.isThrowStatement(last));
}

const EQ = new Set([ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken]);
const NE = new Set([ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken]);

/** The comparisons `cond` being `holds` says. */
function tests(expr: ts.Expression, holds: boolean, out: Test<ts.Node>[]): void {
  const cond = skipOuter(expr);
  if (ts.isPrefixUnaryExpression(cond) && cond.operator === ts.SyntaxKind.ExclamationToken) return tests(cond.operand, !holds, out);
  if (ts.isBinaryExpression(cond)) {
    const op = cond.operatorToken.kind;
    // `a && b` true, `a || b` false: each part is.
    if ((op === ts.SyntaxKind.AmpersandAmpersandToken && holds) || (op === ts.SyntaxKind.BarBarToken && !holds)) {
      tests(cond.left, holds, out);
      tests(cond.right, holds, out);
      return;
    }
    if (!EQ.has(op) && !NE.has(op)) return;
    const literal = (x: ts.Expression) => ts.isStringLiteralLike(x) || ts.isNumericLiteral(x);
    const [subject, value] = literal(cond.left) && !literal(cond.right) ? [cond.right, cond.left] : [cond.left, cond.right];
    out.push({ subject, values: [value], negate: NE.has(op) === holds });
    return;
  }
  // `['openai', 'azure'].includes(provider)`.
  if (ts.isCallExpression(cond) && cond.arguments.length === 1 && ts.isPropertyAccessExpression(cond.expression) && cond.expression.name.text === 'includes') {
    const list = skipOuter(cond.expression.expression);
    if (ts.isArrayLiteralExpression(list) && !list.elements.some(ts.isSpreadElement))
      out.push({ subject: cond.arguments[0], values: [...list.elements], negate: !holds });
  }
}
