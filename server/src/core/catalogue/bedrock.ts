import { operation } from './define';
import type { CapSpec, OperationSpec, SdkSpec } from './types';

// Amazon Bedrock Runtime: boto3 (`boto3.client('bedrock-runtime').converse(...)`) and the AWS SDK
// for JavaScript v3 (`client.send(new ConverseCommand({...}))`). Model ids are Bedrock's
// (`anthropic.claude-...-v1:0`, inference profiles `us.anthropic....`), priced from whichever card
// lists them. Control-plane clients (`bedrock`, `@aws-sdk/client-bedrock`) and retrieval-only ones
// (`bedrock-agent-runtime`) are not model calls and are not listed.

// Converse: one request shape for every model; the cap is inferenceConfig.maxTokens.
const converseCap: CapSpec = { params: ['inferenceConfig.maxTokens'], required: false, insert: 'inferenceConfig.maxTokens' };
const conversePrompt: OperationSpec['prompt'] = [
  { param: 'system', shape: 'text' },
  { param: 'messages', shape: 'messages' },
];

// InvokeModel: the body is the model family's native request, JSON-encoded. The cap's name
// depends on the family; Anthropic's Messages body requires max_tokens.
const invokeCap: CapSpec = {
  params: ['body.max_tokens', 'body.max_gen_len', 'body.textGenerationConfig.maxTokenCount', 'body.inferenceConfig.maxTokens', 'body.inferenceConfig.max_new_tokens', 'body.max_new_tokens'],
  required: false,
  insert: 'body.max_tokens',
  byModel: [
    { contains: 'anthropic.', insert: 'body.max_tokens', required: true },
    { contains: 'meta.', insert: 'body.max_gen_len' },
    { contains: 'amazon.titan', insert: 'body.textGenerationConfig.maxTokenCount' },
    { contains: 'amazon.nova', insert: 'body.inferenceConfig.maxTokens' },
  ],
};
const invokePrompt: OperationSpec['prompt'] = [
  { param: 'body.system', shape: 'text' },
  { param: 'body.messages', shape: 'messages' },
  { param: 'body.prompt', shape: 'text' },
  { param: 'body.inputText', shape: 'text' },
];

export const bedrock: SdkSpec = {
  id: 'bedrock',
  displayName: 'Amazon Bedrock',
  provider: 'aws-bedrock',
  python: [
    // boto3.client('bedrock-runtime'), boto3.Session().client('bedrock-runtime'), session.client(service_name=...)
    { module: 'boto3', classes: ['Session'], moduleIsClient: true },
    { module: 'aioboto3', classes: ['Session'], moduleIsClient: true },
  ],
  js: [{ module: '@aws-sdk/client-bedrock-runtime', classes: ['BedrockRuntimeClient', 'BedrockRuntime', 'ConverseCommand', 'ConverseStreamCommand', 'InvokeModelCommand', 'InvokeModelWithResponseStreamCommand'] }],
  baseUrlOptions: [],
  modelParams: ['modelId'],
  // Bedrock ids name models of several providers: any card may price them.
  modelPrefixes: {},
  factories: [{ path: 'client', produces: 'runtime', positional: ['service_name'], when: { param: 'service_name', equals: ['bedrock-runtime'] }, binds: false }],
  commands: {
    method: 'send',
    classes: {
      ConverseCommand: 'runtime.converse',
      ConverseStreamCommand: 'runtime.converse_stream',
      InvokeModelCommand: 'runtime.invoke_model',
      InvokeModelWithResponseStreamCommand: 'runtime.invoke_model_with_response_stream',
    },
  },
  deriveMethods: [],
  deriveProperties: [],
  operations: [
    // JS: the v3 client's methods are also callable directly on the aggregated `BedrockRuntime` client.
    operation({ path: 'runtime.converse', jsPath: 'converse', api: 'converse', cap: converseCap, prompt: conversePrompt }),
    operation({ path: 'runtime.converse_stream', jsPath: 'converseStream', api: 'converse', streaming: true, cap: converseCap, prompt: conversePrompt }),
    operation({ path: 'runtime.invoke_model', jsPath: 'invokeModel', api: 'invoke_model', cap: invokeCap, prompt: invokePrompt }),
    operation({ path: 'runtime.invoke_model_with_response_stream', jsPath: 'invokeModelWithResponseStream', api: 'invoke_model', streaming: true, cap: invokeCap, prompt: invokePrompt }),
  ],
};
