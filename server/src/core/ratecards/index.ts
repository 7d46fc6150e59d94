// Rate cards: one JSON file per provider under ratecards/, validated at load with zod.
// A bad entry is reported (file, entry, field) and skipped; the rest of the file loads.
import { parse as parseJsonc, type ParseError } from 'jsonc-parser';
import { distance } from 'fastest-levenshtein';
import { modelSchema, rateCardFileSchema, type ModelCard, type ServiceTier, type ServiceTierRule, type Tier } from './schema';

export type { ModelCard, Tier } from './schema';

export interface PricedModel extends ModelCard {
  provider: string;
  file: string;
  /** Changes the project's configuration made to the card's prices (a discount, a negotiated price), said with every estimate. */
  adjustments?: string[];
  /** Its card's rules for service tiers (`serviceTierRules`). */
  tierRules?: Record<string, ServiceTierRule>;
}

/** A model id as the code writes it (an Azure deployment, a fine-tune) priced as a card model, with the project's own prices if it has them. */
export interface ModelOverride {
  /** The rate-card model it runs; the key itself when omitted (then it only sets prices). */
  as?: string;
  /** USD per 1M tokens, replacing the card's. */
  input?: number;
  output?: number;
  cacheRead?: number;
}

/** The project's pricing on top of the bundled cards (costlint.json `rateCards`, `models`, `discounts`). */
export interface PricingOverrides {
  /** Extra rate-card files, in the bundled format: their entries add models or replace bundled ones with the same id. */
  files?: { file: RateCardFile; at: (string | number)[] }[];
  models?: Record<string, string | ModelOverride>;
  /** Percent off every price, by provider (`openai`) or model id (`gpt-4o`; a model's own discount wins). */
  discounts?: Record<string, number>;
  /** How the notes name where these came from (`costlint.json`). */
  source: string;
}

/** A problem with an override, at the configuration field it comes from. */
export interface OverrideIssue {
  path: (string | number)[];
  message: string;
}

export interface RateCardIssue {
  file: string;
  /** Model id or index of the entry, null for file-level problems. */
  entry: string | null;
  field: string | null;
  message: string;
}

export interface RateCardFile {
  path: string;
  text: string;
}

/** Rate cards older than this many days are said to be stale (costlint.json `rateCardsMaxAgeDays`). */
export const DEFAULT_MAX_CARD_AGE_DAYS = 60;

/** Days from `asOf` (YYYY-MM-DD, or YYYY-MM: its first day) to `today`, when more than `maxAgeDays`; else null. */
export function staleDays(asOf: string | null | undefined, today: string, maxAgeDays = DEFAULT_MAX_CARD_AGE_DAYS): number | null {
  if (!asOf) return null;
  const from = Date.parse(`${asOf.length === 7 ? `${asOf}-01` : asOf}T00:00:00Z`);
  const to = Date.parse(`${today}T00:00:00Z`);
  if (Number.isNaN(from) || Number.isNaN(to)) return null;
  const days = Math.floor((to - from) / 86_400_000);
  return days > maxAgeDays ? days : null;
}

/** What the CLI and the editor say, once, when the rate cards are stale. */
export function staleCardsMessage(asOf: string, days: number, maxAgeDays: number): string {
  return `the rate cards are from ${asOf}, ${days} days ago (more than ${maxAgeDays}): prices may be stale. Update costlint for newer cards, or convert a newer price file with \`costlint ratecards import\` and name it in costlint.json rateCards (it replaces only the models it lists); see docs/pricing.md. \`costlint models --stale\` lists the old entries.`;
}

/** Bedrock cross-region inference profiles prefix the model id. */
const REGION_PREFIX = /^(us|eu|apac|jp|au|ca|us-gov|global)\./;
/** Bedrock model version suffix: `-v1:0`, `-v2:0`, `-v1`. */
const BEDROCK_VERSION = /-v\d+(:\d+)?$/;

