import { operation } from './define';
import { openai } from './openai';
import type { CapSpec, OperationSpec, SdkSpec } from './types';

// Azure.AI.OpenAI 1.x (before it wrapped OpenAI .NET): one `OpenAIClient` (in the Azure.AI.OpenAI
// namespace; OpenAI .NET has a class of the same name, told apart by the methods called) whose
// requests are options objects naming the deployment: `client.GetChatCompletionsAsync(new
// ChatCompletionsOptions { DeploymentName = "gpt-4o", MaxTokens = 400, Messages = { new
// ChatRequestUserMessage(q) } })`. The deployment is priced as the model it is named after.
export const azureOpenaiV1: SdkSpec = {
  id: 'azure-openai-dotnet-v1',
  displayName: 'Azure.AI.OpenAI 1.x',
  provider: 'openai',
  python: [],
  js: [],
  csharp: {
    packages: ['Azure.AI.OpenAI'],
    constructors: ['OpenAIClient'],
    types: ['OpenAIClient'],
    constructorParams: {
      ChatCompletionsOptions: ['deployment_name', 'messages'],
      EmbeddingsOptions: ['deployment_name', 'input'],
      CompletionsOptions: ['deployment_name', 'prompts'],
      ImageGenerationOptions: ['prompt'],
    },
    valueHelpers: {
      ChatRequestUserMessage: { kind: 'message', role: 'user', single: true },
      ChatRequestSystemMessage: { kind: 'message', role: 'system', single: true },
      ChatRequestAssistantMessage: { kind: 'message', role: 'assistant', single: true },
    },
    paths: {
      'chat.completions.create': ['GetChatCompletions', 'GetChatCompletionsAsync'],
      'chat.completions.stream': ['GetChatCompletionsStreaming', 'GetChatCompletionsStreamingAsync'],
      'embeddings.create': ['GetEmbeddings', 'GetEmbeddingsAsync'],
      // new ImageGenerationOptions { DeploymentName = "dall-e-3", Prompt = p, Size =
      // ImageSize.Size1024x1024, Quality = ImageGenerationQuality.Hd, ImageCount = 1 }.
      'images.generate': ['GetImageGenerations', 'GetImageGenerationsAsync'],
    },
    optionsClasses: { 'chat.completions': 'ChatCompletionsOptions' },
  },
  platforms: { OpenAIClient: 'azure' },
  modelParams: ['deployment_name', 'model'],
  baseUrlOptions: [],
  deriveMethods: [],
  deriveProperties: [],
  operations: openai.operations
    .filter((op) => ['chat.completions.create', 'chat.completions.stream', 'embeddings.create', 'images.generate'].includes(op.path))
    .map((op): OperationSpec => (op.cap ? { ...op, cap: { ...op.cap, insert: 'max_tokens', insertWhenModelAcceptsMaxTokens: undefined } } : op)),
};

const meaiCap: CapSpec = { params: ['max_output_tokens'], required: false, insert: 'max_output_tokens' };

// Microsoft.Extensions.AI: one `IChatClient` for every provider, usually injected (`builder.Services
// .AddChatClient(...)`), then `chatClient.GetResponseAsync(messages, new ChatOptions { ModelId =
// "gpt-4o", MaxOutputTokens = 500 })`, `GetStreamingResponseAsync`, the older `CompleteAsync`;
// `IEmbeddingGenerator<string, Embedding<float>>.GenerateAsync(texts)`. An injected client's
// provider, model and defaults are set where it is registered: not known here, and said.
export const meai: SdkSpec = {
  id: 'microsoft-extensions-ai',
  displayName: 'Microsoft.Extensions.AI',
  provider: 'microsoft-extensions-ai',
  modelPrefixes: {},
  python: [],
  js: [],
  csharp: {
    packages: ['Microsoft.Extensions.AI'],
    constructors: ['OllamaChatClient', 'OllamaEmbeddingGenerator'],
    types: ['IChatClient', 'IEmbeddingGenerator'],
    adapters: ['AsIChatClient', 'AsChatClient', 'AsIEmbeddingGenerator', 'AsEmbeddingGenerator'],
    boundKeyword: '*',
    paths: {
      chat: ['GetResponseAsync', 'CompleteAsync'],
      'chat.stream': ['GetStreamingResponseAsync', 'CompleteStreamingAsync'],
      embed: ['GenerateAsync', 'GenerateVectorAsync', 'GenerateEmbeddingAsync', 'GenerateEmbeddingVectorAsync'],
    },
    optionsClasses: { chat: 'ChatOptions' },
  },
  modelParams: ['model_id'],
  baseUrlOptions: [],
  deriveMethods: [],
  deriveProperties: [],
  operations: [
    operation({ path: 'chat', api: 'chat', cap: meaiCap, prompt: [{ param: 'messages', shape: 'messages' }] }),
    operation({ path: 'chat.stream', api: 'chat', streaming: true, cap: meaiCap, prompt: [{ param: 'messages', shape: 'messages' }] }),
    operation({ path: 'embed', api: 'embeddings', prompt: [{ param: 'input', shape: 'embedding-input' }] }),
  ],
};

