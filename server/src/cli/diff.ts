// `costlint diff`: the call sites of two revisions matched by their stable identity (file,
// enclosing functions and classes, operation, ordinal: `CallSite.id`), never by line, so code that
// moves within its file is not a change; then what changed for each and the totals, per call and
// per month.
import { formatTokens, formatUsd } from '../core/format';
import { monthlyOf } from '../core/projection';
import type { CallSite } from '../core/types';
import { code, fold, mdTable } from './markdown';
import { cleanStrings, markdownSafe, terminalSafe } from './escape';
import { modelText, NO_FEATURE, NO_OWNER, type FileReport } from './report';
import type { Paint } from './style';

export interface SiteState {
  model: string;
  outputCap: string | null;
  inputTokens: number;
  /** Worst case for one call (its cap, or the model's maximum output when uncapped); null when unpriced. */
  perCallUsd: number | null;
  monthlyUsd: number | null;
  line: number;
  /** costlint.json `features`, CODEOWNERS. */
  feature?: string;
  owners?: string[];
}

export interface SiteChange {
  /** `<file>::<CallSite.id>`. */
  id: string;
  file: string;
  status: 'new' | 'removed' | 'changed' | 'unchanged';
  /** What changed, in words: `model gpt-4o → gpt-5.5`, `cap removed`, `prompt grew by 120 tokens`. */
  changes: string[];
  before: SiteState | null;
  after: SiteState | null;
  /** After minus before; null when either side is unpriced (a new site counts from 0). */
  perCallDeltaUsd: number | null;
  monthlyDeltaUsd: number | null;
}

export interface CostDiff {
  base: string;
  head: string;
  sites: SiteChange[];
  totals: {
    before: { perCallUsd: number; monthlyUsd: number | null };
    after: { perCallUsd: number; monthlyUsd: number | null };
    perCallDeltaUsd: number;
    monthlyDeltaUsd: number | null;
    /** The monthly change as a percentage of the base's monthly total (null without one). */
    monthlyDeltaPercent: number | null;
    /** The change per feature (costlint.json `features`) and per owner (CODEOWNERS), when call sites have them. */
    byFeature?: GroupDelta[];
    byOwner?: GroupDelta[];
  };
}

export interface GroupDelta {
  name: string;
  monthlyBeforeUsd: number | null;
  monthlyAfterUsd: number | null;
  monthlyDeltaUsd: number | null;
  perCallDeltaUsd: number;
}

const round = (n: number) => Math.round(n * 1e6) / 1e6;

function stateOf(c: CallSite): SiteState {
  const cap = c.outputCap ? `${c.outputCap.param}=${c.outputCap.value ?? c.outputCap.expression}` : null;
  return {
    model: modelText(c),
    outputCap: cap,
    inputTokens: c.estimate.inputTokens.static + c.estimate.inputTokens.assumed,
    perCallUsd: c.estimate.costUsd?.max ?? null,
    monthlyUsd: monthlyOf(c)?.usd ?? null,
    line: c.range.start.line + 1,
    ...(c.feature ? { feature: c.feature } : {}),
    ...(c.owners?.length ? { owners: c.owners } : {}),
  };
}

function sitesOf(reports: FileReport[]): Map<string, { file: string; site: CallSite }> {
  const out = new Map<string, { file: string; site: CallSite }>();
  for (const r of reports) for (const c of r.result?.callSites ?? []) out.set(`${r.file}::${c.id}`, { file: r.file, site: c });
  return out;
}

/** The id without its ordinal: calls of one operation in one function form a group. */
const groupOf = (id: string) => id.replace(/\[\d+\]$/, '');
const sameState = (a: SiteState, b: SiteState) => a.model === b.model && a.outputCap === b.outputCap && a.inputTokens === b.inputTokens;

/**
 * Pairs the call sites of one group (same file, function and operation) across revisions: the
 * unchanged ones first, wherever they moved within the group, then the rest in order. A call added
 * before another in the same function then shows as new, not as the other one changed.
 */
