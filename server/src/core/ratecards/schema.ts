import { z } from 'zod';

/** USD per 1M tokens (or per unit): at most $1M, beyond which a price is a typo (1.7e308 turned every total into null). */
const price = z.number().nonnegative().max(1_000_000);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD');

export const tierSchema = z.strictObject({
  when: z
    .strictObject({
      inputTokensGt: z.number().int().positive().optional(),
      promptTokensGt: z.number().int().positive().optional(),
      /** Input plus output tokens. */
      totalTokensGt: z.number().int().positive().optional(),
      from: isoDate.optional(),
      until: isoDate.optional(),
      /** A time-of-day price (DeepSeek off-peak): described, never applied to an estimate. */
      timeOfDayUTC: z.string().optional(),
    })
    .refine((w) => Object.keys(w).length > 0, 'a tier needs a condition (it would always apply)'),
  input: price.optional(),
  output: price.optional(),
  cacheRead: price.optional(),
  cacheWrite5m: price.optional(),
  cacheWrite1h: price.optional(),
  cacheWrite30m: price.optional(),
  batchInput: price.optional(),
  batchOutput: price.optional(),
  note: z.string().optional(),
});

/**
 * A model's price in a service tier (OpenAI's Flex and Priority processing, fast mode, Gemini's
 * Priority): per 1M tokens, or a multiplier of the standard prices. A price left out scales with
 * input (cache reads) or stays the standard one's ratio.
 */
export const serviceTierSchema = z
  .strictObject({
    input: price.optional(),
    output: price.optional(),
    cacheRead: price.optional(),
    multiplier: z.number().positive().max(100).optional(),
    note: z.string().optional(),
  })
  .refine((t) => t.input !== undefined || t.output !== undefined || t.multiplier !== undefined, 'a service tier needs prices or a multiplier');

/** A provider's documented rule for a service tier, pricing a model the card gives no price for in it. */
export const serviceTierRuleSchema = z.strictObject({
  multiplier: z.number().positive().max(100),
  note: z.string().min(1),
  source: z.string().min(1),
});

/**
 * An image model's price per generated image, by size and quality, as the provider's table gives
 * them; `default*`: what a request that sets none gets ('auto' lets the model choose).
 */
export const imagePricesSchema = z.strictObject({
  perImage: z
    .array(
      z.strictObject({
        size: z.string().regex(/^\d+x\d+$/, 'expected WIDTHxHEIGHT'),
        /** The request's `quality` value; absent for a model that has one quality. */
        quality: z.string().min(1).optional(),
        usd: price,
      }),
    )
    .min(1, 'an image model needs at least one price'),
  defaultSize: z.string().min(1),
  defaultQuality: z.string().min(1).optional(),
});

export const modelSchema = z.strictObject({
  id: z.string().min(1),
  aliases: z.array(z.string().min(1)),
  /** `image`: priced per generated image (`images`), its prompt at `input`. */
  mode: z.enum(['chat', 'embedding', 'image']),
  /** USD per 1M input tokens. */
  input: price,
  output: price.nullable(),
  cacheRead: price.nullable(),
  cacheWrite5m: price.nullable(),
  cacheWrite1h: price.nullable(),
  cacheWrite30m: price.nullable(),
  batchInput: price.nullable(),
  batchOutput: price.nullable(),
  tiers: z.array(tierSchema),
  contextWindow: z.number().int().positive().nullable(),
  maxOutput: z.number().int().positive().nullable(),
  tokenizer: z.strictObject({
    encoding: z.enum(['o200k_base', 'cl100k_base']),
    exact: z.boolean(),
    factor: z.number().positive().max(100).optional(),
    note: z.string().optional(),
  }),
  minCacheableTokens: z.number().int().positive().nullable(),
  reasoning: z.boolean(),
  /** Chat Completions-style APIs: whether max_tokens is accepted (OpenAI deprecated it for o-series and GPT-5+; compatible providers use it). */
  acceptsMaxTokens: z.boolean().optional(),
  responsesApiOnly: z.boolean().optional(),
  /** Price multiplier when the request asks its data to stay in a region (Anthropic `inference_geo: "us"` on Claude 4.6 and later). */
  residencyMultiplier: z.number().positive().max(100).optional(),
  /** Prices in service tiers, by tier (`flex`, `priority`, `fast`): what the fact sheet states for this model. */
  serviceTiers: z.record(z.string(), serviceTierSchema).optional(),
  /** Price multiplier of regional endpoints over global ones on Bedrock (`us.`, `eu.` profiles) and Vertex AI. */
  regionalEndpointMultiplier: z.number().positive().max(100).optional(),
  lifecycle: z.strictObject({
    status: z.enum(['active', 'legacy', 'preview', 'deprecated', 'retired']),
    /** When the deprecation was announced. */
    deprecatedOn: isoDate.optional(),
    /** When requests start failing. */
    shutdownDate: isoDate.optional(),
    replacement: z.string().optional(),
    note: z.string().optional(),
    source: z.string().optional(),
  }),
  sources: z
    .array(z.strictObject({ url: z.string().regex(/^https?:\/\//, 'expected an http(s) URL'), kind: z.string().optional(), seen: z.string().optional() }))
    .min(1, 'every entry needs at least one source URL'),
  asOf: z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/, 'expected YYYY-MM-DD (or YYYY-MM)'),
  notes: z.array(z.string()).optional(),
  /** Image generation models: USD per image (with `mode: 'image'`). */
  images: imagePricesSchema.optional(),
});

export const rateCardFileSchema = z.object({
  $schema: z.string().optional(),
  provider: z.string().min(1),
  currency: z.literal('USD'),
  unit: z.literal('per 1M tokens'),
  generatedFrom: z.string().optional(),
  asOf: isoDate,
  /** The provider's rules for service tiers, by tier: they price a model without its own tier price. */
  serviceTierRules: z.record(z.string(), serviceTierRuleSchema).optional(),
  models: z.array(z.unknown()),
});

/** The JSON Schema of a rate-card file with its entries (`ratecards/ratecard.schema.json`, which every card names in `$schema`). */
export function rateCardJsonSchema(): unknown {
  return { ...z.toJSONSchema(rateCardFileSchema.extend({ models: z.array(modelSchema) }), { target: 'draft-7', io: 'input' }), title: 'costlint rate card' };
}

export type ModelCard = z.infer<typeof modelSchema>;
export type Tier = z.infer<typeof tierSchema>;
export type ServiceTier = z.infer<typeof serviceTierSchema>;
export type ServiceTierRule = z.infer<typeof serviceTierRuleSchema>;
