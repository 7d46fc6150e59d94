// The costlint language server: a thin LSP layer over the analysis core. Pull
// diagnostics, hovers and quick fixes all read one analysis per document version.
import {
  CodeActionKind,
  createConnection,
  DiagnosticSeverity,
  FileChangeType,
  DocumentDiagnosticReportKind,
  LSPErrorCodes,
  NotebookCellKind,
  NotebookDocuments,
  ProposedFeatures,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type CodeAction,
  type CodeLens,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type Hover,
  type InlayHint,
  type Range,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { readFileSync } from 'node:fs';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { languageOfPath, SUPPORTED_LANGUAGES, unreadableReason, type Analyzer } from './core/analyze';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { collectFiles, isLintable } from './host/files';
import { CONFIG_FILE } from './core/config';
import { findingActions, promptConstantLenses, turnOffEdit } from './actions';
import { alternativesFor } from './core/alternatives';
import { configFor, configTextIssues, createNodeAnalyzer, StatMemo } from './host/node';
import { ProjectSession } from './host/session';
import { DEFAULT_SETTINGS, type AnalysisResult, type AnalysisSettings, type Finding, type Language, type Severity } from './core/types';
import { codeLensTitle, hoverMarkdown, inlayHintLabel } from './hover';
import { fileCost, RATE_CARD_REQUEST, RESCAN_REQUEST, summarize, TRUSTED_NOTIFICATION, WORKSPACE_CHANGED, WORKSPACE_REQUEST, type FileSummary, type RateCardEntry, type WorkspaceSummary } from './protocol';

const isConfigDocument = (uri: string) => uri.startsWith('file:') && basename(fileURLToPath(uri)) === CONFIG_FILE;

/** The code action kind that applies every safe fix (`editor.codeActionsOnSave`). */
const FIX_ALL = 'source.fixAll.costlint';

/** Quiet period after the last edit before a document is analyzed again. */
const DEBOUNCE_MS = Number(process.env.COSTLINT_DEBOUNCE_MS ?? 150);

interface Settings {
  enable: boolean;
  defaultOutputCap: number;
  codeLens: boolean;
  /** Cost as inlay hints after each call (an alternative or addition to the code lens). */
  inlayHints: boolean;
  /** The user's own rule severities; costlint.json's win. */
  rules: Record<string, Severity | 'off'>;
  expectedOutputTokens: number | null;
}

const DEFAULT_EDITOR_SETTINGS: Settings = { enable: true, defaultOutputCap: DEFAULT_SETTINGS.defaultOutputCap, codeLens: true, inlayHints: false, rules: {}, expectedOutputTokens: null };
const SEVERITIES = ['off', 'info', 'warning', 'error'];

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
// Notebook cells arrive through notebook sync; their text documents live here.
const notebooks = new NotebookDocuments(TextDocument);
/** Per notebook: the analysis of all its code cells as one module, for one state of its cells. */
const notebookAnalyses = new Map<string, { signature: string; result: AnalysisResult }>();

/** An open text document or notebook cell. */
function getDoc(uri: string): TextDocument | undefined {
  return documents.get(uri) ?? notebooks.cellTextDocuments.get(uri);
}
/** The project (folders, trust, costlint.json files, imports, prefixes): made once the analyzer is loaded. */
let session: ProjectSession | undefined;
let sessionReady: Promise<ProjectSession> | undefined;
let hasConfiguration = false;
const settingsCache = new Map<string, Promise<Settings>>();
const analyses = new Map<string, { version: number; result: AnalysisResult }>();
const lastChange = new Map<string, number>();
/** For each workspace file, the open documents whose last analysis read it: the users of its prompt constants. */
const importersOf = new Map<string, Set<string>>();
const loggedFailures = new Set<string>();
/**
 * The document of each file in the session's prefix index (a closed file's prefixes stay, as the
 * file still sends them: `uncached-prefix` counts calls in other files too).
 */
const uriOfPrefixFile = new Map<string, string>();
/** How a file is named in messages about other files: relative to its workspace folder (an untitled document: its URI). */
function displayName(uri: string): string {
  if (!uri.startsWith('file:')) return uri;
  const path = fileURLToPath(uri);
  return session ? session.nameOf(path) : basename(path);
}

let workDoneProgress = false;

/** An open document's text, which imports read before the disk. */
function openDocument(path: string): { text: string; version: number } | undefined {
  const doc = documents.get(pathToFileURL(path).href);
  return doc ? { text: doc.getText(), version: doc.version } : undefined;
}

connection.onInitialize((params) => {
  workDoneProgress = !!params.capabilities.window?.workDoneProgress;
  const trusted = (params.initializationOptions as { trusted?: boolean } | undefined)?.trusted !== false;
  hasConfiguration = !!params.capabilities.workspace?.configuration;
  codeLensRefresh = !!params.capabilities.workspace?.codeLens?.refreshSupport;
  const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  const roots = folders.filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
  sessionReady = createNodeAnalyzer(undefined, true).then((a) => {
    session = new ProjectSession(a, { roots, trusted, configName: (p) => basename(p), open: openDocument });
    for (const i of a.rateCards.issues) {
      connection.console.warn(`rate card ${i.file}${i.entry ? ` entry ${i.entry}` : ''}${i.field ? ` field ${i.field}` : ''}: ${i.message} (entry skipped)`);
    }
    connection.console.info(`costlint: ${a.rateCards.models.length} models loaded, rate cards as of ${a.rateCards.asOf}`);
    return session;
  });
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
connection.onNotification(TRUSTED_NOTIFICATION, () => {
  void sessionReady?.then((s) => {
    s.trusted = true;
    everythingChanged();
  });
});

/** Settings, a costlint.json or a rate-card file changed: every analysis is stale, and the workspace is scanned again. */
function everythingChanged(): void {
  settingsCache.clear();
  analyses.clear();
  notebookAnalyses.clear();
  connection.languages.diagnostics.refresh();
  refreshCodeLenses();
  void scanWorkspace();
}

connection.onDidChangeConfiguration(() => everythingChanged());

connection.onInitialized(() => {
  void scanWorkspace();
  connection.workspace.onDidChangeWorkspaceFolders((e) => {
    const added = e.added.map((f) => f.uri).filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
    const removed = new Set(e.removed.map((f) => f.uri));
    void sessionReady?.then((s) => {
      s.setRoots([...s.folders.filter((r) => !removed.has(pathToFileURL(r).href)), ...added]);
      for (const [uri, f] of summaries) if (removed.has(f.root)) summaries.delete(uri);
      void scanWorkspace();
    });
  });
});

// ---- The workspace: every file's call sites, for the status bar, the tree and the report ----

/** Per file URI: its summary, from the last analysis of the open document or of the file on disk. */
const summaries = new Map<string, FileSummary>();
let scanning = false;
let scannedFiles = 0;
/** Bumped by each scan: an older scan still running stops at its next file. */
let scanGeneration = 0;
let changedTimer: NodeJS.Timeout | undefined;

/** Records a file's analysis for the overviews and tells the client (at most every 300 ms). */
function recordSummary(uri: string, result: AnalysisResult | null): void {
  if (!uri.startsWith('file:')) return;
  const path = fileURLToPath(uri);
  const root = session?.rootOf(path);
  if (!root) return;
  if (result && (result.callSites.length || result.findings.length)) summaries.set(uri, summarize(result, uri, relative(root, path).split(sep).join('/'), pathToFileURL(root).href));
  else if (!summaries.delete(uri)) return;
  workspaceChanged();
}

function workspaceChanged(): void {
  clearTimeout(changedTimer);
  changedTimer = setTimeout(() => void connection.sendNotification(WORKSPACE_CHANGED), 300);
}

function workspaceSummary(): WorkspaceSummary {
  const files = [...summaries.values()].sort((a, b) => fileCost(b) - fileCost(a) || a.path.localeCompare(b.path));
  return { roots: (session?.folders ?? []).map((r) => pathToFileURL(r).href), files, scanning, scannedFiles, rateCardsAsOf: session?.analyzer.rateCards.asOf ?? null };
}

/** Analyzes a workspace file from disk (it is not open), as an open document would be; `memo` during a scan. */
async function analyzeOnDisk(path: string, s: ProjectSession, memo?: StatMemo): Promise<AnalysisResult | null> {
  const uri = pathToFileURL(path).href;
  const editor = await settingsFor(pathToFileURL(s.rootOf(path) ?? path).href);
  if (!editor.enable) return null;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return null;
  }
  const project = analysisSettingsFor(uri, editor, memo);
  if (project.excluded) return null;
  const name = displayName(uri);
  const language = languageOfPath(path);
  if (path.toLowerCase().endsWith('.ipynb')) {
    if (unreadableReason(text, 64_000_000)) return null;
    await prepare(s.analyzer, 'python');
    return s.analyze({ path, notebook: text }, project.settings, { memo, prefixesFor: name });
  }
  if (!language) return null;
  await prepare(s.analyzer, language);
  // A scanned file's fixes are never offered (opened, it is analyzed again): they are not checked.
  const result = s.analyze({ path, text, language, deferFixCheck: true }, project.settings, { memo, prefixesFor: name });
  uriOfPrefixFile.set(name, uri);
  const affected = s.recordPrefixes(name, result).map((f) => uriOfPrefixFile.get(f)).filter((u): u is string => !!u && u !== uri);
  if (affected.length) staleAnalyses(affected);
  return result;
}

/** Loads a language's grammar on first use, and says so in the log with the time it took. */
const grammarsLogged = new Set<string>();
async function prepare(a: Analyzer, language: Language): Promise<void> {
  if (a.ready(language)) return;
  const t = Date.now();
  await a.prepare(language);
  if (grammarsLogged.has(language)) return;
  grammarsLogged.add(language);
  connection.console.info(`costlint: loaded the ${language} grammar (${Date.now() - t} ms)`);
}

const isOpen = (uri: string) => !!documents.get(uri) || notebooks.getNotebookDocument(uri) !== undefined;

/**
 * Reads every analyzable file of the workspace folders (skipping open ones, which their own
 * analyses cover), yielding between files so the server keeps answering; progress is shown
 * through LSP work-done progress. A new scan stops an older one.
 */
async function scanWorkspace(): Promise<void> {
  const generation = ++scanGeneration;
  const s = session ?? (await sessionReady!);
  if (generation !== scanGeneration) return;
  scanning = true;
  workspaceChanged();
  const files = s.folders.flatMap((r) => collectFiles([r], r).files);
  const progress = workDoneProgress ? await connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
  progress?.begin('costlint', 0, `scanning ${files.length} files`, false);
  const seen = new Set<string>();
  let done = 0;
  const started = Date.now();
  // Folders are looked at once per scan for costlint.json and package.json files.
  const memo = new StatMemo();
  for (const path of files) {
    if (generation !== scanGeneration) {
      progress?.done();
      return;
    }
    const uri = pathToFileURL(path).href;
    seen.add(uri);
    if (!isOpen(uri)) {
      try {
        recordSummary(uri, await analyzeOnDisk(path, s, memo));
      } catch (e) {
        connection.console.error(`costlint: scanning ${path} failed: ${(e as Error).message}`);
      }
    }
    done++;
    if (done % 25 === 0) {
      progress?.report(Math.round((done / files.length) * 100), `${done}/${files.length} files`);
      await new Promise((r) => setImmediate(r));
    }
  }
  // Files gone since the last scan.
  for (const uri of [...summaries.keys()]) if (!seen.has(uri) && !isOpen(uri)) summaries.delete(uri);
  scanning = false;
  scannedFiles = files.length;
  progress?.done();
  const mem = process.memoryUsage();
  const mb = (n: number) => Math.round(n / 1e6);
  connection.console.info(`costlint: scanned ${files.length} files in ${Date.now() - started} ms, ${[...summaries.values()].reduce((n, f) => n + f.callSites.length, 0)} call sites (memory: RSS ${mb(mem.rss)} MB, JS heap ${mb(mem.heapUsed)} of ${mb(mem.heapTotal)} MB, buffers and WebAssembly ${mb(mem.arrayBuffers)} MB)`);
  workspaceChanged();
}

/** Files changed, created or deleted on disk (not open): their summaries follow. */
async function refreshOnDisk(changes: { uri: string; type: number }[]): Promise<void> {
  const s = session ?? (await sessionReady!);
  for (const c of changes) {
    const path = fileURLToPath(c.uri);
    if (!s.rootOf(path) || !isLintable(path)) continue;
    if (c.type === FileChangeType.Deleted) {
      recordSummary(c.uri, null);
      s.recordPrefixes(displayName(c.uri), null);
    } else {
      try {
        recordSummary(c.uri, await analyzeOnDisk(path, s));
      } catch {
        recordSummary(c.uri, null);
      }
    }
  }
}

connection.onRequest(WORKSPACE_REQUEST, (): WorkspaceSummary => workspaceSummary());
connection.onRequest(RESCAN_REQUEST, async (): Promise<WorkspaceSummary> => {
  analyses.clear();
  await scanWorkspace();
  return workspaceSummary();
});

/** The rate-card entry of the model of the call at a position: the file and line to open. */
connection.onRequest(RATE_CARD_REQUEST, async (p: { textDocument: { uri: string }; position: { line: number; character: number } }): Promise<RateCardEntry | null> => {
  const doc = getDoc(p.textDocument.uri);
  if (!doc || !session) return null;
  const result = await analysisOf(doc);
  const offset = doc.offsetAt(p.position);
  const site = result?.callSites.filter((c) => c.span.start <= offset && offset <= c.span.end).sort((a, b) => a.span.end - a.span.start - (b.span.end - b.span.start))[0];
  const model = site?.estimate.pricing?.model;
  if (!site || !model || model === 'local') return null;
  const fileUri = notebooks.findNotebookDocumentForCell(doc.uri)?.uri ?? doc.uri;
  const cards = analysisSettingsFor(fileUri, await settingsFor(fileUri)).settings.rateCards ?? session.analyzer.rateCards;
  const card = cards.find(model);
  if (!card) return null;
  let file = card.file;
  if (!isAbsolute(file)) {
    // A project's rate-card file is named relative to its costlint.json.
    const cfg = fileUri.startsWith('file:') ? configFor(fileURLToPath(fileUri), session.rootOf(fileURLToPath(fileUri))).path : null;
    if (cfg) file = resolve(dirname(cfg), file);
  }
  let line = 0;
  try {
    const lines = readFileSync(file, 'utf8').split('\n');
    line = Math.max(0, lines.findIndex((l) => l.includes(`"id": ${JSON.stringify(card.id)}`)));
  } catch {
    line = 0;
  }
  return { model: card.id, file, line };
});

/** What the code lenses of a document show, to tell when they changed. */
function lensKey(r: AnalysisResult): string {
  return r.callSites.map((c) => codeLensTitle(c)).join('\n');
}

let lensTimer: NodeJS.Timeout | undefined;
function refreshCodeLensesSoon(): void {
  clearTimeout(lensTimer);
  lensTimer = setTimeout(refreshCodeLenses, DEBOUNCE_MS);
}

let codeLensRefresh = false;
/** Asks the client to ask for code lenses again (their text depends on settings and on other files). */
function refreshCodeLenses(): void {
  if (codeLensRefresh) void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
}

function settingsFor(uri: string): Promise<Settings> {
  if (!hasConfiguration) return Promise.resolve(DEFAULT_EDITOR_SETTINGS);
  let s = settingsCache.get(uri);
  if (!s) {
    s = connection.workspace.getConfiguration({ scopeUri: uri, section: 'costlint' }).then((c: Partial<Settings> | null) => ({
      enable: c?.enable !== false,
      defaultOutputCap: Number.isInteger(c?.defaultOutputCap) && (c!.defaultOutputCap as number) > 0 ? (c!.defaultOutputCap as number) : DEFAULT_SETTINGS.defaultOutputCap,
      codeLens: c?.codeLens !== false,
      inlayHints: c?.inlayHints === true,
      // Entries that are not a known severity are ignored (VS Code's settings editor warns about them).
      rules: Object.fromEntries(Object.entries(c?.rules && typeof c.rules === 'object' ? c.rules : {}).filter(([, v]) => SEVERITIES.includes(v as string))) as Settings['rules'],
      expectedOutputTokens: Number.isInteger(c?.expectedOutputTokens) && (c!.expectedOutputTokens as number) >= 0 ? (c!.expectedOutputTokens as number) : null,
    }));
    settingsCache.set(uri, s);
  }
  return s;
}

const summaryTimers = new Map<string, NodeJS.Timeout>();
documents.onDidChangeContent((e) => {
  lastChange.set(e.document.uri, Date.now());
  if (e.document.uri.startsWith('file:')) dependencyChanged([fileURLToPath(e.document.uri)]);
  // The overviews follow edits even when the editor asks nothing of this document (it is not visible).
  const uri = e.document.uri;
  clearTimeout(summaryTimers.get(uri));
  summaryTimers.set(
    uri,
    setTimeout(() => {
      summaryTimers.delete(uri);
      const doc = documents.get(uri);
      if (doc) void analysisOf(doc).catch(() => undefined);
    }, DEBOUNCE_MS * 3),
  );
});

// A file another analysis imported from changed (edited, or changed on disk): those analyses are stale.
// A costlint.json changed: every analysis may be (its sizes and defaults apply to whole folders).
connection.onDidChangeWatchedFiles((p) => {
  const files = p.changes.filter((c) => c.uri.startsWith('file:')).map((c) => fileURLToPath(c.uri));
  void refreshOnDisk(p.changes.filter((c) => c.uri.startsWith('file:') && !isOpen(c.uri)));
  if (files.some((f) => basename(f) === CONFIG_FILE || session?.pricingFiles.has(f))) {
    everythingChanged();
    return;
  }
  dependencyChanged(files);
});

const reportedConfigs = new Map<string, string>();
/**
 * The analysis settings for a file: the editor's settings under the nearest costlint.json, which
 * wins (it is the project's, shared by the team and by CI), with its pricing; and whether it
 * excludes the file. Its problems are logged and shown once per state of the file; the fields at
 * fault fall back to their defaults.
 */
function analysisSettingsFor(uri: string, editor: Settings, memo?: StatMemo): { settings: Partial<AnalysisSettings>; excluded: string | null } {
  const base: Partial<AnalysisSettings> = {
    defaultOutputCap: editor.defaultOutputCap,
    ...(Object.keys(editor.rules).length ? { ruleSeverity: editor.rules } : {}),
    ...(editor.expectedOutputTokens !== null ? { expectedOutputTokens: editor.expectedOutputTokens } : {}),
  };
  if (!uri.startsWith('file:') || !session) return { settings: base, excluded: null };
  const project = session.project(fileURLToPath(uri), base, memo);
  const cfg = project.config;
  if (!cfg.path) return { settings: project.settings, excluded: null };
  const said = project.issues.map((i) => `${cfg.path}:${i.range.start.line + 1}:${i.range.start.character + 1}: ${i.message}`).join('\n');
  if (reportedConfigs.get(cfg.path) !== said) {
    reportedConfigs.set(cfg.path, said);
    if (said) {
      const first = project.issues[0];
      connection.console.error(`costlint: problems in ${cfg.path} (the fields at fault use their defaults):\n${said}`);
      void connection.window.showWarningMessage(`costlint: ${project.issues.length} problem${project.issues.length === 1 ? '' : 's'} in ${basename(cfg.path)}: ${first.message} (line ${first.range.start.line + 1}). Those fields use their defaults.`);
    }
  }
  return { settings: project.settings, excluded: project.excluded };
}

let refreshTimer: NodeJS.Timeout | undefined;
function dependencyChanged(paths: string[]): void {
  const changed = new Set(paths);
  staleAnalyses([...analyses].filter(([, a]) => a.result.dependencies?.some((d) => changed.has(d))).map(([uri]) => uri));
}

/** Drops these documents' analyses and asks the client to pull their diagnostics again once the edits settle. */
function staleAnalyses(uris: string[]): void {
  let stale = false;
  for (const uri of uris) stale = analyses.delete(uri) || stale;
  if (!stale) return;
  // Ask the client to pull diagnostics again once the edits settle.
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => {
    connection.languages.diagnostics.refresh();
    refreshCodeLenses();
  }, DEBOUNCE_MS);
}

documents.onDidClose((e) => {
  analyses.delete(e.document.uri);
  session?.analyzer.forget(e.document.uri);
  // Closed without saving, the file on disk is what counts again.
  void refreshOnDisk([{ uri: e.document.uri, type: FileChangeType.Changed }]);
  for (const users of importersOf.values()) users.delete(e.document.uri);
  lastChange.delete(e.document.uri);
  settingsCache.delete(e.document.uri);
});

function logFailures(result: AnalysisResult, uri: string): void {
  for (const err of result.errors) {
    if (loggedFailures.has(err.component)) continue;
    loggedFailures.add(err.component);
    connection.console.error(`costlint: ${err.component} failed on ${uri} (further failures of it are not logged): ${err.message}`);
  }
}

/**
 * A notebook cell's view of its notebook's analysis: the call sites and findings in this cell,
 * with spans and ranges relative to the cell. The notebook is analyzed once per state of its cells.
 */
async function cellAnalysisOf(doc: TextDocument): Promise<AnalysisResult | null | undefined> {
  const notebook = notebooks.findNotebookDocumentForCell(doc.uri);
  if (!notebook) return undefined;
  const settings = await settingsFor(notebook.uri);
  if (!settings.enable) return null;
  const sess = session ?? (await sessionReady!);
  await prepare(sess.analyzer, 'python');
  const cells = notebook.cells.map((c) => ({ cell: c, doc: notebooks.getCellTextDocument(c) }));
  const signature = cells.map((c) => `${c.cell.document}@${c.doc?.version ?? -1}`).join('|');
  let entry = notebookAnalyses.get(notebook.uri);
  if (!entry || entry.signature !== signature) {
    const input = cells.map((c) => ({ type: c.cell.kind === NotebookCellKind.Code && c.doc?.languageId === 'python' ? 'code' : 'markdown', source: c.doc?.getText() ?? '' }));
    const path = notebook.uri.startsWith('file:') ? fileURLToPath(notebook.uri) : undefined;
    const project = analysisSettingsFor(notebook.uri, settings);
    const result = project.excluded
      ? { language: 'python' as const, callSites: [], findings: [], skipped: project.excluded, errors: [] }
      : sess.analyze({ path, cells: input }, project.settings);
    logFailures(result, notebook.uri);
    recordSummary(notebook.uri, result);
    entry = { signature, result };
    notebookAnalyses.set(notebook.uri, entry);
  }
  const index = cells.findIndex((c) => c.cell.document === doc.uri);
  const r = entry.result;
  return {
    ...r,
    callSites: r.callSites.filter((c) => c.cell === index),
    findings: r.findings.filter((f) => f.cell === index),
    promptConstants: r.promptConstants?.filter((c) => c.cell === index),
  };
}

/** The analysis of this exact document version, computed once and shared by all features. */
async function analysisOf(doc: TextDocument): Promise<AnalysisResult | null> {
  const cell = await cellAnalysisOf(doc);
  if (cell !== undefined) return cell;
  if (!SUPPORTED_LANGUAGES.includes(doc.languageId as Language)) return null;
  const cached = analyses.get(doc.uri);
  if (cached && cached.version === doc.version) return cached.result;
  const settings = await settingsFor(doc.uri);
  if (!settings.enable) return null;
  const sess = session ?? (await sessionReady!);
  // The grammar loads on the first document of its language.
  await prepare(sess.analyzer, doc.languageId as Language);
  const current = documents.get(doc.uri);
  if (!current || current.version !== doc.version) return null;
  const path = doc.uri.startsWith('file:') ? fileURLToPath(doc.uri) : undefined;
  const project = analysisSettingsFor(doc.uri, settings);
  const name = displayName(doc.uri);
  const result: AnalysisResult = project.excluded
    ? { language: doc.languageId as Language, callSites: [], findings: [], skipped: project.excluded, errors: [] }
    : sess.analyze({ path, text: doc.getText(), language: doc.languageId as Language, document: doc.uri, deferFixCheck: true }, project.settings, { prefixesFor: name });
  // Other open files sending one of the prefixes this file sent, or sends now, are analyzed again.
  uriOfPrefixFile.set(name, doc.uri);
  const affected = sess.recordPrefixes(name, result).map((f) => uriOfPrefixFile.get(f)).filter((u): u is string => !!u && u !== doc.uri);
  if (affected.length) staleAnalyses(affected);
  logFailures(result, doc.uri);
  if (result.skipped) connection.console.info(`costlint: ${doc.uri}: ${result.skipped}`);
  // The lenses of this document change with its costs: ask the client for them again (VS Code's own
  // re-request after an edit can lag by seconds once it has timed a slow first answer).
  const before = analyses.get(doc.uri)?.result;
  if (before && lensKey(before) !== lensKey(result)) refreshCodeLensesSoon();
  analyses.set(doc.uri, { version: doc.version, result });
  for (const users of importersOf.values()) users.delete(doc.uri);
  for (const dep of result.dependencies ?? []) {
    if (!importersOf.has(dep)) importersOf.set(dep, new Set());
    importersOf.get(dep)!.add(doc.uri);
  }
  recordSummary(doc.uri, result);
  return result;
}

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information } as const;

