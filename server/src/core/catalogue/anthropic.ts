import type { CapSpec, OperationSpec, SdkSpec } from './types';
import { GO_OPTIONALS } from './define';

// Messages requires max_tokens: a request without it fails with a 400.
const messagesCap: CapSpec = { params: ['max_tokens'], required: true, insert: 'max_tokens' };
const messagesPrompt = [
  { param: 'tools', shape: 'tools' as const },
  { param: 'system', shape: 'text' as const },
  { param: 'messages', shape: 'messages' as const },
];

// The tool-use system prompt Anthropic adds when `tools` is present (tool_choice auto/none vs
// any/tool), pricing-facts.md section 4.2 (platform.claude.com pricing, 2026-08-07). Prefixes of
// model ids, most specific first.
const toolOverhead = [
  { models: ['claude-opus-5'], auto: 286, any: 406 },
  { models: ['claude-opus-4-8'], auto: 290, any: 410 },
  { models: ['claude-opus-4-7'], auto: 675, any: 804 },
  { models: ['claude-opus-4-6', 'claude-sonnet-4-6'], auto: 497, any: 589 },
  { models: ['claude-opus-4-5', 'claude-sonnet-4-5', 'claude-haiku-4-5'], auto: 496, any: 588 },
  { models: ['claude-opus-4-1', 'claude-opus-4', 'claude-sonnet-4', 'claude-4'], auto: 313, any: 315 },
  { models: ['claude-sonnet-5'], auto: 354, any: 474 },
  { models: ['claude-3-5-haiku'], auto: 264, any: 355 },
];

const messages = (path: string, streaming: OperationSpec['streaming']): OperationSpec => ({
  path,
  api: 'messages',
  billed: true,
  streaming,
  pricing: 'standard',
  // `speed: "fast"`: fast mode, priced from the card (platform.claude.com build-with-claude/fast-mode).
  // `inference_geo: "us"`: data residency, priced at the card's multiplier (stacks with batch and cache).
  priceParams: [
    { param: 'speed', tiers: { fast: 'fast' }, constants: 'Speed\\.?([A-Za-z]+)$' },
    { param: 'inference_geo', residency: ['us'] },
    // Priority Tier is capacity an organization commits to, billed by that commitment: said, priced standard.
    {
      param: 'service_tier',
      values: { auto: 'Priority Tier capacity when the organization has committed to it (billed by that commitment), else standard' },
      constants: 'ServiceTier\\.?([A-Za-z]+)$',
    },
  ],
  cap: messagesCap,
  prompt: messagesPrompt,
  toolOverhead,
  chatFraming: false,
});

const batches = (path: string): OperationSpec => ({
  path,
  api: 'messages.batches',
  billed: true,
  streaming: false,
  pricing: 'batch',
  requestsIn: { list: 'requests', item: 'params' },
  // Data residency stacks with the batch price.
  priceParams: [{ param: 'inference_geo', residency: ['us'] }],
  cap: messagesCap,
  prompt: messagesPrompt,
  toolOverhead,
  chatFraming: false,
});

const countTokens = (path: string, jsPath: string): OperationSpec => ({
  path,
  jsPath,
  api: 'messages.count_tokens',
  billed: false,
  streaming: false,
  pricing: 'standard',
  cap: null,
  prompt: messagesPrompt,
  chatFraming: false,
});

