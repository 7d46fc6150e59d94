import { capSpelled, operation } from './define';
import type { CapSpec, OperationSpec, PromptSpec, SdkSpec } from './types';

// Frameworks that own the model call: the application builds an agent or an LLM object with the
// model and its settings, and a run method (or a runner given the agent) sends the requests.
// Each is a configured class (its constructor's arguments are the request's parameters); an agent
// run is at least one model call, one more per tool round trip, which the estimate says.

/** An optional cap the Python-only frameworks spell one way (the first, which a fix inserts), or several. */
const cap = (insert: string, ...also: string[]): CapSpec => ({ params: [insert, ...also], required: false, insert });

const AGENT_RUN = 'an agent run makes one model call per turn: at least one, more when the model calls tools or hands off; the estimate is per call';

/** Model prefixes several frameworks share (`openai:gpt-4o`, `openai/gpt-4o`), by the rate-card provider that prices them. */
const COMMON_PREFIXES: Record<string, string | null> = {
  openai: 'openai',
  azure: 'openai',
  anthropic: 'anthropic',
  groq: 'groq',
  mistral: 'mistral',
  cohere: 'cohere',
  bedrock: '*',
  deepseek: 'deepseek',
  xai: 'xai',
  grok: 'xai',
  together: 'together',
  together_ai: 'together',
  fireworks: 'fireworks',
  fireworks_ai: 'fireworks',
  ollama: 'local',
  ollama_chat: 'local',
  openrouter: null,
  huggingface: null,
};

/** Frameworks that send their model strings through LiteLLM (CrewAI, DSPy): `anthropic/claude-...`, `gemini/...`. */
const LITELLM_STYLE: Record<string, string | null> = { ...COMMON_PREFIXES, gemini: 'google', vertex_ai: '*' };

/**
 * pydantic-ai (https://ai.pydantic.dev/agents/): `Agent('openai:gpt-4o', instructions=..., model_settings={'max_tokens': 500})`,
 * then `agent.run_sync(prompt)`, `await agent.run(prompt)`, `async with agent.run_stream(prompt)`, `agent.iter(prompt)`.
 * A run may override the model and settings (`agent.run(q, model=..., model_settings=...)`). The model
 * string is `provider:model`.
 */
const pydanticRun = (path: string, streaming: boolean): OperationSpec =>
  operation({
    path,
    api: 'agent.run',
    streaming,
    cap: cap('model_settings.max_tokens'),
    positional: ['user_prompt'],
    prompt: [
      { param: 'instructions', shape: 'text' },
      { param: 'system_prompt', shape: 'text' },
      { param: 'user_prompt', shape: 'text' },
      { param: 'message_history', shape: 'messages' },
    ],
    notes: [AGENT_RUN],
  });

export const pydanticAi: SdkSpec = {
  id: 'pydantic-ai',
  displayName: 'Pydantic AI',
  provider: 'pydantic-ai',
  python: [{ module: 'pydantic_ai', classes: ['Agent'] }],
  js: [],
  configuredClasses: { Agent: { positional: ['model'] } },
  // https://ai.pydantic.dev/testing/: `TestModel()`, `FunctionModel(...)` and the `'test'` model send nothing.
  mockModels: [
    { module: 'pydantic_ai.models.test', classes: ['TestModel'] },
    { module: 'pydantic_ai.models.function', classes: ['FunctionModel'] },
  ],
  mockModelIds: ['test'],
  // https://ai.pydantic.dev/models/: `Agent(OpenAIChatModel("gpt-4o"))` is `Agent("openai:gpt-4o")`.
  modelClasses: {
    OpenAIChatModel: { param: 'model_name', prefix: 'openai' },
    OpenAIModel: { param: 'model_name', prefix: 'openai' },
    OpenAIResponsesModel: { param: 'model_name', prefix: 'openai' },
    AnthropicModel: { param: 'model_name', prefix: 'anthropic' },
    GoogleModel: { param: 'model_name', prefix: 'google-gla' },
    GeminiModel: { param: 'model_name', prefix: 'google-gla' },
    GroqModel: { param: 'model_name', prefix: 'groq' },
    MistralModel: { param: 'model_name', prefix: 'mistral' },
    CohereModel: { param: 'model_name', prefix: 'cohere' },
    BedrockConverseModel: { param: 'model_name', prefix: 'bedrock' },
  },
  prefixSeparator: ':',
  modelPrefixes: {
    ...COMMON_PREFIXES,
    'openai-chat': 'openai',
    'openai-responses': 'openai',
    'google-gla': 'google',
    'google-vertex': 'google',
    gemini: 'google',
    'bedrock-converse': '*',
    cerebras: 'cerebras',
    heroku: null,
    github: null,
    vercel: null,
    litellm: null,
    moonshotai: null,
  },
  baseUrlOptions: [],
  deriveMethods: [],
  deriveProperties: [],
  operations: [
    pydanticRun('run', false),
    pydanticRun('run_sync', false),
    pydanticRun('run_stream', true),
    pydanticRun('run_stream_events', true),
    pydanticRun('iter', false),
  ],
};

