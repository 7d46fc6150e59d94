// costlint.json: the project's configuration, parsed (comments and trailing commas allowed) and
// validated with zod. Pure: text in, a config and its problems out, each problem with the exact
// range of the offending value so the editor and the CLI can point at it. A problem never stops
// the analysis: the fields that are wrong fall back to their defaults, the rest apply.
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { globError, globMatches } from './glob';
import { z } from 'zod';
import { RULES, type Rule } from './rules';
import { LineIndex } from './text';
import type { AnalysisSettings, Range, Span } from './types';

export const CONFIG_FILE = 'costlint.json';

/** Separates a file's path from a call site's id in `usage` keys. */
export const USAGE_ID = '::';

const tokens = z.number().int().min(0);
/** Prices in USD per 1M tokens: a price beyond this is a typo (1.7e308 turned totals into null). */
const MAX_PRICE = 1_000_000;
const price = z.number().min(0).max(MAX_PRICE);
/** A glob of this file's (`include`, `exclude`, `usage`), refused when it cannot be matched in linear time (core/glob.ts). */
const globPattern = z
  .string()
  .min(1)
  .superRefine((g, ctx) => {
    const why = globError(g);
    if (why) ctx.addIssue({ code: 'custom', message: `glob \`${g}\`: ${why}` });
  });
/** A `usage` key: a call-site id (`file::scope::operation`), or a glob. */
const usageKey = z
  .string()
  .min(1)
  .superRefine((k, ctx) => {
    const why = k.includes(USAGE_ID) ? null : globError(k);
    if (why) ctx.addIssue({ code: 'custom', message: `glob \`${k}\`: ${why}` });
  });
/** Calls per month: a count beyond this is a typo, not a workload. */
const MAX_CALLS_PER_MONTH = 1e12;

const severity = z.enum(['off', 'info', 'warning', 'error']);

/** One rule's entry: a severity, or an object with a severity and the rule's own options. */
function ruleEntry(r: Rule) {
  const options = r.meta.options ? { options: r.meta.options.optional().describe(`Options of ${r.meta.id} (see ${r.meta.docs}).`) } : {};
  return z
    .union([severity, z.object({ severity: severity.optional(), ...options }).strict()])
    .optional()
    .describe(`${r.meta.description} Default severity: ${r.meta.defaultSeverity}. Docs: ${r.meta.docs}`);
}

