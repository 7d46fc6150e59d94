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
