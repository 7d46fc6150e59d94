// A call whose model is chosen at run time among a few known ones: a model argument that is one of
// several literals (`"gpt-4o" if premium else "gpt-4o-mini"`, `MODELS[tier]`, a function returning
// one per branch: `Val.options`), or a client that may be one of several (a factory returning
// `ChatOpenAI(...)` in one branch and `ChatAnthropic(...)` in another: `RawCall.alternatives`).
// Each candidate is built as a call of its own (callsite.ts); the call site is the first one's,
// with the candidates listed on its model and the cost range over all of them. The rules that judge
// a model (retired, unknown, over its limits) look at every candidate (`BuiltCall.candidates`).
import { modelParamsOf } from './catalogue';
import type { BuiltCall } from './callsite';
import { MAX_OPTIONS, readPath, staticString, type ObjVal, type RawCall } from './recognizers/values';
import type { CandidateModel } from './types';
import { mergeParams, OTHERS_NOTE } from './recognizers/symbols';

type Build = (raw: RawCall) => BuiltCall;

/** How many calls one call site may stand for: its client's alternatives times its model's options, at most. */
export const MAX_CANDIDATES = MAX_OPTIONS;

/** The call site of `raw`, with its candidates when its model or client is chosen at run time among known ones. */
export function buildWithCandidates(raw: RawCall, build: Build): BuiltCall {
  const variants = [raw, ...(raw.alternatives ?? []).map((a) => ({ ...raw, ...a, alternatives: undefined }))].flatMap(withOptions);
  if (variants.length > MAX_CANDIDATES || raw.alternativesCut) {
    // Too many to list: none is guessed.
    const b = build(variants[0].raw);
    const note = `the model is one of more than ${MAX_CANDIDATES} models or clients, chosen at run time: not listed, cost unknown`;
    return {
      ...b,
      choice: choiceOf(variants),
      site: {
        ...b.site,
        model: { value: null, expression: variants[0].expression ?? b.site.model.expression, resolved: false },
        estimate: { ...b.site.estimate, costUsd: null, assumptions: [note, ...b.site.estimate.assumptions] },
      },
    };
  }
  if (variants.length === 1) {
    const b = build(variants[0].raw);
    // A choice among one model (`MODELS[tier]` where every tier names the same): that model, as written here.
    const expression = variants[0].expression;
    return expression ? { ...b, choice: choiceOf(variants), site: { ...b.site, model: { ...b.site.model, expression, resolved: false } } } : b;
  }
  const builds = variants.map((v) => build(v.raw));
  // No candidate names its model (clients of several SDKs, each configured at run time): nothing to list
  // or price; the call is the first client's, the other SDKs said (`Sym.others`).
  if (builds.every((b) => b.site.model.value === null)) {
    const [first] = builds;
    // Local ($0) as the first, where another client bills a model not known: not $0.
    if (first.site.estimate.costUsd?.max !== 0 || builds.every((b) => b.site.estimate.costUsd)) return first;
    const note = `the client may also be one billed by a provider (${builds
      .filter((b) => !b.site.estimate.costUsd)
      .map((b) => b.sdk.displayName)
      .join(', ')}), whose model is not known: cost unknown`;
    return { ...first, site: { ...first.site, estimate: { ...first.site.estimate, costUsd: null, assumptions: [note, ...first.site.estimate.assumptions] } } };
  }
  return { ...merged(builds, variants[0].expression ?? null), choice: choiceOf(variants) };
}

/** One call per option of the model argument (`Val.options`), the option in the argument's place; the call itself when it has none. */
function withOptions(raw: RawCall): { raw: RawCall; expression?: string; duplicated?: boolean }[] {
  const { sdk, op } = raw;
  if (op.requestsIn || op.requestsFile) return [{ raw }];
  const params = mergeParams(raw.bound ?? undefined, raw.args);
  const param = modelParamsOf(sdk, op).find((p) => readPath(params, p).value !== undefined);
  const v = param ? readPath(params, param).value : undefined;
  // A dotted parameter (Spring AI's `options.model`) is not one of Python's or TypeScript's: no recognizer that gives options uses one.
  if (!param || param.includes('.') || v?.kind !== 'unknown' || !v.options) return [{ raw }];
  const inArgs = raw.args.props.has(param);
  const holder: ObjVal = inArgs ? raw.args : raw.bound!;
  // Options the request cannot take (`OperationSpec.models`) are not listed, unless none is left.
  const takes = op.models ? new RegExp(op.models.match) : undefined;
  const reachable = takes
    ? v.options.filter((o) => {
        const s = staticString(o);
        return s === undefined || takes.test(s);
      })
    : v.options;
  return (reachable.length ? reachable : v.options).map((o) => {
    const set: ObjVal = { ...holder, props: new Map(holder.props).set(param, o) };
    return { raw: inArgs ? { ...raw, args: set } : { ...raw, bound: set }, expression: v.text, duplicated: !!v.duplicated };
  });
}

