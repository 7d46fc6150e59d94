// The requests and notifications costlint adds to LSP, shared by the server and the extension
// (the client imports these types and names only). Plain data: a workspace's call sites, summed
// per file, for the status bar, the "LLM calls" tree and the cost report.
import { candidateList } from './core/format';
import { monthlyOf } from './core/projection';
import type { AnalysisResult, Range, Severity } from './core/types';

/**
 * How the server process is started: the extension starts it so, and the benchmark that measures
 * its memory starts it the same way. Measured on the 10,000-file benchmark repository, the two
 * together take the resident memory after the workspace scan from 215-257 MB to about 170 MB,
 * with no slower scan:
 * - a 4 MB young generation (V8's default grows each semi-space to 16 MB; the server's garbage is
 *   short-lived file text and syntax trees, which a small young generation collects as well);
 * - glibc's trim threshold pinned at its default, 128 KiB. Left alone, glibc raises it (up to
 *   64 MB) after large blocks are freed, and memory freed by the scan stayed with the process.
 *   Other C libraries ignore the variable.
 */
export const SERVER_EXEC_ARGV: string[] = ['--max-semi-space-size=4'];
export const SERVER_ENV: Record<string, string> = { MALLOC_TRIM_THRESHOLD_: '131072' };

/** Request: the workspace summary. */
export const WORKSPACE_REQUEST = 'costlint/workspace';
/** Notification, server to client: the summary changed (sent at most every 300 ms). */
export const WORKSPACE_CHANGED = 'costlint/workspaceChanged';
/** Request: scan the workspace folders again. */
export const RESCAN_REQUEST = 'costlint/rescan';
/** Request: the rate-card entry of the model of the call at a position. */
export const RATE_CARD_REQUEST = 'costlint/rateCardEntry';
/** Notification, client to server: the workspace became trusted. */
export const TRUSTED_NOTIFICATION = 'costlint/trusted';

export interface SiteSummary {
  /** `CallSite.id` (without the file). */
  id: string;
  range: Range;
  /** Notebooks: the cell index. */
  cell?: number;
  provider: string;
  model: string | null;
  operation: string;
  /** Worst case for one call; null when unpriced. */
  perCall: { min: number; max: number } | null;
  expected: number | null;
  /** Per month with usage from costlint.json, else null. */
  monthly: number | null;
  callsPerMonth: number | null;
  /** What production measured (costlint.usage.json): per month (null when not all its calls were priced), calls per month, and whether the import is stale. */
  measured: { monthly: number | null; callsPerMonth: number; stale: boolean } | null;
  /** The feature costlint.json `features` gives the call site, and its owners from CODEOWNERS. */
  feature: string | null;
  owners: string[];
  findings: Record<Severity, number>;
  inLoop: boolean;
  iterations: number | null;
}

export interface FileSummary {
  uri: string;
  /** Relative to its workspace folder, `/` separators. */
  path: string;
  /** The workspace folder's URI. */
  root: string;
  callSites: SiteSummary[];
  /** All the file's findings, call sites or not (unused suppressions...). */
  findings: Record<Severity, number>;
  skipped: string | null;
}

export interface WorkspaceSummary {
  roots: string[];
  /** Files with call sites or findings; sorted by worst case per call, highest first. */
  files: FileSummary[];
  /** True while the start-up scan (or a rescan) runs. */
  scanning: boolean;
  /** How many files the last scan read. */
  scannedFiles: number;
  rateCardsAsOf: string | null;
}

export interface RateCardEntry {
  model: string;
  /** The rate-card file and the line of the entry (0-based). */
  file: string;
  line: number;
}

const none = (): Record<Severity, number> => ({ error: 0, warning: 0, info: 0 });

/** A file's analysis summed for the editor's overviews. */
export function summarize(result: AnalysisResult, uri: string, path: string, root: string): FileSummary {
  const findings = none();
  for (const f of result.findings) findings[f.severity]++;
  const callSites = result.callSites.map((c): SiteSummary => {
    const own = none();
    for (const f of result.findings)
      if (f.cell === c.cell && f.range.start.line >= c.range.start.line && f.range.start.line <= c.range.end.line) own[f.severity]++;
    const m = monthlyOf(c);
    return {
      id: c.id,
      range: c.nameRange,
      ...(c.cell !== undefined ? { cell: c.cell } : {}),
      provider: c.provider,
      model: c.model.candidates ? candidateList(c.model.candidates) : c.model.value,
      operation: c.operation,
      perCall: c.estimate.costUsd,
      expected: c.estimate.expected?.costUsd ?? null,
      monthly: m?.usd ?? null,
      callsPerMonth: c.usage?.callsPerMonth ?? null,
      measured: c.measured ? { monthly: c.measured.monthlyUsd, callsPerMonth: c.measured.callsPerMonth, stale: c.measured.staleDays !== undefined } : null,
      feature: c.feature ?? null,
      owners: c.owners ?? [],
      findings: own,
      inLoop: c.inLoop,
      iterations: c.iterations ?? null,
    };
  });
  callSites.sort((a, b) => (b.perCall?.max ?? -1) - (a.perCall?.max ?? -1));
  return { uri, path, root, callSites, findings, skipped: result.skipped };
}

/** A file's worst case for one call of each of its call sites. */
export const fileCost = (f: FileSummary): number => f.callSites.reduce((n, c) => n + (c.perCall?.max ?? 0), 0);
