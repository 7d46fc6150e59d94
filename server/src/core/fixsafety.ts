// The two checks every offered fix passes after its rule wrote it: it must not break the file
// (applyFixCheck, with fixcheck.ts's parsers), and a fix that edits what other calls read too
// must say so and is never safe (sharedEdits).
import type { BuiltCall } from './callsite';
import type { FixCheck } from './fixcheck';
import { allFindings } from './prefixes';
import type { LineIndex } from './text';
import type { AnalysisResult, Finding } from './types';
import type { Val } from './recognizers/values';

/**
 * The net under every fix: the edited text must parse as well as the text did. A fix that breaks
 * a file that parsed is a writer's bug, reported as an isolated failure; in code that is being
 * typed (it did not parse before) the fix is just not offered. Without a check (no parser for the
 * language), no fix is offered.
 */
export function applyFixCheck(result: AnalysisResult, check: FixCheck | undefined): void {
  // The findings a join may show later (prefixes.ts) are checked now too.
  const fixed = allFindings(result).filter((f) => f.fix);
  if (!fixed.length) return;
  let verdicts: ReturnType<FixCheck>;
  try {
    if (!check) throw new Error('no parser for the language');
    verdicts = check(fixed.map((f) => f.fix!.edits.map((e) => ({ span: e.span, newText: e.newText }))));
  } catch (e) {
    const broken = `it could not be checked (${e instanceof Error ? e.message : String(e)})`;
    verdicts = fixed.map(() => ({ broken, clean: true }));
  }
  fixed.forEach((f, i) => {
    const v = verdicts[i];
    if (!v) return;
    if (v.clean)
      result.errors.push({ component: `fix:${f.rule}`, message: `dropped the fix "${f.fix!.title}" at line ${f.range.start.line + 1}: ${v.broken}` });
    f.fix = null;
  });
}

/**
 * A fix editing an object or list that other calls of the file read too (a params object, a
 * system prompt list shared by several calls) changes those calls as well: it is not safe (at most
 * unsafe, never applied on save), and its title says which other calls it changes.
 */
export function sharedEdits(fixOf: Map<Finding, BuiltCall>, calls: readonly BuiltCall[], lines: LineIndex): void {
  if (calls.length < 2 || !fixOf.size) return;
  const reads = new Map<BuiltCall, { start: number; end: number }[]>();
  const collect = (v: Val | null | undefined, out: { start: number; end: number }[], depth: number) => {
    if (!v || depth > 8) return;
    if (v.kind === 'obj') {
      if (v.node) out.push(v.span);
      for (const x of v.props.values()) collect(x, out, depth + 1);
    } else if (v.kind === 'list') {
      out.push(v.span);
      for (const x of v.items) collect(x, out, depth + 1);
    }
  };
  for (const c of calls) {
    const out: { start: number; end: number }[] = [];
    collect(c.raw.args, out, 0);
    collect(c.raw.bound, out, 0);
    // A call's own argument list (written in the call) is its own, though another call may be written inside it.
    const a = c.raw.args.span;
    const own = a.start >= c.raw.span.start && a.end <= c.raw.span.end;
    reads.set(
      c,
      out.filter((r) => !own || r.start !== a.start || r.end !== a.end),
    );
  }
  for (const [finding, call] of fixOf) {
    const inside = (e: { span: { start: number; end: number } }, r: { start: number; end: number }) => r.start <= e.span.start && e.span.end <= r.end;
    const others = calls.filter((c) => c !== call && finding.fix!.edits.some((e) => reads.get(c)!.some((r) => inside(e, r))));
    if (!others.length) continue;
    const where = others.map((c) => lines.lineOf(c.site.span.start) + 1);
    finding.fix = {
      ...finding.fix!,
      title: `${finding.fix!.title} (also changes the call${where.length > 1 ? 's' : ''} at line${where.length > 1 ? 's' : ''} ${where.join(', ')})`,
      safety: finding.fix!.safety === 'safe' ? 'unsafe' : finding.fix!.safety,
    };
  }
}
