// Turns a recognizer's RawCall into a CallSite: model, output cap, streaming, prompt
// parts, and its priced estimate (estimate.ts), which lists every assumption it made.
import { endpointOf, ENDPOINTS, findOperation, modelParamsOf, type CapSpec, type OperationSpec, type SdkSpec } from './catalogue';
import { REASONING } from './catalogue/reasoning';
import { pipedPrompt, readPrompt, templatePrompt } from './prompt';
import { mergeParams } from './recognizers/symbols';
import type { PricedModel, RateCards } from './ratecards';
import { readPath, staticString, type ObjVal, type RawCall, type Val } from './recognizers/values';
import { billingOf, estimateCost } from './estimate';
import { boundTurns, priceImages } from './volume';
import type { LineIndex } from './text';
import type { AnalysisSettings, CallSite, ModelRef, OutputCap, Reasoning, Span } from './types';

export interface BuiltCall {
  site: CallSite;
  raw: RawCall;
  sdk: SdkSpec;
  op: OperationSpec;
  model: PricedModel | undefined;
  /** The request parameters: the call's own over those bound to its client (the batch's first request for batches). */
  params: ObjVal;
  /** The cap that applies to this call: the operation's, adjusted for SDK version and model family. */
  cap: CapSpec | null;
  /** Where a fix adds a request parameter: the object that sets the model (a constructor, a factory call) or the call's own. */
  insertInto: ObjVal;
  /**
   * A cap parameter the call sets that does not work: `rejected` by the API for this model (OpenAI
   * `max_tokens` on o-series and GPT-5+ Chat Completions), or `ignored` by the SDK version in use
   * (AI SDK 5+ drops `maxTokens`). `replacement` is the parameter to use instead.
   */
  unsupportedCap?: { param: string; replacement: string; why: 'rejected' | 'ignored'; detail: string };
  /**
   * The request goes to another server through the SDK's base URL (a compatible provider, a
   * gateway, a proxy, a base URL set at run time): not the SDK's own API (or Azure's copy of it).
   */
  elsewhere: boolean;
  /**
   * The model is the library's own default, assumed because the call and the project name none
   * (RubyLLM's `gpt-4.1-nano`): priced, but not judged (an app usually configures its own).
   */
  libraryDefaultModel?: boolean;
  /**
   * The model id is not in the rate card of the provider that bills the call: the ids closest to
   * it. `lookup`: the id looked up, after a provider prefix (`googleai/`) was taken off.
   */
  unknownModel?: { id: string; lookup: string; provider: string | null; suggestions: string[] };
  /** The other calls this one may be, its model chosen at run time (candidates.ts): the rules judging a model look at each. */
  candidates?: BuiltCall[];
  /** Its model was chosen at run time (candidates.ts): a fix of the model edits only inside the call, and only an id written once. */
  choice?: true | 'duplicated';
}

/** Major versions of the dependencies in the file's nearest package.json, by package name. */
export type PackageVersions = Record<string, string>;

