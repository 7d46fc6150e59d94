// costlint CLI: the analysis core without LSP, for CI and code review.
import { copyFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, parse, relative, resolve, sep } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { parentPort, Worker } from 'node:worker_threads';
import pkg from '../../package.json';
import { createNodeAnalyzer, bundledRateCardDir, configFor, usageFileFor } from './host/node';
import { compareModels, type ModelComparison } from './core/measured/providers';
import { staleUsageDays } from './core/measured/apply';
import { USAGE_FILE } from './core/measured/file';
import { CONFIG_FILE, type CostlintConfig } from './core/config';
import { DEFAULT_MAX_CARD_AGE_DAYS, staleCardsMessage, staleDays } from './core/ratecards';
import { readRegularFile, statOrNull } from './host/fsread';
import { formatUsd } from './core/format';
import { DEFAULT_SETTINGS, type Language } from './core/types';
import type { Analyzer } from './core/analyze';
import { diffJson, diffMarkdown, diffRuns, diffText, formatDelta, type CostDiff } from './cli/diff';
import { collectFiles, isLintable } from './host/files';
import { changedSince, checkoutTree, GitError, submodulePaths } from './cli/git';
import { terminalSafe } from './cli/escape';
import { toGithub } from './cli/github';
import type { CostlintLoader } from './bin';
import {
  FileLinter,
  grammarsFor,
  mostlyTypeScript,
  lintFiles,
  lintFromQueue,
  SHARES,
  type LintRun,
  type LintSettings,
  type LintWorkers,
  type QueuedEntry,
  type WorkShare,
} from './cli/lint';
import { toMarkdown } from './cli/markdown';
import { issueText, severityAtLeast, toJson, toText, totalsOf, type RunInfo } from './cli/report';
import { toSarif } from './cli/sarif';
import { colourWanted, paint } from './cli/style';
import { CommandError, countFor, initUsage, modelRows, modelsText, tokensText } from './cli/tools';
import { encoder } from './core/tokens';
import { importRateCards } from './cli/ratecards';
import { detectFormat, importJson, importProviderExport, importSpans, importText, MIN_PERIOD_DAYS, siteRefs, writeUsage } from './cli/usageimport';
import { costsChanged, GithubError, prNumberFromEvent, upsertComment, type CommentTarget } from './cli/comment';

/** Runs of fewer files are done in one thread: starting another costs about as much as it saves. */
const PARALLEL_MIN_FILES = 1000;
/** The fewest files a worker thread is started for. */
const FILES_PER_THREAD = 25;

const USAGE = `Usage:
  costlint lint [paths...] [options]        findings and the cost of each LLM call site
  costlint diff <base> [<head>] [options]   how the cost changed between git revisions
                                            (head defaults to the working tree)
  costlint usage --init [paths...]          add every call site id to costlint.json's usage
  costlint usage import <file...> [--from otel|openai|anthropic] [--write] [--period-days N] [--format text|json]
                                            what production measured (OpenTelemetry GenAI spans,
                                            OpenAI's or Anthropic's usage export) matched to the
                                            call sites; --write stores it in costlint.usage.json
  costlint tokens --model <id> [file|-]     a text's tokens and input cost for a model
  costlint models [query] [--stale]         rate-card rows: prices, limits, status, as-of date
                                            (--stale [--max-age DAYS]: entries older than 60 days
                                            or costlint.json's rateCardsMaxAgeDays)
  costlint ratecards import --from litellm|genai-prices FILE [--out FILE.json|FOLDER] [--provider P]
                                            a downloaded price file (LiteLLM's
                                            model_prices_and_context_window.json, genai-prices'
                                            data.json) as rate cards, offline, and what it changes

Finds LLM API calls (OpenAI, Anthropic, Google Gen AI, Bedrock, Mistral, Cohere, LiteLLM,
Ollama, LangChain, the AI SDK; go-openai, langchaingo, ruby-openai, RubyLLM, langchainrb, Prism,
LLPhant, LangChain4j, Spring AI, Semantic Kernel, Microsoft.Extensions.AI; Python,
TypeScript, JavaScript, notebooks, Go, Java, C#, Ruby, PHP, Prompty and Dotprompt files),
estimates what each costs, and reports findings.

lint options:
  --format text|json|sarif|github|markdown
                                 Output format (default: text)
  --fail-on info|warning|error|none
                                 Exit 1 when a finding at or above this severity exists (default: warning)
  --max-warnings N               Exit 1 when there are more than N warnings
  --changed-since REF            Lint only files changed since a git revision (and untracked ones)
  --default-output-cap N         Cap value suggested by fixes (default: costlint.json's
                                 defaults.outputCap, else ${DEFAULT_SETTINGS.defaultOutputCap})
  --no-color                     No colour in text output (also NO_COLOR; FORCE_COLOR forces it)

diff options:
  --format text|json|markdown    Output format (default: text)
  --comment                      Also keep one comment on the pull request up to date with the
                                 Markdown report: costlint's earlier comment is edited in place,
                                 a new one is posted only when costs change. Uses GITHUB_TOKEN,
                                 GITHUB_REPOSITORY, GITHUB_API_URL and the pull request of
                                 GITHUB_EVENT_PATH (or --pr N). The only command that uses the network.
  --pr N                         The pull request to comment on

common options:
  --as-of YYYY-MM-DD             Judge model lifecycles and dated prices as of this date
                                 (default: today; pin it for reproducible reports)
  --rate-cards DIR               Folder of rate card JSON files (default: the bundled cards)
  --jobs N                       Threads to analyze with (default: one per core, up to 4, for
                                 ${PARALLEL_MIN_FILES.toLocaleString('en-US')} files or more; 1 otherwise; on two cores, 1 when
                                 they are nearly all JavaScript and TypeScript), never more than the
                                 cores or one per ${FILES_PER_THREAD} files. The result does not depend on it.
  -h, --help                     Show this help
  -v, --version                  Show the version

Configuration: the costlint.json nearest each file (up to the current directory) applies. Its
budgets gate the run: perCall and perMonth per call site (the over-budget rule), monthlyTotal
for lint, monthlyIncrease and monthlyIncreasePercent for diff. Monthly figures need usage;
without it every figure is per call, and the output says so.

Exit codes:
  0  nothing at or above --fail-on, no gate exceeded
  1  findings at or above --fail-on, more warnings than --max-warnings, or a budget exceeded
     (budgets fail the run whatever --fail-on says)
  2  usage or input errors: a bad option, a missing path or revision, problems in a
     costlint.json (reported as file:line:column; the files are still analyzed, the
     fields at fault on their defaults)`;

