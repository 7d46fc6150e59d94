// Shared first pass for the tree-sitter front-ends of Ruby, Go, Java, C# and PHP: local
// variables per function scope (the latest assignment before a use wins), fields per class,
// file-level constants, struct members, loop context, and candidate calls. Each language says
// which node types are functions, loops, assignments and calls; resolution is the shared
// evaluator's (model/evaluate.ts), through `ModelFile`.
import type { Node } from 'web-tree-sitter';
import { Regions } from './regions';
import type { Span } from '../types';
import type { LoopCount, Param, ParameterOf } from '../model/ir';

export interface Assignment {
  /** `member`: declared for a member of that name whatever holds it (Go struct fields). */
  kind: 'local' | 'field' | 'constant' | 'member';
  name: string;
  value: Node;
  /** A parameter's default value (`model: "gpt-4o"`, `string $model = 'gpt-4o'`): what the value is unless a caller passes another. */
  default?: Node;
}

/**
 * A change made in place to what a local or field holds (a list, a hash, a string): an item
 * appended (`messages << m`, `$messages[] = $m`, `messages.Add(m)`, Go's `append(messages, m)`,
 * `prompt << "..."`), a list's items (or a string) appended (`concat`, `AddRange`, `+=`,
 * `append(messages, history...)`), or anything else (`other`: an item removed or set, the list
 * sorted), after which its value is not known.
 */
export interface Change {
  name: string;
  /** `field`: the instance's (`@messages`, `$this->messages`, `this.messages`). */
  space: 'local' | 'field';
  kind: 'append' | 'extend' | 'other' | 'set';
  /** What is appended: the item, or the list whose items are; what `set` sets. */
  arg?: Node;
  /**
   * The property changed, by the request's names (`params.MaxTokens = x`: `['max_tokens']`;
   * `$params['messages'][] = $m`: `['messages']`): set to `arg` (`set`), or no longer known.
   * Without one, the value itself changes.
   */
  path?: string[];
}

/** Methods that change their receiver in place, by what they do (`Change`). */
export interface Mutators {
  /** Each argument is appended (`push`, `Add`; with more than one argument where only one is taken: `other`). */
  append: readonly string[];
  /** Each argument's items are appended (`concat`, `AddRange`, `addAll`). */
  extend: readonly string[];
  other: ReadonlySet<string>;
  /** Whether `append` and `extend` take exactly one argument (Java's `add(i, x)` inserts). */
  single?: boolean;
}

/** What a method of that name does to its receiver, if it changes it. */
function mutatorKind(method: string, m: Mutators): 'append' | 'extend' | 'other' | null {
  return m.append.includes(method) ? 'append' : m.extend.includes(method) ? 'extend' : m.other.has(method) ? 'other' : null;
}

/** Whether a method of that name may change its receiver (checked before anything else of a call is read). */
export function isMutator(method: string, m: Mutators): boolean {
  return mutatorKind(method, m) !== null;
}

/** Text that may call one of these methods (`.Add(`, `.push`): where `changes` is worth asking, with `also` (other syntax). */
export function mutatorsIn(m: Mutators, also: string[] = []): RegExp {
  const names = [...m.append, ...m.extend, ...m.other].map((n) => n.replace(/[.*+?^${}()|[\]\\!]/g, '\\$&'));
  return new RegExp(`\\.(?:${names.join('|')})(?!\\w)${also.length ? `|${also.join('|')}` : ''}`);
}

/** The changes a call of `method` with `args` makes to what its receiver holds (`target`, when a local or field). */
export function methodChanges(target: { name: string; space: Change['space'] } | null, method: string, args: Node[], m: Mutators): Change[] {
  const kind = target ? mutatorKind(method, m) : null;
  if (!target || !kind) return [];
  if (kind === 'other' || (m.single && args.length !== 1)) return [{ ...target, kind: 'other' }];
  return args.map((arg) => ({ ...target, kind, arg }));
}

/** A change where it is made: in which function (or the file), and in which loop. */
export interface ChangeAt extends Change {
  at: Node;
  scope: number;
  /** The node type of the function it is made in (`LanguageShape.isolated`). */
  scopeType: string;
  loop: string | null;
  /** Made under a condition (`if`, `case`, `rescue`) that neither the value nor the read is under: it may not have run. */
  conditional?: boolean;
}

