import type { CapSpec, OperationSpec, SdkSpec } from './types';

// LiteLLM (Python): module functions (`litellm.completion`, `from litellm import acompletion`)
// and Router instances, all OpenAI-shaped, routed to a provider by the model string's prefix.
const cap: CapSpec = { params: ['max_tokens', 'max_completion_tokens'], required: false, insert: 'max_tokens' };

const completion = (path: string): OperationSpec => ({
  path,
  api: 'chat.completions',
  billed: true,
  streaming: 'param',
  pricing: 'standard',
  cap,
  prompt: [{ param: 'messages', shape: 'messages' }],
  chatFraming: true,
});

const other = (path: string, api: string, prompt: OperationSpec['prompt'], withCap: boolean): OperationSpec => ({
  path,
  api,
  billed: true,
  streaming: withCap ? 'param' : false,
  pricing: 'standard',
  cap: withCap ? cap : null,
  prompt,
  chatFraming: false,
});

export const litellm: SdkSpec = {
  id: 'litellm',
  displayName: 'LiteLLM',
  provider: 'litellm',
  python: [{ module: 'litellm', classes: ['Router'], moduleIsClient: true }],
  js: [],
  // https://docs.litellm.ai/docs/providers: the prefix names the provider.
  modelPrefixes: {
    openai: 'openai',
    text_completion_openai: 'openai',
    azure: 'openai',
    anthropic: 'anthropic',
    gemini: 'google',
    vertex_ai: '*',
    bedrock: '*',
    groq: 'groq',
    together_ai: 'together',
    fireworks_ai: 'fireworks',
    mistral: 'mistral',
    cohere: 'cohere',
    cohere_chat: 'cohere',
    deepseek: 'deepseek',
    xai: 'xai',
    ollama: 'local',
    ollama_chat: 'local',
    lm_studio: 'local',
    openrouter: null,
    huggingface: null,
  },
  baseUrlOptions: [],
  deriveMethods: [],
  deriveProperties: [],
  operations: [
    completion('completion'),
    completion('acompletion'),
    other('embedding', 'embeddings', [{ param: 'input', shape: 'embedding-input' }], false),
    other('aembedding', 'embeddings', [{ param: 'input', shape: 'embedding-input' }], false),
    other('text_completion', 'completions', [{ param: 'prompt', shape: 'text' }], true),
    other('atext_completion', 'completions', [{ param: 'prompt', shape: 'text' }], true),
  ],
};
