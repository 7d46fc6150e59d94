import { capSpelled, operation } from './define';
import type { CapSpec, OperationSpec, SdkSpec } from './types';

// LangChain chat models (Python and JS). The constructor carries model and cap
// (`ChatOpenAI(model="gpt-4o", max_tokens=256)`); the call site is the invocation on the model
// or on what is built from it (`prompt | llm`, `.with_structured_output(...)`, `.bind_tools(...)`).
// Each integration package is its own entry because each calls one provider and spells the cap
// its own way. Tools and graphs also have `.invoke`, but they never resolve to a chat model.

/** Runnable methods that return a runnable still calling the same model. */
const DERIVE = [
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
  'with_types',
  'withTypes',
  'configurable_fields',
  'configurable_alternatives',
];

const input = [{ param: 'input', shape: 'langchain-input' as const }];
const invoke = (path: string, streaming: boolean): OperationSpec =>
  operation({ path, api: 'chat', streaming, cap: null, prompt: input, positional: ['input'] });
const batch = (path: string): OperationSpec =>
  operation({
    path,
    api: 'chat',
    cap: null,
    prompt: [{ param: 'inputs', shape: 'batch-inputs' }],
    positional: ['inputs'],
    notes: ['batch sends one request per input: the estimate is per request'],
  });

function operations(cap: CapSpec): OperationSpec[] {
  return [invoke('invoke', false), invoke('ainvoke', false), invoke('stream', true), invoke('astream', true), batch('batch'), batch('abatch')].map((op) => ({
    ...op,
    cap,
  }));
}

interface Integration {
  id: string;
  displayName: string;
  provider: string;
  python?: { module: string; classes: string[] }[];
  js?: { module: string; classes: string[] }[];
  cap: CapSpec;
  modelParams?: string[];
  platforms?: SdkSpec['platforms'];
  local?: boolean;
  extra?: Partial<SdkSpec>;
}

function integration(i: Integration): SdkSpec {
  const classes = [...(i.python ?? []), ...(i.js ?? [])].flatMap((p) => p.classes);
  return {
    id: i.id,
    displayName: i.displayName,
    provider: i.provider,
    python: i.python ?? [],
    js: i.js ?? [],
    platforms: i.platforms,
    local: i.local,
    baseUrlOptions: [],
    modelParams: i.modelParams ?? ['model', 'model_name', 'modelName'],
    configuredClasses: Object.fromEntries(classes.map((c) => [c, {}])),
    pipes: true,
    deriveMethods: DERIVE,
    deriveProperties: [],
    operations: operations(i.cap),
    ...i.extra,
  };
}

export const langchainOpenAI = integration({
  id: 'langchain-openai',
  displayName: 'LangChain OpenAI',
  provider: 'openai',
  python: [
    { module: 'langchain_openai', classes: ['ChatOpenAI', 'AzureChatOpenAI'] },
    // The pre-0.2 import paths, still in many projects.
    { module: 'langchain_community.chat_models', classes: ['ChatOpenAI', 'AzureChatOpenAI'] },
    { module: 'langchain.chat_models', classes: ['ChatOpenAI', 'AzureChatOpenAI'] },
  ],
  js: [{ module: '@langchain/openai', classes: ['ChatOpenAI', 'AzureChatOpenAI'] }],
  platforms: { AzureChatOpenAI: 'azure' },
  cap: capSpelled('max_tokens', 'maxTokens', 'max_completion_tokens', 'maxCompletionTokens'),
});

export const langchainAnthropic = integration({
  id: 'langchain-anthropic',
  displayName: 'LangChain Anthropic',
  provider: 'anthropic',
  python: [
    { module: 'langchain_anthropic', classes: ['ChatAnthropic'] },
    { module: 'langchain_community.chat_models', classes: ['ChatAnthropic'] },
    { module: 'langchain.chat_models', classes: ['ChatAnthropic'] },
  ],
  js: [{ module: '@langchain/anthropic', classes: ['ChatAnthropic'] }],
  // The API requires max_tokens, but langchain-anthropic fills in a default (1,024 in 0.x; the
  // model's maximum output in 1.x), so a missing one is a warning, not a failing request.
  cap: capSpelled('max_tokens', 'maxTokens', 'max_tokens_to_sample'),
});

