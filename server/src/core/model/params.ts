// A function's parameters filled at each of its calls. A value read from a parameter stands for
// whatever a caller passes (`Base.param`); a call of the function (`get_llm("gpt-4o-mini")`, in
// the same file or imported from another module) fills those values with its own arguments, in
// what the function returns: a value, or a client whose request parameters it made from them
// (`ChatOpenAI(model=model_name)`). The evaluator (evaluate.ts) and the symbol resolver
// (symbols.ts) call `fillParams`; the front-ends' exports carry `ExportedParam`s for calls from
// other modules.
import type { ClientSym, Sym } from '../recognizers/symbols';
import { constantKey, staticString, type ParamRef, type Val } from '../recognizers/values';
import type { Span } from '../types';

/** A function's key in `ParamRef.fn`, from where it is written, in which file (a function's parameters are filled only at its own calls). */
export function paramKey(span: Span, file: string | undefined): string {
  return `${file ?? ''}:${span.start}-${span.end}`;
}

/** Whether `v` reads a parameter of the function `fn` anywhere (`fillParams` has something to fill). */
export function hasParam(v: Val, fn: string, depth = 0): boolean {
  if (v.param?.fn === fn) return true;
  if (depth > 8) return false;
  if (v.kind === 'obj') return [...v.props.values()].some((x) => hasParam(x, fn, depth + 1));
  if (v.kind === 'list') return v.items.some((x) => hasParam(x, fn, depth + 1));
  return v.kind === 'unknown' && !!v.options?.some((x) => hasParam(x, fn, depth + 1));
}

/** A parameter as another module's calls fill it (`Param` without its syntax): exported with the function. */
export interface ExportedParam {
  name: string;
  /** The name a call passes it by (`key=`, `{ key }`). */
  key: string;
  keyword?: boolean;
  rest?: boolean;
  /** Its default, when a constant: what a call leaving it out passes. */
  default?: Val;
}

/** An attribute read from a value (`ParamRef.path`): an object's property; an enum member's `value` is the member's own value. */
function readPath(v: Val, path: readonly string[]): Val | undefined {
  let x: Val | undefined = v;
  for (const seg of path) {
    if (!x) return undefined;
    // Still a parameter (of the caller): read where that one is filled.
    if (x.param && x.kind !== 'obj' && staticString(x) === undefined)
      x = { kind: 'unknown', span: x.span, text: x.text, param: { ...x.param, path: [...(x.param.path ?? []), seg] } };
    else if (x.kind === 'obj') x = x.props.get(seg);
    else if ((x.kind === 'str' || x.kind === 'num') && seg === 'value') continue;
    else return undefined;
  }
  return x;
}

/** What the argument `arg` gives where the function read it as `ref` (its attributes, a provider prefix). */
function given(ref: ParamRef, arg: Val, at: Val): Val {
  const read = ref.path?.length ? readPath(arg, ref.path) : arg;
  if (!read) return { kind: 'unknown', span: at.span, text: at.text };
  if (!ref.prefix) return read;
  const id = staticString(read);
  if (id !== undefined) return { kind: 'str', parts: [{ text: `${ref.prefix}${id}` }], span: read.span, text: read.text };
  // Still a parameter (of the caller): the prefix is added where that one is filled.
  if (read.param && !read.param.prefix) return { kind: 'unknown', span: read.span, text: read.text, param: { ...read.param, prefix: ref.prefix } };
  const prefixed = (o: Val): Val | undefined => {
    const s = staticString(o);
    return s === undefined ? undefined : { kind: 'str', parts: [{ text: `${ref.prefix}${s}` }], span: o.span, text: o.text };
  };
  if (read.kind === 'unknown' && read.options) {
    const options = read.options.map(prefixed);
    if (options.every((o) => o)) return { ...read, options: options as Val[] };
  }
  if (read.kind === 'unknown' && read.default) {
    const d = prefixed(read.default);
    if (d) return { ...read, default: d };
  }
  // A model routed by a provider (`mistral(model)` given a run-time value) stays billed by that provider.
  return { kind: 'unknown', span: read.span, text: read.text, ...(at.routedBy ? { routedBy: at.routedBy } : {}) };
}

