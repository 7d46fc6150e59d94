import { bedrock } from './bedrock';
import { cohere } from './cohere';
import { operation } from './define';
import { geminiChatOperation, google } from './google';
import type { CapSpec, OperationSpec, SdkSpec } from './types';

// Go modules applications call Gemini, Bedrock and Cohere with. Go takes the context first and the
// request as positional arguments or a struct (`Model: ...`, read as the API's snake_case names).

// google.golang.org/genai, the Gen AI SDK for Go: `client.Models.GenerateContent(ctx, "gemini-2.5-flash",
// genai.Text("..."), &genai.GenerateContentConfig{MaxOutputTokens: 1024, SystemInstruction: ...})`;
// `client.Chats.Create(ctx, model, config, history)` then `chat.SendMessage(ctx, genai.Part{Text: "..."})`.
const genaiCap: CapSpec = { params: ['config.max_output_tokens'], required: false, insert: 'config.max_output_tokens' };
const genaiArgs: OperationSpec['positional'] = ['ctx', 'model', 'contents', 'config'];
const fromGoogle = (path: string, over: Partial<OperationSpec>): OperationSpec => ({ ...google.operations.find((o) => o.path === path)!, ...over });

export const googleGenaiGo: SdkSpec = {
  id: 'google-genai-go',
  displayName: 'Google Gen AI (Go)',
  provider: 'google',
  python: [],
  js: [],
  go: {
    packages: ['google.golang.org/genai'],
    // genai.NewClient(ctx, &genai.ClientConfig{APIKey: key, Backend: genai.BackendGeminiAPI}).
    constructors: ['NewClient'],
    types: ['Client'],
    // A chat carries its model, config and history: every SendMessage sends them.
    builders: { 'Chats.Create': { path: 'chat', params: ['ctx', 'model', 'config', 'history'] } },
    // genai.Text("...") is the contents of one user turn; `int32` fields are plain (`MaxOutputTokens: 1024`).
    valueHelpers: { Text: { kind: 'arg' }, NewPartFromText: { kind: 'arg' } },
    paths: {
      'models.generate_content': 'Models.GenerateContent',
      'models.generate_content_stream': 'Models.GenerateContentStream',
      'models.embed_content': 'Models.EmbedContent',
      'models.count_tokens': 'Models.CountTokens',
      'chat.send_message': ['chat.SendMessage', 'chat.Send'],
      'chat.send_message_stream': ['chat.SendMessageStream', 'chat.SendStream'],
    },
    plainInts: true,
  },
  baseUrlOptions: [],
  modelIdPrefixes: ['models/'],
  deriveMethods: [],
  deriveProperties: [],
  operations: [
    fromGoogle('models.generate_content', { cap: genaiCap, positional: genaiArgs }),
    fromGoogle('models.generate_content_stream', { cap: genaiCap, positional: genaiArgs }),
    fromGoogle('models.embed_content', { positional: genaiArgs }),
    fromGoogle('models.count_tokens', { positional: genaiArgs }),
    ...(['chat.send_message', 'chat.send_message_stream'] as const).map((path) =>
      geminiChatOperation({
        path,
        streaming: path.endsWith('stream'),
        cap: genaiCap,
        positional: ['ctx', 'message'],
        prompt: [
          { param: 'config.system_instruction', shape: 'gemini-contents' },
          { param: 'history', shape: 'gemini-contents' },
          { param: 'message', shape: 'gemini-contents' },
        ],
      }),
    ),
  ],
};

// github.com/google/generative-ai-go/genai (deprecated for google.golang.org/genai, still in wide use) and
// Vertex AI's cloud.google.com/go/vertexai/genai, the same API: `model := client.GenerativeModel("gemini-1.5-flash")`,
// `model.SetMaxOutputTokens(1024)`, then `model.GenerateContent(ctx, genai.Text("..."))`; `model.StartChat()`
// then `cs.SendMessage(ctx, genai.Text("..."))`; `client.EmbeddingModel("text-embedding-004").EmbedContent(ctx, ...)`.
// The cap is a setting of the model handle, not of the request: set with its setter.
const legacyCap: CapSpec = {
  params: ['max_output_tokens'],
  required: false,
  insert: 'max_output_tokens',
  noFix: true,
  advice: '`model.SetMaxOutputTokens(1024)` before the call',
};
const legacyPrompt: OperationSpec['prompt'] = [
  { param: 'system_instruction', shape: 'gemini-contents' },
  { param: 'history', shape: 'gemini-contents' },
  { param: 'contents', shape: 'gemini-contents' },
];
const legacyGenerate = (path: string, streaming: boolean): OperationSpec =>
  operation({ path, api: 'generate_content', streaming, cap: legacyCap, prompt: legacyPrompt, positional: ['ctx', 'contents'] });