export const langchainGoogle = integration({
  id: 'langchain-google',
  displayName: 'LangChain Google',
  provider: 'google',
  python: [
    { module: 'langchain_google_genai', classes: ['ChatGoogleGenerativeAI'] },
    { module: 'langchain_google_vertexai', classes: ['ChatVertexAI'] },
  ],
  js: [
    { module: '@langchain/google-genai', classes: ['ChatGoogleGenerativeAI'] },
    { module: '@langchain/google-vertexai', classes: ['ChatVertexAI'] },
  ],
  platforms: { ChatVertexAI: 'vertex' },
  cap: capSpelled('max_output_tokens', 'maxOutputTokens', 'max_tokens'),
  extra: { modelIdPrefixes: ['models/'] },
});

export const langchainAws = integration({
  id: 'langchain-aws',
  displayName: 'LangChain AWS Bedrock',
  provider: 'aws-bedrock',
  python: [{ module: 'langchain_aws', classes: ['ChatBedrock', 'ChatBedrockConverse'] }],
  js: [{ module: '@langchain/aws', classes: ['ChatBedrockConverse', 'BedrockChat'] }],
  modelParams: ['model_id', 'model', 'modelId'],
  cap: capSpelled('max_tokens', 'maxTokens', 'model_kwargs.max_tokens'),
  // Bedrock ids name models of several providers (`anthropic.claude-...`, `meta.llama...`): any card may price them.
  extra: { modelPrefixes: {} },
});

export const langchainMistral = integration({
  id: 'langchain-mistral',
  displayName: 'LangChain Mistral',
  provider: 'mistral',
  python: [{ module: 'langchain_mistralai', classes: ['ChatMistralAI'] }],
  js: [{ module: '@langchain/mistralai', classes: ['ChatMistralAI'] }],
  cap: capSpelled('max_tokens', 'maxTokens'),
});

export const langchainOllama = integration({
  id: 'langchain-ollama',
  displayName: 'LangChain Ollama',
  provider: 'ollama',
  local: true,
  python: [
    { module: 'langchain_ollama', classes: ['ChatOllama'] },
    { module: 'langchain_community.chat_models', classes: ['ChatOllama'] },
  ],
  js: [{ module: '@langchain/ollama', classes: ['ChatOllama'] }],
  cap: capSpelled('num_predict', 'numPredict'),
});

/**
 * `init_chat_model("openai:gpt-4o", max_tokens=...)` / `initChatModel("gpt-4o", { modelProvider })`:
 * the provider comes from the prefix or the provider parameter, else from the model id.
 */
export const langchainUniversal = integration({
  id: 'langchain',
  displayName: 'LangChain',
  provider: 'langchain',
  cap: capSpelled('max_tokens', 'maxTokens', 'max_output_tokens', 'maxOutputTokens'),
  extra: {
    python: [
      { module: 'langchain.chat_models', classes: [], moduleIsClient: true },
      { module: 'langchain.chat_models.base', classes: [], moduleIsClient: true },
    ],
    js: [{ module: 'langchain/chat_models/universal', classes: [], moduleIsClient: true }],
    configuredClasses: {},
    providerParams: ['model_provider', 'modelProvider'],
    prefixSeparator: ':',
    // https://python.langchain.com/api_reference/langchain/chat_models/langchain.chat_models.base.init_chat_model.html
    modelPrefixes: {
      openai: 'openai',
      azure_openai: 'openai',
      anthropic: 'anthropic',
      google_genai: 'google',
      google_vertexai: 'google',
      bedrock: '*',
      bedrock_converse: '*',
      mistralai: 'mistral',
      cohere: 'cohere',
      groq: 'groq',
      together: 'together',
      fireworks: 'fireworks',
      deepseek: 'deepseek',
      xai: 'xai',
      ollama: 'local',
      huggingface: null,
      perplexity: null,
    },
    factories: [{ path: 'init_chat_model', jsPath: 'initChatModel', produces: '', positional: ['model', { name: 'options', objectIsParams: true }] }],
  },
});