/**
 * The OpenAI Agents SDK (Python `agents`, JS `@openai/agents`): `Agent(name=..., instructions=..., model="gpt-4.1",
 * model_settings=ModelSettings(max_tokens=...))`, run by `Runner.run(agent, input)` / `run_sync` / `run_streamed`
 * (JS: `run(agent, input)`, `new Runner().run(agent, input)`). The runner's call carries the agent's parameters
 * (`boundFrom`). The Responses API by default; an agent naming no model uses the SDK's default, gpt-4.1 unless
 * `OPENAI_DEFAULT_MODEL` says otherwise. `max_turns` (default 10) bounds the calls of one run.
 */
// A run's `run_config=RunConfig(model=..., model_settings=...)` (JS: `new Runner({ model, modelSettings })`) overrides every agent's.
const agentsCap: CapSpec = {
  ...capSpelled('model_settings.max_tokens', 'modelSettings.maxTokens', 'run_config.model_settings.max_tokens'),
  params: ['run_config.model_settings.max_tokens', 'model_settings.max_tokens', 'modelSettings.maxTokens'],
  noFix: true,
  advice: "`max_tokens` to the agent's `model_settings=ModelSettings(max_tokens=...)` (JS: `modelSettings: { maxTokens }`)",
};
const agentsRun = (path: string, jsPath: string, streaming: boolean): OperationSpec =>
  operation({
    path,
    jsPath,
    api: 'agent.run',
    streaming,
    cap: agentsCap,
    positional: ['starting_agent', 'input', { name: 'options', objectIsParams: true }],
    boundFrom: 'starting_agent',
    prompt: [
      { param: 'instructions', shape: 'text' },
      { param: 'input', shape: 'responses-input' },
    ],
    modelParams: ['run_config.model', 'model'],
    modelDefault: { value: 'gpt-4.1', expression: "the Agents SDK's default model (OPENAI_DEFAULT_MODEL)", configurable: true },
    turns: { params: ['max_turns', 'maxTurns'], default: 10 },
    notes: [AGENT_RUN],
  });

export const openaiAgents: SdkSpec = {
  id: 'openai-agents',
  displayName: 'OpenAI Agents SDK',
  provider: 'openai',
  python: [{ module: 'agents', classes: ['Agent'], moduleIsClient: true }],
  js: [
    { module: '@openai/agents', classes: ['Agent', 'Runner'], moduleIsClient: true },
    { module: '@openai/agents-core', classes: ['Agent', 'Runner'], moduleIsClient: true },
  ],
  configuredClasses: { Agent: {}, Runner: {} },
  optionClasses: ['ModelSettings', 'RunConfig'],
  // `Agent(model=OpenAIChatCompletionsModel(model="gpt-4o", openai_client=...))`, `LitellmModel(model="anthropic/...")`.
  modelClasses: {
    OpenAIChatCompletionsModel: { param: 'model' },
    OpenAIResponsesModel: { param: 'model' },
    LitellmModel: { param: 'model' },
  },
  modelPrefixes: { litellm: null },
  baseUrlOptions: [],
  deriveMethods: ['clone'],
  deriveProperties: [],
  operations: [agentsRun('Runner.run', 'run', false), agentsRun('Runner.run_sync', 'runSync', false), agentsRun('Runner.run_streamed', 'runStreamed', true)],
};