export class RateCards {
  /** Every id and alias, by provider; and over all providers (the first card loaded wins). */
  private readonly byProvider = new Map<string, Map<string, PricedModel>>();
  private readonly byId = new Map<string, PricedModel>();
  readonly models: PricedModel[] = [];
  readonly issues: RateCardIssue[] = [];
  /** Ids the configuration maps to a model, with the note an estimate gives. */
  private readonly mappings = new Map<string, string>();
  /** Newest as-of date over all loaded files. */
  asOf: string | null = null;

  static load(files: RateCardFile[]): RateCards {
    const cards = new RateCards();
    for (const f of files) cards.addFile(f);
    return cards;
  }

  /**
   * These cards with the project's pricing applied: extra files first (their entries win over
   * bundled ones), then discounts, then model mappings and their own prices. Each change to a price
   * is kept on the model (`adjustments`) so every estimate says it. The receiver is not changed.
   */
  withOverrides(o: PricingOverrides): { cards: RateCards; issues: OverrideIssue[] } {
    const out = new RateCards();
    out.asOf = this.asOf;
    for (const m of this.models) out.addModel(m, false);
    const issues: OverrideIssue[] = [];
    for (const { file, at } of o.files ?? []) {
      const extra = RateCards.load([file]);
      // One problem per entry (a half-written entry may miss every field), naming its first few.
      const byEntry = new Map<string | null, RateCardIssue[]>();
      for (const i of extra.issues) byEntry.set(i.entry, [...(byEntry.get(i.entry) ?? []), i]);
      for (const [entry, list] of byEntry) {
        const said = list.slice(0, 3).map((i) => (i.field ? `${i.field}: ${i.message}` : i.message));
        const more = list.length > 3 ? `, and ${list.length - 3} more` : '';
        issues.push({
          path: at,
          message: `${file.path}: ${entry ? `entry ${entry}` : 'the file'}: ${said.join('; ')}${more} (${entry ? 'the entry is skipped' : 'not loaded'})`,
        });
      }
      for (const m of extra.models) out.addModel(m, false, true);
      if (extra.asOf && (!out.asOf || extra.asOf > out.asOf)) out.asOf = extra.asOf;
    }
    for (const [key, pct] of Object.entries(o.discounts ?? {})) {
      const byModel = out.find(key);
      if (!byModel && !out.hasProvider(key)) {
        issues.push({
          path: ['discounts', key],
          message: `\`${key}\` is neither a provider (${[...out.byProvider.keys()].sort().join(', ')}) nor a model id in the rate cards`,
        });
        continue;
      }
      for (const m of [...out.models]) {
        const own = o.discounts![m.id] ?? m.aliases.map((a) => o.discounts![a]).find((x) => x !== undefined);
        const applies = byModel ? m === byModel : m.provider === key && own === undefined;
        if (applies) out.replace(m, scaled(m, 1 - pct / 100, `${pct}% discount (${o.source} discounts.${key})`));
      }
    }
    for (const [key, v] of Object.entries(o.models ?? {})) {
      const spec: ModelOverride = typeof v === 'string' ? { as: v } : v;
      const target = spec.as ?? key;
      const t = out.find(target);
      if (!t) {
        const near = out.nearest(target);
        issues.push({
          path: typeof v === 'string' ? ['models', key] : spec.as ? ['models', key, 'as'] : ['models', key],
          message: `\`${target}\` is not in the rate cards${near.length ? ` (did you mean ${near.map((n) => `\`${n}\``).join(', ')}?)` : ''}${spec.as ? '' : ': set `as` to the model it runs, or add it with a rate-card file'}`,
        });
        continue;
      }
      const set = (['input', 'output', 'cacheRead'] as const).filter((f) => spec[f] !== undefined);
      const priced: PricedModel = set.length
        ? {
            ...t,
            ...Object.fromEntries(set.map((f) => [f, spec[f]])),
            // A tier's prices keep their ratio to the standard ones the project replaced.
            ...(t.serviceTiers ? { serviceTiers: scaledTiers(t.serviceTiers, (f, x) => (spec[f] !== undefined && t[f] ? (x * spec[f]) / t[f] : x)) } : {}),
            adjustments: [...(t.adjustments ?? []), `${set.map((f) => `${f} $${spec[f]}/1M`).join(', ')} (${o.source} models.${key})`],
          }
        : t;
      if (key.toLowerCase() === t.id.toLowerCase() || t.aliases.some((a) => a.toLowerCase() === key.toLowerCase())) {
        if (priced !== t) out.replace(t, priced);
      } else {
        out.alias(key, priced, `'${key}' priced as ${t.id} (${o.source} models)`);
      }
    }
    return { cards: out, issues };
  }

