// The intermediate model: what a front-end says an expression is, in terms every language
// shares. A front-end lowers one syntax node at a time (`FrontEnd.lower`), children stay syntax
// nodes (`N`) until the evaluator asks for them, so only what resolution reaches is lowered.
// The evaluator (`evaluate.ts`) does the rest: names through the file's bindings, clients through
// the SDK catalogue, values, request parameters. A language's front-end knows its grammar and
// nothing about SDKs; the evaluator knows SDKs and nothing about grammars.
import type { OperationSpec, OtherFlavor } from '../catalogue';
import type { Span } from '../types';
import type { ObjVal, Val } from '../recognizers/values';
import type { Evaluator } from './evaluate';

/** Where an expression came from: its node (identity, cycles, edits; its span and text from the front-end). */
interface At<N> {
  node: N;
}

/** A piece of a string literal: text, an interpolated expression, or a part known to be dynamic. */
export type StrSeg<N> = { text: string } | { expr: N } | { hole: string };

/** An argument as written: positional, named (`model: "x"`, `model="x"`), or spread (`**opts`, `...$opts`). */
export type Arg<N> = { kind: 'pos'; value: N } | { kind: 'named'; name: string; value: N } | { kind: 'spread'; value: N };

/**
 * An item of a map literal (Ruby hash, PHP array, Python dict) or an object's initializer: an
 * entry with a static key, a spread (`**defaults`), or a value appended to the list at `append`
 * (Java's `.addUserMessage(text)`: a message of `role` made at `at`). `keyNode`: a key written as an
 * expression (Python's `{MODEL_KEY: ...}`), used when its value is a string known statically.
 */
export type MapItem<N> = { key: string; value: N } | { keyNode: N; value: N } | { spread: N } | { append: string; value: N; role?: string; at: N };

export type Expr<N> = At<N> &
  (
    | { k: 'str'; parts: StrSeg<N>[] }
    | { k: 'num'; value: number }
    | { k: 'bool'; value: boolean }
    | { k: 'null' }
    /**
     * A name read where it stands: a local (or parameter; without one, a file-level constant of
     * that name), a field of the enclosing class (`@client`, `this.client`), or a file-level constant.
     */
    | { k: 'name'; name: string; space: 'local' | 'field' | 'constant' }
    /**
     * A qualified constant or type name, as written (`OpenAI::ChatModel::GPT_4O`); `module`: the
     * module that declares its class, when another file of the project may (Java's `Prompts.SYSTEM`:
     * the class's full name, imported or of the same package), read through `ImportContext.exportOf`
     * as `Class.NAME`.
     */
    | { k: 'path'; segments: string[]; module?: string }
    /**
     * A method or function call. `object` is the receiver (null for a plain function call);
     * `argsNode` holds the arguments (a fix inserts there; `FrontEnd.args` lowers them, when asked:
     * most calls never are); `block`: a block or closure is passed.
     */
    | { k: 'call'; object: N | null; name: string; nameNode: N; argsNode: N | null; block: boolean }
    /**
     * An instance of a class made here, by the class's name as the catalogue spells it
     * (`OpenAI::Client.new`, `new Anthropic\Client(...)`); `module`: the imported module the name
     * is qualified by, when it is (Go's `openai.Client`); `init`: the properties it is made with
     * (Java's `X.builder().model(...).build()`, C#'s `new X { Model = ... }`), its value an object.
     */
    | {
        k: 'new';
        cls: string;
        module?: string;
        argsNode: N | null;
        init?: MapItem<N>[];
        clsNode?: N;
        /** An instance of the class around the expression (Ruby's bare `new(...)` in a class method). */ own?: boolean;
      }
    /** Some instance of a declared type: a typed parameter, property or field (`private Client $claude`, `client *openai.Client`). */
    | {
        k: 'typed';
        cls: string;
        module?: string;
        /** The value it is declared with (Java's `ChatModel m = OpenAiChatModel.builder()...build()`): what it holds, when known. */ init?: N;
      }
    /** An imported module or package, by its path with the front-end's separators (`github.com/openai/openai-go`). */
    | { k: 'module'; path: string }
    /** A name imported from another module of the project (Python's `from app.prompts import SYSTEM`), read through `ImportContext.exportOf`. */
    | { k: 'imported'; module: string; name: string }
    /** A static function of a class: `OpenAI::client($key)`, `Bedrock\Client::fromEnvironment()`. */
    | { k: 'static'; cls: string; name: string; nameNode: N; argsNode: N | null }
    /** A property or field read (`client.Chat`, `$client->messages`). */
    | { k: 'member'; object: N; name: string }
    | { k: 'list'; items: N[]; spreads: N[] }
    /** A map literal, its items in source order: later ones win, as at run time. Entries with computed keys are left out. */
    | { k: 'map'; items: MapItem<N>[] }
    | { k: 'binary'; op: string; left: N; right: N }
    /** A prefix operator (`-n`). */
    | { k: 'unary'; op: string; operand: N }
    /** One of several expressions, chosen at run time (`c ? a : b`). */
    | {
        k: 'choice';
        options: N[];
        /** Branches of a statement (Ruby's `case` / `if` as a value): a client only when every branch giving a value is one. */ strict?: boolean;
      }
    /**
     * Parentheses and the like: the inner expression's value, under the inner expression's span;
     * `ownUnknown`: an inner value not known is unknown as written here (`await loadPrompt()`).
     */
    | { k: 'group'; inner: N; ownUnknown?: boolean }
    /** A file's text, read when the program runs or builds (`import prompt from './system.md?raw'`), relative to the project's root or to this file. */
    | { k: 'fileText'; path: string; base: 'file' | 'root' }
    /** Anything the model has no shape for: unknown. */
    | { k: 'opaque' }
  );