class UsageError extends Error {}

const COMMON: ParseArgsConfig['options'] = {
  'as-of': { type: 'string' },
  'rate-cards': { type: 'string' },
  jobs: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
};

const OPTIONS: Record<string, ParseArgsConfig['options']> = {
  lint: {
    format: { type: 'string', default: 'text' },
    'fail-on': { type: 'string', default: 'warning' },
    'max-warnings': { type: 'string' },
    'changed-since': { type: 'string' },
    'default-output-cap': { type: 'string' },
    'no-color': { type: 'boolean' },
  },
  diff: { format: { type: 'string', default: 'text' }, 'no-color': { type: 'boolean' }, comment: { type: 'boolean' }, pr: { type: 'string' } },
  usage: {
    init: { type: 'boolean' },
    from: { type: 'string' },
    write: { type: 'boolean' },
    'period-days': { type: 'string' },
    format: { type: 'string', default: 'text' },
  },
  tokens: { model: { type: 'string' }, format: { type: 'string', default: 'text' } },
  models: { format: { type: 'string', default: 'text' }, stale: { type: 'boolean' }, 'max-age': { type: 'string' } },
  ratecards: { from: { type: 'string' }, out: { type: 'string' }, provider: { type: 'string', multiple: true } },
};

interface Out {
  write(text: string): Promise<void>;
  error(text: string): void;
}

/** Writes and resolves once the text is handed to the OS: the process exits only after stdout drained. */
const stdout: Out = {
  write: (text) => new Promise((done) => (text ? process.stdout.write(text, () => done()) : done())),
  error: (text) => void process.stderr.write(text),
};

function oneOf<T extends string>(name: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !allowed.includes(value as T)) throw new UsageError(`--${name} must be ${allowed.join(', ')}; not '${String(value)}'`);
  return value as T;
}