export interface LanguageShape {
  /** Node types `loop`, `assignments` and `callName` act on (the first pass asks for these, with functions and classes). */
  types: readonly string[];
  /** Node types that open a local scope (methods, functions, lambdas). */
  functions: ReadonlySet<string>;
  /** Node types that hold fields assigned in their methods (classes). */
  classes: ReadonlySet<string>;
  /** A loop node: its description, the children evaluated once (the iterable), and its count when the syntax gives one. */
  loop(node: Node): { label: string; once: Node[]; count?: LoopCount<Node> } | null;
  /** Assignments made by this node. */
  assignments(node: Node): Assignment[];
  /** The expressions a function returns (`return x`; Ruby's last expression; C#'s `=> x`), when the language says. */
  returned?: (fn: Node) => Node[];
  /** A function's parameters in order (`Param`), when the language says: a call of it fills them. */
  parameters?(fn: Node): Param<Node>[];
  /** Whether something between `at` and its function `fn` binds `name` again (Ruby's block parameters). */
  rebinds?(name: string, at: Node, fn: Node): boolean;
  /** A call without a receiver calls a function of the file, never a method of the class around it (PHP). */
  bareCallsAreFunctions?: boolean;
  /** The node types of calls, with a receiver or without (where `callsOf` looks for a function's callers). */
  callTypes?: ReadonlySet<string>;
  /** Whether a class is one part of a partial class (C#): its other parts may be in other files. */
  partial?(cls: Node): boolean;
  /** Methods a class declares that return a field (Ruby's `attr_reader :client`: `client` returns `@client`). */
  accessors?(cls: Node): { name: string; field: string }[];
  /** The method name when this node is a call worth resolving. */
  callName(node: Node): string | null;
  /** Changes this node makes in place to a local's or field's value (`Change`); `method`: what `callName` gave for it. */
  changes?: (node: Node, method: string | null) => Change[];
  /**
   * Node types the first pass asks for only when the file's text matches (Ruby's `binary` for
   * `<<`, PHP's function calls for `array_push`): common nodes that matter rarely, which would
   * cost every file their objects.
   */
  typesIf?: Record<string, RegExp>;
  /** `changes` is asked only when the file's text matches: most files change no list in place. */
  changesIf?: RegExp;
  /**
   * Node types whose body runs only sometimes (`if`, `case`, a ternary, a `catch` / `rescue`, not
   * a `finally` / `ensure`): a change made in place inside one that the value and the read are not
   * inside (or inside another of its branches) may not have been made.
   */
  conditionals?: ReadonlySet<string>;
  /**
   * The types the struct of the method around `self` embeds, when `self` is that method's receiver
   * (Go's `type Client struct{ *api.Client }`, then `c.Chat(...)` in `func (c *Client)`): the
   * receiver is an instance of each of them too.
   */
  embedded?(self: Node): Node[];
  /**
   * Of the values declared for members named so (`member`), those of the type `object` is, when it
   * is known (Go: `c.client` in a method of `*CohereProvider` is that struct's field): none known, all.
   */
  ownMembers?(object: Node, values: Node[]): Node[];
  /** Function node types that do not see the locals around them (Ruby's `def`, PHP's functions, which capture by value). */
  isolated?: ReadonlySet<string>;
  /**
   * The node types whose children are a call's arguments (`argument_list`; C#'s and PHP's
   * `argument`): a list passed to a function other than the read may be filled there.
   */
  argumentParents?: ReadonlySet<string>;
  /** The node types of a local's name where it is read (`identifier`; PHP's `variable_name`). */
  identifierTypes?: string[];
  /** Other files read a class's fields as `Class.NAME` (Java's static fields): they are exported so. */
  classFieldsExported?: boolean;
  /** Class methods are exported as `Class.method()` with what they return (Ruby's `def self.client`, called from other files as `Llm.client`). */
  classMethodsExported?: boolean;
}

export const spanOf = (n: Node): Span => ({ start: n.startIndex, end: n.endIndex });

type Range = { start: number; end: number };
const holds = (r: Range, start: number, end: number): boolean => start >= r.start && end <= r.end;

/** A character code of a name (`[\w$]`). */
const isWordCode = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36;

/** Where `name` stands in `text` as a whole word, from `from` to `to` (a match inside a longer name is not it). */
export function* wordsIn(text: string, name: string, from = 0, to = text.length): Generator<number> {
  for (let i = text.indexOf(name, from); i >= 0 && i + name.length <= to; i = text.indexOf(name, i + name.length)) {
    if (!isWordCode(text.charCodeAt(i - 1)) && !isWordCode(text.charCodeAt(i + name.length))) yield i;
  }
}