export function buildCallSite(
  raw: RawCall,
  sdk: SdkSpec,
  called: OperationSpec,
  language: CallSite['language'],
  cards: RateCards,
  lines: LineIndex,
  today: string,
  packages?: PackageVersions,
  sizes: Pick<AnalysisSettings, 'expectedOutputTokens' | 'dynamicParts' | 'configSource'> = {},
): BuiltCall {
  const assumptions: string[] = [...(called.notes ?? []), ...(raw.notes ?? [])];
  let params = mergeParams(raw.bound ?? undefined, raw.args);
  let batchSize: number | null = null;
  let op = called;
  if (op.requestsFile) {
    // OpenAI Batch: priced as the operation each line's url names, at batch rates.
    const file = requestsFromFile(params, op.requestsFile, sdk, assumptions);
    if (file) {
      op = { ...file.op, pricing: 'batch' };
      params = file.params;
      batchSize = file.count;
    }
  }
  if (op.requestsIn) {
    const list = params.props.get(op.requestsIn.list);
    const first = list?.kind === 'list' ? list.items[0] : undefined;
    const inner = first?.kind === 'obj' ? first.props.get(op.requestsIn.item) : undefined;
    if (list?.kind === 'list' && list.open.length === 0) batchSize = list.items.length;
    if (inner?.kind === 'obj') params = inner;
    else {
      const shown = list ? list.text : `${op.requestsIn.list} (missing)`;
      params = { kind: 'obj', props: new Map(), open: [shown], node: null, span: raw.args.span, text: shown };
    }
  }

  for (const n of op.notesWhen ?? []) if (params.props.has(n.param)) assumptions.push(n.note);
  const modelParams = modelParamsOf(sdk, op);
  // Model parameters may be dotted paths into an options object (Spring AI's `options.model`).
  const modelParam = modelParams.find((p) => readPath(params, p).value !== undefined) ?? modelParams[0];
  // No model named: the library's configured default (RubyLLM's `config.default_model`), said.
  const named = readPath(params, modelParam).value;
  const fallback = op.modelDefault && !params.open.length ? libraryDefault(op.modelDefault, params) : undefined;
  const modelVal = named ?? (fallback ? defaultVal(fallback, raw.span) : undefined);
  const model = acceptedBy(op, withProvider(readModel(modelVal), params, sdk), assumptions);
  const ignored: NonNullable<BuiltCall['unsupportedCap']>[] = [];
  const cap = capFor(op, sdk, model.value, params, packages, assumptions, ignored);
  const outputCap = readCap(params, cap);
  const streaming = readStreaming(params, op);
  const prompt = raw.piped ? (raw.template ? templatePrompt(raw.template, params, op) : pipedPrompt(raw.piped)) : readPrompt(params, op);
  for (const p of prompt.parts) if (p.source && !p.source.path) p.source.range = lines.range(p.source.span);
  // A fix goes next to the model: into the constructor or factory call that set it, else the call.
  // Bound parameters with no place in this file (a chain's `with_model`, an adapter's model) leave the call's own.
  // A call taking no request parameters (`capInBound`): the client's constructor, or nowhere (an object without a node gets no edit).
  const insertInto = raw.capInBound
    ? (raw.bound ?? { kind: 'obj' as const, props: new Map(), open: [], node: null, span: raw.span, text: '' })
    : op.requestsIn || called.requestsFile
      ? params
      : raw.bound && raw.bound.node !== null && !raw.args.props.has(modelParam) && raw.bound.props.has(modelParam)
        ? raw.bound
        : raw.args;

  const capVal = outputCap ? readPath(params, outputCap.param).value : undefined;
  if (outputCap && outputCap.value !== null && capVal?.kind === 'unknown') {
    assumptions.push(`output cap \`${outputCap.expression}\` is set at run time; its default ${outputCap.value.toLocaleString('en-US')} assumed`);
  }
  const platform = raw.clientClass ? sdk.platforms?.[raw.clientClass] : undefined;
  const routed = model.value ? routeByModelPrefix(model.value, sdk, cards, assumptions) : routeByProvider(modelVal, sdk, cards);
  const target = routed?.route ?? routeOf(raw, sdk, platform, cards, assumptions);
  let lookupId = routed?.id ?? model.value;
  for (const prefix of sdk.modelIdPrefixes ?? []) if (lookupId?.startsWith(prefix)) lookupId = lookupId.slice(prefix.length);
  for (const pattern of sdk.modelIdPatterns ?? []) {
    const m = lookupId ? new RegExp(pattern).exec(lookupId) : null;
    if (m?.[1]) lookupId = m[1];
  }
  // A known endpoint is priced from its provider's card only; without one, any card may match
  // (a model of another provider through this SDK is said below).
  let found = lookupId && target.provider !== null && !target.local ? cards.lookup(lookupId, target.scoped ? target.provider : undefined) : undefined;
  // Gateways spell versions with dots (`anthropic/claude-haiku-4.5` on the Vercel AI Gateway) where
  // the provider's own id has dashes (`claude-haiku-4-5`).
  const dashed = lookupId?.replace(/(\d)\.(\d)/g, '$1-$2');
  if (!found && dashed && dashed !== lookupId && target.provider !== null && !target.local) {
    found = cards.lookup(dashed, target.scoped ? target.provider : undefined);
    if (found) assumptions.push(`'${lookupId}' priced as ${found.model.id} (the provider's spelling)`);
  }
  const card = found?.model;
  if (found?.note) assumptions.push(found.note);
  let unknown: BuiltCall['unknownModel'];
  if (model.value === null) {
    if (model.expression) assumptions.push(`model \`${model.expression}\` is not known statically: cost unknown`);
    else if (params.open.length)
      assumptions.push(`the model is inside ${params.open.map((o) => `\`${o}\``).join(', ')}, which could not be read: cost unknown`);
    else assumptions.push('no model argument: cost unknown');
  } else if (!named && fallback && model.value === fallback.value) {
    assumptions.push(`no model named: ${fallback.expression}, '${model.value}', assumed`);
  } else if (!model.resolved) {
    assumptions.push(
      `model \`${model.expression}\` is set at run time; its default '${model.value}'${model.defaultFrom ? ` (${model.defaultFrom})` : ''} assumed`,
    );
  }
  if (model.value !== null && !card && target.provider !== null && !target.local) {
    assumptions.push(`model '${model.value}' is not in the ${target.scoped ? `${target.provider} rate card` : 'rate cards'}: cost unknown`);
    unknown = {
      id: model.value,
      lookup: lookupId ?? model.value,
      provider: target.scoped ? target.provider : null,
      suggestions: cards.nearest(lookupId ?? model.value, target.scoped ? (target.provider ?? undefined) : undefined),
    };
  }
  // Vertex AI: the region the client names; `global`, a region (priced higher for Claude 4.5+), or run time (both).
  let vertexRegions: (string | null)[] = [null];
  if (platform === 'vertex' && card?.regionalEndpointMultiplier && card.regionalEndpointMultiplier !== 1) {
    const pct = Math.round((card.regionalEndpointMultiplier - 1) * 100);
    const region = raw.region;
    if (region?.name && region.name !== 'global') vertexRegions = [region.name];
    else if (!region?.name) {
      vertexRegions = [null, ''];
      assumptions.push(
        `Vertex AI: the region is ${region ? `\`${region.expression}\`, set at run time` : 'not given here (CLOUD_ML_REGION)'}: the cost range covers the global endpoint and a regional one, ${pct}% more for ${card.id}`,
      );
    }
  }
  if (card && !target.scoped && !sdk.modelPrefixes && card.provider !== sdk.provider)
    assumptions.push(`'${model.value}' is a ${card.provider} model called through the ${sdk.displayName} SDK`);

  const toolChoice = params.props.get('tool_choice');
  const forced =
    toolChoice?.kind === 'obj'
      ? /^(any|tool)$/.test(staticString(toolChoice.props.get('type')) ?? '')
      : /^(any|required)$/.test(staticString(toolChoice) ?? '');
  const reasoning = readReasoning(params, card);
  const billed = billingOf(op, params, target.residency === true);
  const billing = { variants: billed.variants.flatMap((b) => vertexRegions.map((r) => (r !== null ? { ...b, region: r } : b))), notes: billed.notes };
  const estimate = estimateCost(
    prompt,
    op,
    card,
    found?.profile ?? null,
    outputCap,
    today,
    assumptions,
    sdk,
    target.local,
    card?.id ?? lookupId ?? null,
    forced,
    sizes,
    reasoning,
    billing.variants,
  );
  if (op.images) priceImages(estimate, params, op.images, card);
  if (op.turns) boundTurns(estimate, params, op.turns);
  assumptions.push(...billing.notes);
  if (params.open.length) assumptions.push(`parameters passed through ${params.open.map((o) => `\`${o}\``).join(', ')} could not be read`);
  if (batchSize !== null) assumptions.push(`estimate is per request; this batch sends ${batchSize} request${batchSize === 1 ? '' : 's'}`);
  if (raw.loop)
    assumptions.push(
      `runs once per iteration (${raw.loop}${typeof raw.iterations === 'number' ? `, ${raw.iterations.toLocaleString('en-US')} times` : ''}): the cost shown is per call`,
    );

  const site: CallSite = {
    span: raw.span,
    range: lines.range(raw.span),
    nameSpan: raw.nameSpan,
    nameRange: lines.range(raw.nameSpan),
    language,
    provider: target.local ? 'local' : target.scoped ? (target.provider ?? 'unknown') : (card?.provider ?? (sdk.modelPrefixes ? 'unknown' : sdk.provider)),
    sdk: sdk.id,
    api: op.api,
    operation: called.path,
    model,
    outputCap,
    streaming,
    id: [raw.scope, raw.op.path].filter(Boolean).join('::'),
    inLoop: raw.loop !== null,
    loop: raw.loop,
    ...(typeof raw.iterations === 'number' ? { iterations: raw.iterations } : {}),
    prompt,
    estimate,
    opaqueArguments: params.open.length > 0,
  };
  // OpenAI rejects `max_tokens` on Chat Completions for o-series and GPT-5+ (pricing-facts section 2);
  // compatible providers still take it, so only calls priced as OpenAI's own models are checked.
  let unsupportedCap = ignored[0];
  if (
    !unsupportedCap &&
    sdk.id === 'openai' &&
    op.api === 'chat.completions' &&
    outputCap?.param === 'max_tokens' &&
    card?.acceptsMaxTokens === false &&
    card.provider === 'openai'
  ) {
    unsupportedCap = {
      param: 'max_tokens',
      replacement: 'max_completion_tokens',
      why: 'rejected',
      detail: `${card.id} rejects it on Chat Completions (400 unsupported_parameter)`,
    };
  }
  const ownHost = raw.endpoint?.url ? endpointOf(raw.endpoint.url)?.provider === sdk.provider : false;
  const elsewhere = !!raw.endpoint && !ownHost && platform !== 'azure';
  const libraryDefaultModel = !named && !!op.modelDefault?.configurable;
  return {
    site,
    raw,
    sdk,
    op,
    model: card,
    params,
    cap,
    insertInto,
    elsewhere,
    ...(libraryDefaultModel ? { libraryDefaultModel } : {}),
    ...(unsupportedCap ? { unsupportedCap } : {}),
    ...(unknown && !libraryDefaultModel ? { unknownModel: unknown } : {}),
  };
}

/**
 * The requests of a batch input file (JSONL: `{"custom_id", "method", "url", "body"}` per line):
 * the first line's body as the parameters, priced as the operation its url names. Undefined,
 * with the reason said, when the file cannot be read or has no request it knows.
 */
function requestsFromFile(
  params: ObjVal,
  spec: NonNullable<OperationSpec['requestsFile']>,
  sdk: SdkSpec,
  assumptions: string[],
): { op: OperationSpec; params: ObjVal; count: number } | undefined {
  const v = params.props.get(spec.param);
  const up = v?.uploaded;
  if (!v || !up) {
    assumptions.push(`the batch's requests are in ${v ? `\`${v.text}\`` : `\`${spec.param}\` (missing)`}, a file uploaded elsewhere: cost unknown`);
    return undefined;
  }
  if (up.text === undefined) {
    assumptions.push(`the batch's requests file was not read (${up.error}): cost unknown`);
    return undefined;
  }
  const lines: { url?: unknown; body?: unknown }[] = [];
  for (const line of up.text.split(/\r?\n/)) {
    if (!line.trim()) continue;
    try {
      lines.push(JSON.parse(line) as { url?: unknown; body?: unknown });
    } catch {
      assumptions.push(`${up.path}: a line is not JSON and was skipped`);
    }
  }
  const first = lines.find((l) => typeof l.url === 'string' && spec.urls[l.url] && l.body && typeof l.body === 'object');
  const path = first ? spec.urls[first.url as string] : undefined;
  const op = path ? findOperation(sdk, path.split('.'), 'python') : undefined;
  if (!first || !op) {
    assumptions.push(`${up.path} has no request costlint can read (${Object.keys(spec.urls).join(', ')}): cost unknown`);
    return undefined;
  }
  const models = new Set(lines.map((l) => (l.body as { model?: unknown } | undefined)?.model).filter((m) => typeof m === 'string'));
  assumptions.push(
    `OpenAI Batch: the requests in ${up.path}, at batch rates; the first one is priced` +
      (models.size > 1 ? ` (the file uses ${models.size} models: ${[...models].join(', ')})` : ''),
  );
  const body = jsonVal(first.body, v.span, up.path);
  return body.kind === 'obj' ? { op, params: body, count: lines.length } : undefined;
}