export const generativeAiGo: SdkSpec = {
  id: 'generative-ai-go',
  displayName: 'Google Generative AI for Go (legacy)',
  provider: 'google',
  python: [],
  js: [],
  go: {
    packages: ['github.com/google/generative-ai-go/genai', 'cloud.google.com/go/vertexai/genai'],
    constructors: ['NewClient'],
    types: ['Client', 'GenerativeModel', 'ChatSession', 'EmbeddingModel'],
    builders: {
      GenerativeModel: { path: 'model', params: ['model'] },
      EmbeddingModel: { path: 'embedder', params: ['model'] },
      'model.StartChat': 'chat',
    },
    // model.SetMaxOutputTokens(1024), written as a statement before the call.
    binders: { SetMaxOutputTokens: ['max_output_tokens'] },
    valueHelpers: { Text: { kind: 'arg' } },
    paths: {
      'model.generate_content': 'model.GenerateContent',
      'model.generate_content_stream': 'model.GenerateContentStream',
      'chat.send_message': 'chat.SendMessage',
      'chat.send_message_stream': 'chat.SendMessageStream',
      'embedder.embed_content': 'embedder.EmbedContent',
      'model.count_tokens': 'model.CountTokens',
    },
    plainInts: true,
  },
  baseUrlOptions: [],
  modelIdPrefixes: ['models/'],
  deriveMethods: [],
  deriveProperties: [],
  operations: [
    legacyGenerate('model.generate_content', false),
    legacyGenerate('model.generate_content_stream', true),
    geminiChatOperation({ path: 'chat.send_message', streaming: false, cap: legacyCap, prompt: legacyPrompt, positional: ['ctx', 'contents'] }),
    geminiChatOperation({ path: 'chat.send_message_stream', streaming: true, cap: legacyCap, prompt: legacyPrompt, positional: ['ctx', 'contents'] }),
    operation({
      path: 'embedder.embed_content',
      api: 'embeddings',
      prompt: [{ param: 'contents', shape: 'gemini-contents' }],
      positional: ['ctx', 'contents'],
    }),
    operation({ path: 'model.count_tokens', api: 'count_tokens', billed: false, prompt: legacyPrompt, positional: ['ctx', 'contents'] }),
  ],
};

// AWS SDK for Go v2, bedrockruntime: `client := bedrockruntime.NewFromConfig(cfg)`, then
// `client.Converse(ctx, &bedrockruntime.ConverseInput{ModelId: aws.String("anthropic.claude-..."),
// InferenceConfig: &types.InferenceConfiguration{MaxTokens: aws.Int32(512)}, Messages: ...})`;
// `InvokeModel` takes the model's own JSON body as bytes (not read: its cap is said to be unknown).
const converseCap: CapSpec = {
  params: ['inference_config.max_tokens'],
  required: false,
  insert: 'inference_config.max_tokens',
  noFix: true,
  advice: '`InferenceConfig: &types.InferenceConfiguration{MaxTokens: aws.Int32(1024)}`',
};
const invokeCap: CapSpec = {
  params: ['body.max_tokens'],
  required: false,
  insert: 'body.max_tokens',
  noFix: true,
  advice: "the model's cap field in the JSON `Body` (`max_tokens` for Claude)",
};

export const bedrockGo: SdkSpec = {
  id: 'bedrock-go',
  displayName: 'Amazon Bedrock (AWS SDK for Go v2)',
  provider: 'aws-bedrock',
  python: [],
  js: [],
  go: {
    // The aws package's helpers (`aws.String`, `aws.Int32`) wrap the request's values.
    packages: ['github.com/aws/aws-sdk-go-v2/service/bedrockruntime', 'github.com/aws/aws-sdk-go-v2/aws'],
    constructors: ['NewFromConfig', 'New'],
    types: ['Client'],
    valueHelpers: { String: { kind: 'arg' }, Int32: { kind: 'arg' }, Float32: { kind: 'arg' } },
    paths: {
      'runtime.converse': 'Converse',
      'runtime.converse_stream': 'ConverseStream',
      'runtime.invoke_model': 'InvokeModel',
      'runtime.invoke_model_with_response_stream': 'InvokeModelWithResponseStream',
    },
    plainInts: true,
  },
  baseUrlOptions: [],
  modelParams: ['model_id'],
  modelPrefixes: {},
  deriveMethods: [],
  deriveProperties: [],
  operations: bedrock.operations.map((op) => ({
    ...op,
    cap: op.api === 'converse' ? converseCap : invokeCap,
    prompt:
      op.api === 'converse'
        ? [
            { param: 'system', shape: 'text' },
            { param: 'messages', shape: 'messages' },
          ]
        : [{ param: 'body', shape: 'text' }],
  })),
};

// github.com/cohere-ai/cohere-go/v2: `co := client.NewClient(client.WithToken(key))`, then
// `co.Chat(ctx, &cohere.ChatRequest{Message: "...", Model: cohere.String("command-r"), MaxTokens: cohere.Int(300)})`,
// `co.ChatStream`, `co.Embed(ctx, &cohere.EmbedRequest{Texts: texts, Model: cohere.String("embed-english-v3.0")})`;
// the v2 API below `co.V2`.
export const cohereGo: SdkSpec = {
  id: 'cohere-go',
  displayName: 'Cohere (Go)',
  provider: 'cohere',
  python: [],
  js: [],
  go: {
    // Version segments (`/v2`) are not part of the path the imports are matched by.
    packages: ['github.com/cohere-ai/cohere-go'],
    constructors: ['client.NewClient'],
    types: ['client.Client'],
    valueHelpers: { String: { kind: 'arg' }, Int: { kind: 'arg' }, Float64: { kind: 'arg' } },
    paths: { chat: ['Chat', 'V2.Chat'], chat_stream: ['ChatStream', 'V2.ChatStream'], embed: ['Embed', 'V2.Embed'] },
    plainInts: true,
  },
  baseUrlOptions: [],
  deriveMethods: [],
  deriveProperties: [],
  operations: cohere.operations.map((op): OperationSpec =>
    op.cap ? { ...op, cap: { ...op.cap, noFix: true, advice: '`MaxTokens: cohere.Int(1024)` in the request' } } : op,
  ),
};

export const GO_COMMUNITY: readonly SdkSpec[] = [googleGenaiGo, generativeAiGo, bedrockGo, cohereGo];