function pairGroup(
  before: { id: string; site: CallSite }[],
  after: { id: string; site: CallSite }[],
): [{ id: string; site: CallSite } | undefined, { id: string; site: CallSite } | undefined][] {
  const pairs: [{ id: string; site: CallSite } | undefined, { id: string; site: CallSite } | undefined][] = [];
  const restB = [...before];
  const restA: typeof after = [];
  for (const a of after) {
    const i = restB.findIndex((b) => sameState(stateOf(b.site), stateOf(a.site)));
    if (i >= 0) pairs.push([restB.splice(i, 1)[0], a]);
    else restA.push(a);
  }
  const n = Math.max(restB.length, restA.length);
  for (let i = 0; i < n; i++) pairs.push([restB[i], restA[i]]);
  return pairs;
}

export function diffRuns(base: FileReport[], head: FileReport[], labels: { base: string; head: string }): CostDiff {
  const before = sitesOf(base);
  const after = sitesOf(head);
  const groups = new Map<string, { before: { id: string; site: CallSite }[]; after: { id: string; site: CallSite }[] }>();
  const group = (id: string) => {
    const g = groupOf(id);
    if (!groups.has(g)) groups.set(g, { before: [], after: [] });
    return groups.get(g)!;
  };
  for (const [id, x] of before) group(id).before.push({ id, site: x.site });
  for (const [id, x] of after) group(id).after.push({ id, site: x.site });
  const fileOf = (id: string) => (after.get(id) ?? before.get(id))!.file;
  const sites: SiteChange[] = [];
  const delta = (a: number | null | undefined, b: number | null | undefined) =>
    a === null || a === undefined || b === null || b === undefined ? null : round(b - a);
  for (const g of groups.values()) {
    for (const [b, a] of pairGroup(g.before, g.after)) {
      const bs = b && stateOf(b.site);
      const as = a && stateOf(a.site);
      const changes: string[] = [];
      if (bs && as) {
        if (bs.model !== as.model) changes.push(`model ${bs.model} → ${as.model}`);
        if (bs.outputCap && !as.outputCap) changes.push(`cap removed (was ${bs.outputCap})`);
        else if (!bs.outputCap && as.outputCap) changes.push(`cap added (${as.outputCap})`);
        else if (bs.outputCap !== as.outputCap) changes.push(`cap ${bs.outputCap} → ${as.outputCap}`);
        const grew = as.inputTokens - bs.inputTokens;
        const tokens = (n: number) => `${formatTokens(n)} token${n === 1 ? '' : 's'}`;
        if (grew > 0) changes.push(`prompt grew by ${tokens(grew)}`);
        else if (grew < 0) changes.push(`prompt shrank by ${tokens(-grew)}`);
        if (!changes.length && (bs.perCallUsd !== as.perCallUsd || bs.monthlyUsd !== as.monthlyUsd))
          changes.push(bs.monthlyUsd !== as.monthlyUsd && bs.perCallUsd === as.perCallUsd ? 'usage changed' : 'price changed');
      }
      const id = (a ?? b)!.id;
      sites.push({
        id,
        file: fileOf(id),
        status: !bs ? 'new' : !as ? 'removed' : changes.length ? 'changed' : 'unchanged',
        changes,
        before: bs ?? null,
        after: as ?? null,
        perCallDeltaUsd: delta(bs ? bs.perCallUsd : 0, as ? as.perCallUsd : 0),
        monthlyDeltaUsd: bs?.monthlyUsd == null && as?.monthlyUsd == null ? null : delta(bs ? (bs.monthlyUsd ?? 0) : 0, as ? (as.monthlyUsd ?? 0) : 0),
      });
    }
  }
  const order = { new: 0, changed: 1, removed: 2, unchanged: 3 };
  sites.sort(
    (x, y) =>
      order[x.status] - order[y.status] ||
      Math.abs(y.monthlyDeltaUsd ?? y.perCallDeltaUsd ?? 0) - Math.abs(x.monthlyDeltaUsd ?? x.perCallDeltaUsd ?? 0) ||
      x.id.localeCompare(y.id),
  );
  const total = (m: Map<string, { site: CallSite }>) => {
    const list = [...m.values()].map((x) => stateOf(x.site));
    const monthly = list.filter((s) => s.monthlyUsd !== null);
    return {
      perCallUsd: round(list.reduce((n, s) => n + (s.perCallUsd ?? 0), 0)),
      monthlyUsd: monthly.length ? round(monthly.reduce((n, s) => n + s.monthlyUsd!, 0)) : null,
    };
  };
  const tb = total(before);
  const ta = total(after);
  const monthlyDelta = tb.monthlyUsd === null && ta.monthlyUsd === null ? null : round((ta.monthlyUsd ?? 0) - (tb.monthlyUsd ?? 0));
  return {
    base: labels.base,
    head: labels.head,
    sites,
    totals: {
      before: tb,
      after: ta,
      perCallDeltaUsd: round(ta.perCallUsd - tb.perCallUsd),
      monthlyDeltaUsd: monthlyDelta,
      monthlyDeltaPercent: monthlyDelta !== null && tb.monthlyUsd ? Math.round((monthlyDelta / tb.monthlyUsd) * 10000) / 100 : null,
      ...groupDeltas(sites),
    },
  };
}

