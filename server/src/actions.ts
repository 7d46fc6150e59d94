// What the editor is offered on an analysis, as LSP data: quick fixes, "Ignore here", "Turn off
// in costlint.json", and the code lenses of prompt constants. Pure functions of the analysis and
// the documents they are given; `server.ts` gathers those and answers the requests.
import { modify } from 'jsonc-parser';
import { CodeActionKind, type CodeAction, type CodeLens, type Diagnostic, type Range, type WorkspaceEdit } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ignoreHereEdit } from './core/suppressions';
import type { AnalysisResult, Finding, Language } from './core/types';
import { promptConstantTitle } from './hover';

/**
 * The quick fixes for the findings that touch `start`..`end`: each finding's fix, "Ignore here"
 * (a suppression comment) and, where `turnOff` gives an edit, "Turn off in costlint.json".
 */
export function findingActions(
  doc: TextDocument,
  result: AnalysisResult,
  start: number,
  end: number,
  toDiagnostic: (f: Finding) => Diagnostic,
  turnOff: (rule: string) => WorkspaceEdit | undefined,
): CodeAction[] {
  const actions: CodeAction[] = [];
  const text = doc.getText();
  const language = result.language ?? (doc.languageId as Language);
  const change = (edits: { range: Range; newText: string }[]): WorkspaceEdit => ({
    documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits }],
  });
  for (const f of result.findings) {
    if (f.span.end < start || f.span.start > end) continue;
    const diagnostics = [toDiagnostic(f)];
    if (f.fix) {
      actions.push({
        title: `${f.fix.title} (costlint: ${f.rule})`,
        kind: CodeActionKind.QuickFix,
        diagnostics,
        isPreferred: f.fix.safety !== 'suggestion',
        edit: change(f.fix.edits.map((e) => ({ range: e.range, newText: e.newText }))),
      });
    }
    if (f.rule === 'unused-suppression') continue;
    const ignore = ignoreHereEdit(text, language, f.range.start.line, f.rule);
    const at = doc.positionAt(ignore.offset);
    actions.push({
      title: `Ignore ${f.rule} here (costlint)`,
      kind: CodeActionKind.QuickFix,
      diagnostics,
      edit: change([{ range: { start: at, end: at }, newText: ignore.newText }]),
    });
    const off = turnOff(f.rule);
    if (off) actions.push({ title: `Turn off ${f.rule} in costlint.json`, kind: CodeActionKind.QuickFix, diagnostics, edit: off });
  }
  return actions;
}

/**
 * The edit that sets `"rules": { "<rule>": "off" }` in a costlint.json: `existing` is its text
 * when the file exists (its comments kept), else the file is created with just that.
 */
export function turnOffEdit(targetUri: string, rule: string, existing: string | undefined): WorkspaceEdit {
  if (existing === undefined) {
    const text = `${JSON.stringify({ rules: { [rule]: 'off' } }, null, 2)}\n`;
    return {
      documentChanges: [
        { kind: 'create', uri: targetUri, options: { ignoreIfExists: true } },
        {
          textDocument: { uri: targetUri, version: null },
          edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: text }],
        },
      ],
    };
  }
  const edits = modify(existing, ['rules', rule], 'off', { formattingOptions: { insertSpaces: true, tabSize: 2, eol: '\n' } });
  const td = TextDocument.create(targetUri, 'json', 0, existing);
  return {
    documentChanges: [
      {
        textDocument: { uri: targetUri, version: null },
        edits: edits.map((e) => ({ range: { start: td.positionAt(e.offset), end: td.positionAt(e.offset + e.length) }, newText: e.content })),
      },
    ],
  };
}

/**
 * The code lenses of a file's prompt constants: their tokens as the calls that send them count
 * them, in this file and in the open files that import them (`importers`: their analyses). A
 * constant may be several parts of one request (a messages array): its tokens are their sum.
 */
export function promptConstantLenses(
  doc: TextDocument,
  path: string | undefined,
  result: AnalysisResult,
  importers: { uri: string; result: AnalysisResult }[],
): CodeLens[] {
  const uses = new Map<string, { name: string; range: CodeLens['range']; tokens: { min: number; max: number }; calls: Set<string> }>();
  for (const c of result.promptConstants ?? [])
    uses.set(`${c.name}@${c.span.start}`, { name: c.name, range: c.range, tokens: { ...c.tokens }, calls: new Set(c.usedBy.map(String)) });
  if (path) {
    const length = doc.getText().length;
    for (const { uri, result: a } of importers) {
      if (!a.dependencies?.includes(path)) continue;
      for (const [i, site] of a.callSites.entries()) {
        const here = new Map<string, { name: string; span: { start: number; end: number }; tokens: number }>();
        for (const part of site.prompt.parts) {
          const src = part.source;
          if (src?.path !== path || src.span.end > length) continue;
          const key = `${src.name}@${src.span.start}`;
          const h = here.get(key);
          if (h) h.tokens += part.tokens ?? 0;
          else here.set(key, { name: src.name, span: src.span, tokens: part.tokens ?? 0 });
        }
        for (const [key, h] of here) {
          const u = uses.get(key);
          if (u) {
            u.tokens = { min: Math.min(u.tokens.min, h.tokens), max: Math.max(u.tokens.max, h.tokens) };
            u.calls.add(`${uri}#${i}`);
          } else
            uses.set(key, {
              name: h.name,
              range: { start: doc.positionAt(h.span.start), end: doc.positionAt(h.span.end) },
              tokens: { min: h.tokens, max: h.tokens },
              calls: new Set([`${uri}#${i}`]),
            });
        }
      }
    }
  }
  return [...uses.values()].map((u) => ({ range: u.range, command: { title: promptConstantTitle(u.name, u.tokens, u.calls.size), command: '' } }));
}
