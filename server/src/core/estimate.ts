// A call's priced estimate: the prompt's tokens by the model's encoding (with chat framing and
// images), the output bounded by the cap, and the cost over every way the call may be billed
// (service tiers, data residency), each assumption listed.
import type { OperationSpec, SdkSpec } from './catalogue';
import { formatUsd, roundUsd as round } from './format';
import { imageTokens } from './images';
import { effectivePrices, type PricedModel } from './ratecards';
import { readPath, staticString, type ObjVal } from './recognizers/values';
import { countTokens, type Encoding } from './tokens';
import type { AnalysisSettings, Estimate, OutputCap, Prompt, Reasoning } from './types';

/**
 * Models tiktoken maps to cl100k_base (tiktoken model.py, pricing-facts section 4.1): the
 * encoding of an OpenAI model missing from the rate cards is still known.
 */
const CL100K_MODELS = /^(gpt-4(-(?!o)|$)|gpt-4-|gpt-3\.5-turbo|text-embedding-ada-002|text-embedding-3-(small|large)|davinci-002|babbage-002)/;

/** OpenAI chat framing (openai-cookbook num_tokens_from_messages). */
const TOKENS_PER_MESSAGE = 3;
const TOKENS_PER_NAME = 1;
const REPLY_PRIMING_TOKENS = 3;

/** A way a call is billed: its service tier (null: standard) and whether it keeps its data in a region. */
export interface Billing {
  tier: string | null;
  residency: boolean;
  /** A Vertex AI region other than `global` ('' for one set at run time). */
  region?: string;
}

/**
 * How a call is billed (`OperationSpec.priceParams`): the tier a constant names, data residency (a
 * parameter, or `regional`: an endpoint that keeps the data in a region);
 * a parameter set at run time gives every way it can take (the cost is then a range over them).
 */
export function billingOf(op: OperationSpec, params: ObjVal, regional = false): { variants: Billing[]; notes: string[] } {
  let tiers: (string | null)[] = [null];
  let residency = [regional];
  const notes: string[] = [];
  for (const pp of op.priceParams ?? []) {
    const v = readPath(params, pp.param).value;
    if (!v || v.kind === 'null') continue;
    // A string, or an SDK's constant for one (`openai.ChatCompletionNewParamsServiceTierFlex`).
    // The constant's name spells the value without its underscores (`ServiceTierStandardOnly`: `standard_only`).
    const flat = (s: string) => s.replace(/_/g, '').toLowerCase();
    const named = v.kind === 'unknown' && pp.constants ? new RegExp(pp.constants).exec(v.text)?.[1] : undefined;
    const constant =
      named === undefined
        ? undefined
        : [...Object.keys(pp.tiers ?? {}), ...Object.keys(pp.values ?? {}), 'default', 'standard', 'standard_only'].find((k) => flat(k) === flat(named));
    const value = staticString(v) ?? constant;
    const tierNames = [...new Set(Object.values(pp.tiers ?? {}))];
    if (value === undefined) {
      if (tierNames.length) {
        tiers = [null, ...tierNames];
        notes.push(`\`${pp.param}\` is set at run time: the cost range covers the standard, ${tierNames.join(' and ')} prices`);
      } else if (pp.residency) {
        residency = [false, true];
        notes.push(`\`${pp.param}\` is set at run time: the cost range covers the global and the data-residency price`);
      } else notes.push(`\`${pp.param}\` is set at run time and may change the price; standard price shown`);
    } else if (pp.tiers?.[value]) tiers = [pp.tiers[value]];
    else if (pp.residency?.includes(value)) residency = [true];
    else if (pp.values?.[value]) notes.push(`${pp.param}='${value}': ${pp.values[value]}; standard price shown`);
    else if (pp.tiers && value !== 'default' && value !== 'standard' && value !== 'auto')
      notes.push(
        `${pp.param}='${value}' is not a value costlint prices (${[...Object.keys(pp.tiers), ...Object.keys(pp.values ?? {})].join(', ')}): standard price shown`,
      );
  }
  return { variants: tiers.flatMap((tier) => residency.map((r) => ({ tier, residency: r }))), notes };
}