/**
 * instructor's provider-string clients (https://python.useinstructor.com/): `instructor.from_provider("openai/gpt-4o-mini")`
 * is a client bound to that model; `client.create(response_model=..., messages=...)` or
 * `client.chat.completions.create(...)`. (`instructor.from_openai(OpenAI())` keeps the wrapped client: `CLIENT_WRAPPERS`.)
 */
const instructorChat = (path: string, streaming: boolean): OperationSpec =>
  operation({
    path,
    api: 'chat',
    streaming,
    cap: { params: ['max_tokens', 'max_completion_tokens'], required: false, insert: 'max_tokens' },
    prompt: [{ param: 'messages', shape: 'messages' }],
    chatFraming: true,
  });

export const instructor: SdkSpec = {
  id: 'instructor',
  displayName: 'instructor',
  provider: 'instructor',
  python: [{ module: 'instructor', classes: [], moduleIsClient: true }],
  js: [],
  modelPrefixes: { ...COMMON_PREFIXES, google: 'google', vertexai: 'google', genai: 'google', gemini: 'google', cerebras: 'cerebras' },
  baseUrlOptions: [],
  deriveMethods: [],
  deriveProperties: [],
  factories: [{ path: 'from_provider', produces: '', positional: ['model'] }],
  operations: ['create', 'create_with_completion', 'chat.completions.create', 'chat.completions.create_with_completion', 'messages.create']
    .map((p) => instructorChat(p, false))
    .concat(['create_partial', 'create_iterable', 'chat.completions.create_partial', 'chat.completions.create_iterable'].map((p) => instructorChat(p, true))),
};

/**
 * LlamaIndex LLM classes (https://docs.llamaindex.ai/en/stable/module_guides/models/llms/): `OpenAI(model="gpt-4o", max_tokens=256)`
 * from `llama_index.llms.openai`, then `llm.complete(prompt)`, `llm.chat(messages)` and their `a`/`stream_` forms;
 * embeddings `OpenAIEmbedding(model=...)` with `get_text_embedding(text)`. One entry per integration package.
 */
function llamaIndex(
  id: string,
  displayName: string,
  provider: string,
  packages: { module: string; classes: string[] }[],
  cap: CapSpec,
  extra: Partial<SdkSpec> = {},
): SdkSpec {
  const text: PromptSpec[] = [{ param: 'prompt', shape: 'text' }];
  const messages: PromptSpec[] = [{ param: 'messages', shape: 'langchain-input' }];
  const complete = ['complete', 'acomplete', 'stream_complete', 'astream_complete'].map((path) =>
    operation({ path, api: 'chat', streaming: path.includes('stream'), cap, positional: ['prompt'], prompt: text }),
  );
  const chat = ['chat', 'achat', 'stream_chat', 'astream_chat'].map((path) =>
    operation({ path, api: 'chat', streaming: path.includes('stream'), cap, positional: ['messages'], prompt: messages }),
  );
  return {
    id,
    displayName,
    provider,
    python: packages,
    js: [],
    modelParams: ['model', 'model_name'],
    configuredClasses: Object.fromEntries(packages.flatMap((p) => p.classes).map((c) => [c, {}])),
    baseUrlOptions: ['api_base', 'base_url'],
    deriveMethods: ['as_structured_llm'],
    deriveProperties: [],
    operations: [...complete, ...chat],
    ...extra,
  };
}

const llamaEmbed = (path: string, prompt: string, modelDefault?: OperationSpec['modelDefault']): OperationSpec =>
  operation({
    path,
    api: 'embeddings',
    positional: [prompt],
    prompt: [{ param: prompt, shape: 'embedding-input' }],
    ...(modelDefault ? { modelDefault } : {}),
  });
/** LlamaIndex's `OpenAIEmbedding()` without a model: `DEFAULT_OPENAI_MODEL`, text-embedding-ada-002 (llama_index.embeddings.openai.base). */
const OPENAI_EMBED_DEFAULT = { value: 'text-embedding-ada-002', expression: "OpenAIEmbedding's default model" };
const LLAMA_EMBED_OPS: [string, string][] = [
  ['get_text_embedding', 'text'],
  ['aget_text_embedding', 'text'],
  ['get_query_embedding', 'query'],
  ['aget_query_embedding', 'query'],
  ['get_text_embedding_batch', 'texts'],
  ['aget_text_embedding_batch', 'texts'],
];

