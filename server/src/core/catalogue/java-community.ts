import { operation } from './define';
import { openai } from './openai';
import type { CapSpec, OperationSpec, OtherLanguage, SdkSpec, ValueHelper } from './types';

// https://github.com/TheoKanning/openai-java, the community client older Java services call
// OpenAI with: `new OpenAiService(key).createChatCompletion(ChatCompletionRequest.builder()
// .model("gpt-3.5-turbo").messages(List.of(new ChatMessage("user", text))).maxTokens(100).build())`.
// Its setters take Integer (`maxTokens(1024)`, not `1024L`), and it has no max_completion_tokens.
export const theokanningOpenai: SdkSpec = {
  id: 'openai-java-theokanning',
  displayName: 'openai-java (TheoKanning)',
  provider: 'openai',
  python: [],
  js: [],
  java: {
    packages: ['com.theokanning.openai'],
    constructors: ['OpenAiService'],
    types: ['OpenAiService'],
    constructorParams: { ChatMessage: ['role', 'content'] },
    paths: {
      'chat.completions.create': 'createChatCompletion',
      'chat.completions.stream': 'streamChatCompletion',
      'embeddings.create': 'createEmbeddings',
      'completions.create': 'createCompletion',
    },
    plainInts: true,
  },
  baseUrlOptions: [],
  deriveMethods: [],
  deriveProperties: [],
  operations: openai.operations
    .filter((op) => ['chat.completions.create', 'chat.completions.stream', 'embeddings.create', 'completions.create'].includes(op.path))
    .map((op): OperationSpec => (op.cap ? { ...op, cap: { ...op.cap, insert: 'max_tokens', insertWhenModelAcceptsMaxTokens: undefined } } : op)),
};

// LangChain4j's message helpers: `UserMessage.from("...")`, `SystemMessage.systemMessage("...")`.
const LANGCHAIN4J_MESSAGES: Record<string, ValueHelper> = {
  'UserMessage.from': { kind: 'message', role: 'user', single: true },
  'UserMessage.userMessage': { kind: 'message', role: 'user', single: true },
  'SystemMessage.from': { kind: 'message', role: 'system', single: true },
  'SystemMessage.systemMessage': { kind: 'message', role: 'system', single: true },
  'AiMessage.from': { kind: 'message', role: 'assistant', single: true },
  'AiMessage.aiMessage': { kind: 'message', role: 'assistant', single: true },
};

/** A LangChain4j model class: the provider it calls, how its builder names the model and the cap, whether it streams or embeds. */
interface Lc4jModel {
  cls: string;
  provider: string;
  kind: 'chat' | 'streaming' | 'embedding';
  modelSetting?: string;
  capSettings?: string[];
  local?: boolean;
  note?: string;
}

// https://github.com/langchain4j/langchain4j: a model object per provider, made by its builder
// (`OpenAiChatModel.builder().apiKey(key).modelName("gpt-4o-mini").maxTokens(500).build()`), then
// `model.chat("...")` (1.x), `model.generate("...")` (0.x), `embeddingModel.embed(text)`; AI services
// (`AiServices.create(Assistant.class, model)`) whose every method is a model call. Declared as the
// interfaces (`ChatModel`, `ChatLanguageModel`, `EmbeddingModel`) and injected (Spring `@Bean`),
// the model is set where the bean is made: not known here, and said.
function lc4j(m: Lc4jModel): SdkSpec {
  // `chat(ChatRequest.builder()...maxOutputTokens(200).build())` caps a call whatever the model's builder says.
  const capSettings = [...(m.capSettings ?? ['max_tokens', 'max_completion_tokens']), 'max_output_tokens'].filter((x, i, a) => a.indexOf(x) === i);
  const cap: CapSpec = {
    params: capSettings,
    required: false,
    insert: capSettings[0],
    advice: `\`.${capSettings[0].replace(/_(\w)/g, (_, c: string) => c.toUpperCase())}(...)\` on the model's builder`,
  };
  const modelParams = [m.modelSetting ?? 'model_name'];
  const chat = (path: string): OperationSpec =>
    operation({
      path,
      api: 'chat',
      streaming: m.kind === 'streaming',
      cap,
      positional: [{ name: 'messages', objectIsParams: true }],
      prompt: [{ param: 'messages', shape: 'langchain-input' }],
      modelParams: [...modelParams, 'model_name'].filter((x, i, a) => a.indexOf(x) === i),
      ...(m.note ? { notes: [m.note] } : {}),
    });
  const operations: OperationSpec[] =
    m.kind === 'embedding'
      ? ['embed', 'embedAll'].map((path) =>
          operation({ path, api: 'embeddings', positional: ['input'], prompt: [{ param: 'input', shape: 'embedding-input' }], modelParams }),
        )
      : [
          chat('chat'),
          chat('generate'),
          operation({
            path: 'service.*',
            api: 'chat',
            streaming: m.kind === 'streaming',
            cap,
            positional: ['message'],
            prompt: [{ param: 'message', shape: 'text' }],
            modelParams,
            notes: [
              "an AI service method: its prompt templates are the interface's (@SystemMessage, @UserMessage), not counted here; with tools, one call may make several requests",
              ...(m.note ? [m.note] : []),
            ],
          }),
        ];
  return {
    id: `langchain4j-${m.cls}`,
    displayName: `LangChain4j ${m.cls}`,
    provider: m.provider,
    python: [],
    js: [],
    java: {
      packages: ['dev.langchain4j'],
      constructors: [m.cls],
      boundKeyword: '*',
      valueHelpers: LANGCHAIN4J_MESSAGES,
      services: {
        'AiServices.create': { arg: 1 },
        AiServices: { settings: ['chat_model', 'chat_language_model', 'streaming_chat_model', 'streaming_chat_language_model'] },
      },
    },
    ...(m.local ? { local: true } : {}),
    baseUrlOptions: [],
    deriveMethods: [],
    deriveProperties: [],
    operations,
  };
}

