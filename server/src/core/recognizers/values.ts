// The language-neutral view of call arguments. Each recognizer evaluates the syntax of
// its language into these values (resolving same-file constants where it can); the
// call-site builder reads model, cap, streaming and prompt from them without knowing
// which language they came from.
import type { OperationSpec, SdkSpec } from '../catalogue';
import type { Span } from '../types';
import type { Edit, Lit } from '../writers/lit';

/**
 * A dynamic part. `image`: the part is an image file's bytes (base64 of `open("x.png", "rb").read()`),
 * with its pixel size when the host could read it, or why not.
 */
/**
 * A piece of a string: text known statically, or a hole (its name says what it stands for). A
 * hole may be an image's bytes (`image`), or the text of the file at the path a parameter of the
 * enclosing function names (`fileParam`: read where the function is called with a static path).
 */
export type StrPart = { text: string } | { hole: string; image?: ImageRef; fileParam?: string };

export interface ImageRef {
  path: string;
  /** The path is this parameter of the enclosing function: resolved where the function is called with a static path. */
  param?: string;
  width?: number;
  height?: number;
  error?: string;
}

/** The named constant a string was read from (`SYSTEM_PROMPT = "..."`): where a code lens shows its tokens. */
export interface Origin {
  name: string;
  /** The constant's declaration (its name, or its value for constants of other modules). */
  span: Span;
  /** Set when the constant is in another workspace file. */
  path?: string;
}

interface Base {
  span: Span;
  /** Source text of the expression. */
  text: string;
  /**
   * A prompt template (LangChain `ChatPromptTemplate`, `PromptTemplate`): its variables are holes
   * named after them, filled from what the chain is invoked with.
   */
  template?: boolean;
  /** An SDK's model constant (`openai.ChatModelGPT4o`, `ChatModel.GPT_4O`): a string literal of its value may replace it. */
  constant?: boolean;
  /** For strings: the constant it is, when it was read through a name. */
  origin?: Origin;
  /** A prompt loader instance (`genkit({ promptDir, model })`): its options, as an object value. */
  loader?: 'genkit';
  /** A model set at run time through a provider that routes it (`mistral(process.env.MODEL)`): the provider prefix it is routed by. */
  routedBy?: string;
  /** An uploaded file's id (`files.create(file=open("batch.jsonl", "rb")).id`): the file's text, or why it was not read. */
  uploaded?: { path: string; text?: string; error?: string };
  /**
   * What a parameter of a function is given (`model` in `def get_llm(model): return ChatOpenAI(model=model)`):
   * filled at each call of the function with what that call passes (model/params.ts), the value here
   * standing for any caller.
   */
  param?: ParamRef;
}

/** A parameter a value stands for (`Base.param`): of which function, read how. */
export interface ParamRef {
  /** The function, as `paramKey` names it (its name and where it starts). */
  fn: string;
  name: string;
  /** Attributes read from it (`llm.value` of an enum member, `cfg.model`). */
  path?: string[];
  /** A provider prefix the reading adds (`OpenAIChatModel(m)` is `openai:` + m). */
  prefix?: string;
}

export type Val =
  | (Base & { kind: 'str'; parts: StrPart[] })
  | (Base & { kind: 'num'; value: number })
  | (Base & { kind: 'bool'; value: boolean })
  | (Base & { kind: 'null' })
  | (Base & { kind: 'list'; items: Val[]; open: string[] })
  | (Base & { kind: 'obj'; props: Map<string, Val>; open: string[]; node: unknown })
  /** mock: a test double's model (`new MockLanguageModelV2()`); a call using it is not billed. */
  /**
   * options: one of these static strings, chosen at run time (`"a" if fast else "b"`, `MODELS[tier]`, a
   * function returning one of several literals); each keeps its own span, where a fix would edit it.
   */
  | (Base & { kind: 'unknown'; default?: Val; mock?: boolean; options?: Val[]; /** Options with an id written more than once. */ duplicated?: boolean });

export type ObjVal = Extract<Val, { kind: 'obj' }>;

/**
 * A string read through the constant `name` declared at `span` keeps that origin; so do the strings
 * of a list constant (a messages array, a chat prompt template's messages). The innermost origin wins.
 */