function positiveInt(name: string, value: unknown, min = 1): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be a whole number of at least ${min}`);
  return n;
}

function asOf(values: Record<string, unknown>): string | undefined {
  const v = values['as-of'];
  if (v === undefined) return undefined;
  // A date that exists: Date.parse takes 2026-02-30 (as March 2nd).
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(v)) || new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) !== v) {
    throw new UsageError(`--as-of must be a date, YYYY-MM-DD; not '${typeof v === 'string' ? v : JSON.stringify(v)}'`);
  }
  return v;
}

/** The loader of bin.ts (the `costlint` command), which loads this program's files and shares their bytecode between threads; absent when loaded otherwise. */
const LOADER = (globalThis as Record<symbol, CostlintLoader | undefined>)[Symbol.for('costlint.loader')];

/** What a lint worker thread is given (see lintWorker); `costlintCode` is read by bin.ts, which loads this program. */
interface LintWorkerData {
  /** `grammars`: those of the files known when the thread started, loaded before its first share arrives. */
  costlintLint: { settings: LintSettings; rateCardDir: string | null; grammars: Language[] };
  costlintCode?: Uint8Array;
}

/** Threads for a run over `files`: --jobs, else one per core up to 4 for large runs, but one on two cores for nearly all JS/TS (`mostlyTypeScript`). */
function jobsFor(values: Record<string, unknown>, files: readonly string[]): number {
  const flag = positiveInt('jobs', values.jobs);
  // Never more threads than cores, nor than the work fills (a thread per 25 files at least): `--jobs 64` on one file started 64 threads (21 s, 4.3 GB).
  const jobs = Math.min(flag ?? (files.length >= PARALLEL_MIN_FILES ? 4 : 1), availableParallelism(), Math.max(1, Math.ceil(files.length / FILES_PER_THREAD)));
  return flag === undefined && jobs === 2 && mostlyTypeScript(files) ? 1 : jobs;
}

/**
 * Worker threads for a run over `files` (as many as `jobsFor` gives their number; during the walk,
 * the files found so far), started now: each loads (half a second), with the grammars of those
 * files' languages, while this thread goes on. Each runs the built command (cli.js) as a worker, which loads
 * this program through the same code cache and lints its share (lintWorker). From source (tsx)
 * there is no built command: one thread.
 */
function workersFor(values: Record<string, unknown>, settings: LintSettings, out: Out, files: readonly string[]): LintWorkers | undefined {
  const jobs = jobsFor(values, files);
  const script = join(__dirname, 'cli.js');
  if (jobs <= 1 || !__filename.endsWith('costlint.js') || !existsSync(script)) return undefined;
  const rateCardDir = (values['rate-cards'] as string | undefined) ?? null;
  // The bytecode this thread has compiled (bin.ts), for the workers to load this program with.
  const data: LintWorkerData = { costlintLint: { settings, rateCardDir, grammars: grammarsFor(files) }, costlintCode: LOADER?.codeOf('costlint.js') };
  const threads = Array.from({ length: jobs - 1 }, () => startWorker(script, data));
  let given = 0;
  let stopped = false;
  return {
    count: threads.length,
    run: (shares, progress) =>
      threads[given++].run(shares, progress).catch((e: unknown) => {
        // Nothing is lost (lintFiles lints its files again here), but a thread failing is a bug, and the run took longer: said, on stderr.
        if (!stopped)
          out.error(`costlint: a lint worker thread failed (${e instanceof Error ? e.message : String(e)}); its files were linted in the main thread\n`);
        throw e;
      }),
    stop: () => {
      stopped = true;
      for (const t of threads) void t.worker.terminate();
    },
  };
}

/**
 * A lint worker thread, started at once. Until it is given work (`run`) it does not keep the process
 * alive: a run that ends before (a usage error found after the walk) exits without waiting for it.
 */
function startWorker(script: string, data: LintWorkerData): { worker: Worker; run: LintWorkers['run'] } {
  const worker = new Worker(script, { workerData: data });
  let progress: (done: number) => void = () => undefined;
  let entries: QueuedEntry[][] | undefined;
  const outcome = new Promise<QueuedEntry[][]>((resolvePromise, reject) => {
    worker.on('message', (m: { progress?: number; entries?: QueuedEntry[][]; code?: { name: string; data: Uint8Array } }) => {
      if (m.entries) entries = m.entries;
      else if (m.code) LOADER?.give(m.code.name, m.code.data);
      else if (m.progress !== undefined) progress(m.progress);
    });
    worker.on('error', reject);
    worker.on('exit', (code) => (entries ? resolvePromise(entries) : reject(new Error(`a lint worker stopped (exit code ${code})`))));
  });
  // Its failure is the run's to handle (lintFiles lints its files here); one never given work fails unheard.
  outcome.catch(() => undefined);
  worker.unref();
  return {
    worker,
    run: (shares, onProgress) => {
      progress = onProgress;
      worker.ref();
      // In order: the worker takes them in turn.
      void shares.reduce((before, share) => before.then(() => share.then((s) => worker.postMessage(s))), Promise.resolve());
      return outcome;
    },
  };
}

/** A worker thread of a lint run: loads an analyzer, then lints the files it is sent and sends the entries back. */
export async function lintWorker(data: LintWorkerData): Promise<void> {
  const { settings, rateCardDir, grammars } = data.costlintLint;
  const port = parentPort!;
  // The shares come in order (the files naming an SDK in each part of the list, then those the import graph reaches one from).
  const shares: WorkShare[] = [];
  let wake: (() => void) | null = null;
  const take = (s: WorkShare) => {
    shares.push(s);
    wake?.();
  };
  port.on('message', take);
  const next = (k: number) => (shares[k] ? Promise.resolve(shares[k]) : new Promise<WorkShare>((r) => (wake = () => shares[k] && r(shares[k]))));
  // Grammars are loaded for the files of each share (`grammarsFor`), not all at once.
  const analyzer = await createNodeAnalyzer(rateCardDir ?? bundledRateCardDir(), true);
  // Those of the files known when it started are loaded while the first share is on its way (compiled off this thread).
  const loading = Promise.all(grammars.map((l) => analyzer.prepare(l)));
  loading.catch(() => undefined);
  // While the first share is on its way (the main thread is reading the first part of the files), the
  // tokenizer's table is built: nearly every call's estimate needs it, and it takes 60 to 90 ms.
  if (!shares[0]) encoder('o200k_base');
  // One linter for all: what the earlier shares' files export is kept for the later ones'.
  const linter = new FileLinter(settings, analyzer);
  const entries: QueuedEntry[][] = [];
  let done = 0;
  // TypeScript's bytecode, as soon as this thread has compiled it for its first JavaScript or TypeScript
  // file (the main thread loads TypeScript after the import graph, with this instead of compiling it),
  // and as the run left it (fuller, for the main thread to keep on disk).
  const sendTypeScript = () => {
    const ts = LOADER?.codeOf('typescript.js');
    if (ts) port.postMessage({ code: { name: 'typescript.js', data: ts } });
    return !!ts;
  };
  let tsSent = false;
  const giveTypeScript = () => (tsSent ||= sendTypeScript());
  for (let k = 0; k < SHARES; k++) {
    const before = done;
    const share = await next(k);
    await Promise.all(grammarsFor(share.files).map((l) => analyzer.prepare(l)));
    entries.push(
      lintFromQueue(linter, share, (n) => {
        port.postMessage({ progress: (done = before + n) });
        giveTypeScript();
      }),
    );
    giveTypeScript();
  }
  sendTypeScript();
  // No listener left: the thread ends once the entries are sent.
  port.off('message', take);
  port.postMessage({ entries });
}

async function analyzerFor(values: Record<string, unknown>): Promise<Analyzer> {
  const dir = values['rate-cards'] as string | undefined;
  if (dir) {
    const st = statOrNull(dir);
    if (!st) throw new UsageError(`--rate-cards ${dir}: no such folder`);
    if (!st.isDirectory()) throw new UsageError(`--rate-cards ${dir}: not a folder (it takes the folder of rate card JSON files)`);
  }
  let analyzer: Analyzer;
  try {
    // Grammars are loaded when files are linted, those of their languages (`lintFiles`): count, models
    // and ratecards need none.
    analyzer = await createNodeAnalyzer(dir ?? bundledRateCardDir(), true);
  } catch (e) {
    // A rate card that cannot be read (a FIFO, no permission): said, not a stack trace.
    throw new UsageError(`--rate-cards ${dir ?? '(bundled)'}: ${(e as Error).message}`);
  }
  if (dir && analyzer.rateCards.models.length === 0) throw new UsageError(`no valid rate card entries in ${dir}`);
  return analyzer;
}

/** Where the rule pages are: the bundled `docs/rules`, and a web address when the package names its repository. */
function docs(): { dir: string | null; url: string | null } {
  let dir: string | null = null;
  for (let d = __dirname; ; d = dirname(d)) {
    if (existsSync(join(d, 'docs', 'rules'))) {
      dir = join(d, 'docs', 'rules');
      break;
    }
    if (dirname(d) === d) break;
  }
  const repo = (pkg as { repository?: string | { url?: string } }).repository;
  const url = typeof repo === 'string' ? repo : repo?.url;
  const web = url ? url.replace(/^git\+/, '').replace(/\.git$/, '') : null;
  return { dir, url: web && /^https:\/\/github\.com\//.test(web) ? `${web}/blob/main` : null };
}

/**
 * A line on a terminal's stderr that rewrites itself, for large runs: at most ten updates a
 * second, cut to the terminal's width, erased at the end. None when stderr is not a terminal.
 */
export function progressLine(
  stream: Pick<NodeJS.WriteStream, 'isTTY' | 'columns' | 'write'> = process.stderr,
  now = () => Date.now(),
): ((done: number, total: number, file: string) => void) | undefined {
  if (!stream.isTTY) return undefined;
  let last = -Infinity;
  return (done, total, file) => {
    const t = now();
    if (done < total && t - last < 100) return;
    last = t;
    const text = done < total ? `costlint: ${done}/${total} ${file}` : '';
    stream.write(`\r\u001b[K${text.slice(0, (stream.columns ?? 80) - 1)}`);
  };
}

function runInfo(analyzer: Analyzer, run: LintRun, today: string | undefined, cwd: string): RunInfo {
  const stale = cardAge(analyzer, run.rootConfig, today);
  const measuredModels = measuredModelsOf(cwd, run, analyzer);
  return {
    version: pkg.version,
    rateCardsAsOf: analyzer.rateCards.asOf,
    ...(stale ? { rateCardsStaleDays: stale.days } : {}),
    rateCardIssues: analyzer.rateCards.issues,
    configIssues: run.configIssues,
    ...(measuredModels.length ? { measuredModels } : {}),
  };
}

/** The providers' usage exports stored in the project's costlint.usage.json, each model against the call sites calling it. */
function measuredModelsOf(cwd: string, run: LintRun, analyzer: Analyzer): ModelComparison[] {
  const usage = usageFileFor(join(cwd, CONFIG_FILE), cwd).data;
  const sections = Object.values(usage?.providers ?? {});
  if (!sections.length) return [];
  const sites = siteRefs(run.reports, analyzer.rateCards);
  return sections.flatMap((p) => compareModels(p.models, p.period.days, sites, analyzer.rateCards));
}

/** Says once, on stderr, that the measured usage is old (its period ended more than 90 days ago). */
function warnStaleUsage(cwd: string, today: string | undefined, out: Out): void {
  const usage = usageFileFor(join(cwd, CONFIG_FILE), cwd).data;
  const sections = [
    ...(usage?.spans ? [{ what: 'the spans', period: usage.spans.period }] : []),
    ...Object.entries(usage?.providers ?? {}).map(([p, x]) => ({ what: `${p}'s usage export`, period: x.period })),
  ];
  for (const { what, period } of sections) {
    const days = staleUsageDays(period.end, today ?? new Date().toISOString().slice(0, 10));
    if (days !== null)
      out.error(
        `costlint: the measured usage in ${USAGE_FILE} (${what}) is stale: its period ended ${days} days ago (${period.end.slice(0, 10)}); import a newer export (costlint usage import --write)\n`,
      );
  }
}