const AZURE = "Azure OpenAI: the deployment's model is priced at OpenAI's list price; data-zone and regional deployments cost more";
const LC4J_MODELS: Lc4jModel[] = [
  { cls: 'OpenAiChatModel', provider: 'openai', kind: 'chat' },
  { cls: 'OpenAiStreamingChatModel', provider: 'openai', kind: 'streaming' },
  { cls: 'AzureOpenAiChatModel', provider: 'openai', kind: 'chat', modelSetting: 'deployment_name', note: AZURE },
  { cls: 'AzureOpenAiStreamingChatModel', provider: 'openai', kind: 'streaming', modelSetting: 'deployment_name', note: AZURE },
  { cls: 'AnthropicChatModel', provider: 'anthropic', kind: 'chat' },
  { cls: 'AnthropicStreamingChatModel', provider: 'anthropic', kind: 'streaming' },
  { cls: 'GoogleAiGeminiChatModel', provider: 'google', kind: 'chat', capSettings: ['max_output_tokens'] },
  { cls: 'GoogleAiGeminiStreamingChatModel', provider: 'google', kind: 'streaming', capSettings: ['max_output_tokens'] },
  { cls: 'VertexAiGeminiChatModel', provider: 'google', kind: 'chat', capSettings: ['max_output_tokens'] },
  { cls: 'MistralAiChatModel', provider: 'mistral', kind: 'chat' },
  { cls: 'OllamaChatModel', provider: 'ollama', kind: 'chat', capSettings: ['num_predict'], local: true },
  { cls: 'OllamaStreamingChatModel', provider: 'ollama', kind: 'streaming', capSettings: ['num_predict'], local: true },
  { cls: 'OpenAiEmbeddingModel', provider: 'openai', kind: 'embedding' },
  { cls: 'AzureOpenAiEmbeddingModel', provider: 'openai', kind: 'embedding', modelSetting: 'deployment_name', note: AZURE },
  { cls: 'GoogleAiEmbeddingModel', provider: 'google', kind: 'embedding' },
  { cls: 'MistralAiEmbeddingModel', provider: 'mistral', kind: 'embedding' },
  { cls: 'OllamaEmbeddingModel', provider: 'ollama', kind: 'embedding', local: true },
];

/**
 * The interfaces LangChain4j models are declared and injected as: which provider and model the
 * bean has is set where it is made (another file, a Spring `@Bean`, the starter's properties).
 * First in the list, so `dev.langchain4j` names this entry for declared types.
 */