/** A function, class or the file: where locals, fields and call-site ids are found (see `around`). */
/** A local's assignment as the scope keeps it: the value, where it ends, the loop it is in, and a parameter's default. */
interface LocalEntry {
  value: Node;
  end: number;
  loop: string | null;
  default?: Node;
}

interface Region {
  node: Node;
  kind: 'file' | 'function' | 'class';
}

/**
 * The first pass asks tree-sitter for the nodes it acts on in one query (`descendantsOfType`)
 * rather than walking every node: a walk makes a JavaScript object for each of a tree's nodes,
 * and took longer than parsing. What each node is in (function, class, loop) comes from the
 * frames of those around it; what a position is in, later, from the regions.
 */
export class ScopedFile {
  /** The calls worth resolving, with the loop they run in and the counts of every loop around them in their function (undefined: not countable). */
  readonly candidates: { node: Node; loop: string | null; counts: (LoopCount<Node> | undefined)[] }[] = [];
  /** Per function (or the file) and name, its assignments' values in order, with where each ends and the loop it is in. */
  private readonly locals = new Map<number, Map<string, LocalEntry[]>>();
  /** Changes made in place, by the name changed, in document order. */
  private readonly changed = new Map<string, ChangeAt[]>();
  /** Where a name is passed as a call's argument, per function and name (`escapes`). */
  private readonly passed = new Map<string, number[]>();
  /** `callsOf`'s answers, per name. */
  private readonly callsCache = new Map<string, { calls: Node[]; complete: boolean }>();
  /** Where each function of the file is named before a `(` (`callsOf`), found on the first question. */
  private calledAt: Map<string, number[]> | undefined;
  /** Per function read by `parameter`: its parameters, name and parameter list's range. */
  private readonly signatures = new Map<number, { params: Param<Node>[]; name: string | undefined; list: Range | null }>();
  /** Where the functions' names are declared (`byName`): no call there. */
  private readonly definedAt = new Set<number>();
  private readonly fields = new Map<number, Map<string, Node[]>>();
  private readonly constants = new Map<string, Node[]>();
  /** Constants declared inside a class or module, per class (Ruby's `SYSTEM = ...` in `module Prompts`, PHP's `const`). */
  private readonly classConstants = new Map<number, Map<string, Node[]>>();
  private readonly members = new Map<string, Node[]>();
  /**
   * Functions and methods, per class (or the file: its root's id), and the classes. Their names,
   * partial parts and accessors are read only when a lookup needs them (`byName`, `partialParts`,
   * `accessorsOf`): most files never ask, and the first pass runs on every edit.
   */
  private readonly functionNodes = new Map<number, Node[]>();
  private readonly classNodes: Node[] = [];
  private functionIndex: Map<number, Map<string, Node[]>> | undefined;
  private partialIndex: Map<number, string> | undefined;
  private readonly accessorIndex = new Map<number, Map<string, string>>();
  private readonly regions = new Regions<Region>();
  private readonly shape: LanguageShape;

