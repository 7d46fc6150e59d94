// One project as the language server and the CLI both see it: its folders, whether it is trusted,
// each file's settings under the nearest costlint.json (include / exclude, pricing), the SDK
// versions of its package.json, the imports between its files, notebooks, and the cacheable
// prefixes its files send (for `uncached-prefix` across files). The server keeps one for the
// workspace and adds the editor's state around it (open documents, settings, caches); the CLI
// keeps one per lint run and thread. Neither decides any of this on its own.
import { basename, dirname, relative, resolve, sep } from 'node:path';
import type { Analyzer } from '../core/analyze';
import { analyzeCells, analyzeNotebook } from '../core/notebook';
import { PrefixIndex } from '../core/prefixes';
import type { AnalysisResult, AnalysisSettings, Language } from '../core/types';
import { WorkspaceImportHost, type OpenDocument } from './importhost';
import { packageVersionsFor, projectSettings, type ProjectSettings, type StatMemo } from './node';

export interface SessionOptions {
  /** The project's folders (the CLI's working directory; the editor's workspace folders). */
  roots: string[];
  /** False in an untrusted workspace: costlint.json's rate-card files are not read. */
  trusted?: boolean;
  /** How assumptions name a costlint.json (relative to the project, or its file name). */
  configName?: (configPath: string) => string;
  /** Files open in an editor, read by imports before the disk. */
  open?: (path: string) => OpenDocument | undefined;
  /**
   * The folder a file outside every folder is judged under (the CLI's working directory, for a
   * file named on its command line: imports and rate-card files stay inside it). Without it, such
   * a file has no folder: no imports, and its costlint.json is looked for up to the file system's root.
   */
  outsideRoot?: string;
  /** The files do not change while the session lives (a CLI run): its hosts look at each folder's real path once. */
  fixedFiles?: boolean;
}

/** A file to analyze: a source file, or a notebook's JSON or cells. */
export type SessionInput = {
  /** The file on disk; absent for an untitled document. */
  path?: string;
  /** The editor's document URI, under which the analyzer keeps its tree for the next edit. */
  document?: string;
  /** Leave the fixes unchecked until they are offered (`Analyzer.checkFixes`). */
  deferFixCheck?: boolean;
  /** The file reaches no SDK module through its imports (`SourceInput.reachesNoSdk`). */
  reachesNoSdk?: boolean;
} & ({ text: string; language: Language } | { notebook: string } | { cells: { type: string; source: string }[] });

export class ProjectSession {
  /** Longest first: a file belongs to the innermost folder. */
  private roots: string[] = [];
  private readonly importHosts = new Map<string, WorkspaceImportHost>();
  /** What each file sends as cacheable prefixes, by the name messages give it (`nameOf`, or the CLI's path). */
  readonly prefixes = new PrefixIndex();
  /** The rate-card files costlint.json files name: a change to one re-prices the project. */
  readonly pricingFiles = new Set<string>();
  trusted: boolean;

  constructor(
    readonly analyzer: Analyzer,
    private readonly o: SessionOptions,
  ) {
    this.trusted = o.trusted !== false;
    this.setRoots(o.roots);
  }

  get folders(): readonly string[] {
    return this.roots;
  }

  setRoots(roots: string[]): void {
    this.roots = roots.map((r) => resolve(r)).sort((a, b) => b.length - a.length);
    for (const r of this.importHosts.keys()) if (!this.roots.includes(r)) this.importHosts.delete(r);
  }

  /** The folder a file is in, if any. */
  rootOf(path: string): string | undefined {
    const p = resolve(path);
    return this.roots.find((r) => p === r || p.startsWith(r.endsWith(sep) ? r : r + sep));
  }

  /** How messages about other files name a file: relative to its folder, with `/` (outside every folder: its name). */
  nameOf(path: string): string {
    const root = this.rootOf(path);
    return root ? relative(root, resolve(path)).split(sep).join('/') || basename(path) : basename(path);
  }

  /** Resolves a file's imports within its folder (open documents before the disk); none outside every folder. */
  importHost(path: string): WorkspaceImportHost | undefined {
    const root = this.rootOf(path) ?? this.o.outsideRoot;
    if (!root) return undefined;
    let host = this.importHosts.get(root);
    if (!host) this.importHosts.set(root, (host = new WorkspaceImportHost(root, this.o.open, { fixed: this.o.fixedFiles })));
    return host;
  }

  /** What the nearest costlint.json says about a file, `base` under it (see `projectSettings`). */
  project(path: string, base: Partial<AnalysisSettings>, memo?: StatMemo): ProjectSettings {
    const project = projectSettings(path, {
      root: this.rootOf(path) ?? this.o.outsideRoot,
      base,
      cards: this.analyzer.rateCards,
      trusted: this.trusted,
      name: this.o.configName,
      memo,
    });
    const cfg = project.config;
    if (cfg.path) for (const f of cfg.config.rateCards ?? []) this.pricingFiles.add(resolve(dirname(cfg.path), f));
    return project;
  }

  /** SDK versions from the package.json nearest a file (none for an untitled document, or when it cannot be read). */
  packages(path: string | undefined, memo?: StatMemo): Record<string, string> | undefined {
    if (!path) return undefined;
    try {
      return packageVersionsFor(path, undefined, memo);
    } catch {
      return undefined;
    }
  }

  /**
   * Analyzes a file as the project sees it: its package versions, its imports, and, with
   * `prefixesFor` (the file's name in the prefix index), joined with the cacheable prefixes the
   * project's other files send (`PrefixIndex.join`). Its own prefixes are not recorded here
   * (`prefixes.set`): the CLI records every file's before it joins any.
   */
  analyze(input: SessionInput, settings: Partial<AnalysisSettings>, o: { memo?: StatMemo; prefixesFor?: string } = {}): AnalysisResult {
    const { path } = input;
    const host = path ? this.importHost(path) : undefined;
    const result =
      'notebook' in input
        ? analyzeNotebook(this.analyzer, input.notebook, settings, { path, host })
        : 'cells' in input
          ? analyzeCells(this.analyzer, input.cells, settings, { path, host })
          : this.analyzer.analyze(
              {
                text: input.text,
                language: input.language,
                // Versions matter to calls only: a file the import graph ruled out has none.
                packages: input.reachesNoSdk ? undefined : this.packages(path, o.memo),
                path,
                host,
                document: input.document,
                deferFixCheck: input.deferFixCheck,
                reachesNoSdk: input.reachesNoSdk,
              },
              settings,
            );
    if (o.prefixesFor !== undefined) this.prefixes.join(o.prefixesFor, result);
    return result;
  }
}
