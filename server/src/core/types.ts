// Plain data returned by the analysis core. Nothing here knows about LSP or VS Code:
// positions are UTF-16 offsets plus 0-based line/character pairs, which the server
// passes through and the CLI turns into 1-based line/column.
import type { MeasuredEntry } from './measured/file';
import type { RateCards } from './ratecards';

export type Language =
  'python' | 'typescript' | 'javascript' | 'typescriptreact' | 'javascriptreact' | 'ruby' | 'go' | 'java' | 'csharp' | 'php' | 'prompty' | 'dotprompt';

/** Prompt template files: the file itself is a call site (the registry, languages/, says which). */
export { PROMPT_FILE_LANGUAGE_IDS as PROMPT_FILE_LANGUAGES } from './languages';

export interface Span {
  start: number;
  end: number;
}

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface ModelRef {
  /** The model id, when known statically (or the default the code falls back to). */
  value: string | null;
  /** The source text of the model argument, or null when the argument is missing. */
  expression: string | null;
  /** True when value is exactly what the request sends. */
  resolved: boolean;
  /** Where an assumed default is written, when not at the expression (the project's environment schema: `MISTRAL_MODEL`'s default in src/env.ts). */
  defaultFrom?: string;
  /**
   * The models the call may send when it is chosen at run time among a few known ones (`"a" if x else "b"`,
   * `MODELS[tier]`, a factory returning one of several clients): each with the provider that bills it and
   * its cost. `value` is the first; the estimate's cost range covers them all.
   */
  candidates?: CandidateModel[];
}

export interface CandidateModel {
  value: string | null;
  provider: string;
  costUsd: { min: number; max: number } | null;
}

export interface OutputCap {
  param: string;
  value: number | null;
  expression: string;
}

export interface PromptPart {
  /** Where the text sits in the request, e.g. "system", "messages[0].content". */
  where: string;
  text: string;
  /** Tokens of this part (with the model's tokenizer factor when approximate). */
  tokens?: number;
  /**
   * True when the part is in the prefix an explicit cache breakpoint covers (Anthropic
   * `cache_control` on this block or a later one): billed at cache prices after the first call.
   */
  cached?: boolean;
  /** The named constant this part's text is (`SYSTEM_PROMPT`), with where it is declared. */
  source?: PartSource;
  /** An image input: counted by the provider's formula from its size (`text` is empty). */
  image?: ImagePart;
  /** The last part of a block marked with `cache_control`: a cache breakpoint follows it. */
  breakpoint?: boolean;
  /** A dynamic value sits inside this text, before `staticAfter` (what it keeps from being a cacheable prefix). */
  dynamicBefore?: { name: string; staticAfter: string };
}

export interface ImagePart {
  width: number | null;
  height: number | null;
  /** OpenAI's `detail` when the request sets it. */
  detail: string | null;
  /** The workspace file it is read from, when known. */
  file: string | null;
  /** How its tokens were computed. */
  formula?: string;
}

export interface PartSource {
  name: string;
  /** The workspace file declaring it, when it is not this file. */
  path?: string;
  /** Its declaration, in the file that declares it. */
  span: Span;
  /** The declaration's range, when it is in this file. */
  range?: Range;
  /** Notebooks only: the cell of the declaration, with span and range within it. */
  cell?: number;
}

/** A prompt constant of this file used by call sites here: a code lens shows its tokens. */
export interface PromptConstant {
  name: string;
  span: Span;
  range: Range;
  cell?: number;
  /** Tokens as each using call counts them (tokenizers differ by model): the smallest and largest. */
  tokens: { min: number; max: number };
  /** The call sites that send it, as indexes into `callSites`. */
  usedBy: number[];
}

export interface UnknownPart {
  /** A readable name for the dynamic part: the expression text, e.g. "user_input". */
  name: string;
  where: string;
  /** Tokens assumed for it from the configuration (`defaults.dynamicParts`), when it names this part. */
  assumedTokens?: number;
}