export function withOrigin(v: Val, name: string, span: Span, path?: string): Val {
  const origin: Origin = path ? { name, span, path } : { name, span };
  const mark = (x: Val, depth: number): Val => {
    if (x.kind === 'str') return x.origin ? x : { ...x, origin };
    if (depth > 3) return x;
    if (x.kind === 'list') return { ...x, items: x.items.map((i) => mark(i, depth + 1)) };
    if (x.kind === 'obj' && depth > 0) {
      const props = new Map<string, Val>();
      for (const [k, i] of x.props) props.set(k, mark(i, depth + 1));
      return { ...x, props };
    }
    return x;
  };
  return v.kind === 'str' || v.kind === 'list' ? mark(v, 0) : v;
}

/** The whole string when it has no dynamic parts. */
/** A key equal for equal constants (a string of text only, a number); null for anything else. */
export function constantKey(v: Val): string | null {
  if (v.kind === 'num') return `n:${v.value}`;
  return v.kind === 'str' && v.parts.every((p) => 'text' in p) ? `s:${v.parts.map((p) => ('text' in p ? p.text : '')).join('')}` : null;
}

export function staticString(v: Val | undefined): string | undefined {
  if (!v || v.kind !== 'str') return undefined;
  let out = '';
  for (const p of v.parts) {
    if ('hole' in p) return undefined;
    out += p.text;
  }
  return out;
}

/** How many values a run-time choice may have and still be read as options (`oneOf`). */
export const MAX_OPTIONS = 8;

/**
 * A value chosen at run time among `values` (the branches of `a if c else b`, a dict's values, a
 * function's returns): unknown, with the static strings it may be as `options` (nested choices
 * flattened, repeats dropped). Undefined when one of them is not a static string, or there are too many.
 */
export function oneOf(values: readonly Val[], span: Span, text: string): Val | undefined {
  const flat = values.flatMap((v) => (v.kind === 'unknown' && v.options ? v.options : [v]));
  const seen = new Set<string>();
  const options: Val[] = [];
  // The same id written in several places: a fix editing one of them would leave the others.
  let duplicated = values.some((v) => v.kind === 'unknown' && v.duplicated);
  for (const v of flat) {
    const s = staticString(v);
    // Options stand for ids (models, tiers): a sentence is not one (`CONFIG[k]` over `{model, system}`).
    if (s === undefined || !s || /\s/.test(s) || s.length > 200) return undefined;
    if (!seen.has(s)) {
      seen.add(s);
      options.push(v);
    } else duplicated = true;
  }
  if (!options.length || options.length > MAX_OPTIONS) return undefined;
  return { kind: 'unknown', span, text, options, ...(duplicated ? { duplicated } : {}) };
}

/** Whether a value says something a reader can use: known, or unknown with a default or options. */
export function informative(v: Val): boolean {
  return v.kind !== 'unknown' || !!v.default || !!v.options || !!v.routedBy;
}

export function concatStr(span: Span, text: string, vals: Val[]): Val | undefined {
  const parts: StrPart[] = [];
  for (const v of vals) {
    if (v.kind === 'str') parts.push(...v.parts);
    else if (v.kind === 'num') parts.push({ text: String(v.value) });
    else parts.push({ hole: v.text });
  }
  return { kind: 'str', parts: mergeParts(parts), span, text };
}

export function mergeParts(parts: StrPart[]): StrPart[] {
  const out: StrPart[] = [];
  for (const p of parts) {
    const last = out.at(-1);
    if ('text' in p && last && 'text' in last) out[out.length - 1] = { text: last.text + p.text };
    else out.push(p);
  }
  return out;
}

export function arith(op: string, a: number, b: number): number | undefined {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '//':
      return b === 0 ? undefined : Math.floor(a / b);
    case '/':
      return b === 0 ? undefined : a / b;
    default:
      return undefined;
  }
}

/**
 * A parameter by dotted path (`config.max_output_tokens`): its value, the object holding it,
 * and whether it could be hidden in something unreadable (a spread, or `config=some_var`).
 */
