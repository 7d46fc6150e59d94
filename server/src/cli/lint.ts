// One lint run over a project: the files to analyze, each under its nearest costlint.json, with
// imports resolved within the project, cacheable prefixes compared across files, and usage ids
// checked. Used by `costlint lint` and, once per revision, by `costlint diff`.
//
// Large runs are shared with worker threads (`workers`): each takes the files to parse from a
// shared queue (`WorkQueue`), lints them with its own analyzer and sends back plain data, which is
// merged in the files' order, so the result is the one a single thread gives. What spans files
// (prefixes sent by several files, usage ids per costlint.json) is done here, on the merged result.
import { readRegularFile } from '../host/fsread';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { Analyzer } from '../core/analyze';
import { languageOfPath, mayCallSdk, textMattersWithoutSdk, unreadableReason } from '../core/analyze';
import { unmatchedUsageIds, type CostlintConfig } from '../core/config';
import { languageSpec } from '../core/languages';
import { tsRecognizer, type JsLanguage } from '../core/jslanguage';
import { configFor, StatMemo } from '../host/node';
import type { FolderListings } from '../host/files';
import { ImportGraph } from '../host/importgraph';
import { ProjectSession } from '../host/session';
import { DEFAULT_SETTINGS, type AnalysisResult, type AnalysisSettings, type Language } from '../core/types';
import type { ConfigIssueReport, FileReport } from './report';

const MAX_NOTEBOOK_JSON = 64_000_000;

/** What a lint run is told, besides its files: the same in a worker thread (plain data). */
export interface LintSettings {
  /** The project root: files, configs and imports are relative to it. */
  cwd: string;
  /** `--default-output-cap`, which wins over costlint.json. */
  capFlag?: number;
  /** `--as-of`: the date lifecycle and dated prices are judged at (today when absent). */
  today?: string;
}

export interface LintOptions extends LintSettings {
  /** Absolute paths of the files to lint (from `collectFiles`). */
  files: string[];
  /** Files named on the command line: an excluded one is listed as skipped, with why. */
  named?: Set<string>;
  /** Folders' entries as `collectFiles` listed them, for the import graph and the config lookups (others are asked of the disk). */
  listings?: FolderListings;
  analyzer: Analyzer;
  /** Called after each file, for a progress line. */
  progress?: (done: number, total: number, file: string) => void;
  /** Worker threads to share the files with; none: all are linted here. */
  workers?: LintWorkers;
}

/** Runs `lintFromQueue` in worker threads (the CLI's `--jobs`). */
export interface LintWorkers {
  /** Threads besides this one. */
  count: number;
  /**
   * Gives one of the threads (started when the workers were made: it loads while this one walks and
   * reads the files) its work: it lints the files it takes from the back of each share's queue in
   * turn (the files naming an SDK, a share per part of the list read, then those the import graph
   * reaches one from); `progress` is told how many it has done. The entries per share.
   */
  run(shares: Promise<WorkShare>[], progress: (done: number) => void): Promise<QueuedEntry[][]>;
  /** Ends the threads now: when this one fails, a thread waiting for its next share would keep the process from exiting. */
  stop(): void;
}

/** The files to parse, for the other threads: plain data and a shared queue. */
export interface WorkShare {
  files: string[];
  named: string[];
  queue: SharedArrayBuffer;
}

export interface QueuedEntry {
  /** The file's position in `WorkShare.files`. */
  at: number;
  entry: FileEntry;
}

/**
 * A queue of `length` items that this thread takes from the front and worker threads from the
 * back, each item once (Atomics on shared memory: a count of what is left, and a count taken at
 * each end).
 */
export class WorkQueue {
  private readonly counts: Int32Array;

  constructor(
    readonly length: number,
    readonly buffer = new SharedArrayBuffer(12),
    fresh = true,
  ) {
    this.counts = new Int32Array(buffer);
    if (fresh) this.counts[0] = length;
  }

  static of(length: number, buffer: SharedArrayBuffer): WorkQueue {
    return new WorkQueue(length, buffer, false);
  }

  takeFront(): number | null {
    return Atomics.sub(this.counts, 0, 1) > 0 ? Atomics.add(this.counts, 1, 1) : null;
  }