  /** Registers a model; `replaces` lets it take over an id another file already defines without an issue. */
  private addModel(model: PricedModel, reportClash: boolean, replaces = false): void {
    let own = this.byProvider.get(model.provider);
    if (!own) this.byProvider.set(model.provider, (own = new Map<string, PricedModel>()));
    const hit = own.get(model.id.toLowerCase());
    if (hit && reportClash)
      this.issues.push({
        file: model.file,
        entry: model.id,
        field: 'id',
        message: `duplicate model id for ${model.provider} (also in ${hit.file}); this entry replaces it`,
      });
    // An entry replaces the one with its id; an id that is only another entry's alias (a dated
    // snapshot) takes that alias for itself, and the other entry stays.
    const clash = hit && hit.id.toLowerCase() === model.id.toLowerCase() ? hit : undefined;
    if (clash && replaces) {
      this.replace(clash, model);
      return;
    }
    this.models.push(model);
    for (const key of [model.id, ...model.aliases].map((k) => k.toLowerCase())) {
      own.set(key, model);
      if (!this.byId.has(key) || this.byId.get(key)!.provider === model.provider || replaces) this.byId.set(key, model);
    }
  }

  /** Puts `next` wherever `prev` is found (every id and alias pointing at it). */
  private replace(prev: PricedModel, next: PricedModel): void {
    const i = this.models.indexOf(prev);
    if (i >= 0) this.models[i] = next;
    for (const index of [this.byId, ...this.byProvider.values()]) for (const [k, m] of index) if (m === prev) index.set(k, next);
    for (const k of [next.id, ...next.aliases].map((x) => x.toLowerCase())) {
      this.byProvider.get(next.provider)?.set(k, next);
      this.byId.set(k, next);
    }
  }

  /** Maps one more id to a model, noting the mapping on every lookup through it. */
  private alias(key: string, model: PricedModel, note: string): void {
    const k = key.trim().toLowerCase();
    this.byId.set(k, model);
    this.byProvider.get(model.provider)?.set(k, model);
    this.mappings.set(k, note);
  }

  private addFile(f: RateCardFile): void {
    let json: unknown;
    try {
      json = JSON.parse(f.text);
    } catch (e) {
      // Where, not what: the message of a JSON error quotes the text, and a rate-card path may name any file.
      this.issues.push({ file: f.path, entry: null, field: null, message: `not valid JSON${jsonErrorPlace(f.text, e)}` });
      return;
    }
    const head = rateCardFileSchema.safeParse(json);
    if (!head.success) {
      for (const i of head.error.issues) this.issues.push({ file: f.path, entry: null, field: i.path.join('.') || null, message: i.message });
      return;
    }
    if (!this.asOf || head.data.asOf > this.asOf) this.asOf = head.data.asOf;
    head.data.models.forEach((raw, index) => {
      const parsed = modelSchema.safeParse(raw);
      const id = typeof (raw as { id?: unknown })?.id === 'string' ? (raw as { id: string }).id : `models[${index}]`;
      if (!parsed.success) {
        for (const i of parsed.error.issues) this.issues.push({ file: f.path, entry: id, field: i.path.join('.') || null, message: i.message });
        return;
      }
      // An image model without its per-image prices would price every image at $0.
      if ((parsed.data.mode === 'image') !== (parsed.data.images !== undefined)) {
        this.issues.push({
          file: f.path,
          entry: id,
          field: 'images',
          message: parsed.data.images
            ? "per-image prices belong to `mode: 'image'` entries"
            : "an image model (`mode: 'image'`) needs `images` (its price per image)",
        });
        return;
      }
      this.addModel(
        { ...parsed.data, provider: head.data.provider, file: f.path, ...(head.data.serviceTierRules ? { tierRules: head.data.serviceTierRules } : {}) },
        true,
      );
    });
  }

