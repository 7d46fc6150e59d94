import { anthropic } from './anthropic';
import { operation } from './define';
import type { CapSpec, SdkSpec } from './types';

// https://github.com/mozex/anthropic-php (and its Laravel facade, mozex/anthropic-laravel), the
// community client written like openai-php: `Anthropic::client($key)->messages()->create([
// 'model' => 'claude-sonnet-4-5', 'max_tokens' => 1024, 'messages' => [...]])`; the array is sent
// as written, in the API's snake_case.
export const anthropicPhp: SdkSpec = {
  id: 'anthropic-php',
  displayName: 'anthropic-php (mozex)',
  provider: 'anthropic',
  python: [],
  js: [],
  php: {
    packages: ['Anthropic\\Laravel'],
    constructors: ['Anthropic::client', 'Anthropic::factory'],
    moduleClients: ['Anthropic\\Laravel\\Facades\\Anthropic'],
    fakes: ['fake'],
    deriveMethods: ['make', 'with*'],
    paths: { 'messages.create': 'messages.create', 'messages.stream': 'messages.createStreamed' },
    keys: 'snake',
  },
  baseUrlOptions: [],
  deriveMethods: [],
  deriveProperties: [],
  operations: anthropic.operations.filter((op) => op.path === 'messages.create' || op.path === 'messages.stream'),
};

// Prism's providers (`Provider::Anthropic`, or the string 'anthropic'), by the rate card that prices them.
const PRISM_PROVIDERS: Record<string, string | null> = {
  openai: 'openai',
  anthropic: 'anthropic',
  gemini: 'google',
  mistral: 'mistral',
  groq: 'groq',
  xai: 'xai',
  deepseek: 'deepseek',
  ollama: 'local',
  openrouter: null,
  voyageai: null,
};

const cap: CapSpec = { params: ['max_tokens'], required: false, insert: 'max_tokens', advice: '`->withMaxTokens(...)` to the request' };
const textPrompt = [
  { param: 'system', shape: 'text' as const },
  { param: 'messages', shape: 'messages' as const },
  { param: 'prompt', shape: 'text' as const },
];

// https://github.com/prism-php/prism: one request builder for every provider, sent by its last
// call: `Prism::text()->using(Provider::Anthropic, 'claude-sonnet-4-5')->withSystemPrompt('...')
// ->withPrompt('...')->withMaxTokens(500)->asText()`; `asStream()`, `Prism::structured()->...
// ->asStructured()`, `Prism::embeddings()->...->fromInput('...')->asEmbeddings()`. The cap is
// `withMaxTokens(n)`, a call costlint does not add to a chain: a finding has no fix.
export const prism: SdkSpec = {
  id: 'prism',
  displayName: 'Prism',
  provider: 'prism',
  python: [],
  js: [],
  php: {
    packages: ['Prism\\Prism'],
    constructors: [],
    moduleClients: ['Prism\\Prism\\Prism', 'Prism\\Prism\\Facades\\Prism', 'EchoLabs\\Prism\\Prism', 'EchoLabs\\Prism\\Facades\\Prism'],
    fakes: ['fake'],
    builders: { text: 'text', structured: 'structured', embeddings: 'embeddings' },
    binders: {
      using: ['provider', 'model'],
      withMaxTokens: ['max_tokens'],
      withSystemPrompt: ['system'],
      withPrompt: ['prompt'],
      withMessages: ['messages'],
      usingTemperature: ['temperature'],
      withTools: ['tools'],
      fromInput: ['input'],
      fromArray: ['input'],
    },
    // withSchema, withProviderOptions, withClientOptions, usingTopP...: the same request.
    deriveMethods: ['with*', 'using*'],
    paths: {},
  },
  modelPrefixes: PRISM_PROVIDERS,
  providerParams: ['provider'],
  providerConstants: 'Provider::(\\w+)$',
  baseUrlOptions: [],
  deriveMethods: [],
  deriveProperties: [],
  operations: [
    operation({ path: 'text.asText', api: 'chat', cap, prompt: textPrompt, takesParams: false }),
    operation({ path: 'text.asStream', api: 'chat', streaming: true, cap, prompt: textPrompt, takesParams: false }),
    operation({ path: 'structured.asStructured', api: 'chat', cap, prompt: textPrompt, takesParams: false }),
    operation({ path: 'embeddings.asEmbeddings', api: 'embeddings', prompt: [{ param: 'input', shape: 'embedding-input' }], takesParams: false }),
  ],
};

// google-gemini-php/client (and google-gemini-php/laravel's facade): `Gemini::client($key)
// ->generativeModel(model: 'gemini-2.5-flash')->generateContent('Hello')`; `->startChat(history: [...])`
// then `->sendMessage('...')`; `->embeddingModel('text-embedding-004')->embedContent('...')`. Settings
// are set on the model (`->withGenerationConfig(new GenerationConfig(maxOutputTokens: 800))`).
const geminiCap: CapSpec = {
  params: ['generation_config.max_output_tokens'],
  required: false,
  insert: 'generation_config.max_output_tokens',
  noFix: true,
  advice: '`->withGenerationConfig(new GenerationConfig(maxOutputTokens: 1024))` on the model',
};
const geminiPrompt = [
  { param: 'system_instruction', shape: 'gemini-contents' as const },
  { param: 'history', shape: 'gemini-contents' as const },
  { param: 'contents', shape: 'gemini-contents' as const },
];

