import { operation } from './define';
import type { CapSpec, OperationSpec, SdkSpec } from './types';

/** What a langchainrb LLM class sends when the call and its `default_options` name nothing (langchainrb 0.19, its DEFAULTS). */
interface Defaults {
  chat: string;
  embedding?: string;
  maxTokens?: number;
}

// https://github.com/patterns-ai-core/langchainrb: one class per provider,
// `Langchain::LLM::OpenAI.new(api_key: key, default_options: {chat_model: "gpt-4o", temperature: 0.2})`,
// then `llm.chat(messages: [...], max_tokens: 500)`, `llm.embed(text: "...")`, the deprecated
// `llm.complete(prompt: "...")`. `default_options` are parameters of every call (its `chat_model`
// names the model); a call's own keywords win. Each class has its own defaults.
function langchainrb(cls: string, provider: string, d: Defaults, extra: Partial<SdkSpec> = {}): SdkSpec {
  const constant = `Langchain::LLM::${cls}`;
  const cap: CapSpec = {
    params: ['max_tokens'],
    required: false,
    insert: 'max_tokens',
    ...(d.maxTokens ? { default: { value: d.maxTokens, expression: `${constant}::DEFAULTS[:max_tokens]` } } : {}),
  };
  const chat = (path: string, prompt: OperationSpec['prompt']): OperationSpec =>
    operation({
      path,
      api: 'chat',
      streaming: 'callback',
      cap,
      prompt,
      modelParams: ['model', 'chat_model'],
      modelDefault: { value: d.chat, expression: `${constant}::DEFAULTS[:chat_model]` },
    });
  const operations = [
    chat('chat', [
      { param: 'tools', shape: 'tools' },
      { param: 'system', shape: 'text' },
      { param: 'messages', shape: 'messages' },
    ]),
    chat('complete', [{ param: 'prompt', shape: 'text' }]),
  ];
  if (d.embedding) {
    operations.push(
      operation({
        path: 'embed',
        api: 'embeddings',
        prompt: [{ param: 'text', shape: 'embedding-input' }],
        modelParams: ['model', 'embedding_model'],
        modelDefault: { value: d.embedding, expression: `${constant}::DEFAULTS[:embedding_model]` },
      }),
    );
  }
  return {
    id: `langchainrb-${cls.toLowerCase()}`,
    displayName: `langchainrb ${cls}`,
    provider,
    python: [],
    js: [],
    ruby: { packages: ['langchain'], constructors: [constant], boundKeyword: 'default_options' },
    baseUrlOptions: [],
    deriveMethods: [],
    deriveProperties: [],
    operations,
    ...extra,
  };
}

export const LANGCHAINRB: readonly SdkSpec[] = [
  langchainrb('OpenAI', 'openai', { chat: 'gpt-4o-mini', embedding: 'text-embedding-3-small' }),
  langchainrb('Anthropic', 'anthropic', { chat: 'claude-sonnet-4-6', maxTokens: 256 }),
  langchainrb('GoogleGemini', 'google', { chat: 'gemini-1.5-pro-latest', embedding: 'text-embedding-004' }),
  langchainrb('MistralAI', 'mistral', { chat: 'mistral-large-latest', embedding: 'mistral-embed' }),
  langchainrb('Ollama', 'ollama', { chat: 'llama3.2', embedding: 'llama3.2' }, { local: true }),
];
