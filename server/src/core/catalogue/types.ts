// The shape of SDK knowledge. Each SDK is a data entry (see openai.ts, anthropic.ts):
// how clients are made, which calls send billed requests, where model, prompt and
// output cap live, and which cap parameter a fix inserts.

export type PromptShape =
  /** A string, or a list of content blocks with `text` (Anthropic system). */
  | 'text'
  /** A list of {role, content} messages; content is a string or a list of blocks. */
  | 'messages'
  /** Responses API input: a string or a list of messages. */
  | 'responses-input'
  /** Embeddings input: a string or a list of strings. */
  | 'embedding-input'
  /** Gemini contents: a string, or a list of strings, {role, parts: [{text}]} contents or parts. */
  | 'gemini-contents'
  /** LangChain input: a string, or a list of messages (`("system", "...")`, `{role, content}`, `SystemMessage(...)`). */
  | 'langchain-input'
  /** A list of inputs sent as separate requests (LangChain `batch`): not counted per call. */
  | 'batch-inputs'
  /** Tool / function definitions: their JSON (name, description, schema) is input the model reads. */
  | 'tools';

export interface PromptSpec {
  /** Parameter name, or a dotted path into an options object (`config.system_instruction`). */
  param: string;
  shape: PromptShape;
}

export interface CapSpec {
  /** Parameters that cap output, in order of preference; dotted paths reach into option objects. */
  params: string[];
  /** True when the API rejects a request without a cap (Anthropic's max_tokens). */
  required: boolean;
  /** Parameter the fix inserts. */
  insert: string;
  /** Inserted instead when the model's rate card says it still accepts max_tokens (OpenAI chat on gpt-4o / gpt-4.1). */
  insertWhenModelAcceptsMaxTokens?: string;
  /**
   * The cap the library sends when the call sets none (langchainrb's Anthropic class: 256 unless
   * `default_options` says otherwise): the call is capped at that, and the estimate says where it comes from.
   */
  default?: { value: number; expression: string };
  /** How the cap is set where it is not a request parameter the call writes (Prism's `->withMaxTokens(n)`): the finding says this instead of the parameter. */
  advice?: string;
  /** No fix inserts the cap: the method takes fixed keywords, and the cap lives elsewhere (langchainrb's Ollama: `options: {num_predict:}`). */
  noFix?: true;
  /**
   * The cap is not a parameter of the call at all but set where what it runs is configured (a Bedrock
   * agent's configuration): said in the estimate, and a missing one is not reported at the call.
   */
  elsewhere?: string;
  /** Inserted in JS/TS when that SDK spells it differently (`maxTokens`). */
  jsInsert?: string;
  /**
   * Cap parameters that depend on the SDK's major version, read from the nearest package.json
   * (AI SDK 4 `maxTokens`, 5 and later `maxOutputTokens`). Below `below`, `params`/`insert` are
   * these instead; at or above it, `params` above apply and these are ignored by the SDK.
   */
  byVersion?: { package: string; below: number; params: string[]; insert: string };
  /**
   * Where the cap depends on the model family (Bedrock InvokeModel bodies): the first entry
   * whose `contains` is in the model id picks the parameter the fix inserts and whether it is
   * required.
   */
  byModel?: { contains: string; insert: string; required?: boolean }[];
}

/**
 * A request parameter that changes the price (OpenAI's and Gemini's `service_tier`, Anthropic's
 * `speed`; a dotted path into an options object: `config.service_tier`). `tiers`: the values
 * that bill a rate card's service tier (`flex`, `priority`, `fast`), priced from the card;
 * `values`: what other values mean, said with the standard price.
 */
export interface PriceParam {
  param: string;
  tiers?: Record<string, string>;
  values?: Record<string, string>;
  /**
   * The SDKs' named constants for the values, as a pattern over the expression whose group is
   * the value in any case (Go's `openai.ChatCompletionNewParamsServiceTierFlex`, Java's
   * `ServiceTier.FLEX`, `anthropic.BetaMessageNewParamsSpeedFast`).
   */
  constants?: string;
  /** Values that keep the request's data in a region, billed at the model's `residencyMultiplier` (Anthropic `inference_geo: "us"`). */
  residency?: string[];
}

