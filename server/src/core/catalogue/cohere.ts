import { capSpelled, operation } from './define';
import type { CapSpec, OperationSpec, SdkSpec } from './types';

// cohere (Python) and cohere-ai (JS): v2 clients (messages) and v1 clients (message, preamble).
// Python takes max_tokens, JS maxTokens.
const cap: CapSpec = capSpelled('max_tokens', 'maxTokens');

const chat = (path: string, jsPath: string, streaming: boolean): OperationSpec =>
  operation({
    path,
    jsPath,
    api: 'chat',
    streaming,
    cap,
    prompt: [
      { param: 'preamble', shape: 'text' },
      { param: 'message', shape: 'text' },
      { param: 'messages', shape: 'messages' },
    ],
  });

export const cohere: SdkSpec = {
  id: 'cohere',
  displayName: 'Cohere',
  provider: 'cohere',
  python: [{ module: 'cohere', classes: ['ClientV2', 'AsyncClientV2', 'Client', 'AsyncClient'] }],
  js: [{ module: 'cohere-ai', classes: ['CohereClientV2', 'CohereClient'] }],
  baseUrlOptions: ['base_url', 'environment'],
  deriveMethods: [],
  deriveProperties: ['with_raw_response'],
  operations: [
    chat('chat', 'chat', false),
    chat('chat_stream', 'chatStream', true),
    operation({ path: 'embed', api: 'embeddings', prompt: [{ param: 'texts', shape: 'embedding-input' }] }),
  ],
};