/** How old the rate cards are, when older than costlint.json's `rateCardsMaxAgeDays` (default 60) on `today`. */
function cardAge(analyzer: Analyzer, config: CostlintConfig, today: string | undefined): { days: number; maxAgeDays: number } | null {
  const maxAgeDays = config.rateCardsMaxAgeDays ?? DEFAULT_MAX_CARD_AGE_DAYS;
  const days = staleDays(analyzer.rateCards.asOf, today ?? new Date().toISOString().slice(0, 10), maxAgeDays);
  return days === null ? null : { days, maxAgeDays };
}

/** Says once, on stderr (never in a machine-read output), that the cards may be stale. */
function warnStaleCards(analyzer: Analyzer, config: CostlintConfig, today: string | undefined, out: Out): void {
  const stale = cardAge(analyzer, config, today);
  if (stale && analyzer.rateCards.asOf) out.error(`costlint: ${staleCardsMessage(analyzer.rateCards.asOf, stale.days, stale.maxAgeDays)}\n`);
}

function reportConfigIssues(run: LintRun, out: Out): boolean {
  // costlint.usage.json has no defaults: its message says what happens instead.
  for (const i of run.configIssues) out.error(terminalSafe(`${i.file}:${i.line}:${i.column}: error: ${issueText(i)}`) + '\n');
  return run.configIssues.length > 0;
}