  takeBack(): number | null {
    return Atomics.sub(this.counts, 0, 1) > 0 ? this.length - 1 - Atomics.add(this.counts, 2, 1) : null;
  }

  /** The positions not taken yet, `[front, end)` (empty once every one is taken; others may take more meanwhile). */
  untaken(): { front: number; end: number } {
    const front = Atomics.load(this.counts, 1);
    return Atomics.load(this.counts, 0) > 0 ? { front, end: Math.max(front, this.length - Atomics.load(this.counts, 2)) } : { front, end: front };
  }
}

/** One file's part of a run (plain data: it crosses threads). */
export interface FileEntry {
  /** Null: the file is left out and not listed (excluded, and not named on the command line). */
  report: FileReport | null;
  /** The costlint.json that applies. */
  configPath: string | null;
  /** That costlint.json's problems, on the first file of a share under it. */
  configIssues?: ConfigIssueReport[];
  /** The call-site ids of an analyzed file under a costlint.json (for its `usage` ids). */
  ids?: string[];
  /** The problems of the costlint.usage.json that applies, on the first file under it, with its path. */
  usageIssues?: { path: string; issues: ConfigIssueReport[] };
}

export interface LintRun {
  reports: FileReport[];
  configIssues: ConfigIssueReport[];
  /** The costlint.json at the project root, whose budgets gate the run as a whole. */
  rootConfig: CostlintConfig;
}

/** Lints files one by one with one analyzer and one project session; one per thread. */
export class FileLinter {
  /** The project: settings under costlint.json files, imports, notebooks, the prefixes files send. */
  readonly session: ProjectSession;
  // The files are taken as unchanged during the run: each folder is looked at once for configs.
  readonly memo: StatMemo;
  private readonly seenConfigs = new Set<string>();

  /** `listings`: folders' entries the walk read (`collectFiles`), so that a missing costlint.json is known without a `stat`. */
  constructor(
    private readonly s: LintSettings,
    analyzer: Analyzer,
    listings?: FolderListings,
  ) {
    this.memo = new StatMemo(listings);
    this.session = new ProjectSession(analyzer, { roots: [s.cwd], outsideRoot: s.cwd, configName: (p) => this.relPath(p), fixedFiles: true });
  }

  relPath(p: string): string {
    // A file found under the root (every file of a walk) is the rest of its path: `relative` took 40 ms per 10,000 files.
    const root = this.s.cwd;
    if (p.length > root.length + 1 && p.startsWith(root) && p[root.length] === sep) {
      const rest =
        sep === '/'
          ? p.slice(root.length + 1)
          : p
              .slice(root.length + 1)
              .split(sep)
              .join('/');
      // A path with `.` or `..` parts (not one the walk makes) is left to `relative`, which resolves them.
      if (!/(?:^|\/)\.\.?(?:\/|$)/.test(rest)) return rest;
    }
    return relative(root, p).split(sep).join('/') || p;
  }

  private issueOf(configPath: string, i: { range: { start: { line: number; character: number } }; path: string; message: string }): ConfigIssueReport {
    return { file: this.relPath(configPath), line: i.range.start.line + 1, column: i.range.start.character + 1, field: i.path, message: i.message };
  }