/**
 * `v` (what a function returns, or a part of it) with the parameters of the function `fn` filled by
 * a call's arguments (by parameter name). A parameter the call leaves out keeps what `v` says (its
 * default, assumed). Values of other functions' parameters are left for their own calls.
 */
export function fillParams(v: Val, fn: string, args: ReadonlyMap<string, Val>, depth = 0): Val {
  if (depth > 8) return v;
  if (v.param?.fn === fn) {
    const arg = args.get(v.param.name);
    if (arg) return given(v.param, arg, v);
  }
  switch (v.kind) {
    case 'obj': {
      let changed = false;
      const props = new Map<string, Val>();
      for (const [k, x] of v.props) {
        const y = fillParams(x, fn, args, depth + 1);
        changed ||= y !== x;
        props.set(k, y);
      }
      return changed ? { ...v, props } : v;
    }
    case 'list': {
      const items = v.items.map((x) => fillParams(x, fn, args, depth + 1));
      return items.some((x, i) => x !== v.items[i]) ? { ...v, items } : v;
    }
    case 'unknown': {
      if (!v.options) return v;
      const options = v.options.map((x) => fillParams(x, fn, args, depth + 1));
      return options.some((x, i) => x !== v.options![i]) ? { ...v, options } : v;
    }
    default:
      return v;
  }
}

/** A client a function returns, its request parameters (and its alternatives') filled by a call's arguments (`fillParams`). */
export function fillSymParams(s: Sym | undefined, fn: string, args: ReadonlyMap<string, Val>): Sym | undefined {
  if (s?.kind !== 'client' || !args.size || (!s.bound && !s.alternatives)) return s;
  const one = (c: ClientSym): ClientSym => {
    const bound = c.bound ? fillParams(c.bound, fn, args) : undefined;
    return bound && bound !== c.bound && bound.kind === 'obj' ? { ...c, bound } : c;
  };
  const first = one(s);
  const alternatives = s.alternatives?.map(one);
  return alternatives && alternatives.some((a, i) => a !== s.alternatives![i]) ? { ...first, alternatives } : first;
}

/**
 * A test a return is reached under, on a parameter of its function (`FrontEnd.guardsOf`, read by the
 * evaluator): the parameter (or an attribute of it) is one of `values` (`constantKey`s), or with
 * `negate` none of them.
 */
export interface Guard {
  param: string;
  path?: string[];
  values: string[];
  negate: boolean;
}

/** A constant's key as a guard compares it: `constantKey`, and `None` / `null`. */
export function guardKey(v: Val): string | null {
  return v.kind === 'null' ? 'null' : constantKey(v);
}

/** Whether a call with these arguments may reach a return under `guards`: no guard is known to fail. */
export function reachable(guards: readonly Guard[] | undefined, args: ReadonlyMap<string, Val>): boolean {
  for (const g of guards ?? []) {
    const arg = args.get(g.param);
    const read = arg && (g.path?.length ? readPath(arg, g.path) : arg);
    const key = read ? guardKey(read) : null;
    if (key !== null && g.values.includes(key) === g.negate) return false;
  }
  return true;
}

/** A function's parameters as another module's calls fill them (`ModuleExport.params`): their defaults, when constants, as values. */
export function exportedParams<N>(
  params: readonly { name: string; key: string; keyword?: boolean; rest?: boolean; default?: N }[],
  val: (n: N) => Val,
): ExportedParam[] {
  return params.map(({ name, key, keyword, rest, default: d }) => {
    const v = d === undefined ? undefined : val(d);
    return { name, key, ...(keyword ? { keyword } : {}), ...(rest ? { rest } : {}), ...(v && constantKey(v) !== null ? { default: v } : {}) };
  });
}