const INJECTED = "declared as the interface: the provider and model are set where the bean is made (a @Bean, the starter's properties), not known here";
const lc4jChat = lc4j({ cls: 'ChatModel', provider: 'langchain4j', kind: 'chat' });
const lc4jEmbed = lc4j({ cls: 'EmbeddingModel', provider: 'langchain4j', kind: 'embedding' });
const lc4jInterfaces: SdkSpec = {
  ...lc4jChat,
  id: 'langchain4j',
  displayName: 'LangChain4j',
  // The Spring Boot starters' `langchain4j.<provider>.*` keys.
  modelPrefixes: {
    'open-ai': 'openai',
    anthropic: 'anthropic',
    'mistral-ai': 'mistral',
    ollama: 'local',
    'azure-open-ai': 'openai',
    'google-ai-gemini': 'google',
    'vertex-ai-gemini': 'google',
  },
  java: {
    ...lc4jChat.java!,
    constructors: [],
    types: ['ChatModel', 'ChatLanguageModel', 'StreamingChatModel', 'StreamingChatLanguageModel', 'EmbeddingModel'],
    settings: {
      chat: {
        model: ['^langchain4j\\.([\\w-]+)\\.(?:streaming-)?chat-model\\.(?:model-name|deployment-name)$'],
        cap: ['^langchain4j\\.([\\w-]+)\\.(?:streaming-)?chat-model\\.max-(?:completion-|output-)?tokens$'],
      },
      embeddings: { model: ['^langchain4j\\.([\\w-]+)\\.embedding-model\\.(?:model-name|deployment-name)$'] },
    },
  },
  operations: [...lc4jChat.operations, ...lc4jEmbed.operations].map((op) => ({ ...op, notes: [...(op.notes ?? []), INJECTED] })),
};

// Bedrock's models (`BedrockChatModel.builder().modelId("anthropic.claude-...")`, the older per-family
// classes): the id is looked up in every card, as Bedrock's own SDKs' are.
const LC4J_BEDROCK: Lc4jModel[] = [
  { cls: 'BedrockChatModel', provider: 'aws-bedrock', kind: 'chat', modelSetting: 'model_id', capSettings: ['max_output_tokens', 'max_tokens'] },
  { cls: 'BedrockStreamingChatModel', provider: 'aws-bedrock', kind: 'streaming', modelSetting: 'model_id', capSettings: ['max_output_tokens', 'max_tokens'] },
  { cls: 'BedrockAnthropicMessageChatModel', provider: 'aws-bedrock', kind: 'chat', modelSetting: 'model' },
  { cls: 'BedrockTitanEmbeddingModel', provider: 'aws-bedrock', kind: 'embedding', modelSetting: 'model' },
];

export const LANGCHAIN4J: readonly SdkSpec[] = [lc4jInterfaces, ...LC4J_MODELS.map(lc4j), ...LC4J_BEDROCK.map((m) => ({ ...lc4j(m), modelPrefixes: {} }))];

const SPRING_NOTE = "model and cap from the Spring AI starter's `spring.ai.<provider>.chat.options.*` properties unless the call's options set them";
const springCap: CapSpec = {
  params: ['options.max_tokens', 'options.with_max_tokens', 'options.max_completion_tokens', 'max_tokens'],
  required: false,
  insert: 'options.max_tokens',
  advice: '`.maxTokens(...)` to the chat options (or `spring.ai.<provider>.chat.options.max-tokens`)',
};
const springModel = ['options.model', 'options.with_model', 'model'];
const fluentPrompt = [
  { param: 'default_system', shape: 'text' as const },
  { param: 'system', shape: 'text' as const },
  { param: 'messages', shape: 'langchain-input' as const },
  { param: 'user', shape: 'text' as const },
];
const modelCall = (path: string, streaming: boolean): OperationSpec =>
  operation({
    path,
    api: 'chat',
    streaming,
    cap: springCap,
    positional: [{ name: 'messages', objectIsParams: true }],
    prompt: [{ param: 'messages', shape: 'langchain-input' }],
    modelParams: springModel,
    notes: [SPRING_NOTE],
  });

// https://github.com/spring-projects/spring-ai: `chatClient.prompt().system("...").user(q).call().content()`
// (a `ChatClient` built from the injected `ChatClient.Builder`), `chatModel.call(new Prompt(text,
// OpenAiChatOptions.builder().model("gpt-4o").maxTokens(500).build()))`, 0.8's
// `new OpenAiChatClient(api, options).call(prompt)`, `embeddingModel.embed(text)`. Beans are
// auto-configured from properties: the model and cap are set there unless the call sets them.
/** Spring AI's starters (`spring.ai.<provider>.*`), by the rate card that prices them. */
const SPRING_PROVIDERS: Record<string, string | null> = {
  openai: 'openai',
  anthropic: 'anthropic',
  mistralai: 'mistral',
  ollama: 'local',
  'azure.openai': 'openai',
  'vertex.ai.gemini': 'google',
  'google.genai': 'google',
  deepseek: 'deepseek',
};
/** Where Spring Boot's properties set the auto-configured beans' model and cap. */
const SPRING_SETTINGS: NonNullable<OtherLanguage['settings']> = {
  chat: {
    model: ['^spring\\.ai\\.([\\w.]+?)\\.chat\\.options\\.(?:model|deployment-name)$'],
    cap: ['^spring\\.ai\\.([\\w.]+?)\\.chat\\.options\\.max-(?:completion-)?tokens$'],
  },
  embeddings: { model: ['^spring\\.ai\\.([\\w.]+?)\\.embedding\\.options\\.(?:model|deployment-name)$'] },
};