  /** `text`: the file's text when the caller has read it already. */
  lint(file: string, named: boolean, text?: string, reachesNoSdk?: boolean): FileEntry {
    const rel = this.relPath(file);
    // The nearest costlint.json; the command line's own options win over it.
    const project = this.session.project(file, { defaultOutputCap: DEFAULT_SETTINGS.defaultOutputCap }, this.memo);
    const configPath = project.config.path;
    const entry: FileEntry = { report: null, configPath };
    if (configPath && !this.seenConfigs.has(configPath)) {
      this.seenConfigs.add(configPath);
      entry.configIssues = project.issues.map((i) => this.issueOf(configPath, i));
    }
    const usagePath = project.usage?.path;
    if (usagePath && !this.seenConfigs.has(usagePath)) {
      this.seenConfigs.add(usagePath);
      if (project.usage!.issues.length) entry.usageIssues = { path: usagePath, issues: project.usage!.issues.map((i) => this.issueOf(usagePath, i)) };
    }
    if (project.excluded) {
      // A file named on the command line says why it was left out; one found in a folder is just not listed.
      if (named) entry.report = { file: rel, result: null, skipped: project.excluded };
      return entry;
    }
    const settings = {
      ...project.settings,
      ...(this.s.capFlag !== undefined ? { defaultOutputCap: this.s.capFlag } : {}),
      ...(this.s.today ? { today: this.s.today } : {}),
    };
    try {
      text ??= readRegularFile(file);
    } catch (e) {
      entry.report = { file: rel, result: null, skipped: `unreadable: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
      return entry;
    }
    const notebook = file.toLowerCase().endsWith('.ipynb');
    // A notebook's size is mostly its outputs (images, tables): the analysis limit applies to its
    // code cells (checked by the analyzer); the JSON itself only has to be reasonable to parse.
    const reason = unreadableReason(text, notebook ? MAX_NOTEBOOK_JSON : DEFAULT_SETTINGS.maxFileSize);
    if (reason) {
      entry.report = { file: rel, result: null, skipped: reason };
      return entry;
    }
    try {
      const result = this.analyzeText(file, text, settings, reachesNoSdk);
      // The analyzer's own reason for leaving the file out (too deep, too many calls, cells too large) is said too.
      entry.report = { file: rel, result, skipped: result.skipped };
      if (configPath) entry.ids = result.callSites.map((c) => c.id);
    } catch (e) {
      entry.report = { file: rel, result: null, skipped: (e as Error).message };
    }
    return entry;
  }

  /**
   * `lint` of several files, in order: their JavaScript and TypeScript files are read and parsed first,
   * together, so that those whose answers do not depend on the others share one checker (the
   * TypeScript recognizer's checker.ts: a checker of its own cost a TypeScript file about a quarter of its analysis).
   */
  lintTogether(files: string[], named: ReadonlySet<string>, read: (string | undefined)[] = []): FileEntry[] {
    const texts = files.map((f, i) => {
      if (read[i] !== undefined || !typeScriptParsed(f)) return read[i];
      try {
        return readRegularFile(f);
      } catch {
        return undefined; // `lint` reads it again, and says why it cannot.
      }
    });
    const parsed = texts.flatMap((text, i) =>
      text !== undefined && typeScriptParsed(files[i]) && !unreadableReason(text, DEFAULT_SETTINGS.maxFileSize)
        ? [{ text, language: languageOfPath(files[i]) as JsLanguage }]
        : [],
    );
    if (parsed.length > 1) tsRecognizer().prepareTypeScript(parsed);
    try {
      return files.map((f, i) => this.lint(f, named.has(f), texts[i]));
    } finally {
      if (parsed.length > 1) tsRecognizer().dropPreparedTypeScript();
    }
  }

  /**
   * Whether the lint of a file ruled out as reaching no SDK needs its text: a notebook's cells are
   * analyzed from its JSON whatever reaches them, and `textMattersWithoutSdk` says when a source
   * file's does (a prompt template, a suppression comment, binary bytes).
   */
  static textMattersRuledOut(file: string, text: string): boolean {
    return file.toLowerCase().endsWith('.ipynb') || textMattersWithoutSdk(text, languageOfPath(file), DEFAULT_SETTINGS.maxFileSize);
  }

  /**
   * `lint` of a file ruled out as reaching no SDK whose text, when it was read, was found not to
   * matter to its report (`textMattersRuledOut`): it is not read again.
   */
  lintRuledOut(file: string, named: boolean): FileEntry {
    return this.lint(file, named, '', true);
  }

  private analyzeText(file: string, text: string, settings: Partial<AnalysisSettings>, reachesNoSdk?: boolean): AnalysisResult {
    const path = resolve(file);
    const input = file.toLowerCase().endsWith('.ipynb')
      ? { path, notebook: text }
      : { path, text, language: languageOfPath(file)!, ...(reachesNoSdk ? { reachesNoSdk } : {}) };
    return this.session.analyze(input, settings, { memo: this.memo });
  }
}

/**
 * The shares a run with worker threads gives each of them, in turn: the files naming an SDK in each of
 * READ_SHARES parts of the list, shared as each part is read, then those the import graph reaches one from.
 */
export const READ_SHARES = 4;
export const SHARES = READ_SHARES + 1;

/** A worker thread's part: the files it takes from the back of the queue, linted. */
export function lintFromQueue(linter: FileLinter, share: WorkShare, progress?: (done: number) => void): QueuedEntry[] {
  const named = new Set(share.named);
  const queue = WorkQueue.of(share.files.length, share.queue);
  const out: QueuedEntry[] = [];
  for (let at = queue.takeBack(); at !== null; at = queue.takeBack()) {
    const batch = takeTogether(at, share.files, () => queue.takeBack());
    const entries = linter.lintTogether(
      batch.map((i) => share.files[i]),
      named,
    );
    const before = out.length;
    batch.forEach((i, k) => out.push({ at: i, entry: entries[k] }));
    if (Math.floor(out.length / 10) > Math.floor(before / 10)) progress?.(out.length);
  }
  return out;
}

/** How many JavaScript and TypeScript files a thread takes at once, to be checked together (`FileLinter.lintTogether`). */
export const TYPESCRIPT_TOGETHER = 16;

/** Positions taken with `first` to be linted with it: while the last one taken is a JavaScript or TypeScript file, the next ones, up to TYPESCRIPT_TOGETHER. */
export function takeTogether(first: number, files: readonly string[], take: () => number | null): number[] {
  const batch = [first];
  while (batch.length < TYPESCRIPT_TOGETHER && typeScriptParsed(files[batch[batch.length - 1]])) {
    const next = take();
    if (next === null) break;
    batch.push(next);
  }
  return batch;
}

/** The language a file is analyzed in: a notebook's cells are Python. */
function analyzedLanguage(file: string): Language | null {
  return file.toLowerCase().endsWith('.ipynb') ? 'python' : languageOfPath(file);
}

/** Whether TypeScript's compiler parses a file (JavaScript and TypeScript; the costly warm-up of `workOrder`). */
function typeScriptParsed(file: string): boolean {
  const lang = analyzedLanguage(file);
  return !!lang && languageSpec(lang).frontEnd === 'typescript';
}

/**
 * The files to parse (indexes into `files`) in the order threads take them, by language. A thread
 * pays for warming up each parser it uses: its first files of a language take about five times
 * as long as later ones, and TypeScript's compiler is loaded and compiled first (about as long as
 * 400 JavaScript or TypeScript files take once warm). This thread takes from the front and the
 * others from the back, so each mostly keeps to one language: JavaScript and TypeScript go to the
 * back (the other threads start on them while this one reads and asks the import graph), the other
 * languages to the front, most text first. `typeScriptFrom` is where JavaScript and TypeScript begin:
 * this thread stops there. Its TypeScript warm-up, and the modules two threads would each parse for
 * their exports, cost more than a second thread on these files gives back. Measured with one worker
 * on two vCPUs (issue 22): Flowise 4.63 s with this thread helping, 4.11 s without (3.98 s with no
 * worker); langchainjs 7.63 and 7.20 s; 1,014 TypeScript files 3.78 and 3.60 s; the bench's mixed
 * repository the same (3.42 and 3.39 s: there this thread helps with Python).
 */
export function workOrder(files: string[], parse: { index: number; size: number }[]): { order: number[]; typeScriptFrom: number } {
  const byLanguage = new Map<string, { size: number; indexes: number[] }>();
  const ts: number[] = [];
  for (const p of parse) {
    const f = files[p.index];
    if (typeScriptParsed(f)) {
      ts.push(p.index);
      continue;
    }
    const lang = analyzedLanguage(f) ?? 'other';
    let g = byLanguage.get(lang);
    if (!g) byLanguage.set(lang, (g = { size: 0, indexes: [] }));
    g.size += p.size;
    g.indexes.push(p.index);
  }
  const order = [...byLanguage.values()].sort((a, b) => b.size - a.size).flatMap((g) => g.indexes);
  return { order: [...order, ...ts], typeScriptFrom: order.length };
}

/**
 * Whether the files are nearly all JavaScript and TypeScript (four in five of those with a parser, prompt
 * files needing none): then a second thread does not pay on two cores. This thread takes none of them
 * (`workOrder`), so the worker does them all while this thread only reads: measured with one worker
 * on two vCPUs (issue 22), langchainjs took 6.82 s against 6.24 s in one thread, 1,014 TypeScript
 * files 3.60 against 3.53 s. Python's warm-up per thread is smaller: 4,032 Python files took 1.87 s
 * with two threads and 1.99 s with one; the bench's repository (60% JavaScript and TypeScript, 40%
 * Python) 3.39 s against 3.88 s.
 */
export function mostlyTypeScript(files: readonly string[]): boolean {
  let typeScript = 0;
  let total = 0;
  for (const f of files) {
    const lang = analyzedLanguage(f);
    const frontEnd = lang && languageSpec(lang).frontEnd;
    if (!frontEnd || frontEnd === 'prompt-file') continue;
    total++;
    if (frontEnd === 'typescript') typeScript++;
  }
  return total > 0 && typeScript >= total * 0.8;
}

/**
 * The languages whose grammars analyzing `files` needs (the analyzer's `prepare` loads each once, and
 * ignores a language without one). A thread loads only those: loading every grammar took about 0.1 s
 * of CPU per thread (C#'s alone is 5 MB of WebAssembly), and most projects have one or two languages.
 */
export function grammarsFor(files: readonly string[]): Language[] {
  const languages = new Set<Language>();
  for (const f of files) {
    const language = analyzedLanguage(f);
    if (language) languages.add(language);
  }
  return [...languages];
}

export async function lintFiles(o: LintOptions): Promise<LintRun> {
  await Promise.all(grammarsFor(o.files).map((l) => o.analyzer.prepare(l)));
  const linter = new FileLinter(o, o.analyzer, o.listings);
  const total = o.files.length;
  const named = o.named ?? new Set<string>();
  const entries = new Array<FileEntry>(total);
  let done = 0;
  /** The files each other thread has linted, as it last said. */
  const doneThere = new Array<number>(o.workers?.count ?? 0).fill(0);
  const progress = (file: string) => o.progress?.(done + doneThere.reduce((a, b) => a + b, 0), total, file);
  /** Lints file `i` with `lint`, counting it done. */
  const record = (i: number, lint: (file: string, named: boolean) => FileEntry) => {
    progress(linter.relPath(o.files[i]));
    entries[i] = lint(o.files[i], named.has(o.files[i]));
    done++;
  };
  /** `reachesNoSdk`: the import graph or the text prefilter ruled the file out (the analyzer would run the prefilter again). */
  const lintHere = (i: number, text?: string, reachesNoSdk?: boolean) => record(i, (f, n) => linter.lint(f, n, text, reachesNoSdk));
  /** Lints files `indexes` together (`FileLinter.lintTogether`; `texts`: those already read), counting them done. */
  const recordTogether = (indexes: number[], texts?: string[]) => {
    progress(linter.relPath(o.files[indexes[0]]));
    const got = linter.lintTogether(
      indexes.map((i) => o.files[i]),
      named,
      texts,
    );
    indexes.forEach((i, k) => (entries[i] = got[k]));
    done += indexes.length;
  };
  // Python, JavaScript and TypeScript files that reach no SDK module through their imports are not parsed
  // (host/importgraph.ts). COSTLINT_IMPORT_GRAPH=0 turns it off: the test that the reports are the same.
  const graph = process.env.COSTLINT_IMPORT_GRAPH === '0' ? undefined : new ImportGraph((p) => linter.session.importHost(p), o.listings);
  /**
   * What a file read here needs: nothing parsed (`skip`: the prefilter rules it out), parsing (`parse`:
   * it names an SDK, or the graph is off or does not decide for it), or the import graph's word (`graph`).
   */
  const decideText = (file: string, text: string): 'parse' | 'graph' | 'skip' => {
    if (text.length > DEFAULT_SETTINGS.maxFileSize) return 'skip';
    if (!mayCallSdk(text, true, languageOfPath(file) ?? undefined)) {
      if (graph && ImportGraph.decides(file)) graph.note(file, text);
      return 'skip';
    }
    return graph && ImportGraph.decides(file) && !graph.entersDirectly(file, text) ? 'graph' : 'parse';
  };
  /** Reads each file from `from` up to `to` and decides it (`use`); one it cannot read is linted at once, which says why. */
  const readEach = (use: (i: number, text: string, d: ReturnType<typeof decideText>) => void, from = 0, to = total) => {
    for (let i = from; i < to; i++) {
      let text: string;
      try {
        text = readRegularFile(o.files[i]);
      } catch {
        lintHere(i);
        continue;
      }
      use(i, text, decideText(o.files[i], text));
    }
  };
  /** A file the graph rules out (`decideText` found it no way in by its text) is linted here as reaching no SDK; one it does not, parsed (`reached`). */
  const byGraph = (i: number, text: string, reached: (i: number, text: string) => void) => {
    if (graph!.importsReach(o.files[i], text)) reached(i, text);
    else lintHere(i, text, true);
  };
  const count = o.workers?.count ?? 0;
  if (count === 0) {
    // JavaScript and TypeScript files to parse are linted TYPESCRIPT_TOGETHER at a time, as the threads do.
    const pending: { index: number; text: string }[] = [];
    const flush = () => {
      recordTogether(
        pending.map((p) => p.index),
        pending.map((p) => p.text),
      );
      pending.length = 0;
    };
    const parse = (i: number, text: string) => {
      if (!typeScriptParsed(o.files[i])) return lintHere(i, text);
      pending.push({ index: i, text });
      if (pending.length === TYPESCRIPT_TOGETHER) flush();
    };
    readEach((i, text, d) => (d === 'graph' ? byGraph(i, text, parse) : d === 'parse' ? parse(i, text) : lintHere(i, text, true)));
    if (pending.length) flush();
  } else {
    try {
      // The other threads start now and load while this one reads every file. The files that are a way
      // in by their own text (ImportGraph.entersDirectly) are shared as each part of the list is read
      // (READ_SHARES rounds); this thread then asks the import graph about the rest and lints what needs
      // no parsing, and the files the graph reaches are shared too (the last round). Each thread takes
      // the rounds in turn: no thread waits for the graph.
      const rounds = Array.from({ length: SHARES }, () => {
        let give!: (s: WorkShare) => void;
        return {
          ready: new Promise<WorkShare>((r) => (give = r)),
          give: (s: WorkShare) => give(s),
          order: [] as number[],
          typeScriptFrom: 0,
          queue: null as WorkQueue | null,
        };
      });
      let waiting = false;
      const elsewhere = Array.from({ length: count }, (_, k) =>
        o
          .workers!.run(
            rounds.map((r) => r.ready),
            (n) => {
              doneThere[k] = n;
              if (waiting) progress('');
            },
          )
          .catch(() => [] as QueuedEntry[][]),
      );
      const share = (round: (typeof rounds)[number], parse: { index: number; size: number }[]) => {
        ({ order: round.order, typeScriptFrom: round.typeScriptFrom } = workOrder(o.files, parse));
        round.queue = new WorkQueue(round.order.length);
        const files = round.order.map((i) => o.files[i]);
        round.give({ files, named: files.filter((f) => named.has(f)), queue: round.queue.buffer });
      };
      // The files left to the graph, with their text only when it matters to a file the graph rules out
      // (FileLinter.textMattersRuledOut: rare): the graph has their imports already. Keeping every one's text
      // until the graph's turn (27 MB of 1,900 files on the bench) would make each young-generation
      // collection of this thread copy it.
      const later: { index: number; size: number; text?: string }[] = [];
      // Files ruled out (by the prefilter or the graph) whose text does not matter to their report: linted
      // after the last share is posted, so that the other threads are not kept waiting for this one's
      // reading and graph by 10,000 config lookups (about 0.2 s on the bench).
      const ruledOut: number[] = [];
      const ruleOut = (i: number, text: string) => (FileLinter.textMattersRuledOut(o.files[i], text) ? lintHere(i, text, true) : ruledOut.push(i));
      // The files are read in READ_SHARES parts, and each part's files to parse are shared as soon
      // as it is read: the other threads, loaded, start on them while this one reads on.
      for (let part = 0; part < READ_SHARES; part++) {
        const direct: { index: number; size: number }[] = [];
        readEach(
          (i, text, d) =>
            d === 'parse'
              ? direct.push({ index: i, size: text.length })
              : d === 'graph'
                ? later.push({ index: i, size: text.length, ...(FileLinter.textMattersRuledOut(o.files[i], text) ? { text } : {}) })
                : ruleOut(i, text),
          Math.round((total * part) / READ_SHARES),
          Math.round((total * (part + 1)) / READ_SHARES),
        );
        share(rounds[part], direct);
        // The share reaches the other threads from a promise callback: it runs only when this thread yields.
        await new Promise((r) => setImmediate(r));
      }
      const reached: { index: number; size: number }[] = [];
      for (const { index, size, text } of later) {
        if (graph!.importsReach(o.files[index])) reached.push({ index, size });
        else if (text !== undefined) lintHere(index, text, true);
        else ruledOut.push(index);
      }
      later.length = 0;
      share(rounds[READ_SHARES], reached);
      await new Promise((r) => setImmediate(r));
      for (const i of ruledOut) record(i, (f, n) => linter.lintRuledOut(f, n));
      ruledOut.length = 0;
      // This thread helps with what the others have not taken yet, from the front of each round, up to its
      // JavaScript and TypeScript files (`workOrder`). The others take everything else.
      const mayTake = (round: (typeof rounds)[number]) => {
        const { front, end } = round.queue!.untaken();
        return front < end && front < round.typeScriptFrom;
      };
      let n = 0;
      for (const round of rounds) {
        const take = () => (mayTake(round) ? round.queue!.takeFront() : null);
        const roundFiles = round.order.map((i) => o.files[i]);
        for (let at = take(); at !== null; at = take()) {
          const batch = takeTogether(at, roundFiles, take).map((p) => round.order[p]);
          recordTogether(batch);
          // Other threads' progress messages arrive between files.
          if (Math.floor((n + batch.length) / 10) > Math.floor(n / 10)) await new Promise((r) => setImmediate(r));
          n += batch.length;
        }
      }
      // From now on the others' progress messages move the progress line.
      waiting = true;
      for (const lists of await Promise.all(elsewhere)) lists.forEach((list, r) => list.forEach(({ at, entry }) => (entries[rounds[r].order[at]] ??= entry)));
      // What a thread that failed had taken is linted here.
      for (const round of rounds) for (const i of round.order) if (!entries[i]) lintHere(i);
    } catch (e) {
      o.workers!.stop();
      throw e;
    }
  }
  o.progress?.(total, total, '');

  // Merged in the files' order: what one thread would have given.
  const reports: FileReport[] = [];
  const configIssues: ConfigIssueReport[] = [];
  const seenConfigs = new Set<string>();
  /** Per costlint.json: its text and config, and the call-site ids of each file analyzed under it (for its `usage` ids). */
  const idsByConfig = new Map<string, { text: string; config: CostlintConfig; files: { file: string; ids: string[] }[] }>();
  entries.forEach((e, i) => {
    const file = o.files[i];
    if (e.configPath && e.configIssues && !seenConfigs.has(e.configPath)) {
      seenConfigs.add(e.configPath);
      configIssues.push(...e.configIssues);
    }
    if (e.usageIssues && !seenConfigs.has(e.usageIssues.path)) {
      seenConfigs.add(e.usageIssues.path);
      configIssues.push(...e.usageIssues.issues);
    }
    if (e.report) {
      reports.push(e.report);
    }
    if (e.configPath && e.ids) {
      let c = idsByConfig.get(e.configPath);
      if (!c) {
        const cfg = configFor(file, o.cwd, linter.memo);
        c = { text: cfg.text ?? '', config: cfg.config, files: [] };
        idsByConfig.set(e.configPath, c);
      }
      c.files.push({ file: relative(dirname(e.configPath), file).split(sep).join('/'), ids: e.ids });
    }
  });

  // A cacheable prefix may be sent by calls in several files: each file's candidates are joined
  // with what the others send (uncached-prefix across the workspace), without analyzing it again.
  const { prefixes } = linter.session;
  for (const r of reports) if (r.result) prefixes.set(r.file, r.result);
  for (const r of reports) if (r.result) prefixes.join(r.file, r.result);
  for (const [path, c] of idsByConfig)
    for (const i of unmatchedUsageIds(c.config, c.text, c.files))
      configIssues.push({ file: linter.relPath(path), line: i.range.start.line + 1, column: i.range.start.character + 1, field: i.path, message: i.message });
  return { reports, configIssues, rootConfig: configFor(join(o.cwd, '.costlint-root'), o.cwd, linter.memo).config };
}
