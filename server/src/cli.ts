// costlint CLI: the analysis core without LSP, for CI and code review.
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import pkg from '../../package.json';
import { languageOfPath, unreadableReason } from './core/analyze';
import { WorkspaceImportHost } from './core/importhost';
import { bundledRateCardDir, createNodeAnalyzer, packageVersionsFor, projectSettings } from './core/node';
import { analyzeNotebook } from './core/notebook';
import { unmatchedUsageIds, type CostlintConfig } from './core/config';
import { DEFAULT_SETTINGS, type AnalysisResult, type AnalysisSettings, type Severity } from './core/types';
import { PrefixIndex } from './core/prefixes';
import { collectFiles } from './cli/files';
import { severityAtLeast, toJson, toText, type ConfigIssueReport, type FileReport } from './cli/report';

const USAGE = `Usage: costlint lint [paths...] [options]

Finds LLM API calls (OpenAI, Anthropic, Google Gen AI, Mistral, Cohere, LiteLLM, Ollama;
Python, TypeScript, JavaScript, notebooks),
estimates what each call costs, and reports findings such as uncapped output.

Options:
  --format text|json             Output format (default: text)
  --fail-on info|warning|error|none
                                 Exit 1 when a finding at or above this severity exists (default: warning)
  --default-output-cap N         Cap value suggested by fixes (default: costlint.json's
                                 defaults.outputCap, else ${DEFAULT_SETTINGS.defaultOutputCap})
  --rate-cards DIR               Folder of rate card JSON files (default: the bundled cards)
  -h, --help                     Show this help
  -v, --version                  Show the version

Configuration: the costlint.json nearest each file (up to the current directory) applies.

Exit codes: 0 no findings at or above --fail-on, 1 findings at or above it, 2 usage or input
errors, including problems in a costlint.json (reported as file:line:column; the files are still
analyzed, the fields at fault on their defaults).`;

class UsageError extends Error {}