const skCap: CapSpec = {
  params: ['max_tokens', 'settings.max_tokens'],
  required: false,
  insert: 'max_tokens',
  advice: '`MaxTokens` to the execution settings (`new OpenAIPromptExecutionSettings { MaxTokens = ... }`)',
};
const SK_NOTE =
  "Semantic Kernel: the service's model is the one registered on the kernel (`AddOpenAIChatCompletion(modelId, ...)`), here or where the kernel is built";

// Semantic Kernel: a kernel built with its AI services (`Kernel.CreateBuilder()
// .AddOpenAIChatCompletion("gpt-4o", key).Build()`), then `kernel.InvokePromptAsync(prompt)`,
// prompt functions (`kernel.CreateFunctionFromPrompt(prompt, settings).InvokeAsync(kernel)`), or
// the chat service (`kernel.GetRequiredService<IChatCompletionService>()`, injected)
// `.GetChatMessageContentAsync(history, new OpenAIPromptExecutionSettings { MaxTokens = 1024 }, kernel)`.
export const semanticKernel: SdkSpec = {
  id: 'semantic-kernel',
  displayName: 'Semantic Kernel',
  provider: 'semantic-kernel',
  modelPrefixes: {},
  python: [],
  js: [],
  csharp: {
    packages: ['Microsoft.SemanticKernel'],
    constructors: [],
    moduleClients: ['Kernel'],
    types: ['Kernel', 'IChatCompletionService', 'ITextEmbeddingGenerationService', 'IKernelBuilder'],
    builders: { CreateFunctionFromPrompt: { path: 'function', params: ['prompt', 'settings'] } },
    binders: {
      AddOpenAIChatCompletion: ['model'],
      AddAzureOpenAIChatCompletion: ['model'],
      AddOllamaChatCompletion: ['model'],
      AddGoogleAIGeminiChatCompletion: ['model'],
      AddMistralChatCompletion: ['model'],
    },
    deriveMethods: ['CreateBuilder', 'Build', 'Add*', 'Clone'],
    paths: {
      chat: ['GetChatMessageContentAsync', 'GetChatMessageContentsAsync', 'InvokePromptAsync'],
      'chat.stream': ['GetStreamingChatMessageContentsAsync', 'InvokePromptStreamingAsync'],
      'function.invoke': ['function.InvokeAsync'],
      'function.stream': ['function.InvokeStreamingAsync'],
      embed: ['GenerateEmbeddingAsync', 'GenerateEmbeddingsAsync'],
    },
  },
  baseUrlOptions: [],
  deriveMethods: [],
  deriveProperties: [],
  operations: [
    operation({ path: 'chat', api: 'chat', cap: skCap, prompt: [{ param: 'messages', shape: 'messages' }], notes: [SK_NOTE] }),
    operation({ path: 'chat.stream', api: 'chat', streaming: true, cap: skCap, prompt: [{ param: 'messages', shape: 'messages' }], notes: [SK_NOTE] }),
    operation({
      path: 'function.invoke',
      api: 'chat',
      cap: { ...skCap, params: ['settings.max_tokens', 'max_tokens'] },
      prompt: [{ param: 'prompt', shape: 'text' }],
      notes: [SK_NOTE, 'a prompt function: its template variables are filled from the arguments at run time'],
    }),
    operation({
      path: 'function.stream',
      api: 'chat',
      streaming: true,
      cap: { ...skCap, params: ['settings.max_tokens', 'max_tokens'] },
      prompt: [{ param: 'prompt', shape: 'text' }],
      notes: [SK_NOTE],
    }),
    operation({ path: 'embed', api: 'embeddings', prompt: [{ param: 'input', shape: 'embedding-input' }], notes: [SK_NOTE] }),
  ],
};
