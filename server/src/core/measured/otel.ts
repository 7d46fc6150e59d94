// OTLP/JSON spans, as the OpenTelemetry Collector's file exporter and the SDKs' OTLP/HTTP JSON
// exporters write them, read into the few figures costlint keeps: which model call a span is,
// where in the code it was made, and its token counts. Never prompt or completion content: the
// attributes that carry it are not read. Pure: one parsed span object in, a record out.

/** An OTLP/JSON attribute value, in any of its forms (`intValue` is a string in proto3 JSON, a number in some exporters). */
type AnyValue = {
  stringValue?: string;
  intValue?: string | number;
  doubleValue?: number | string;
  boolValue?: boolean;
  arrayValue?: { values?: AnyValue[] };
  kvlistValue?: unknown;
  bytesValue?: string;
};

/** A span's attributes, flattened to the scalar values costlint reads. */
export type Attributes = Map<string, string | number | boolean>;

export function attributesOf(list: unknown): Attributes {
  const out: Attributes = new Map();
  if (!Array.isArray(list)) return out;
  for (const kv of list) {
    if (!kv || typeof kv !== 'object') continue;
    const { key, value } = kv as { key?: unknown; value?: AnyValue };
    if (typeof key !== 'string' || !value || typeof value !== 'object') continue;
    const v = scalar(value);
    if (v !== undefined) out.set(key, v);
  }
  return out;
}

function scalar(v: AnyValue): string | number | boolean | undefined {
  if (typeof v.stringValue === 'string') return v.stringValue;
  if (v.intValue !== undefined) return num(v.intValue);
  if (v.doubleValue !== undefined) return num(v.doubleValue);
  if (typeof v.boolValue === 'boolean') return v.boolValue;
  // A one-element array (`gen_ai.response.finish_reasons`, `gen_ai.response.model` in some exporters) reads as its element.
  const first = v.arrayValue?.values;
  if (Array.isArray(first) && first.length === 1 && first[0] && typeof first[0] === 'object') return scalar(first[0]);
  return undefined;
}