export const CONFIG_SCHEMA = z
  .object({
    $schema: z.string().optional(),
    rules: z
      .object(Object.fromEntries(RULES.map((r: Rule) => [r.meta.id, ruleEntry(r)])))
      .strict()
      .optional()
      .describe('Per rule id: a severity, "off", "info", "warning" or "error"; or { "severity": ..., "options": {...} }.'),
    budgets: z
      .object({
        perCall: z.number().positive().optional().describe('Dollars one call may cost in the worst case (its cap, or the model maximum when uncapped).'),
        perMonth: z
          .number()
          .positive()
          .optional()
          .describe('Dollars one call site may cost per month: its expected (or worst-case) cost times the calls per month from `usage`.'),
        monthlyTotal: z.number().positive().optional().describe('Dollars per month all call sites may cost together (`costlint lint` fails above it).'),
        monthlyIncrease: z.number().positive().optional().describe('Dollars per month a change may add (`costlint diff` fails above it).'),
        monthlyIncreasePercent: z.number().positive().optional().describe('Percent of the monthly total a change may add (`costlint diff` fails above it).'),
      })
      .strict()
      .optional()
      .describe('Budgets the over-budget rule checks.'),
    usage: z
      .record(usageKey, z.number().min(0).max(MAX_CALLS_PER_MONTH).nullable())
      .optional()
      .describe(
        'Calls per month of each call site in the files matching a glob, relative to this file (`"src/chat/**": 30000`; the first matching glob applies), or of one call site by its id (`"src/chat.py::ChatService.reply::chat.completions.create": 90000`, as the CLI\'s JSON output lists them), which wins over globs. null: not estimated yet (`costlint usage --init` writes these placeholders; such call sites get no projection).',
      ),
    features: z
      .record(usageKey, z.string().min(1).max(200))
      .optional()
      .describe(
        'Feature names, for cost by feature (the report\'s charts, `lint` totals, `diff`): by a glob of files, relative to this file (`"src/search/**": "search"`; the first matching glob applies), or by one call site\'s id, which wins over globs.',
      ),
    rateCards: z
      .array(z.string().min(1))
      .optional()
      .describe(
        'Extra rate-card files in the bundled format (paths relative to this file): their entries add models, or replace bundled entries with the same id. Not loaded in an untrusted workspace.',
      ),
    models: z
      .record(
        z.string().min(1),
        z.union([
          z.string().min(1),
          z
            .object({
              as: z.string().min(1).optional().describe('The rate-card model it runs; the key itself when omitted (then the entry only sets prices).'),
              input: price.optional().describe("USD per 1M input tokens, replacing the rate card's."),
              output: price.optional().describe("USD per 1M output tokens, replacing the rate card's."),
              cacheRead: price.optional().describe("USD per 1M cached input tokens, replacing the rate card's."),
            })
            .strict(),
        ]),
      )
      .optional()
      .describe(
        'Model ids as the code writes them, priced as a rate-card model: an Azure deployment or a fine-tune (`"prod-chat": "gpt-4o"`), optionally at the project\'s own prices (`{ "as": "gpt-4o", "input": 2.0, "output": 8.0 }`).',
      ),
    discounts: z
      .record(z.string().min(1), z.number().min(0).max(100))
      .optional()
      .describe(
        'A negotiated discount in percent off every price, by provider (`"openai": 15`) or by model id (a model\'s own discount wins over its provider\'s).',
      ),
    rateCardsMaxAgeDays: z
      .number()
      .int()
      .min(1)
      .max(3650)
      .optional()
      .describe('Days after their as-of date when the rate cards are said to be stale, once per CLI run and editor session (default 60).'),
    include: z.array(globPattern).optional().describe('Globs relative to this file: when set, only matching files are analyzed.'),
    exclude: z.array(globPattern).optional().describe('Globs relative to this file: matching files are not analyzed (`"**/fixtures/**"`).'),
    defaults: z
      .object({
        outputCap: z.number().int().min(1).optional().describe('The cap value the uncapped-output fix inserts (default 1024).'),
        expectedOutputTokens: tokens
          .optional()
          .describe(
            'Output tokens a call is expected to produce, for the expected cost shown next to the worst case (the cap). Reasoning models add their thinking budget when the call sets one.',
          ),
        dynamicParts: z
          .record(z.string().min(1), tokens)
          .optional()
          .describe(
            'Tokens assumed for prompt parts only known at run time, by the name the hover shows (`user_input`, `req.body.question`); the key `*` applies to every other dynamic part.',
          ),
      })
      .strict()
      .optional(),
  })
  .strict();

export type CostlintConfig = z.infer<typeof CONFIG_SCHEMA>;

export interface ConfigIssue {
  message: string;
  /** The dotted path of the field at fault (`defaults.dynamicParts.user_input`), empty for the file. */
  path: string;
  span: Span;
  range: Range;
}

export interface ParsedConfig {
  config: CostlintConfig;
  issues: ConfigIssue[];
  /** The file's text, to place problems found later (a rate-card file it names) at their field. */
  text?: string;
}

/** A problem with a field found after parsing, at that field's value (or the nearest enclosing one that exists). */
export function configIssueAt(text: string, path: (string | number)[], message: string, at: 'value' | 'key' = 'value'): ConfigIssue {
  const lines = new LineIndex(text);
  const root = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
  let node: JsonNode | undefined;
  for (let n = path.length; n >= 0 && !node; n--) node = root && findNodeAtLocation(root, path.slice(0, n));
  if (at === 'key' && node?.parent?.type === 'property') node = node.parent.children![0];
  const span = node ? { start: node.offset, end: node.offset + node.length } : { start: 0, end: 0 };
  return { message, path: path.join('.'), span, range: lines.range(span) };
}

/**
 * `usage` and `features` keys naming a call site of an analyzed file that has no such call site (a typo, or the
 * code moved): each would otherwise silently project nothing. `analyzed` lists files relative to
 * the config's folder with their call-site ids; keys of files not analyzed are not judged.
 */
export function unmatchedUsageIds(config: CostlintConfig, text: string, analyzed: { file: string; ids: string[] }[]): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const field of ['usage', 'features'] as const) {
    for (const key of Object.keys(config[field] ?? {})) {
      const at = key.indexOf(USAGE_ID);
      if (at < 0) continue;
      const file = analyzed.find((a) => a.file === key.slice(0, at));
      if (!file || file.ids.includes(key.slice(at + USAGE_ID.length))) continue;
      const there = file.ids.length ? `its call sites: ${file.ids.map((i) => `\`${i}\``).join(', ')}` : 'it has no call sites';
      issues.push(
        configIssueAt(
          text,
          [field, key],
          `\`${field}\` names no call site of ${file.file} with the id \`${key.slice(at + USAGE_ID.length)}\` (${there})`,
          'key',
        ),
      );
    }
  }
  return issues;
}

