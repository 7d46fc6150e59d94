// How many times a loop runs a call, when its bounds are static (`LoopCount`): the evaluator's
// reading of loop headers, for the per-loop cost multiplier.
import type { Val } from '../recognizers/values';
import type { Evaluator } from './evaluate';
import type { Expr, LoopCount } from './ir';

/**
 * How many times a loop runs (`LoopCount`), when its bounds are static; null otherwise. A loop
 * over items counts a literal, a list call (`List.of`), a constant (of this file or imported
 * from another module), or a local the front-end
 * says nothing changes in place (`Bindings.unchanged`); never another local list, which code may
 * fill after it is made (`items = []`, then `items << x`); nor an empty one.
 */
export function count<N>(ev: Evaluator<N>, c: LoopCount<N>): number | null {
  const int = (v: Val) => (v.kind === 'num' && Number.isInteger(v.value) && v.value >= 0 ? v.value : null);
  if ('times' in c) return int(ev.val(c.times));
  if ('from' in c) {
    const num = (n: N) => {
      const v = ev.val(n);
      return v.kind === 'num' && Number.isInteger(v.value) ? v.value : null;
    };
    const from = num(c.from);
    const to = num(c.to);
    const step = c.step === undefined ? 1 : num(c.step);
    // A loop counting up by a step that is not positive never ends (`for (i = 0; i < 10; i += -1)`).
    if (from === null || to === null || !step || (c.upOnly && step < 0)) return null;
    // Counting down (Python's `range(10, 0, -1)`) by a negative step.
    const end = c.inclusive ? to + Math.sign(step) : to;
    return Math.max(0, Math.ceil((end - from) / step));
  }
  const e = ev.expr(c.over);
  const inner = e.k === 'group' ? ev.expr(e.inner) : e;
  // A literal, a list call (`List.of(...)`), a constant, or a method of a literal (`%w[a b].freeze`).
  const literal = (k: Expr<N>['k']) => k === 'list' || k === 'map';
  const countable =
    literal(inner.k) ||
    inner.k === 'num' ||
    inner.k === 'static' ||
    // A constant another module exports (`from prompts import TOPICS`), unless this file changes it in place.
    (inner.k === 'imported' && !!ev.bindings.unchanged?.(ev.front.text(inner.node), inner.node)) ||
    (inner.k === 'name' && (inner.space === 'constant' || (inner.space === 'local' && !!ev.bindings.unchanged?.(inner.name, inner.node)))) ||
    (inner.k === 'call' && inner.object !== null && literal(ev.expr(inner.object).k));
  if (!countable) return null;
  const v = ev.val(c.over);
  if (v.kind === 'num') return int(v);
  const n = v.kind === 'list' && !v.open.length ? v.items.length : v.kind === 'obj' && !v.open.length ? v.props.size : null;
  return n ? n : null;
}

/** How many times the loops around a call run it (their counts, innermost first), when each has a static count; null otherwise. */
export function iterations<N>(ev: Evaluator<N>, counts: readonly (LoopCount<N> | undefined)[]): number | null {
  let n = 1;
  for (const c of counts) {
    const k = c ? count(ev, c) : null;
    if (k === null) return null;
    n *= k;
  }
  return n;
}
