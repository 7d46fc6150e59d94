import type { CapSpec, OperationSpec, SdkSpec, PriceParam } from './types';
import { GO_OPTIONALS } from './define';

// Chat Completions: max_completion_tokens is the current cap; max_tokens is deprecated and
// rejected by o-series, GPT-5 and later (pricing-facts.md section 2), still accepted by
// gpt-4o / gpt-4.1, where the fix keeps to it.
const chatCap: CapSpec = {
  params: ['max_completion_tokens', 'max_tokens'],
  required: false,
  insert: 'max_completion_tokens',
  insertWhenModelAcceptsMaxTokens: 'max_tokens',
};
const responsesCap: CapSpec = { params: ['max_output_tokens'], required: false, insert: 'max_output_tokens' };

// `service_tier`: Flex and Priority processing are priced from the card's tiers (pricing facts,
// processing tiers: Flex 50% of standard, Priority about 2-2.5x); Scale Tier bills units bought ahead.
const serviceTier: PriceParam[] = [
  {
    param: 'service_tier',
    tiers: { flex: 'flex', priority: 'priority' },
    constants: 'ServiceTier\\.?([A-Za-z]+)$',
    values: { scale: 'billed from the Scale Tier units the project bought', auto: "the project's Scale Tier units when it has them, else standard processing" },
  },
];

const chat = (path: string, streaming: OperationSpec['streaming']): OperationSpec => ({
  path,
  api: 'chat.completions',
  billed: true,
  streaming,
  pricing: 'standard',
  cap: chatCap,
  priceParams: serviceTier,
  prompt: [
    { param: 'tools', shape: 'tools' },
    { param: 'functions', shape: 'tools' },
    { param: 'messages', shape: 'messages' },
  ],
  chatFraming: true,
});

const responses = (path: string, streaming: OperationSpec['streaming'], notBilledWith?: string[]): OperationSpec => ({
  path,
  api: 'responses',
  billed: true,
  notBilledWith,
  streaming,
  pricing: 'standard',
  cap: responsesCap,
  priceParams: serviceTier,
  prompt: [
    { param: 'tools', shape: 'tools' },
    { param: 'instructions', shape: 'text' },
    { param: 'input', shape: 'responses-input' },
  ],
  chatFraming: false,
});

// The Images API: priced per image from the card (size, quality, count), the prompt as input tokens.
const image = (path: string, notes?: string[]): OperationSpec => ({
  path,
  api: 'images',
  billed: true,
  streaming: false,
  pricing: 'standard',
  cap: null,
  prompt: [{ param: 'prompt', shape: 'text' }],
  chatFraming: false,
  images: { count: ['n', 'image_count'], size: ['size'], quality: ['quality'] },
  // The API reference: "Defaults to dall-e-2 unless a parameter specific to the GPT image models is used".
  modelDefault: {
    value: 'dall-e-2',
    expression: "the Images API's documented default model",
    unless: {
      params: ['background', 'output_format', 'output_compression', 'moderation', 'input_fidelity', 'partial_images'],
      values: { quality: ['low', 'medium', 'high', 'auto'] },
      value: 'gpt-image-1',
      expression: "the Images API's default when a GPT image parameter is set",
    },
  },
  notes,
});