async function lint(values: Record<string, unknown>, paths: string[], cwd: string, out: Out): Promise<number> {
  const format = oneOf('format', values.format, ['text', 'json', 'sarif', 'github', 'markdown'] as const);
  const failOn = oneOf('fail-on', values['fail-on'], ['info', 'warning', 'error', 'none'] as const);
  const maxWarnings = positiveInt('max-warnings', values['max-warnings'], 0);
  const capFlag = positiveInt('default-output-cap', values['default-output-cap']);
  const since = values['changed-since'] as string | undefined;
  const today = asOf(values);
  const settings: LintSettings = { cwd, capFlag, today };
  // The other threads start as soon as the walk has found enough files for them: they load (half a
  // second) while it goes on. Not with --changed-since, which keeps only some of the files.
  const early: { workers?: LintWorkers } = {};
  const startEarly = (found: readonly string[]) => (early.workers = workersFor(values, settings, out, found));
  let { files, missing, listings } = collectFiles(
    paths.length ? paths : ['.'],
    cwd,
    since === undefined ? { at: PARALLEL_MIN_FILES, then: startEarly } : undefined,
  );
  let workers = early.workers;
  // Fewer files than the walk found (a file named twice), --jobs above what 1,000 files fill, or a mix of
  // languages the first 1,000 did not show: the threads the files call for.
  if (workers && workers.count + 1 !== jobsFor(values, files)) {
    workers.stop();
    workers = undefined;
  }
  if (missing.length) {
    workers?.stop();
    throw new UsageError(`no such file or folder: ${missing.join(', ')}`);
  }
  if (since !== undefined) {
    const changed = new Set(changedSince(cwd, since).filter(isLintable));
    files = files.filter((f) => changed.has(f));
  }
  workers ??= workersFor(values, settings, out, files);
  const analyzer = await analyzerFor(values);
  const run = await lintFiles({
    cwd,
    files,
    named: new Set(paths.map((p) => resolve(cwd, p))),
    listings,
    analyzer,
    capFlag,
    today,
    workers,
    progress: format === 'text' ? progressLine() : undefined,
  });
  const info = runInfo(analyzer, run, today, cwd);
  const d = docs();
  const text =
    format === 'json'
      ? toJson(run.reports, info)
      : format === 'sarif'
        ? toSarif(run.reports, info, { root: cwd, docsDir: d.dir, docsUrl: d.url })
        : format === 'github'
          ? toGithub(run.reports, info)
          : format === 'markdown'
            ? toMarkdown(run.reports, info, d.url)
            : toText(run.reports, info, paint(colourWanted(values['no-color'] ? false : undefined, process.stdout)));
  await out.write(text);
  warnStaleCards(analyzer, run.rootConfig, today, out);
  warnStaleUsage(cwd, today, out);
  if (reportConfigIssues(run, out)) return 2;
  // Nothing linted is said, never a silent pass: no file there, or `include` matching none of them.
  if (!run.reports.some((r) => r.result)) {
    const include = run.rootConfig.include;
    if (files.length && include?.length)
      out.error(
        `costlint: costlint.json include (${include.map((g) => `\`${g}\``).join(', ')}) matches none of the ${files.length} files found: nothing was linted\n`,
      );
    else if (!files.length && since !== undefined) out.error(`costlint: no file costlint analyzes changed since ${since}: nothing was linted\n`);
    else if (!files.length) out.error(`costlint: no file costlint analyzes in ${paths.join(', ') || '.'}: nothing was linted\n`);
  }

  let failing = false;
  const findings = run.reports.flatMap((r) => r.result?.findings ?? []);
  if (failOn !== 'none' && findings.some((f) => severityAtLeast(f.severity, failOn))) failing = true;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  if (maxWarnings !== undefined && warnings > maxWarnings) {
    out.error(`costlint: ${warnings} warnings, more than --max-warnings ${maxWarnings}\n`);
    failing = true;
  }
  // Budgets are gates whatever --fail-on says: an over-budget finding fails the run (turn the rule off to stop it).
  const over = findings.filter((f) => f.rule === 'over-budget').length;
  if (over) {
    out.error(`costlint: ${over} call site budget${over === 1 ? '' : 's'} exceeded (costlint.json budgets.perCall / perMonth; see the over-budget findings)\n`);
    failing = true;
  }
  const total = totalsOf(run.reports).monthlyUsd;
  const limit = run.rootConfig.budgets?.monthlyTotal;
  if (limit !== undefined && total !== null && total > limit) {
    out.error(`costlint: projected ${formatUsd(total)} per month, over the budget of ${formatUsd(limit)} (costlint.json budgets.monthlyTotal)\n`);
    failing = true;
  }
  return failing ? 1 : 0;
}

/** Where `--comment` posts: the repository and pull request the Actions environment names. */
function commentTarget(values: Record<string, unknown>, env: NodeJS.ProcessEnv): CommentTarget {
  const token = env.GITHUB_TOKEN;
  const repo = env.GITHUB_REPOSITORY;
  if (!token || !repo) throw new UsageError('--comment needs GITHUB_TOKEN and GITHUB_REPOSITORY (as GitHub Actions sets them)');
  let pr = positiveInt('pr', values.pr) ?? null;
  if (pr === null && env.GITHUB_EVENT_PATH) {
    try {
      pr = prNumberFromEvent(JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')));
    } catch {
      pr = null;
    }
  }
  if (pr === null) throw new UsageError('--comment needs a pull request: run on a pull_request event, or give --pr N');
  return { apiUrl: env.GITHUB_API_URL ?? 'https://api.github.com', token, repo, pr };
}

async function diff(values: Record<string, unknown>, revs: string[], cwd: string, out: Out, env: NodeJS.ProcessEnv): Promise<number> {
  const format = oneOf('format', values.format, ['text', 'json', 'markdown'] as const);
  if (revs.length < 1 || revs.length > 2) throw new UsageError('diff takes a base revision and, optionally, a head revision');
  const [base, head] = revs;
  const analyzer = await analyzerFor(values);
  const today = asOf(values);
  // Measured volume is production's, not a revision's: both sides use the working tree's
  // costlint.usage.json files (any folder above a file may have one), and a revision's own are set aside.
  const usageFolders = (dir: string) => {
    const folders = new Set<string>();
    for (const f of collectFiles(['.'], dir).files) for (let d = dirname(f); d.startsWith(dir) && !folders.has(d); d = dirname(d)) folders.add(d);
    return [...folders].map((d) => relative(dir, d)).filter((rel) => statOrNull(join(dir, rel, USAGE_FILE))?.isFile());
  };
  const measured = usageFolders(cwd);
  const withMeasured = (dir: string) => {
    for (const rel of usageFolders(dir)) rmSync(join(dir, rel, USAGE_FILE), { force: true });
    for (const rel of measured) if (statOrNull(join(dir, rel))?.isDirectory()) copyFileSync(join(cwd, rel, USAGE_FILE), join(dir, rel, USAGE_FILE));
  };
  const lintAt = (dir: string, without: string[] = []) => {
    if (dir !== cwd) withMeasured(dir);
    const found = collectFiles(['.'], dir);
    const files = found.files.filter((f) => !without.some((s) => f === s || f.startsWith(`${s}${sep}`)));
    return lintFiles({
      cwd: dir,
      files,
      listings: found.listings,
      analyzer,
      today,
      workers: workersFor(values, { cwd: dir, today }, out, files),
    });
  };
  const before = checkoutTree(cwd, base);
  let baseRun: LintRun;
  let headRun: LintRun;
  try {
    baseRun = await lintAt(before.dir);
  } finally {
    before.dispose();
  }
  // The working tree without its submodules, as a revision's tree is (their files are not in it).
  if (head === undefined) headRun = await lintAt(cwd, submodulePaths(cwd));
  else {
    const after = checkoutTree(cwd, head);
    try {
      headRun = await lintAt(after.dir);
    } finally {
      after.dispose();
    }
  }
  const d: CostDiff = diffRuns(baseRun.reports, headRun.reports, { base, head: head ?? 'working tree' });
  warnStaleCards(analyzer, headRun.rootConfig, today, out);
  await out.write(
    format === 'json'
      ? diffJson(d, pkg.version)
      : format === 'markdown'
        ? diffMarkdown(d)
        : diffText(d, paint(colourWanted(values['no-color'] ? false : undefined, process.stdout))),
  );
  if (values.comment) {
    const target = commentTarget(values, env);
    const r = await upsertComment(target, diffMarkdown(d), costsChanged(d));
    out.error(`costlint: pull request #${target.pr}: comment ${r.result}${r.id !== null ? ` (${r.id})` : ' (costs did not change)'}\n`);
  }
  if (reportConfigIssues(headRun, out)) return 2;
  const budgets = headRun.rootConfig.budgets ?? {};
  let failing = false;
  const delta = d.totals.monthlyDeltaUsd;
  if (budgets.monthlyIncrease !== undefined && delta !== null && delta > budgets.monthlyIncrease) {
    out.error(
      `costlint: this change adds ${formatDelta(delta)} per month, over the budget of ${formatUsd(budgets.monthlyIncrease)} (costlint.json budgets.monthlyIncrease)\n`,
    );
    failing = true;
  }
  const pct = d.totals.monthlyDeltaPercent;
  if (budgets.monthlyIncreasePercent !== undefined && pct !== null && pct > budgets.monthlyIncreasePercent) {
    out.error(
      `costlint: this change adds ${pct}% per month, over the budget of ${budgets.monthlyIncreasePercent}% (costlint.json budgets.monthlyIncreasePercent)\n`,
    );
    failing = true;
  }
  return failing ? 1 : 0;
}

