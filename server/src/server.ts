// The costlint language server: the LSP handlers, a thin layer over the analysis core. Their state
// (documents, settings, analyses, the workspace overview) is the EditorState's (editor.ts), around
// the project session shared with the CLI (host/session.ts). Pull diagnostics, hovers, lenses and
// quick fixes all read one analysis per document version.
import {
  CodeActionKind,
  createConnection,
  DiagnosticSeverity,
  DocumentDiagnosticReportKind,
  NotebookDocuments,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type CodeLens,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type Hover,
  type InlayHint,
  type Range,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONFIG_FILE } from './core/config';
import { findingActions, promptConstantLenses } from './actions';
import { alternativesFor } from './core/alternatives';
import type { AnalysisResult, Finding, Language } from './core/types';
import { codeLensTitle, hoverMarkdown, inlayHintLabel } from './hover';
import { RATE_CARD_REQUEST, RESCAN_REQUEST, TRUSTED_NOTIFICATION, WORKSPACE_REQUEST, type RateCardEntry, type WorkspaceSummary } from './protocol';
import { cancelled, EditorState } from './editor';

const isConfigDocument = (uri: string) => uri.startsWith('file:') && basename(fileURLToPath(uri)) === CONFIG_FILE;

/** The code action kind that applies every safe fix (`editor.codeActionsOnSave`). */
const FIX_ALL = 'source.fixAll.costlint';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
// Notebook cells arrive through notebook sync; their text documents live here.
const notebooks = new NotebookDocuments(TextDocument);
const editor = new EditorState(connection, documents, notebooks);

connection.onInitialize((params) => {
  editor.initialize(params);
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      hoverProvider: true,
      codeLensProvider: { resolveProvider: false },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL] },
      diagnosticProvider: { identifier: 'costlint', interFileDependencies: true, workspaceDiagnostics: false },
      // Jupyter notebooks: cells are analyzed in order as one module (a client made in one cell is known in the next).
      notebookDocumentSync: { notebookSelector: [{ notebook: { notebookType: 'jupyter-notebook' }, cells: [{ language: 'python' }] }] },
      inlayHintProvider: true,
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'costlint' },
  };
});

/** The workspace was trusted after start-up: its rate-card files may now be read. */
connection.onNotification(TRUSTED_NOTIFICATION, () => editor.trust());

connection.onDidChangeConfiguration(() => editor.everythingChanged());

connection.onInitialized(() => {
  void editor.scanWorkspace();
  connection.workspace.onDidChangeWorkspaceFolders((e) =>
    editor.foldersChanged(
      e.added.map((f) => f.uri),
      e.removed.map((f) => f.uri),
    ),
  );
});

// The workspace: every file's call sites, for the status bar, the tree and the report.
connection.onRequest(WORKSPACE_REQUEST, (): WorkspaceSummary => editor.workspaceSummary());

connection.onRequest(RESCAN_REQUEST, (): Promise<WorkspaceSummary> => editor.rescan());

/** The rate-card entry of the model of the call at a position: the file and line to open. */
connection.onRequest(RATE_CARD_REQUEST, (p: { textDocument: { uri: string }; position: { line: number; character: number } }): Promise<RateCardEntry | null> =>
  editor.rateCardEntry(p.textDocument.uri, p.position),
);

documents.onDidChangeContent((e) => editor.changed(e.document.uri));

connection.onDidChangeWatchedFiles((p) => editor.watchedFilesChanged(p.changes));

documents.onDidClose((e) => editor.closed(e.document.uri));

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information } as const;

function toDiagnostic(f: Finding): Diagnostic {
  return { range: f.range, severity: SEVERITY[f.severity], source: 'costlint', code: f.rule, message: f.message };
}

connection.languages.diagnostics.on(async (params, token): Promise<DocumentDiagnosticReport> => {
  const doc = editor.getDoc(params.textDocument.uri);
  if (!doc) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
  await editor.settle(doc.uri, token);
  const latest = editor.getDoc(doc.uri);
  if (token.isCancellationRequested || !latest || latest.version !== doc.version) throw cancelled();
  try {
    // costlint.json: its own problems, at their ranges, as the text is now (saved or not).
    if (isConfigDocument(latest.uri)) {
      return {
        kind: DocumentDiagnosticReportKind.Full,
        items: editor.configIssuesOf(latest).map((i) => ({
          range: i.range,
          severity: DiagnosticSeverity.Error,
          source: 'costlint',
          code: 'config',
          message: `${i.message} (the field's default is used)`,
        })),
      };
    }
    const result = await editor.analysisOf(latest);
    return { kind: DocumentDiagnosticReportKind.Full, items: result ? result.findings.map(toDiagnostic) : [] };
  } catch (e) {
    connection.console.error(`costlint: diagnostics failed for ${doc.uri}: ${failure(e)}`);
    return { kind: DocumentDiagnosticReportKind.Full, items: [] };
  }
});

connection.onHover(async (params): Promise<Hover | null> => {
  const doc = editor.getDoc(params.textDocument.uri);
  if (!doc) return null;
  try {
    const result = await editor.analysisOf(doc);
    if (!result) return null;
    const offset = doc.offsetAt(params.position);
    const hits = result.callSites.filter((c) => c.span.start <= offset && offset <= c.span.end);
    // The innermost call: the smallest span that contains the position.
    const site = hits.sort((a, b) => a.span.end - a.span.start - (b.span.end - b.span.start))[0];
    if (!site) return null;
    // Compared on the rate cards this file is priced with (the project's discounts and mappings included).
    const fileUri = notebooks.findNotebookDocumentForCell(doc.uri)?.uri ?? doc.uri;
    const cards =
      (editor.session && editor.analysisSettingsFor(fileUri, await editor.settingsFor(fileUri)).settings.rateCards) ?? editor.session?.analyzer.rateCards;
    const alternatives = cards ? alternativesFor(site, cards, new Date().toISOString().slice(0, 10)) : [];
    return { contents: { kind: 'markdown', value: hoverMarkdown(site, editor.session?.analyzer.rateCards.asOf ?? null, alternatives) }, range: site.range };
  } catch (e) {
    connection.console.error(`costlint: hover failed: ${failure(e)}`);
    return null;
  }
});