export interface Prompt {
  parts: PromptPart[];
  unknown: UnknownPart[];
  /** Messages counted for the per-message framing overhead (OpenAI chat format). */
  messageCount: number;
  /** Tokens added by the chat format (per message, reply priming, names), counted once here. */
  overheadTokens?: number;
  /** The cache lifetime the breakpoints ask for (`5m`, `1h`), when there are any. */
  cacheTtl?: string;
  /** How many blocks carry `cache_control` (Anthropic allows at most 4), the automatic one included. */
  cacheBreakpoints?: number;
  /** Anthropic's automatic caching (a top-level `cache_control`): the breakpoint sits on the last cacheable block. */
  automaticCache?: boolean;
}

export interface Estimate {
  /**
   * `static`: counted from the prompt's known text. `assumed`: configured sizes of dynamic parts
   * (priced). `unknownParts`: dynamic parts with no configured size (not priced: 0 assumed).
   */
  inputTokens: { static: number; assumed: number; unknownParts: string[] };
  /** Output tokens priced for the worst case: the cap, or the model's maximum output when uncapped. */
  outputTokens: number | null;
  costUsd: { min: number; max: number } | null;
  approximate: boolean;
  /**
   * How the tokens were counted: the encoding, the factor applied to its count, and for
   * approximations the stated basis (`note`) and how far off the count may be (`confidence`).
   */
  tokenizer: { encoding: string; factor: number; exact: boolean; confidence: 'exact' | 'approximate' | 'rough'; note: string | null };
  assumptions: string[];
  encoding: string | null;
  /** Prices per 1M tokens that the estimate used, when the model is priced. */
  pricing: PricingUsed | null;
  /**
   * With an explicit cache breakpoint: the cached prefix's tokens and the cost of the first call
   * (which writes the cache) and of repeats within the cache's lifetime (which read it).
   * `costUsd` above prices every input token at the standard rate.
   */
  cache?: { tokens: number; firstCallUsd: { min: number; max: number } | null; repeatCallUsd: { min: number; max: number } | null };
  /**
   * Reasoning (thinking) the request asks for: billed as output tokens, inside the cap. `budgetTokens`
   * bounds it when the call sets a budget; `effort` is the level asked for; `enabled` false when the
   * call turns it off. Present for reasoning models and whenever a reasoning control is set.
   */
  reasoning?: Reasoning;
  /**
   * The expected cost, next to the worst case: output from the configuration's expected size
   * (plus a thinking budget when set), never above the cap. Present when the configuration sets one.
   */
  expected?: { outputTokens: number; costUsd: number | null; basis: string };
  /**
   * Image generation: the images asked for (a range when the count is set at run time), their
   * size and quality as the request gives them (null when it does not, or when they are set at run
   * time), and the card's price per image over what those allow.
   */
  images?: { count: { min: number; max: number }; size: string | null; quality: string | null; usdPerImage: { min: number; max: number } | null };
}

export interface Reasoning {
  enabled: boolean | null;
  effort: string | null;
  budgetTokens: number | null;
  /** The parameters read, as written (`thinking.budget_tokens`, `reasoning_effort`). */
  controls: string[];
  note: string;
}

export interface PricingUsed {
  model: string;
  input: number;
  output: number | null;
  cacheRead: number | null;
  /** `standard`, `batch`, `local`, or the service tier priced (`flex`, `priority`, `fast`). */
  basis: string;
}