function toDiagnostic(f: Finding): Diagnostic {
  return { range: f.range, severity: SEVERITY[f.severity], source: 'costlint', code: f.rule, message: f.message };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const cancelled = () => new ResponseError(LSPErrorCodes.ServerCancelled, 'document changed', { retriggerRequest: true });

async function settle(uri: string, token: CancellationToken): Promise<void> {
  for (;;) {
    const wait = (lastChange.get(uri) ?? 0) + DEBOUNCE_MS - Date.now();
    if (wait <= 0) return;
    await sleep(wait);
    if (token.isCancellationRequested) throw cancelled();
  }
}

connection.languages.diagnostics.on(async (params, token): Promise<DocumentDiagnosticReport> => {
  const doc = getDoc(params.textDocument.uri);
  if (!doc) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
  await settle(doc.uri, token);
  const latest = getDoc(doc.uri);
  if (token.isCancellationRequested || !latest || latest.version !== doc.version) throw cancelled();
  try {
    // costlint.json: its own problems, at their ranges, as the text is now (saved or not).
    if (isConfigDocument(latest.uri)) {
      return {
        kind: DocumentDiagnosticReportKind.Full,
        items: configIssuesOf(latest).map((i) => ({ range: i.range, severity: DiagnosticSeverity.Error, source: 'costlint', code: 'config', message: `${i.message} (the field's default is used)` })),
      };
    }
    const result = await analysisOf(latest);
    return { kind: DocumentDiagnosticReportKind.Full, items: result ? result.findings.map(toDiagnostic) : [] };
  } catch (e) {
    connection.console.error(`costlint: diagnostics failed for ${doc.uri}: ${(e as Error).stack ?? e}`);
    return { kind: DocumentDiagnosticReportKind.Full, items: [] };
  }
});

/** The problems of an open costlint.json as its text is now: the file's own, and those of the rate-card files and pricing it names. */
function configIssuesOf(doc: TextDocument) {
  const path = fileURLToPath(doc.uri);
  return configTextIssues(path, doc.getText(), { root: session?.rootOf(path), cards: session?.analyzer.rateCards, trusted: session?.trusted });
}

connection.onHover(async (params): Promise<Hover | null> => {
  const doc = getDoc(params.textDocument.uri);
  if (!doc) return null;
  try {
    const result = await analysisOf(doc);
    if (!result) return null;
    const offset = doc.offsetAt(params.position);
    const hits = result.callSites.filter((c) => c.span.start <= offset && offset <= c.span.end);
    // The innermost call: the smallest span that contains the position.
    const site = hits.sort((a, b) => a.span.end - a.span.start - (b.span.end - b.span.start))[0];
    if (!site) return null;
    // Compared on the rate cards this file is priced with (the project's discounts and mappings included).
    const fileUri = notebooks.findNotebookDocumentForCell(doc.uri)?.uri ?? doc.uri;
    const cards = (session && analysisSettingsFor(fileUri, await settingsFor(fileUri)).settings.rateCards) ?? session?.analyzer.rateCards;
    const alternatives = cards ? alternativesFor(site, cards, new Date().toISOString().slice(0, 10)) : [];
    return { contents: { kind: 'markdown', value: hoverMarkdown(site, session?.analyzer.rateCards.asOf ?? null, alternatives) }, range: site.range };
  } catch (e) {
    connection.console.error(`costlint: hover failed: ${(e as Error).stack ?? e}`);
    return null;
  }
});

/** With `costlint.inlayHints`: each call's cost after it, `≈ $0.16/call`. */
connection.languages.inlayHint.on(async (params): Promise<InlayHint[]> => {
  const doc = getDoc(params.textDocument.uri);
  if (!doc) return [];
  try {
    const settings = await settingsFor(notebooks.findNotebookDocumentForCell(doc.uri)?.uri ?? doc.uri);
    if (!settings.inlayHints) return [];
    const result = await analysisOf(doc);
    const inRange = (c: { range: Range }) => c.range.end.line >= params.range.start.line && c.range.start.line <= params.range.end.line;
    return (result?.callSites ?? []).filter(inRange).map((c) => ({ position: c.range.end, label: inlayHintLabel(c), paddingLeft: true, tooltip: codeLensTitle(c) }));
  } catch (e) {
    connection.console.error(`costlint: inlay hints failed: ${(e as Error).stack ?? e}`);
    return [];
  }
});

// The cost above each call. Lenses carry no command: they are read, not clicked.
connection.onCodeLens(async (params): Promise<CodeLens[]> => {
  const doc = getDoc(params.textDocument.uri);
  if (!doc) return [];
  try {
    const settings = await settingsFor(notebooks.findNotebookDocumentForCell(doc.uri)?.uri ?? doc.uri);
    if (!settings.codeLens) return [];
    const result = await analysisOf(doc);
    if (!result) return [];
    const lenses: CodeLens[] = result.callSites.map((c) => ({ range: c.nameRange, command: { title: codeLensTitle(c), command: '' } }));
    const path = doc.uri.startsWith('file:') ? fileURLToPath(doc.uri) : undefined;
    const importers: { uri: string; result: AnalysisResult }[] = [];
    for (const uri of path ? (importersOf.get(path) ?? []) : []) {
      const importer = documents.get(uri);
      const a = importer && uri !== doc.uri ? await analysisOf(importer) : null;
      if (a) importers.push({ uri, result: a });
    }
    lenses.push(...promptConstantLenses(doc, path, result, importers));
    return lenses;
  } catch (e) {
    connection.console.error(`costlint: code lens failed: ${(e as Error).stack ?? e}`);
    return [];
  }
});

connection.onCodeAction(async (params): Promise<CodeAction[]> => {
  const doc = getDoc(params.textDocument.uri);
  if (!doc) return [];
  try {
    const result = await analysisOf(doc);
    // Fixes are only offered for the version they were computed on (a cell's is its notebook's current state).
    const current = notebooks.findNotebookDocumentForCell(doc.uri) ? getDoc(doc.uri)?.version === doc.version : analyses.get(doc.uri)?.version === doc.version;
    if (!result || !current) return [];
    // Fixes are parsed again before they are offered (once per analysis: per edit they are not).
    const analyzer = session?.analyzer;
    if (result.fixesUnchecked && analyzer) analyzer.checkFixes({ text: doc.getText(), language: result.language ?? (doc.languageId as Language), document: doc.uri }, result);
    logFailures(result, doc.uri);
    const actions: CodeAction[] = [];
    const only = params.context.only;
    const wants = (kind: string) => !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
    // source.fixAll.costlint (editor.codeActionsOnSave): every safe fix in the document at once.
    if (only && wants(FIX_ALL) && analyzer) {
      // Deduplicated, without overlaps (those wait for the next run), and parsed together first.
      const edits = analyzer.fixAll({ text: doc.getText(), language: result.language ?? (doc.languageId as Language), document: doc.uri }, result.findings);
      if (edits.length) {
        const range = (e: (typeof edits)[number]) => ({ start: doc.positionAt(e.span.start), end: doc.positionAt(e.span.end) });
        actions.push({ title: 'Fix all safe costlint problems', kind: FIX_ALL, edit: { documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits: edits.map((e) => ({ range: range(e), newText: e.newText })) }] } });
      }
    }
    if (!wants(CodeActionKind.QuickFix)) return actions;
    actions.push(...findingActions(doc, result, doc.offsetAt(params.range.start), doc.offsetAt(params.range.end), toDiagnostic, (rule) => turnOffInConfig(doc.uri, rule)));
    return actions;
  } catch (e) {
    connection.console.error(`costlint: code actions failed: ${(e as Error).stack ?? e}`);
    return [];
  }
});