/**
 * LlamaIndex's indexing (https://docs.llamaindex.ai/en/stable/module_guides/indexing/vector_store_index/):
 * `VectorStoreIndex.from_documents(documents)` embeds every chunk of the documents, with the
 * `embed_model=` it is given (`OpenAIEmbedding(model=...)`, read as a configured client), else the
 * global `Settings.embed_model`, which code sets at start-up (OpenAI's text-embedding-ada-002 when
 * nothing does): then the model is not known here, and said.
 */
const LLAMA_EMBED_NOTE = "an index embeds every chunk of its documents with its `embed_model=`, else with LlamaIndex's global `Settings.embed_model`";
const llamaIndexing: SdkSpec = {
  id: 'llama-index-core',
  displayName: 'LlamaIndex',
  provider: 'openai',
  python: [{ module: 'llama_index.core', classes: [], moduleIsClient: true }],
  js: [],
  // `embed_model="local:BAAI/bge-small-en-v1.5"` (llama_index.core.embeddings.utils.resolve_embed_model): a Hugging Face model run locally.
  modelPrefixes: { local: 'local' },
  prefixSeparator: ':',
  baseUrlOptions: [],
  deriveMethods: [],
  deriveProperties: [],
  operations: ['from_documents', 'afrom_documents'].map((m) =>
    operation({
      path: `VectorStoreIndex.${m}`,
      api: 'embeddings',
      positional: ['documents'],
      boundFrom: 'embed_model',
      boundFromGlobal: 'Settings.embed_model',
      // The embed model given is the one that runs: a local one (`HuggingFaceEmbedding`) is $0.
      boundSdk: true,
      // Nothing set anywhere in the workspace: LlamaIndex's default, OpenAIEmbedding(), assumed.
      modelDefault: { value: OPENAI_EMBED_DEFAULT.value, expression: "LlamaIndex's default embed model, OpenAIEmbedding()", configurable: true },
      // `OpenAIEmbedding(model=...)`; older releases took `model_type=` / `model_name=`.
      modelParams: ['model', 'model_name', 'model_type'],
      prompt: [{ param: 'documents', shape: 'embedding-input' }],
      notes: [LLAMA_EMBED_NOTE],
    }),
  ),
};