export interface CallSite {
  /**
   * Stable within the file across edits that do not touch its function: the named functions and
   * classes around it, then the operation, with `[n]` for the n-th such call there
   * (`ChatService.reply::chat.completions.create`, `summarize::messages.create[2]`; at the top
   * level just the operation). Prefixed with the file's path it names the call site in
   * costlint.json `usage` (`src/chat.py::ChatService.reply::chat.completions.create`).
   */
  id: string;
  span: Span;
  range: Range;
  /** Span of the method name (`create`), where diagnostics point. */
  nameSpan: Span;
  nameRange: Range;
  /** Notebooks only: 0-based index into all the notebook's cells; ranges are then within the cell. */
  cell?: number;
  language: Language;
  provider: string;
  sdk: string;
  api: string;
  operation: string;
  model: ModelRef;
  outputCap: OutputCap | null;
  streaming: boolean | null;
  inLoop: boolean;
  /** Why the call is considered in a loop, e.g. "for loop at line 12". */
  loop: string | null;
  /** How many times its loops run it, when every bound is static (`range(10)`, a constant list; nested loops multiply). */
  iterations?: number;
  prompt: Prompt;
  estimate: Estimate;
  /**
   * A static prefix (tools, system prompt) long enough for the model's cache, sent uncached: its key
   * (model and a hash of the text) and tokens. Hosts compare keys across files (`uncached-prefix`).
   */
  cacheablePrefix?: { key: string; tokens: number };
  /**
   * Calls per month: measured (costlint.usage.json, `source: 'measured'`, which wins) or from the
   * configuration's `usage` (the key that gave it: a file glob or this call site's id).
   */
  usage?: { callsPerMonth: number; key: string; source?: 'measured' };
  /** What production measured for this call site (`costlint usage import --write`). */
  measured?: Measured;
  /** The feature costlint.json `features` names for it (by its id, else by the first glob matching its file). */
  feature?: string;
  /** Its file's owners in the project's CODEOWNERS (the last matching line's). */
  owners?: string[];
  /** True when arguments are passed through a spread (`**kwargs`, `...params`) we could not see into. */
  opaqueArguments: boolean;
}

/** A call site's measured calls (core/measured/apply.ts). */
export interface Measured {
  calls: number;
  /** The days the import covers; callsPerMonth scales calls from it to 30 days. */
  periodDays: number;
  callsPerMonth: number;
  /** Calls that carried token counts (the token and cost figures are over these). */
  withTokens: number;
  inputTokens: { p50: number; p95: number; mean: number } | null;
  outputTokens: { p50: number; p95: number; mean: number } | null;
  cacheReadShare: number | null;
  /** Per call, at the rate cards' prices on the import date. */
  costUsd: { p50: number; p95: number } | null;
  /** Measured dollars per month (the mean cost per call times callsPerMonth); null when some calls were not priced. */
  monthlyUsd: number | null;
  unpriced: number;
  models: Record<string, number>;
  source: { file: string; from: 'otel'; importedAt: string; period: { start: string; end: string } };
  /** Only when the period ended more than 90 days before today. */
  staleDays?: number;
  /** Where measured and estimated are far apart, in words. */
  drift: string[];
}

export type Severity = 'info' | 'warning' | 'error';
export type FixSafety = 'safe' | 'unsafe' | 'suggestion';

export interface TextEdit {
  span: Span;
  range: Range;
  newText: string;
}

export interface Fix {
  title: string;
  safety: FixSafety;
  edits: TextEdit[];
}

export interface Finding {
  /** Notebooks only, as in CallSite. */
  cell?: number;
  rule: string;
  severity: Severity;
  message: string;
  span: Span;
  range: Range;
  fix: Fix | null;
}

export interface AnalysisError {
  /** Which part failed: "recognizer:python", "rule:uncapped-output", ... */
  component: string;
  message: string;
}

export interface AnalysisResult {
  language: Language | null;
  callSites: CallSite[];
  findings: Finding[];
  /** Set when the file was not analyzed at all, with the reason a user can act on. */
  skipped: string | null;
  /** Internal failures isolated from the rest of the analysis. */
  errors: AnalysisError[];
  /** Other workspace files whose exports this analysis used (clients, constants): re-analyze when they change. */
  dependencies?: string[];
  /** Prompt constants declared in this file and sent by its call sites. */
  promptConstants?: PromptConstant[];
  /**
   * True while the fixes have not been parsed again yet (`SourceInput.deferFixCheck`): the host must
   * call `Analyzer.checkFixes` before offering any of them.
   */
  fixesUnchecked?: boolean;
  /**
   * The findings that depend on what other files send (`uncached-prefix`): the host joins them
   * with its prefix index (`joinPrefixes` in prefixes.ts) instead of analyzing the file again.
   * Absent when the file sends no cacheable prefix. Internal: not part of any output.
   */
  prefixJoin?: PrefixJoin;
}