export type ExprOf<N, K extends Expr<N>['k']> = Extract<Expr<N>, { k: K }>;

/**
 * One way a file binds a name, as far as finding the SDK symbol (module, client class, client) it
 * holds cares (`Bindings.decls`). Every binding is tried in order: a client may be assigned in one
 * branch and `None` in another, declared by its type and assigned in a constructor.
 */
export type Decl<N> =
  /** Assigned or initialized with an expression. */
  | { k: 'value'; value: N }
  /** An imported module (`import openai`, `import * as ai from 'ai'`). */
  | { k: 'module'; path: string }
  /**
   * A name imported from a module, an SDK's or the project's; `default`: its default export
   * (`import OpenAI from 'openai'`, `const OpenAI = require('openai')`); `commonJs`: through
   * `require`, whose value is the module's `module.exports` (its names are its properties).
   */
  | { k: 'imported'; module: string; name: string; commonJs?: boolean }
  /**
   * A parameter, property or field: its default or initializer, the class names its declared type
   * gives (`client: Optional[OpenAI]`), and, where the front-end follows them, what this file's
   * callers pass for it.
   */
  | { k: 'declared'; init?: N | null; types: N[]; callers?: () => N[] }
  /** What a property or getter returns. */
  | { k: 'returns'; returns: N[] }
  /** A property of another expression's value (`const { client } = deps`, `const { OpenAI } = require('openai')`). */
  | { k: 'member'; of: N; name: string };

/**
 * How many times a loop runs, as its syntax says (the evaluator reads the values: `Evaluator.count`):
 * once per item of `over` (a list or map literal, a list call such as `List.of(...)`, a constant
 * bound to one, or Go's `range 5`), `times` times (Ruby's `3.times`), or from `from` up to `to`
 * by one or by `step` (`for (i = 0; i < n; i++)`, Ruby's `(1..5).each`, `1.upto(5)`, Python's
 * `range(0, 10, 2)`, which counts down by a negative step; `upOnly`: a loop that only ends counting
 * up, as a C-style `for` whose condition is `i < n`).
 */
export type LoopCount<N> = { over: N } | { times: N } | { from: N; to: N; inclusive: boolean; step?: N; upOnly?: boolean };

/** A test a return is reached under (`FrontEnd.guardsOf`): `subject` is one of `values` (`negate`: none of them). */
export interface Test<N> {
  subject: N;
  values: N[];
  negate: boolean;
}