  constructor(
    readonly text: string,
    readonly root: Node,
    shape: LanguageShape,
    private readonly isCandidate: (name: string) => boolean,
  ) {
    this.shape = shape;
    this.regions.add(root.startIndex, root.endIndex, { node: root, kind: 'file' });
    type Frame = { end: number } & ({ kind: 'function' | 'class'; node: Node } | { kind: 'loop'; label: string; once: Range[]; count?: LoopCount<Node> });
    const frames: Frame[] = [];
    // Node types asked for only in a file whose text may hold what they are for (`LanguageShape.typesIf`).
    const extra = Object.entries(shape.typesIf ?? {}).flatMap(([type, re]) => (re.test(text) ? [type] : []));
    const changes = shape.changes && (!shape.changesIf || shape.changesIf.test(text)) ? shape.changes : undefined;
    for (const node of root.descendantsOfType([...shape.types, ...extra, ...shape.functions, ...shape.classes])) {
      // Some types are also keywords' names (Ruby's `while`, `for`).
      if (!node.isNamed) continue;
      const type = node.type;
      const start = node.startIndex;
      const end = node.endIndex;
      while (frames.length && frames[frames.length - 1].end <= start) frames.pop();
      let scope = root;
      let cls: Node | null = null;
      let loop: string | null = null;
      let counts: (LoopCount<Node> | undefined)[] = [];
      for (const f of frames) {
        // A function body runs when called, not per iteration of a loop around its definition.
        if (f.kind === 'function') [scope, loop, counts] = [f.node, null, []];
        else if (f.kind === 'class') [cls, loop, counts] = [f.node, null, []];
        else if (f.kind === 'loop' && !f.once.some((r) => holds(r, start, end))) {
          loop ??= f.label;
          counts.push(f.count);
        }
      }
      if (shape.functions.has(type) || shape.classes.has(type)) {
        const kind = shape.functions.has(type) ? 'function' : 'class';
        if (kind === 'class') this.classNodes.push(node);
        else if (shape.returned) {
          const owner = (cls ?? (scope === root ? root : null))?.id ?? -1;
          const list = this.functionNodes.get(owner);
          if (list) list.push(node);
          else this.functionNodes.set(owner, [node]);
        }
        frames.push({ kind, end, node });
        this.regions.add(start, end, { node, kind });
        continue;
      }
      for (const a of shape.assignments(node)) {
        if (a.kind === 'local') {
          let byName = this.locals.get(scope.id);
          if (!byName) this.locals.set(scope.id, (byName = new Map<string, LocalEntry[]>()));
          const entry = { value: a.value, end: a.value.endIndex, loop, default: a.default };
          const list = byName.get(a.name);
          if (list) list.push(entry);
          else byName.set(a.name, [entry]);
        } else if (a.kind === 'field' && cls) add(this.fields, cls.id, a.name, a.value);
        else if (a.kind === 'constant') {
          push(this.constants, a.name, a.value);
          if (cls) add(this.classConstants, cls.id, a.name, a.value);
        } else if (a.kind === 'member') push(this.members, a.name, a.value);
      }
      const name = shape.callName(node);
      if (name !== null && isCandidate(name)) this.candidates.push({ node, loop, counts });
      for (const c of changes?.(node, name) ?? []) {
        const list = this.changed.get(c.name);
        const at: ChangeAt = { ...c, at: node, scope: scope.id, scopeType: scope.type, loop };
        if (list) list.push(at);
        else this.changed.set(c.name, [at]);
      }
      const l = shape.loop(node);
      if (l)
        frames.push({
          kind: 'loop',
          end,
          label: `${l.label} at line ${node.startPosition.row + 1}`,
          once: l.once.map((n) => ({ start: n.startIndex, end: n.endIndex })),
          count: l.count,
        });
    }
  }

  /** The regions around `at` (itself included when it is a function or class), innermost first. */
  around(at: Node): Region[] {
    return this.regions.around(at.startIndex, at.endIndex);
  }

  /**
   * The value a local name has at `at`: the latest assignment before it in the enclosing scopes,
   * the loop it was assigned in, its default when a parameter, and the changes made in place to
   * it there (`Change`; one made in a nested function that sees it is `other`).
   */
  local(name: string, at: Node): { value: Node; reassigned: boolean; loop: string | null; changes?: ChangeAt[]; default?: Node } | undefined {
    for (const r of this.around(at)) {
      if (r.kind === 'class') continue;
      const list = this.locals.get(r.node.id)?.get(name);
      if (list?.length) {
        // The latest one ending before `at` (the list is in document order), else the first.
        const at0 = at.startIndex;
        let best = -1;
        for (let i = list.length - 1; i >= 0; i--) {
          if (list[i].end <= at0) {
            best = i;
            break;
          }
        }
        const entry = list[best >= 0 ? best : 0];
        const changed = this.changed.get(name);
        // A change in a nested function is to this local only where functions see their outer locals
        // (a closure, a block); a Ruby `def` or a PHP function has its own of that name.
        const isolated = this.shape.isolated;
        const changes = changed
          ?.filter(
            (c) =>
              c.space === 'local' &&
              c.at.startIndex >= r.node.startIndex &&
              c.at.endIndex <= r.node.endIndex &&
              (c.scope === r.node.id || !isolated?.has(c.scopeType)),
          )
          .map((c) => (c.scope !== r.node.id ? { ...c, kind: 'other' as const } : this.conditional(c.at, entry.value, at) ? { ...c, conditional: true } : c));
        return { value: entry.value, reassigned: list.length > 1, loop: entry.loop, changes, default: entry.default };
      }
    }
    return undefined;
  }

  /** The ancestors of the steps `conditional` was asked about, by node id, innermost (the step) first. */
  private readonly ancestors = new Map<number, { type: string; start: number; end: number }[]>();