export const LLAMA_INDEX: readonly SdkSpec[] = [
  llamaIndex(
    'llama-index-openai',
    'LlamaIndex OpenAI',
    'openai',
    [
      { module: 'llama_index.llms.openai', classes: ['OpenAI'] },
      { module: 'llama_index.llms.azure_openai', classes: ['AzureOpenAI'] },
    ],
    cap('max_tokens'),
    { platforms: { AzureOpenAI: 'azure' } },
  ),
  llamaIndex(
    'llama-index-anthropic',
    'LlamaIndex Anthropic',
    'anthropic',
    [{ module: 'llama_index.llms.anthropic', classes: ['Anthropic'] }],
    cap('max_tokens'),
  ),
  llamaIndex(
    'llama-index-google',
    'LlamaIndex Google',
    'google',
    [
      { module: 'llama_index.llms.google_genai', classes: ['GoogleGenAI'] },
      { module: 'llama_index.llms.gemini', classes: ['Gemini'] },
    ],
    cap('max_tokens'),
    { modelIdPrefixes: ['models/'] },
  ),
  llamaIndex('llama-index-mistral', 'LlamaIndex Mistral', 'mistral', [{ module: 'llama_index.llms.mistralai', classes: ['MistralAI'] }], cap('max_tokens')),
  llamaIndex('llama-index-groq', 'LlamaIndex Groq', 'groq', [{ module: 'llama_index.llms.groq', classes: ['Groq'] }], cap('max_tokens')),
  llamaIndex(
    'llama-index-bedrock',
    'LlamaIndex Bedrock',
    'aws-bedrock',
    [{ module: 'llama_index.llms.bedrock_converse', classes: ['BedrockConverse'] }],
    cap('max_tokens'),
    { modelPrefixes: {} },
  ),
  llamaIndex(
    'llama-index-ollama',
    'LlamaIndex Ollama',
    'ollama',
    [{ module: 'llama_index.llms.ollama', classes: ['Ollama'] }],
    { params: ['additional_kwargs.num_predict'], required: false, insert: 'additional_kwargs.num_predict', noFix: true },
    { local: true },
  ),
  llamaIndexing,
  {
    id: 'llama-index-openai-embedding',
    displayName: 'LlamaIndex OpenAI embeddings',
    provider: 'openai',
    python: [{ module: 'llama_index.embeddings.openai', classes: ['OpenAIEmbedding'] }],
    js: [],
    modelParams: ['model', 'model_name'],
    configuredClasses: { OpenAIEmbedding: {} },
    // llama_index.embeddings.openai.base.OpenAIEmbeddingModelType (a str enum), the ids it is spelled with.
    modelEnums: {
      OpenAIEmbeddingModelType: {
        TEXT_EMBED_ADA_002: 'text-embedding-ada-002',
        TEXT_EMBED_3_SMALL: 'text-embedding-3-small',
        TEXT_EMBED_3_LARGE: 'text-embedding-3-large',
      },
    },
    baseUrlOptions: ['api_base'],
    deriveMethods: [],
    deriveProperties: [],
    operations: LLAMA_EMBED_OPS.map(([path, prompt]) => llamaEmbed(path, prompt, OPENAI_EMBED_DEFAULT)),
  },
  {
    // https://docs.llamaindex.ai/en/stable/examples/embeddings/huggingface/: sentence-transformers models run in-process.
    id: 'llama-index-huggingface-embedding',
    displayName: 'LlamaIndex Hugging Face embeddings',
    provider: 'huggingface',
    local: true,
    python: [{ module: 'llama_index.embeddings.huggingface', classes: ['HuggingFaceEmbedding'] }],
    js: [],
    modelParams: ['model_name'],
    configuredClasses: { HuggingFaceEmbedding: {} },
    baseUrlOptions: [],
    deriveMethods: [],
    deriveProperties: [],
    operations: LLAMA_EMBED_OPS.map(([path, prompt]) => llamaEmbed(path, prompt)),
  },
];

/**
 * CrewAI's `LLM(model="gpt-4o", max_tokens=...)` (https://docs.crewai.com/concepts/llms), called directly with
 * `llm.call(messages)` (a string or a list of messages). Model strings route as LiteLLM's (`anthropic/claude-...`).
 */
export const crewaiLlm: SdkSpec = {
  id: 'crewai',
  displayName: 'CrewAI',
  provider: 'crewai',
  python: [{ module: 'crewai', classes: ['LLM'] }],
  js: [],
  configuredClasses: { LLM: { positional: ['model'] } },
  modelPrefixes: LITELLM_STYLE,
  baseUrlOptions: ['base_url', 'api_base'],
  deriveMethods: [],
  deriveProperties: [],
  operations: [
    operation({
      path: 'call',
      api: 'chat',
      cap: cap('max_tokens', 'max_completion_tokens'),
      positional: ['messages'],
      prompt: [{ param: 'messages', shape: 'langchain-input' }],
      capInBound: true,
    }),
  ],
};

/**
 * DSPy's `dspy.LM("openai/gpt-4o-mini", max_tokens=...)` (https://dspy.ai/learn/programming/language_models/), called
 * directly: `lm("prompt")` or `lm(messages=[...])`. Model strings route as LiteLLM's.
 */
export const dspyLm: SdkSpec = {
  id: 'dspy',
  displayName: 'DSPy',
  provider: 'dspy',
  python: [{ module: 'dspy', classes: ['LM', 'OpenAI', 'AzureOpenAI'] }],
  js: [],
  configuredClasses: { LM: { positional: ['model'] }, OpenAI: { positional: ['model'] }, AzureOpenAI: {} },
  modelPrefixes: LITELLM_STYLE,
  baseUrlOptions: ['api_base', 'base_url'],
  deriveMethods: ['copy'],
  deriveProperties: [],
  operations: [
    operation({
      path: '',
      api: 'chat',
      cap: cap('max_tokens'),
      positional: ['prompt'],
      prompt: [
        { param: 'prompt', shape: 'text' },
        { param: 'messages', shape: 'messages' },
      ],
      callable: true,
    }),
    operation({
      path: 'acall',
      api: 'chat',
      cap: cap('max_tokens'),
      positional: ['prompt'],
      prompt: [
        { param: 'prompt', shape: 'text' },
        { param: 'messages', shape: 'messages' },
      ],
    }),
  ],
};

