import { operation } from './define';
import type { CapSpec, ModelProviderSpec, OperationSpec, SdkSpec } from './types';

// Vercel AI SDK (`ai`): module functions take a model object made by a provider package
// (`openai('gpt-4o')`, `anthropic('claude-...')`) or a gateway string (`'openai/gpt-4o'`).
// Both become `provider/model` and are routed by `modelPrefixes`. The cap is `maxOutputTokens`
// from AI SDK 5 on and `maxTokens` in 4, read by the version in the nearest package.json.
const cap: CapSpec = {
  params: ['maxOutputTokens'],
  required: false,
  insert: 'maxOutputTokens',
  byVersion: { package: 'ai', below: 5, params: ['maxTokens'], insert: 'maxTokens' },
};

const prompt: OperationSpec['prompt'] = [
  { param: 'system', shape: 'text' },
  { param: 'prompt', shape: 'responses-input' },
  { param: 'messages', shape: 'messages' },
];

const MULTI_STEP = 'with tools, a call may run several model steps (stopWhen / maxSteps): the estimate is per step';

const generate = (path: string, streaming: boolean): OperationSpec =>
  operation({
    path,
    api: path,
    streaming,
    cap,
    prompt,
    notesWhen: path.endsWith('Text') ? [{ param: 'tools', note: MULTI_STEP }] : undefined,
    // The provider's service tier through the AI SDK's provider options (OpenAI, Gemini).
    priceParams: [
      { param: 'providerOptions.openai.serviceTier', tiers: { flex: 'flex', priority: 'priority' } },
      { param: 'providerOptions.google.serviceTier', tiers: { flex: 'flex', priority: 'priority' } },
    ],
  });

const providers: ModelProviderSpec[] = [
  { module: '@ai-sdk/openai', instances: ['openai'], creators: ['createOpenAI'], prefix: 'openai' },
  { module: '@ai-sdk/azure', instances: ['azure'], creators: ['createAzure'], prefix: 'azure' },
  { module: '@ai-sdk/anthropic', instances: ['anthropic'], creators: ['createAnthropic'], prefix: 'anthropic' },
  { module: '@ai-sdk/google', instances: ['google'], creators: ['createGoogleGenerativeAI'], prefix: 'google' },
  { module: '@ai-sdk/google-vertex', instances: ['vertex'], creators: ['createVertex'], prefix: 'vertex' },
  { module: '@ai-sdk/google-vertex/anthropic', instances: ['vertexAnthropic'], creators: ['createVertexAnthropic'], prefix: 'anthropic' },
  { module: '@ai-sdk/amazon-bedrock', instances: ['bedrock'], creators: ['createAmazonBedrock'], prefix: 'bedrock' },
  { module: '@ai-sdk/mistral', instances: ['mistral'], creators: ['createMistral'], prefix: 'mistral' },
  { module: '@ai-sdk/cohere', instances: ['cohere'], creators: ['createCohere'], prefix: 'cohere' },
  { module: '@ai-sdk/xai', instances: ['xai'], creators: ['createXai'], prefix: 'xai' },
  { module: '@ai-sdk/groq', instances: ['groq'], creators: ['createGroq'], prefix: 'groq' },
  { module: '@ai-sdk/deepseek', instances: ['deepseek'], creators: ['createDeepSeek'], prefix: 'deepseek' },
  { module: '@ai-sdk/togetherai', instances: ['togetherai'], creators: ['createTogetherAI'], prefix: 'togetherai' },
  { module: '@ai-sdk/fireworks', instances: ['fireworks'], creators: ['createFireworks'], prefix: 'fireworks' },
  { module: '@ai-sdk/openai-compatible', instances: [], creators: ['createOpenAICompatible'], prefix: 'unlisted-endpoint' },
  { module: '@ai-sdk/gateway', instances: ['gateway'], creators: ['createGateway'], prefix: 'gateway' },
  { module: 'ollama-ai-provider', instances: ['ollama'], creators: ['createOllama'], prefix: 'ollama' },
  { module: 'ollama-ai-provider-v2', instances: ['ollama'], creators: ['createOllama'], prefix: 'ollama' },
  { module: '@openrouter/ai-sdk-provider', instances: ['openrouter'], creators: ['createOpenRouter'], prefix: 'openrouter' },
];

export const vercelAi: SdkSpec = {
  id: 'vercel-ai',
  displayName: 'Vercel AI SDK',
  provider: 'vercel-ai',
  python: [],
  js: [
    // Agent classes: `new Agent({ model, system, tools }).generate({ prompt })` (AI SDK 5's
    // Experimental_Agent, 6's ToolLoopAgent).
    { module: 'ai', classes: ['Experimental_Agent', 'ToolLoopAgent', 'Agent'], moduleIsClient: true },
  ],
  baseUrlOptions: [],
  modelProviders: providers,
  mockModels: [
    {
      module: 'ai/test',
      classes: ['MockLanguageModelV1', 'MockLanguageModelV2', 'MockLanguageModelV3', 'MockEmbeddingModelV1', 'MockEmbeddingModelV2', 'MockEmbeddingModelV3'],
    },
  ],
  configuredClasses: { Experimental_Agent: {}, ToolLoopAgent: {}, Agent: {} },
  // Provider functions and gateway strings both give `provider/model`. The AI Gateway bills
  // each provider's list price.
  modelPrefixes: {
    openai: 'openai',
    azure: 'openai',
    anthropic: 'anthropic',
    google: 'google',
    vertex: 'google',
    bedrock: '*',
    'amazon-bedrock': '*',
    mistral: 'mistral',
    cohere: 'cohere',
    xai: 'xai',
    groq: 'groq',
    deepseek: 'deepseek',
    togetherai: 'together',
    fireworks: 'fireworks',
    ollama: 'local',
    openrouter: null,
    gateway: '*',
    'unlisted-endpoint': null,
    meta: null,
    perplexity: null,
    alibaba: null,
  },
  deriveMethods: [],
  deriveProperties: [],
  operations: [
    generate('generateText', false),
    generate('streamText', true),
    generate('generateObject', false),
    generate('streamObject', true),
    operation({ path: 'embed', api: 'embed', prompt: [{ param: 'value', shape: 'text' }] }),
    operation({ path: 'embedMany', api: 'embedMany', prompt: [{ param: 'values', shape: 'embedding-input' }] }),
    // `generateImage({ model: openai.image('gpt-image-1'), prompt, n, size, providerOptions: { openai: { quality } } })`.
    ...['generateImage', 'experimental_generateImage'].map((path) =>
      operation({
        path,
        api: 'images',
        prompt: [{ param: 'prompt', shape: 'text' }],
        images: { count: ['n'], size: ['size'], quality: ['providerOptions.openai.quality'] },
      }),
    ),
    operation({
      path: 'generate',
      api: 'agent.generate',
      cap,
      prompt,
      notes: ['an agent runs a loop of model steps (tool calls) per invocation: the estimate is per step'],
    }),
    operation({
      path: 'stream',
      api: 'agent.stream',
      streaming: true,
      cap,
      prompt,
      notes: ['an agent runs a loop of model steps (tool calls) per invocation: the estimate is per step'],
    }),
  ],
};