export const openai: SdkSpec = {
  id: 'openai',
  displayName: 'OpenAI',
  provider: 'openai',
  // Client / AsyncClient are the SDK's aliases of OpenAI / AsyncOpenAI.
  python: [{ module: 'openai', classes: ['OpenAI', 'AsyncOpenAI', 'Client', 'AsyncClient', 'AzureOpenAI', 'AsyncAzureOpenAI'], moduleIsClient: true }],
  js: [{ module: 'openai', defaultExport: 'OpenAI', classes: ['OpenAI', 'AzureOpenAI'] }],
  // https://github.com/openai/openai-ruby: `OpenAI::Client.new.chat.completions.create(model: :"gpt-4.1", ...)`.
  // The ruby-openai gem's client is also `OpenAI::Client`: its calls pass `parameters:` (ruby-openai.ts).
  ruby: {
    packages: ['openai'],
    constructors: ['OpenAI::Client'],
    modelConstants: { root: 'OpenAI', pattern: '(^|\\.)\\w*Model\\w*\\.\\w+$' },
    paths: {
      'chat.completions.stream': ['chat.completions.stream', 'chat.completions.stream_raw'],
      'responses.stream': ['responses.stream', 'responses.stream_raw'],
    },
  },
  // https://github.com/openai/openai-go: `openai.NewClient().Chat.Completions.New(ctx, openai.ChatCompletionNewParams{...})`.
  go: {
    packages: ['github.com/openai/openai-go'],
    // openai-go/bedrock, openai-go/azure: the same client against a cloud platform.
    constructors: ['NewClient', 'bedrock.NewClient', 'azure.NewClient'],
    types: ['Client'],
    // openai.ChatModelGPT4o, and the `shared` package's, which it aliases (shared.ChatModelGPT4o).
    modelConstants: { pattern: '^(shared\\.)?(ChatModel|ResponsesModel|EmbeddingModel|ImageModel|Model)\\w+$' },
    valueHelpers: {
      ...GO_OPTIONALS,
      UserMessage: { kind: 'message', role: 'user' },
      SystemMessage: { kind: 'message', role: 'system' },
      AssistantMessage: { kind: 'message', role: 'assistant' },
      DeveloperMessage: { kind: 'message', role: 'developer' },
      // Conversions to the model types: openai.ChatModel("gpt-4o"), shared.ResponsesModel(name).
      ChatModel: { kind: 'arg' },
      ResponsesModel: { kind: 'arg' },
      EmbeddingModel: { kind: 'arg' },
    },
    paths: {
      'chat.completions.create': 'Chat.Completions.New',
      'chat.completions.stream': 'Chat.Completions.NewStreaming',
      'responses.create': 'Responses.New',
      'responses.stream': 'Responses.NewStreaming',
      'embeddings.create': 'Embeddings.New',
      'images.generate': 'Images.Generate',
      'images.edit': 'Images.Edit',
    },
    // Optional fields are `param.Opt[T]`: `MaxCompletionTokens: openai.Int(1024)`.
    optionalInt: 'Int',
  },
  // https://github.com/openai/openai-java: `OpenAIOkHttpClient.fromEnv().chat().completions().create(params)`,
  // params from `ChatCompletionCreateParams.builder()...build()`.
  java: {
    packages: ['com.openai'],
    constructors: ['OpenAIOkHttpClient', 'OpenAIOkHttpClientAsync', 'BedrockOpenAIOkHttpClient'],
    types: ['OpenAIClient', 'OpenAIClientAsync'],
    // OpenAIOkHttpClient.fromEnv(); OpenAIOkHttpClient.builder()...build() is read as the class made.
    staticFactories: ['fromEnv'],
    deriveMethods: ['async', 'sync', 'withOptions', 'withRawResponse'],
    modelConstants: { root: 'com.openai', pattern: '(^|\\.)(ChatModel|ResponsesModel|EmbeddingModel|ImageModel)\\.\\w+$', unqualified: true },
    paths: {
      'chat.completions.stream': 'chat.completions.createStreaming',
      'responses.stream': 'responses.createStreaming',
    },
  },
  // https://github.com/openai/openai-dotnet: a client per resource with the model bound
  // (`new ChatClient(model: "gpt-4o", apiKey)`, `openAIClient.GetChatClient("gpt-4o")`),
  // options objects (`new ChatCompletionOptions { MaxOutputTokenCount = 100 }`).
  csharp: {
    packages: ['OpenAI'],
    constructors: ['OpenAIClient', 'AzureOpenAIClient'],
    valueHelpers: {
      UserChatMessage: { kind: 'message', role: 'user', single: true },
      SystemChatMessage: { kind: 'message', role: 'system', single: true },
      AssistantChatMessage: { kind: 'message', role: 'assistant', single: true },
      DeveloperChatMessage: { kind: 'message', role: 'developer', single: true },
      'ChatMessage.CreateUserMessage': { kind: 'message', role: 'user', single: true },
      'ChatMessage.CreateSystemMessage': { kind: 'message', role: 'system', single: true },
      'ChatMessage.CreateAssistantMessage': { kind: 'message', role: 'assistant', single: true },
      'ChatMessage.CreateDeveloperMessage': { kind: 'message', role: 'developer', single: true },
      'ResponseItem.CreateUserMessageItem': { kind: 'message', role: 'user', single: true },
      'ResponseItem.CreateSystemMessageItem': { kind: 'message', role: 'system', single: true },
      'ResponseItem.CreateDeveloperMessageItem': { kind: 'message', role: 'developer', single: true },
      'ResponseItem.CreateAssistantMessageItem': { kind: 'message', role: 'assistant', single: true },
    },
    modelConstants: { pattern: '^ChatModel\\.\\w+$', unqualified: true },
    resourceClasses: {
      ChatClient: 'chat',
      OpenAIResponseClient: 'responses',
      ResponsesClient: 'responses',
      EmbeddingClient: 'embeddings',
      ImageClient: 'images',
    },
    resourceFactories: {
      GetChatClient: 'chat',
      GetOpenAIResponseClient: 'responses',
      GetResponsesClient: 'responses',
      GetEmbeddingClient: 'embeddings',
      GetImageClient: 'images',
    },
    // 2.8's ResponsesClient is made from the key alone: `CreateResponse("gpt-5", "Say hi")`, or
    // `CreateResponse(new CreateResponseOptions("gpt-5", items) { MaxOutputTokenCount = 100 })`.
    modelFirst: ['ResponsesClient', 'GetResponsesClient'],
    constructorParams: { CreateResponseOptions: ['model', 'input'] },
    paths: {
      'chat.completions.create': ['chat.CompleteChat', 'chat.CompleteChatAsync'],
      'chat.completions.stream': ['chat.CompleteChatStreaming', 'chat.CompleteChatStreamingAsync'],
      'responses.create': ['responses.CreateResponse', 'responses.CreateResponseAsync'],
      'responses.stream': ['responses.CreateResponseStreaming', 'responses.CreateResponseStreamingAsync'],
      'embeddings.create': [
        'embeddings.GenerateEmbedding',
        'embeddings.GenerateEmbeddingAsync',
        'embeddings.GenerateEmbeddings',
        'embeddings.GenerateEmbeddingsAsync',
      ],
      // `GenerateImage(prompt, options)`, `GenerateImages(prompt, imageCount, options)`.
      'images.generate': ['images.GenerateImage', 'images.GenerateImageAsync', 'images.GenerateImages', 'images.GenerateImagesAsync'],
      'images.edit': ['images.GenerateImageEdit', 'images.GenerateImageEditAsync', 'images.GenerateImageEdits', 'images.GenerateImageEditsAsync'],
    },
    // One cap property for every API (sent as max_completion_tokens / max_output_tokens); there is no MaxTokens.
    names: { max_tokens: 'MaxOutputTokenCount', max_completion_tokens: 'MaxOutputTokenCount', max_output_tokens: 'MaxOutputTokenCount' },
    // `CompleteChat(IEnumerable<ChatMessage>, ChatCompletionOptions)`, or `(params ChatMessage[])` without options;
    // `OpenAIResponseClient.CreateResponse(string, ResponseCreationOptions)` (2.8 renamed the client
    // `ResponsesClient`, whose overloads take text or options, not both).
    optionsClasses: {
      'chat.completions': 'ChatCompletionOptions',
      'responses@OpenAIResponseClient': 'ResponseCreationOptions',
      'responses@GetOpenAIResponseClient': 'ResponseCreationOptions',
    },
    paramsArrays: { 'chat.completions': 'ChatMessage' },
  },
  // openai-php/client, the PHP client in common use (OpenAI publishes none):
  // `OpenAI::client($key)->chat()->create(['model' => ..., 'messages' => [...]])`.
  php: {
    packages: ['OpenAI'],
    constructors: ['OpenAI::client', 'OpenAI::factory'],
    // openai-php/laravel's facade: `OpenAI::chat()->create([...])` with the client the app's config/openai.php makes.
    moduleClients: ['OpenAI\\Laravel\\Facades\\OpenAI'],
    fakes: ['fake'],
    // `private \OpenAI\Client $client` injected through a constructor.
    types: ['OpenAI\\Client', 'OpenAI\\Contracts\\ClientContract'],
    // OpenAI::factory()->withApiKey(...)->withBaseUri(...)->make()
    deriveMethods: ['make', 'with*'],
    paths: {
      'chat.completions.create': 'chat.create',
      'chat.completions.stream': 'chat.createStreamed',
      'responses.create': 'responses.create',
      'responses.stream': 'responses.createStreamed',
      'embeddings.create': 'embeddings.create',
      'completions.create': 'completions.create',
      'images.generate': 'images.create',
      'images.edit': 'images.edit',
    },
    // The params array is sent as written: the API's snake_case keys.
    keys: 'snake',
  },
  platforms: { AzureOpenAI: 'azure', AsyncAzureOpenAI: 'azure' },
  baseUrlOptions: ['base_url', 'baseURL'],
  deriveMethods: ['with_options', 'withOptions', 'copy'],
  deriveProperties: ['with_raw_response', 'with_streaming_response'],
  operations: [
    chat('chat.completions.create', 'param'),
    chat('chat.completions.parse', false),
    chat('chat.completions.stream', true),
    chat('beta.chat.completions.parse', false),
    chat('beta.chat.completions.stream', true),
    responses('responses.create', 'param'),
    responses('responses.parse', false),
    responses('responses.stream', true, ['response_id']),
    responses('beta.responses.create', 'param'),
    responses('beta.responses.parse', false),
    responses('beta.responses.stream', true, ['response_id']),
    {
      path: 'embeddings.create',
      api: 'embeddings',
      billed: true,
      streaming: false,
      pricing: 'standard',
      cap: null,
      prompt: [{ param: 'input', shape: 'embedding-input' }],
      chatFraming: false,
    },
    {
      // The legacy Completions API (gpt-3.5-turbo-instruct, davinci-002): `max_tokens` defaults to 16.
      path: 'completions.create',
      api: 'completions',
      billed: true,
      streaming: 'param',
      pricing: 'standard',
      cap: { params: ['max_tokens'], required: false, insert: 'max_tokens', default: { value: 16, expression: "the Completions API's default max_tokens" } },
      prompt: [{ param: 'prompt', shape: 'text' }],
      chatFraming: false,
    },
    {
      // The Batch API: the requests are the lines of the JSONL file uploaded with `files.create`.
      path: 'batches.create',
      api: 'batch',
      billed: true,
      streaming: false,
      pricing: 'batch',
      cap: null,
      prompt: [],
      chatFraming: false,
      requestsFile: {
        param: 'input_file_id',
        urls: { '/v1/chat/completions': 'chat.completions.create', '/v1/responses': 'responses.create', '/v1/embeddings': 'embeddings.create' },
      },
    },
    image('images.generate'),
    image('images.edit', ['the images an edit starts from are billed as image input tokens: not counted']),
  ],
};
