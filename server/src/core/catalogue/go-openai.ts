import { openai } from './openai';
import type { SdkSpec } from './types';

// github.com/sashabaranov/go-openai: the community Go client most Go applications call OpenAI
// (and OpenAI-compatible servers) with, imported as `openai` like the official SDK but a package
// of its own: `openai.NewClient(key).CreateChatCompletion(ctx, openai.ChatCompletionRequest{
// Model: openai.GPT4o, MaxTokens: 100, Messages: []openai.ChatCompletionMessage{{Role: ..., Content: ...}}})`.
// Its requests are the API's, its fields plain values (`MaxTokens: 1024`, not `openai.Int(1024)`).
export const goOpenai: SdkSpec = {
  id: 'go-openai',
  displayName: 'go-openai',
  provider: 'openai',
  python: [],
  js: [],
  go: {
    packages: ['github.com/sashabaranov/go-openai'],
    // openai.NewClientWithConfig(openai.DefaultConfig(key)), openai.DefaultAzureConfig(key, url) too.
    constructors: ['NewClient', 'NewClientWithConfig', 'NewOrgClient'],
    types: ['Client'],
    // openai.GPT4o, openai.GPT4oMini, openai.GPT3Dot5Turbo, openai.GPT4Dot1, openai.O3Mini.
    // openai.CreateImageModelDallE3, openai.CreateImageModelGptImage1.
    modelConstants: { pattern: '^(GPT|O\\d|ChatGPT|CreateImageModel)\\w*$' },
    paths: {
      'chat.completions.create': 'CreateChatCompletion',
      'chat.completions.stream': 'CreateChatCompletionStream',
      'embeddings.create': 'CreateEmbeddings',
      'completions.create': 'CreateCompletion',
      // openai.ImageRequest{Model: openai.CreateImageModelDallE3, Size: openai.CreateImageSize1024x1024, Quality: openai.CreateImageQualityHD, N: 1}.
      'images.generate': 'CreateImage',
      'images.edit': 'CreateEditImage',
    },
    plainInts: true,
  },
  baseUrlOptions: ['BaseURL'],
  deriveMethods: [],
  deriveProperties: [],
  operations: openai.operations.filter((op) =>
    ['chat.completions.create', 'chat.completions.stream', 'embeddings.create', 'completions.create', 'images.generate', 'images.edit'].includes(op.path),
  ),
};
