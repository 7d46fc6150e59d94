import { operation } from './define';
import { openai } from './openai';
import type { CapSpec, OperationSpec, SdkSpec } from './types';

// Providers' own SDKs shaped like OpenAI's (Together, Groq, Fireworks, Cerebras): `client.chat.completions.create(
// model=..., messages=[...], max_tokens=...)`, priced from the provider's card. They take `max_tokens`
// (Groq and Cerebras also `max_completion_tokens`); the fix adds `max_tokens`.
const cap: CapSpec = { params: ['max_completion_tokens', 'max_tokens'], required: false, insert: 'max_tokens' };
const fromOpenai = (path: string): OperationSpec => {
  const op = openai.operations.find((o) => o.path === path)!;
  return op.cap ? { ...op, cap } : op;
};
const CHAT: OperationSpec[] = ['chat.completions.create', 'embeddings.create', 'completions.create'].map(fromOpenai);

function compatible(id: string, displayName: string, provider: string, python: SdkSpec['python'], js: SdkSpec['js']): SdkSpec {
  return {
    id,
    displayName,
    provider,
    python,
    js,
    baseUrlOptions: ['base_url', 'baseURL'],
    deriveMethods: ['with_options', 'withOptions'],
    deriveProperties: ['with_raw_response', 'with_streaming_response'],
    operations: CHAT,
  };
}

export const together = compatible(
  'together',
  'Together AI',
  'together',
  [{ module: 'together', classes: ['Together', 'AsyncTogether'] }],
  [{ module: 'together-ai', defaultExport: 'Together', classes: ['Together'] }],
);
export const groq = compatible(
  'groq',
  'Groq',
  'groq',
  [{ module: 'groq', classes: ['Groq', 'AsyncGroq'] }],
  [{ module: 'groq-sdk', defaultExport: 'Groq', classes: ['Groq'] }],
);
export const fireworks = compatible('fireworks', 'Fireworks AI', 'fireworks', [{ module: 'fireworks.client', classes: ['Fireworks', 'AsyncFireworks'] }], []);
// Perplexity's own SDK (`perplexityai` on PyPI, imported as `perplexity`; `@perplexity-ai/perplexity_ai`): Sonar chat
// completions. No Perplexity card yet: the cost is said to be unknown.
export const perplexity = compatible(
  'perplexity',
  'Perplexity',
  'perplexity',
  [{ module: 'perplexity', classes: ['Perplexity', 'AsyncPerplexity'] }],
  [{ module: '@perplexity-ai/perplexity_ai', defaultExport: 'Perplexity', classes: ['Perplexity'] }],
);
// Zhipu AI's SDKs for its GLM models: `zhipuai` and its successor `zai-sdk` (imported as `zai`; `ZhipuAiClient`
// for open.bigmodel.cn, `ZaiClient` for z.ai), OpenAI's shapes: `client.chat.completions.create(model="glm-4.6",
// messages=[...])`. No Zhipu card yet: the cost is said to be unknown.
export const zhipu = compatible(
  'zhipu',
  'Zhipu AI (GLM)',
  'zhipu',
  [
    { module: 'zhipuai', classes: ['ZhipuAI'] },
    { module: 'zai', classes: ['ZhipuAiClient', 'ZaiClient'] },
  ],
  [],
);
export const cerebras = compatible(
  'cerebras',
  'Cerebras',
  'cerebras',
  [{ module: 'cerebras.cloud.sdk', classes: ['Cerebras', 'AsyncCerebras'] }],
  [{ module: '@cerebras/cerebras_cloud_sdk', defaultExport: 'Cerebras', classes: ['Cerebras'] }],
);

// Voyage AI (`voyageai`, Python and JS): embeddings and reranking, billed per input token.
// Python `vo.embed(texts, model="voyage-3.5", input_type="document")`, `vo.contextualized_embed(inputs=[[...]], model=...)`,
// `vo.rerank(query, documents, model="rerank-2.5")`; JS `new VoyageAIClient().embed({ input, model })`.
export const voyage: SdkSpec = {
  id: 'voyage',
  displayName: 'Voyage AI',
  provider: 'voyage',
  python: [{ module: 'voyageai', classes: ['Client', 'AsyncClient'] }],
  js: [{ module: 'voyageai', classes: ['VoyageAIClient'] }],
  baseUrlOptions: [],
  deriveMethods: [],
  deriveProperties: [],
  operations: [
    operation({
      path: 'embed',
      api: 'embeddings',
      positional: [{ name: 'texts', objectIsParams: true }, 'model', 'input_type'],
      prompt: [
        { param: 'texts', shape: 'embedding-input' },
        { param: 'input', shape: 'embedding-input' },
      ],
    }),
    operation({
      path: 'contextualized_embed',
      jsPath: 'contextualizedEmbed',
      api: 'embeddings',
      positional: [{ name: 'inputs', objectIsParams: true }, 'model'],
      prompt: [{ param: 'inputs', shape: 'embedding-input' }],
    }),
    operation({
      path: 'multimodal_embed',
      jsPath: 'multimodalEmbed',
      api: 'embeddings',
      positional: [{ name: 'inputs', objectIsParams: true }, 'model'],
      prompt: [{ param: 'inputs', shape: 'embedding-input' }],
    }),
    operation({
      path: 'rerank',
      api: 'rerank',
      positional: [{ name: 'query', objectIsParams: true }, 'documents', 'model'],
      prompt: [
        { param: 'query', shape: 'text' },
        { param: 'documents', shape: 'embedding-input' },
      ],
    }),
  ],
};

export const PROVIDER_SDKS: readonly SdkSpec[] = [together, groq, fireworks, cerebras, perplexity, zhipu, voyage];