async function usage(values: Record<string, unknown>, paths: string[], cwd: string, out: Out): Promise<number> {
  if (paths[0] === 'import') return usageImport(values, paths.slice(1), cwd, out);
  if (!values.init) throw new UsageError('usage needs --init, or the command import');
  const { files, missing, listings } = collectFiles(paths.length ? paths : ['.'], cwd);
  if (missing.length) throw new UsageError(`no such file or folder: ${missing.join(', ')}`);
  const run = await lintFiles({
    cwd,
    files,
    listings,
    analyzer: await analyzerFor(values),
    workers: workersFor(values, { cwd, today: asOf(values) }, out, files),
  });
  const r = initUsage(cwd, run.reports);
  await out.write(
    `${r.added.length ? `Added ${r.added.length} call site${r.added.length === 1 ? '' : 's'} to ${r.path} (null: not estimated yet; set calls per month)` : `No call site to add to ${r.path}`}${r.kept ? `; ${r.kept} already there` : ''}${r.measured ? `; ${r.measured} left out: measured in ${USAGE_FILE}` : ''}.\n`,
  );
  return 0;
}

/** `usage import <file...>`: exports read and matched to the call sites of the project (the folder run from). */
async function usageImport(values: Record<string, unknown>, exports: string[], cwd: string, out: Out): Promise<number> {
  if (!exports.length) throw new UsageError('usage import needs one export file or more');
  const format = oneOf('format', values.format, ['text', 'json'] as const);
  const files = exports.map((f) => resolve(cwd, f));
  for (const [i, f] of files.entries()) {
    const st = statOrNull(f);
    if (!st) throw new UsageError(`no such file: ${exports[i]}`);
    if (!st.isFile()) throw new UsageError(`not a regular file: ${exports[i]}`);
  }
  let from = values.from === undefined ? undefined : oneOf('from', values.from, ['otel', 'openai', 'anthropic'] as const);
  if (!from) {
    const seen = new Set(files.map(detectFormat));
    if (seen.size !== 1 || seen.has(null))
      throw new UsageError(
        `say which export this is: --from otel|openai|anthropic (${seen.has(null) ? 'its format was not recognized' : 'the files are of different formats'})`,
      );
    from = [...seen][0]!;
  }
  const periodDays = values['period-days'] === undefined ? undefined : Number(values['period-days']);
  if (periodDays !== undefined && !(periodDays >= MIN_PERIOD_DAYS && periodDays <= 3660))
    throw new UsageError('--period-days must be a number of days, at least an hour (0.042) and at most 3660');
  const today = asOf(values) ?? new Date().toISOString().slice(0, 10);
  const analyzer = await analyzerFor(values);
  const { files: sources, listings } = collectFiles(['.'], cwd);
  const run = await lintFiles({ cwd, files: sources, listings, analyzer, workers: workersFor(values, { cwd, today }, out, sources) });
  const o = { files: exports, reports: run.reports, cards: analyzer.rateCards, today, periodDays };
  // Paths in the export files are read as given; messages name them as the command line did.
  const read = from === 'otel' ? await importSpans({ ...o, files: files, from }) : await importProviderExport({ ...o, files, from });
  read.files = exports;
  const written = values.write ? relative(cwd, writeUsage(cwd, read, today)) : null;
  await out.write(format === 'json' ? importJson(read, written) : importText(read, written).split('\n').map(terminalSafe).join('\n'));
  return 0;
}