/** A parsed JSON value as a `Val` (a batch file's request body): no syntax node, so no fix edits it. */
function jsonVal(x: unknown, span: Val['span'], text: string): Val {
  if (typeof x === 'string') return { kind: 'str', parts: [{ text: x }], span, text };
  if (typeof x === 'number') return { kind: 'num', value: x, span, text };
  if (typeof x === 'boolean') return { kind: 'bool', value: x, span, text };
  if (Array.isArray(x)) return { kind: 'list', items: x.map((i) => jsonVal(i, span, text)), open: [], span, text };
  if (x && typeof x === 'object')
    return { kind: 'obj', props: new Map(Object.entries(x).map(([k, i]) => [k, jsonVal(i, span, text)])), open: [], node: null, span, text };
  return { kind: 'null', span, text };
}

/** `init_chat_model('gpt-4o', model_provider='openai')`: the provider parameter as a model prefix. */
function withProvider(model: ModelRef, params: ObjVal, sdk: SdkSpec): ModelRef {
  const param = sdk.providerParams?.find((p) => params.props.has(p));
  if (!param || model.value === null) return model;
  const v = params.props.get(param);
  const constant = sdk.providerConstants && v ? new RegExp(sdk.providerConstants).exec(v.text)?.[1]?.toLowerCase() : undefined;
  const provider = staticString(v) ?? constant;
  const sep = sdk.prefixSeparator ?? '/';
  if (!provider || model.value.includes(sep)) return model;
  return { ...model, value: `${provider}${sep}${model.value}` };
}