export interface OperationSpec {
  /** Method path below the client, as in Python (`chat.completions.create`). */
  path: string;
  /** The same path where the JS SDK names it differently (`messages.countTokens`). */
  jsPath?: string;
  /** API family, reported as `api` in the JSON. */
  api: string;
  /** False for calls that send no billed request (`messages.count_tokens`). */
  billed: boolean;
  /**
   * true: always streams; 'param': streams when `stream` is true; 'callback': when `stream` is set
   * to anything but false or nil (ruby-openai's `stream: proc { |chunk| ... }`); false: never.
   */
  streaming: boolean | 'param' | 'callback';
  /**
   * Parameters whose presence means the call reads output that already exists instead of
   * generating any (`responses.stream(response_id=...)` resumes a background response).
   */
  notBilledWith?: string[];
  /**
   * Request parameters that change the price in ways the estimate does not model, with what
   * each value does; a call that sets one gets an assumption saying so.
   */
  priceParams?: PriceParam[];
  /** 'batch' operations are priced at batch rates. */
  pricing: 'standard' | 'batch';
  /** The request parameters live in each item of this list param, under `item` (message batches). */
  requestsIn?: { list: string; item: string };
  /**
   * The requests are the lines of an uploaded JSONL file (OpenAI Batch: `batches.create(input_file_id=f.id)`
   * after `f = files.create(file=open("requests.jsonl", "rb"))`). `param` names the file id argument;
   * `urls` maps each line's `url` to the operation whose spec reads its `body`.
   */
  requestsFile?: { param: string; urls: Record<string, string> };
  /** null when the API returns no generated tokens (embeddings). */
  cap: CapSpec | null;
  prompt: PromptSpec[];
  /** Adds the OpenAI chat framing (3 tokens per message, 3 to prime the reply). */
  chatFraming: boolean;
  /**
   * Names of positional arguments, in order (`llm.invoke(input)`, `chat.send_message(message)`).
   * A `{ name, objectIsParams }` entry takes an object literal in that place as the request
   * parameters themselves (`model.generateContent({ contents })` or `generateContent('text')`).
   * Without it, JS calls take their first argument as the params object and Python reads keywords only.
   */
  positional?: (string | { name: string; objectIsParams: true })[];
  /**
   * Input tokens the provider adds when tools are present, by model (Anthropic's tool-use system
   * prompt): `auto` for tool_choice auto/none, `any` for any/tool.
   */
  toolOverhead?: { models: string[]; auto: number; any: number }[];
  /**
   * False when the call's arguments are not request parameters: the request was built by the
   * chain before it (Prism's `->asText()`), so nothing is read from or written into them.
   */
  takesParams?: false;
  /** Parameters naming the model for this operation, in order (langchainrb's `chat_model` from `default_options`); the SDK's `modelParams` when omitted. */
  modelParams?: string[];
  /**
   * The model a call that names none uses: the library's configuration (`expression`, as the
   * user would look it up) and its value when the application does not set it.
   */
  modelDefault?: {
    value: string;
    expression: string;
    /** The application sets it in its configuration (RubyLLM's `config.default_model`): the library's value is only assumed, and not judged. */
    configurable?: boolean;
    /** Another default when the request sets one of these parameters (or one to one of these values): the Images API's GPT image default. */
    unless?: { params: string[]; values?: Record<string, string[]>; value: string; expression: string };
  };
  /**
   * Image generation: priced per image from the card's table (`images`), by the parameters giving
   * the number of images, their size and their quality (the first of each that the call sets).
   */
  images?: { count: string[]; size: string[]; quality: string[]; defaultCount?: number };
  /**
   * The models this request takes, when not every model of the provider (Google's `generate_images`:
   * Imagen only): `match` is a pattern on the id as written. A default or a candidate of another
   * family cannot reach the call, so it is not assumed (a default) or not listed (a candidate).
   */
  models?: { match: string; family: string };
  /** Said on every call of this operation (an agent runs several model calls per invocation). */
  notes?: string[];
  /**
   * The positional or named argument holding a configured client whose parameters the call carries
   * (the Agents SDK's `Runner.run(agent, input)`: the agent's model, instructions and settings).
   */
  boundFrom?: string;
  /**
   * The client given in `boundFrom` (or `boundFromGlobal`) makes the request with its own SDK: an index
   * embeds with the embed model it is given, which may be a local one. Otherwise the call stays this SDK's.
   */
  boundSdk?: boolean;
  /**
   * Without the `boundFrom` argument, the client a library-level setting holds, which the app sets at
   * start-up (LlamaIndex's `Settings.embed_model`): the one assignment to it in this file, else in the
   * workspace (`ImportContext.assignment`).
   */
  boundFromGlobal?: string;
  /**
   * An agent run's bound on its model calls (`max_turns`): set statically, the worst case is that
   * many calls; unset, the library's default bound is said.
   */
  turns?: { params: string[]; default: number };
  /** The operation is a call of the client itself (DSPy's `lm("...")`); its `path` is ''. */
  callable?: true;
  /** The method takes no request parameters (CrewAI's `llm.call(messages)`): a cap fix edits where the client was made, or there is none. */
  capInBound?: true;
  /** Said when the call sets this parameter (`tools`: a call may run several model steps). */
  notesWhen?: { param: string; note: string }[];
}

