import { anthropic } from './anthropic';
import { cohere } from './cohere';
import { bedrock } from './bedrock';
import { google } from './google';
import { googleLegacy } from './google-legacy';
import { goOpenai } from './go-openai';
import { GO_COMMUNITY } from './go-community';
import { LANGCHAINGO } from './langchaingo';
import { PROVIDER_SDKS } from './providers';
import { LANGCHAIN } from './langchain';
import { litellm } from './litellm';
import { ollama } from './ollama';
import { mistral } from './mistral';
import { openai } from './openai';
import { rubyAnthropic, rubyOpenai } from './ruby-openai';
import { rubyLlm } from './ruby-llm';
import { LANGCHAINRB } from './langchainrb';
import { anthropicPhp, geminiPhp, LLPHANT, prism } from './php-community';
import { azureOpenaiJava, googleGenaiJava, LANGCHAIN4J, springAi, springAiChatClient, theokanningOpenai } from './java-community';
import { azureOpenaiV1, meai, semanticKernel } from './csharp-community';
import { dotprompt, PROMPT_LOADERS, prompty } from './promptfiles';
import { FRAMEWORKS } from './frameworks';
export { CLIENT_WRAPPERS, type ClientWrapper } from './frameworks';
import { vercelAi } from './vercel-ai';
import type { OperationSpec, SdkSpec } from './types';

export type {
  CapSpec,
  FactorySpec,
  LanguageIdioms,
  LiteralSpec,
  ModelProviderSpec,
  OperationSpec,
  OtherLanguage,
  PromptShape,
  PromptSpec,
  SdkSpec,
  ValueHelper,
} from './types';
export { ENDPOINTS, endpointOf, type Endpoint } from './endpoints';

/** Every SDK costlint recognizes. Adding an SDK means adding an entry here (ARCHITECTURE.md). */
export const CATALOGUE: readonly SdkSpec[] = [
  openai,
  goOpenai,
  rubyOpenai,
  anthropic,
  rubyAnthropic,
  google,
  googleLegacy,
  mistral,
  cohere,
  litellm,
  ollama,
  vercelAi,
  bedrock,
  ...LANGCHAIN,
  rubyLlm,
  ...LANGCHAINRB,
  anthropicPhp,
  prism,
  geminiPhp,
  ...LLPHANT,
  theokanningOpenai,
  ...LANGCHAIN4J,
  springAi,
  springAiChatClient,
  azureOpenaiJava,
  googleGenaiJava,
  azureOpenaiV1,
  meai,
  semanticKernel,
  ...GO_COMMUNITY,
  ...LANGCHAINGO,
  ...PROVIDER_SDKS,
  ...FRAMEWORKS,
  prompty,
  dotprompt,
];

export { MESSAGE_CLASSES, MESSAGE_TEMPLATE_ROLES } from './langchain';
export { PROMPT_LOADERS } from './promptfiles';
export { RUNTIME, type RuntimeSpec } from './runtime';

export type Flavor = 'python' | 'js';

/** The parameters naming an operation's model, in order of preference. */
export function modelParamsOf(sdk: SdkSpec, op: OperationSpec): readonly string[] {
  return op.modelParams ?? sdk.modelParams ?? ['model'];
}

/** Finds the operation a method path (below the client, derive-properties removed) names. */
export function findOperation(sdk: SdkSpec, path: readonly string[], flavor: Flavor): OperationSpec | undefined {
  const joined = path.join('.');
  return sdk.operations.find((op) => (flavor === 'js' ? (op.jsPath ?? op.path) : op.path) === joined);
}

/** A model id an SDK keeps in an enum class (`SdkSpec.modelEnums`), for the class imported from one of its Python modules. */
export function modelEnumValue(module: string, cls: string, member: string): string | undefined {
  for (const sdk of CATALOGUE) {
    const id = sdk.modelEnums?.[cls]?.[member];
    if (id && sdk.python.some((p) => module === p.module || module.startsWith(`${p.module}.`))) return id;
  }
  return undefined;
}

/** The languages whose SDKs the catalogue describes with `OtherLanguage` entries. */
export const OTHER_FLAVORS = ['ruby', 'go', 'java', 'csharp', 'php'] as const;
export type OtherFlavor = (typeof OTHER_FLAVORS)[number];

/** Methods every object has (a service proxy answers them itself): never a service's model call. */
const OBJECT_METHODS: ReadonlySet<string> = new Set([
  'toString',
  'hashCode',
  'equals',
  'getClass',
  'notify',
  'notifyAll',
  'wait',
  'ToString',
  'GetHashCode',
  'Equals',
  'GetType',
]);

