import { capSpelled, operation } from './define';
import { geminiChatOperation } from './google';
import type { CapSpec, OperationSpec, SdkSpec } from './types';

// The older Gemini SDKs, still common in real code: google-generativeai (Python,
// `genai.GenerativeModel('gemini-1.5-flash').generate_content(...)`), @google/generative-ai (JS,
// `genAI.getGenerativeModel({ model }).generateContent(...)`), and the Vertex AI SDKs of the same
// shape (`vertexai.generative_models.GenerativeModel`, @google-cloud/vertexai `VertexAI`).
// The model object carries model, system instruction and generation config for every call.
const cap: CapSpec = capSpelled('generation_config.max_output_tokens', 'generationConfig.maxOutputTokens');

const prompt: OperationSpec['prompt'] = [
  { param: 'system_instruction', shape: 'gemini-contents' },
  { param: 'systemInstruction', shape: 'gemini-contents' },
  { param: 'history', shape: 'gemini-contents' },
  { param: 'contents', shape: 'gemini-contents' },
];

// Python generate_content(contents); JS generateContent('text' | parts | { contents, generationConfig }).
const contents = [{ name: 'contents', objectIsParams: true as const }];

const generate = (path: string, jsPath: string, streaming: boolean | 'param'): OperationSpec =>
  operation({ path, jsPath, api: 'generate_content', streaming, cap, prompt, positional: contents });

const chat = (path: string, jsPath: string, streaming: boolean | 'param'): OperationSpec =>
  geminiChatOperation({ path, jsPath, streaming, cap, prompt, positional: contents });

export const googleLegacy: SdkSpec = {
  id: 'google-generativeai',
  displayName: 'Google Generative AI (legacy)',
  provider: 'google',
  python: [
    { module: 'google.generativeai', classes: ['GenerativeModel'] },
    { module: 'vertexai.generative_models', classes: ['GenerativeModel'] },
    { module: 'vertexai.preview.generative_models', classes: ['GenerativeModel'] },
  ],
  js: [
    { module: '@google/generative-ai', classes: ['GoogleGenerativeAI'] },
    { module: '@google-cloud/vertexai', classes: ['VertexAI'] },
  ],
  platforms: { VertexAI: 'vertex' },
  baseUrlOptions: [],
  optionClasses: ['GenerationConfig'],
  modelIdPrefixes: ['models/'],
  modelParams: ['model_name', 'model'],
  configuredClasses: { GenerativeModel: { positional: ['model_name'] } },
  factories: [
    // JS: genAI.getGenerativeModel({ model, generationConfig, systemInstruction })
    { path: 'get_generative_model', jsPath: 'getGenerativeModel', produces: 'model' },
    // vertexAI.preview.getGenerativeModel(...)
    { path: 'preview.get_generative_model', jsPath: 'preview.getGenerativeModel', produces: 'model' },
    { path: 'start_chat', jsPath: 'model.startChat', produces: 'chat' },
  ],
  deriveMethods: [],
  deriveProperties: [],
  operations: [
    // Python passes stream=True; JS has a streaming twin of each method. Entries that exist in one
    // language only repeat their path as jsPath.
    generate('generate_content', 'model.generateContent', 'param'),
    generate('generate_content_async', 'generate_content_async', 'param'),
    generate('model.generateContentStream', 'model.generateContentStream', true),
    chat('chat.send_message', 'chat.sendMessage', 'param'),
    chat('chat.send_message_async', 'chat.send_message_async', 'param'),
    chat('chat.sendMessageStream', 'chat.sendMessageStream', true),
    operation({ path: 'count_tokens', jsPath: 'model.countTokens', api: 'count_tokens', billed: false, prompt }),
  ],
};