/**
 * Why a file is not analyzed under this configuration (`include` / `exclude`, globs relative to the
 * config's folder), or null when it is. `file` is relative to that folder.
 */
export function excludedBy(config: CostlintConfig, file: string, source = CONFIG_FILE): string | null {
  const rel = file.split('\\').join('/');
  const match = (g: string) => globMatches(g, rel);
  const ex = config.exclude?.find(match);
  if (ex) return `excluded by ${source} (exclude \`${ex}\`)`;
  if (config.include?.length && !config.include.some(match)) return `not in ${source} include (${config.include.map((g) => `\`${g}\``).join(', ')})`;
  return null;
}

/**
 * Parses and validates a costlint.json. A field that fails validation is dropped (its default
 * applies) and reported; a file that is not JSON at all yields the empty config.
 */
export function parseConfig(text: string): ParsedConfig {
  const lines = new LineIndex(text);
  const issue = (message: string, path: string, span: Span): ConfigIssue => ({ message, path, span, range: lines.range(span) });
  const parsed = parseJsonTree(text);
  if ('error' in parsed) return { config: {}, issues: [issue(`not valid JSON: ${parsed.error.message}`, '', parsed.error.span)] };
  const root = parsed.root;
  let value: unknown = nodeValue(root);
  const issues: ConfigIssue[] = [];
  // Drop each invalid field and validate again, so one mistake does not discard the whole file.
  for (let round = 0; round < 50; round++) {
    const r = CONFIG_SCHEMA.safeParse(value);
    if (r.success) return { config: r.data, issues, text };
    const first = r.error.issues[0];
    let path = first.path.map(String);
    if (first.code === 'unrecognized_keys') path = [...path, first.keys[0]];
    // List items by their index (`include.0`), as the JSON tree finds them.
    const location = first.path.map((p) => (typeof p === 'number' ? p : String(p))).concat(first.code === 'unrecognized_keys' ? [first.keys[0]] : []);
    const node = findNodeAtLocation(root, location) ?? findNodeAtLocation(root, location.slice(0, -1)) ?? root;
    // Point at the key of an unknown field, at the value otherwise.
    const at = first.code === 'unrecognized_keys' && node.parent?.type === 'property' ? node.parent.children![0] : node;
    issues.push(issue(messageOf(first, path), path.join('.'), { start: at.offset, end: at.offset + at.length }));
    const next = without(value, path);
    if (next === value) return { config: {}, issues };
    value = next;
  }
  return { config: {}, issues };
}

/** A JSON file (comments and trailing commas allowed) as a tree, or its first syntax error: what and where (at least one character, never past the end). */
export function parseJsonTree(text: string): { root: JsonNode } | { error: { message: string; span: Span } } {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (!errors.length && root) return { root };
  const e = errors[0];
  const start = e ? Math.min(e.offset, text.length) : 0;
  return {
    error: {
      message: e ? describeParseError(printParseErrorCode(e.error)) : 'empty file',
      span: { start, end: e ? Math.min(e.offset + Math.max(e.length, 1), text.length) : 0 },
    },
  };
}

function describeParseError(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

const TYPE_NAMES: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  object: 'an object',
  record: 'an object',
  string: 'a string',
  array: 'a list',
};

function messageOf(i: z.core.$ZodIssue, path: string[]): string {
  const field = path.length ? `\`${path.join('.')}\`` : 'the file';
  // Rule ids must name a rule: a typo would otherwise silently configure nothing.
  if (i.code === 'unrecognized_keys' && path.length === 2 && path[0] === 'rules')
    return `unknown rule \`${path[1]}\` (rules: ${RULES.map((x) => x.meta.id).join(', ')})`;
  if (i.code === 'invalid_union' && path.length === 2 && path[0] === 'rules')
    return `${field} must be "off", "info", "warning" or "error", or { "severity": ..., "options": {...} }`;
  switch (i.code) {
    case 'unrecognized_keys':
      return `unknown field ${field}`;
    case 'invalid_type':
      return `${field} must be ${TYPE_NAMES[i.expected] ?? `a ${i.expected}`}`;
    case 'too_small':
      return `${field} must be ${i.inclusive === false ? 'more than' : 'at least'} ${String(i.minimum)}`;
    default:
      return `${field}: ${i.message}`;
  }
}

