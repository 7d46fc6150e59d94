// What the five tree-sitter front-ends (Ruby, Go, Java, C#, PHP) share past their first pass
// (scoped.ts): the front-end base class, `ModelFile` (a file resolved by the shared evaluator,
// model/evaluate.ts, into RawCalls with their edits) and the recognizer over one grammar.
import type { Node, Parser, Tree } from 'web-tree-sitter';
import { parseIncrementally } from '../reparse';
import type { Span } from '../types';
import { informative, numberVal, pushCall, TooManyCalls, type CallEdits, type ObjVal, type RawCall } from './values';
import { replaceValue } from './edits';
import type { Edit, Lit, WriteTarget } from '../writers/lit';
import type { LanguageWriter } from '../writers/writer';
import { CATALOGUE, methodNamesIn, OTHER_FLAVORS, type OperationSpec, type OtherFlavor } from '../catalogue';
import { Evaluator, type Client, type Operation } from '../model/evaluate';
import type { Arg, Expr, FrontEnd } from '../model/ir';
import { detachExport, type ImportContext, type ModuleExports } from '../workspace';
import { ScopedFile, spanOf, type LanguageShape } from './scoped';

/** The classes of `OtherLanguage.services` makers (`AiServices`): text a file making a service contains. */
const SERVICE_MAKERS: readonly string[] = [
  ...new Set(CATALOGUE.flatMap((sdk) => OTHER_FLAVORS.flatMap((l) => Object.keys(sdk[l]?.services ?? {}).map((k) => k.split('.')[0])))),
];

/**
 * What every tree-sitter front-end shares: nodes' identity, spans and text, and the lowering of
 * shapes the grammars spell alike (`left op right`, conditional branches, number literals).
 */
export abstract class TreeSitterFrontEnd implements FrontEnd<Node> {
  abstract readonly flavor: FrontEnd<Node>['flavor'];
  abstract readonly concatOp: string;
  abstract readonly staticSeparator: string;
  abstract readonly moduleSeparator: string;
  abstract lower(node: Node): Expr<Node>;
  abstract args(argList: Node): Arg<Node>[];

  id(node: Node): number {
    return node.id;
  }

  span(node: Node): Span {
    return spanOf(node);
  }

  text(node: Node): string {
    return node.text;
  }

  protected opaque(node: Node): Expr<Node> {
    return { node, k: 'opaque' };
  }

  /** A binary expression with the `left`, `operator` and `right` fields. */
  protected binary(node: Node): Expr<Node> {
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    const op = node.childForFieldName('operator')?.text;
    return left && right && op ? { node, k: 'binary', op, left, right } : this.opaque(node);
  }

  /** One of the branches in these fields, chosen at run time. */
  protected choice(node: Node, ...fields: string[]): Expr<Node> {
    return { node, k: 'choice', options: fields.map((f) => node.childForFieldName(f)).filter((n): n is Node => !!n) };
  }

  /** A number literal (digit separators and type suffixes dropped). */
  protected number(node: Node): Expr<Node> {
    const v = numberVal(node.text, spanOf(node));
    return v?.kind === 'num' ? { node, k: 'num', value: v.value } : this.opaque(node);
  }
}

/**
 * A tree-sitter file resolved by the shared evaluator (model/evaluate.ts): the first pass, the
 * calls it found, and the RawCall each becomes, with the edits a fix can make there. Its
 * front-end lowers syntax to the intermediate model and the evaluator finds clients, values and
 * operations; a subclass reads the request's parameters (`toRawCall`) and writes fixes.
 */
export abstract class ModelFile {
  protected readonly file: ScopedFile;
  protected readonly ev: Evaluator<Node>;
  /** False when the front-end requires an SDK import and the file has none: then nothing here is an SDK call. */
  private readonly usesSdk: boolean;

  constructor(
    protected readonly text: string,
    root: Node,
    shape: LanguageShape,
    front: FrontEnd<Node>,
    ctx?: ImportContext,
  ) {
    // A file that makes an AI service (LangChain4j's `AiServices`) calls it by the interface's own method names: every call is a candidate.
    const services = SERVICE_MAKERS.some((m) => text.includes(m));
    // A language's candidates: Java's `call` is not Ruby's.
    const names = methodNamesIn(front.flavor as OtherFlavor);
    this.file = new ScopedFile(text, root, shape, (name) => services || names.has(name));
    // Names of the other files of a package are looked up only by a file importing an SDK: a
    // package's other files are parsed for them, which a file without SDK calls need not pay for.
    const sdkImported = (modules: readonly string[]) => modules.some((m) => Evaluator.moduleSdkOf(front, m) !== undefined);
    const scope = ctx && front.importedModules && !sdkImported(front.importedModules) ? { ...ctx, sibling: undefined } : ctx;
    // C#'s `global using Azure.AI.OpenAI;` in another file of the project counts as this file's.
    const imports = !front.requiredImports || sdkImported(front.requiredImports) || sdkImported(ctx?.globalImports?.() ?? []);
    // A file importing no SDK namespace still calls the clients other parts of its partial classes
    // hold (C#): then only those count, never a class it names itself (`ChatClient` is a common name).
    const partsOnly = !imports && !!scope?.sibling && this.file.hasPartials();
    this.ev = new Evaluator(front, this.file, scope, !partsOnly);
    this.usesSdk = imports || partsOnly;
  }