const MAX_NOTEBOOK_JSON = 64_000_000;

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'text' },
        'fail-on': { type: 'string', default: 'warning' },
        'default-output-cap': { type: 'string' },
        'rate-cards': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  if (values.version) {
    process.stdout.write(pkg.version + '\n');
    return 0;
  }
  const [command, ...paths] = positionals;
  if (command !== 'lint') throw new UsageError(command ? `unknown command '${command}'` : 'missing command');
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`--format must be text or json, not '${values.format}'`);
  const failOn = values['fail-on'];
  if (!['info', 'warning', 'error', 'none'].includes(failOn)) throw new UsageError(`--fail-on must be info, warning, error or none, not '${failOn}'`);
  let capFlag: number | undefined;
  if (values['default-output-cap'] !== undefined) {
    capFlag = Number(values['default-output-cap']);
    if (!Number.isInteger(capFlag) || capFlag < 1) throw new UsageError('--default-output-cap must be a positive integer');
  }

  const cwd = process.cwd();
  const { files, missing } = collectFiles(paths.length ? paths : ['.'], cwd);
  // Clients and constants imported from other files of the project, which is the working directory.
  const host = new WorkspaceImportHost(cwd);
  if (missing.length) throw new UsageError(`no such file or folder: ${missing.join(', ')}`);

  const analyzer = await createNodeAnalyzer(values['rate-cards'] ?? bundledRateCardDir());
  if (values['rate-cards'] && analyzer.rateCards.models.length === 0) {
    throw new UsageError(`no valid rate card entries in ${values['rate-cards']}`);
  }
  const reports: FileReport[] = [];
  const configIssues: ConfigIssueReport[] = [];
  const seenConfigs = new Set<string>();
  const again = new Map<string, (p: AnalysisSettings['workspacePrefixes']) => AnalysisResult>();
  /** Per costlint.json: its text and config, and the call-site ids of each file analyzed under it (for its `usage` ids). */
  const idsByConfig = new Map<string, { text: string; config: CostlintConfig; files: { file: string; ids: string[] }[] }>();
  const named = new Set(paths.map((p) => resolve(cwd, p)));
  const relPath = (p: string) => relative(cwd, p).split(sep).join('/') || p;
  for (const file of files) {
    const rel = relPath(file);
    // The nearest costlint.json; the command line's own options win over it.
    const project = projectSettings(file, { root: cwd, base: { defaultOutputCap: DEFAULT_SETTINGS.defaultOutputCap }, cards: analyzer.rateCards, name: relPath });
    const cfg = project.config;
    if (cfg.path && !seenConfigs.has(cfg.path)) {
      seenConfigs.add(cfg.path);
      for (const i of project.issues) configIssues.push({ file: relPath(cfg.path), line: i.range.start.line + 1, column: i.range.start.character + 1, field: i.path, message: i.message });
    }
    if (project.excluded) {
      // A file named on the command line says why it was left out; one found in a folder is just not listed.
      if (named.has(file)) reports.push({ file: rel, result: null, skipped: project.excluded });
      continue;
    }
    const settings: Partial<AnalysisSettings> = {
      ...project.settings,
      ...(capFlag !== undefined ? { defaultOutputCap: capFlag } : {}),
    };
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      reports.push({ file: rel, result: null, skipped: `unreadable: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
      continue;
    }
    const notebook = file.toLowerCase().endsWith('.ipynb');
    // A notebook's size is mostly its outputs (images, tables): the analysis limit applies to its
    // code cells (checked by the analyzer); the JSON itself only has to be reasonable to parse.
    const reason = unreadableReason(text, notebook ? MAX_NOTEBOOK_JSON : DEFAULT_SETTINGS.maxFileSize);
    if (reason) {
      reports.push({ file: rel, result: null, skipped: reason });
      continue;
    }
    try {
      const analyze = (workspacePrefixes?: AnalysisSettings['workspacePrefixes']) => {
        const s = workspacePrefixes ? { ...settings, workspacePrefixes } : settings;
        return notebook ? analyzeNotebook(analyzer, text, s) : analyzer.analyze({ text, language: languageOfPath(file)!, packages: packageVersionsFor(file), path: resolve(file), host }, s);
      };
      const result = analyze();
      // Kept only for files with a cacheable prefix (the text stays in memory with it).
      if (result.callSites.some((c) => c.cacheablePrefix)) again.set(rel, analyze);
      reports.push({ file: rel, result, skipped: null });
      if (cfg.path) {
        if (!idsByConfig.has(cfg.path)) idsByConfig.set(cfg.path, { text: cfg.text ?? '', config: cfg.config, files: [] });
        idsByConfig.get(cfg.path)!.files.push({ file: relative(dirname(cfg.path), file).split(sep).join('/'), ids: result.callSites.map((c) => c.id) });
      }
    } catch (e) {
      reports.push({ file: rel, result: null, skipped: (e as Error).message });
    }
  }

  // A cacheable prefix may be sent by calls in several files: those files are analyzed again with
  // what the others send (uncached-prefix across the workspace). Only files sharing one are redone.
  const prefixes = new PrefixIndex();
  for (const r of reports) if (r.result) prefixes.set(r.file, r.result);
  for (const r of reports) {
    const redo = again.get(r.file);
    if (r.result && redo && prefixes.sharedElsewhere(r.file, r.result)) r.result = redo(prefixes.forFile(r.file));
  }
  for (const [path, c] of idsByConfig) {
    for (const i of unmatchedUsageIds(c.config, c.text, c.files)) configIssues.push({ file: relPath(path), line: i.range.start.line + 1, column: i.range.start.character + 1, field: i.path, message: i.message });
  }
  const info = { version: pkg.version, rateCardsAsOf: analyzer.rateCards.asOf, rateCardIssues: analyzer.rateCards.issues, configIssues };
  process.stdout.write(values.format === 'json' ? toJson(reports, info) : toText(reports, info));
  for (const i of configIssues) process.stderr.write(`${i.file}:${i.line}:${i.column}: error: ${i.message} (the field's default is used)\n`);
  if (configIssues.length) return 2;
  if (failOn === 'none') return 0;
  const failing = reports.some((r) => r.result?.findings.some((f) => severityAtLeast(f.severity, failOn as Severity)));
  return failing ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    if (e instanceof UsageError) process.stderr.write(`costlint: ${e.message}\n\n${USAGE}\n`);
    else process.stderr.write(`costlint: internal error: ${(e as Error)?.stack ?? String(e)}\n`);
    process.exitCode = 2;
  },
);
