// Python syntax helpers shared by the recognizer's layers: spans, parameters, loops, returns,
// string escapes and scope names, read off tree-sitter nodes.
import type { Node, Tree } from 'web-tree-sitter';
import type { Span } from '../../types';
import type { ObjVal } from '../values';

/** How deep a chain of names, calls and attributes is followed. */
export const MAX_DEPTH = 12;
/** Letters that may open a Python string literal (`r'...'`, `f"..."`, `b'...'`). */
export const PY_STRING_PREFIXES = 'rRbBuUfF';
/** Parameter node types that can be passed by position (not `*args`, `**kwargs`, keyword-only markers). */
export const POSITIONAL_PARAMS = new Set(['identifier', 'typed_parameter', 'default_parameter', 'typed_default_parameter']);

export const spanOf = (n: Node): Span => ({ start: n.startIndex, end: n.endIndex });

export function emptyObj(span: Span): ObjVal {
  return { kind: 'obj', props: new Map(), open: [], node: null, span, text: '' };
}

export function paramName(p: Node): string | undefined {
  if (p.type === 'identifier') return p.text;
  if (p.type === 'typed_parameter') return p.namedChildren.find((c) => c.type === 'identifier')?.text;
  return p.childForFieldName('name')?.text;
}

/**
 * The loop a node runs in, as the first pass describes it (the outermost loop of its function):
 * for calls found after the pass (`ask(...)` where `ask = partial(...)`).
 */
export function loopAt(node: Node): string | null {
  let loop: string | null = null;
  for (let child = node, n = node.parent; n; child = n, n = n.parent) {
    if (n.type === 'function_definition' || n.type === 'lambda' || n.type === 'class_definition') break;
    const line = `at line ${n.startPosition.row + 1}`;
    if (n.type === 'for_statement' && child.id !== n.childForFieldName('right')?.id) loop = `for loop ${line}`;
    else if (n.type === 'while_statement') loop = `while loop ${line}`;
    else if (/^(list|set|dictionary)_comprehension$|^generator_expression$/.test(n.type)) {
      const first = n.namedChildren.find((c) => c?.type === 'for_in_clause');
      if (!(first && child.id === first.id)) loop = `comprehension ${line}`;
    }
  }
  return loop;
}

/** Each tree's functions' returns (`returnsOf`), by the function's node id: asked for several times per function. */
const RETURNS = new WeakMap<Tree, Map<number, Node[]>>();
const NESTED = new Set(['function_definition', 'lambda', 'class_definition']);

/**
 * Expressions returned by a function, not counting nested functions, in the order they are written.
 * The tree is asked for its return statements in one call (walking the body node by node crossed
 * into WebAssembly for each: on a real application, a fifth of the analysis), once per function.
 */
export function returnsOf(fn: Node): Node[] {
  if (fn.type === 'lambda') {
    const body = fn.childForFieldName('body');
    return body ? [body] : [];
  }
  let byFn = RETURNS.get(fn.tree);
  if (!byFn) RETURNS.set(fn.tree, (byFn = new Map<number, Node[]>()));
  const known = byFn.get(fn.id);
  if (known) return known;
  const out: Node[] = [];
  const body = fn.childForFieldName('body');
  for (const r of body?.descendantsOfType('return_statement') ?? []) {
    const value = r.namedChildren[0];
    if (!value) continue;
    let inner = false;
    for (let n = r.parent; n && n.id !== fn.id; n = n.parent) if (NESTED.has(n.type)) inner = true;
    if (!inner) out.push(value);
  }
  byFn.set(fn.id, out);
  return out;
}

const PY_ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '0': '\0',
  a: '\x07',
  b: '\b',
  f: '\f',
  v: '\v',
  '\n': '',
};

export function unescapePython(s: string): string {
  if (!s.includes('\\')) return s;
  return s.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|N\{[^}]*\}|.|\n)/g, (m, e: string) => {
    if (e[0] === 'x' || e[0] === 'u' || e[0] === 'U') {
      const cp = parseInt(e.slice(1), 16);
      return Number.isFinite(cp) && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
    }
    if (e[0] === 'N') return '?';
    return PY_ESCAPES[e] ?? m;
  });
}

/** The named functions and classes around `node`, outermost first, dotted (`ChatService.reply`). */
export function scopeName(node: Node): string {
  const names: string[] = [];
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'function_definition' || p.type === 'class_definition') {
      const name = p.childForFieldName('name')?.text;
      if (name) names.unshift(name);
    }
  }
  return names.join('.');
}

/** A node's named children but comments (which tree-sitter puts among a list's items, a call's arguments, a string's parts). */
export function named(node: Node): Node[] {
  return node.namedChildren.filter((c) => c.type !== 'comment');
}

/** The class names an annotation gives (`OpenAI`, `Optional[OpenAI]`, `openai.OpenAI | None`); none from a string annotation. */
export function typeNames(type: Node | null): Node[] {
  if (!type || type.type === 'string') return [];
  if (type.type === 'identifier' || type.type === 'attribute') return [type];
  return (type.type === 'type' ? type.namedChildren.slice(0, 1) : type.namedChildren).flatMap((c) => typeNames(c));
}

/**
 * The argument a call passes for `name`: by keyword, else (with an `index`) its positional one there, when no
 * `*args` moves the positions. `args` is the call's argument list.
 */
export function argumentOf(args: Node | null | undefined, name: string, index = -1): Node | undefined {
  const all = args ? named(args) : [];
  const kw = all.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === name)?.childForFieldName('value');
  if (kw) return kw;
  if (index < 0 || all.some((a) => a.type === 'list_splat')) return undefined;
  return all.filter((a) => a.type !== 'keyword_argument' && a.type !== 'dictionary_splat')[index];
}

/** An expression without the `await` and parentheses around it. */
export function unwrapped(node: Node): Node {
  let n = node;
  while ((n.type === 'await' || n.type === 'parenthesized_expression') && n.namedChildren[0]) n = n.namedChildren[0];
  return n;
}