export const geminiPhp: SdkSpec = {
  id: 'gemini-php',
  displayName: 'gemini-php',
  provider: 'google',
  python: [],
  js: [],
  php: {
    packages: ['Gemini'],
    constructors: ['Gemini::client', 'Gemini::factory'],
    moduleClients: ['Gemini\\Laravel\\Facades\\Gemini'],
    fakes: ['fake'],
    deriveMethods: ['make', 'withApiKey', 'withBaseUrl', 'withHttpClient', 'withHttpHeader', 'withQueryParam'],
    builders: {
      generativeModel: { path: 'model', params: ['model'] },
      embeddingModel: { path: 'embedder', params: ['model'] },
      'model.startChat': { path: 'chat', params: ['history'] },
    },
    binders: { withGenerationConfig: ['generation_config'], withSystemInstruction: ['system_instruction'] },
    // new GenerationConfig(maxOutputTokens: 800): its constructor's parameters, in order.
    constructorParams: { 'Gemini\\Data\\GenerationConfig': ['candidate_count', 'stop_sequences', 'max_output_tokens', 'temperature', 'top_p', 'top_k'] },
    paths: {},
  },
  baseUrlOptions: [],
  modelIdPrefixes: ['models/'],
  deriveMethods: [],
  deriveProperties: [],
  operations: [
    operation({ path: 'model.generateContent', api: 'generate_content', cap: geminiCap, prompt: geminiPrompt, positional: ['contents'] }),
    operation({
      path: 'model.streamGenerateContent',
      api: 'generate_content',
      streaming: true,
      cap: geminiCap,
      prompt: geminiPrompt,
      positional: ['contents'],
    }),
    operation({
      path: 'chat.sendMessage',
      api: 'generate_content',
      cap: geminiCap,
      prompt: geminiPrompt,
      positional: ['contents'],
      notes: ['a chat sends its whole history with every message: later turns cost more than this one'],
    }),
    operation({
      path: 'chat.streamSendMessage',
      api: 'generate_content',
      streaming: true,
      cap: geminiCap,
      prompt: geminiPrompt,
      positional: ['contents'],
      notes: ['a chat sends its whole history with every message: later turns cost more than this one'],
    }),
    operation({ path: 'embedder.embedContent', api: 'embeddings', prompt: [{ param: 'contents', shape: 'gemini-contents' }], positional: ['contents'] }),
    operation({ path: 'model.countTokens', api: 'count_tokens', billed: false, prompt: geminiPrompt, positional: ['contents'] }),
  ],
};

// LLPhant (theodo-group/llphant): a chat class per provider made from a config object naming the
// model (`$config = new OpenAIConfig(); $config->model = 'gpt-4o'; $chat = new OpenAIChat($config);`,
// `new AnthropicChat(new AnthropicConfig(AnthropicConfig::CLAUDE_3_5_SONNET, 1000))`), then
// `$chat->generateText('...')`, `generateStreamOfText`, `generateChat([...])`. The cap is a model
// option (`$config->modelOptions = ['max_tokens' => 500]`, Anthropic's config's second argument).
const llphantCap: CapSpec = {
  params: ['config.model_options.max_tokens', 'config.max_tokens', 'config.model_options.max_completion_tokens'],
  required: false,
  insert: 'config.model_options.max_tokens',
  noFix: true,
  advice: "`$config->modelOptions = ['max_tokens' => 1024]` on the chat's config",
};
const llphantOps = [
  operation({
    path: 'generateText',
    api: 'chat',
    cap: llphantCap,
    prompt: [
      { param: 'system', shape: 'text' },
      { param: 'prompt', shape: 'text' },
    ],
    positional: ['prompt'],
  }),
  operation({
    path: 'generateStreamOfText',
    api: 'chat',
    streaming: true,
    cap: llphantCap,
    prompt: [
      { param: 'system', shape: 'text' },
      { param: 'prompt', shape: 'text' },
    ],
    positional: ['prompt'],
  }),
  operation({
    path: 'generateTextOrReturnFunctionCalled',
    api: 'chat',
    cap: llphantCap,
    prompt: [
      { param: 'system', shape: 'text' },
      { param: 'prompt', shape: 'text' },
    ],
    positional: ['prompt'],
  }),
  operation({
    path: 'generateChat',
    api: 'chat',
    cap: llphantCap,
    prompt: [
      { param: 'system', shape: 'text' },
      { param: 'messages', shape: 'messages' },
    ],
    positional: ['messages'],
  }),
  operation({
    path: 'generateChatStream',
    api: 'chat',
    streaming: true,
    cap: llphantCap,
    prompt: [
      { param: 'system', shape: 'text' },
      { param: 'messages', shape: 'messages' },
    ],
    positional: ['messages'],
  }),
];

function llphant(cls: string, provider: string, configClass: string, extra: Partial<SdkSpec> = {}): SdkSpec {
  return {
    id: `llphant-${cls.replace(/Chat$/, '').toLowerCase()}`,
    displayName: `LLPhant ${cls}`,
    provider,
    python: [],
    js: [],
    php: {
      packages: ['LLPhant'],
      constructors: [`LLPhant\\Chat\\${cls}`],
      // Its config is every call's: the model and options set on it.
      boundKeyword: '*',
      // `$chat->setSystemMessage('...')` before the call.
      binders: { setSystemMessage: ['system'] },
      constructorParams: { [`LLPhant\\Chat\\${cls}`]: ['config'], [`LLPhant\\${configClass}`]: ['model', 'max_tokens'] },
      paths: {},
    },
    baseUrlOptions: ['url'],
    modelParams: ['config.model', 'model'],
    deriveMethods: [],
    deriveProperties: [],
    operations: llphantOps,
    ...extra,
  };
}

export const LLPHANT: readonly SdkSpec[] = [
  llphant('OpenAIChat', 'openai', 'OpenAIConfig'),
  llphant('AnthropicChat', 'anthropic', 'AnthropicConfig'),
  llphant('MistralAIChat', 'mistral', 'OpenAIConfig'),
  llphant('OllamaChat', 'ollama', 'OllamaConfig', { local: true }),
];