/**
 * DSPy's modules (`dspy.Predict("question -> answer")`, `dspy.ChainOfThought(Signature)`, `dspy.ReAct(...)`), called
 * with the signature's inputs (`self.generate(question=q)`): each call runs the LM `dspy.configure(lm=...)` (or
 * `dspy.context(lm=...)`) sets, which is not known at the call; its prompt is built from the signature.
 */
const DSPY_MODULE =
  'a DSPy module: it calls the LM that dspy.configure(lm=...) or dspy.context(lm=...) sets, not known here; its prompt is built from the signature and the inputs, not counted';
export const dspyModules: SdkSpec = {
  id: 'dspy-module',
  displayName: 'DSPy module',
  provider: 'dspy',
  python: [
    {
      module: 'dspy',
      classes: ['Predict', 'ChainOfThought', 'ChainOfThoughtWithHint', 'ReAct', 'ProgramOfThought', 'MultiChainComparison', 'Refine', 'BestOfN', 'CodeAct'],
    },
  ],
  js: [],
  configuredClasses: Object.fromEntries(
    ['Predict', 'ChainOfThought', 'ChainOfThoughtWithHint', 'ReAct', 'ProgramOfThought', 'MultiChainComparison', 'Refine', 'BestOfN', 'CodeAct'].map((c) => [
      c,
      { positional: ['signature'] },
    ]),
  ),
  modelPrefixes: LITELLM_STYLE,
  injected: true,
  baseUrlOptions: [],
  deriveMethods: [],
  deriveProperties: [],
  operations: [
    operation({ path: '', api: 'chat', cap: cap('max_tokens'), prompt: [], callable: true, notes: [DSPY_MODULE] }),
    operation({ path: 'acall', api: 'chat', cap: cap('max_tokens'), prompt: [], notes: [DSPY_MODULE] }),
  ],
};

/** Frameworks' LangChain-typed models: a value declared as LangChain's base chat model is a model call of a model not known here. */
const injectedModel = 'the model is passed in as a LangChain base class (BaseChatModel): its provider and model are not known here';
export const langchainCore: SdkSpec = {
  id: 'langchain-core',
  displayName: 'LangChain (injected model)',
  provider: 'langchain',
  python: [
    { module: 'langchain_core.language_models', classes: ['BaseChatModel', 'BaseLanguageModel', 'BaseLLM'] },
    { module: 'langchain.chat_models.base', classes: ['BaseChatModel'] },
    { module: 'langchain.schema.language_model', classes: ['BaseLanguageModel'] },
  ],
  js: [
    { module: '@langchain/core/language_models/chat_models', classes: ['BaseChatModel'] },
    { module: '@langchain/core/language_models/base', classes: ['BaseLanguageModel'] },
  ],
  modelPrefixes: {},
  modelParams: ['model', 'model_name', 'modelName'],
  injected: true,
  baseUrlOptions: [],
  pipes: true,
  deriveMethods: [
    'with_structured_output',
    'withStructuredOutput',
    'bind_tools',
    'bindTools',
    'with_retry',
    'withRetry',
    'with_config',
    'withConfig',
    'with_fallbacks',
    'withFallbacks',
    'bind',
  ],
  deriveProperties: [],
  operations: ['invoke', 'ainvoke', 'stream', 'astream'].map((path) =>
    operation({
      path,
      api: 'chat',
      streaming: path.includes('stream'),
      cap: capSpelled('max_tokens', 'maxTokens'),
      positional: ['input'],
      prompt: [{ param: 'input', shape: 'langchain-input' }],
      notes: [injectedModel],
    }),
  ),
};

export const FRAMEWORKS: readonly SdkSpec[] = [pydanticAi, openaiAgents, instructor, ...LLAMA_INDEX, crewaiLlm, dspyLm, dspyModules, langchainCore];