  /** Whether `step` is inside a conditional (`LanguageShape.conditionals`) that neither `value` nor the read `use` is inside. */
  private conditional(step: Node, value: Node, use: Node): boolean {
    const types = this.shape.conditionals;
    if (!types) return false;
    type Span = { type: string; start: number; end: number };
    const holds = (n: Span, x: Node) => n.start <= x.startIndex && x.endIndex <= n.end;
    // The step's ancestors, once per step: tree-sitter's `parent` searches from the root, and each read of a changed local asks.
    let chain = this.ancestors.get(step.id);
    if (!chain) {
      chain = [{ type: step.type, start: step.startIndex, end: step.endIndex }];
      for (let n = step.parent; n; n = n.parent) chain.push({ type: n.type, start: n.startIndex, end: n.endIndex });
      this.ancestors.set(step.id, chain);
    }
    for (let i = 1; i < chain.length; i++) {
      const n = chain[i];
      if (holds(n, value)) return false;
      // The read under the same condition: certain there, unless it is in another branch (`if long ... else read`).
      if (holds(n, use)) return types.has(n.type) && !holds(chain[i - 1], use);
      if (types.has(n.type)) return true;
    }
    return false;
  }

  /**
   * Whether a local read at `at` is also passed as an argument of a call elsewhere in its
   * function (`fill(parts)`, `Collections.addAll(parts, x)`), where it may be changed. Found
   * lazily, once per function and name: only a list or hash read for a request asks.
   */
  escapes(name: string, at: Node): boolean {
    const parents = this.shape.argumentParents;
    if (!parents) return false;
    const region = this.around(at).find((r) => r.kind !== 'class');
    if (!region) return false;
    const key = `${region.node.id}:${name}`;
    let passed = this.passed.get(key);
    if (passed === undefined) {
      // Not a call the analysis reads itself: an SDK operation (`CompleteChat(messages)` twice),
      // or a change it follows (`append(messages, m)`, `array_push($messages, $m)`).
      const changes = this.changed.get(name) ?? [];
      const followed = (n: Node) => changes.some((c) => c.at.startIndex <= n.startIndex && n.endIndex <= c.at.endIndex);
      const operation = (n: Node) => {
        let call = n.parent?.parent ?? null;
        if (call && parents.has(n.parent!.type) && !this.shape.callName(call) && call.parent) call = call.parent;
        const method = call ? this.shape.callName(call) : null;
        return method !== null && this.isCandidate(method);
      };
      // The name's occurrences by the text (a function's identifiers as nodes would cost more than the read).
      passed = [];
      const types = this.shape.identifierTypes ?? ['identifier'];
      const { startIndex: from, endIndex: to } = region.node;
      for (const i of wordsIn(this.text, name, from, to)) {
        let n: Node | null = this.root.descendantForIndex(i, i + name.length);
        while (n && !types.includes(n.type) && n.parent && n.parent.startIndex === n.startIndex) n = n.parent;
        if (n && types.includes(n.type) && n.parent && parents.has(n.parent.type) && !followed(n) && !operation(n)) passed.push(n.startIndex);
      }
      this.passed.set(key, passed);
    }
    return passed.some((start) => start !== at.startIndex);
  }

  /** Whether a field of the class around `at` (or a name of it read without `this`) is changed in place in that class. */
  fieldChanged(name: string, at: Node): boolean {
    const list = this.changed.get(name);
    if (!list) return false;
    const cls = this.classAround(at);
    return list.some((c) => !cls || (c.at.startIndex >= cls.startIndex && c.at.endIndex <= cls.endIndex));
  }

  /** Values assigned to a field of the class enclosing `at` (`@client = ...`, `this.client = ...`). */
  field(name: string, at: Node): Node[] {
    const cls = this.around(at).find((r) => r.kind === 'class');
    return cls ? (this.fields.get(cls.node.id)?.get(name) ?? []) : [];
  }

  constant(name: string): Node[] {
    return this.constants.get(name) ?? [];
  }

  hasPartials(): boolean {
    return this.partialParts().size > 0;
  }

  partialClass(at: Node): string | undefined {
    const parts = this.partialParts();
    if (!parts.size) return undefined;
    const cls = this.classAround(at);
    return cls ? parts.get(cls.id) : undefined;
  }

  /** The fields of each partial class part in the file, and what its methods return, by the class's name. */
  partialMembers(): { name: string; fields: ReadonlyMap<string, Node[]>; returns: Map<string, Node[]> }[] {
    return [...this.partialParts()].map(([id, name]) => ({
      name,
      fields: this.fields.get(id) ?? new Map(),
      returns: new Map([...(this.byName().get(id) ?? [])].map(([method, fns]) => [method, this.returnedBy(fns)])),
    }));
  }