/** What a language gives the evaluator: how to lower its syntax, and the few spellings that differ. */
export interface FrontEnd<N> {
  /** The catalogue's key for this language (`ruby`, `go`, ..., `python`, `js`). */
  flavor: OtherFlavor | 'python' | 'js';
  /** One node, one level deep; children stay nodes. */
  lower(node: N): Expr<N>;
  /** A call's arguments, from the node that holds them. */
  args(argsNode: N): Arg<N>[];
  /** The body of a lambda without parameters (`lambda: OpenAI()`), where the language has them. */
  lambdaBody?(node: N): N | undefined;
  /** A subscript the front-end lowered as opaque (`MODELS[tier]`): the object indexed and the key. */
  subscript?(node: N): { object: N; key: N } | undefined;
  /**
   * The tests a function's return expression is reached under, inside its function: the `if` and
   * `elif` conditions around it, the earlier `if`s that return, a `switch`'s cases. Only comparisons
   * of one expression with literals (`p == "openai"`, `m in {A, B}`, `case 'openai':`); others are left out.
   */
  guardsOf?(ret: N): Test<N>[];
  /**
   * A lazy module proxy made by this call: an instance of a class of the file whose `__getattr__` imports a
   * module and forwards to it (`litellm = LazyLiteLLM()`): that module's path.
   */
  lazyModule?(call: N): string | undefined;
  /** The operator that joins strings (`+`, PHP's `.`). */
  concatOp: string;
  /** The operator that joins two lists into a new one, where the language has one (Ruby's `+`). */
  readonly listConcatOp?: string;
  /** The operator that repeats a string a number of times, where the language has one (Ruby's `"=" * 40`). */
  readonly repeatOp?: string;
  /** How a static function is named after its class in the catalogue's `constructors` (PHP's `OpenAI::client`). */
  staticSeparator: string;
  /** What separates a module path's segments (Go's `/`): a subpackage of an SDK's package is below it. */
  moduleSeparator: string;
  /**
   * The modules the file imports, where a language needs one named to use an SDK (Java's
   * `import com.openai...`, C#'s `using OpenAI.Chat;`): a file importing no SDK package has no
   * SDK calls (the SDKs' class names, `ChatClient`, are common words).
   */
  readonly requiredImports?: readonly string[];
  /**
   * The modules the file imports, where the language shares names between files without imports
   * (Go's package): only a file importing an SDK looks into the other files of its package.
   */
  readonly importedModules?: readonly string[];
  /**
   * Whether its bindings report every property set on an object after it is made (TypeScript's
   * `params.max_tokens = n`): then a property read of an object known statically (`CONFIG.model`)
   * is that property's value. Without it, such a read is not known (a later set may change it).
   */
  readonly propertyReads?: boolean;
  /** Whether empty strings, zero and empty lists are false (Python's `"" or "x"`); otherwise only nil, null and false are (Ruby). */
  readonly emptyIsFalse?: boolean;
  /** Whether an expression is the instance itself (`this`, `$this`, `self`): its methods are the class's. */
  isSelf?(node: N): boolean;
  /**
   * Ruby: the constant paths the superclass of the class around `at` may be (`class SummaryAgent <
   * BaseAgent` inside `module Ai; module Agents`: `Ai::Agents::BaseAgent`, `Ai::BaseAgent`, `BaseAgent`),
   * innermost first; undefined outside a subclass.
   */
  superclassOf?(at: N): string[] | undefined;
  /** Ruby: what the class around `at` passes its superclass's `initialize` as keyword `name` (`super(llm: x)`). */
  superKeyword?(at: N, name: string): N | undefined;
  /** Ruby: the macros the body of the class around `at` calls (`acts_as_chat`), for `OtherLanguage.classMacros`. */
  classMacros?(at: N): string[];
  /**
   * C#: for the declared type of a constructor's parameter (a primary constructor's: `class Tools(IEmbeddingGenerator<...> embedder)`),
   * what each `new Tools(...)` of the file passes it; undefined when it is no such parameter or the file makes none.
   */
  constructedWith?(type: N): N[] | undefined;
  /**
   * What the language's own runtime builds that the catalogue has no shape for yet, asked before
   * the evaluator's own reading of a call, member, `new` or an expression it has no shape for
   * (Python: prompt files read through `open` and `pathlib`, LangChain templates, `json.dumps`,
   * string methods; see python/values.ts and typescript/values.ts).
   */
  runtimeValue?(e: Expr<N>, ev: Evaluator<N>, depth: number): Val | undefined;
  /**
   * A call's arguments as a request's parameters (Python's keyword arguments, TypeScript's options
   * object), positional ones named as the SDK names them; undefined when there are none to read.
   */
  params?(argsNode: N | null, positional?: OperationSpec['positional']): ObjVal | undefined;
  /** A stable identity for a node (cycle detection, memoization). */
  id(node: N): number;
  span(node: N): Span;
  /** The node's source text (read only where a value or message needs it). */
  text(node: N): string;
}

/**
 * The bindings a first pass over a file recorded, by name: what a local holds where it is read,
 * the values assigned to a field of the enclosing class, the file's constants.
 */
/** A change made in place to a local's value (`scoped.ts` `Change`): where, in which loop, what is appended. */
export interface InPlace<N> {
  kind: 'append' | 'extend' | 'other' | 'set';
  /** The property changed (`scoped.ts` `Change.path`). */
  path?: string[];
  arg?: N;
  at: N;
  loop: string | null;
  /** Runs before the read wherever it is written (module code, before a function reading the name is called). */
  before?: boolean;
  /** Made under a condition (`if`): a string may or may not have it. */
  conditional?: boolean;
}