  /** Exact id or alias (case-insensitive), then without a Bedrock inference-profile prefix. */
  find(modelId: string, provider?: string): PricedModel | undefined {
    return this.lookup(modelId, provider)?.model;
  }

  /**
   * The ids closest to `modelId` by edit distance (ids and aliases, in `provider`'s card or in all),
   * at most `count`, only those close enough to be a plausible typo or an older spelling.
   */
  nearest(modelId: string, provider?: string, count = 3): string[] {
    const index = provider === undefined ? this.byId : this.byProvider.get(provider);
    if (!index) return [];
    const id = modelId.trim().toLowerCase();
    const scored = [...index.entries()].map(([key, m]) => ({ key, id: m.id, d: distance(id, key) }));
    const limit = Math.max(3, Math.ceil(id.length / 3));
    const seen = new Set<string>();
    const out: string[] = [];
    for (const x of scored.filter((x) => x.d <= limit).sort((a, b) => a.d - b.d || a.key.length - b.key.length)) {
      // Suggest the spelling that matched (an alias like `gpt-4o` reads better than a dated id).
      if (seen.has(x.id)) continue;
      seen.add(x.id);
      out.push(x.key);
      if (out.length === count) break;
    }
    return out;
  }

  hasProvider(provider: string): boolean {
    return this.byProvider.has(provider);
  }

  /**
   * Like find(), and says which Bedrock inference-profile prefix (`us`, `global`, ...) was
   * stripped, if any. With a provider, only that provider's card is searched.
   */
  lookup(modelId: string, provider?: string): { model: PricedModel; profile: string | null; note?: string } | undefined {
    const index = provider === undefined ? this.byId : this.byProvider.get(provider);
    if (!index) return undefined;
    const id = modelId.trim().toLowerCase();
    const mapped = this.mappings.get(id);
    if (mapped && index.has(id)) return { model: index.get(id)!, profile: null, note: mapped };
    const m = REGION_PREFIX.exec(id);
    const bare = m ? id.slice(m[0].length) : null;
    // Bedrock ids appear with and without their version suffix (`anthropic.claude-opus-4-8-v1:0`).
    const get = (key: string) => index.get(key) ?? index.get(key.replace(BEDROCK_VERSION, ''));
    const exact = get(id);
    if (exact) return { model: exact, profile: null };
    const model = bare ? get(bare) : undefined;
    return model && m ? { model, profile: m[1] } : undefined;
  }
}

export interface EffectivePrices {
  input: number;
  output: number | null;
  cacheRead: number | null;
  notes: string[];
  /** The service tier priced, when one was (its price or its provider's rule applied). */
  tier?: string;
  /** Cache-write prices (5-minute and 1-hour TTL) after the same adjustments as the input. */
  cacheWrite5m: number | null;
  cacheWrite1h: number | null;
}

/**
 * Prices that apply to one request: dated tiers in force on `today`, then long-context
 * tiers whose threshold the request's input crosses (they apply to the whole request).
 */