/** A call on a client that returns another client carrying request parameters (`client.chats.create(model=...)`). */
export interface FactorySpec {
  /** Method path on the client, as in Python (`chats.create`, `start_chat`). */
  path: string;
  jsPath?: string;
  /** Path of the client it returns, below which its operations are listed (`chat`). */
  produces: string;
  positional?: OperationSpec['positional'];
  /** Only when this parameter is one of these strings (`boto3.client('bedrock-runtime')`). */
  when?: { param: string; equals: string[] };
  /**
   * The factory's parameters are request parameters of every call through the client it makes
   * (the default); false when they only select the service.
   */
  binds?: boolean;
}

/** Vercel AI SDK provider packages: functions that make model objects (`openai('gpt-4o')`). */
export interface ModelProviderSpec {
  module: string;
  /** The provider instances exported (`openai`), callable and with model methods (`.chat(...)`). */
  instances: string[];
  /** Functions that create a provider instance (`createOpenAI({ baseURL })`). */
  creators: string[];
  /** The prefix its model ids get (`openai/gpt-4o`), routed by the SDK's `modelPrefixes`. */
  prefix: string;
}

export interface JsPackage {
  module: string;
  /** Class exported as default (and as the CommonJS module value). */
  defaultExport?: string;
  /** Operations are functions exported by the module (`import { generateText } from 'ai'`). */
  moduleIsClient?: boolean;
  /** The default export is a ready client instance (`import ollama from 'ollama'`). */
  defaultIsClient?: boolean;
  /** Client classes exported by name. */
  classes: string[];
}

export interface PythonPackage {
  module: string;
  classes: string[];
  /** `import openai; openai.chat.completions.create(...)` uses a module-level client. */
  moduleIsClient?: boolean;
}

/**
 * How an SDK's request values are written in a typed language, for fixes: the class or struct
 * behind an API type (`TextBlockParam`), keyed by the API type name a rule's `Lit` carries.
 */
export interface LiteralSpec {
  /** The SDK's class or struct, as written (`TextBlockParam`; Go: `CacheControlEphemeralParam`). */
  name: string;
  /** What the file must import for it: a Java class, a C# namespace. */
  import?: string;
  /** Props the type implies (constant discriminators such as `type: "text"`): not written. */
  implied?: string[];
  /** Go: the SDK helper that makes it when no other prop is set (`NewCacheControlEphemeralParam()`; its zero value is omitted from the request). */
  helper?: string;
}

/** An SDK's idioms in one language, read by that language's writer (`writers/`) when a fix writes a value. */
export interface LanguageIdioms {
  /** Typed languages (Go, Java, C#): the classes behind API types, by API type name. Without one, no value of that type is written. */
  literals?: Record<string, LiteralSpec>;
  /** Java: builder methods that set a parameter to a list where the plain setter takes one value (`system` -> `systemOfTextBlockParams`). */
  listSetters?: Record<string, string>;
  /** PHP: how array keys and named arguments are spelled: the SDK's camelCase (Anthropic) or the API's snake_case (openai-php). */
  keys?: 'camel' | 'snake';
  /**
   * Parameters this SDK spells differently from the API's name in this language, by API name:
   * Ruby's `system_` (Kernel#system is taken), OpenAI .NET's `MaxOutputTokenCount` for every cap.
   */
  names?: Record<string, string>;
  /**
   * C#: the options class a new options argument is made of, by API (`chat.completions`), or by
   * `api@ClientClass` where it differs by client; an API without one gets no new options argument
   * (OpenAI .NET's `ResponsesClient` has no overload taking text and options).
   */
  optionsClasses?: Record<string, string>;
  /**
   * C#: by API, the element type of a `params` array of messages (`CompleteChat(params ChatMessage[])`):
   * messages passed one by one are gathered into `new ChatMessage[] { ... }` when an options
   * argument is added, since no overload takes both.
   */
  paramsArrays?: Record<string, string>;
  /** Go: the SDK's constructor of an optional int field (`Int`, as in `openai.Int(1024)`). */
  optionalInt?: string;
  /** Go: optional numbers are plain fields (go-openai's `MaxTokens: 1024`). */
  plainInts?: boolean;
}