function majorVersion(range: string | undefined): number | null {
  const m = range ? /(\d+)/.exec(range.replace(/^(npm:[^@]+@)/, '')) : null;
  return m ? Number(m[1]) : null;
}

/**
 * The cap parameters for this call: per SDK version (AI SDK 4 `maxTokens`, 5+ `maxOutputTokens`,
 * read from package.json) and per model family (Bedrock InvokeModel bodies).
 */
function capFor(
  op: OperationSpec,
  sdk: SdkSpec,
  modelId: string | null,
  params: ObjVal,
  packages: PackageVersions | undefined,
  assumptions: string[],
  ignored: NonNullable<BuiltCall['unsupportedCap']>[],
): CapSpec | null {
  let cap = op.cap;
  if (!cap) return null;
  const v = cap.byVersion;
  if (v) {
    const major = majorVersion(packages?.[v.package]);
    const set = (p: string[]) => p.filter((x) => readPath(params, x).value);
    if (major === null) {
      // Either spelling may be right: read both, insert the current one.
      cap = { ...cap, params: [...cap.params, ...v.params] };
      if (set(cap.params).length === 0)
        assumptions.push(`${sdk.displayName} version not found in a package.json: the fix uses the current cap parameter (${cap.insert})`);
    } else if (major < v.below) {
      cap = { ...cap, params: v.params, insert: v.insert, jsInsert: v.insert };
      for (const p of set(op.cap!.params)) assumptions.push(`\`${p}\` is not read by ${v.package} ${major} (package.json): it takes ${v.params.join(', ')}`);
    } else {
      for (const p of set(v.params)) {
        assumptions.push(`\`${p}\` is ignored by ${v.package} ${major} (package.json), which reads ${cap.params.join(', ')}: the output is not capped`);
        ignored.push({ param: p, replacement: cap.jsInsert ?? cap.insert, why: 'ignored', detail: `${v.package} ${major} (package.json) ignores it` });
      }
    }
  }
  const family = modelId ? cap.byModel?.find((m) => modelId.includes(m.contains)) : undefined;
  if (family) cap = { ...cap, insert: family.insert, jsInsert: undefined, required: family.required ?? cap.required };
  return cap;
}

