import { operation } from './define';
import type { CapSpec, SdkSpec } from './types';

// Providers RubyLLM names (`provider: :anthropic`, `with_model("x", provider: :gemini)`), by the
// rate card that prices them; without one, the model id is looked up in every card.
const RUBY_LLM_PROVIDERS: Record<string, string | null> = {
  openai: 'openai',
  anthropic: 'anthropic',
  gemini: 'google',
  vertexai: 'google',
  mistral: 'mistral',
  deepseek: 'deepseek',
  xai: 'xai',
  bedrock: '*',
  ollama: 'local',
  gpustack: 'local',
  openrouter: null,
  perplexity: null,
};

const cap: CapSpec = { params: ['max_tokens'], required: false, insert: 'max_tokens', advice: '`.with_params(max_tokens: ...)` to the chat' };

// https://github.com/crmne/ruby_llm: one chat object for every provider, configured by chained
// calls, then sent with `ask`: `RubyLLM.chat(model: "claude-sonnet-4-5").with_instructions("...")
// .with_params(max_tokens: 500).ask("question")`; `RubyLLM.embed(text)`. A model not named is the
// application's `config.default_model` (gpt-4.1-nano in RubyLLM 1.x when the app does not set it).
// The cap is `with_params(max_tokens: ...)`: a fix would add a call to the chain, which costlint
// does not write, so a finding on an uncapped ask has no fix.
export const rubyLlm: SdkSpec = {
  id: 'ruby_llm',
  displayName: 'RubyLLM',
  provider: 'ruby_llm',
  python: [],
  js: [],
  ruby: {
    packages: ['ruby_llm'],
    constructors: [],
    moduleClients: ['RubyLLM'],
    // `RubyLLM.chat(...)` and a context's `RubyLLM.context { |c| ... }.chat(...)`.
    builders: { chat: 'chat' },
    binders: {
      with_model: ['model'],
      with_params: '**',
      with_instructions: ['instructions'],
      with_temperature: ['temperature'],
      with_tool: ['tools'],
      with_tools: ['tools'],
    },
    // with_schema, with_headers, with_context, on_new_message...: the same chat; `RubyLLM.context`: the same module.
    deriveMethods: ['with_*', 'on_*', 'context'],
    paths: { 'chat.ask': ['chat.ask', 'chat.say'] },
    // An ActiveRecord model with `acts_as_chat` is a chat whose model is its record's (`model_id`, by default the configured one).
    classMacros: { acts_as_chat: 'chat' },
  },
  modelPrefixes: RUBY_LLM_PROVIDERS,
  providerParams: ['provider'],
  baseUrlOptions: [],
  deriveMethods: [],
  deriveProperties: [],
  operations: [
    operation({
      path: 'chat.ask',
      api: 'chat',
      streaming: 'callback',
      cap,
      positional: ['message'],
      prompt: [
        { param: 'instructions', shape: 'text' },
        { param: 'message', shape: 'text' },
      ],
      modelDefault: { value: 'gpt-4.1-nano', expression: 'RubyLLM.config.default_model', configurable: true },
      notes: ['each ask on the same chat object also sends the conversation so far: later asks cost more than the first'],
      notesWhen: [{ param: 'tools', note: 'with tools, RubyLLM runs the tool loop: one ask may make several requests' }],
    }),
    operation({
      path: 'embed',
      api: 'embeddings',
      positional: ['input'],
      prompt: [{ param: 'input', shape: 'embedding-input' }],
      modelDefault: { value: 'text-embedding-3-small', expression: 'RubyLLM.config.default_embedding_model', configurable: true },
    }),
  ],
};
