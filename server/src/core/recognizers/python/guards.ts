// The tests a Python function's return is reached under (`FrontEnd.guardsOf`): the `if` / `elif`
// conditions around it, and the earlier `if`s of its blocks that always leave the function
// (`if p == "openai": return ChatOpenAI()` before `return ChatAnthropic()`). Comparisons of one
// expression with literals only: `==`, `!=`, `is`, `in` / `not in` a list, set or tuple, `not`,
// `and` (and `or` where it must be false); anything else is left out, so never prunes a return.
import type { Node } from 'web-tree-sitter';
import type { Test } from '../../model/ir';

export function pythonGuards(ret: Node): Test<Node>[] {
  const out: Test<Node>[] = [];
  for (let child = ret, n = ret.parent; n; child = n, n = n.parent) {
    if (n.type === 'function_definition' || n.type === 'lambda' || n.type === 'class_definition' || n.type === 'module') break;
    if (n.type === 'if_statement') {
      const cond = n.childForFieldName('condition');
      if (child.equals(n.childForFieldName('consequence') ?? n)) tests(cond, true, out);
      else if (child.type === 'elif_clause' || child.type === 'else_clause') {
        tests(cond, false, out);
        for (const alt of n.childrenForFieldName('alternative')) {
          if (!alt || alt.equals(child)) break;
          if (alt.type === 'elif_clause') tests(alt.childForFieldName('condition'), false, out);
        }
      }
    } else if (n.type === 'elif_clause' && child.equals(n.childForFieldName('consequence') ?? n)) tests(n.childForFieldName('condition'), true, out);
    else if (n.type === 'block') {
      // Earlier `if`s of this block that leave the function: their tests failed to reach here.
      for (let s = child.previousNamedSibling; s; s = s.previousNamedSibling) {
        if (s.type === 'if_statement' && !s.childForFieldName('alternative') && exits(s.childForFieldName('consequence')))
          tests(s.childForFieldName('condition'), false, out);
      }
    }
  }
  return out;
}

/** Whether a block always leaves the function: it ends in `return` or `raise`. */
function exits(block: Node | null): boolean {
  const last = block?.namedChildren.filter((c) => c.type !== 'comment').at(-1);
  return last?.type === 'return_statement' || last?.type === 'raise_statement';
}

/** The comparisons `cond` being `holds` says. */
function tests(cond: Node | null, holds: boolean, out: Test<Node>[]): void {
  if (!cond) return;
  if (cond.type === 'parenthesized_expression' && cond.namedChildren.length === 1) return tests(cond.namedChildren[0], holds, out);
  if (cond.type === 'not_operator') return tests(cond.childForFieldName('argument'), !holds, out);
  if (cond.type === 'boolean_operator') {
    const op = cond.childForFieldName('operator')?.text;
    // `a and b` true, `a or b` false: each part is.
    if ((op === 'and' && holds) || (op === 'or' && !holds)) {
      tests(cond.childForFieldName('left'), holds, out);
      tests(cond.childForFieldName('right'), holds, out);
    }
    return;
  }
  if (cond.type !== 'comparison_operator' || cond.namedChildren.length !== 2) return;
  const [left, right] = cond.namedChildren;
  const op = cond.children
    .filter((c) => !c.isNamed)
    .map((c) => c.type)
    .join(' ');
  if (op === '==' || op === '!=' || op === 'is' || op === 'is not') {
    // `"openai" == provider` too: the literal is the value.
    const literal = (x: Node) => x.type === 'string' || x.type === 'integer' || x.type === 'none';
    const [subject, value] = literal(left) && !literal(right) ? [right, left] : [left, right];
    out.push({ subject, values: [value], negate: (op === '!=' || op === 'is not') === holds });
  } else if ((op === 'in' || op === 'not in') && (right.type === 'list' || right.type === 'set' || right.type === 'tuple')) {
    out.push({ subject: left, values: right.namedChildren.filter((c) => c.type !== 'comment'), negate: (op === 'not in') === holds });
  }
}
