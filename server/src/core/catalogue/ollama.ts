import { operation } from './define';
import type { CapSpec, OperationSpec, SdkSpec } from './types';

// ollama (Python), ollama (JS) and Ollama's Go package: the module (Python) or default export (JS) is a client;
// Client / AsyncClient / Ollama point at another host. The cap is options.num_predict
// (default -1: unbounded). Local: priced $0.
const cap: CapSpec = { params: ['options.num_predict'], required: false, insert: 'options.num_predict' };

const generating = (path: string, prompt: OperationSpec['prompt']): OperationSpec => operation({ path, api: path, streaming: 'param', cap, prompt });

export const ollama: SdkSpec = {
  id: 'ollama',
  displayName: 'Ollama',
  provider: 'ollama',
  local: true,
  python: [{ module: 'ollama', classes: ['Client', 'AsyncClient'], moduleIsClient: true }],
  js: [{ module: 'ollama', classes: ['Ollama'], defaultIsClient: true }],
  // github.com/ollama/ollama/api: `api.ClientFromEnvironment()` or `api.NewClient(url, http)`, then
  // `client.Chat(ctx, &api.ChatRequest{Model: ..., Messages: ..., Options: map[string]any{"num_predict": 200}}, fn)`.
  go: {
    packages: ['github.com/ollama/ollama/api'],
    constructors: ['ClientFromEnvironment', 'NewClient'],
    types: ['Client'],
    paths: { chat: 'Chat', generate: 'Generate', embed: 'Embed', embeddings: 'Embeddings' },
    plainInts: true,
  },
  baseUrlOptions: ['host'],
  deriveMethods: [],
  deriveProperties: [],
  operations: [
    generating('chat', [{ param: 'messages', shape: 'messages' }]),
    generating('generate', [
      { param: 'system', shape: 'text' },
      { param: 'prompt', shape: 'text' },
    ]),
    operation({ path: 'embed', api: 'embeddings', prompt: [{ param: 'input', shape: 'embedding-input' }] }),
    operation({ path: 'embeddings', api: 'embeddings', prompt: [{ param: 'prompt', shape: 'text' }] }),
  ],
};