// LangChain's legacy (completion) LLM classes: `OpenAI(model="gpt-3.5-turbo-instruct")`, `VertexAI(model_name=...)`,
// `BedrockLLM(model_id=...)` (`Bedrock` before), invoked as the chat models are. OpenAI's sends the
// Completions API with LangChain's default `max_tokens=256`, said; a missing model is its default, said.
const openAILlm = integration({
  id: 'langchain-openai-llm',
  displayName: 'LangChain OpenAI (LLM)',
  provider: 'openai',
  python: [
    { module: 'langchain_openai', classes: ['OpenAI', 'AzureOpenAI'] },
    { module: 'langchain_community.llms', classes: ['OpenAI', 'AzureOpenAI'] },
    { module: 'langchain.llms', classes: ['OpenAI', 'AzureOpenAI'] },
  ],
  js: [{ module: '@langchain/openai', classes: ['OpenAI', 'AzureOpenAI'] }],
  platforms: { AzureOpenAI: 'azure' },
  cap: { ...capSpelled('max_tokens', 'maxTokens'), default: { value: 256, expression: "LangChain's OpenAI LLM default max_tokens" } },
});
export const langchainOpenAILlm: SdkSpec = {
  ...openAILlm,
  operations: openAILlm.operations.map((op) => ({
    ...op,
    modelDefault: { value: 'gpt-3.5-turbo-instruct', expression: "LangChain's OpenAI LLM default model" },
  })),
};

export const langchainVertexLlm = integration({
  id: 'langchain-vertexai-llm',
  displayName: 'LangChain Vertex AI (LLM)',
  provider: 'google',
  python: [
    { module: 'langchain_google_vertexai', classes: ['VertexAI'] },
    { module: 'langchain_community.llms', classes: ['VertexAI'] },
  ],
  js: [{ module: '@langchain/google-vertexai', classes: ['VertexAI'] }],
  platforms: { VertexAI: 'vertex' },
  cap: capSpelled('max_output_tokens', 'maxOutputTokens', 'max_tokens'),
  extra: { modelIdPrefixes: ['models/'] },
});

export const langchainBedrockLlm = integration({
  id: 'langchain-aws-llm',
  displayName: 'LangChain AWS Bedrock (LLM)',
  provider: 'aws-bedrock',
  python: [
    { module: 'langchain_aws', classes: ['BedrockLLM'] },
    { module: 'langchain_community.llms', classes: ['Bedrock'] },
  ],
  js: [
    { module: '@langchain/community/llms/bedrock', classes: ['Bedrock'] },
    { module: '@langchain/aws', classes: ['Bedrock'] },
  ],
  modelParams: ['model_id', 'model', 'modelId'],
  cap: capSpelled('max_tokens', 'maxTokens', 'model_kwargs.max_tokens', 'model_kwargs.max_tokens_to_sample'),
  extra: { modelPrefixes: {} },
});

// LangChain embeddings classes: `OpenAIEmbeddings(model="text-embedding-3-small").embed_documents(texts)` /
// `embed_query(text)` (and `a…`); JS `new OpenAIEmbeddings({ model }).embedDocuments(texts)` / `embedQuery(text)`.
// A model the constructor does not name is the class's default, not assumed here: the estimate says it is unknown.
const embedOps: OperationSpec[] = [
  ...['embed_documents', 'aembed_documents'].map((path) =>
    operation({
      path,
      jsPath: path.startsWith('a') ? 'aembedDocuments' : 'embedDocuments',
      api: 'embeddings',
      positional: ['texts'],
      prompt: [{ param: 'texts', shape: 'embedding-input' }],
    }),
  ),
  ...['embed_query', 'aembed_query'].map((path) =>
    operation({
      path,
      jsPath: path.startsWith('a') ? 'aembedQuery' : 'embedQuery',
      api: 'embeddings',
      positional: ['text'],
      prompt: [{ param: 'text', shape: 'text' }],
    }),
  ),
];
function embeddings(
  id: string,
  displayName: string,
  provider: string,
  python: { module: string; classes: string[] }[],
  js: { module: string; classes: string[] }[],
  extra: Partial<SdkSpec> = {},
): SdkSpec {
  return {
    id,
    displayName,
    provider,
    python,
    js,
    modelParams: ['model', 'model_name', 'modelName', 'model_id', 'modelId'],
    configuredClasses: Object.fromEntries([...python, ...js].flatMap((p) => p.classes).map((c) => [c, {}])),
    baseUrlOptions: [],
    deriveMethods: [],
    deriveProperties: [],
    operations: embedOps,
    ...extra,
  };
}