export function effectivePrices(
  model: ModelCard & { adjustments?: string[]; tierRules?: Record<string, ServiceTierRule> },
  inputTokens: number,
  today: string,
  batch: boolean,
  bedrockProfile: string | null = null,
  serviceTier: string | null = null,
  /** The request keeps its data in a region (`residencyMultiplier`). */
  residency = false,
  /** A Vertex AI region (not `global`; '' for one not known): its regional endpoint's price (`regionalEndpointMultiplier`). */
  vertexRegion: string | null = null,
): EffectivePrices {
  let input = model.input;
  let output = model.output;
  let cacheRead = model.cacheRead;
  const notes: string[] = [...(model.adjustments ?? [])];
  let batchInput = model.batchInput;
  let batchOutput = model.batchOutput;
  let write5m = model.cacheWrite5m;
  let write1h = model.cacheWrite1h;
  let tierApplied: string | undefined;
  /** Every price times `k` (a regional endpoint, data residency), rounded to a millionth of a dollar per 1M. */
  const scaleAll = (k: number): void => {
    const by = (x: number | null) => (x === null ? null : round6(x * k));
    input = round6(input * k);
    [output, cacheRead, batchInput, batchOutput, write5m, write1h] = [output, cacheRead, batchInput, batchOutput, write5m, write1h].map(by);
  };
  const apply = (t: Tier, why: string): void => {
    input = t.input ?? input;
    output = t.output ?? output;
    cacheRead = t.cacheRead ?? cacheRead;
    write5m = t.cacheWrite5m ?? write5m;
    write1h = t.cacheWrite1h ?? write1h;
    batchInput = t.batchInput ?? (t.input !== undefined && model.batchInput !== null ? t.input / 2 : batchInput);
    batchOutput = t.batchOutput ?? (t.output !== undefined && model.batchOutput !== null ? t.output / 2 : batchOutput);
    notes.push(why);
  };
  for (const t of model.tiers) {
    const w = t.when;
    const dated = w.from !== undefined || w.until !== undefined;
    const inDate = (!w.from || today >= w.from) && (!w.until || today <= w.until);
    if (dated && !inDate) continue;
    const priced = `$${t.input ?? model.input} in / $${t.output ?? model.output ?? 'n/a'} out per 1M`;
    if (w.timeOfDayUTC !== undefined) {
      notes.push(`a time-of-day price applies ${w.timeOfDayUTC}: ${priced}; the regular price is shown`);
      continue;
    }
    const threshold = w.inputTokensGt ?? w.promptTokensGt;
    if (w.totalTokensGt !== undefined) {
      if (inputTokens > w.totalTokensGt) apply(t, `input above ${w.totalTokensGt.toLocaleString('en-US')} tokens: the whole request bills at the higher tier`);
      else notes.push(`if input plus output exceed ${w.totalTokensGt.toLocaleString('en-US')} tokens, the whole request bills at ${priced}`);
    } else if (threshold === undefined) {
      if (dated) apply(t, `dated price in force (${w.from ?? ''}..${w.until ?? ''})`);
    } else if (inputTokens > threshold) {
      apply(t, `long-context price: input above ${threshold.toLocaleString('en-US')} tokens bills the whole request at the higher tier`);
    }
  }
  // A regional endpoint (Bedrock's inference profiles, Vertex AI's regions) at the card's regional price.
  const regional = (label: string): boolean => {
    const k = model.regionalEndpointMultiplier ?? 1;
    if (k === 1) return false;
    scaleAll(k);
    notes.push(`${label}: ${Math.round((k - 1) * 100)}% above the global price`);
    return true;
  };
  if (bedrockProfile && bedrockProfile !== 'global' && !regional(`Bedrock regional inference profile '${bedrockProfile}.'`)) {
    notes.push(`Bedrock inference profile '${bedrockProfile}.': same price as ${model.id}`);
  }
  if (vertexRegion !== null && vertexRegion !== 'global')
    regional(vertexRegion ? `Vertex AI regional endpoint '${vertexRegion}'` : 'a Vertex AI regional endpoint');
  if (serviceTier && batch) notes.push(`the Batch API bills its own price: the ${serviceTier} tier does not apply`);
  else if (serviceTier) {
    // The tier's own prices, or the provider's rule; after a long-context or dated price, in the same ratio.
    const own = model.serviceTiers?.[serviceTier];
    const rule = model.tierRules?.[serviceTier];
    const standard = input === model.input && output === model.output && cacheRead === model.cacheRead;
    const k = own?.multiplier ?? (own ? undefined : rule?.multiplier);
    const at = (field: 'input' | 'output' | 'cacheRead', current: number | null, base: number | null, fallback?: number): number | null => {
      if (current === null) return null;
      const explicit = own?.[field];
      if (explicit !== undefined) return standard ? explicit : base ? round6((current * explicit) / base) : current;
      const m = k ?? fallback;
      return m === undefined ? current : round6(current * m);
    };
    if (own || rule) {
      tierApplied = serviceTier;
      const kIn = own?.input !== undefined && model.input ? own.input / model.input : k;
      const before = input;
      input = at('input', input, model.input)!;
      // Cache writes follow the tier's input ratio.
      if (before) [write5m, write1h] = [write5m, write1h].map((w) => (w === null ? null : round6((w * input) / before)));
      output = at('output', output, model.output, kIn);
      // A tier that states no cache-read price reads the cache at its input ratio.
      cacheRead = at('cacheRead', cacheRead, model.cacheRead, kIn);
      const said = own?.multiplier !== undefined ? `${k}x the standard price` : `$${input} in / $${output ?? 'n/a'} out per 1M`;
      notes.push(
        own
          ? `${serviceTier} tier: ${said}${own.note ? ` (${own.note})` : ''}`
          : `no ${serviceTier} price for ${model.id} in the rate card, so the provider's rule prices it: ${rule!.note} (${k}x; ${rule!.source})`,
      );
    } else notes.push(`no ${serviceTier} price for ${model.id} in the rate card: standard price shown`);
  }
  if (batch) {
    if (batchInput === null) notes.push('no batch price in the rate card: standard price used');
    else {
      // Batches bill all usage at the batch rate, cache writes included.
      if (input) [write5m, write1h] = [write5m, write1h].map((w) => (w === null ? null : round6((w * batchInput!) / input)));
      input = batchInput;
      output = batchOutput ?? output;
      notes.push('batch price');
    }
  }
  if (residency) {
    // Data residency stacks with the tier, batch and cache prices.
    const k = model.residencyMultiplier;
    if (k !== undefined && k !== 1) {
      scaleAll(k);
      notes.push(`data residency: ${Math.round((k - 1) * 100)}% above the global price`);
    } else notes.push(`no data-residency price for ${model.id} in the rate card: the global price shown`);
  }
  return { input, output, cacheRead, cacheWrite5m: write5m, cacheWrite1h: write1h, notes, ...(tierApplied ? { tier: tierApplied } : {}) };
}