async function tokens(values: Record<string, unknown>, args: string[], out: Out): Promise<number> {
  const format = oneOf('format', values.format, ['text', 'json'] as const);
  if (typeof values.model !== 'string') throw new UsageError('tokens needs --model <id>');
  if (args.length > 1) throw new UsageError('tokens reads one file, or standard input');
  const file = args[0] ?? '-';
  let text: string;
  try {
    text = file === '-' ? readFileSync(0, 'utf8') : readRegularFile(file);
  } catch (e) {
    throw new UsageError(`cannot read ${file === '-' ? 'standard input' : file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const c = countFor((await analyzerFor(values)).rateCards, values.model, text, asOf(values) ?? new Date().toISOString().slice(0, 10));
  await out.write(format === 'json' ? `${JSON.stringify(c, null, 2)}\n` : tokensText(c));
  return 0;
}

async function models(values: Record<string, unknown>, args: string[], cwd: string, out: Out): Promise<number> {
  const format = oneOf('format', values.format, ['text', 'json'] as const);
  let rows = modelRows((await analyzerFor(values)).rateCards, args.join(' '));
  if (values.stale) {
    // Entries whose own as-of date is older than --max-age (else costlint.json's rateCardsMaxAgeDays, else 60) days.
    const maxAge = positiveInt('max-age', values['max-age']) ?? configFor(join(cwd, CONFIG_FILE), cwd).config.rateCardsMaxAgeDays ?? DEFAULT_MAX_CARD_AGE_DAYS;
    const today = asOf(values) ?? new Date().toISOString().slice(0, 10);
    rows = rows.filter((r) => staleDays(r.asOf, today, maxAge) !== null);
    if (!rows.length && format === 'text') {
      await out.write(`No rate-card entry is older than ${maxAge} days.\n`);
      return 0;
    }
  }
  await out.write(format === 'json' ? `${JSON.stringify(rows, null, 2)}\n` : modelsText(rows));
  return 0;
}

async function ratecards(values: Record<string, unknown>, args: string[], cwd: string, out: Out): Promise<number> {
  const [sub, file, ...extra] = args;
  if (sub !== 'import') throw new UsageError(sub ? `unknown ratecards command '${sub}'` : 'ratecards needs a command: import');
  if (!file || extra.length) throw new UsageError('ratecards import takes one price file');
  const from = oneOf('from', values.from, ['litellm', 'genai-prices'] as const);
  const analyzer = await analyzerFor(values);
  const r = importRateCards({
    from,
    file,
    out: values.out as string | undefined,
    providers: values.provider as string[] | undefined,
    asOf: asOf(values) ?? new Date().toISOString().slice(0, 10),
    cwd,
    bundled: analyzer.rateCards,
  });
  // Model ids and messages come from a downloaded file: each line is made inert.
  await out.write(r.text.split('\n').map(terminalSafe).join('\n'));
  return 0;
}

export async function main(argv: string[], cwd = process.cwd(), out: Out = stdout, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const command = argv.find((a) => !a.startsWith('-'));
  const known = command && command in OPTIONS;
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { ...COMMON, ...(known ? OPTIONS[command] : {}) } });
  } catch (e) {
    throw new UsageError((e as Error).message.replace(/\. To specify a positional argument.*$/, ''));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    await out.write(USAGE + '\n');
    return 0;
  }
  if (values.version) {
    await out.write(pkg.version + '\n');
    return 0;
  }
  const [, ...rest] = positionals;
  // The folder run from is the workspace: what costlint.json may name (rate cards, prompt files) must
  // be inside it. The filesystem root would make every file of the machine "inside".
  if ((command === 'lint' || command === 'diff' || command === 'usage') && parse(resolve(cwd)).root === resolve(cwd)) {
    throw new UsageError(
      `run costlint from a project's folder, not from the filesystem root (${resolve(cwd)}): what costlint.json names must stay inside the project`,
    );
  }
  switch (known ? command : undefined) {
    case 'lint':
      return lint(values, rest, cwd, out);
    case 'diff':
      return diff(values, rest, cwd, out, env);
    case 'usage':
      return usage(values, rest, cwd, out);
    case 'tokens':
      return tokens(values, rest, out);
    case 'models':
      return models(values, rest, cwd, out);
    case 'ratecards':
      return ratecards(values, rest, cwd, out);
    default:
      throw new UsageError(command ? `unknown command '${command}'` : 'missing command');
  }
}

/** Runs the command line `argv` (without node and the script), setting the exit code. */
export function run(argv: string[]): void {
  // A reader that stops early (`costlint lint | head`) is not an error: the exit code still tells the result.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
  });
  main(argv).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      if (e instanceof UsageError) process.stderr.write(`costlint: ${e.message}\n\n${USAGE}\n`);
      else if (e instanceof GitError || e instanceof CommandError || e instanceof GithubError) process.stderr.write(`costlint: ${e.message}\n`);
      else process.stderr.write(`costlint: internal error: ${(e as Error)?.stack ?? String(e)}\n`);
      process.exitCode = 2;
    },
  );
}

// Run directly (`node --import tsx server/src/cli.ts`); the built command goes through bin.ts.
if (require.main === module) run(process.argv.slice(2));