/**
 * What an SDK helper function (or class, made with `new`) returns: its first argument's value
 * (`arg`: `openai.Int(n)`); a chat message of a role whose content is its one string argument,
 * else its arguments as a list (`message`; `single`: its first argument, whatever it is, as
 * .NET's `new UserChatMessage(text)`);
 * an object of fixed string props, with its first argument as `argProp` (`object`:
 * `anthropic.NewTextBlock(text)`).
 */
/**
 * `roles`: the role is the first argument, written as one of these constants' last segments
 * (langchaingo's `llms.TextParts(llms.ChatMessageTypeHuman, text)`), the content the rest.
 */
export type ValueHelper =
  | { kind: 'arg' }
  | { kind: 'message'; role: string; single?: boolean; roles?: Record<string, string> }
  | { kind: 'object'; props: Record<string, string>; argProp?: string };

/** A client of the SDK in another language: how it is made, and its method paths. */
export interface OtherLanguage extends LanguageIdioms {
  /** Packages or import paths that must be named for the file to use the SDK (`openai`, `github.com/openai/openai-go`). */
  packages: string[];
  /**
   * The request's parameters are the hash passed as this keyword argument (the ruby-openai gem's
   * `client.chat(parameters: {...})`). Where two SDKs make clients of the same class (ruby-openai's
   * and the official gem's `OpenAI::Client`), a call passing it is this SDK's, and a call without
   * it the other's.
   */
  paramsKeyword?: string;
  /** How a client is made: class constructors or factory functions, as written (`OpenAI::Client`, `NewClient`). */
  constructors: string[];
  /**
   * Methods on a client returning the same client, as this language spells them; a trailing `*`
   * matches any suffix (PHP's `OpenAI::factory()->withApiKey(...)->make()`). Without it, the SDK's
   * `deriveMethods`.
   */
  deriveMethods?: string[];
  /**
   * Static functions of a constructor class that return a client, as prefixes
   * (`Bedrock\Client::fromEnvironment()`, `::withCredentials(...)`).
   */
  staticFactories?: string[];
  /**
   * Constants that are a client themselves, as written after imports are resolved: module
   * functions and facades (`RubyLLM.chat`, `RubyLLM.embed`; Laravel's `OpenAI\Laravel\Facades\OpenAI::chat()`).
   */
  moduleClients?: string[];
  /**
   * Static methods of those that swap in a test double (Laravel facades' `OpenAI::fake([...])`,
   * `Prism::fake(...)`): a file calling one sends nothing through the facade.
   */
  fakes?: string[];
  /**
   * Methods of a client that make a client carrying request parameters, by method: the path its
   * operations are below (`RubyLLM.chat(model: "gpt-4o")` -> `chat`, then `chat.ask`; Prism's
   * `Prism::text()` -> `text`). Their keyword arguments are bound to every call through it, and
   * with `params` their positional ones by name (Semantic Kernel's `kernel.CreateFunctionFromPrompt(prompt, settings)`).
   * A key `path.method` is a method of a client below that path.
   */
  builders?: Record<string, string | { path: string; params: string[] }>;
  /**
   * Methods of such a client that set request parameters and return it, by method: the parameters
   * its positional arguments set, in order, or '**' for its keyword arguments (RubyLLM's
   * `with_model("gpt-4o")`, `with_params(max_tokens: 100)`; Prism's `using(Provider::OpenAI, "gpt-4o")`).
   */
  binders?: Record<string, string[] | '**'>;
  /**
   * A constructor keyword whose hash is bound to every call through the client (langchainrb's
   * `Langchain::LLM::OpenAI.new(default_options: {chat_model: "gpt-4o"})`).
   */
  boundKeyword?: string;
  /**
   * Go's functional options: `pkg.WithModel("gpt-4o")`, `llms.WithMaxTokens(100)` passed to a
   * constructor or a call of this package are its keyword arguments (`model`, `max_tokens`).
   */
  functionalOptions?: true;
  /**
   * Macros in a class body that make its instances clients below a path (RubyLLM's Rails
   * integration: `class Chat < ApplicationRecord; acts_as_chat; end`, then `self.with_schema(s).ask(q)`).
   */
  classMacros?: Record<string, string>;
  /**
   * Functions of the package that take a client as an argument (langchaingo's
   * `llms.GenerateFromSinglePrompt(ctx, llm, prompt)`, `embeddings.NewEmbedder(llm)`), by name as
   * called on the package or a subpackage (`embeddings.NewEmbedder`): the argument holding the
   * client, and the method path of that client's operation it calls (`path`) or of the client it
   * returns (`returns`).
   */
  clientFunctions?: Record<string, { arg: number; path?: string; returns?: string }>;
  /**
   * Classes that make a service whose every method is a call of the model given to it (LangChain4j's
   * `AiServices.create(Assistant.class, model)`, `AiServices.builder(Assistant.class).chatModel(model).build()`):
   * by the call (`AiServices.create`) or class made, the positional argument or the builder settings
   * holding the model. Its method calls are the model SDK's `service.*` operation.
   */
  services?: Record<string, { arg?: number; settings?: string[] }>;
  /**
   * Methods that turn another SDK's client into one of this SDK, keeping the model it is bound to
   * (Microsoft.Extensions.AI's `openAIClient.GetChatClient("gpt-4o").AsIChatClient()`).
   */
  adapters?: string[];
  /**
   * Where the application's settings name the model and the cap of calls that set none (Spring
   * Boot's `spring.ai.mistralai.chat.options.model`), by API: patterns over the dotted keys whose
   * group is the provider, read as a model prefix (`modelPrefixes`).
   */
  settings?: Record<string, { model: string[]; cap?: string[] }>;
  /** Declared types that are clients (`OpenAIClient client` in Java). */
  types?: string[];
  /**
   * Classes that are one resource of the API with the model bound at construction (.NET:
   * `new ChatClient(model: "gpt-4o", ...)`), by the resource path their calls go below.
   */
  resourceClasses?: Record<string, string>;
  /** Client methods returning such a resource for a model (`client.GetChatClient("gpt-4o")`). */
  resourceFactories?: Record<string, string>;
  /**
   * Resource classes and factories above whose clients are not bound to a model: their calls
   * take it as their first argument (.NET 2.8's `new ResponsesClient(key)`, then
   * `CreateResponse("gpt-5", "Say hi")`).
   */
  modelFirst?: string[];
  /** Positional constructor parameters of request classes, by class (`new CreateResponseOptions("gpt-5", items)`: `model`, `input`). */
  constructorParams?: Record<string, string[]>;
  /**
   * How the SDK spells model ids as constants: `pattern` is matched against a constant's path
   * below the SDK, dotted (`ChatModel.GPT_4O` below Ruby's `OpenAI`; `ChatModelGPT4o` in Go's
   * package), and its last segment spells the id (`modelFromConstant`); a fix may replace it by
   * a string. `root`: the namespace the path starts from, where the language names one (`OpenAI`);
   * `unqualified`: a constant written by its class's simple name matches too (Java's
   * `ChatModel.GPT_4_1` under a wildcard import).
   */
  modelConstants?: { root?: string; pattern: string; unqualified?: boolean };
  /**
   * SDK functions that build request values, by name as called on the SDK's package or one of
   * its subpackages (Go's `openai.Int(1024)`, `openai.UserMessage("...")`, `param.NewOpt(...)`),
   * or classes made with `new` (.NET's `new UserChatMessage(text)`).
   */
  valueHelpers?: Record<string, ValueHelper>;
  /** Method paths as this language writes them, by the catalogue's operation path (one or several). Paths not listed are the same. */
  paths?: Record<string, string | string[]>;
}