export const anthropic: SdkSpec = {
  id: 'anthropic',
  displayName: 'Anthropic',
  provider: 'anthropic',
  python: [
    {
      module: 'anthropic',
      // Client / AsyncClient are the SDK's aliases of Anthropic / AsyncAnthropic.
      classes: ['Anthropic', 'AsyncAnthropic', 'Client', 'AsyncClient', 'AnthropicBedrock', 'AsyncAnthropicBedrock', 'AnthropicVertex', 'AsyncAnthropicVertex'],
    },
  ],
  // https://github.com/anthropics/anthropic-sdk-ruby: `Anthropic::Client.new.messages.create(max_tokens: 1024, ...)`.
  // The system prompt is the keyword `system_:` (Kernel#system is taken); hashes are sent as written.
  ruby: {
    packages: ['anthropic'],
    constructors: ['Anthropic::Client'],
    modelConstants: { root: 'Anthropic', pattern: '(^|\\.)\\w*Model\\w*\\.\\w+$' },
    paths: { 'messages.stream': ['messages.stream', 'messages.stream_raw'] },
    names: { system: 'system_' },
  },
  // https://github.com/anthropics/anthropic-sdk-go: `anthropic.NewClient().Messages.New(ctx, anthropic.MessageNewParams{...})`.
  go: {
    packages: ['github.com/anthropics/anthropic-sdk-go'],
    // anthropic-sdk-go/googlecloud, /vertex, /bedrock: the same client against a cloud platform.
    constructors: ['NewClient', 'googlecloud.NewClient', 'vertex.NewClient', 'bedrock.NewClient'],
    types: ['Client'],
    // anthropic.ModelClaudeSonnet4_5_20250929
    modelConstants: { pattern: '^Model\\w+$' },
    valueHelpers: {
      ...GO_OPTIONALS,
      NewUserMessage: { kind: 'message', role: 'user' },
      NewAssistantMessage: { kind: 'message', role: 'assistant' },
      NewTextBlock: { kind: 'object', props: { type: 'text' }, argProp: 'text' },
      NewCacheControlEphemeralParam: { kind: 'object', props: { type: 'ephemeral' } },
      // A conversion to the model type: anthropic.Model(name).
      Model: { kind: 'arg' },
    },
    paths: {
      'messages.create': 'Messages.New',
      'messages.stream': 'Messages.NewStreaming',
      'messages.count_tokens': 'Messages.CountTokens',
      'messages.batches.create': 'Messages.Batches.New',
      'beta.messages.create': 'Beta.Messages.New',
      'beta.messages.stream': 'Beta.Messages.NewStreaming',
    },
    // message.go: `System []TextBlockParam`; `CacheControl CacheControlEphemeralParam` (its zero
    // value is omitted from the request: the helper sets `Type`); `Type` fields default to their constant.
    literals: {
      TextBlockParam: { name: 'TextBlockParam', implied: ['type'] },
      CacheControlEphemeral: { name: 'CacheControlEphemeralParam', implied: ['type'], helper: 'NewCacheControlEphemeralParam()' },
    },
    optionalInt: 'Int',
  },
  // https://github.com/anthropics/anthropic-sdk-java: `AnthropicOkHttpClient.fromEnv().messages().create(params)`.
  java: {
    packages: ['com.anthropic'],
    constructors: ['AnthropicOkHttpClient', 'AnthropicOkHttpClientAsync'],
    types: ['AnthropicClient', 'AnthropicClientAsync'],
    staticFactories: ['fromEnv'],
    deriveMethods: ['async', 'sync', 'withOptions', 'withRawResponse'],
    modelConstants: { root: 'com.anthropic', pattern: '(^|\\.)Model\\.\\w+$', unqualified: true },
    paths: {
      'messages.stream': 'messages.createStreaming',
      'messages.count_tokens': 'messages.countTokens',
      'beta.messages.stream': 'beta.messages.createStreaming',
    },
    // MessageCreateParams.Builder: `system(String)`, `systemOfTextBlockParams(List<TextBlockParam>)`;
    // `TextBlockParam.builder().text(...).cacheControl(CacheControlEphemeral.builder().build())`.
    literals: {
      TextBlockParam: { name: 'TextBlockParam', import: 'com.anthropic.models.messages.TextBlockParam', implied: ['type'] },
      CacheControlEphemeral: { name: 'CacheControlEphemeral', import: 'com.anthropic.models.messages.CacheControlEphemeral', implied: ['type'] },
    },
    listSetters: { system: 'systemOfTextBlockParams' },
  },
  // https://github.com/anthropics/anthropic-sdk-csharp: `new AnthropicClient().Messages.Create(new MessageCreateParams { ... })`.
  csharp: {
    packages: ['Anthropic'],
    constructors: ['AnthropicClient'],
    // Model.ClaudeSonnet4_5_20250929
    modelConstants: { pattern: '^(Model|ChatModel)\\.\\w+$', unqualified: true },
    paths: {
      'messages.create': 'Messages.Create',
      'messages.stream': 'Messages.CreateStreaming',
      'messages.count_tokens': 'Messages.CountTokens',
      'messages.batches.create': 'Messages.Batches.Create',
    },
    // MessageCreateParams.System converts implicitly from a string or a `List<TextBlockParam>` (not
    // from an array or a collection expression); `new CacheControlEphemeral()` sets `Type`.
    literals: {
      TextBlockParam: { name: 'TextBlockParam', import: 'Anthropic.Models.Messages', implied: ['type'] },
      CacheControlEphemeral: { name: 'CacheControlEphemeral', import: 'Anthropic.Models.Messages', implied: ['type'] },
    },
  },
  // https://github.com/anthropics/anthropic-sdk-php: `(new Anthropic\Client(apiKey: ...))->messages->create(maxTokens: 1024, ...)`.
  php: {
    packages: ['Anthropic'],
    // Platform clients: `Anthropic\\Bedrock\\Client::fromEnvironment()`, `new Anthropic\\GoogleCloud\\Client`.
    constructors: [
      'Anthropic\\Client',
      'Anthropic\\Bedrock\\Client',
      'Anthropic\\Vertex\\Client',
      'Anthropic\\GoogleCloud\\Client',
      'Anthropic\\Foundry\\Client',
    ],
    staticFactories: ['from', 'with', 'create', 'make'],
    deriveMethods: ['make', 'with*'],
    paths: {
      'messages.create': 'messages.create',
      'messages.stream': 'messages.createStream',
      'messages.count_tokens': 'messages.countTokens',
      'messages.batches.create': 'messages.batches.create',
    },
    // Named arguments and array shapes in camelCase since 0.5.0 (`cacheControl`), mapped to the API's names by the SDK.
    keys: 'camel',
  },
  js: [
    { module: '@anthropic-ai/sdk', defaultExport: 'Anthropic', classes: ['Anthropic'] },
    { module: '@anthropic-ai/bedrock-sdk', defaultExport: 'AnthropicBedrock', classes: ['AnthropicBedrock'] },
    { module: '@anthropic-ai/vertex-sdk', defaultExport: 'AnthropicVertex', classes: ['AnthropicVertex'] },
  ],
  platforms: {
    AnthropicBedrock: 'bedrock',
    AsyncAnthropicBedrock: 'bedrock',
    AnthropicVertex: 'vertex',
    AsyncAnthropicVertex: 'vertex',
  },
  baseUrlOptions: ['base_url', 'baseURL'],
  // `AnthropicVertex(region="us-east5")`: regional endpoints cost more than `global` (regionalEndpointMultiplier).
  regionOptions: ['region'],
  deriveMethods: ['with_options', 'withOptions', 'copy'],
  deriveProperties: ['with_raw_response', 'with_streaming_response'],
  operations: [
    messages('messages.create', 'param'),
    messages('messages.stream', true),
    messages('messages.parse', false),
    messages('beta.messages.create', 'param'),
    messages('beta.messages.stream', true),
    messages('beta.messages.parse', false),
    // Retired beta namespaces still found in notebooks and older services.
    messages('beta.prompt_caching.messages.create', 'param'),
    messages('beta.prompt_caching.messages.stream', true),
    messages('beta.tools.messages.create', 'param'),
    messages('beta.tools.messages.stream', true),
    batches('messages.batches.create'),
    batches('beta.messages.batches.create'),
    countTokens('messages.count_tokens', 'messages.countTokens'),
    countTokens('beta.messages.count_tokens', 'beta.messages.countTokens'),
  ],
};