interface Route {
  /** Rate-card provider, or null when no card prices this endpoint. */
  provider: string | null;
  /** True when the endpoint fixes the provider: look the model up in that card only. */
  scoped: boolean;
  local: boolean;
  /** The endpoint keeps the data in a region (OpenAI's `eu.api.openai.com`): data-residency prices. */
  residency?: boolean;
}

/** SDKs that route by model string (`anthropic/claude-...`): the provider its prefix names. */
function routeByModelPrefix(value: string, sdk: SdkSpec, cards: RateCards, assumptions: string[]): { route: Route; id: string } | undefined {
  const sep = sdk.prefixSeparator ?? '/';
  const slash = value.indexOf(sep);
  if (!sdk.modelPrefixes || slash < 0) return undefined;
  const prefix = value.slice(0, slash);
  if (!(prefix in sdk.modelPrefixes)) return undefined;
  const id = value.slice(slash + sep.length);
  const to = sdk.modelPrefixes[prefix];
  const who = `${sdk.displayName} routes '${value}' to ${prefix}`;
  if (to === 'local') {
    assumptions.push(`${who}, a local server: priced $0`);
    return { route: { provider: null, scoped: true, local: true }, id };
  }
  if (to === '*') {
    assumptions.push(`${who}: '${id}' is looked up in every rate card`);
    return { route: { provider: sdk.provider, scoped: false, local: false }, id };
  }
  if (to === null || !cards.hasProvider(to)) {
    assumptions.push(`${who}, which has no rate card: cost unknown`);
    return { route: { provider: null, scoped: true, local: false }, id };
  }
  assumptions.push(`${who}: priced from the ${to} rate card`);
  return { route: { provider: to, scoped: true, local: false }, id };
}