/** The first build, standing for all: its model lists the candidates, its cost covers theirs, and it says so. */
function merged(builds: BuiltCall[], expression: string | null): BuiltCall {
  const [first, ...rest] = builds;
  const candidates: CandidateModel[] = [];
  for (const b of builds) {
    const c: CandidateModel = { value: b.site.model.value, provider: b.site.provider, costUsd: b.site.estimate.costUsd };
    const same = candidates.find((x) => x.value === c.value && x.provider === c.provider);
    if (!same) candidates.push(c);
    else if (c.costUsd) same.costUsd = same.costUsd ? widest([same.costUsd, c.costUsd]) : c.costUsd;
  }
  const costUsd = rangeOver(builds);
  // The candidates name the other clients' models: the note that only named their SDKs is not repeated.
  const assumptions = first.site.estimate.assumptions.filter((a) => !OTHERS_NOTE.test(a));
  const name = (c: CandidateModel) => (c.value === null ? `a ${c.provider === 'unknown' ? '' : `${c.provider} `}model not known statically` : `'${c.value}'`);
  const names = candidates.map(name);
  const unpriced = candidates.filter((c) => !c.costUsd).map(name);
  const head = expression
    ? `the model \`${expression}\` is one of ${candidates.length}, chosen at run time: ${names.join(', ')}`
    : `the call goes through one of ${builds.length} clients, chosen at run time, with ${candidates.length > 1 ? `one of ${candidates.length} models: ${names.join(', ')}` : names[0]}`;
  const range = !costUsd
    ? 'the cost is unknown'
    : `the cost range covers ${unpriced.length ? `those priced (${unpriced.join(', ')} not priced: left out)` : 'them all'}`;
  assumptions.unshift(`${head}; ${range}, and the rest of this estimate is for the first${candidates.length > 1 ? ` (${names[0]})` : ''}`);
  const shown = expression ?? first.site.model.expression;
  const model =
    candidates.length > 1
      ? { value: first.site.model.value, expression: shown, resolved: false, candidates }
      : { ...first.site.model, expression: shown, resolved: first.site.model.resolved && builds.every((b) => b.site.model.resolved) };
  // The expected cost is the dearest candidate's: a budget must not pass because a cheap branch is written first.
  const expected = builds
    .map((b) => b.site.estimate.expected)
    .reduce((w, x) => (x && (!w || (x.costUsd ?? -1) > (w.costUsd ?? -1)) ? x : w), first.site.estimate.expected);
  return {
    ...first,
    site: { ...first.site, model, estimate: { ...first.site.estimate, costUsd, assumptions, ...(expected ? { expected } : {}) } },
    candidates: rest,
  };
}

type Usd = { min: number; max: number };

/** The range covering every range given. */
function widest(ranges: readonly Usd[]): Usd {
  return { min: Math.min(...ranges.map((c) => c.min)), max: Math.max(...ranges.map((c) => c.max)) };
}

/**
 * The cost range of a call that may be any of `builds`: over those priced; null when none is, or when only
 * local ($0) ones are and another is not priced ($0 would be a silent guess).
 */
function rangeOver(builds: readonly BuiltCall[]): Usd | null {
  const priced = builds.map((b) => b.site.estimate.costUsd).filter((c) => c !== null);
  const unknown = priced.length < builds.length;
  return priced.length && !(unknown && priced.every((c) => c.max === 0)) ? widest(priced) : null;
}

/** How a call's model was chosen (`BuiltCall.choice`): `duplicated` when an id is written in more than one place. */
function choiceOf(variants: { duplicated?: boolean }[]): BuiltCall['choice'] {
  return variants.some((v) => v.duplicated) ? 'duplicated' : true;
}