function num(x: unknown): number | undefined {
  const n = typeof x === 'number' ? x : typeof x === 'string' && x.trim() !== '' ? Number(x) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

/**
 * Attribute names, newest first: the GenAI semantic conventions as they stand, their older
 * generation (`gen_ai.system`, `gen_ai.usage.prompt_tokens`), and the spellings instrumentations
 * in wide use emit (OpenLLMetry's `llm.*` and `gen_ai.usage.cache_read_input_tokens`, OpenLIT's).
 */
export const ATTRIBUTES = {
  operation: ['gen_ai.operation.name', 'llm.request.type', 'ai.operationId'],
  // The Vercel AI SDK's own spans (`ai.generateText`) name the model and usage under `ai.*`.
  provider: ['gen_ai.provider.name', 'gen_ai.system', 'llm.vendor', 'ai.model.provider'],
  requestModel: ['gen_ai.request.model', 'llm.request.model', 'ai.model.id'],
  responseModel: ['gen_ai.response.model', 'llm.response.model', 'ai.response.model'],
  inputTokens: ['gen_ai.usage.input_tokens', 'gen_ai.usage.prompt_tokens', 'llm.usage.prompt_tokens', 'ai.usage.inputTokens', 'ai.usage.promptTokens'],
  outputTokens: [
    'gen_ai.usage.output_tokens',
    'gen_ai.usage.completion_tokens',
    'llm.usage.completion_tokens',
    'ai.usage.outputTokens',
    'ai.usage.completionTokens',
  ],
  cacheRead: ['gen_ai.usage.cache_read.input_tokens', 'gen_ai.usage.cache_read_input_tokens', 'gen_ai.usage.cached_tokens'],
  cacheCreation: ['gen_ai.usage.cache_creation.input_tokens', 'gen_ai.usage.cache_creation_input_tokens'],
  reasoning: [
    'gen_ai.usage.reasoning.output_tokens',
    'gen_ai.usage.reasoning_tokens',
    'llm.usage.reasoning_tokens',
    'gen_ai.usage.completion_tokens_details.reasoning_tokens',
  ],
  maxTokens: ['gen_ai.request.max_tokens', 'llm.request.max_tokens'],
  file: ['code.file.path', 'code.filepath'],
  line: ['code.line.number', 'code.lineno'],
  // `ai.telemetry.functionId`: the name a team gives an AI SDK call (`experimental_telemetry: { functionId }`).
  function: ['code.function.name', 'code.function', 'ai.telemetry.functionId'],
  /** The one attribute a team adds to name the call site itself (README, "Measured usage"). */
  callSite: ['costlint.call_site'],
} as const;

/** The instrumentation that wrote a resource's spans (its `telemetry.sdk.name`: `opentelemetry`, `openlit`, ...). */
export function sdkOfResource(resource: unknown): string | null {
  const a = attributesOf((resource as { attributes?: unknown } | null)?.attributes);
  const v = a.get('telemetry.sdk.name');
  return typeof v === 'string' ? v.toLowerCase() : null;
}

/** The Vercel AI SDK's operations that make a model call (`ai.generateText`, `ai.streamObject.doStream`, `ai.embedMany`). */
const AI_SDK_MODEL_CALLS = /^ai\.(generateText|streamText|generateObject|streamObject|embed|embedMany)(\.|$)/;

/** Operations that are not a model call: a tool run, an agent (its model calls are spans of their own). */
const NOT_MODEL_CALLS = new Set(['execute_tool', 'invoke_agent', 'create_agent', 'invoke_workflow', 'workflow', 'task', 'agent', 'tool', 'rerank_skipped']);

/** A span that is a model call, with what it measured. */
export interface ModelSpan {
  traceId?: string | null;
  spanId: string | null;
  parentSpanId: string | null;
  /** Epoch milliseconds. */
  start: number | null;
  end: number | null;
  operation: string | null;
  /** As the span names it (`openai`, `aws.bedrock`, `gcp.gemini`, ...). */
  provider: string | null;
  requestModel: string | null;
  responseModel: string | null;
  /** Input tokens as the span reports them (the conventions count cached tokens in them). */
  inputTokens: number | null;
  outputTokens: number | null;
  cacheReadTokens: number;
  cacheCreationTokens: number;
  reasoningTokens: number | null;
  maxTokens: number | null;
  file: string | null;
  line: number | null;
  function: string | null;
  callSite: string | null;
  /**
   * Its input tokens leave the cached ones out (OpenLIT's Anthropic spans pass Anthropic's own
   * `input_tokens` on); the conventions, and every other instrumentation, count them in.
   */
  inputExcludesCache?: boolean;
}

/** A span that is not a model call but may say where its model-call children come from. */
export interface ContextSpan {
  traceId?: string | null;
  spanId: string;
  function: string | null;
  callSite: string | null;
}

export type SpanRecord = { kind: 'model'; span: ModelSpan } | { kind: 'context'; span: ContextSpan } | { kind: 'other'; operation: string | null };

function first(a: Attributes, names: readonly string[]): string | number | boolean | undefined {
  for (const n of names) {
    const v = a.get(n);
    if (v !== undefined && v !== '') return v;
  }
  return undefined;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : typeof v === 'number' ? String(v) : null);
const count = (v: unknown): number | null => {
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN;
  return Number.isFinite(n) && n >= 0 ? Math.round(n) : null;
};

function idOf(x: unknown): string | null {
  return typeof x === 'string' && x && !/^0+$/.test(x) ? x : null;
}

function time(x: unknown): number | null {
  if (typeof x === 'number' && Number.isFinite(x)) return x / 1e6;
  if (typeof x === 'string' && /^\d{1,25}$/.test(x)) return Number(BigInt(x) / 1000n) / 1000;
  return null;
}

/**
 * One OTLP/JSON span read: a model call (it names a GenAI operation, provider or model, and is not
 * a tool or agent span), a span carrying a code location or call-site id its children may use, or
 * neither. Field names in lowerCamelCase as OTLP/JSON requires, snake_case accepted.
 */
export function readSpan(raw: unknown, from: { sdk?: string | null } = {}): SpanRecord {
  if (!raw || typeof raw !== 'object') return { kind: 'other', operation: null };
  const s = raw as Record<string, unknown>;
  const a = attributesOf(s.attributes);
  const operation = str(first(a, ATTRIBUTES.operation));
  const provider = str(first(a, ATTRIBUTES.provider));
  const requestModel = str(first(a, ATTRIBUTES.requestModel));
  const responseModel = str(first(a, ATTRIBUTES.responseModel));
  const inputTokens = count(first(a, ATTRIBUTES.inputTokens));
  const outputTokens = count(first(a, ATTRIBUTES.outputTokens));
  const spanId = idOf(s.spanId ?? s.span_id);
  const fn = str(first(a, ATTRIBUTES.function));
  const callSite = str(first(a, ATTRIBUTES.callSite));
  // A span with token counts is a model call even when it names nothing else.
  const genAi = operation !== null || provider !== null || requestModel !== null || responseModel !== null || inputTokens !== null || outputTokens !== null;
  const traceId = idOf(s.traceId ?? s.trace_id);
  // The AI SDK names every span's operation (`ai.toolCall` too): only its generations and embeddings are model calls.
  const notACall = operation !== null && (NOT_MODEL_CALLS.has(operation.toLowerCase()) || (operation.startsWith('ai.') && !AI_SDK_MODEL_CALLS.test(operation)));
  if (genAi && !notACall) {
    const line = count(first(a, ATTRIBUTES.line));
    return {
      kind: 'model',
      span: {
        traceId,
        spanId,
        parentSpanId: idOf(s.parentSpanId ?? s.parent_span_id),
        start: time(s.startTimeUnixNano ?? s.start_time_unix_nano),
        end: time(s.endTimeUnixNano ?? s.end_time_unix_nano),
        operation,
        provider,
        requestModel,
        responseModel,
        inputTokens,
        outputTokens,
        cacheReadTokens: count(first(a, ATTRIBUTES.cacheRead)) ?? 0,
        cacheCreationTokens: count(first(a, ATTRIBUTES.cacheCreation)) ?? 0,
        reasoningTokens: count(first(a, ATTRIBUTES.reasoning)),
        maxTokens: count(first(a, ATTRIBUTES.maxTokens)),
        file: str(first(a, ATTRIBUTES.file)),
        line: line && line > 0 ? line : null,
        function: fn,
        callSite,
        ...(from.sdk === 'openlit' && provider?.toLowerCase() === 'anthropic' ? { inputExcludesCache: true } : {}),
      },
    };
  }
  if (spanId && (fn || callSite)) return { kind: 'context', span: { traceId, spanId, function: fn, callSite } };
  return { kind: 'other', operation };
}