/** Each site's before and after summed per feature and per owner (a site in a group on either side counts in it). */
function groupDeltas(sites: SiteChange[]): { byFeature?: GroupDelta[]; byOwner?: GroupDelta[] } {
  const out: { byFeature?: GroupDelta[]; byOwner?: GroupDelta[] } = {};
  for (const by of ['feature', 'owner'] as const) {
    const of = (st: SiteState | null) => (st ? (by === 'feature' ? [st.feature ?? NO_FEATURE] : st.owners?.length ? st.owners : [NO_OWNER]) : []);
    if (!sites.some((x) => [x.before, x.after].some((st) => st && (by === 'feature' ? st.feature : st.owners?.length)))) continue;
    const groups = new Map<string, { before: number | null; after: number | null; perCall: number }>();
    const add = (name: string, side: 'before' | 'after', st: SiteState) => {
      const g = groups.get(name) ?? { before: null, after: null, perCall: 0 };
      if (st.monthlyUsd !== null) g[side] = (g[side] ?? 0) + st.monthlyUsd;
      g.perCall += (side === 'after' ? 1 : -1) * (st.perCallUsd ?? 0);
      groups.set(name, g);
    };
    for (const x of sites) {
      for (const name of of(x.before)) add(name, 'before', x.before!);
      for (const name of of(x.after)) add(name, 'after', x.after!);
    }
    const list = [...groups].map(([name, g]) => ({
      name,
      monthlyBeforeUsd: g.before === null ? null : round(g.before),
      monthlyAfterUsd: g.after === null ? null : round(g.after),
      monthlyDeltaUsd: g.before === null && g.after === null ? null : round((g.after ?? 0) - (g.before ?? 0)),
      perCallDeltaUsd: round(g.perCall),
    }));
    list.sort((a, b) => Math.abs(b.monthlyDeltaUsd ?? b.perCallDeltaUsd) - Math.abs(a.monthlyDeltaUsd ?? a.perCallDeltaUsd) || a.name.localeCompare(b.name));
    out[by === 'feature' ? 'byFeature' : 'byOwner'] = list;
  }
  return out;
}

function groupDeltaLine(label: string, groups: GroupDelta[]): string {
  const changed = groups.filter((g) => (g.monthlyDeltaUsd ?? 0) !== 0 || g.perCallDeltaUsd !== 0);
  return `${label}: ${changed.length ? changed.map((g) => `${g.name} ${g.monthlyDeltaUsd !== null ? `${formatDelta(g.monthlyDeltaUsd)}/month` : `${formatDelta(g.perCallDeltaUsd)}/call`}`).join(', ') : 'no change'}`;
}

/** `+$0.45`, `-$0.45`, `$0`. */
export function formatDelta(n: number | null): string {
  if (n === null) return '–';
  if (n === 0) return '$0';
  return n > 0 ? `+${formatUsd(n)}` : formatUsd(n);
}

const usd = (n: number | null) => (n === null ? 'unpriced' : formatUsd(n));
const changed = (d: CostDiff) => d.sites.filter((s) => s.status !== 'unchanged');

function describe(s: SiteChange): string {
  if (s.status === 'new') return `new: ${s.after!.model}, ${usd(s.after!.perCallUsd)}/call`;
  if (s.status === 'removed') return `removed (was ${s.before!.model}, ${usd(s.before!.perCallUsd)}/call)`;
  return s.changes.join('; ');
}

