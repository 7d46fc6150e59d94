import type { CapSpec, OperationSpec, SdkSpec } from './types';

// ollama (Python) and ollama (JS): the module (Python) or default export (JS) is a client;
// Client / AsyncClient / Ollama point at another host. The cap is options.num_predict
// (default -1: unbounded). Local: priced $0.
const cap: CapSpec = { params: ['options.num_predict'], required: false, insert: 'options.num_predict' };

const op = (path: string, api: string, prompt: OperationSpec['prompt'], withCap: boolean): OperationSpec => ({
  path,
  api,
  billed: true,
  streaming: withCap ? 'param' : false,
  pricing: 'standard',
  cap: withCap ? cap : null,
  prompt,
  chatFraming: false,
});

export const ollama: SdkSpec = {
  id: 'ollama',
  displayName: 'Ollama',
  provider: 'ollama',
  local: true,
  python: [{ module: 'ollama', classes: ['Client', 'AsyncClient'], moduleIsClient: true }],
  js: [{ module: 'ollama', classes: ['Ollama'], defaultIsClient: true }],
  baseUrlOptions: ['host'],
  deriveMethods: [],
  deriveProperties: [],
  operations: [
    op('chat', 'chat', [{ param: 'messages', shape: 'messages' }], true),
    op('generate', 'generate', [{ param: 'system', shape: 'text' }, { param: 'prompt', shape: 'text' }], true),
    op('embed', 'embeddings', [{ param: 'input', shape: 'embedding-input' }], false),
    op('embeddings', 'embeddings', [{ param: 'prompt', shape: 'text' }], false),
  ],
};