export function readPath(obj: ObjVal, path: string): { value?: Val; parent?: ObjVal; opaque: boolean } {
  const segs = path.split('.');
  let cur = obj;
  for (const seg of segs.slice(0, -1)) {
    const next = cur.props.get(seg);
    if (!next) return { opaque: cur.open.length > 0 };
    if (next.kind !== 'obj') return { opaque: next.kind !== 'null' };
    cur = next;
  }
  return { value: cur.props.get(segs[segs.length - 1]), parent: cur, opaque: cur.open.length > 0 };
}

/** What a recognizer found: an SDK call with its evaluated arguments. */
export interface RawCall {
  /** Which language family the call was written in: SDKs differ in parameter spelling. */
  flavor: 'python' | 'js';
  /** The SDK and the operation the recognizer found the call to be (never looked up again). */
  sdk: SdkSpec;
  op: OperationSpec;
  /** The client class the call goes through, when known (`AnthropicVertex`). */
  clientClass: string | null;
  /** The client's base URL option, when its constructor sets one. */
  endpoint: { url: string | null; expression: string; fromDefault?: boolean } | null;
  /** The cloud region the client's constructor names (Vertex AI); name null: set at run time. */
  region?: { name: string | null; expression: string };
  span: Span;
  nameSpan: Span;
  /** Named request parameters (Python keyword arguments, or the JS params object). */
  args: ObjVal;
  /**
   * Parameters fixed by what made the client (`ChatOpenAI(model=..., max_tokens=...)`,
   * `client.chats.create(model=...)`, `functools.partial(...)`); the call's own args win.
   */
  bound: ObjVal | null;
  /** The chain the model is invoked through (`prompt | llm`), when it is one: its input is not the prompt. */
  piped: string | null;
  /** The prompt template at the head of that chain, when it is known statically. */
  template?: Val;
  /** Said in the estimate's assumptions (a prompt file's sample inputs were used). */
  /**
   * The cap belongs where the client was made, never in this call (its method takes no request parameters:
   * CrewAI's `llm.call(messages)`, a LlamaIndex agent's `chat`): the fix edits the constructor, or there is none.
   */
  capInBound?: boolean;
  notes?: string[];
  /**
   * Other clients the call may go through, chosen at run time (a factory returning one of several, a
   * client assigned in several branches, picked from a map): each with the same method's operation in its SDK.
   */
  /** More clients than `alternatives` holds: too many to price (candidates.ts). */
  alternativesCut?: boolean;
  alternatives?: Pick<RawCall, 'sdk' | 'op' | 'clientClass' | 'endpoint' | 'region' | 'bound' | 'piped' | 'template' | 'capInBound'>[];
  /** Loop description when the call runs repeatedly, null otherwise. */
  loop: string | null;
  /**
   * How many times the enclosing loops run the call when every bound is static (`range(10)`, a
   * literal or constant list; nested loops multiply), null when one is not; absent outside loops
   * and where the recognizer does not count.
   */
  iterations?: number | null;
  /** The named functions and classes around the call, outermost first, dotted (`ChatService.reply`); empty at the top level. */
  scope?: string;
  /** The edits a fix can make to what the recognizer read, written in the file's language. */
  edits: CallEdits;
}

/**
 * The edits a fix can make to the values a recognizer read, each spelled by the file's language
 * writer (`writers/`) in the SDK's idiom for that language. Null means no correct edit exists
 * there (an object from another file, a value built at run time, a type the language's idioms do
 * not know): the rule then offers no fix, never a wrong one.
 */
export interface CallEdits {
  /**
   * Sets parameter `name` (the API's name) of `obj`: added, or its value in this file replaced.
   * `required`: the API requires the field (Go writes it unwrapped).
   */
  set(obj: ObjVal, name: string, value: Lit, opts?: { required?: boolean }): Edit[] | null;
  /** Renames parameter `name` of `obj` to `newName` (the API's names), its value untouched. */
  rename(obj: ObjVal, name: string, newName: string): Edit[] | null;
  /** Replaces a value read from this file (a string literal, an SDK model constant) by `value`. */
  replace(v: Val, value: Lit): Edit[] | null;
}

