// What a call of a function of the file passes for its parameters (a helper's arguments by the
// parameters they fill), and what the file's calls of a function pass for one of its parameters
// (a client, or one constant every caller passes). The evaluator (evaluate.ts) asks.
import { constantKey, oneOf, type Val } from '../recognizers/values';
import type { Span } from '../types';
import type { Evaluator } from './evaluate';
import type { ExprOf, Param, ParameterOf } from './ir';
import { guardKey, paramKey, type ExportedParam, type Guard } from './params';

export class Callers<N> {
  /** What every caller passes for a parameter (`valFromCallers`), by function and parameter; null: nothing one. */
  private readonly fromCallers = new Map<string, Val | null>();

  constructor(private readonly ev: Evaluator<N>) {}

  /**
   * A call's arguments by the names of the parameters they fill (`Param.name`, as the callee's
   * body reads them): positional ones in order until a spread or a rest parameter, named ones by
   * key; a parameter left out takes its default.
   */
  arguments(params: Param<N>[], e: { argsNode: N | null }, depth: number): Map<string, Val> {
    const out = new Map<string, Val>();
    for (const [name, node] of this.argumentNodes(params, e)) {
      const v = this.ev.val(node, depth);
      // An argument that is the caller's own parameter, not known here, is a hole under its name
      // (`wrap(question)` inside `build` fills wrap's `text` hole with `question`, which build's caller fills in turn).
      // (One the caller's callers give options or a default to keeps them: `build(m)` where every call passes a model.)
      const own =
        v.kind === 'unknown' &&
        !v.options &&
        !v.default &&
        (() => {
          const x = this.ev.expr(node);
          return x.k === 'name' && x.space === 'local' && !!this.ev.bindings.parameter?.(x.name, node);
        })();
      out.set(name, own ? { kind: 'str', parts: [{ hole: v.text }], span: v.span, text: v.text, ...(v.param ? { param: v.param } : {}) } : v);
    }
    // `f(**cfg)`, `f(*args)`, `f(...args)`: a known dict fills the parameters its keys name, a known list
    // the positions after those given; anything else may set any parameter left, which takes no default then.
    let open: string | undefined;
    const given = this.ev.args(e);
    for (const a of given) {
      if (a.kind !== 'spread') continue;
      const v = this.ev.val(a.value, depth);
      if (v.kind === 'obj' && !v.open.length) {
        for (const [k, x] of v.props) {
          const p = params.find((q) => q.key === k && !q.rest);
          if (p && !out.has(p.name)) out.set(p.name, x);
        }
      } else if (v.kind === 'list' && !v.open.length) {
        const before = given.indexOf(a);
        let i = given.slice(0, before).filter((x) => x.kind === 'pos').length;
        const positional = params.filter((p) => !p.keyword && !p.rest);
        for (const x of v.items) {
          const p = positional[i++];
          if (p && !out.has(p.name)) out.set(p.name, x);
        }
      } else open ??= v.text;
    }
    for (const p of params) {
      if (out.has(p.name)) continue;
      if (open !== undefined)
        out.set(p.name, { kind: 'unknown', span: e.argsNode === null ? { start: 0, end: 0 } : this.ev.front.span(e.argsNode), text: open });
      else if (p.default !== undefined) out.set(p.name, this.ev.val(p.default, depth));
    }
    return out;
  }
  /**
   * The tests on the parameters of `fn` a return of it is reached under (`FrontEnd.guardsOf`): a call
   * whose arguments fail one does not reach it (params.ts `reachable`).
   */
  returnGuards(ret: N, fn: N, depth = 0): Guard[] {
    const tests = this.ev.front.guardsOf?.(ret);
    if (!tests?.length) return [];
    const key = paramKey(this.ev.front.span(fn), this.ev.ctx?.file);
    const out: Guard[] = [];
    for (const t of tests) {
      const s = this.ev.val(t.subject, depth);
      if (s.kind !== 'unknown' || s.param?.fn !== key || s.param.prefix) continue;
      const values = t.values.map((v) => guardKey(this.ev.val(v, depth)));
      if (values.some((v) => v === null)) continue;
      out.push({ param: s.param.name, ...(s.param.path ? { path: s.param.path } : {}), values: values as string[], negate: t.negate });
    }
    return out;
  }

