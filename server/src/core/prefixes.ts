// The cacheable static prefixes of a workspace's files, for `uncached-prefix` across files: the
// host records each file's analysis here and passes `forFile(file)` as the next analysis's
// `settings.workspacePrefixes`. Plain data, no I/O.
import type { AnalysisResult, AnalysisSettings } from './types';

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
  forFile(file: string, keys?: Iterable<string>): NonNullable<AnalysisSettings['workspacePrefixes']> {
    const out: NonNullable<AnalysisSettings['workspacePrefixes']> = {};
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

  /** True when another file sends one of these keys. */
  sharedElsewhere(file: string, result: AnalysisResult): boolean {
    const keys = new Set(result.callSites.flatMap((c) => (c.cacheablePrefix ? [c.cacheablePrefix.key] : [])));
    if (!keys.size) return false;
    for (const [f, m] of this.byFile) if (f !== file && [...m.keys()].some((k) => keys.has(k))) return true;
    return false;
  }
}
