import { anthropic } from './anthropic';
import { openai } from './openai';
import type { OperationSpec, SdkSpec } from './types';

/** An operation of another SDK's API, streaming by a callback passed as `stream:`. */
const withCallbackStream = (op: OperationSpec): OperationSpec => (op.streaming === 'param' ? { ...op, streaming: 'callback' } : op);

// https://github.com/alexrudall/ruby-openai, the community gem most Ruby applications call OpenAI
// (and OpenAI-compatible servers, through `uri_base:`) with. Its client is `OpenAI::Client`, as
// the official gem's, but every call passes the API's request as one hash:
// `OpenAI::Client.new(access_token: key).chat(parameters: {model: "gpt-4o", messages: [...], max_tokens: 100})`.
// It streams when `stream:` is a callback (`stream: proc { |chunk, _bytesize| ... }`).
export const rubyOpenai: SdkSpec = {
  id: 'ruby-openai',
  displayName: 'ruby-openai',
  provider: 'openai',
  python: [],
  js: [],
  ruby: {
    packages: ['openai'],
    constructors: ['OpenAI::Client'],
    paramsKeyword: 'parameters',
    paths: {
      'chat.completions.create': 'chat',
      'embeddings.create': 'embeddings',
      'completions.create': 'completions',
      'responses.create': 'responses.create',
      // client.images.generate(parameters: {model: "gpt-image-1", prompt: "...", size: "1024x1024"}).
      'images.generate': 'images.generate',
      'images.edit': 'images.edit',
    },
  },
  baseUrlOptions: ['uri_base'],
  deriveMethods: [],
  deriveProperties: [],
  operations: openai.operations
    .filter((op) =>
      ['chat.completions.create', 'embeddings.create', 'completions.create', 'responses.create', 'images.generate', 'images.edit'].includes(op.path),
    )
    .map(withCallbackStream),
};

// https://github.com/alexrudall/anthropic, the community gem written before Anthropic's own (both
// make `Anthropic::Client`): `Anthropic::Client.new(access_token: key).messages(parameters: {model:
// "claude-sonnet-4-5", system: "...", messages: [...], max_tokens: 1024})`; the hash is sent as written.
export const rubyAnthropic: SdkSpec = {
  id: 'ruby-anthropic',
  displayName: 'anthropic (community gem)',
  provider: 'anthropic',
  python: [],
  js: [],
  ruby: {
    packages: ['anthropic'],
    constructors: ['Anthropic::Client'],
    paramsKeyword: 'parameters',
    paths: { 'messages.create': 'messages' },
  },
  baseUrlOptions: ['uri_base'],
  deriveMethods: [],
  deriveProperties: [],
  operations: anthropic.operations.filter((op) => op.path === 'messages.create').map(withCallbackStream),
};
