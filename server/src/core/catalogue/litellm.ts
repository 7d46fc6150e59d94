import { operation } from './define';
import type { CapSpec, OperationSpec, SdkSpec } from './types';

// LiteLLM (Python): module functions (`litellm.completion`, `from litellm import acompletion`)
// and Router instances, all OpenAI-shaped, routed to a provider by the model string's prefix.
const cap: CapSpec = { params: ['max_tokens', 'max_completion_tokens'], required: false, insert: 'max_tokens' };

const completion = (path: string): OperationSpec =>
  operation({ path, api: 'chat.completions', streaming: 'param', cap, prompt: [{ param: 'messages', shape: 'messages' }], chatFraming: true });
const embedding = (path: string): OperationSpec => operation({ path, api: 'embeddings', prompt: [{ param: 'input', shape: 'embedding-input' }] });
const textCompletion = (path: string): OperationSpec =>
  operation({ path, api: 'completions', streaming: 'param', cap, prompt: [{ param: 'prompt', shape: 'text' }] });

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
    embedding('embedding'),
    embedding('aembedding'),
    textCompletion('text_completion'),
    textCompletion('atext_completion'),
  ],
};
