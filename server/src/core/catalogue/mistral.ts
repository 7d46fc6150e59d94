import { capSpelled, operation } from './define';
import type { CapSpec, OperationSpec, SdkSpec } from './types';

// mistralai (Python) and @mistralai/mistralai (JS) v1 SDKs. Python takes max_tokens, JS maxTokens.
const cap: CapSpec = capSpelled('max_tokens', 'maxTokens');

const chat = (path: string, streaming: boolean): OperationSpec =>
  operation({ path, api: 'chat.completions', streaming, cap, prompt: [{ param: 'messages', shape: 'messages' }] });
const embeddings = (path: string): OperationSpec =>
  operation({
    path,
    api: 'embeddings',
    prompt: [
      { param: 'inputs', shape: 'embedding-input' },
      { param: 'input', shape: 'embedding-input' },
    ],
  });

export const mistral: SdkSpec = {
  id: 'mistral',
  displayName: 'Mistral',
  provider: 'mistral',
  python: [{ module: 'mistralai', classes: ['Mistral'] }],
  js: [{ module: '@mistralai/mistralai', classes: ['Mistral'] }],
  // The mistral-ai gem (gbaptista/mistral-ai): `Mistral.new(credentials: {api_key: ...})`, then
  // `client.chat_completions({model: 'mistral-medium-latest', messages: [...], max_tokens: 200})` and
  // `client.embeddings({model: 'mistral-embed', input: [...]})`; the request is the hash, as the API's.
  ruby: { packages: ['mistral-ai'], constructors: ['Mistral'], paths: { 'chat.complete': 'chat_completions', 'embeddings.create': 'embeddings' } },
  baseUrlOptions: ['server_url', 'serverURL'],
  deriveMethods: [],
  deriveProperties: [],
  operations: [
    chat('chat.complete', false),
    chat('chat.complete_async', false),
    chat('chat.stream', true),
    chat('chat.stream_async', true),
    embeddings('embeddings.create'),
    embeddings('embeddings.create_async'),
  ],
};
