import { operation } from './define';
import type { CapSpec, OperationSpec, SdkSpec } from './types';

// github.com/tmc/langchaingo, LangChain for Go: a model per provider package made with functional
// options (`llm, err := openai.New(openai.WithModel("gpt-4o"))`), then
// `llm.GenerateContent(ctx, []llms.MessageContent{...}, llms.WithMaxTokens(1024))`, the older
// `llm.Call(ctx, prompt, opts...)`, or the package's helper `llms.GenerateFromSinglePrompt(ctx, llm,
// prompt, opts...)`; embeddings through `embeddings.NewEmbedder(llm)` then `EmbedDocuments` /
// `EmbedQuery`. A call's options override the model's (`llms.WithModel`).

/** The cap is a call option, not a struct field: no fix writes it, the finding says how. */
const cap: CapSpec = {
  params: ['max_tokens'],
  required: false,
  insert: 'max_tokens',
  noFix: true,
  advice: '`llms.WithMaxTokens(1024)` among the call options',
};

const generate = (path: string, positional: string[], prompt: OperationSpec['prompt']): OperationSpec =>
  operation({ path, api: 'chat', streaming: false, cap, prompt, positional });

const OPERATIONS: OperationSpec[] = [
  generate('generate_content', ['ctx', 'messages'], [{ param: 'messages', shape: 'messages' }]),
  generate('call', ['ctx', 'prompt'], [{ param: 'prompt', shape: 'text' }]),
  generate('generate_from_single_prompt', ['ctx', 'llm', 'prompt'], [{ param: 'prompt', shape: 'text' }]),
  operation({
    path: 'create_embedding',
    api: 'embeddings',
    prompt: [{ param: 'texts', shape: 'embedding-input' }],
    positional: ['ctx', 'texts'],
    modelParams: ['embedding_model', 'model'],
  }),
  operation({
    path: 'embedder.embed_documents',
    api: 'embeddings',
    prompt: [{ param: 'texts', shape: 'embedding-input' }],
    positional: ['ctx', 'texts'],
    modelParams: ['embedding_model', 'model'],
  }),
  operation({
    path: 'embedder.embed_query',
    api: 'embeddings',
    prompt: [{ param: 'text', shape: 'text' }],
    positional: ['ctx', 'text'],
    modelParams: ['embedding_model', 'model'],
  }),
];

const PATHS = {
  generate_content: 'GenerateContent',
  call: 'Call',
  generate_from_single_prompt: 'GenerateFromSinglePrompt',
  create_embedding: 'CreateEmbedding',
  'embedder.embed_documents': 'embedder.EmbedDocuments',
  'embedder.embed_query': 'embedder.EmbedQuery',
};

/** One provider package of langchaingo's `llms` (`llms/openai`, `llms/anthropic`, ...). */
function provider(pkg: string, displayName: string, rateCard: string, extra: Partial<SdkSpec> = {}): SdkSpec {
  return {
    id: `langchaingo-${pkg}`,
    displayName: `langchaingo ${displayName}`,
    provider: rateCard,
    python: [],
    js: [],
    go: {
      packages: [`github.com/tmc/langchaingo/llms/${pkg}`],
      constructors: ['New'],
      types: ['LLM'],
      // Every option given to New is a parameter of every call (`WithModel`, `WithEmbeddingModel`, `WithBaseURL`).
      boundKeyword: '*',
      functionalOptions: true,
      paths: PATHS,
    },
    baseUrlOptions: ['base_url', 'server_url'],
    // googleai.WithDefaultModel("gemini-2.5-flash"), bedrock.WithModel(bedrock.ModelAnthropicClaudeV3Sonnet).
    modelParams: ['model', 'default_model'],
    deriveMethods: [],
    deriveProperties: [],
    operations: OPERATIONS,
    ...extra,
  };
}

// The `llms` and `embeddings` packages: the call options (`llms.WithMaxTokens`, `llms.WithModel`), the
// helpers that take a model made by a provider package, and the interfaces applications pass models
// around as (`model llms.Model`, `embedder embeddings.Embedder`): a call through one is a model call
// whose provider and model are set where the value is made, not known here, and said.
const core: SdkSpec = {
  id: 'langchaingo',
  displayName: 'langchaingo',
  provider: 'langchaingo',
  modelPrefixes: {},
  python: [],
  js: [],
  go: {
    packages: ['github.com/tmc/langchaingo/llms', 'github.com/tmc/langchaingo/embeddings'],
    constructors: [],
    types: ['Model', 'Embedder'],
    boundKeyword: '*',
    functionalOptions: true,
    // llms.TextParts(llms.ChatMessageTypeHuman, "..."): a message of that role.
    valueHelpers: {
      TextParts: {
        kind: 'message',
        role: 'user',
        roles: {
          ChatMessageTypeSystem: 'system',
          ChatMessageTypeHuman: 'user',
          ChatMessageTypeAI: 'assistant',
          ChatMessageTypeGeneric: 'user',
          ChatMessageTypeTool: 'tool',
        },
      },
    },
    clientFunctions: {
      GenerateFromSinglePrompt: { arg: 1, path: 'GenerateFromSinglePrompt' },
      NewEmbedder: { arg: 0, returns: 'embedder' },
    },
    paths: {
      ...PATHS,
      'embedder.embed_documents': ['EmbedDocuments', 'embedder.EmbedDocuments'],
      'embedder.embed_query': ['EmbedQuery', 'embedder.EmbedQuery'],
    },
  },
  baseUrlOptions: [],
  deriveMethods: [],
  deriveProperties: [],
  operations: OPERATIONS,
};

export const LANGCHAINGO: readonly SdkSpec[] = [
  provider('openai', 'OpenAI', 'openai', {
    // The OpenAI model's embedding model is its own option (`openai.WithEmbeddingModel`), not `WithModel`.
    operations: OPERATIONS.map((op) =>
      op.api === 'embeddings'
        ? {
            ...op,
            modelParams: ['embedding_model'],
            modelDefault: { value: 'text-embedding-ada-002', expression: "langchaingo's default OpenAI embedding model" },
          }
        : op,
    ),
  }),
  provider('anthropic', 'Anthropic', 'anthropic'),
  provider('googleai', 'Google AI', 'google'),
  provider('mistral', 'Mistral', 'mistral'),
  provider('bedrock', 'Bedrock', 'aws-bedrock', { modelPrefixes: {} }),
  provider('ollama', 'Ollama', 'ollama', { local: true }),
  core,
];