  run(maxCalls = Number.POSITIVE_INFINITY): RawCall[] {
    const out: RawCall[] = [];
    if (!this.usesSdk) return out;
    for (const c of this.file.candidates) {
      const call = this.toRawCall(c.node, c.loop);
      if (call) pushCall(out, { ...call, scope: this.scopeName(c.node), ...(call.loop ? { iterations: this.ev.iterations(c.counts) } : {}) }, maxCalls);
    }
    return out;
  }

  /**
   * What files sharing this one's scope see of it (Go's package): the clients its package-level
   * variables and struct fields hold (a field as `.name`), and its constants' values.
   */
  exports(): ModuleExports {
    const out: ModuleExports = new Map();
    const { constants, members } = this.file.declared();
    for (const [name, nodes] of members) {
      const client = this.firstClient(nodes);
      if (client) out.set(`.${name}`, detachExport({ client }));
    }
    // The parts of partial classes (C#): `Class.field`, and `Class.method()` for what a method returns.
    for (const part of this.file.partialMembers()) {
      for (const [name, nodes] of part.fields) {
        const client = this.firstClient(nodes);
        if (client) out.set(`${part.name}.${name}`, detachExport({ client }));
      }
      for (const [name, returned] of part.returns) {
        const client = this.firstClient(returned);
        if (client) out.set(`${part.name}.${name}()`, detachExport({ client }));
      }
    }
    // A class's fields, as other files name them (Java's `Prompts.SYSTEM`): a client, or a value assigned once.
    for (const cls of this.file.classFields()) {
      for (const [name, nodes] of cls.fields) this.exportValue(out, `${cls.name}.${name}`, nodes);
    }
    // Class methods returning a client (Ruby's `def self.context = new.context`): `Class.method()`; what an
    // instance's method or reader returns, for subclasses in other files: `Class#method`.
    for (const cls of this.file.classMethods()) {
      for (const [name, returned] of cls.returns) {
        const client = this.firstClient(returned);
        if (client) {
          out.set(`${cls.name}.${name}()`, detachExport({ client }));
          out.set(`${cls.name}#${name}`, detachExport({ client }));
        }
      }
    }
    for (const [name, nodes] of constants) this.exportValue(out, name, nodes);
    return out;
  }

  /** Exports `name`: the client one of `nodes` holds, else the value of the one node, when it is known. */
  private exportValue(out: ModuleExports, name: string, nodes: Node[]): void {
    const client = this.firstClient(nodes);
    if (client) out.set(name, detachExport({ client }));
    else if (nodes.length === 1) {
      const val = this.ev.val(nodes[0]);
      if (informative(val)) out.set(name, detachExport({ val }));
    }
  }

  private firstClient(nodes: Node[]): Client | undefined {
    for (const n of nodes) {
      const c = this.ev.client(n);
      if (c) return c;
    }
    return undefined;
  }

  /** The named functions and classes around `node` (the grammar's `name` field), outermost first, dotted. */
  private scopeName(node: Node): string {
    const names: string[] = [];
    for (const r of this.file.around(node)) {
      if (r.kind === 'file' || r.node.id === node.id) continue;
      const name = r.node.childForFieldName('name')?.text;
      if (name) names.unshift(name);
    }
    return names.join('.');
  }

  protected abstract toRawCall(node: Node, loop: string | null): RawCall | undefined;
  /** The file's writer, made on the first fix that needs it. */
  protected abstract makeWriter(): LanguageWriter;
  private writerCache: LanguageWriter | undefined;
  protected get writer(): LanguageWriter {
    return (this.writerCache ??= this.makeWriter());
  }
  /** Sets parameter `name` (the API's name) of an object this recognizer read: see `CallEdits.set`. */
  protected abstract setParam(obj: ObjVal, name: string, value: Lit, target: WriteTarget, opts: { required?: boolean }): Edit[] | null;
  /** Renames parameter `name` of such an object (`CallEdits.rename`); null where the language has no such edit. */
  protected abstract renameParam(obj: ObjVal, name: string, newName: string, target: WriteTarget): Edit[] | null;