  /**
   * The file's named classes (by their last name: `Support` of `class Prompts::Support`) and the
   * values assigned to their fields and constants (`LanguageShape.classFieldsExported`).
   */
  classFields(): { name: string; fields: ReadonlyMap<string, Node[]> }[] {
    if (!this.shape.classFieldsExported) return [];
    return this.classNodes.flatMap((c) => {
      const name = c.childForFieldName('name')?.text.split(/::|\\/).at(-1);
      const fields = new Map([...(this.fields.get(c.id) ?? []), ...(this.classConstants.get(c.id) ?? [])]);
      return name && fields.size ? [{ name, fields }] : [];
    });
  }

  /** The file's named classes and what each of their methods returns (`LanguageShape.classMethodsExported`). */
  classMethods(): { name: string; returns: Map<string, Node[]> }[] {
    if (!this.shape.classMethodsExported) return [];
    const index = this.byName();
    return this.classNodes.flatMap((c) => {
      const name = c.childForFieldName('name')?.text.split(/::|\\/).at(-1);
      const returns = new Map([...(index.get(c.id) ?? [])].map(([m, fns]) => [m, this.returnedBy(fns)]));
      // `attr_reader :llm`: what is assigned to @llm.
      for (const [reader, field] of this.accessorsOf(c)) if (!returns.has(reader)) returns.set(reader, this.fields.get(c.id)?.get(field) ?? []);
      return name && returns.size ? [{ name, returns }] : [];
    });
  }

  classMethodReturns(cls: string, name: string): Node[] {
    return (
      this.classMethods()
        .find((c) => c.name === cls)
        ?.returns.get(name) ?? []
    );
  }

  returns(name: string, at: Node): Node[] {
    const cls = this.classAround(at);
    // attr_reader :client: what is assigned to @client.
    const field = cls && this.accessorsOf(cls).get(name);
    if (field) return this.fields.get(cls.id)?.get(field) ?? [];
    const index = this.byName();
    return this.returnedBy((cls && index.get(cls.id)?.get(name)) || index.get(this.root.id)?.get(name) || []);
  }

  callee(name: string, at: Node, onSelf = false): { fn: Node; returns: Node[]; params: Param<Node>[] } | undefined {
    if (!this.shape.parameters) return undefined;
    // A local of that name (Go's `prompt := func...`) is what a bare call calls.
    if (!onSelf) {
      const local = this.local(name, at);
      if (local && local.value.endIndex <= at.startIndex && (this.shape.functions.has(local.value.type) || local.reassigned)) return undefined;
    }
    // PHP's bare `prompt()` calls a function, never a method (that is `$this->prompt()`).
    const cls = onSelf || !this.shape.bareCallsAreFunctions ? this.classAround(at) : undefined;
    const index = this.byName();
    const fns = (cls && index.get(cls.id)?.get(name)) || index.get(this.root.id)?.get(name) || [];
    return fns.length === 1 ? { fn: fns[0], returns: this.returnedBy(fns), params: this.shape.parameters(fns[0]) } : undefined;
  }

  parameter(name: string, at: Node): ParameterOf<Node> | undefined {
    if (!this.shape.parameters) return undefined;
    for (const r of this.around(at)) {
      if (r.kind === 'class') continue;
      if (r.kind === 'file') return undefined;
      const assigned = this.locals.get(r.node.id)?.get(name) ?? [];
      let sig = this.signatures.get(r.node.id);
      if (!sig) {
        const list = r.node.childForFieldName('parameters');
        sig = {
          params: this.shape.parameters(r.node),
          name: r.node.childForFieldName('name')?.text,
          list: list && { start: list.startIndex, end: list.endIndex },
        };
        this.signatures.set(r.node.id, sig);
      }
      const { params, name: fnName, list } = sig;
      if (params.some((p) => p.name === name && !p.rest)) {
        // The parameter's own entry (a typed parameter's type) is no assignment; nor is any change
        // in place (`model += "-mini"`, `$model .= '-5'`), nor a block's parameter of that name
        // around the read (Ruby's `models.each do |model|`).
        const own = (v: Node) => !!list && holds(list, v.startIndex, v.endIndex);
        const changed = this.changed.get(name)?.some((c) => c.at.startIndex >= r.node.startIndex && c.at.endIndex <= r.node.endIndex);
        if (!fnName || changed || !assigned.every((a) => own(a.value)) || this.shape.rebinds?.(name, at, r.node)) return undefined;
        return { fn: r.node, name: fnName, params };
      }
      // A local of this function by that name, or a function that sees no outer locals: not an outer parameter.
      if (assigned.length || this.shape.isolated?.has(r.node.type)) return undefined;
    }
    return undefined;
  }

