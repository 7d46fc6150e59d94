import { capSpelled, operation } from './define';
import type { CapSpec, OperationSpec, SdkSpec } from './types';

// mistralai (Python) and @mistralai/mistralai (JS) v1 SDKs. Python takes max_tokens, JS maxTokens.
const cap: CapSpec = capSpelled('max_tokens', 'maxTokens');

const chat = (path: string, streaming: boolean): OperationSpec =>
  operation({ path, api: 'chat.completions', streaming, cap, prompt: [{ param: 'messages', shape: 'messages' }] });
const embeddings = (path: string): OperationSpec => operation({ path, api: 'embeddings', prompt: [{ param: 'inputs', shape: 'embedding-input' }] });

export const mistral: SdkSpec = {
  id: 'mistral',
  displayName: 'Mistral',
  provider: 'mistral',
  python: [{ module: 'mistralai', classes: ['Mistral'] }],
  js: [{ module: '@mistralai/mistralai', classes: ['Mistral'] }],
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