function nodeValue(n: JsonNode): unknown {
  switch (n.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const p of n.children ?? []) if (p.children?.length === 2) out[p.children[0].value as string] = nodeValue(p.children[1]);
      return out;
    }
    case 'array':
      return (n.children ?? []).map(nodeValue);
    default:
      return n.value;
  }
}

/** A copy of `value` without the field at `path` (the whole value when the path is empty). */
function without(value: unknown, path: string[]): unknown {
  if (path.length === 0 || value === null || typeof value !== 'object') return {};
  const [head, ...rest] = path;
  // A list loses the item (a bad glob), and stays a list.
  if (Array.isArray(value)) {
    const list = value as unknown[];
    const i = Number(head);
    if (!Number.isInteger(i) || i < 0 || i >= list.length) return list;
    return rest.length === 0 ? list.filter((_, k) => k !== i) : list.map((x, k) => (k === i ? without(x, rest) : x));
  }
  if (!(head in (value as Record<string, unknown>))) return value;
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  if (rest.length === 0) delete copy[head];
  else copy[head] = without(copy[head], rest);
  return copy;
}

/** The JSON Schema of costlint.json, generated from the zod schema (shipped for VS Code's `jsonValidation`). */
export function configJsonSchema(): unknown {
  return { ...z.toJSONSchema(CONFIG_SCHEMA, { target: 'draft-7' }), title: 'costlint configuration (costlint.json)' };
}

/**
 * The analysis settings a config sets, over `base` (the editor's or the CLI's own). `file` is the
 * analyzed file's path relative to the config's folder, for the `usage` globs.
 */
export function settingsFromConfig(config: CostlintConfig, base: Partial<AnalysisSettings>, source = CONFIG_FILE, file?: string): Partial<AnalysisSettings> {
  const d = config.defaults ?? {};
  const rel = file?.split('\\').join('/');
  const usageEntries = Object.entries(config.usage ?? {});
  // A key with `::` names one call site (`src/chat.py::reply::chat.completions.create`); others are file globs.
  const usage = rel !== undefined ? usageEntries.find(([key]) => !key.includes(USAGE_ID) && globMatches(key, rel)) : undefined;
  const featureEntries = Object.entries(config.features ?? {});
  const feature = rel !== undefined ? featureEntries.find(([key]) => !key.includes(USAGE_ID) && globMatches(key, rel)) : undefined;
  const featureById = rel !== undefined ? featureEntries.filter(([key]) => key.startsWith(`${rel}${USAGE_ID}`)) : [];
  const byId = rel !== undefined ? usageEntries.filter((e): e is [string, number] => e[0].startsWith(`${rel}${USAGE_ID}`) && e[1] !== null) : [];
  return {
    ...base,
    ...(d.outputCap !== undefined ? { defaultOutputCap: d.outputCap } : {}),
    ...(d.expectedOutputTokens !== undefined ? { expectedOutputTokens: d.expectedOutputTokens } : {}),
    ...(d.dynamicParts ? { dynamicParts: d.dynamicParts } : {}),
    ...(config.budgets ? { budgets: config.budgets } : {}),
    ...(usage && usage[1] !== null ? { callsPerMonth: { calls: usage[1], key: usage[0] } } : {}),
    ...(feature ? { feature: feature[1] } : {}),
    ...(featureById.length ? { featureById: Object.fromEntries(featureById.map(([key, name]) => [key.slice(rel!.length + USAGE_ID.length), name])) } : {}),
    ...(byId.length ? { callsPerMonthById: Object.fromEntries(byId.map(([key, calls]) => [key.slice(rel!.length + USAGE_ID.length), { calls, key }])) } : {}),
    // Per rule: the config's severity over the base's (the editor's own).
    ...(config.rules
      ? {
          ruleOptions: Object.fromEntries(
            Object.entries(config.rules).flatMap(([id, r]) =>
              r && typeof r === 'object' && 'options' in r && r.options ? [[id, r.options as Record<string, unknown>]] : [],
            ),
          ),
        }
      : {}),
    ...(config.rules
      ? {
          ruleSeverity: {
            ...base.ruleSeverity,
            ...Object.fromEntries(
              Object.entries(config.rules)
                .filter(([, r]) => r !== undefined)
                .map(([id, r]) => [id, typeof r === 'string' ? r : (r!.severity ?? base.ruleSeverity?.[id] ?? null)]),
            ),
          },
        }
      : {}),
    configSource: source,
  };
}