/**
 * The edit that sets `"rules": { "<rule>": "off" }` in the costlint.json that applies to `uri`
 * (the nearest one, else a new one at the workspace folder's root), keeping its comments.
 */
function turnOffInConfig(uri: string, rule: string): WorkspaceEdit | undefined {
  if (!uri.startsWith('file:') && !uri.startsWith('vscode-notebook-cell:')) return undefined;
  const notebook = notebooks.findNotebookDocumentForCell(uri);
  const fileUri = notebook?.uri ?? uri;
  if (!fileUri.startsWith('file:')) return undefined;
  const path = fileURLToPath(fileUri);
  const root = session?.rootOf(path);
  if (!root) return undefined;
  const found = configFor(path, root).path;
  const target = found ?? join(root, CONFIG_FILE);
  const targetUri = pathToFileURL(target).href;
  if (!found) return turnOffEdit(targetUri, rule, undefined);
  try {
    return turnOffEdit(targetUri, rule, documents.get(targetUri)?.getText() ?? readFileSync(target, 'utf8'));
  } catch {
    return undefined;
  }
}

process.on('uncaughtException', (e) => connection.console.error(`costlint: uncaught: ${e.stack ?? e}`));
process.on('unhandledRejection', (e) => connection.console.error(`costlint: unhandled rejection: ${(e as Error)?.stack ?? e}`));

documents.listen(connection);
notebooks.listen(connection);
notebooks.onDidClose((n) => notebookAnalyses.delete(n.uri));
notebooks.cellTextDocuments.onDidChangeContent((e) => lastChange.set(e.document.uri, Date.now()));
connection.listen();
