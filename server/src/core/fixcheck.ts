// The engine's net under fixes: before a fix is offered, the text it produces is parsed again and
// a fix that adds syntax errors is dropped (the analysis records why). Fixes are written by each
// language's writer to be correct by construction; this catches what a writer gets wrong.
//
// It must be cheap: a file may have a fix on every call. Tree-sitter languages re-parse
// incrementally from a copy of the analysis's tree (only the edited region is parsed again);
// TypeScript parses the innermost statement or class member around the edits, before and after
// (recognizers/typescript/fixcheck.ts, loaded with the TypeScript recognizer);
// prompt files parse their front matter.
import { parseDocument } from 'yaml';
import type { Node, Parser, Point, Tree } from 'web-tree-sitter';
import { pointer, replacementEdit } from './reparse';
import type { Edit } from './writers/lit';

/**
 * What a check found wrong with a fix: what it breaks, and whether the text parsed cleanly before
 * (else it is code being typed, whose fixes are simply not offered).
 */
export interface Verdict {
  broken: string;
  clean: boolean;
}

/** Checks the fixes of one analysis (each a list of edits) against the analyzed text: for each, null when it adds no syntax error. */
export type FixCheck = (fixes: readonly (readonly Edit[])[]) => (Verdict | null)[];

/** `text` with `edits` applied (edits do not overlap; applied from the end). */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  // In one pass over the text: slicing the whole text once per edit is quadratic in a file with a fix on every call.
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  const parts: string[] = [];
  let at = 0;
  for (const e of sorted) {
    parts.push(text.slice(at, e.span.start), e.newText);
    at = Math.max(at, e.span.end);
  }
  parts.push(text.slice(at));
  return parts.join('');
}

export function overlapping(edits: readonly Edit[]): boolean {
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start);
  return sorted.some((e, i) => i > 0 && e.span.start < sorted[i - 1].span.end);
}

/**
 * Checks fixes together, then apart where together they break something: `test` says whether a
 * set of fixes (their edits applied at once) is fine. Fixes whose edits overlap another's are
 * tested alone. One test when every fix is fine; a few more per broken one (halving).
 */
function together(fixes: readonly (readonly Edit[])[], test: (edits: readonly Edit[]) => Verdict | null): (Verdict | null)[] {
  const out: (Verdict | null)[] = fixes.map(() => null);
  // A fix whose edits overlap those of a fix before it is tested alone (one sort, not a scan per fix).
  const clash = new Set<number>();
  const spans = fixes.flatMap((f, i) => f.map((e) => ({ start: e.span.start, end: e.span.end, i }))).sort((a, b) => a.start - b.start || a.end - b.end);
  let reach = -1;
  let owner = -1;
  for (const x of spans) {
    if (x.start < reach && x.i !== owner) clash.add(Math.max(x.i, owner));
    if (x.end > reach) [reach, owner] = [x.end, x.i];
  }
  const chosen: number[] = [];
  const alone: number[] = [];
  fixes.forEach((f, i) => {
    if (overlapping(f)) out[i] = { broken: 'its edits overlap', clean: true };
    else if (clash.has(i)) alone.push(i);
    else chosen.push(i);
  });
  const bisect = (ids: number[]): void => {
    if (!ids.length) return;
    const v = test(ids.flatMap((i) => fixes[i]));
    if (!v) return;
    if (ids.length === 1) out[ids[0]] = v;
    else {
      const mid = ids.length >> 1;
      bisect(ids.slice(0, mid));
      bisect(ids.slice(mid));
    }
  };
  bisect(chosen);
  for (const i of alone) out[i] = test(fixes[i]);
  return out;
}

/** Error and missing nodes of a tree-sitter tree (descending only where `hasError` says there are some). */
function treeErrors(root: Node, limit = 50): string[] {
  const out: string[] = [];
  const visit = (n: Node) => {
    if (out.length >= limit) return;
    if (n.isError || n.isMissing) {
      out.push(`${n.isMissing ? `missing ${n.type}` : 'unexpected text'} at line ${n.startPosition.row + 1}`);
      return;
    }
    if (!n.hasError) return;
    for (const c of n.children) if (c) visit(c);
  };
  visit(root);
  return out;
}

/**
 * Tree-sitter languages: the fixes' edits are made to a copy of the analysis's tree (from the
 * end of the file, so each edit's position in the original text is its position then) and the
 * result parsed incrementally: only what the edits touched is parsed again.
 */
export function treeSitterCheck(parser: Parser, text: string, tree: Tree): FixCheck {
  let before: number | undefined;
  let point: ((offset: number) => Point) | undefined;
  const test = (edits: readonly Edit[]): Verdict | null => {
    point ??= pointer(text);
    const copy = tree.copy();
    let fixed: Tree | null = null;
    try {
      for (const e of [...edits].sort((a, b) => b.span.start - a.span.start)) copy.edit(replacementEdit(point, e.span.start, e.span.end, e.newText));
      fixed = parser.parse(applyEdits(text, edits), copy);
      if (!fixed) return { broken: 'the parser gave no tree', clean: true };
      if (!fixed.rootNode.hasError) return null;
      before ??= treeErrors(tree.rootNode, Number.MAX_SAFE_INTEGER).length;
      const errors = treeErrors(fixed.rootNode, before + 5);
      return errors.length > before ? { broken: `it adds syntax errors (${errors.slice(0, 3).join('; ')})`, clean: before === 0 } : null;
    } finally {
      copy.delete();
      fixed?.delete();
    }
  };
  return (fixes) => together(fixes, test);
}

/** Prompt files: the front matter's YAML parsed again. */
export function frontMatterCheck(text: string): FixCheck {
  const errorsOf = (t: string): string[] => {
    const m = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(\r?\n|$)/.exec(t);
    return m ? parseDocument(m[1]).errors.map((e) => e.message.split('\n')[0]) : [];
  };
  let before: number | undefined;
  return (fixes) =>
    together(fixes, (edits) => {
      const after = errorsOf(applyEdits(text, edits));
      before ??= errorsOf(text).length;
      return after.length > before ? { broken: `it breaks the front matter's YAML (${after.slice(0, 2).join('; ')})`, clean: before === 0 } : null;
    });
}

/**
 * The edits of "fix all" (`source.fixAll`): every safe fix at once. An edit identical to one
 * already taken is the same change (two fixes adding the same import) and is made once; a fix
 * overlapping one taken waits for the next run. The fixes are then checked together, as they will
 * be applied: one that breaks the file in combination is left out (`check` halves the set).
 */
export function fixAllEdits(fixes: readonly (readonly Edit[])[], check: FixCheck | undefined): Edit[] {
  const taken: Edit[] = [];
  const chosen: Edit[][] = [];
  const same = (a: Edit, b: Edit) => a.span.start === b.span.start && a.span.end === b.span.end && a.newText === b.newText;
  const overlaps = (a: Edit, b: Edit) => a.span.start < b.span.end && b.span.start < a.span.end;
  for (const f of fixes) {
    const fresh = f.filter((e) => !taken.some((t) => same(t, e)));
    if (fresh.some((e) => taken.some((t) => overlaps(t, e)))) continue;
    chosen.push(fresh);
    taken.push(...fresh);
  }
  if (!check || !chosen.length) return taken;
  // Checked as one set first: the usual case is one parse.
  const whole = check([taken])[0];
  if (!whole) return taken;
  const verdicts = check(chosen);
  return chosen.filter((_, i) => !verdicts[i]).flat();
}