const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;

/** A model with every price multiplied by `factor` (tiers included), the change noted. */
function scaled(m: PricedModel, factor: number, note: string): PricedModel {
  const k = (x: number | null | undefined) => (x === null || x === undefined ? x : Math.round(x * factor * 1e6) / 1e6);
  const prices = ['input', 'output', 'cacheRead', 'cacheWrite5m', 'cacheWrite1h', 'cacheWrite30m', 'batchInput', 'batchOutput'] as const;
  const next = { ...m, adjustments: [...(m.adjustments ?? []), note] } as PricedModel;
  for (const f of prices) (next as unknown as Record<string, unknown>)[f] = k(m[f]);
  next.tiers = m.tiers.map((t) => {
    const c = { ...t } as Record<string, unknown>;
    for (const f of prices) if (t[f] !== undefined) c[f] = k(t[f]);
    return c as Tier;
  });
  if (m.serviceTiers) next.serviceTiers = scaledTiers(m.serviceTiers, (_f, x) => k(x)!);
  if (m.images) next.images = { ...m.images, perImage: m.images.perImage.map((p) => ({ ...p, usd: k(p.usd)! })) };
  return next;
}

/** Service tiers with each explicit price changed by `f` (multipliers stay). */
function scaledTiers(tiers: Record<string, ServiceTier>, f: (field: 'input' | 'output' | 'cacheRead', x: number) => number): Record<string, ServiceTier> {
  const out: Record<string, ServiceTier> = {};
  for (const [name, t] of Object.entries(tiers)) {
    const c = { ...t };
    for (const field of ['input', 'output', 'cacheRead'] as const) if (t[field] !== undefined) c[field] = f(field, t[field]);
    out[name] = c;
  }
  return out;
}

/** " at line L, column C" of a JSON error, found by a JSON parser of our own (never its excerpt of the text). */
export function jsonErrorPlace(text: string, _e?: unknown): string {
  const errors: ParseError[] = [];
  parseJsonc(text, errors, { disallowComments: true, allowTrailingComma: false });
  const at = errors[0] ? Math.min(errors[0].offset, text.length) : null;
  if (at === null) return '';
  const before = text.slice(0, at);
  return ` at line ${before.split('\n').length}, column ${at - before.lastIndexOf('\n')}`;
}
