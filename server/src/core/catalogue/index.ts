import { anthropic } from './anthropic';
import { cohere } from './cohere';
import { bedrock } from './bedrock';
import { google } from './google';
import { googleLegacy } from './google-legacy';
import { LANGCHAIN } from './langchain';
import { litellm } from './litellm';
import { ollama } from './ollama';
import { mistral } from './mistral';
import { openai } from './openai';
import { dotprompt, PROMPT_LOADERS, prompty } from './promptfiles';
import { vercelAi } from './vercel-ai';
import type { OperationSpec, SdkSpec } from './types';

export type { CapSpec, FactorySpec, ModelProviderSpec, OperationSpec, OtherLanguage, PromptShape, PromptSpec, SdkSpec } from './types';
export { ENDPOINTS, endpointOf, type Endpoint } from './endpoints';

/** Every SDK costlint recognizes. Adding an SDK means adding an entry here (ARCHITECTURE.md). */
export const CATALOGUE: readonly SdkSpec[] = [openai, anthropic, google, googleLegacy, mistral, cohere, litellm, ollama, vercelAi, bedrock, ...LANGCHAIN, prompty, dotprompt];

export { MESSAGE_CLASSES } from './langchain';
export { PROMPT_LOADERS } from './promptfiles';

export type Flavor = 'python' | 'js';

/** Finds the operation a method path (below the client, derive-properties removed) names. */
export function findOperation(sdk: SdkSpec, path: readonly string[], flavor: Flavor): OperationSpec | undefined {
  const joined = path.join('.');
  return sdk.operations.find((op) => (flavor === 'js' ? (op.jsPath ?? op.path) : op.path) === joined);
}

export type OtherFlavor = 'ruby' | 'go' | 'java' | 'csharp' | 'php';

/** The operation a method path written in Ruby or Go names (`Chat.Completions.New`). */
export function findOperationIn(sdk: SdkSpec, lang: OtherFlavor, path: readonly string[]): OperationSpec | undefined {
  const spec = sdk[lang];
  if (!spec) return undefined;
  const joined = path.join('.');
  return sdk.operations.find((op) => pathsIn(sdk, lang, op).includes(joined));
}

function pathsIn(sdk: SdkSpec, lang: OtherFlavor, op: OperationSpec): string[] {
  const p = sdk[lang]?.paths?.[op.path] ?? op.path;
  return Array.isArray(p) ? p : [p];
}

/** Last segments of the method paths Ruby and Go SDK calls are written with. */
export const OTHER_METHOD_NAMES: ReadonlySet<string> = new Set(
  CATALOGUE.flatMap((sdk) =>
    (['ruby', 'go', 'java', 'csharp', 'php'] as const).flatMap((l) => (sdk[l] ? sdk.operations.flatMap((op) => pathsIn(sdk, l, op).map((p) => p.split('.').at(-1)!)) : [])),
  ),
);

/** Last path segments of every operation: a call whose method name is not here is not inspected further. */
export const OPERATION_METHOD_NAMES: ReadonlySet<string> = new Set([
  ...CATALOGUE.flatMap((sdk) => sdk.operations.flatMap((op) => [op.path, op.jsPath ?? op.path].map((p) => p.split('.').at(-1)!))),
  ...CATALOGUE.flatMap((sdk) => (sdk.commands ? [sdk.commands.method] : [])),
]);

/**
 * Text every file using an SDK must contain, for the cheap prefilter: JS module names, and the
 * last segment of Python module names (`from google import genai` never spells `google.genai`).
 */
export const SDK_MODULE_NAMES: readonly string[] = [
  ...new Set(
    CATALOGUE.flatMap((sdk) => [
      ...sdk.python.map((p) => p.module.split('.').at(-1)!),
      // A short JS module name (`ai`) is in every other word: require it quoted.
      ...sdk.js.flatMap((p) => (p.module.length < 4 ? [`'${p.module}'`, `"${p.module}"`] : [p.module])),
      ...(sdk.modelProviders ?? []).map((p) => p.module),
      ...(sdk.id === 'dotprompt' ? PROMPT_LOADERS.genkit.js : []),
      // Ruby, Go, Java, C#, PHP: the package names their files import (`using OpenAI.Chat;`).
      ...(['ruby', 'go', 'java', 'csharp', 'php'] as const).flatMap((l) => sdk[l]?.packages ?? []),
    ]),
  ),
];
