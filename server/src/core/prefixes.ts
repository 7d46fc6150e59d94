// Cacheable static prefixes across a workspace's files, for `uncached-prefix`. Each analysis
// says which of its call sites send a prefix long enough to cache (`CallSite.cacheablePrefix`)
// and what the rule would report for each, should enough calls send it (`AnalysisResult.prefixJoin`).
// The host records every file's prefixes in a `PrefixIndex` and joins each file's candidates
// with what the other files send (`joinPrefixes`): a file is never analyzed again because another
// file sends its prefix. Plain data, no I/O.
import { RULES } from './rules';
import { prefixReason } from './rules/uncached-prefix';
import { suppressionOf, type Suppression } from './suppressions';
import type { AnalysisResult, Finding, PrefixCandidate, PrefixJoin, WorkspacePrefixes } from './types';

export class PrefixIndex {
  /** Per file: how many of its call sites send each prefix key. */
  private readonly byFile = new Map<string, Map<string, number>>();

  /** Records a file's analysis (null: the file is gone). Returns the files whose findings may change with it. */
  set(file: string, result: AnalysisResult | null): string[] {
    const before = this.byFile.get(file);
    const after = new Map<string, number>();
    for (const c of result?.callSites ?? []) if (c.cacheablePrefix) after.set(c.cacheablePrefix.key, (after.get(c.cacheablePrefix.key) ?? 0) + 1);
    if (after.size) this.byFile.set(file, after);
    else this.byFile.delete(file);
    const same = before?.size === after.size && [...after].every(([k, n]) => before.get(k) === n);
    if (same || (!before && !after.size)) return [];
    const keys = new Set([...(before?.keys() ?? []), ...after.keys()]);
    return [...this.byFile].filter(([f, m]) => f !== file && [...m.keys()].some((k) => keys.has(k))).map(([f]) => f);
  }

  /** The prefixes other files send, for the keys this file's last analysis had. */
  forFile(file: string, keys?: Iterable<string>): WorkspacePrefixes {
    const out: WorkspacePrefixes = {};
    const wanted = keys ? new Set(keys) : null;
    for (const [f, m] of this.byFile) {
      if (f === file) continue;
      for (const [k, n] of m) {
        if (wanted && !wanted.has(k)) continue;
        const e = (out[k] ??= { files: [], calls: 0 });
        e.files.push(f);
        e.calls += n;
      }
    }
    for (const e of Object.values(out)) e.files.sort();
    return out;
  }

  /** Joins a file's analysis (`file` in this index) with what the other files send: see `joinPrefixes`. */
  join(file: string, result: AnalysisResult): boolean {
    const keys = result.prefixJoin?.candidates.map((c) => c.key);
    return keys?.length ? joinPrefixes(result, this.forFile(file, keys)) : false;
  }
}

/** Whether a candidate holds with what other files send; when it does, its finding's message says why. */
export function holds(c: PrefixCandidate, elsewhere?: { files: string[]; calls: number }): boolean {
  const reason = prefixReason(c, elsewhere);
  if (reason === null) return false;
  c.finding.message = `${c.message[0]}${reason}${c.message[1]}`;
  return true;
}

/**
 * A file's candidates (`holds` for what the file alone sends, already applied to `findings`)
 * and the suppression comments whose use depends on them: for each, the file-level findings
 * about it now (`fileLevel`, those of its span) and those once it silences a candidate.
 */
export function prefixJoinOf(
  candidates: PrefixCandidate[],
  suppressions: Suppression[],
  fileLevel: Finding[],
  fileFindings: (s: Suppression[]) => Finding[],
): PrefixJoin {
  const waiting = new Map<Suppression, number[]>();
  candidates.forEach((c, i) => {
    const s = suppressionOf(c.finding, suppressions);
    c.suppressed = s !== undefined;
    if (s && !s.used.has(c.finding.rule)) waiting.set(s, [...(waiting.get(s) ?? []), i]);
  });
  const swaps = [...waiting].map(([s, idx]) => ({
    unused: fileLevel.filter((f) => f.span.start === s.span.start && f.span.end === s.span.end),
    used: fileFindings([{ ...s, used: new Set([...s.used, candidates[idx[0]].finding.rule]) }]),
    candidates: idx,
  }));
  return { candidates, swaps };
}

/** The findings a join decides: the candidates' and the swapped file-level ones. */
function joined(j: PrefixJoin): Finding[] {
  return [...j.candidates.map((c) => c.finding), ...j.swaps.flatMap((s) => [...s.unused, ...s.used])];
}

/** Every finding an analysis may show: its findings, and those a join may show (candidates, swapped file-level findings). */
export function allFindings(result: AnalysisResult): Finding[] {
  const j = result.prefixJoin;
  return j ? [...new Set([...result.findings, ...joined(j)])] : result.findings;
}

const FILE_RULES: ReadonlySet<string> = new Set(RULES.filter((r) => r.checkFile !== undefined).map((r) => r.meta.id));
const ORDER = new Map<string, number>(RULES.map((r, i) => [r.meta.id, i]));

/**
 * Sets an analysis's cross-file findings for what other files send (`elsewhere`, by prefix key):
 * the candidates that hold, in their rule's place among the findings, and the file-level findings
 * about suppressions that now silence one. It starts from the candidates, never from the findings
 * of an earlier join, so joining again with other figures is right. Returns whether the findings changed.
 */
export function joinPrefixes(result: AnalysisResult, elsewhere: WorkspacePrefixes): boolean {
  const j = result.prefixJoin;
  if (!j?.candidates.length) return false;
  const signature = (fs: Finding[]) => fs.map((f) => `${f.rule}@${f.cell ?? 0}:${f.span.start}:${f.message}`).join('\n');
  const before = signature(result.findings);
  const ours = new Set(joined(j));
  const kept = result.findings.filter((f) => !ours.has(f));
  const holding = j.candidates.map((c) => holds(c, elsewhere[c.key]));
  const shown = j.candidates.filter((c, i) => holding[i] && !c.suppressed).map((c) => c.finding);
  // Call findings are in rule order, then the file-level ones in the order of their comments.
  const rank = ORDER.get(j.candidates[0].finding.rule) ?? 0;
  const firstFile = kept.findIndex((f) => FILE_RULES.has(f.rule));
  const calls = firstFile < 0 ? kept : kept.slice(0, firstFile);
  const file = firstFile < 0 ? [] : kept.slice(firstFile);
  let at = calls.findIndex((f) => (ORDER.get(f.rule) ?? 0) > rank);
  if (at < 0) at = calls.length;
  calls.splice(at, 0, ...shown);
  const swapped = j.swaps.flatMap((s) => (s.candidates.some((i) => holding[i]) ? s.used : s.unused));
  if (swapped.length) file.push(...swapped);
  file.sort((a, b) => (a.cell ?? 0) - (b.cell ?? 0) || a.span.start - b.span.start);
  result.findings = [...calls, ...file];
  return signature(result.findings) !== before;
}
