import { capSpelled, operation } from './define';
import type { CapSpec, OperationSpec, SdkSpec } from './types';

// Google Gen AI SDKs: google-genai (Python, `from google import genai`) and @google/genai (JS).
// The cap and the system prompt live in the request's config object:
// Python `config=types.GenerateContentConfig(max_output_tokens=...)` or a dict; JS `config: { maxOutputTokens }`.
const cap: CapSpec = capSpelled('config.max_output_tokens', 'config.maxOutputTokens');

const prompt: OperationSpec['prompt'] = [
  { param: 'config.system_instruction', shape: 'gemini-contents' },
  { param: 'config.systemInstruction', shape: 'gemini-contents' },
  { param: 'contents', shape: 'gemini-contents' },
];

/** A Gemini chat's send: generate_content with the chat's history, which grows every turn. Shared with google-legacy.ts. */
export function geminiChatOperation(o: Pick<OperationSpec, 'path' | 'jsPath' | 'streaming' | 'cap' | 'prompt' | 'positional'>): OperationSpec {
  return operation({ ...o, api: 'generate_content', notes: ['a chat sends its whole history with every message: later turns cost more than this one'] });
}

const chatMessage = (path: string, jsPath: string, streaming: boolean): OperationSpec =>
  geminiChatOperation({
    path,
    jsPath,
    streaming,
    cap,
    // Python send_message('...'); JS sendMessage({ message }).
    positional: [{ name: 'message', objectIsParams: true }],
    prompt: [...prompt.slice(0, 2), { param: 'history', shape: 'gemini-contents' }, { param: 'message', shape: 'gemini-contents' }],
  });

// `config.service_tier`: Flex and Priority inference (ai.google.dev gemini-api/docs/optimization), priced from the card.
const serviceTier = { tiers: { flex: 'flex', priority: 'priority', SERVICE_TIER_FLEX: 'flex', SERVICE_TIER_PRIORITY: 'priority' } };
const priceParams = [
  { param: 'config.service_tier', ...serviceTier },
  { param: 'config.serviceTier', ...serviceTier },
];

const generate = (path: string, jsPath: string, streaming: boolean): OperationSpec =>
  operation({ path, jsPath, api: 'generate_content', streaming, cap, prompt, priceParams });

export const google: SdkSpec = {
  id: 'google-genai',
  displayName: 'Google Gen AI',
  provider: 'google',
  python: [{ module: 'google.genai', classes: ['Client'] }],
  js: [{ module: '@google/genai', classes: ['GoogleGenAI'] }],
  baseUrlOptions: [],
  optionClasses: ['GenerateContentConfig', 'EmbedContentConfig', 'ThinkingConfig', 'GenerateImagesConfig', 'EditImageConfig'],
  modelIdPrefixes: ['models/'],
  deriveMethods: [],
  // client.aio.models.generate_content(...) is the async twin of client.models.generate_content(...)
  deriveProperties: ['aio'],
  // chat = client.chats.create(model=..., config=..., history=[...]): every send_message carries them.
  factories: [{ path: 'chats.create', produces: 'chat' }],
  operations: [
    chatMessage('chat.send_message', 'chat.sendMessage', false),
    chatMessage('chat.send_message_stream', 'chat.sendMessageStream', true),
    generate('models.generate_content', 'models.generateContent', false),
    generate('models.generate_content_stream', 'models.generateContentStream', true),
    operation({ path: 'models.embed_content', jsPath: 'models.embedContent', api: 'embeddings', prompt: [{ param: 'contents', shape: 'gemini-contents' }] }),
    operation({ path: 'models.count_tokens', jsPath: 'models.countTokens', api: 'count_tokens', billed: false, prompt }),
    // Imagen: `client.models.generate_images(model="imagen-4.0-generate-001", prompt=..., config=types.GenerateImagesConfig(number_of_images=4))`,
    // billed per image. The cards hold no Imagen prices yet (no source read): such a call says its model is not priced.
    ...[
      ['models.generate_images', 'models.generateImages'],
      ['models.edit_image', 'models.editImage'],
    ].map(([path, jsPath]) =>
      operation({
        path,
        jsPath,
        api: 'images',
        prompt: [{ param: 'prompt', shape: 'text' }],
        // https://ai.google.dev/gemini-api/docs/imagen: numberOfImages "from 1 to 4 (inclusive). The default is 4."
        images: { count: ['config.number_of_images', 'config.numberOfImages'], size: ['config.image_size', 'config.imageSize'], quality: [], defaultCount: 4 },
        // https://ai.google.dev/gemini-api/docs/imagen: these take Imagen models (`imagen-4.0-generate-001`,
        // `imagen-3.0-capability-001`); Gemini's image models are called with generate_content.
        models: { match: '^(models/)?imagen-', family: 'Imagen' },
      }),
    ),
  ],
};