  callsOf(name: string): { calls: Node[]; complete: boolean } {
    if (!this.shape.callTypes) return { calls: [], complete: false };
    const cached = this.callsCache.get(name);
    if (cached) return cached;
    const result = this.findCalls(name);
    this.callsCache.set(name, result);
    return result;
  }

  private findCalls(name: string): { calls: Node[]; complete: boolean } {
    if (!this.calledAt) {
      // One pass over the text for every function of the file: the name before each `(`. (Ruby's
      // calls without parentheses are not found: their parameters are not read from callers.)
      this.calledAt = new Map();
      const names = new Set<string>();
      for (const byName of this.byName().values()) for (const n of byName.keys()) names.add(n);
      const text = this.text;
      for (let i = names.size ? text.indexOf('(') : -1; i >= 0; i = text.indexOf('(', i + 1)) {
        let end = i;
        while (end > 0 && text.charCodeAt(end - 1) === 32) end--;
        let start = end;
        while (start > 0 && isWordCode(text.charCodeAt(start - 1))) start--;
        const word = start < end ? text.slice(start, end) : '';
        if (names.has(word) && !this.definedAt.has(start)) push(this.calledAt, word, start);
      }
    }
    const found: Node[] = [];
    for (const i of this.calledAt.get(name) ?? []) {
      let n: Node | null = this.root.descendantForIndex(i, i + name.length);
      for (let k = 0; n && k < 4; k++, n = n.parent) {
        if (this.shape.callTypes?.has(n.type)) {
          found.push(n);
          break;
        }
      }
    }
    if (!found.length) return { calls: found, complete: false };
    // Complete when every other place the file writes the name is one of these calls (a call
    // without parentheses, `method(:ask)` or a callback reference make it incomplete).
    let words = 0;
    for (const i of wordsIn(this.text, name)) if (!this.definedAt.has(i)) words++;
    // A method defined again in another class (an override) is called through `super` too.
    let definitions = 0;
    for (const byName of this.byName().values()) definitions += byName.get(name)?.length ?? 0;
    return { calls: found, complete: words === found.length && definitions === 1 };
  }

  private classAround(at: Node): Node | undefined {
    return this.around(at).find((r) => r.kind === 'class')?.node;
  }

  /** The named functions and methods, per class (or the file) and name. */
  private byName(): Map<number, Map<string, Node[]>> {
    if (!this.functionIndex) {
      this.functionIndex = new Map();
      for (const [owner, fns] of this.functionNodes) {
        for (const fn of fns) {
          const name = fn.childForFieldName('name');
          if (!name) continue;
          add(this.functionIndex, owner, name.text, fn);
          this.definedAt.add(name.startIndex);
        }
      }
    }
    return this.functionIndex;
  }

  /** The classes of the file that are parts of a partial class (C#), by id, to their names. */
  private partialParts(): Map<number, string> {
    if (!this.partialIndex) {
      this.partialIndex = new Map();
      for (const c of this.shape.partial ? this.classNodes : []) {
        const name = this.shape.partial!(c) ? c.childForFieldName('name')?.text : undefined;
        if (name) this.partialIndex.set(c.id, name);
      }
    }
    return this.partialIndex;
  }

  /** A class's methods that return a field (`attr_reader`), by name, to the field's name. */
  private accessorsOf(cls: Node): Map<string, string> {
    let byName = this.accessorIndex.get(cls.id);
    if (!byName) this.accessorIndex.set(cls.id, (byName = new Map((this.shape.accessors?.(cls) ?? []).map((a) => [a.name, a.field]))));
    return byName;
  }

  private returnedBy(fns: Node[]): Node[] {
    const returned = this.shape.returned;
    return returned ? fns.flatMap((f) => returned(f)) : [];
  }

  /** The file-level constants and the members declared in it, by name: what other files of its scope may read. */
  declared(): { constants: ReadonlyMap<string, Node[]>; members: ReadonlyMap<string, Node[]> } {
    return { constants: this.constants, members: this.members };
  }

  /** The types the receiver `self`'s struct embeds (`LanguageShape.embedded`). */
  embedded(self: Node): Node[] {
    return this.shape.embedded?.(self) ?? [];
  }