/**
 * Thrown by a recognizer that finds more SDK calls in a file than an analysis may price
 * (`AnalysisSettings.maxCallSites`): it stops there rather than resolve them all.
 */
export class TooManyCalls extends Error {
  constructor(readonly limit: number) {
    super(`more than ${limit} SDK calls`);
  }
}

/** Adds a call found, stopping the recognizer past `limit`. */
export function pushCall(out: RawCall[], call: RawCall, limit: number): void {
  out.push(call);
  if (out.length > limit) throw new TooManyCalls(limit);
}

/** A `CallEdits` offering nothing (calls whose values no fix may touch). */
export const NO_EDITS: CallEdits = { set: () => null, rename: () => null, replace: () => null };

/**
 * A resolved constant keeps its value but reports the span and text of the reference; with the
 * declaration's value node, its strings remember the constant (`origin`) for the code lens.
 */
export function reSpan(v: Val, span: Span, text: string, decl?: Span): Val | undefined {
  if (v.kind === 'unknown') return v.default || v.options || v.routedBy || v.param ? { ...v, span, text } : undefined;
  const marked = decl ? withOrigin(v, text, decl) : v;
  if (marked.kind === 'obj' || marked.kind === 'list') return marked;
  return { ...marked, span, text };
}

/** A number literal, with digit separators and type suffixes (`1_000`, `1024L`, `0.5f`) removed. */
export function numberVal(text: string, span: Span): Val | undefined {
  const n = Number(text.replace(/_/g, '').replace(/[lLuUfFdDmM]+$/, ''));
  return Number.isFinite(n) ? { kind: 'num', value: n, span, text } : undefined;
}

/** A chat message `{role, content}` built from an SDK helper (`openai.UserMessage("...")`). */
export function messageVal(role: string, content: Val, span: Span, text: string): Val {
  return {
    kind: 'obj',
    props: new Map<string, Val>([
      ['role', { kind: 'str', parts: [{ text: role }], span, text }],
      ['content', content],
    ]),
    open: [],
    node: null,
    span,
    text,
  };
}

/**
 * A model id from an SDK constant's name, as the Go, Java and Ruby SDKs spell them:
 * `ChatModelGPT4o` / `GPT_4O` -> `gpt-4o`, `ChatModelGPT4_1Mini` / `GPT_4_1_MINI` -> `gpt-4.1-mini`,
 * `ModelClaudeSonnet4_5_20250929` / `CLAUDE_SONNET_4_5` -> `claude-sonnet-4-5-20250929`.
 * OpenAI versions take a dot between digits (`4.1`), Anthropic's a dash (`4-5`).
 */
export function modelFromConstant(name: string, provider: string): string | undefined {
  // go-openai spells a version's dot: `GPT3Dot5Turbo` is gpt-3.5-turbo.
  let s = name
    .replace(/^(ChatModel|ResponsesModel|EmbeddingModel|ImageModel|CreateImageModel|Model)(?=[A-Z0-9])/, '')
    .replace(/(\d)Dot(\d)/g, '$1.$2')
    // go-openai's CreateImageModelDallE3: dall-e-3.
    .replace(/^DallE(\d)$/, 'Dall_E_$1');
  if (!s) return undefined;
  if (/^[A-Z0-9_]+$/.test(s) && s.includes('_') && !/[A-Z]\d/.test(s)) {
    // SCREAMING_SNAKE (Java, Ruby): words are separated already.
    s = s.toLowerCase();
  } else {
    // CamelCase (Go): split words and letter/digit boundaries, keep `4o`, `o3` together.
    s = s
      .replace(/([a-z])([A-Z])/g, '$1_$2')
      .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
      .replace(/([A-Za-z]{2,})(\d)/g, '$1_$2')
      .replace(/(\d)([A-Z][a-z])/g, '$1_$2')
      .toLowerCase();
  }
  const versionSep = provider === 'openai' ? '.' : '-';
  s = s
    .replace(/(\d{4})_(\d{2})_(\d{2})/g, '$1-$2-$3')
    .replace(/(\d)_(?=\d)(?!\d{8})/g, `$1${versionSep}`)
    .replace(/_/g, '-');
  return s;
}
