// The shape of SDK knowledge. Each SDK is a data entry (see openai.ts, anthropic.ts):
// how clients are made, which calls send billed requests, where model, prompt and
// output cap live, and which cap parameter a fix inserts.

export type PromptShape =
  /** A string, or a list of content blocks with `text` (Anthropic system). */
  | 'text'
  /** A list of {role, content} messages; content is a string or a list of blocks. */
  | 'messages'
  /** Responses API input: a string or a list of messages. */
  | 'responses-input'
  /** Embeddings input: a string or a list of strings. */
  | 'embedding-input'
  /** Gemini contents: a string, or a list of strings, {role, parts: [{text}]} contents or parts. */
  | 'gemini-contents';

export interface PromptSpec {
  /** Parameter name, or a dotted path into an options object (`config.system_instruction`). */
  param: string;
  shape: PromptShape;
}

export interface CapSpec {
  /** Parameters that cap output, in order of preference; dotted paths reach into option objects. */
  params: string[];
  /** True when the API rejects a request without a cap (Anthropic's max_tokens). */
  required: boolean;
  /** Parameter the fix inserts. */
  insert: string;
  /** Inserted instead when the model's rate card says it still accepts max_tokens (OpenAI chat on gpt-4o / gpt-4.1). */
  insertWhenModelAcceptsMaxTokens?: string;
  /** Inserted in JS/TS when that SDK spells it differently (`maxTokens`). */
  jsInsert?: string;
}

export interface OperationSpec {
  /** Method path below the client, as in Python (`chat.completions.create`). */
  path: string;
  /** The same path where the JS SDK names it differently (`messages.countTokens`). */
  jsPath?: string;
  /** API family, reported as `api` in the JSON. */
  api: string;
  /** False for calls that send no billed request (`messages.count_tokens`). */
  billed: boolean;
  /** true: always streams; 'param': streams when `stream` is true; false: never. */
  streaming: boolean | 'param';
  /**
   * Parameters whose presence means the call reads output that already exists instead of
   * generating any (`responses.stream(response_id=...)` resumes a background response).
   */
  notBilledWith?: string[];
  /**
   * Request parameters that change the price in ways the estimate does not model, with what
   * each value does; a call that sets one gets an assumption saying so.
   */
  priceParams?: { param: string; values: Record<string, string> }[];
  /** 'batch' operations are priced at batch rates. */
  pricing: 'standard' | 'batch';
  /** The request parameters live in each item of this list param, under `item` (message batches). */
  requestsIn?: { list: string; item: string };
  /** null when the API returns no generated tokens (embeddings). */
  cap: CapSpec | null;
  prompt: PromptSpec[];
  /** Adds the OpenAI chat framing (3 tokens per message, 3 to prime the reply). */
  chatFraming: boolean;
}

export interface JsPackage {
  module: string;
  /** Class exported as default (and as the CommonJS module value). */
  defaultExport?: string;
  /** The default export is a ready client instance (`import ollama from 'ollama'`). */
  defaultIsClient?: boolean;
  /** Client classes exported by name. */
  classes: string[];
}

export interface PythonPackage {
  module: string;
  classes: string[];
  /** `import openai; openai.chat.completions.create(...)` uses a module-level client. */
  moduleIsClient?: boolean;
}

export interface SdkSpec {
  id: string;
  displayName: string;
  /** Rate card provider whose models this SDK calls. */
  provider: string;
  python: PythonPackage[];
  js: JsPackage[];
  /** Client classes that call a cloud platform rather than the provider's own API. */
  platforms?: Record<string, 'bedrock' | 'vertex' | 'azure'>;
  /**
   * For SDKs that route by model string (`anthropic/claude-...`): provider prefix -> rate-card
   * provider; '*' looks the rest up in every card, 'local' prices $0, null means no card.
   * Without a known prefix the model id is looked up in every card.
   */
  modelPrefixes?: Record<string, string | null>;
  /** Client constructor options that point it at another server (`base_url`, `baseURL`). */
  baseUrlOptions: string[];
  /** Runs models on the user's own machines: priced $0 and labelled local. */
  local?: boolean;
  /** Python classes that are plain option bags, read like dicts (`types.GenerateContentConfig(...)`). */
  optionClasses?: string[];
  /** Prefixes of model ids that name the same model (`models/gemini-2.5-flash`). */
  modelIdPrefixes?: string[];
  /** Methods on a client or resource that return the same kind of client (`with_options`). */
  deriveMethods: string[];
  /** Properties on a client or resource that return the same thing, modified (`with_raw_response`). */
  deriveProperties: string[];
  operations: OperationSpec[];
}