/** Cacheable prefixes other files send, by `CallSite.cacheablePrefix.key`: the files and how many call sites there. */
export type WorkspacePrefixes = Record<string, { files: string[]; calls: number }>;

/**
 * A call site's `uncached-prefix` finding, which holds, and says why, by how many calls send its
 * prefix: this file's (`sharing`) and, once joined, other files'. A call in a loop always holds.
 */
export interface PrefixCandidate {
  /** `CallSite.cacheablePrefix.key`. */
  key: string;
  /** Other calls of this file sending the prefix. */
  sharing: number;
  /** The loop the call runs in, or null. */
  loop: string | null;
  /** How many call sites must send the prefix (the rule's `minCallSites`). */
  minCallSites: number;
  /** The message before and after its reason (`is also sent by ...`). */
  message: [string, string];
  /** The finding (its message set when it holds); in `findings` while it holds and is not suppressed. */
  finding: Finding;
  /** A suppression comment of the file silences it. */
  suppressed: boolean;
}

export interface PrefixJoin {
  candidates: PrefixCandidate[];
  /**
   * Suppression comments naming `uncached-prefix` that silence only candidates not holding yet:
   * the file-level findings about the comment (`unused-suppression`) while it silences nothing,
   * and once one of `candidates` (indexes) holds.
   */
  swaps: { unused: Finding[]; used: Finding[]; candidates: number[] }[];
}

export interface AnalysisSettings {
  /** Value the uncapped-output fix inserts. */
  defaultOutputCap: number;
  /** Files larger than this many characters are skipped with a message. */
  maxFileSize: number;
  /**
   * Files with more SDK calls than this are skipped with a message: each call is priced and
   * checked, and thousands of them (generated code, test data) would make every edit take seconds.
   */
  maxCallSites: number;
  /** Date used for lifecycle and dated prices (YYYY-MM-DD); today when omitted. */
  today?: string;
  /** Output tokens a call is expected to produce (costlint.json `defaults.expectedOutputTokens`): priced as `expected`. */
  expectedOutputTokens?: number;
  /** Tokens assumed for dynamic prompt parts by name, `*` for any other (costlint.json `defaults.dynamicParts`). */
  dynamicParts?: Record<string, number>;
  /** Where those two came from, as the assumptions name it (`costlint.json`). */
  configSource?: string;
  /** Budgets from the configuration, in dollars (`over-budget`). */
  budgets?: { perCall?: number; perMonth?: number };
  /** Calls per month of each call site in this file, from the configuration's `usage` glob that matched. */
  callsPerMonth?: { calls: number; key: string };
  /** Calls per month of single call sites of this file, by `CallSite.id` (costlint.json `usage` keys naming a call site); they win over `callsPerMonth`. */
  callsPerMonthById?: Record<string, { calls: number; key: string }>;
  /** The feature of the call sites of this file (costlint.json `features`: the first glob matching it). */
  feature?: string;
  /** Features of single call sites of this file, by `CallSite.id` (`features` keys naming a call site); they win over `feature`. */
  featureById?: Record<string, string>;
  /** This file's owners from the project's CODEOWNERS. */
  owners?: string[];
  /** Measured calls of single call sites of this file, by `CallSite.id` (costlint.usage.json); their volume wins over `usage`. */
  measuredById?: Record<string, MeasuredEntry>;
  /** Severity per rule id from the configuration (`off` turns a rule off; null keeps its default). */
  ruleSeverity?: Record<string, Severity | 'off' | null>;
  /** Options per rule id from the configuration (each rule fills in its defaults). */
  ruleOptions?: Record<string, Record<string, unknown>>;
  /** The rate cards with the project's pricing applied (costlint.json `rateCards`, `models`, `discounts`), instead of the analyzer's own. */
  rateCards?: RateCards;
}

export const DEFAULT_SETTINGS: AnalysisSettings = {
  defaultOutputCap: 1024,
  maxFileSize: 2_000_000,
  maxCallSites: 2_000,
};
