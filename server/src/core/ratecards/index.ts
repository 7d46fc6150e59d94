// Rate cards: one JSON file per provider under ratecards/, validated at load with zod.
// A bad entry is reported (file, entry, field) and skipped; the rest of the file loads.
import { distance } from 'fastest-levenshtein';
import { modelSchema, rateCardFileSchema, type ModelCard, type Tier } from './schema';

export type { ModelCard, Tier } from './schema';

export interface PricedModel extends ModelCard {
  provider: string;
  file: string;
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
  /** Newest as-of date over all loaded files. */
  asOf: string | null = null;

  static load(files: RateCardFile[]): RateCards {
    const cards = new RateCards();
    for (const f of files) cards.addFile(f);
    return cards;
  }

  private addFile(f: RateCardFile): void {
    let json: unknown;
    try {
      json = JSON.parse(f.text);
    } catch (e) {
      this.issues.push({ file: f.path, entry: null, field: null, message: `not valid JSON: ${(e as Error).message}` });
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
      const model: PricedModel = { ...parsed.data, provider: head.data.provider, file: f.path };
      let own = this.byProvider.get(model.provider);
      if (!own) this.byProvider.set(model.provider, (own = new Map()));
      const clash = own.get(model.id.toLowerCase());
      if (clash) this.issues.push({ file: f.path, entry: id, field: 'id', message: `duplicate model id for ${model.provider} (also in ${clash.file}); this entry replaces it` });
      this.models.push(model);
      for (const key of [model.id, ...model.aliases].map((k) => k.toLowerCase())) {
        own.set(key, model);
        if (!this.byId.has(key) || this.byId.get(key)!.provider === model.provider) this.byId.set(key, model);
      }
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
  lookup(modelId: string, provider?: string): { model: PricedModel; profile: string | null } | undefined {
    const index = provider === undefined ? this.byId : this.byProvider.get(provider);
    if (!index) return undefined;
    const id = modelId.trim().toLowerCase();
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
}

/**
 * Prices that apply to one request: dated tiers in force on `today`, then long-context
 * tiers whose threshold the request's input crosses (they apply to the whole request).
 */
export function effectivePrices(model: ModelCard, inputTokens: number, today: string, batch: boolean, bedrockProfile: string | null = null): EffectivePrices {
  let input = model.input;
  let output = model.output;
  let cacheRead = model.cacheRead;
  const notes: string[] = [];
  let batchInput = model.batchInput;
  let batchOutput = model.batchOutput;
  const apply = (t: Tier, why: string): void => {
    input = t.input ?? input;
    output = t.output ?? output;
    cacheRead = t.cacheRead ?? cacheRead;
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
  if (bedrockProfile && bedrockProfile !== 'global') {
    const k = model.regionalEndpointMultiplier ?? 1;
    if (k !== 1) {
      input *= k;
      output = output === null ? null : output * k;
      cacheRead = cacheRead === null ? null : cacheRead * k;
      batchInput = batchInput === null ? null : batchInput * k;
      batchOutput = batchOutput === null ? null : batchOutput * k;
      notes.push(`Bedrock regional inference profile '${bedrockProfile}.': ${Math.round((k - 1) * 100)}% above the global price`);
    } else notes.push(`Bedrock inference profile '${bedrockProfile}.': same price as ${model.id}`);
  }
  if (batch) {
    if (batchInput === null) notes.push('no batch price in the rate card: standard price used');
    else {
      input = batchInput;
      output = batchOutput ?? output;
      notes.push('batch price');
    }
  }
  return { input, output, cacheRead, notes };
}