  /** A call's RawCall; its fixes are written for `target` (the SDK's idioms in this language). */
  protected rawCall(
    c: Pick<RawCall, 'sdk' | 'op' | 'clientClass' | 'span' | 'nameSpan' | 'args' | 'loop'> & {
      endpoint?: RawCall['endpoint'];
      bound?: RawCall['bound'];
      others?: string[];
    },
    target: WriteTarget,
  ): RawCall {
    const edits: CallEdits = {
      set: (obj, name, value, opts) => this.setParam(obj, name, value, target, opts ?? {}),
      rename: (obj, name, newName) => this.renameParam(obj, name, newName, target),
      replace: (v, value) => replaceValue(this.text, this.writer, v, value),
    };
    // Prism's `->asText()`, Spring AI's `.call()`: the request is what the chain before it set, not these arguments.
    const args: ObjVal = c.op.takesParams === false ? { kind: 'obj', props: new Map(), open: [], node: null, span: c.span, text: '' } : c.args;
    const { others, ...call } = c;
    // A client made by different SDKs in different places: the first is shown, the others said.
    const notes = others?.length
      ? [`the client is made in several places, by different SDKs: shown as ${c.sdk.displayName}; it may be ${others.join(', ')}, chosen at run time`]
      : undefined;
    return { endpoint: null, bound: null, ...call, args, flavor: 'python', piped: null, edits, ...(notes ? { notes } : {}) };
  }

  /**
   * `rawCall` of the operation the evaluator found at `node` (`Evaluator.operation`): the client's
   * SDK, class, bound parameters and other SDKs, with what a language reads otherwise in `overrides`.
   */
  protected operationCall(
    found: Operation<Node>,
    node: Node,
    args: ObjVal,
    loop: string | null,
    target: WriteTarget,
    overrides: Partial<Pick<RawCall, 'clientClass' | 'endpoint' | 'bound'>> = {},
  ): RawCall {
    const { client, op, call } = found;
    const c = { sdk: client.sdk, op, clientClass: client.cls, span: spanOf(node), nameSpan: spanOf(call.nameNode), args, loop, bound: client.bound ?? null };
    return this.rawCall({ ...c, others: client.others, ...overrides }, target);
  }

  /**
   * `args` with the call's positional arguments under the names the operation gives them
   * (RubyLLM's `chat.ask("question")`, LangChain4j's `model.chat("Hello")`); a `{ name,
   * objectIsParams }` place takes an object as the request itself (Spring AI's `call(new
   * Prompt(messages, options))`), a message in it as the message. The method takes no request
   * parameters, so nothing is written into its arguments.
   */
  protected withPositional(op: OperationSpec, call: { argsNode: Node | null }, args: ObjVal): ObjVal {
    if (!op.positional?.length) return args;
    const props = new Map(args.props);
    const open = [...args.open];
    const pos = this.ev.args(call).filter((a) => a.kind === 'pos');
    op.positional.forEach((p, i) => {
      if (!pos[i]) return;
      const v = this.ev.val(pos[i].value);
      if (typeof p !== 'string' && v.kind === 'obj' && !v.props.has('role')) {
        for (const [k, x] of v.props) props.set(k, x);
        open.push(...v.open);
      } else props.set(typeof p === 'string' ? p : p.name, v);
    });
    return { ...args, props, open, node: null };
  }

  /** The written value of `lit` with the imports it needs, or null. */
  protected written(lit: Lit, target: WriteTarget, quote?: string): { text: string; imports: Edit[] } | null {
    const imports = new Set<string>();
    const text = this.writer.value(lit, { target, imports, quote });
    return text === null ? null : { text, imports: this.writer.importEdits(imports) };
  }
}

/**
 * A recognizer over one grammar: parses (incrementally with the document's previous tree), runs the
 * file's analysis, and returns the tree for the caller to keep or delete.
 */
export function treeSitterRecognizer(
  parser: Parser,
  make: (text: string, root: Node, ctx?: ImportContext) => { run(maxCalls?: number): RawCall[]; exports(): ModuleExports },
): TreeSitterRecognizer {
  return {
    exports(text, ctx) {
      const tree = parser.parse(text);
      if (!tree) return new Map();
      try {
        return make(text, tree.rootNode, ctx).exports();
      } finally {
        tree.delete();
      }
    },
    recognize(text, previous, maxCalls, ctx) {
      const tree = parseIncrementally(parser, text, previous);
      if (!tree) return { calls: [], tree: null };
      try {
        return { calls: make(text, tree.rootNode, ctx).run(maxCalls), tree };
      } catch (e) {
        // Too many calls: the tree is still good for the next edit's parse.
        if (e instanceof TooManyCalls) return { calls: [], tree, tooMany: e.limit };
        tree.delete();
        throw e;
      }
    },
  };
}

export interface TreeSitterRecognizer {
  /** `ctx`: the host's reads (prompt files) for a file inside a workspace. */
  recognize(
    text: string,
    previous?: { text: string; tree: Tree },
    maxCalls?: number,
    ctx?: ImportContext,
  ): { calls: RawCall[]; tree: Tree | null; tooMany?: number };
  /** What other files of its scope see of this file (`ModelFile.exports`). */
  exports(text: string, ctx?: ImportContext): ModuleExports;
}