/** What both Spring AI entries share: no card of their own (the model names its provider), no other languages. */
const SPRING_BASE = {
  displayName: 'Spring AI',
  provider: 'spring-ai',
  modelPrefixes: SPRING_PROVIDERS,
  python: [],
  js: [],
  baseUrlOptions: [],
  deriveMethods: [],
  deriveProperties: [],
} satisfies Partial<SdkSpec>;

export const springAi: SdkSpec = {
  ...SPRING_BASE,
  id: 'spring-ai',
  java: {
    packages: ['org.springframework.ai'],
    constructors: [
      'OpenAiChatClient',
      'OpenAiChatModel',
      'AnthropicChatModel',
      'MistralAiChatModel',
      'OllamaChatModel',
      'VertexAiGeminiChatModel',
      'AzureOpenAiChatModel',
    ],
    // `chat.ChatClient`: 0.8's `org.springframework.ai.chat.ChatClient` (`call(prompt)`), not 1.x's fluent `chat.client.ChatClient`.
    types: [
      'ChatModel',
      'StreamingChatModel',
      'EmbeddingModel',
      'OpenAiChatClient',
      'OpenAiChatModel',
      'OpenAiEmbeddingModel',
      'MistralAiEmbeddingModel',
      'chat.ChatClient',
      'chat.StreamingChatClient',
    ],
    boundKeyword: '*',
    constructorParams: { Prompt: ['messages', 'options'], OpenAiChatClient: ['api', 'options'], OpenAiChatModel: ['api', 'options'] },
    settings: SPRING_SETTINGS,
  },
  operations: [
    modelCall('call', false),
    modelCall('stream', true),
    ...['embed', 'embedForResponse'].map((path) =>
      operation({
        path,
        api: 'embeddings',
        positional: ['input'],
        prompt: [{ param: 'input', shape: 'embedding-input' }],
        modelParams: springModel,
        notes: [SPRING_NOTE],
      }),
    ),
  ],
};

// Spring AI 1.x's fluent client: `chatClient.prompt().system("...").user(q).call().content()`, built from
// the injected `ChatClient.Builder` (`builder.defaultSystem("...").build()`); it has no `call` of its own.
export const springAiChatClient: SdkSpec = {
  ...SPRING_BASE,
  id: 'spring-ai-chatclient',
  java: {
    packages: ['org.springframework.ai'],
    constructors: ['ChatClient'],
    types: ['ChatClient', 'ChatClient.Builder'],
    boundKeyword: '*',
    builders: { prompt: 'prompt' },
    binders: {
      user: ['user'],
      system: ['system'],
      messages: ['messages'],
      options: ['options'],
      defaultSystem: ['default_system'],
      defaultOptions: ['options'],
    },
    deriveMethods: ['advisors', 'tools', 'toolCallbacks', 'toolNames', 'functions', 'toolContext', 'default*', 'build', 'mutate'],
    settings: SPRING_SETTINGS,
  },
  operations: [
    operation({ path: 'prompt.call', api: 'chat', cap: springCap, prompt: fluentPrompt, modelParams: springModel, takesParams: false, notes: [SPRING_NOTE] }),
    operation({
      path: 'prompt.stream',
      api: 'chat',
      streaming: true,
      cap: springCap,
      prompt: fluentPrompt,
      modelParams: springModel,
      takesParams: false,
      notes: [SPRING_NOTE],
    }),
  ],
};