export function estimateCost(
  prompt: Prompt,
  op: OperationSpec,
  card: PricedModel | undefined,
  bedrockProfile: string | null,
  cap: OutputCap | null,
  today: string,
  assumptions: string[],
  sdk: SdkSpec,
  local = false,
  modelId: string | null = null,
  toolChoiceForcesTool = false,
  sizes: Pick<AnalysisSettings, 'expectedOutputTokens' | 'dynamicParts' | 'configSource'> = {},
  reasoning?: Reasoning,
  /** The ways the call may be billed (`billingOf`): the first is shown, all of them bound the range. */
  billing: Billing[] = [{ tier: null, residency: false }],
): Estimate {
  const encoding: Encoding = card?.tokenizer.encoding ?? (modelId && CL100K_MODELS.test(modelId) ? 'cl100k_base' : 'o200k_base');
  const factor = card?.tokenizer.factor ?? (sdk.provider === 'openai' ? 1 : 1.2);
  const exact = card ? card.tokenizer.exact : sdk.provider === 'openai';
  let tokens = 0;
  // Images: the provider's formula when the model and the size allow one, else an unknown part saying why.
  const provider = card?.provider ?? sdk.provider;
  prompt.parts = prompt.parts.filter((p) => {
    if (!p.image) return true;
    const r = imageTokens(provider, card?.id ?? modelId, p.image);
    if (r.tokens !== null) {
      p.tokens = r.tokens;
      p.image.formula = r.formula;
      return true;
    }
    const why = [p.image.formula, r.why].filter(Boolean).join('; ');
    prompt.unknown.push({ name: `image${p.image.file ? ` ${p.image.file}` : ''} (${why})`, where: p.where });
    return false;
  });
  for (const p of prompt.parts) {
    if (!p.image) p.tokens = Math.round(countTokens(p.text, encoding) * factor);
    tokens += p.tokens!;
  }
  const images = prompt.parts.filter((p) => p.image);
  if (images.length)
    assumptions.push(
      `${images.length} image${images.length === 1 ? '' : 's'} counted by the provider's formula: ${images.map((p) => `${p.image!.file ?? p.where} ${p.image!.width ?? '?'}x${p.image!.height ?? '?'} px = ${p.tokens} tokens (${p.image!.formula})`).join('; ')}`,
    );
  const toolParts = prompt.parts.filter((p) => p.where.startsWith('tools') || p.where.startsWith('functions'));
  if (toolParts.length || prompt.unknown.some((u) => u.where.startsWith('tools'))) {
    assumptions.push('tool definitions counted as their JSON; the provider formats them its own way, so this part is an estimate');
    const overhead = modelId ? op.toolOverhead?.find((o) => o.models.some((m) => modelId.startsWith(m))) : undefined;
    if (overhead) {
      const any = toolChoiceForcesTool;
      const n = any ? overhead.any : overhead.auto;
      prompt.overheadTokens = (prompt.overheadTokens ?? 0) + n;
      tokens += n;
      assumptions.push(
        `includes the tool-use system prompt the provider adds with tools: ${n} tokens for ${modelId} (tool_choice ${any ? 'any/tool' : 'auto/none'})`,
      );
    } else if (op.toolOverhead) {
      assumptions.push(`the provider adds a tool-use system prompt whose size for ${modelId ?? 'this model'} is not in the table: not counted`);
    }
  }
  if (op.chatFraming && prompt.messageCount > 0) {
    const names = prompt.parts.filter((p) => p.where.endsWith('.name')).length;
    const framing = prompt.messageCount * TOKENS_PER_MESSAGE + REPLY_PRIMING_TOKENS + names * TOKENS_PER_NAME;
    prompt.overheadTokens = (prompt.overheadTokens ?? 0) + framing;
    tokens += framing;
    assumptions.push(`includes chat framing: ${TOKENS_PER_MESSAGE} tokens per message and ${REPLY_PRIMING_TOKENS} to prime the reply`);
  }
  if (!exact) {
    assumptions.push(card?.tokenizer.note ?? `no tokenizer known for this model: ${encoding} count${factor !== 1 ? ` x ${factor}` : ''} used`);
  } else if (!card) {
    assumptions.push(`tokens counted with ${encoding}`);
  }
  // Dynamic parts the configuration gives a size: priced at that size, and said so.
  const source = sizes.configSource ?? 'costlint.json';
  let assumed = 0;
  for (const u of prompt.unknown) {
    const n = sizes.dynamicParts?.[u.name] ?? sizes.dynamicParts?.['*'];
    if (n === undefined) continue;
    u.assumedTokens = n;
    assumed += n;
    assumptions.push(
      `\`${u.name}\` assumed ${n.toLocaleString('en-US')} tokens (${source} defaults.dynamicParts${sizes.dynamicParts?.[u.name] === undefined ? "['*']" : ''})`,
    );
  }
  const unknownParts = prompt.unknown.filter((u) => u.assumedTokens === undefined).map((u) => u.name);
  if (unknownParts.length) {
    assumptions.push(
      `${unknownParts.length} dynamic part${unknownParts.length === 1 ? '' : 's'} not counted (0 tokens assumed; give ${unknownParts.length === 1 ? 'it a size' : 'them sizes'} in ${source} defaults.dynamicParts): ${unknownParts.map((n) => `\`${n}\``).join(', ')}`,
    );
  }
  const billedInput = tokens + assumed;

  let outputTokens: number | null = null;
  if (op.images) {
    // Priced per image (priceImages), not per output token.
    outputTokens = 0;
  } else if (!op.cap) {
    assumptions.push(`${op.api} returns no generated tokens`);
    outputTokens = 0;
  } else if (op.cap.elsewhere && !cap) {
    assumptions.push(`the output cap is set in ${op.cap.elsewhere}, not known here`);
  } else if (cap && cap.value !== null) {
    outputTokens = card?.maxOutput ? Math.min(cap.value, card.maxOutput) : cap.value;
    assumptions.push(`output at most ${outputTokens.toLocaleString('en-US')} tokens (${cap.param})`);
  } else if (card?.maxOutput) {
    outputTokens = card.maxOutput;
    assumptions.push(
      cap
        ? `output cap \`${cap.expression}\` is not known statically: worst case is the model's maximum output, ${card.maxOutput.toLocaleString('en-US')} tokens`
        : `no output cap: worst case is the model's maximum output, ${card.maxOutput.toLocaleString('en-US')} tokens`,
    );
  } else if (card) {
    assumptions.push('the rate card gives no maximum output for this model: output cost unknown');
  }
  if (reasoning) assumptions.push(reasoning.note);

  let costUsd: Estimate['costUsd'] = null;
  let pricing: Estimate['pricing'] = null;
  let estimateCache: Estimate['cache'];
  if (local) {
    costUsd = { min: 0, max: 0 };
    pricing = { model: 'local', input: 0, output: 0, cacheRead: null, basis: 'local' };
  } else if (card) {
    const all = billing.map((b) => effectivePrices(card, billedInput, today, op.pricing === 'batch', bedrockProfile, b.tier, b.residency, b.region ?? null));
    const prices = all[0];
    assumptions.push(...prices.notes);
    const said = new Set(prices.notes);
    for (const n of all.slice(1).flatMap((o) => o.notes)) {
      if (said.has(n)) continue;
      assumptions.push(n);
      said.add(n);
    }
    if (outputTokens === null) {
      // Output cost unknown: no honest upper bound.
      costUsd = null;
    } else {
      if (outputTokens > 0 && prices.output === null) assumptions.push('the rate card has no output price for this model');
      // Over the tiers a run-time value can take: the cheapest input to the dearest whole call.
      const min = Math.min(...all.map((p) => (billedInput * p.input) / 1e6));
      const max = Math.max(...all.map((p) => (billedInput * p.input) / 1e6 + (outputTokens * (p.output ?? 0)) / 1e6));
      costUsd = { min: round(min), max: round(max) };
    }
    pricing = {
      model: card.id,
      input: prices.input,
      output: prices.output,
      cacheRead: prices.cacheRead,
      basis: op.pricing === 'batch' ? 'batch' : (prices.tier ?? 'standard'),
    };
    const cachedTokens = prompt.parts.reduce((n, p) => n + (p.cached ? (p.tokens ?? 0) : 0), 0);
    // The write price after the same adjustments as the input (long context, tier, batch, region, residency).
    const write = prompt.cacheTtl === '1h' ? prices.cacheWrite1h : prices.cacheWrite5m;
    // A prefix shorter than the model's minimum is silently not cached (no error says so).
    const belowMinimum = card.minCacheableTokens !== null && cachedTokens > 0 && cachedTokens < card.minCacheableTokens;
    if (belowMinimum) {
      assumptions.push(
        `the cache breakpoint covers ${cachedTokens.toLocaleString('en-US')} tokens, below ${card.id}'s minimum of ${card.minCacheableTokens!.toLocaleString('en-US')}: nothing is cached`,
      );
    }
    if (cachedTokens > 0 && !belowMinimum && write !== null && prices.cacheRead !== null) {
      // The cached prefix is written on the first call and read on repeats; the rest is standard input.
      const rest = ((billedInput - cachedTokens) * prices.input) / 1e6;
      // The output of the billing shown (over a range, max - min spans the tiers, not the output).
      const out = costUsd && all.length === 1 ? costUsd.max - costUsd.min : outputTokens === null ? null : (outputTokens * (prices.output ?? 0)) / 1e6;
      const at = (perM: number) => {
        const inCost = rest + (cachedTokens * perM) / 1e6;
        return out === null ? null : { min: round(inCost), max: round(inCost + out) };
      };
      estimateCache = { tokens: cachedTokens, firstCallUsd: at(write), repeatCallUsd: at(prices.cacheRead) };
      assumptions.push(
        `${cachedTokens.toLocaleString('en-US')} tokens sit before a cache breakpoint (${prompt.cacheTtl ?? '5m'}): the first call writes them at ${formatUsd(write)}/1M, repeats within the lifetime read them at ${formatUsd(prices.cacheRead)}/1M; the cost shown prices them as standard input`,
      );
    }
  }
  let expected: Estimate['expected'];
  if (sizes.expectedOutputTokens !== undefined && op.cap) {
    const thinking = reasoning?.enabled !== false && reasoning?.budgetTokens ? reasoning.budgetTokens : 0;
    let out = sizes.expectedOutputTokens + thinking;
    const capped = outputTokens !== null && out > outputTokens;
    if (capped) out = outputTokens!;
    const why = [`${sizes.expectedOutputTokens.toLocaleString('en-US')} expected output tokens (${source} defaults.expectedOutputTokens)`];
    if (thinking) why.push(`the thinking budget, ${thinking.toLocaleString('en-US')}`);
    if (capped) why.push(`held to the cap, ${out.toLocaleString('en-US')}`);
    if (reasoning && reasoning.enabled !== false && !reasoning.budgetTokens)
      why.push('reasoning tokens not included: no budget is set, only the cap bounds them');
    let usd: number | null = null;
    if (local) usd = 0;
    else if (card && pricing) usd = round((billedInput * pricing.input + out * (pricing.output ?? 0)) / 1e6);
    expected = { outputTokens: out, costUsd: usd, basis: why.join('; ') };
  }
  return {
    ...(estimateCache ? { cache: estimateCache } : {}),
    ...(reasoning ? { reasoning } : {}),
    ...(expected ? { expected } : {}),
    inputTokens: { static: tokens, assumed, unknownParts },
    outputTokens,
    costUsd,
    approximate: !exact,
    tokenizer: {
      encoding,
      factor,
      exact,
      // A published ratio backs the Claude factors (fact sheet 4.2); other providers' tokenizers have none.
      confidence: exact ? 'exact' : card?.provider === 'anthropic' || (!card && sdk.provider === 'anthropic') ? 'approximate' : 'rough',
      note: exact ? null : (card?.tokenizer.note ?? `no tokenizer known for this model: ${encoding}${factor !== 1 ? ` x ${factor}` : ''}`),
    },
    assumptions,
    encoding,
    pricing,
  };
}