function totalsLine(d: CostDiff): string {
  const t = d.totals;
  const perCall = `per call (one of each, worst case): ${formatUsd(t.before.perCallUsd)} → ${formatUsd(t.after.perCallUsd)} (${formatDelta(t.perCallDeltaUsd)})`;
  const monthly =
    t.monthlyDeltaUsd === null
      ? 'no usage in costlint.json: no monthly figures'
      : `per month: ${usd(t.before.monthlyUsd ?? 0)} → ${usd(t.after.monthlyUsd ?? 0)} (${formatDelta(t.monthlyDeltaUsd)}${t.monthlyDeltaPercent !== null ? `, ${t.monthlyDeltaPercent > 0 ? '+' : ''}${t.monthlyDeltaPercent}%` : ''})`;
  return `${perCall}; ${monthly}`;
}

export function diffText(raw: CostDiff, p: Paint): string {
  const d = cleanStrings(raw, terminalSafe);
  const lines = [p.bold(`costlint diff ${d.base}..${d.head}`)];
  const list = changed(d);
  if (!list.length) lines.push('No call site changed.');
  for (const s of list) {
    const dl = s.monthlyDeltaUsd ?? s.perCallDeltaUsd;
    const colour = dl === null || dl === 0 ? p.dim : dl > 0 ? p.red : p.green;
    const figures = `${formatDelta(s.perCallDeltaUsd)}/call${s.monthlyDeltaUsd !== null ? ` ${formatDelta(s.monthlyDeltaUsd)}/month` : ''}`;
    lines.push(`  ${s.id}${s.after ? `:${s.after.line}` : ''}  ${describe(s)}  ${colour(figures)}`);
  }
  lines.push('', totalsLine(d));
  if (d.totals.byFeature) lines.push(groupDeltaLine('By feature', d.totals.byFeature));
  if (d.totals.byOwner) lines.push(groupDeltaLine('By owner (CODEOWNERS)', d.totals.byOwner));
  return lines.join('\n') + '\n';
}

export function diffMarkdown(raw: CostDiff): string {
  const d = cleanStrings(raw, terminalSafe);
  const out = ['## costlint: LLM cost change', '', `${code(d.base)} → ${code(d.head)}: ${totalsLine(d)}`, ''];
  const list = changed(d);
  if (!list.length) out.push('No call site changed.');
  else {
    const rows = list.map((s) => [
      code(s.id),
      markdownSafe(describe(s)),
      `${usd(s.before?.perCallUsd ?? null)} → ${usd(s.after?.perCallUsd ?? null)}`,
      formatDelta(s.perCallDeltaUsd),
      formatDelta(s.monthlyDeltaUsd),
    ]);
    out.push(...fold(`${list.length} call sites changed`, mdTable(['Call site', 'Change', 'Per call', 'Δ per call', 'Δ per month'], rows), rows.length));
  }
  for (const [label, groups] of [
    ['By feature', d.totals.byFeature],
    ['By owner (CODEOWNERS)', d.totals.byOwner],
  ] as const) {
    const changedGroups = groups?.filter((g) => (g.monthlyDeltaUsd ?? 0) !== 0 || g.perCallDeltaUsd !== 0);
    if (changedGroups?.length)
      out.push(
        '',
        `**${label}**`,
        '',
        ...mdTable(
          ['', 'Per month before', 'after', 'Δ per month', 'Δ per call'],
          changedGroups.map((g) => [
            markdownSafe(g.name),
            g.monthlyBeforeUsd === null ? '–' : formatUsd(g.monthlyBeforeUsd),
            g.monthlyAfterUsd === null ? '–' : formatUsd(g.monthlyAfterUsd),
            formatDelta(g.monthlyDeltaUsd),
            formatDelta(g.perCallDeltaUsd),
          ]),
        ),
      );
  }
  return out.join('\n') + '\n';
}

export function diffJson(d: CostDiff, version: string): string {
  return JSON.stringify({ schemaVersion: 1, tool: { name: 'costlint', version }, ...d }, null, 2) + '\n';
}
