import { operation } from './define';
import type { CapSpec, OperationSpec, SdkSpec } from './types';

/** What a langchainrb LLM class sends when the call and its `default_options` name nothing (langchainrb 0.19, its DEFAULTS). */
interface Defaults {
  chat: string;
  embedding?: string;
  maxTokens?: number;
  /** `complete(prompt:)`: the model it uses (`chat_model` where it wraps `chat`, OpenAI's), or none where the class has no `complete`. */
  complete?: { modelParam: string; model: string };
  /** The class caps output in its `options:` hash (Ollama's `num_predict`), not by `max_tokens:`. */
  options?: boolean;
}

// https://github.com/patterns-ai-core/langchainrb: one class per provider,
// `Langchain::LLM::OpenAI.new(api_key: key, default_options: {chat_model: "gpt-4o", temperature: 0.2})`,
// then `llm.chat(messages: [...], max_tokens: 500)`, `llm.embed(text: "...")`, the deprecated
// `llm.complete(prompt: "...")`. `default_options` are parameters of every call (its `chat_model`
// names the model); a call's own keywords win. Each class has its own defaults.
function langchainrb(cls: string, provider: string, d: Defaults, extra: Partial<SdkSpec> = {}): SdkSpec {
  const constant = `Langchain::LLM::${cls}`;
  const cap: CapSpec = d.options
    ? { params: ['options.num_predict'], required: false, insert: 'options.num_predict', advice: '`options: {num_predict: ...}`', noFix: true }
    : {
        params: ['max_tokens'],
        required: false,
        insert: 'max_tokens',
        ...(d.maxTokens ? { default: { value: d.maxTokens, expression: `${constant}::DEFAULTS[:max_tokens]` } } : {}),
      };
  const chat = (path: string, prompt: OperationSpec['prompt'], modelParam = 'chat_model', model = d.chat): OperationSpec =>
    operation({
      path,
      api: 'chat',
      streaming: 'callback',
      cap,
      prompt,
      // Before 0.19 the options were `chat_completion_model_name:` and `completion_model_name:`.
      modelParams: ['model', modelParam, `${modelParam === 'chat_model' ? 'chat_completion_model' : modelParam}_name`],
      modelDefault: { value: model, expression: `${constant}::DEFAULTS[:${modelParam}]` },
    });
  const operations = [
    chat('chat', [
      { param: 'tools', shape: 'tools' },
      { param: 'system', shape: 'text' },
      { param: 'messages', shape: 'messages' },
    ]),
  ];
  if (d.complete) {
    const complete = chat('complete', [{ param: 'prompt', shape: 'text' }], d.complete.modelParam, d.complete.model);
    // Ollama's `complete(prompt:, num_predict: 100)` takes the cap as a keyword of its own.
    operations.push(d.options ? { ...complete, cap: { params: ['num_predict'], required: false, insert: 'num_predict' } } : complete);
  }
  // `Langchain::Assistant.new(llm: llm, instructions: ...)`, then `assistant.run` / `add_message_and_run(content:)`:
  // the assistant's calls are its LLM's, one or more per run (it runs the tools the model asks for).
  for (const path of ['service.run', 'service.run!', 'service.add_message_and_run', 'service.add_message_and_run!']) {
    operations.push(
      operation({
        path,
        api: 'chat',
        // The assistant's own methods take no cap: it is the LLM's `default_options`.
        cap: { ...cap, advice: "`max_tokens:` to the LLM's `default_options`", noFix: true },
        prompt: [{ param: 'content', shape: 'text' }],
        modelParams: ['model', 'chat_model', 'chat_completion_model_name'],
        modelDefault: { value: d.chat, expression: `${constant}::DEFAULTS[:chat_model]` },
        notes: [
          "Langchain::Assistant: one request per step of the assistant's tool loop; its instructions and earlier messages are sent with each, not counted here",
        ],
      }),
    );
  }
  if (d.embedding) {
    operations.push(
      operation({
        path: 'embed',
        api: 'embeddings',
        prompt: [{ param: 'text', shape: 'embedding-input' }],
        modelParams: ['model', 'embedding_model', 'embeddings_model_name'],
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
    ruby: { packages: ['langchain'], constructors: [constant], boundKeyword: 'default_options', services: { 'Langchain::Assistant': { settings: ['llm'] } } },
    baseUrlOptions: [],
    deriveMethods: [],
    deriveProperties: [],
    operations,
    ...extra,
  };
}

export const LANGCHAINRB: readonly SdkSpec[] = [
  langchainrb('OpenAI', 'openai', { chat: 'gpt-4o-mini', embedding: 'text-embedding-3-small', complete: { modelParam: 'chat_model', model: 'gpt-4o-mini' } }),
  langchainrb('Anthropic', 'anthropic', { chat: 'claude-sonnet-4-6', maxTokens: 256, complete: { modelParam: 'completion_model', model: 'claude-2.1' } }),
  langchainrb('GoogleGemini', 'google', { chat: 'gemini-1.5-pro-latest', embedding: 'text-embedding-004' }),
  langchainrb('MistralAI', 'mistral', { chat: 'mistral-large-latest', embedding: 'mistral-embed' }),
  langchainrb(
    'Ollama',
    'ollama',
    { chat: 'llama3.2', embedding: 'llama3.2', options: true, complete: { modelParam: 'completion_model', model: 'llama3.2' } },
    { local: true },
  ),
];