/** The operation a method path written in Ruby or Go names (`Chat.Completions.New`). */
export function findOperationIn(sdk: SdkSpec, lang: OtherFlavor, path: readonly string[]): OperationSpec | undefined {
  const spec = sdk[lang];
  if (!spec) return undefined;
  const joined = path.join('.');
  // `service.*`: any method of a service the SDK makes (LangChain4j's AI services).
  const wild = path.length > 1 && !OBJECT_METHODS.has(path[path.length - 1]) ? `${path.slice(0, -1).join('.')}.*` : undefined;
  return sdk.operations.find((op) => pathsIn(sdk, lang, op).includes(joined)) ?? (wild ? sdk.operations.find((op) => op.path === wild) : undefined);
}

function pathsIn(sdk: SdkSpec, lang: OtherFlavor, op: OperationSpec): string[] {
  const p = sdk[lang]?.paths?.[op.path] ?? op.path;
  return Array.isArray(p) ? p : [p];
}

/** Last segments of the method paths one SDK's calls are written with in a tree-sitter language (`CreateChatCompletion`, `GenerateContent`). */
export function operationNamesOf(sdk: SdkSpec, lang: OtherFlavor): string[] {
  return sdk[lang] ? sdk.operations.flatMap((op) => pathsIn(sdk, lang, op).map((p) => p.split('.').at(-1)!)).filter((n) => n !== '*') : [];
}

const METHOD_NAMES = new Map<OtherFlavor, ReadonlySet<string>>();
/** Last segments of the method paths SDK calls are written with in one of the tree-sitter languages (built once per language). */
export function methodNamesIn(lang: OtherFlavor): ReadonlySet<string> {
  let names = METHOD_NAMES.get(lang);
  if (!names) METHOD_NAMES.set(lang, (names = new Set(CATALOGUE.flatMap((sdk) => operationNamesOf(sdk, lang)))));
  return names;
}

/** SDKs Python and TypeScript code calls: those with a package there (not Ruby's RubyLLM or Java's Spring AI, whose `call` and `ask` are not Python's). */
const PY_JS_SDKS = CATALOGUE.filter((sdk) => sdk.python.length > 0 || sdk.js.length > 0 || !!sdk.modelProviders || !OTHER_FLAVORS.some((l) => sdk[l]));

/** Last path segments of Python's and TypeScript's operations: a call whose method name is not here is not inspected further. */
export const OPERATION_METHOD_NAMES: ReadonlySet<string> = new Set([
  // A call of the client itself (`callable`, path '') has no method name: its files are looked at whole (python/index.ts).
  ...PY_JS_SDKS.flatMap((sdk) =>
    sdk.operations.flatMap((op) => [op.path, op.jsPath ?? op.path].map((p) => p.split('.').at(-1)!)).filter((n) => n !== '*' && n !== ''),
  ),
  ...PY_JS_SDKS.flatMap((sdk) => (sdk.commands ? [sdk.commands.method] : [])),
]);

/**
 * Text every file using an SDK must contain, for the cheap prefilter: JS module names (a scoped
 * package by its scope, `@ai-sdk/`), Python modules by their first segment (`langchain` for
 * `langchain.chat_models.base`; for `google.*` the last, since `from google import genai` never
 * spells `google.genai`), and the packages other languages import. Names containing another
 * name are left out: the shorter one finds them.
 */
/** SDK modules named like common words: also the names of applications' own packages, which shadow them (`ImportContext.inWorkspace`). */
export const COMMON_WORD_MODULES: ReadonlySet<string> = new Set(['together', 'agents', 'perplexity', 'zai']);

export const SDK_MODULE_NAMES: readonly string[] = minimalNeedles(
  CATALOGUE.flatMap((sdk) => [
    ...sdk.python.flatMap((p) => {
      const parts = p.module.split('.');
      const name = parts[0] === 'google' ? parts.at(-1)! : parts[0];
      // A module named like a common word (`together`) is looked for as imported, not in every sentence.
      return COMMON_WORD_MODULES.has(name) ? [`import ${name}`, `from ${name}`] : [name];
    }),
    // A short JS module name (`ai`) is in every other word: require it quoted.
    ...sdk.js.map((p) => p.module).flatMap((m) => (m.length < 4 ? [`'${m}'`, `"${m}"`] : [m.startsWith('@') ? m.slice(0, m.indexOf('/') + 1) : m])),
    ...(sdk.modelProviders ?? []).map((p) => p.module).map((m) => (m.startsWith('@') ? m.slice(0, m.indexOf('/') + 1) : m)),
    ...(sdk.id === 'dotprompt' ? PROMPT_LOADERS.genkit.js.packages : []),
    // Ruby, Go, Java, C#, PHP: the package names their files import (`using OpenAI.Chat;`).
    ...OTHER_FLAVORS.flatMap((l) => sdk[l]?.packages ?? []),
  ]),
);

function minimalNeedles(names: string[]): string[] {
  const unique = [...new Set(names)];
  return unique.filter((n) => !unique.some((m) => m !== n && n.includes(m)));
}