/** With `costlint.inlayHints`: each call's cost after it, `≈ $0.16/call`. */
connection.languages.inlayHint.on(async (params): Promise<InlayHint[]> => {
  const doc = editor.getDoc(params.textDocument.uri);
  if (!doc) return [];
  try {
    const settings = await editor.settingsFor(notebooks.findNotebookDocumentForCell(doc.uri)?.uri ?? doc.uri);
    if (!settings.inlayHints) return [];
    const result = await editor.analysisOf(doc);
    const inRange = (c: { range: Range }) => c.range.end.line >= params.range.start.line && c.range.start.line <= params.range.end.line;
    return (result?.callSites ?? [])
      .filter(inRange)
      .map((c) => ({ position: c.range.end, label: inlayHintLabel(c), paddingLeft: true, tooltip: codeLensTitle(c) }));
  } catch (e) {
    connection.console.error(`costlint: inlay hints failed: ${failure(e)}`);
    return [];
  }
});

// The cost above each call. Lenses carry no command: they are read, not clicked.
connection.onCodeLens(async (params): Promise<CodeLens[]> => {
  const doc = editor.getDoc(params.textDocument.uri);
  if (!doc) return [];
  try {
    const settings = await editor.settingsFor(notebooks.findNotebookDocumentForCell(doc.uri)?.uri ?? doc.uri);
    if (!settings.codeLens) return [];
    const result = await editor.analysisOf(doc);
    if (!result) return [];
    const lenses: CodeLens[] = result.callSites.map((c) => ({ range: c.nameRange, command: { title: codeLensTitle(c), command: '' } }));
    const path = doc.uri.startsWith('file:') ? fileURLToPath(doc.uri) : undefined;
    const importers: { uri: string; result: AnalysisResult }[] = [];
    for (const uri of path ? (editor.importersOf.get(path) ?? []) : []) {
      const importer = documents.get(uri);
      const a = importer && uri !== doc.uri ? await editor.analysisOf(importer) : null;
      if (a) importers.push({ uri, result: a });
    }
    lenses.push(...promptConstantLenses(doc, path, result, importers));
    return lenses;
  } catch (e) {
    connection.console.error(`costlint: code lens failed: ${failure(e)}`);
    return [];
  }
});

connection.onCodeAction(async (params): Promise<CodeAction[]> => {
  const doc = editor.getDoc(params.textDocument.uri);
  if (!doc) return [];
  try {
    const result = await editor.analysisOf(doc);
    // Fixes are only offered for the version they were computed on (a cell's is its notebook's current state).
    const current = notebooks.findNotebookDocumentForCell(doc.uri)
      ? editor.getDoc(doc.uri)?.version === doc.version
      : editor.analyses.get(doc.uri)?.version === doc.version;
    if (!result || !current) return [];
    // Fixes are parsed again before they are offered (once per analysis: per edit they are not).
    const analyzer = editor.session?.analyzer;
    if (result.fixesUnchecked && analyzer)
      analyzer.checkFixes({ text: doc.getText(), language: result.language ?? (doc.languageId as Language), document: doc.uri }, result);
    editor.logFailures(result, doc.uri);
    const actions: CodeAction[] = [];
    const only = params.context.only;
    const wants = (kind: string) => !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
    // source.fixAll.costlint (editor.codeActionsOnSave): every safe fix in the document at once.
    if (only && wants(FIX_ALL) && analyzer) {
      // Deduplicated, without overlaps (those wait for the next run), and parsed together first.
      const edits = analyzer.fixAll({ text: doc.getText(), language: result.language ?? (doc.languageId as Language), document: doc.uri }, result.findings);
      if (edits.length) {
        const range = (e: (typeof edits)[number]) => ({ start: doc.positionAt(e.span.start), end: doc.positionAt(e.span.end) });
        actions.push({
          title: 'Fix all safe costlint problems',
          kind: FIX_ALL,
          edit: {
            documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits: edits.map((e) => ({ range: range(e), newText: e.newText })) }],
          },
        });
      }
    }
    if (!wants(CodeActionKind.QuickFix)) return actions;
    actions.push(
      ...findingActions(doc, result, doc.offsetAt(params.range.start), doc.offsetAt(params.range.end), toDiagnostic, (rule) =>
        editor.turnOffInConfig(doc.uri, rule),
      ),
    );
    return actions;
  } catch (e) {
    connection.console.error(`costlint: code actions failed: ${failure(e)}`);
    return [];
  }
});

process.on('uncaughtException', (e) => connection.console.error(`costlint: uncaught: ${failure(e)}`));

process.on('unhandledRejection', (e) => connection.console.error(`costlint: unhandled rejection: ${failure(e)}`));

documents.listen(connection);

notebooks.listen(connection);

notebooks.onDidClose((n) => editor.notebookClosed(n.uri));

notebooks.cellTextDocuments.onDidChangeContent((e) => editor.touched(e.document.uri));

connection.listen();

/** What a caught failure says, for the log: an error's stack, else the value thrown. */
function failure(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}