/** A model not known statically made by a provider that routes it (`mistral(process.env.MODEL)`): billed by that provider, price unknown. */
function routeByProvider(v: Val | undefined, sdk: SdkSpec, cards: RateCards): { route: Route; id: null } | undefined {
  const prefix = v?.kind === 'unknown' ? v.routedBy : undefined;
  const to = prefix !== undefined ? sdk.modelPrefixes?.[prefix] : undefined;
  if (to === undefined || to === '*') return undefined;
  if (to === 'local') return { route: { provider: null, scoped: true, local: true }, id: null };
  return { route: { provider: to !== null && cards.hasProvider(to) ? to : null, scoped: true, local: false }, id: null };
}

/** Which provider a call is billed by: the client's base URL when it sets one, else the SDK's. */
function routeOf(raw: RawCall, sdk: SdkSpec, platform: string | undefined, cards: RateCards, assumptions: string[]): Route {
  if (sdk.local) {
    assumptions.push(`${sdk.displayName} runs models on your own machines: priced $0 (local)`);
    return { provider: null, scoped: true, local: true };
  }
  const ep = raw.endpoint;
  if (ep && ep.url === null) {
    assumptions.push(`the client's base URL (\`${ep.expression}\`) is set at run time: priced as ${sdk.displayName}, which it is by default`);
    return { provider: sdk.provider, scoped: false, local: false };
  }
  if (ep?.fromDefault) assumptions.push(`the client's base URL \`${ep.expression}\` is set at run time; its default ${ep.url} assumed`);
  const endpoint = ep?.url ? endpointOf(ep.url) : platform === 'azure' ? ENDPOINTS.find((e) => e.host === '.openai.azure.com') : undefined;
  if (!endpoint) return { provider: sdk.provider, scoped: false, local: false };
  if (endpoint.note) assumptions.push(endpoint.note);
  if (endpoint.local) {
    assumptions.push(`sent to ${endpoint.label} (${endpoint.host}): local, priced $0`);
    return { provider: null, scoped: true, local: true };
  }
  if (endpoint.provider === null || !cards.hasProvider(endpoint.provider)) {
    assumptions.push(`sent to ${endpoint.label}${endpoint.label === endpoint.host ? '' : ` (${endpoint.host})`}, which has no rate card: cost unknown`);
    return { provider: null, scoped: true, local: false };
  }
  if (endpoint.provider !== sdk.provider) assumptions.push(`sent to ${endpoint.label} (${endpoint.host}): priced from the ${endpoint.provider} rate card`);
  return { provider: endpoint.provider, scoped: true, local: false, ...(endpoint.residency ? { residency: true } : {}) };
}