/**
 * Functions that take a client and return it wrapped, still sending the same requests: tracing
 * wrappers (LangSmith's `wrap_openai(OpenAI())`, Braintrust's, Langfuse's `observeOpenAI`, Opik's
 * `track_openai`) and instructor's `instructor.from_openai(client)` / `patch(client)`, whose clients
 * add methods (`client.create(response_model=...)`) that send the wrapped SDK's chat request
 * (`methods`, by the wrapped SDK's id: method path -> its operation).
 */
export interface ClientWrapper {
  flavor: 'python' | 'js';
  module: string;
  /** Functions, or class methods as `Class.method` (`OpenAIAgent.from_tools`). */
  functions: string[];
  methods?: Record<string, Record<string, string>>;
  /** Where the wrapped client is: a keyword, else the first positional argument. */
  keyword?: string;
  /** Said on every call through the wrapped client (an agent's run). */
  notes?: string[];
  /** The wrapper's methods take no request parameters (an agent's `chat`): a cap fix edits the wrapped client's constructor. */
  capInBound?: true;
}

/** instructor's methods on a patched client, all sending the wrapped SDK's chat request. */
const INSTRUCTOR_METHODS = ['create', 'create_with_completion', 'create_partial', 'create_iterable'].flatMap((m) => [
  m,
  `chat.completions.${m}`,
  `messages.${m}`,
]);
const instructorMethods = (op: string) => Object.fromEntries(INSTRUCTOR_METHODS.filter((m) => m !== op).map((m) => [m, op]));

export const CLIENT_WRAPPERS: readonly ClientWrapper[] = [
  { flavor: 'python', module: 'langsmith.wrappers', functions: ['wrap_openai', 'wrap_anthropic', 'wrap_gemini'] },
  { flavor: 'python', module: 'braintrust', functions: ['wrap_openai', 'wrap_anthropic', 'wrap_litellm'] },
  { flavor: 'python', module: 'opik.integrations.openai', functions: ['track_openai'] },
  { flavor: 'python', module: 'opik.integrations.anthropic', functions: ['track_anthropic'] },
  {
    flavor: 'python',
    module: 'instructor',
    functions: [
      'from_openai',
      'from_anthropic',
      'from_genai',
      'from_gemini',
      'from_litellm',
      'from_mistral',
      'from_groq',
      'from_cohere',
      'from_cerebras',
      'from_fireworks',
      'patch',
      'apatch',
    ],
    methods: {
      openai: instructorMethods('chat.completions.create'),
      groq: instructorMethods('chat.completions.create'),
      together: instructorMethods('chat.completions.create'),
      cerebras: instructorMethods('chat.completions.create'),
      fireworks: instructorMethods('chat.completions.create'),
      anthropic: instructorMethods('messages.create'),
      mistral: instructorMethods('chat.complete'),
      litellm: instructorMethods('completion'),
    },
  },
  // LlamaIndex's agents run the LLM they are given: `OpenAIAgent.from_tools(tools, llm=OpenAI(model=...))`, then `agent.chat(...)`.
  ...['llama_index.agent.openai', 'llama_index.core.agent'].map((module): ClientWrapper => ({
    flavor: 'python',
    module,
    functions: ['OpenAIAgent.from_tools', 'ReActAgent.from_tools', 'FunctionCallingAgent.from_tools', 'FunctionCallingAgentWorker.from_tools'],
    keyword: 'llm',
    notes: [AGENT_RUN],
    capInBound: true,
  })),
  { flavor: 'js', module: 'langsmith/wrappers', functions: ['wrapOpenAI', 'wrapAnthropic'] },
  { flavor: 'js', module: 'langsmith/wrappers/openai', functions: ['wrapOpenAI'] },
  { flavor: 'js', module: 'langsmith/wrappers/anthropic', functions: ['wrapAnthropic'] },
  { flavor: 'js', module: 'braintrust', functions: ['wrapOpenAI', 'wrapAnthropic'] },
  { flavor: 'js', module: 'langfuse', functions: ['observeOpenAI'] },
  { flavor: 'js', module: '@langfuse/openai', functions: ['observeOpenAI'] },
  { flavor: 'js', module: 'opik-openai', functions: ['trackOpenAI'] },
];
