import { operation } from './define';
import type { SdkSpec } from './types';

// Prompt template files: Prompty (`.prompty`, YAML front matter with model.configuration and
// model.parameters, a body with `system:` / `user:` markers) and Dotprompt (`.prompt`, Genkit:
// `model: googleai/gemini-...`, `config.maxOutputTokens`, `{{role "system"}}` markers). The file
// itself is the call site; `promptfile.ts` reads it into request parameters.
const messages = [{ param: 'messages', shape: 'messages' as const }];

export const prompty: SdkSpec = {
  id: 'prompty',
  displayName: 'Prompty',
  provider: 'openai',
  // `prompty.execute("x.prompty", inputs={...})` runs a file from Python (see python.ts).
  python: [{ module: 'prompty', classes: [] }],
  js: [],
  baseUrlOptions: [],
  deriveMethods: [],
  deriveProperties: [],
  operations: [
    operation({
      path: 'prompty.chat',
      api: 'chat.completions',
      cap: { params: ['max_tokens', 'max_completion_tokens'], required: false, insert: 'max_tokens' },
      prompt: messages,
      chatFraming: true,
    }),
    // Prompty 2's nested model form (`model: {id, options: {maxOutputTokens}}`): its options are camelCase.
    operation({
      path: 'prompty.chat',
      api: 'chat.completions',
      cap: { params: ['maxOutputTokens', 'maxTokens', 'max_tokens'], required: false, insert: 'maxOutputTokens' },
      prompt: messages,
      chatFraming: true,
    }),
  ],
};

export const dotprompt: SdkSpec = {
  id: 'dotprompt',
  displayName: 'Dotprompt',
  provider: 'genkit',
  python: [],
  js: [],
  baseUrlOptions: [],
  // Genkit model references: `googleai/gemini-2.5-flash`, `vertexai/...`, `openai/...`.
  modelPrefixes: { googleai: 'google', vertexai: 'google', openai: 'openai', anthropic: 'anthropic', ollama: 'local', 'vertexai-anthropic': 'anthropic' },
  deriveMethods: [],
  deriveProperties: [],
  operations: [
    operation({
      path: 'dotprompt.generate',
      api: 'generate',
      cap: { params: ['config.maxOutputTokens', 'config.max_output_tokens'], required: false, insert: 'config.maxOutputTokens' },
      prompt: messages,
    }),
  ],
};

/**
 * Code that loads prompt files by name. Genkit: `ai.prompt('greeting', { variant? })` on the
 * instance `genkit({ promptDir? })` (Python: `Genkit(prompt_dir=...)`, `ai.prompt('greeting',
 * variant=...)`) returns a function; calling it (or its `.stream`) with the input sends the request
 * `<promptDir>/greeting[.variant].prompt` describes (promptDir defaults to `prompts`, relative to
 * the project root). Per language: the packages the instance's factory is imported from, the
 * factory, and the names of its options and of the run's input.
 */
export const PROMPT_LOADERS = {
  genkit: {
    js: { packages: ['genkit', 'genkit/beta'], factory: 'genkit', promptDirOption: 'promptDir' },
    python: { packages: ['genkit'], factory: 'Genkit', promptDirOption: 'prompt_dir', variantOption: 'variant', inputOption: 'input' },
    method: 'prompt',
    promptDir: 'prompts',
    extension: '.prompt',
    whenMissing: 'a prompt defined in code (`ai.definePrompt({ name })`) is not followed',
  },
} as const;