/**
 * A function's parameter, in order: `name` as its body reads it (PHP's `$q`), `key` as a named
 * argument spells it (`q:`); `keyword`: only passed by name (Ruby's `tone:`); `rest`: takes the
 * remaining positional arguments (`*args`, `...$rest`), so none after it is known by position.
 */
export interface Param<N> {
  name: string;
  key: string;
  keyword?: boolean;
  rest?: boolean;
  default?: N;
}

/** The function a parameter belongs to: its node, its name and its parameters (`Bindings.parameter`). */
export interface ParameterOf<N> {
  fn: N;
  name: string;
  params: Param<N>[];
}

export interface Bindings<N> {
  /**
   * A local's value where it is read, whether it is assigned more than once, the loop it is
   * assigned in, the changes made in place to it, and, for a parameter, its default value.
   * `decl`: the node whose span its strings name as their origin (default: the value's), or null for none.
   */
  local(name: string, at: N): { value: N; reassigned: boolean; loop?: string | null; changes?: InPlace<N>[]; default?: N; decl?: N | null } | undefined;
  /** Whether a field (or a name of the class read without `this`) is changed in place in the class around `at`. */
  fieldChanged?(name: string, at: N): boolean;
  /**
   * Whether nothing in the file changes in place what the local read at `at` holds (no `append`,
   * `push`, `+=`, item set): a loop over it runs once per item it was made with. Without it, a
   * loop over a local is not counted (code may fill a list after making it).
   */
  unchanged?(name: string, at: N): boolean;
  /** Whether a local read at `at` is passed as a call's argument elsewhere in its function, where it may be changed. */
  escapes?(name: string, at: N): boolean;
  field(name: string, at: N): N[];
  constant(name: string): N[];
  /** The types the struct of the method whose receiver `self` is embeds (Go): the receiver is each of them too. */
  embedded?(self: N): N[];
  /**
   * Values declared for a member of that name anywhere in the file (Go struct fields' types): those
   * of `object`'s type when it is known, else whatever holds it.
   */
  member(name: string, object?: N): N[];
  /**
   * What the function or method `name`, called from `at` without a receiver (or on the instance
   * itself), returns: the methods of the class around `at`, else the file's functions.
   */
  returns?(name: string, at: N): N[];
  /** What the method `name` of the file's class `cls` (its simple name) returns (Ruby's `Agora::LLMClient.client_for(cfg)` in the same file). */
  classMethodReturns?(cls: string, name: string): N[];
  /**
   * The one function or method `name` called from `at` without a receiver (or on the instance)
   * names, as `returns` finds it: what it returns and its parameters. Undefined when there is
   * none, or several (overloads).
   */
  callee?(name: string, at: N, onSelf?: boolean): { fn: N; returns: N[]; params: Param<N>[] } | undefined;
  /** The one function of the file a call on another object calls, where the front-end can tell (TypeScript's checker: `Prompts.build()`). */
  /** `returnTypes`: the declared return type's classes (`-> Agent`), an instance of which the call gives when no return resolves. */
  memberCallee?(call: N): { fn: N; returns: N[]; params: Param<N>[]; returnTypes?: N[] } | undefined;
  /**
   * The function whose parameter the local `name` read at `at` is, when nothing in the function
   * assigns it again: its name and parameters (its callers in the file say what it holds).
   */
  parameter?(name: string, at: N): ParameterOf<N> | undefined;
  /**
   * The calls where the file names the function `name` before a `(` (its callers are among them),
   * and whether they are every place the file names it (else a caller may be unseen).
   */
  callsOf?(name: string): { calls: N[]; complete: boolean };
  /**
   * What the calls of the function `p` pass for its parameter `name`, where the front-end
   * resolves its callers itself (Python: a method's calls on any instance, as `argsFromCallers`),
   * and whether they are all of them (none passes it through a spread or leaves it out, and the
   * file names the function nowhere else: `asyncio.to_thread(ask, ...)` calls it unseen).
   */
  callerArgs?(p: ParameterOf<N>, name: string): { args: N[]; complete: () => boolean };
  /**
   * Every way the file binds the name read at `at`, in the namespace the front-end lowered it to
   * (`local`, `field` for `self.x` / `this.x`), for finding the SDK symbol it holds (`Decl`).
   */
  decls?(name: string, at: N, space: ExprOf<N, 'name'>['space']): Decl<N>[];
  /**
   * The declarations a property read (`deps.llm`, `clients.openai`) names, where the front-end
   * knows them without its object's value (TypeScript's checker); for a call, its callee's
   * (`factories.anthropic(...)`).
   */
  memberDecls?(member: N): Decl<N>[];
  /** The name of the partial class around `at` (C#), whose other parts other files of its folder may hold. */
  partialClass?(at: N): string | undefined;
}