  /** A call's arguments to a function another module exports, by the parameters they fill (`arguments`), defaults for the ones it leaves out. */
  exportArgs(params: readonly ExportedParam[], e: { argsNode: N | null }, depth: number): Map<string, Val> {
    const args = this.arguments(
      params.map(({ default: _, ...p }) => p),
      e,
      depth,
    );
    for (const p of params) if (p.default && !args.has(p.name)) args.set(p.name, p.default);
    return args;
  }

  /** The argument nodes of a call by the parameters they fill (see `arguments`), defaults left out. */
  argumentNodes(params: Param<N>[], e: { argsNode: N | null }): Map<string, N> {
    const out = new Map<string, N>();
    const positional = params.filter((p) => !p.keyword);
    let i = 0;
    let spread = false;
    for (const a of this.ev.args(e)) {
      if (a.kind === 'spread') spread = true;
      else if (a.kind === 'named') {
        const p = params.find((x) => x.key === a.name);
        if (p) out.set(p.name, a.value);
      } else if (!spread) {
        const p = positional[i++];
        if (p?.rest) spread = true;
        else if (p) out.set(p.name, a.value);
      }
    }
    return out;
  }
  /**
   * What the file's calls of the function `p` (the one whose parameter `name` is, `Bindings.parameter`)
   * pass for `name`: calls on nothing or on the instance that reach that function.
   */
  callerArgs(p: ParameterOf<N>, name: string, all = false): N[] | undefined {
    // A front-end that resolves its callers itself (Python: calls of a method on any instance).
    if (this.ev.bindings.callerArgs) {
      const r = this.ev.bindings.callerArgs(p, name);
      return all && !r.complete() ? undefined : r.args;
    }
    const fn = this.ev.front.id(p.fn);
    const found = this.ev.bindings.callsOf?.(p.name);
    // `all`: every caller must be seen and be a call of this function (a call on another object
    // may be this method too), else what the callers pass is not known.
    if (all && !found?.complete) return undefined;
    const out: N[] = [];
    for (const n of found?.calls ?? []) {
      const e = this.ev.expr(n);
      const callee =
        e.k === 'call' && e.name === p.name && (e.object === null || this.ev.front.isSelf?.(e.object))
          ? this.ev.bindings.callee?.(e.name, e.node, e.object !== null)
          : undefined;
      const arg = callee && this.ev.front.id(callee.fn) === fn ? this.argumentNodes(p.params, e as ExprOf<N, 'call'>).get(name) : undefined;
      if (arg) out.push(arg);
      else if (all) return undefined;
    }
    return out;
  }
  /**
   * A parameter's value when every call of its function in the file passes the same constant
   * (`summarize(text, "gpt-4o-mini")`): unknown, what a caller passes, with that constant as what
   * is assumed.
   */
  valFromCallers(e: ExprOf<N, 'name'>, span: Span, text: string, depth: number): Val | undefined {
    const found = this.passed(e, span, text, depth);
    if (!found) return undefined;
    return found.kind === 'unknown' ? { ...found, span, text } : { kind: 'unknown', span, text, default: found };
  }

  /**
   * What every call of the function passes for the parameter `e` reads: one constant, or one of a
   * few (`ask(q, "gpt-4o-mini")` here, `ask(q, "gpt-4o")` there), as options; undefined when a
   * caller passes something else or not every caller is seen.
   */
  private passed(e: ExprOf<N, 'name'>, span: Span, text: string, depth: number): Val | undefined {
    const p = this.ev.bindings.parameter?.(e.name, e.node);
    if (!p) return undefined;
    // Once per function and parameter: a helper called from a thousand places is read once.
    const key = `${this.ev.front.id(p.fn)}:${e.name}`;
    let found = this.fromCallers.get(key);
    if (found === undefined) {
      found = null;
      // A front-end's own callers say whether they are all of them only when it matters (it scans the file).
      const own = this.ev.bindings.callerArgs?.(p, e.name);
      const vals = ((own ? own.args : this.callerArgs(p, e.name, true)) ?? []).map((a) => this.ev.val(a, depth));
      const first = vals.length ? constantKey(vals[0]) : null;
      if (first !== null && vals.every((v) => constantKey(v) === first) && (!own || own.complete())) found = vals[0];
      else if (vals.length > 1 && vals.every((v) => constantKey(v) !== null) && (!own || own.complete())) found = oneOf(vals, span, text) ?? null;
      this.fromCallers.set(key, found);
    }
    return found ?? undefined;
  }
}