function readModel(v: Val | undefined): ModelRef {
  if (!v) return { value: null, expression: null, resolved: false };
  const s = staticString(v);
  if (s !== undefined) return { value: s, expression: v.text, resolved: true };
  if (v.kind === 'unknown' && v.default) {
    const d = staticString(v.default);
    if (d !== undefined)
      return {
        value: d,
        expression: v.text,
        resolved: false,
        ...(v.default?.origin?.path ? { defaultFrom: `\`${v.default.origin.name}\`'s default in ${v.default.origin.path}` } : {}),
      };
  }
  return { value: null, expression: v.text, resolved: false };
}

/** A default the request cannot take (a Gemini model's default at Imagen's `generate_images`): not assumed, and said. */
function acceptedBy(op: OperationSpec, model: ModelRef, assumptions: string[]): ModelRef {
  if (!op.models || model.resolved || model.value === null || new RegExp(op.models.match).test(model.value)) return model;
  assumptions.push(
    `model \`${model.expression}\` is set at run time; its default '${model.value}' is not a model ${op.path} takes (${op.models.family} models only): not assumed`,
  );
  return { value: null, expression: model.expression, resolved: false };
}

function readCap(params: ObjVal, cap: CapSpec | null): OutputCap | null {
  if (!cap) return null;
  for (const p of cap.params) {
    const v = readPath(params, p).value;
    if (!v || v.kind === 'null') continue;
    let value: number | null = null;
    if (v.kind === 'num') value = v.value;
    else if (v.kind === 'unknown' && v.default?.kind === 'num') value = v.default.value;
    return { param: p, value, expression: v.text };
  }
  // The library caps a call that sets nothing (langchainrb's Anthropic class: 256).
  if (cap.default && !params.open.length) return { param: cap.params[0], value: cap.default.value, expression: cap.default.expression };
  return null;
}

/** A library default standing for a parameter the call does not set: unknown, with the default assumed. */
/** The library's default model for this request: `unless` one of its parameters picks another. */
function libraryDefault(d: NonNullable<OperationSpec['modelDefault']>, params: ObjVal): { value: string; expression: string } {
  const u = d.unless;
  if (!u) return d;
  const set =
    u.params.some((p) => params.props.has(p)) || Object.entries(u.values ?? {}).some(([p, vs]) => vs.includes(staticString(params.props.get(p)) ?? ''));
  return set ? u : d;
}

