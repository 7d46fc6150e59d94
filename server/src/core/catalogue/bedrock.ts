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
  params: [
    'body.max_tokens',
    'body.max_gen_len',
    'body.textGenerationConfig.maxTokenCount',
    'body.inferenceConfig.maxTokens',
    'body.inferenceConfig.max_new_tokens',
    'body.max_new_tokens',
  ],
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

// Knowledge bases' RetrieveAndGenerate: a generation by the model the configuration's `modelArn` names,
// over the question and the passages retrieved (which are added to the prompt: not counted, and said).
const KB = 'retrieveAndGenerateConfiguration.knowledgeBaseConfiguration';
const ragCap: CapSpec = {
  params: [`${KB}.generationConfiguration.inferenceConfig.textInferenceConfig.maxTokens`],
  required: false,
  insert: `${KB}.generationConfiguration.inferenceConfig.textInferenceConfig.maxTokens`,
  noFix: true,
  advice: '`generationConfiguration.inferenceConfig.textInferenceConfig.maxTokens` in the knowledge base configuration',
};
const ragOperation = (path: string, streaming: boolean): OperationSpec =>
  operation({
    path,
    jsPath: path.split('.')[1].replace(/_(\w)/g, (_, c: string) => c.toUpperCase()),
    api: 'retrieve_and_generate',
    streaming,
    cap: ragCap,
    prompt: [{ param: 'input.text', shape: 'text' }],
    modelParams: [`${KB}.modelArn`, 'retrieveAndGenerateConfiguration.externalSourcesConfiguration.modelArn'],
    notes: ['the passages the knowledge base retrieves are added to the prompt: not counted'],
  });

// Agents: `invoke_agent(agentId=..., agentAliasId=..., sessionId=..., inputText=...)` runs the agent, whose model,
// instructions and inference settings are its configuration in Bedrock, not the call's: a run of an unknown model.
const invokeAgent = (path: string): OperationSpec =>
  operation({
    path,
    jsPath: 'invokeAgent',
    api: 'agent.run',
    streaming: true,
    cap: { params: [], required: false, insert: '', noFix: true, elsewhere: "the agent's configuration (its prompt override's maximumLength)" },
    prompt: [{ param: 'inputText', shape: 'text' }],
    modelParams: ['foundationModel'],
    notes: [
      "a Bedrock agent: its model, instructions and output cap are set in the agent's configuration (agentId, agentAliasId), not known here",
      'an agent run makes one model call per step of its orchestration: at least one, more when it calls action groups or knowledge bases; the estimate is per call',
    ],
  });

export const bedrock: SdkSpec = {
  id: 'bedrock',
  displayName: 'Amazon Bedrock',
  provider: 'aws-bedrock',
  python: [
    // boto3.client('bedrock-runtime'), boto3.Session().client('bedrock-runtime'), session.client(service_name=...)
    { module: 'boto3', classes: ['Session'], moduleIsClient: true },
    { module: 'aioboto3', classes: ['Session'], moduleIsClient: true },
  ],
  js: [
    {
      module: '@aws-sdk/client-bedrock-runtime',
      classes: [
        'BedrockRuntimeClient',
        'BedrockRuntime',
        'ConverseCommand',
        'ConverseStreamCommand',
        'InvokeModelCommand',
        'InvokeModelWithResponseStreamCommand',
      ],
    },
    {
      module: '@aws-sdk/client-bedrock-agent-runtime',
      classes: ['BedrockAgentRuntimeClient', 'RetrieveAndGenerateCommand', 'RetrieveAndGenerateStreamCommand', 'InvokeAgentCommand'],
    },
  ],
  baseUrlOptions: [],
  modelParams: ['modelId'],
  // Bedrock ids name models of several providers: any card may price them.
  modelPrefixes: {},
  factories: [
    { path: 'client', produces: 'runtime', positional: ['service_name'], when: { param: 'service_name', equals: ['bedrock-runtime'] }, binds: false },
    // Knowledge bases' RetrieveAndGenerate (`boto3.client('bedrock-agent-runtime')`); `retrieve` alone is not generation.
    { path: 'client', produces: 'agent', positional: ['service_name'], when: { param: 'service_name', equals: ['bedrock-agent-runtime'] }, binds: false },
  ],
  // `modelArn: 'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-...'`: the model id the ARN names.
  modelIdPatterns: ['^arn:aws[\\w-]*:bedrock:[\\w-]*:\\d*:(?:foundation-model|inference-profile)/(.+)$'],
  commands: {
    method: 'send',
    classes: {
      ConverseCommand: 'runtime.converse',
      ConverseStreamCommand: 'runtime.converse_stream',
      InvokeModelCommand: 'runtime.invoke_model',
      InvokeModelWithResponseStreamCommand: 'runtime.invoke_model_with_response_stream',
      RetrieveAndGenerateCommand: 'agent.retrieve_and_generate',
      RetrieveAndGenerateStreamCommand: 'agent.retrieve_and_generate_stream',
      InvokeAgentCommand: 'agent.invoke_agent',
    },
  },
  deriveMethods: [],
  deriveProperties: [],
  operations: [
    // JS: the v3 client's methods are also callable directly on the aggregated `BedrockRuntime` client.
    operation({ path: 'runtime.converse', jsPath: 'converse', api: 'converse', cap: converseCap, prompt: conversePrompt }),
    operation({ path: 'runtime.converse_stream', jsPath: 'converseStream', api: 'converse', streaming: true, cap: converseCap, prompt: conversePrompt }),
    operation({ path: 'runtime.invoke_model', jsPath: 'invokeModel', api: 'invoke_model', cap: invokeCap, prompt: invokePrompt }),
    ragOperation('agent.retrieve_and_generate', false),
    ragOperation('agent.retrieve_and_generate_stream', true),
    invokeAgent('agent.invoke_agent'),
    operation({
      path: 'runtime.invoke_model_with_response_stream',
      jsPath: 'invokeModelWithResponseStream',
      api: 'invoke_model',
      streaming: true,
      cap: invokeCap,
      prompt: invokePrompt,
    }),
  ],
};