// Azure OpenAI client library for Java (com.azure.ai.openai): `OpenAIClient client = new
// OpenAIClientBuilder().credential(new AzureKeyCredential(key)).endpoint(url).buildClient();` then
// `client.getChatCompletions(deploymentOrModelName, new ChatCompletionsOptions(messages).setMaxTokens(200))`,
// `getChatCompletionsStream`, `getEmbeddings`, `getCompletions`, `getImageGenerations`. The deployment
// is priced as the model it is named after; options are set with fluent setters.
const azureJavaArgs: OperationSpec['positional'] = ['deployment_or_model_name', { name: 'options', objectIsParams: true }];
export const azureOpenaiJava: SdkSpec = {
  id: 'azure-openai-java',
  displayName: 'Azure OpenAI for Java',
  provider: 'openai',
  python: [],
  js: [],
  java: {
    packages: ['com.azure.ai.openai'],
    constructors: ['OpenAIClientBuilder'],
    types: ['OpenAIClient', 'OpenAIAsyncClient'],
    deriveMethods: [
      'buildClient',
      'buildAsyncClient',
      'credential',
      'endpoint',
      'serviceVersion',
      'httpClient',
      'retryOptions',
      'retryPolicy',
      'clientOptions',
      'httpLogOptions',
      'pipeline',
      'configuration',
      'addPolicy',
    ],
    constructorParams: {
      ChatCompletionsOptions: ['messages'],
      EmbeddingsOptions: ['input'],
      CompletionsOptions: ['prompt'],
      ImageGenerationOptions: ['prompt'],
    },
    valueHelpers: {
      ChatRequestUserMessage: { kind: 'message', role: 'user', single: true },
      ChatRequestSystemMessage: { kind: 'message', role: 'system', single: true },
      ChatRequestAssistantMessage: { kind: 'message', role: 'assistant', single: true },
    },
    paths: {
      'chat.completions.create': 'getChatCompletions',
      'chat.completions.stream': 'getChatCompletionsStream',
      'embeddings.create': 'getEmbeddings',
      'completions.create': 'getCompletions',
      'images.generate': 'getImageGenerations',
    },
  },
  platforms: { OpenAIClientBuilder: 'azure', OpenAIClient: 'azure', OpenAIAsyncClient: 'azure' },
  modelParams: ['deployment_or_model_name', 'model'],
  baseUrlOptions: [],
  deriveMethods: [],
  deriveProperties: [],
  operations: openai.operations
    .filter((op) => ['chat.completions.create', 'chat.completions.stream', 'embeddings.create', 'completions.create', 'images.generate'].includes(op.path))
    .map((op): OperationSpec => ({
      ...op,
      positional: azureJavaArgs,
      ...(op.cap
        ? {
            cap: {
              params: ['max_tokens'],
              required: false,
              insert: 'max_tokens',
              noFix: true,
              advice: '`.setMaxTokens(1024)` on the options',
              ...(op.cap.default ? { default: op.cap.default } : {}),
            },
          }
        : {}),
    })),
};

// Google Gen AI SDK for Java (com.google.genai): `Client client = new Client();` (or `Client.builder().apiKey(key).build()`),
// then `client.models.generateContent("gemini-2.5-flash", "text", GenerateContentConfig.builder().maxOutputTokens(200).build())`.
const genaiJavaArgs: OperationSpec['positional'] = ['model', 'contents', 'config'];
const genaiJavaCap: CapSpec = {
  params: ['config.max_output_tokens'],
  required: false,
  insert: 'config.max_output_tokens',
  noFix: true,
  advice: '`GenerateContentConfig.builder().maxOutputTokens(1024).build()` as the config',
};
export const googleGenaiJava: SdkSpec = {
  id: 'google-genai-java',
  displayName: 'Google Gen AI for Java',
  provider: 'google',
  python: [],
  js: [],
  java: {
    packages: ['com.google.genai'],
    constructors: ['Client'],
    types: ['Client'],
    paths: {
      'models.generate_content': ['models.generateContent', 'async.models.generateContent'],
      'models.generate_content_stream': ['models.generateContentStream', 'async.models.generateContentStream'],
      'models.embed_content': ['models.embedContent', 'async.models.embedContent'],
    },
  },
  baseUrlOptions: [],
  modelIdPrefixes: ['models/'],
  deriveMethods: [],
  deriveProperties: [],
  operations: [
    operation({
      path: 'models.generate_content',
      api: 'generate_content',
      cap: genaiJavaCap,
      positional: genaiJavaArgs,
      prompt: [
        { param: 'config.system_instruction', shape: 'gemini-contents' },
        { param: 'contents', shape: 'gemini-contents' },
      ],
    }),
    operation({
      path: 'models.generate_content_stream',
      api: 'generate_content',
      streaming: true,
      cap: genaiJavaCap,
      positional: genaiJavaArgs,
      prompt: [
        { param: 'config.system_instruction', shape: 'gemini-contents' },
        { param: 'contents', shape: 'gemini-contents' },
      ],
    }),
    operation({ path: 'models.embed_content', api: 'embeddings', positional: genaiJavaArgs, prompt: [{ param: 'contents', shape: 'gemini-contents' }] }),
  ],
};