function defaultVal(d: { value: string; expression: string }, span: Span): Val {
  return { kind: 'unknown', span, text: d.expression, default: { kind: 'str', parts: [{ text: d.value }], span, text: JSON.stringify(d.value) } };
}

function readStreaming(params: ObjVal, op: OperationSpec): boolean | null {
  if (op.streaming !== 'param' && op.streaming !== 'callback') return op.streaming;
  const v = params.props.get('stream');
  if (!v || v.kind === 'null') return params.open.length ? null : false;
  if (v.kind === 'bool') return v.value;
  // A callback written in place (`stream: proc { |chunk| ... }`, a lambda, `method(:on_chunk)`)
  // streams; a variable may hold one or nil, which does not.
  return op.streaming === 'callback' && /^(proc\b|lambda\b|->|Proc\.new\b|method\()/.test(v.text) ? true : null;
}

/**
 * The reasoning controls a request sets, wherever its SDK spells them: OpenAI `reasoning_effort` /
 * `reasoning: {effort}`, Anthropic `thinking: {type, budget_tokens}` and `output_config.effort`,
 * Gemini `thinking_config.thinking_budget` / `thinking_level`, the AI SDK's `providerOptions` and
 * `reasoning`, Bedrock's `additionalModelRequestFields`. Only parameter objects are searched, never
 * message lists (the spellings: `catalogue/reasoning.ts`). Undefined when the model does not reason and no control is set.
 */
function readReasoning(params: ObjVal, card: PricedModel | undefined): Reasoning | undefined {
  const controls: string[] = [];
  let budget: number | null = null;
  let effort: string | null = null;
  let enabled: boolean | null = null;
  const visit = (o: ObjVal, path: string, depth: number): void => {
    for (const [k, v] of o.props) {
      const at = path ? `${path}.${k}` : k;
      if (REASONING.budgetKeys.has(k) && v.kind === 'num') {
        controls.push(at);
        budget = v.value;
        if (v.value === 0) enabled = false;
      } else if (REASONING.effortKeys.has(k) || (k === 'reasoning' && v.kind === 'str')) {
        const e = staticString(v);
        controls.push(at);
        effort = e ?? `\`${v.text}\` (set at run time)`;
        if (e === 'none') enabled = false;
      } else if (k === 'type' && /(^|\.)thinking$/.test(path)) {
        const t = staticString(v);
        controls.push(at);
        if (t === 'disabled') enabled = false;
        else if (t === 'enabled' || t === 'adaptive') enabled = true;
      } else if (v.kind === 'obj' && depth < 4 && REASONING.objects.has(k)) visit(v, at, depth + 1);
    }
  };
  visit(params, '', 0);
  if (!card?.reasoning && controls.length === 0) return undefined;
  const b = budget as number | null;
  const e = effort as string | null;
  const on = enabled as boolean | null;
  let note: string;
  if (on === false) note = `reasoning turned off (${controls.join(', ')}): no thinking tokens`;
  else if (b !== null && b > 0)
    note = `reasoning: thinking budget ${b.toLocaleString('en-US')} tokens (${controls.join(', ')}), billed as output within the cap`;
  else if (b === -1) note = `reasoning: dynamic thinking budget (${controls.join(', ')}): thinking tokens billed as output, bounded only by the cap`;
  else if (e)
    note = `reasoning at effort ${e.startsWith('`') ? e : `'${e}'`} (${controls.join(', ')}): thinking tokens billed as output, bounded only by the cap`;
  else note = 'reasoning model: thinking tokens are billed as output and count toward the cap';
  return { enabled: on, effort: e, budgetTokens: b !== null && b > 0 ? b : null, controls, note };
}
