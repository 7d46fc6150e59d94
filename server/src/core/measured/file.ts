// costlint.usage.json: what `costlint usage import --write` measured, beside the project's
// costlint.json, keyed by call-site id relative to its own folder (as costlint.json's `usage` keys
// are). Validated with zod; its JSON Schema (schemas/costlint.usage.schema.json) is generated from
// this one. Counts and token figures only: the schema has no place for prompt or completion text.
import { getNodeValue } from 'jsonc-parser';
import { z } from 'zod';
import { configIssueAt, parseJsonTree, USAGE_ID, type ConfigIssue } from '../config';
import { LineIndex } from '../text';
import type { MeasuredSiteData } from './aggregate';

export const USAGE_FILE = 'costlint.usage.json';
/** Older than this, an import is said to be stale. */
export const STALE_USAGE_DAYS = 90;

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date, YYYY-MM-DD');
const instant = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'a date and time (ISO 8601)');
const count = z.number().int().min(0);
const distribution = z.object({ p50: z.number().min(0), p95: z.number().min(0), mean: z.number().min(0) }).strict();
const period = z
  .object({
    start: instant.describe("The earliest call measured (the export's first bucket for a provider export)."),
    end: instant.describe("The latest call measured (the end of the export's last bucket)."),
    days: z.number().positive().describe('The days the period covers: what calls per month are scaled from.'),
  })
  .strict();

const site = z
  .object({
    calls: count.min(1).describe('Calls measured in the period.'),
    withTokens: count.describe('Calls whose span carried token counts; the distributions are over these.'),
    inputTokens: distribution.nullable().describe('Input tokens per call, cached tokens included.'),
    outputTokens: distribution.nullable().describe('Output tokens per call, reasoning tokens included.'),
    cacheReadShare: z.number().min(0).max(1).nullable().describe("Of all input tokens, the share read from the provider's cache."),
    costUsd: distribution.nullable().describe("Dollars per call at the rate cards' prices on the import date."),
    unpriced: count.describe('Calls whose model had no price (not in costUsd).'),
    models: z.record(z.string(), count).describe('The models the calls ran, as the spans name them, with their counts.'),
    matchedBy: z
      .object({ location: count.optional(), 'call-site-id': count.optional(), function: count.optional(), 'only-site': count.optional() })
      .strict()
      .describe('How the calls were matched to this call site.'),
  })
  .strict();

const sources = {
  files: z.array(z.string()).describe('The export files read, as given on the command line.'),
  importedAt: date.describe('The day of the import.'),
  period,
};

const modelTotals = z
  .object({
    provider: z.string(),
    model: z.string().nullable().describe('null: the export was not grouped by model.'),
    batch: z.boolean().optional().describe("The Batch API's requests, priced at batch rates."),
    serviceTier: z.string().optional().describe('The service tier the requests ran at (`flex`, `priority`), priced at its rates.'),
    longContext: z.boolean().optional().describe('Anthropic: requests over 200k input tokens (`context_window: 200k-1M`), priced at the long-context rates.'),
    requests: count.nullable().describe("Requests made (null: the export does not count them; Anthropic's does not)."),
    inputTokens: count.describe('Input tokens, cached ones included.'),
    cacheReadTokens: count,
    cacheCreationTokens: count.describe('Cache writes, the 1-hour ones included.'),
    cacheCreation1hTokens: count.optional().describe('Of the cache writes, those with a 1-hour lifetime (priced at that rate).'),
    outputTokens: count,
    costUsd: z.number().min(0).nullable().describe("Dollars at the rate cards' prices on the import date; null when the model has none."),
  })
  .strict();

export const USAGE_FILE_SCHEMA = z
  .object({
    $schema: z.string().optional(),
    version: z.literal(1),
    spans: z
      .object({
        from: z.literal('otel'),
        ...sources,
        callSites: z
          .record(z.string().min(1), site)
          .describe("By call-site id, relative to this file's folder (`src/chat.py::ChatService.reply::chat.completions.create`)."),
      })
      .strict()
      .optional()
      .describe('Model calls from OpenTelemetry traces, matched to call sites.'),
    providers: z
      .object({
        openai: z
          .object({ from: z.literal('openai'), ...sources, models: z.array(modelTotals) })
          .strict()
          .optional(),
        anthropic: z
          .object({ from: z.literal('anthropic'), ...sources, models: z.array(modelTotals) })
          .strict()
          .optional(),
      })
      .strict()
      .optional()
      .describe("Usage per model from the providers' usage exports: not per call site."),
  })
  .strict();

export type UsageFile = z.infer<typeof USAGE_FILE_SCHEMA>;
export type ModelTotals = z.infer<typeof modelTotals>;
export type UsagePeriod = z.infer<typeof period>;

// The stored shape and the one aggregate.ts computes are the same: checked here at compile time.
const _same: z.infer<typeof site> = {} as MeasuredSiteData;
void _same;

export function usageJsonSchema(): unknown {
  return { ...z.toJSONSchema(USAGE_FILE_SCHEMA, { target: 'draft-7' }), title: 'costlint measured usage (costlint.usage.json)' };
}

const NOT_USED = 'its measured usage is not used (fix the file, or remove it and import again)';

/** A costlint.usage.json read: its data, or nothing and the problem at its place (a broken file measures nothing, and says so). */
export function parseUsageFile(text: string): { data: UsageFile | null; issues: ConfigIssue[] } {
  const parsed = parseJsonTree(text);
  if ('error' in parsed) {
    const { message, span } = parsed.error;
    return { data: null, issues: [{ message: `not valid JSON (${message}): ${NOT_USED}`, path: '', span, range: new LineIndex(text).range(span) }] };
  }
  const r = USAGE_FILE_SCHEMA.safeParse(getNodeValue(parsed.root));
  if (r.success) return { data: r.data, issues: [] };
  const first = r.error.issues[0];
  const path = [...first.path.map((p) => (typeof p === 'number' ? p : String(p))), ...(first.code === 'unrecognized_keys' ? [first.keys[0]] : [])];
  return { data: null, issues: [configIssueAt(text, path, `${path.length ? `${path.join('.')}: ` : ''}${first.message}: ${NOT_USED}`)] };
}

/** A call site's measured calls and where they come from, for one analyzed file. */
export interface MeasuredEntry {
  data: MeasuredSiteData;
  /** The usage file, as messages name it. */
  file: string;
  from: 'otel';
  importedAt: string;
  period: UsagePeriod;
}

/** The measured call sites of one file (`rel`: relative to the usage file's folder), by their id within the file. */
export function measuredOfFile(usage: UsageFile, rel: string, name = USAGE_FILE): Record<string, MeasuredEntry> | undefined {
  const spans = usage.spans;
  if (!spans) return undefined;
  const prefix = `${rel.split('\\').join('/')}${USAGE_ID}`;
  const out: Record<string, MeasuredEntry> = {};
  let any = false;
  for (const [key, data] of Object.entries(spans.callSites)) {
    if (!key.startsWith(prefix)) continue;
    out[key.slice(prefix.length)] = { data, file: name, from: spans.from, importedAt: spans.importedAt, period: spans.period };
    any = true;
  }
  return any ? out : undefined;
}