export interface SdkSpec {
  id: string;
  displayName: string;
  /** Rate card provider whose models this SDK calls. */
  provider: string;
  python: PythonPackage[];
  js: JsPackage[];
  /** Ruby (official gems), Go (official modules): see OtherLanguage. */
  ruby?: OtherLanguage;
  go?: OtherLanguage;
  java?: OtherLanguage;
  csharp?: OtherLanguage;
  php?: OtherLanguage;
  /** Client classes that call a cloud platform rather than the provider's own API. */
  platforms?: Record<string, 'bedrock' | 'vertex' | 'azure'>;
  /**
   * For SDKs that route by model string (`anthropic/claude-...`): provider prefix -> rate-card
   * provider; '*' looks the rest up in every card, 'local' prices $0, null means no card.
   * Without a known prefix the model id is looked up in every card.
   */
  modelPrefixes?: Record<string, string | null>;
  /** Client constructor options that point it at another server (`base_url`, `baseURL`). */
  baseUrlOptions: string[];
  /** Constructor options naming a cloud region (`AnthropicVertex(region=...)`): a regional endpoint may cost more than the global one. */
  regionOptions?: string[];
  /**
   * Its classes are base classes or interfaces a value is declared as (LangChain's `BaseChatModel`):
   * what the file's callers pass wins over the declared type, and the output cap is set where the
   * model is made, so a missing one here is not reported.
   */
  injected?: true;
  /** Runs models on the user's own machines: priced $0 and labelled local. */
  local?: boolean;
  /**
   * Model objects a framework takes in place of a model string (pydantic-ai's `OpenAIChatModel("gpt-4o")`, the
   * Agents SDK's `LitellmModel(model="anthropic/...")`), by class: the argument naming the model (a keyword,
   * else the first positional) and the prefix that routes it (`openai` gives `openai:gpt-4o` with `prefixSeparator`).
   */
  modelClasses?: Record<string, { param: string; prefix?: string }>;
  /** Model ids the SDK keeps in enum classes, by class and member (LlamaIndex's `OpenAIEmbeddingModelType.TEXT_EMBED_3_SMALL`). */
  modelEnums?: Record<string, Record<string, string>>;
  /** Python classes that are plain option bags, read like dicts (`types.GenerateContentConfig(...)`). */
  optionClasses?: string[];
  /** Prefixes of model ids that name the same model (`models/gemini-2.5-flash`). */
  modelIdPrefixes?: string[];
  /** Patterns whose first group is the model id a longer name names (a Bedrock model ARN). */
  modelIdPatterns?: string[];
  /** Parameters that name the model, in order of preference; `model` when omitted. */
  modelParams?: string[];
  /** Parameters naming the provider, read as a model prefix (`init_chat_model(..., model_provider='openai')`). */
  providerParams?: string[];
  /** Providers written as the SDK's constants: a pattern over the value's text whose group, lowercased, is the provider (Prism's `Provider::Anthropic`). */
  providerConstants?: string;
  /** Separator between provider prefix and model id (`/` by default; LangChain uses `openai:gpt-4o`). */
  prefixSeparator?: string;
  /**
   * Classes whose constructor arguments are request parameters of every call made through the
   * instance (LangChain chat models, `GenerativeModel`), with their positional arguments' names.
   */
  configuredClasses?: Record<string, { positional?: string[] }>;
  /** Calls that return a client carrying request parameters (`chats.create`, `getGenerativeModel`). */
  factories?: FactorySpec[];
  /**
   * LangChain runnables: `prompt | model`, `prompt.pipe(model)`, `RunnableSequence.from([...])`
   * make a chain whose invocation calls the model.
   */
  pipes?: boolean;
  /**
   * AWS SDK v3 style: `client.send(new ConverseCommand(input))`; the command class names the
   * operation and its argument holds the parameters.
   */
  commands?: { method: string; classes: Record<string, string> };
  /** Vercel AI SDK provider packages whose functions make model objects. */
  modelProviders?: ModelProviderSpec[];
  /** Test doubles: a call whose model is made by one of these classes sends no billed request. */
  mockModels?: { module: string; classes: string[] }[];
  /** Model ids that name a test double (pydantic-ai's `'test'`): a call with one sends no billed request. */
  mockModelIds?: string[];
  /** Methods on a client or resource that return the same kind of client (`with_options`). */
  deriveMethods: string[];
  /** Properties on a client or resource that return the same thing, modified (`with_raw_response`). */
  deriveProperties: string[];
  operations: OperationSpec[];
}