  member(name: string, object?: Node): Node[] {
    const all = this.members.get(name) ?? [];
    return object && this.shape.ownMembers && all.length > 1 ? this.shape.ownMembers(object, all) : all;
  }
}

function add(map: Map<number, Map<string, Node[]>>, id: number, name: string, value: Node): void {
  let byName = map.get(id);
  if (!byName) map.set(id, (byName = new Map<string, Node[]>()));
  push(byName, name, value);
}

function push<T>(byName: Map<string, T[]>, name: string, value: T): void {
  const list = byName.get(name);
  if (list) list.push(value);
  else byName.set(name, [value]);
}

export { camel, pascal, snake } from '../writers/lit';

/**
 * A C-style `for (i = a; i < b; i++)` (or `<=`, `++i`, `i += 1`): its count, when the loop
 * counts `variable` (its name and initial value) up by one to a bound. Anything else: undefined.
 */
export function countedFor(variable: { name: string; value: Node } | undefined, condition: Node | null, update: Node | null): LoopCount<Node> | undefined {
  if (!variable || !condition || !update) return undefined;
  const left = condition.childForFieldName('left');
  const right = condition.childForFieldName('right');
  const op = condition.childForFieldName('operator')?.text ?? condition.children.find((c) => c && !c.isNamed && /^<=?$/.test(c.type))?.type;
  if (!left || !right || left.text !== variable.name || (op !== '<' && op !== '<=')) return undefined;
  const step = update.text.replace(/\s+/g, '');
  const n = variable.name;
  if (step !== `${n}++` && step !== `++${n}` && step !== `${n}+=1`) return undefined;
  return { from: variable.value, to: right, inclusive: op === '<=' };
}

/**
 * A Java or C# `for` whose initializer (the field `initField`) declares one variable
 * (`int i = 0`): what runs once, and its count (`countedFor`). Java names the declarator's value;
 * C# leaves it unnamed, after the name.
 */
export function declaredFor(node: Node, initField: string): { once: Node[]; count?: LoopCount<Node> } {
  const init = node.childrenForFieldName(initField).filter((n): n is Node => !!n);
  const declarators = init.length === 1 ? init[0].namedChildren.filter((c) => c?.type === 'variable_declarator') : [];
  const d = declarators.length === 1 ? declarators[0] : null;
  const name = d?.childForFieldName('name');
  const value = d?.childForFieldName('value') ?? (d && d.namedChildren.length === 2 ? d.namedChildren[1] : null);
  const variable = name && value ? { name: name.text, value } : undefined;
  return { once: init, count: countedFor(variable, node.childForFieldName('condition'), node.childForFieldName('update')) };
}

/**
 * The expressions a function's `type` statements return (`return x`), not those of the functions
 * and lambdas inside it; `value` picks the expression out of the statement.
 */
export function returnsOf(fn: Node, type: string, value: (statement: Node) => Node | null | undefined): Node[] {
  const out: Node[] = [];
  for (const r of fn.descendantsOfType(type)) {
    if (!r) continue;
    // The nearest function around the statement must be `fn` (a nested one returns for itself).
    let inner = false;
    for (let p = r.parent; p && p.id !== fn.id; p = p.parent) {
      // (Ruby's blocks are not: a `return` in one returns from the method.)
      if (/function|lambda|method|closure|func_literal|anonymous/.test(p.type)) {
        inner = true;
        break;
      }
    }
    const v = inner ? null : value(r);
    if (v) out.push(v);
  }
  return out;
}

/**
 * The nodes of `types` at the top of a file: `root`'s named children, and those of the containers
 * `into` opens (a C# or PHP namespace's body), up to the first node `ends` says comes after them
 * (Go's and Java's imports precede every declaration). Where imports are: a whole-tree query for
 * them walked every node of the file, a tenth of a per-edit analysis (Go's 5,000-line bench file).
 */
export function topLevel(root: Node, types: ReadonlySet<string>, opts: { into?: (n: Node) => Node | null; ends?: (n: Node) => boolean } = {}): Node[] {
  const out: Node[] = [];
  const visit = (parent: Node): boolean => {
    for (let i = 0, n = parent.namedChildCount; i < n; i++) {
      const c = parent.namedChild(i);
      if (!c) continue;
      const wanted = types.has(c.type);
      if (wanted) out.push(c);
      const body = opts.into?.(c);
      if (body && !visit(body)) return false;
      if (!wanted && !body && opts.ends?.(c)) return false;
    }
    return true;
  };
  visit(root);
  return out;
}
