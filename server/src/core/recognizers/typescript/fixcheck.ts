// The fix check of TypeScript and JavaScript files (the net under fixes, core/fixcheck.ts): loaded with
// the TypeScript recognizer, when a JavaScript or TypeScript file is first analyzed.
import ts from 'typescript';
import { applyEdits, type FixCheck, overlapping, type Verdict } from '../../fixcheck';
import type { Edit } from '../../writers/lit';

/** A statement or class member: the smallest piece of a TypeScript file that parses on its own. */
function isUnit(n: ts.Node): boolean {
  return (
    ts.isClassElement(n) ||
    (n.kind >= ts.SyntaxKind.FirstStatement && n.kind <= ts.SyntaxKind.LastStatement) ||
    ts.isFunctionDeclaration(n) ||
    ts.isClassDeclaration(n)
  );
}

function parseErrors(text: string, kind: ts.ScriptKind): readonly ts.DiagnosticWithLocation[] {
  const sf = ts.createSourceFile(kind === ts.ScriptKind.TSX ? 'fix.tsx' : 'fix.ts', text, ts.ScriptTarget.Latest, false, kind);
  return (sf as unknown as { parseDiagnostics: ts.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
}

/**
 * TypeScript and JavaScript: the innermost statement or class member holding every edit is parsed
 * alone, before and after (a class member inside a class of its own); more errors after means the
 * fix breaks the file. Edits outside any statement parse the whole file.
 */
export function typeScriptCheck(text: string, sf: ts.SourceFile, jsx: boolean): FixCheck {
  const kind = jsx ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  // Each fix is parsed where it lands, which costs little: no need to group them.
  return (fixes) => fixes.map((edits) => one(edits));
  function one(edits: readonly Edit[]): Verdict | null {
    if (!edits.length) return null;
    if (overlapping(edits)) return { broken: 'its edits overlap', clean: true };
    const start = Math.min(...edits.map((e) => e.span.start));
    const end = Math.max(...edits.map((e) => e.span.end));
    let unit: ts.Node | undefined;
    const visit = (n: ts.Node): void => {
      // Edits may land in a node's leading trivia (`pos`) as well as in its text.
      if (n.pos <= start && end <= n.end) {
        if (isUnit(n)) unit = n;
        ts.forEachChild(n, visit);
      }
    };
    ts.forEachChild(sf, visit);
    const from = unit ? unit.pos : 0;
    const to = unit ? unit.end : text.length;
    const wrap = unit && ts.isClassElement(unit) ? (s: string) => `class __costlint {${s}\n}` : (s: string) => s;
    const shifted = edits.map((e) => ({ span: { start: e.span.start - from, end: e.span.end - from }, newText: e.newText }));
    const piece = text.slice(from, to);
    const beforeErrors = parseErrors(wrap(piece), kind).length;
    const afterErrors = parseErrors(wrap(applyEdits(piece, shifted)), kind);
    if (afterErrors.length <= beforeErrors) return null;
    const what = afterErrors
      .slice(0, 3)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' '))
      .join('; ');
    return { broken: `it adds syntax errors (${what})`, clean: beforeErrors === 0 };
  }
}
