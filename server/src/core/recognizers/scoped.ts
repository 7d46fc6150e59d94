// Shared first pass for the tree-sitter recognizers of Ruby, Go, Java, C# and PHP: local
// variables per function scope (the latest assignment before a use wins), fields per class,
// file-level constants, loop context, and candidate calls. Each language says which node
// types are functions, loops, assignments and calls; resolution lives in its own file.
import type { Node } from 'web-tree-sitter';
import type { Span } from '../types';

export interface Assignment {
  kind: 'local' | 'field' | 'constant';
  name: string;
  value: Node;
}

export interface LanguageShape {
  /** Node types that open a local scope (methods, functions, lambdas). */
  functions: ReadonlySet<string>;
  /** Node types that hold fields assigned in their methods (classes). */
  classes: ReadonlySet<string>;
  /** A loop node: its description, and the children evaluated once (the iterable). */
  loop(node: Node): { label: string; once: Node[] } | null;
  /** Assignments made by this node. */
  assignments(node: Node): Assignment[];
  /** The method name when this node is a call worth resolving. */
  callName(node: Node): string | null;
}

export const spanOf = (n: Node): Span => ({ start: n.startIndex, end: n.endIndex });

export class ScopedFile {
  readonly candidates: { node: Node; loop: string | null }[] = [];
  private readonly locals = new Map<number, Map<string, Node[]>>();
  private readonly fields = new Map<number, Map<string, Node[]>>();
  private readonly constants = new Map<string, Node[]>();

  constructor(
    readonly text: string,
    readonly root: Node,
    private readonly shape: LanguageShape,
    private readonly isCandidate: (name: string) => boolean,
  ) {
    this.walk(root, null, root, null);
  }

  private walk(node: Node, loop: string | null, scope: Node, cls: Node | null): void {
    if (this.shape.functions.has(node.type) && node.id !== scope.id) {
      // A function body runs when called, not per iteration of a loop around its definition.
      for (const c of node.namedChildren) if (c) this.walk(c, null, node, cls);
      return;
    }
    if (this.shape.classes.has(node.type)) {
      for (const c of node.namedChildren) if (c) this.walk(c, null, scope, node);
      return;
    }
    for (const a of this.shape.assignments(node)) {
      if (a.kind === 'local') add(this.locals, scope.id, a.name, a.value);
      else if (a.kind === 'field' && cls) add(this.fields, cls.id, a.name, a.value);
      else if (a.kind === 'constant') (this.constants.get(a.name) ?? this.constants.set(a.name, []).get(a.name)!).push(a.value);
    }
    const name = this.shape.callName(node);
    if (name !== null && this.isCandidate(name)) this.candidates.push({ node, loop });
    const l = this.shape.loop(node);
    const once = new Set(l?.once.map((n) => n.id));
    const inner = l ? (loop ?? `${l.label} at line ${node.startPosition.row + 1}`) : loop;
    for (const c of node.namedChildren) if (c) this.walk(c, once.has(c.id) ? loop : inner, scope, cls);
  }

  /** The value a local name has at `at`: the latest assignment before it in the enclosing scopes. */
  local(name: string, at: Node): { value: Node; reassigned: boolean } | undefined {
    for (let n: Node | null = at; n; n = n.parent) {
      if (!this.shape.functions.has(n.type) && n.id !== this.root.id) continue;
      const list = this.locals.get(n.id)?.get(name);
      if (list?.length) {
        const before = list.filter((v) => v.endIndex <= at.startIndex);
        const value = before.length ? before[before.length - 1] : list[0];
        return { value, reassigned: list.length > 1 };
      }
    }
    return undefined;
  }

  /** Values assigned to a field of the class enclosing `at` (`@client = ...`, `this.client = ...`). */
  field(name: string, at: Node): Node[] {
    for (let n: Node | null = at; n; n = n.parent) if (this.shape.classes.has(n.type)) return this.fields.get(n.id)?.get(name) ?? [];
    return [];
  }

  constant(name: string): Node[] {
    return this.constants.get(name) ?? [];
  }
}

function add(map: Map<number, Map<string, Node[]>>, id: number, name: string, value: Node): void {
  let byName = map.get(id);
  if (!byName) map.set(id, (byName = new Map()));
  const list = byName.get(name);
  if (list) list.push(value);
  else byName.set(name, [value]);
}

/**
 * A model id from an SDK constant's name, as the Go, Java and Ruby SDKs spell them:
 * `ChatModelGPT4o` / `GPT_4O` -> `gpt-4o`, `ChatModelGPT4_1Mini` / `GPT_4_1_MINI` -> `gpt-4.1-mini`,
 * `ModelClaudeSonnet4_5_20250929` / `CLAUDE_SONNET_4_5` -> `claude-sonnet-4-5-20250929`.
 * OpenAI versions take a dot between digits (`4.1`), Anthropic's a dash (`4-5`).
 */
export function modelFromConstant(name: string, provider: string): string | undefined {
  let s = name.replace(/^(ChatModel|ResponsesModel|EmbeddingModel|Model)(?=[A-Z0-9])/, '');
  if (!s) return undefined;
  if (/^[A-Z0-9_]+$/.test(s) && s.includes('_') && !/[A-Z]\d/.test(s)) {
    // SCREAMING_SNAKE (Java, Ruby): words are separated already.
    s = s.toLowerCase();
  } else {
    // CamelCase (Go): split words and letter/digit boundaries, keep `4o`, `o3` together.
    s = s
      .replace(/([a-z])([A-Z])/g, '$1_$2')
      .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
      .replace(/([A-Za-z]{2,})(\d)/g, '$1_$2')
      .replace(/(\d)([A-Z][a-z])/g, '$1_$2')
      .toLowerCase();
  }
  const versionSep = provider === 'openai' ? '.' : '-';
  s = s
    .replace(/(\d{4})_(\d{2})_(\d{2})/g, '$1-$2-$3')
    .replace(/(\d)_(?=\d)(?!\d{8})/g, `$1${versionSep}`)
    .replace(/_/g, '-');
  return s;
}
