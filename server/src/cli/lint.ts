// One lint run over a project: the files to analyze, each under its nearest costlint.json, with
// imports resolved within the project, cacheable prefixes compared across files, and usage ids
// checked. Used by `costlint lint` and, once per revision, by `costlint diff`.
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { Analyzer } from '../core/analyze';
import { languageOfPath, unreadableReason } from '../core/analyze';
import { unmatchedUsageIds, type CostlintConfig } from '../core/config';
import { WorkspaceImportHost } from '../core/importhost';
import { configFor, packageVersionsFor, projectSettings, StatMemo } from '../core/node';
import { analyzeNotebook } from '../core/notebook';
import { PrefixIndex } from '../core/prefixes';
import { DEFAULT_SETTINGS, type AnalysisResult, type AnalysisSettings } from '../core/types';
import type { ConfigIssueReport, FileReport } from './report';

const MAX_NOTEBOOK_JSON = 64_000_000;

export interface LintOptions {
  /** The project root: files, configs and imports are relative to it. */
  cwd: string;
  /** Absolute paths of the files to lint (from `collectFiles`). */
  files: string[];
  /** Files named on the command line: an excluded one is listed as skipped, with why. */
  named?: Set<string>;
  analyzer: Analyzer;
  /** `--default-output-cap`, which wins over costlint.json. */
  capFlag?: number;
  /** `--as-of`: the date lifecycle and dated prices are judged at (today when absent). */
  today?: string;
  /** Called after each file, for a progress line. */
  progress?: (done: number, total: number, file: string) => void;
}

export interface LintRun {
  reports: FileReport[];
  configIssues: ConfigIssueReport[];
  /** The costlint.json at the project root, whose budgets gate the run as a whole. */
  rootConfig: CostlintConfig;
}

export function lintFiles(o: LintOptions): LintRun {
  const { cwd, analyzer } = o;
  // Clients and constants imported from other files of the project.
  const host = new WorkspaceImportHost(cwd);
  // The files are taken as unchanged during the run: each folder is looked at once for configs.
  const memo = new StatMemo();
  const reports: FileReport[] = [];
  const configIssues: ConfigIssueReport[] = [];
  const seenConfigs = new Set<string>();
  const again = new Map<string, (p: AnalysisSettings['workspacePrefixes']) => AnalysisResult>();
  /** Per costlint.json: its text and config, and the call-site ids of each file analyzed under it (for its `usage` ids). */
  const idsByConfig = new Map<string, { text: string; config: CostlintConfig; files: { file: string; ids: string[] }[] }>();
  const relPath = (p: string) => relative(cwd, p).split(sep).join('/') || p;
  const issueOf = (configPath: string, i: { range: { start: { line: number; character: number } }; path: string; message: string }): ConfigIssueReport => ({
    file: relPath(configPath),
    line: i.range.start.line + 1,
    column: i.range.start.character + 1,
    field: i.path,
    message: i.message,
  });
  let done = 0;
  for (const file of o.files) {
    o.progress?.(done++, o.files.length, relPath(file));
    const rel = relPath(file);
    // The nearest costlint.json; the command line's own options win over it.
    const project = projectSettings(file, { root: cwd, base: { defaultOutputCap: DEFAULT_SETTINGS.defaultOutputCap }, cards: analyzer.rateCards, name: relPath, memo });
    const cfg = project.config;
    if (cfg.path && !seenConfigs.has(cfg.path)) {
      seenConfigs.add(cfg.path);
      for (const i of project.issues) configIssues.push(issueOf(cfg.path, i));
    }
    if (project.excluded) {
      // A file named on the command line says why it was left out; one found in a folder is just not listed.
      if (o.named?.has(file)) reports.push({ file: rel, result: null, skipped: project.excluded });
      continue;
    }
    const settings: Partial<AnalysisSettings> = { ...project.settings, ...(o.capFlag !== undefined ? { defaultOutputCap: o.capFlag } : {}), ...(o.today ? { today: o.today } : {}) };
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
        return notebook ? analyzeNotebook(analyzer, text, s) : analyzer.analyze({ text, language: languageOfPath(file)!, packages: packageVersionsFor(file, undefined, memo), path: resolve(file), host }, s);
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
  o.progress?.(done, o.files.length, '');

  // A cacheable prefix may be sent by calls in several files: those files are analyzed again with
  // what the others send (uncached-prefix across the workspace). Only files sharing one are redone.
  const prefixes = new PrefixIndex();
  for (const r of reports) if (r.result) prefixes.set(r.file, r.result);
  for (const r of reports) {
    const redo = again.get(r.file);
    if (r.result && redo && prefixes.sharedElsewhere(r.file, r.result)) r.result = redo(prefixes.forFile(r.file));
  }
  for (const [path, c] of idsByConfig) for (const i of unmatchedUsageIds(c.config, c.text, c.files)) configIssues.push(issueOf(path, i));
  return { reports, configIssues, rootConfig: configFor(join(cwd, '.costlint-root'), cwd, memo).config };
}
