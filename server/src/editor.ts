// The language server's state around the project session: open documents and notebooks, the
// editor's settings, one analysis per document version, which open documents import which files,
// the workspace overview (every file's call sites) and its scan, and when to ask the client to
// pull diagnostics and code lenses again. server.ts registers the LSP handlers that read it.
import {
  type Connection,
  type InitializeParams,
  FileChangeType,
  LSPErrorCodes,
  NotebookCellKind,
  NotebookDocuments,
  ResponseError,
  TextDocuments,
  type CancellationToken,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { readFileSync } from 'node:fs';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { languageOfPath, SUPPORTED_LANGUAGES, unreadableReason, type Analyzer } from './core/analyze';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { collectFiles, isLintable } from './host/files';
import { CONFIG_FILE } from './core/config';
import { USAGE_FILE } from './core/measured/file';
import { DEFAULT_MAX_CARD_AGE_DAYS, staleCardsMessage, staleDays } from './core/ratecards';
import { turnOffEdit } from './actions';
import { configFor, configTextIssues, createNodeAnalyzer, StatMemo } from './host/node';
import { ProjectSession } from './host/session';
import { DEFAULT_SETTINGS, type AnalysisResult, type AnalysisSettings, type Language, type Severity } from './core/types';
import { codeLensTitle } from './hover';
import { fileCost, summarize, WORKSPACE_CHANGED, type FileSummary, type RateCardEntry, type WorkspaceSummary } from './protocol';

/** Quiet period after the last edit before a document is analyzed again. */
const DEBOUNCE_MS = Number(process.env.COSTLINT_DEBOUNCE_MS ?? 150);

/** The editor's `costlint.*` settings for a resource. */
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
const DEFAULT_EDITOR_SETTINGS: Settings = {
  enable: true,
  defaultOutputCap: DEFAULT_SETTINGS.defaultOutputCap,
  codeLens: true,
  inlayHints: false,
  rules: {},
  expectedOutputTokens: null,
};
const SEVERITIES = ['off', 'info', 'warning', 'error'];
/** What the code lenses of a document show, to tell when they changed. */
function lensKey(r: AnalysisResult): string {
  return r.callSites.map((c) => codeLensTitle(c)).join('\n');
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** The answer to a request about a document version that is no longer current: the client asks again. */
export const cancelled = () => new ResponseError(LSPErrorCodes.ServerCancelled, 'document changed', { retriggerRequest: true });

export class EditorState {
  /** The project (folders, trust, costlint.json files, imports, prefixes): made once the analyzer is loaded. */
  session: ProjectSession | undefined;
  private sessionReady: Promise<ProjectSession> | undefined;
  private workDoneProgress = false;
  private hasConfiguration = false;
  private codeLensRefresh = false;
  /** The editor's settings per resource, as the client last gave them. */
  private readonly settingsCache = new Map<string, Promise<Settings>>();
  /** The analysis of each open document, for the version it was made for. */
  readonly analyses = new Map<string, { version: number; result: AnalysisResult }>();
  /** Per notebook: the analysis of all its code cells as one module, for one state of its cells. */
  private readonly notebookAnalyses = new Map<string, { signature: string; result: AnalysisResult }>();
  /** When each document was last edited (its analysis waits for the edits to settle). */
  private readonly lastChange = new Map<string, number>();
  /** For each workspace file, the open documents whose last analysis read it: the users of its prompt constants. */
  readonly importersOf = new Map<string, Set<string>>();
  /** Components whose failure was logged once already. */
  private readonly loggedFailures = new Set<string>();
  /** The costlint.json problems last shown, per file: each state of a file is shown once. */
  private readonly reportedConfigs = new Map<string, string>();
  /**
   * The document of each file in the session's prefix index (a closed file's prefixes stay, as the
   * file still sends them: `uncached-prefix` counts calls in other files too).
   */
  private readonly uriOfPrefixFile = new Map<string, string>();
  /** Grammars whose loading was logged. */
  private readonly grammarsLogged = new Set<string>();

  // The workspace overview: every file's call sites, for the status bar, the tree and the report.
  /** Per file URI: its summary, from the last analysis of the open document or of the file on disk. */
  private readonly summaries = new Map<string, FileSummary>();
  private scanning = false;
  private scannedFiles = 0;
  /** Bumped by each scan: an older scan still running stops at its next file. */
  private scanGeneration = 0;

  private changedTimer: NodeJS.Timeout | undefined;
  private lensTimer: NodeJS.Timeout | undefined;
  private refreshTimer: NodeJS.Timeout | undefined;
  private readonly summaryTimers = new Map<string, NodeJS.Timeout>();

  constructor(
    readonly connection: Connection,
    readonly documents: TextDocuments<TextDocument>,
    readonly notebooks: NotebookDocuments<TextDocument>,
  ) {}

  // ---- What the client tells the server ----

  /** The client's capabilities, folders and trust; the analyzer and the project session load from here. */
  initialize(params: InitializeParams): void {
    this.workDoneProgress = !!params.capabilities.window?.workDoneProgress;
    this.hasConfiguration = !!params.capabilities.workspace?.configuration;
    this.codeLensRefresh = !!params.capabilities.workspace?.codeLens?.refreshSupport;
    const trusted = (params.initializationOptions as { trusted?: boolean } | undefined)?.trusted !== false;
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    const roots = folders.filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
    this.sessionReady = createNodeAnalyzer(undefined, true).then((a) => {
      const session = new ProjectSession(a, { roots, trusted, configName: (p) => basename(p), open: (p) => this.openDocument(p) });
      this.session = session;
      for (const i of a.rateCards.issues) {
        this.connection.console.warn(
          `rate card ${i.file}${i.entry ? ` entry ${i.entry}` : ''}${i.field ? ` field ${i.field}` : ''}: ${i.message} (entry skipped)`,
        );
      }
      this.connection.console.info(`costlint: ${a.rateCards.models.length} models loaded, rate cards as of ${a.rateCards.asOf}`);
      // Old cards are said once per session (the first folder's costlint.json may allow more days).
      const maxAge = (roots[0] ? configFor(join(roots[0], CONFIG_FILE), roots[0]).config.rateCardsMaxAgeDays : undefined) ?? DEFAULT_MAX_CARD_AGE_DAYS;
      const stale = staleDays(a.rateCards.asOf, new Date().toISOString().slice(0, 10), maxAge);
      if (stale !== null && a.rateCards.asOf) void this.connection.window.showWarningMessage(`costlint: ${staleCardsMessage(a.rateCards.asOf, stale, maxAge)}`);
      return session;
    });
  }

  /** The workspace was trusted after start-up: its rate-card files may now be read. */
  trust(): void {
    void this.sessionReady?.then((s) => {
      s.trusted = true;
      this.everythingChanged();
    });
  }

  /** Workspace folders added and removed (URIs). */
  foldersChanged(added: string[], removed: string[]): void {
    const add = added.filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
    const gone = new Set(removed);
    void this.sessionReady?.then((s) => {
      s.setRoots([...s.folders.filter((r) => !gone.has(pathToFileURL(r).href)), ...add]);
      for (const [uri, f] of this.summaries) if (gone.has(f.root)) this.summaries.delete(uri);
      void this.scanWorkspace();
    });
  }

  /** The overview asked for again from scratch (the "Rescan" command). */
  async rescan(): Promise<WorkspaceSummary> {
    this.analyses.clear();
    await this.scanWorkspace();
    return this.workspaceSummary();
  }

  /** An open document was edited: what imports it is stale, and its overview follows even when nothing asks for its analysis (it is not visible). */
  changed(uri: string): void {
    this.touched(uri);
    if (uri.startsWith('file:')) this.dependencyChanged([fileURLToPath(uri)]);
    clearTimeout(this.summaryTimers.get(uri));
    this.summaryTimers.set(
      uri,
      setTimeout(() => {
        this.summaryTimers.delete(uri);
        const doc = this.documents.get(uri);
        if (doc) void this.analysisOf(doc).catch(() => undefined);
      }, DEBOUNCE_MS * 3),
    );
  }

  /** A document or notebook cell was edited now (its analysis waits for the edits to settle). */
  touched(uri: string): void {
    this.lastChange.set(uri, Date.now());
  }

  /**
   * Files changed on disk (the client's watcher). A file another analysis imported from changed:
   * those analyses are stale. A costlint.json or a rate-card file it names changed: every analysis
   * may be (its sizes, defaults and prices apply to whole folders).
   */
  watchedFilesChanged(changes: { uri: string; type: number }[]): void {
    const files = changes.filter((c) => c.uri.startsWith('file:')).map((c) => fileURLToPath(c.uri));
    void this.refreshOnDisk(changes.filter((c) => c.uri.startsWith('file:') && !this.isOpen(c.uri)));
    // The measured usage and CODEOWNERS apply to whole folders too.
    if (files.some((f) => basename(f) === CONFIG_FILE || basename(f) === USAGE_FILE || basename(f) === 'CODEOWNERS' || this.session?.pricingFiles.has(f))) {
      this.everythingChanged();
      return;
    }
    this.dependencyChanged(files);
  }

  /** A document was closed: without saving, the file on disk is what counts again. */
  closed(uri: string): void {
    this.analyses.delete(uri);
    this.session?.analyzer.forget(uri);
    // Exports computed from its unsaved text are computed again from the disk's.
    if (uri.startsWith('file:')) this.session?.analyzer.modulesChanged([fileURLToPath(uri)]);
    void this.refreshOnDisk([{ uri, type: FileChangeType.Changed }]);
    for (const users of this.importersOf.values()) users.delete(uri);
    this.lastChange.delete(uri);
    this.settingsCache.delete(uri);
  }

  notebookClosed(uri: string): void {
    this.notebookAnalyses.delete(uri);
  }

  /** The rate-card entry of the model of the call at a position: the file and line to open. */
  async rateCardEntry(uri: string, position: { line: number; character: number }): Promise<RateCardEntry | null> {
    const doc = this.getDoc(uri);
    const session = this.session;
    if (!doc || !session) return null;
    const result = await this.analysisOf(doc);
    const offset = doc.offsetAt(position);
    const site = result?.callSites
      .filter((c) => c.span.start <= offset && offset <= c.span.end)
      .sort((a, b) => a.span.end - a.span.start - (b.span.end - b.span.start))[0];
    const model = site?.estimate.pricing?.model;
    if (!site || !model || model === 'local') return null;
    const fileUri = this.notebooks.findNotebookDocumentForCell(doc.uri)?.uri ?? doc.uri;
    const cards = this.analysisSettingsFor(fileUri, await this.settingsFor(fileUri)).settings.rateCards ?? session.analyzer.rateCards;
    const card = cards.find(model);
    if (!card) return null;
    let file = card.file;
    if (!isAbsolute(file)) {
      // A project's rate-card file is named relative to its costlint.json.
      const cfg = fileUri.startsWith('file:') ? configFor(fileURLToPath(fileUri), session.rootOf(fileURLToPath(fileUri))).path : null;
      if (cfg) file = resolve(dirname(cfg), file);
    }
    let line: number;
    try {
      const lines = readFileSync(file, 'utf8').split('\n');
      line = Math.max(
        0,
        lines.findIndex((l) => l.includes(`"id": ${JSON.stringify(card.id)}`)),
      );
    } catch {
      line = 0;
    }
    return { model: card.id, file, line };
  }

  // ---- Analyses ----

  /** Whether a document or notebook is open (its own analyses cover it, not the scan). */
  private isOpen(uri: string): boolean {
    return !!this.documents.get(uri) || this.notebooks.getNotebookDocument(uri) !== undefined;
  }

  /** An open text document or notebook cell. */
  getDoc(uri: string): TextDocument | undefined {
    return this.documents.get(uri) ?? this.notebooks.cellTextDocuments.get(uri);
  }

  /** How a file is named in messages about other files: relative to its workspace folder (an untitled document: its URI). */
  private displayName(uri: string): string {
    if (!uri.startsWith('file:')) return uri;
    const path = fileURLToPath(uri);
    return this.session ? this.session.nameOf(path) : basename(path);
  }

  /** An open document's text, which imports read before the disk. */
  private openDocument(path: string): { text: string; version: number } | undefined {
    const doc = this.documents.get(pathToFileURL(path).href);
    return doc ? { text: doc.getText(), version: doc.version } : undefined;
  }

  /** Settings, a costlint.json or a rate-card file changed: every analysis is stale, and the workspace is scanned again. */
  everythingChanged(): void {
    this.settingsCache.clear();
    this.analyses.clear();
    this.notebookAnalyses.clear();
    void this.connection.languages.diagnostics.refresh().catch(() => undefined);
    this.refreshCodeLenses();
    void this.scanWorkspace();
  }

  /** Records a file's analysis for the overviews and tells the client (at most every 300 ms). */
  private recordSummary(uri: string, result: AnalysisResult | null): void {
    if (!uri.startsWith('file:')) return;
    const path = fileURLToPath(uri);
    const root = this.session?.rootOf(path);
    if (!root) return;
    if (result && (result.callSites.length || result.findings.length))
      this.summaries.set(uri, summarize(result, uri, relative(root, path).split(sep).join('/'), pathToFileURL(root).href));
    else if (!this.summaries.delete(uri)) return;
    this.workspaceChanged();
  }

  private workspaceChanged(): void {
    clearTimeout(this.changedTimer);
    this.changedTimer = setTimeout(() => void this.connection.sendNotification(WORKSPACE_CHANGED), 300);
  }

  workspaceSummary(): WorkspaceSummary {
    const files = [...this.summaries.values()].sort((a, b) => fileCost(b) - fileCost(a) || a.path.localeCompare(b.path));
    return {
      roots: (this.session?.folders ?? []).map((r) => pathToFileURL(r).href),
      files,
      scanning: this.scanning,
      scannedFiles: this.scannedFiles,
      rateCardsAsOf: this.session?.analyzer.rateCards.asOf ?? null,
    };
  }

  /** Analyzes a workspace file from disk (it is not open), as an open document would be; `memo` during a scan. */
  private async analyzeOnDisk(path: string, s: ProjectSession, memo?: StatMemo): Promise<AnalysisResult | null> {
    const uri = pathToFileURL(path).href;
    const editor = await this.settingsFor(pathToFileURL(s.rootOf(path) ?? path).href);
    if (!editor.enable) return null;
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      return null;
    }
    const project = this.analysisSettingsFor(uri, editor, memo);
    if (project.excluded) return null;
    const name = this.displayName(uri);
    const language = languageOfPath(path);
    if (path.toLowerCase().endsWith('.ipynb')) {
      if (unreadableReason(text, 64_000_000)) return null;
      await this.prepare(s.analyzer, 'python');
      return s.analyze({ path, notebook: text }, project.settings, { memo, prefixesFor: name });
    }
    if (!language) return null;
    await this.prepare(s.analyzer, language);
    // A scanned file's fixes are never offered (opened, it is analyzed again): they are not checked.
    const result = s.analyze({ path, text, language, deferFixCheck: true }, project.settings, { memo, prefixesFor: name });
    this.prefixesSent(s, name, uri, result);
    return result;
  }

  /**
   * Records the cacheable prefixes a file (`name` in the session's index, `uri` its document)
   * sends: the open documents sending one it sent, or sends now, have their analyses joined again
   * with what the files send (none is analyzed again), and their diagnostics pulled again.
   */
  private prefixesSent(s: ProjectSession, name: string, uri: string, result: AnalysisResult): void {
    this.uriOfPrefixFile.set(name, uri);
    const affected = s.prefixes.set(name, result).map((f) => [f, this.uriOfPrefixFile.get(f)] as const);
    let changed = false;
    for (const [file, u] of affected) {
      const a = u && u !== uri ? this.analyses.get(u) : undefined;
      if (!a || !s.prefixes.join(file, a.result)) continue;
      this.recordSummary(u!, a.result);
      changed = true;
    }
    if (changed) this.refreshSoon();
  }

  /** Loads a language's grammar on first use, and says so in the log with the time it took. */
  private async prepare(a: Analyzer, language: Language): Promise<void> {
    if (a.ready(language)) return;
    const t = Date.now();
    await a.prepare(language);
    if (this.grammarsLogged.has(language)) return;
    this.grammarsLogged.add(language);
    this.connection.console.info(`costlint: loaded the ${language} grammar (${Date.now() - t} ms)`);
  }

  /**
   * Reads every analyzable file of the workspace folders (skipping open ones, which their own
   * analyses cover), yielding between files so the server keeps answering; progress is shown
   * through LSP work-done progress. A new scan stops an older one.
   */
  async scanWorkspace(): Promise<void> {
    const generation = ++this.scanGeneration;
    const s = this.session ?? (await this.sessionReady!);
    if (generation !== this.scanGeneration) return;
    this.scanning = true;
    this.workspaceChanged();
    const files = s.folders.flatMap((r) => collectFiles([r], r).files);
    const progress = this.workDoneProgress ? await this.connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
    progress?.begin('costlint', 0, `scanning ${files.length} files`, false);
    const seen = new Set<string>();
    let done = 0;
    const started = Date.now();
    // Folders are looked at once per scan for costlint.json and package.json files.
    const memo = new StatMemo();
    for (const path of files) {
      if (generation !== this.scanGeneration) {
        progress?.done();
        return;
      }
      const uri = pathToFileURL(path).href;
      seen.add(uri);
      if (!this.isOpen(uri)) {
        try {
          this.recordSummary(uri, await this.analyzeOnDisk(path, s, memo));
        } catch (e) {
          this.connection.console.error(`costlint: scanning ${path} failed: ${(e as Error).message}`);
        }
      }
      done++;
      if (done % 25 === 0) {
        progress?.report(Math.round((done / files.length) * 100), `${done}/${files.length} files`);
        await new Promise((r) => setImmediate(r));
      }
    }
    // Files gone since the last scan.
    for (const uri of [...this.summaries.keys()]) if (!seen.has(uri) && !this.isOpen(uri)) this.summaries.delete(uri);
    this.scanning = false;
    this.scannedFiles = files.length;
    progress?.done();
    const mem = process.memoryUsage();
    const mb = (n: number) => Math.round(n / 1e6);
    this.connection.console.info(
      `costlint: scanned ${files.length} files in ${Date.now() - started} ms, ${[...this.summaries.values()].reduce((n, f) => n + f.callSites.length, 0)} call sites (memory: RSS ${mb(mem.rss)} MB, JS heap ${mb(mem.heapUsed)} of ${mb(mem.heapTotal)} MB, buffers and WebAssembly ${mb(mem.arrayBuffers)} MB)`,
    );
    this.workspaceChanged();
  }

  /** Files changed, created or deleted on disk (not open): their summaries follow. */
  private async refreshOnDisk(changes: { uri: string; type: number }[]): Promise<void> {
    const s = this.session ?? (await this.sessionReady!);
    for (const c of changes) {
      const path = fileURLToPath(c.uri);
      if (!s.rootOf(path) || !isLintable(path)) continue;
      if (c.type === FileChangeType.Deleted) {
        this.recordSummary(c.uri, null);
        s.prefixes.set(this.displayName(c.uri), null);
      } else {
        try {
          this.recordSummary(c.uri, await this.analyzeOnDisk(path, s));
        } catch {
          this.recordSummary(c.uri, null);
        }
      }
    }
  }

  private refreshCodeLensesSoon(): void {
    clearTimeout(this.lensTimer);
    this.lensTimer = setTimeout(() => this.refreshCodeLenses(), DEBOUNCE_MS);
  }

  /** Asks the client to ask for code lenses again (their text depends on settings and on other files). */
  private refreshCodeLenses(): void {
    if (this.codeLensRefresh) void this.connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
  }

  settingsFor(uri: string): Promise<Settings> {
    if (!this.hasConfiguration) return Promise.resolve(DEFAULT_EDITOR_SETTINGS);
    let s = this.settingsCache.get(uri);
    if (!s) {
      s = this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'costlint' }).then((c: Partial<Settings> | null) => ({
        enable: c?.enable !== false,
        defaultOutputCap:
          Number.isInteger(c?.defaultOutputCap) && (c!.defaultOutputCap as number) > 0 ? (c!.defaultOutputCap as number) : DEFAULT_SETTINGS.defaultOutputCap,
        codeLens: c?.codeLens !== false,
        inlayHints: c?.inlayHints === true,
        // Entries that are not a known severity are ignored (VS Code's settings editor warns about them).
        rules: Object.fromEntries(Object.entries(c?.rules && typeof c.rules === 'object' ? c.rules : {}).filter(([, v]) => SEVERITIES.includes(v as string))),
        expectedOutputTokens:
          Number.isInteger(c?.expectedOutputTokens) && (c!.expectedOutputTokens as number) >= 0 ? (c!.expectedOutputTokens as number) : null,
      }));
      this.settingsCache.set(uri, s);
    }
    return s;
  }

  /**
   * The analysis settings for a file: the editor's settings under the nearest costlint.json, which
   * wins (it is the project's, shared by the team and by CI), with its pricing; and whether it
   * excludes the file. Its problems are logged and shown once per state of the file; the fields at
   * fault fall back to their defaults.
   */
  analysisSettingsFor(uri: string, editor: Settings, memo?: StatMemo): { settings: Partial<AnalysisSettings>; excluded: string | null } {
    const base: Partial<AnalysisSettings> = {
      defaultOutputCap: editor.defaultOutputCap,
      ...(Object.keys(editor.rules).length ? { ruleSeverity: editor.rules } : {}),
      ...(editor.expectedOutputTokens !== null ? { expectedOutputTokens: editor.expectedOutputTokens } : {}),
    };
    if (!uri.startsWith('file:') || !this.session) return { settings: base, excluded: null };
    const project = this.session.project(fileURLToPath(uri), base, memo);
    const usage = project.usage;
    if (usage?.path) {
      const said = usage.issues.map((i) => `${usage.path}:${i.range.start.line + 1}:${i.range.start.character + 1}: ${i.message}`).join('\n');
      if (this.reportedConfigs.get(usage.path) !== said) {
        this.reportedConfigs.set(usage.path, said);
        if (said) {
          this.connection.console.error(`costlint: ${said}`);
          void this.connection.window.showWarningMessage(
            `costlint: ${basename(usage.path)} line ${usage.issues[0].range.start.line + 1}: ${usage.issues[0].message}`,
          );
        }
      }
    }
    const cfg = project.config;
    if (!cfg.path) return { settings: project.settings, excluded: null };
    const said = project.issues.map((i) => `${cfg.path}:${i.range.start.line + 1}:${i.range.start.character + 1}: ${i.message}`).join('\n');
    if (this.reportedConfigs.get(cfg.path) !== said) {
      this.reportedConfigs.set(cfg.path, said);
      if (said) {
        const first = project.issues[0];
        this.connection.console.error(`costlint: problems in ${cfg.path} (the fields at fault use their defaults):\n${said}`);
        void this.connection.window.showWarningMessage(
          `costlint: ${project.issues.length} problem${project.issues.length === 1 ? '' : 's'} in ${basename(cfg.path)}: ${first.message} (line ${first.range.start.line + 1}). Those fields use their defaults.`,
        );
      }
    }
    return { settings: project.settings, excluded: project.excluded };
  }

  private dependencyChanged(paths: string[]): void {
    // What other modules export, computed from these files (a client re-exported from one), is computed again.
    this.session?.analyzer.modulesChanged(paths);
    const changed = new Set(paths);
    this.staleAnalyses([...this.analyses].filter(([, a]) => a.result.dependencies?.some((d) => changed.has(d))).map(([uri]) => uri));
  }

  /** Drops these documents' analyses and asks the client to pull their diagnostics again once the edits settle. */
  private staleAnalyses(uris: string[]): void {
    let stale = false;
    for (const uri of uris) stale = this.analyses.delete(uri) || stale;
    if (stale) this.refreshSoon();
  }

  /** Asks the client to pull diagnostics and code lenses again once the edits settle. */
  private refreshSoon(): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => {
      void this.connection.languages.diagnostics.refresh().catch(() => undefined);
      this.refreshCodeLenses();
    }, DEBOUNCE_MS);
  }

  logFailures(result: AnalysisResult, uri: string): void {
    for (const err of result.errors) {
      if (this.loggedFailures.has(err.component)) continue;
      this.loggedFailures.add(err.component);
      this.connection.console.error(`costlint: ${err.component} failed on ${uri} (further failures of it are not logged): ${err.message}`);
    }
  }

  /**
   * A notebook cell's view of its notebook's analysis: the call sites and findings in this cell,
   * with spans and ranges relative to the cell. The notebook is analyzed once per state of its cells.
   */
  private async cellAnalysisOf(doc: TextDocument): Promise<AnalysisResult | null | undefined> {
    const notebook = this.notebooks.findNotebookDocumentForCell(doc.uri);
    if (!notebook) return undefined;
    const settings = await this.settingsFor(notebook.uri);
    if (!settings.enable) return null;
    const sess = this.session ?? (await this.sessionReady!);
    await this.prepare(sess.analyzer, 'python');
    const cells = notebook.cells.map((c) => ({ cell: c, doc: this.notebooks.getCellTextDocument(c) }));
    const signature = cells.map((c) => `${c.cell.document}@${c.doc?.version ?? -1}`).join('|');
    let entry = this.notebookAnalyses.get(notebook.uri);
    if (!entry || entry.signature !== signature) {
      const input = cells.map((c) => ({
        type: c.cell.kind === NotebookCellKind.Code && c.doc?.languageId === 'python' ? 'code' : 'markdown',
        source: c.doc?.getText() ?? '',
      }));
      const path = notebook.uri.startsWith('file:') ? fileURLToPath(notebook.uri) : undefined;
      const project = this.analysisSettingsFor(notebook.uri, settings);
      const result = project.excluded
        ? { language: 'python' as const, callSites: [], findings: [], skipped: project.excluded, errors: [] }
        : sess.analyze({ path, cells: input }, project.settings);
      this.logFailures(result, notebook.uri);
      this.recordSummary(notebook.uri, result);
      entry = { signature, result };
      this.notebookAnalyses.set(notebook.uri, entry);
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
  async analysisOf(doc: TextDocument): Promise<AnalysisResult | null> {
    const cell = await this.cellAnalysisOf(doc);
    if (cell !== undefined) return cell;
    if (!SUPPORTED_LANGUAGES.includes(doc.languageId as Language)) return null;
    const cached = this.analyses.get(doc.uri);
    if (cached && cached.version === doc.version) return cached.result;
    const settings = await this.settingsFor(doc.uri);
    if (!settings.enable) return null;
    const sess = this.session ?? (await this.sessionReady!);
    // The grammar loads on the first document of its language.
    await this.prepare(sess.analyzer, doc.languageId as Language);
    const current = this.documents.get(doc.uri);
    if (!current || current.version !== doc.version) return null;
    const path = doc.uri.startsWith('file:') ? fileURLToPath(doc.uri) : undefined;
    const project = this.analysisSettingsFor(doc.uri, settings);
    const name = this.displayName(doc.uri);
    const result: AnalysisResult = project.excluded
      ? { language: doc.languageId as Language, callSites: [], findings: [], skipped: project.excluded, errors: [] }
      : sess.analyze({ path, text: doc.getText(), language: doc.languageId as Language, document: doc.uri, deferFixCheck: true }, project.settings, {
          prefixesFor: name,
        });
    this.prefixesSent(sess, name, doc.uri, result);
    this.logFailures(result, doc.uri);
    if (result.skipped) this.connection.console.info(`costlint: ${doc.uri}: ${result.skipped}`);
    // The lenses of this document change with its costs: ask the client for them again (VS Code's own
    // re-request after an edit can lag by seconds once it has timed a slow first answer).
    const before = this.analyses.get(doc.uri)?.result;
    if (before && lensKey(before) !== lensKey(result)) this.refreshCodeLensesSoon();
    this.analyses.set(doc.uri, { version: doc.version, result });
    for (const users of this.importersOf.values()) users.delete(doc.uri);
    for (const dep of result.dependencies ?? []) {
      if (!this.importersOf.has(dep)) this.importersOf.set(dep, new Set());
      this.importersOf.get(dep)!.add(doc.uri);
    }
    this.recordSummary(doc.uri, result);
    return result;
  }

  async settle(uri: string, token: CancellationToken): Promise<void> {
    for (;;) {
      const wait = (this.lastChange.get(uri) ?? 0) + DEBOUNCE_MS - Date.now();
      if (wait <= 0) return;
      await sleep(wait);
      if (token.isCancellationRequested) throw cancelled();
    }
  }

  /** The problems of an open costlint.json as its text is now: the file's own, and those of the rate-card files and pricing it names. */
  configIssuesOf(doc: TextDocument) {
    const path = fileURLToPath(doc.uri);
    return configTextIssues(path, doc.getText(), { root: this.session?.rootOf(path), cards: this.session?.analyzer.rateCards, trusted: this.session?.trusted });
  }

  /**
   * The edit that sets `"rules": { "<rule>": "off" }` in the costlint.json that applies to `uri`
   * (the nearest one, else a new one at the workspace folder's root), keeping its comments.
   */
  turnOffInConfig(uri: string, rule: string): WorkspaceEdit | undefined {
    if (!uri.startsWith('file:') && !uri.startsWith('vscode-notebook-cell:')) return undefined;
    const notebook = this.notebooks.findNotebookDocumentForCell(uri);
    const fileUri = notebook?.uri ?? uri;
    if (!fileUri.startsWith('file:')) return undefined;
    const path = fileURLToPath(fileUri);
    const root = this.session?.rootOf(path);
    if (!root) return undefined;
    const found = configFor(path, root).path;
    const target = found ?? join(root, CONFIG_FILE);
    const targetUri = pathToFileURL(target).href;
    if (!found) return turnOffEdit(targetUri, rule, undefined);
    try {
      return turnOffEdit(targetUri, rule, this.documents.get(targetUri)?.getText() ?? readFileSync(target, 'utf8'));
    } catch {
      return undefined;
    }
  }
}