export const LANGCHAIN_EMBEDDINGS: readonly SdkSpec[] = [
  embeddings(
    'langchain-openai-embeddings',
    'LangChain OpenAI embeddings',
    'openai',
    [
      { module: 'langchain_openai', classes: ['OpenAIEmbeddings', 'AzureOpenAIEmbeddings'] },
      { module: 'langchain_community.embeddings', classes: ['OpenAIEmbeddings', 'AzureOpenAIEmbeddings'] },
      { module: 'langchain.embeddings', classes: ['OpenAIEmbeddings'] },
    ],
    [{ module: '@langchain/openai', classes: ['OpenAIEmbeddings', 'AzureOpenAIEmbeddings'] }],
    { platforms: { AzureOpenAIEmbeddings: 'azure' } },
  ),
  embeddings(
    'langchain-google-embeddings',
    'LangChain Google embeddings',
    'google',
    [
      { module: 'langchain_google_genai', classes: ['GoogleGenerativeAIEmbeddings'] },
      { module: 'langchain_google_vertexai', classes: ['VertexAIEmbeddings'] },
    ],
    [
      { module: '@langchain/google-genai', classes: ['GoogleGenerativeAIEmbeddings'] },
      { module: '@langchain/google-vertexai', classes: ['VertexAIEmbeddings'] },
    ],
    { modelIdPrefixes: ['models/'] },
  ),
  embeddings(
    'langchain-aws-embeddings',
    'LangChain Bedrock embeddings',
    'aws-bedrock',
    [
      { module: 'langchain_aws', classes: ['BedrockEmbeddings'] },
      { module: 'langchain_community.embeddings', classes: ['BedrockEmbeddings'] },
    ],
    [{ module: '@langchain/aws', classes: ['BedrockEmbeddings'] }],
    { modelPrefixes: {} },
  ),
  embeddings(
    'langchain-mistral-embeddings',
    'LangChain Mistral embeddings',
    'mistral',
    [{ module: 'langchain_mistralai', classes: ['MistralAIEmbeddings'] }],
    [{ module: '@langchain/mistralai', classes: ['MistralAIEmbeddings'] }],
  ),
  embeddings(
    'langchain-cohere-embeddings',
    'LangChain Cohere embeddings',
    'cohere',
    [{ module: 'langchain_cohere', classes: ['CohereEmbeddings'] }],
    [{ module: '@langchain/cohere', classes: ['CohereEmbeddings'] }],
  ),
  embeddings(
    'langchain-voyage-embeddings',
    'LangChain Voyage embeddings',
    'voyage',
    [{ module: 'langchain_voyageai', classes: ['VoyageAIEmbeddings'] }],
    [{ module: '@langchain/community/embeddings/voyage', classes: ['VoyageEmbeddings'] }],
  ),
  embeddings(
    'langchain-ollama-embeddings',
    'LangChain Ollama embeddings',
    'ollama',
    [
      { module: 'langchain_ollama', classes: ['OllamaEmbeddings'] },
      { module: 'langchain_community.embeddings', classes: ['OllamaEmbeddings'] },
    ],
    [{ module: '@langchain/ollama', classes: ['OllamaEmbeddings'] }],
    { local: true },
  ),
];

export const LANGCHAIN = [
  langchainOpenAI,
  langchainAnthropic,
  langchainGoogle,
  langchainAws,
  langchainMistral,
  langchainOllama,
  langchainUniversal,
  langchainOpenAILlm,
  langchainVertexLlm,
  langchainBedrockLlm,
  ...LANGCHAIN_EMBEDDINGS,
];

/** Message classes whose `content` is prompt text (`SystemMessage(content=...)`, `new HumanMessage('...')`). */
export const MESSAGE_CLASSES: ReadonlySet<string> = new Set(['SystemMessage', 'HumanMessage', 'AIMessage', 'ChatMessage', 'ToolMessage']);

/** LangChain message prompt template classes and the role of the message each makes (`SystemMessagePromptTemplate.from_template(...)`). */
export const MESSAGE_TEMPLATE_ROLES: Readonly<Record<string, string>> = {
  SystemMessagePromptTemplate: 'system',
  HumanMessagePromptTemplate: 'user',
  AIMessagePromptTemplate: 'assistant',
};
