// Binary operators on evaluated values, for every language's front-end: arithmetic on numbers,
// string and list concatenation, `||` / `or` / `??` defaults (an unknown left side keeps the
// right as its assumed default), Ruby's `%` format, and repetition (`"=" * 40`) within the file's
// budget. The evaluator (evaluate.ts) asks; this knows no grammar.
import type { Span } from '../types';
import { arith, concatStr, staticString, type Val } from '../recognizers/values';
import { percentFormat } from '../recognizers/strings';
import { MAX_REPEAT, REPEAT_BUDGET, SMALL_REPEAT } from './runtime';
import type { Evaluator } from './evaluate';
import type { ExprOf } from './ir';

const OR_OPERATORS = new Set(['||', 'or', '??', '?:']);

/** The binary operators, read for one evaluator (one file). */
export class Operators<N> {
  /** The repetitions built so far (by node), and how many more characters this file's may build (`REPEAT_BUDGET`). */
  private readonly repeated = new Set<number>();
  private repeatBudget = REPEAT_BUDGET;

  constructor(private readonly ev: Evaluator<N>) {}

  /** `a * b`, `a + b` on numbers, string concatenation, and `a || b` / `a ?? b` (unknown `a`: unknown with `b` as its default). */
  binary(e: ExprOf<N, 'binary'>, span: Span, text: string, depth: number): Val | undefined {
    const op = e.op;
    // `process.env.MODEL ?? 'gpt-4o'` in TypeScript: unknown, with the fallback it uses.
    if (op === 'default') {
      const d = this.ev.val(e.right, depth);
      return d.kind !== 'unknown' ? { kind: 'unknown', span, text, default: d } : undefined;
    }
    const l = this.ev.val(e.left, depth);
    const r = this.ev.val(e.right, depth);
    if (OR_OPERATORS.has(op)) {
      // What the operator treats as false: nil or null for all, false but for `??`; in Python
      // (`FrontEnd.emptyIsFalse`) also empty strings, zero and empty lists.
      const empty = !!this.ev.front.emptyIsFalse && op !== '??';
      const falsy = (v: Val) =>
        v.kind === 'null' ||
        (op !== '??' && v.kind === 'bool' && !v.value) ||
        (empty &&
          ((v.kind === 'num' && v.value === 0) || (v.kind === 'str' && staticString(v) === '') || (v.kind === 'list' && !v.items.length && !v.open.length)));
      if (l.kind !== 'unknown' && !falsy(l)) return { ...l, span, text };
      // `os.getenv("MODEL", "gpt-4o") or "gpt-4o-mini"`, `model or "x"` with `model="gpt-4.1"`: the left's default, when it is not false itself.
      if (l.kind === 'unknown' && l.default && !falsy(l.default)) return { kind: 'unknown', span, text, default: l.default };
      // A left known to be false (`"" or "gpt-4.1"`): the right.
      if (l.kind !== 'unknown') return r.kind === 'unknown' && !r.default ? undefined : { ...r, span, text };
      const d = r.kind === 'unknown' ? r.default : r;
      return d ? { kind: 'unknown', span, text, default: d } : undefined;
    }
    if (l.kind === 'num' && r.kind === 'num') {
      const n = arith(op, l.value, r.value);
      return n === undefined ? undefined : { kind: 'num', value: n, span, text };
    }
    // "Summarize %s" % [text] (Ruby's String#%).
    if (op === '%' && l.kind === 'str' && this.ev.runtime?.percentFormat) return percentFormat(l, r, span, text);
    if (op === this.ev.front.concatOp && (l.kind === 'str' || r.kind === 'str')) return concatStr(span, text, [l, r]);
    // SYSTEM_MESSAGES + [{role: "user", ...}]: a new list of both (Ruby's Array#+).
    if (op === this.ev.front.listConcatOp && l.kind === 'list' && r.kind === 'list')
      return { kind: 'list', items: [...l.items, ...r.items], open: [...l.open, ...r.open], span, text };
    // BASE + history: the known list first, then what is not known (its name).
    if (op === this.ev.front.listConcatOp && l.kind === 'list' && r.kind === 'unknown')
      return { kind: 'list', items: l.items, open: [...l.open, r.text], span, text };
    // "=" * 40: the text repeated, up to MAX_REPEAT characters.
    if (op === this.ev.front.repeatOp && l.kind === 'str' && r.kind === 'num' && Number.isInteger(r.value) && r.value >= 0) {
      const s = staticString(l);
      const id = this.ev.front.id(e.node);
      const size = s === undefined ? Infinity : s.length * r.value;
      if (size <= SMALL_REPEAT) return { kind: 'str', parts: [{ text: s!.repeat(r.value) }], span, text };
      if (size <= MAX_REPEAT && (this.repeated.has(id) || this.repeatBudget >= size)) {
        if (!this.repeated.has(id)) this.repeatBudget -= size;
        this.repeated.add(id);
        return { kind: 'str', parts: [{ text: s!.repeat(r.value) }], span, text };
      }
    }
    return undefined;
  }
}
