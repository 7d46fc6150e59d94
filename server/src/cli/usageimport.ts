// `costlint usage import`: what production measured, read from telemetry (OTLP/JSON traces) or a
// provider's usage export, joined with the call sites of the project. Exports are streamed: a
// file of any size is read in bounded memory (the spans' figures are kept, never their content).
// With --write the result goes to costlint.usage.json, where lint, the editor and diff read it.
import { closeSync, createReadStream, openSync, readSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Tokenizer, TokenParser, TokenType } from '@streamparser/json';
import { SiteTally, spanCost, type MeasuredSiteData } from '../core/measured/aggregate';
import { parseUsageFile, USAGE_FILE, type ModelTotals, type UsageFile, type UsagePeriod } from '../core/measured/file';
import { modelKeys, SiteMatcher, type SiteRef } from '../core/measured/match';
import { readSpan, sdkOfResource } from '../core/measured/otel';
import { SpanStore } from '../core/measured/store';
import { anthropicBucket, compareModels, ModelTally, openAiBucket, type ModelComparison, type ProviderExport } from '../core/measured/providers';
import { callsPerMonth } from '../core/measured/apply';
import { monthlyOf } from '../core/projection';
import type { RateCards } from '../core/ratecards';
import type { CallSite } from '../core/types';
import { formatTokens, formatUsd } from '../core/format';
import { readRegularFile, statOrNull } from '../host/fsread';
import { measuredModelLine, type FileReport } from './report';
import { CommandError } from './tools';

export type ExportFormat = 'otel' | ProviderExport;

const DAY_MS = 86_400_000;
/** Calls spread over less than an hour say nothing about a month: such an import is not written without --period-days. */
export const MIN_PERIOD_DAYS = 1 / 24;
/** Read in chunks of this many bytes: memory stays bounded whatever the file's size. */
const CHUNK = 1 << 20;

/** The JSON paths whose values are read, per format; everything else is skipped as it streams by. */
const PATHS: Record<ExportFormat, string[]> = {
  otel: [
    '$.resourceSpans.*.resource',
    '$.resourceSpans.*.scopeSpans.*.spans.*',
    '$.resourceSpans.*.instrumentationLibrarySpans.*.spans.*',
    // Protobuf's JSON mapping also accepts the fields' own names, which some exporters write.
    '$.resource_spans.*.resource',
    '$.resource_spans.*.scope_spans.*.spans.*',
  ],
  openai: ['$.data.*'],
  anthropic: ['$.data.*'],
};

/** The format a file's first bytes show, or null. */
export function detectFormat(file: string): ExportFormat | null {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(65536);
    const head = buf.subarray(0, readSync(fd, buf, 0, buf.length, 0)).toString('utf8');
    if (/"(resourceSpans|resource_spans)"/.test(head)) return 'otel';
    if (/organization\.usage\.completions|"num_model_requests"/.test(head)) return 'openai';
    if (/"uncached_input_tokens"|"cache_read_input_tokens"/.test(head)) return 'anthropic';
    return null;
  } finally {
    closeSync(fd);
  }
}

/**
 * Streams one export file, one JSON document or JSON Lines (concatenated documents), calling
 * `onValue` with each value at the format's paths and its key. A malformed file throws with its
 * place (`file:line:column`, the column in bytes); nothing is written then.
 */
export async function streamExport(
  file: string,
  format: ExportFormat,
  onValue: (v: unknown, key: string | number | undefined, at: string) => void,
): Promise<void> {
  const st = statOrNull(file);
  if (!st) throw new CommandError(`${file}: no such file`);
  if (!st.isFile()) throw new CommandError(`${file}: not a regular file`);
  // The tokenizer and the token parser wired as the package's JSONParser wires them, with the byte
  // offset of each token kept: the token parser's errors (a misplaced comma) say no place of their own.
  const parser = new Tokenizer({ separator: '' });
  const tokens = new TokenParser({ paths: PATHS[format], keepStack: false, separator: '' });
  let tokenAt = 0;
  // Documents are told apart by their nesting returning to 0 (asking the token parser for `$`
  // would keep each whole document in memory).
  let depth = 0;
  let documents = 0;
  parser.onToken = (t) => {
    tokenAt = t.offset;
    tokens.write(t);
    if (t.token === TokenType.LEFT_BRACE || t.token === TokenType.LEFT_BRACKET) depth++;
    else if ((t.token === TokenType.RIGHT_BRACE || t.token === TokenType.RIGHT_BRACKET) && --depth === 0) documents++;
  };
  parser.onEnd = () => {
    if (!tokens.isEnded) tokens.end();
  };
  // `at`: which document and top-level element the value is in (a resource's spans are in its own).
  tokens.onValue = ({ value, key, stack }) => onValue(value, key, `${documents}:${String(stack[2]?.key ?? '')}`);
  tokens.onEnd = () => undefined;
  let failure: Error | null = null;
  let failedAt = 0;
  const fail = (e: Error) => {
    if (failure) return;
    failure = e;
    failedAt = tokenAt;
  };
  parser.onError = fail;
  tokens.onError = fail;
  const places = new Places();
  let data = false;
  const placeOf = (e: Error): string => {
    const m = /absolute position "?(\d+)"?/.exec(e.message);
    return places.at(m ? Number(m[1]) : failedAt);
  };
  const stream = createReadStream(file, { highWaterMark: CHUNK });
  let first = true;
  for await (const raw of stream) {
    let chunk = raw as Buffer;
    if (first && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) chunk = chunk.subarray(3);
    first = false;
    places.next(chunk);
    for (const b of chunk) {
      if (b !== 32 && b !== 10 && b !== 13 && b !== 9) {
        data = true;
        break;
      }
    }
    try {
      parser.write(chunk);
    } catch (e) {
      fail(e as Error);
    }
    if (failure) {
      stream.destroy();
      throw new CommandError(
        `${file}:${placeOf(failure)}: not valid JSON (${(failure as Error).message.replace(/ at (chunk )?position.*$/, '')}): nothing imported`,
      );
    }
  }
  if (!data) throw new CommandError(`${file}: empty: no JSON document`);
  try {
    if (!parser.isEnded) parser.end();
  } catch (e) {
    fail(e as Error);
  }
  if (failure)
    throw new CommandError(
      `${file}:${places.end()}: ${/ended in mid-parsing|Unexpected end/i.test((failure as Error).message) ? 'the file ends in the middle of a value (cut off?)' : `not valid JSON (${(failure as Error).message})`}: nothing imported`,
    );
}

/**
 * Where a byte offset of a stream is, as `line:column` (the column in characters, as editors count
 * them): the last two chunks are kept, for a token that began in the one before.
 */
class Places {
  private chunks: { bytes: Buffer; start: number; line: number; column: number }[] = [];
  private after = { start: 0, line: 1, column: 1 };

  next(bytes: Buffer): void {
    const here = { bytes, ...this.after };
    this.chunks = [this.chunks[this.chunks.length - 1], here].filter((c) => c !== undefined);
    this.after = { start: here.start + bytes.length, ...this.walk(here, bytes.length) };
  }

  /** Lines and column after the first `n` bytes of a chunk. */
  private walk(c: { bytes: Buffer; line: number; column: number }, n: number): { line: number; column: number } {
    let { line, column } = c;
    let from = 0;
    for (let nl = c.bytes.indexOf(10); nl >= 0 && nl < n; nl = c.bytes.indexOf(10, nl + 1)) {
      line++;
      column = 1;
      from = nl + 1;
    }
    // Characters, not bytes: a UTF-8 continuation byte is part of the character before it.
    for (let i = from; i < n; i++) if ((c.bytes[i] & 0xc0) !== 0x80) column++;
    return { line, column };
  }

  at(offset: number): string {
    const c = this.chunks.find((x) => offset >= x.start && offset <= x.start + x.bytes.length);
    const p = c ? this.walk(c, offset - c.start) : this.after;
    return `${p.line}:${p.column}`;
  }

  end(): string {
    return `${this.after.line}:${this.after.column}`;
  }
}

/** An image call's images priced, when the estimate knows their count and price exactly. */
function imageUsdOf(images: CallSite['estimate']['images']): number | null {
  const p = images?.usdPerImage;
  return images && p && p.min === p.max && images.count.min === images.count.max ? Math.round(p.min * images.count.min * 1e8) / 1e8 : null;
}

/** The call sites of a lint run, as matching sees them. */
export function siteRefs(
  reports: FileReport[],
  cards: RateCards,
): (SiteRef & { monthlyUsd: number | null; perCallUsd: { min: number; max: number } | null })[] {
  const out: (SiteRef & { monthlyUsd: number | null; perCallUsd: { min: number; max: number } | null })[] = [];
  for (const r of reports) {
    for (const c of r.result?.callSites ?? []) {
      const models = new Set<string>();
      for (const m of [c.model.value, ...(c.model.candidates ?? []).map((x) => x.value), c.estimate.pricing?.model])
        for (const k of modelKeys(cards, m, c.provider)) models.add(k);
      out.push({
        id: `${r.file}::${c.id}`,
        file: r.file,
        startLine: c.range.start.line + 1,
        endLine: c.range.end.line + 1,
        provider: c.provider,
        api: c.api,
        models: [...models],
        monthlyUsd: monthlyOf(c)?.usd ?? null,
        perCallUsd: c.estimate.costUsd,
        pricedAs: c.model.candidates ? null : (c.estimate.pricing?.model ?? null),
        imageUsd: imageUsdOf(c.estimate.images),
      });
    }
  }
  return out;
}

export interface UnmatchedGroup {
  calls: number;
  reason: string;
  hint: string;
}

export interface SpanImport {
  from: 'otel';
  files: string[];
  spans: number;
  modelCalls: number;
  /** Model-call spans enclosing other model calls (an agent's or a framework's): not counted again. */
  enclosing: number;
  /** Spans exported twice (the same trace and span id): counted once. */
  duplicates: number;
  /** Spans of tools and agents, not model calls. */
  notModelCalls: number;
  period: UsagePeriod | null;
  callSites: Record<string, MeasuredSiteData>;
  matched: number;
  unmatched: UnmatchedGroup[];
}

export interface ProviderImport {
  from: ProviderExport;
  files: string[];
  period: UsagePeriod | null;
  models: ModelTotals[];
  comparison: ModelComparison[];
}

export interface ImportOptions {
  files: string[];
  from?: ExportFormat;
  reports: FileReport[];
  cards: RateCards;
  today: string;
  /** The days the export covers, when the calls in it do not show it (a quiet week's first call is late). */
  periodDays?: number;
}

function periodOf(start: number | null, end: number | null, days?: number, today?: string): UsagePeriod | null {
  if ((start === null || end === null) && days !== undefined && today) {
    // No times in the export: the period given, ending today.
    const until = Date.parse(`${today}T00:00:00Z`);
    return { start: new Date(until - days * DAY_MS).toISOString(), end: new Date(until).toISOString(), days };
  }
  if (start === null || end === null) return null;
  // A period of one instant (one call) is at least a second long: monthly figures are then said to scale a very short period.
  const covered = Math.max((end - start) / DAY_MS, 1 / 86_400);
  return { start: new Date(start).toISOString(), end: new Date(end).toISOString(), days: days ?? Math.round(covered * 1e6) / 1e6 };
}

/** Reads OpenTelemetry span exports and matches their model calls to the call sites of `reports`. */
export async function importSpans(o: ImportOptions): Promise<SpanImport> {
  const sites = siteRefs(o.reports, o.cards);
  const matcher = new SiteMatcher(
    sites,
    o.cards,
    o.reports.map((r) => r.file),
  );
  const store = new SpanStore();
  let spans = 0;
  let notModelCalls = 0;
  for (const file of o.files) {
    // A resource comes before its spans: which instrumentation wrote them (OpenLIT's Anthropic input tokens leave the cached ones out).
    let sdk: { at: string; name: string | null } | null = null;
    await streamExport(file, 'otel', (raw, key, at) => {
      if (key === 'resource') return void (sdk = { at, name: sdkOfResource(raw) });
      spans++;
      const r = readSpan(raw, { sdk: sdk?.at === at ? sdk.name : null });
      if (r.kind === 'model') store.add(r.span);
      else if (r.kind === 'context') store.addContext(r.span);
      else if (r.operation) notModelCalls++;
    });
  }
  const { calls, duplicates, enclosing } = store.resolve();
  const tallies = new Map<SiteRef, SiteTally>();
  const unmatched = new Map<string, UnmatchedGroup>();
  let start: number | null = null;
  let end: number | null = null;
  let matched = 0;
  for (const i of calls) {
    const c = store.get(i);
    if (c.start !== null) start = start === null ? c.start : Math.min(start, c.start);
    if (c.end !== null || c.start !== null) end = Math.max(end ?? -Infinity, c.end ?? c.start!);
    const m = matcher.match(c, store.parentContext(i));
    if (!m.site) {
      const g = unmatched.get(m.reason);
      if (g) g.calls++;
      else unmatched.set(m.reason, { calls: 1, reason: m.reason, hint: m.hint });
      continue;
    }
    matched++;
    let t = tallies.get(m.site);
    if (!t) tallies.set(m.site, (t = new SiteTally()));
    t.add(c, m.by, spanCost(o.cards, c, m.site, o.today));
  }
  const callSites: Record<string, MeasuredSiteData> = {};
  for (const s of sites) {
    const t = tallies.get(s);
    if (t) callSites[s.id] = t.done();
  }
  return {
    from: 'otel',
    files: o.files,
    spans,
    modelCalls: calls.length,
    enclosing,
    duplicates,
    notModelCalls,
    period: periodOf(start, end, o.periodDays, o.today),
    callSites,
    matched,
    unmatched: [...unmatched.values()].sort((a, b) => b.calls - a.calls),
  };
}

/** Reads a provider's usage export (per model) and compares each model with the call sites calling it. */
export async function importProviderExport(o: ImportOptions & { from: ProviderExport }): Promise<ProviderImport> {
  const tally = new ModelTally();
  const read = o.from === 'openai' ? openAiBucket : anthropicBucket;
  // The same bucket given twice (a page exported again, overlapping exports) counts once.
  const seen = new Set<string>();
  for (const file of o.files) {
    await streamExport(file, o.from, (b) => {
      const key = JSON.stringify(b);
      if (seen.has(key)) return;
      seen.add(key);
      tally.add(read(b));
    });
  }
  const period = periodOf(tally.start, tally.end, o.periodDays, o.today);
  const models = tally.done(o.cards, o.today);
  const sites = siteRefs(o.reports, o.cards);
  return { from: o.from, files: o.files, period, models, comparison: period ? compareModels(models, period.days, sites, o.cards) : [] };
}

/**
 * Stores an import in `<root>/costlint.usage.json`, keeping what other sources put there (a span
 * import replaces the spans, a provider's export that provider's). A file that is broken is not
 * overwritten: it is said, and nothing is written.
 */
export function writeUsage(root: string, imported: SpanImport | ProviderImport, today: string): string {
  const path = join(root, USAGE_FILE);
  const link = statOrNull(path, true);
  if (link?.isSymbolicLink()) throw new CommandError(`${USAGE_FILE} is a symbolic link: not written`);
  if (link && !link.isFile()) throw new CommandError(`${USAGE_FILE} is not a regular file: not written`);
  let existing: UsageFile = { version: 1 };
  if (link) {
    const parsed = parseUsageFile(readRegularFile(path));
    if (!parsed.data) {
      const i = parsed.issues[0];
      throw new CommandError(
        `${USAGE_FILE}:${i.range.start.line + 1}:${i.range.start.character + 1}: ${i.message.replace(/: its measured usage.*$/, '')}: not overwritten (fix or remove it, then import again)`,
      );
    }
    existing = parsed.data;
  }
  if (imported.from === 'otel' ? !imported.modelCalls : !imported.models.length)
    throw new CommandError(`no ${imported.from === 'otel' ? 'model calls' : 'usage rows'} in the export: nothing written`);
  if (!imported.period) throw new CommandError('the export has no times: the period it covers is not known (give --period-days)');
  if (imported.period.days < MIN_PERIOD_DAYS)
    throw new CommandError(
      `the calls in the export span ${Math.round(imported.period.days * 1440)} minutes: too short to scale to a month; give --period-days (the days the export covers): nothing written`,
    );
  const sources = { files: imported.files, importedAt: today, period: imported.period };
  const next: UsageFile = {
    ...(existing.$schema ? { $schema: existing.$schema } : {}),
    version: 1,
    ...(imported.from === 'otel'
      ? { spans: { from: 'otel' as const, ...sources, callSites: imported.callSites } }
      : existing.spans
        ? { spans: existing.spans }
        : {}),
    ...(imported.from === 'otel'
      ? existing.providers
        ? { providers: existing.providers }
        : {}
      : { providers: { ...existing.providers, [imported.from]: { from: imported.from, ...sources, models: imported.models } } }),
  };
  // Written whole to a new file, then moved over the old one: a reader never sees half of it.
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(next, null, 2) + '\n', { flag: 'wx' });
  renameSync(tmp, path);
  return path;
}

const plural = (n: number, one: string, many = `${one}s`) => `${formatTokens(n)} ${n === 1 ? one : many}`;

function periodText(p: UsagePeriod | null): string {
  if (!p) return 'no times in the export';
  const days =
    p.days >= 1
      ? `${Math.round(p.days * 10) / 10} days`
      : `${Math.round(p.days * 24 * 60 * 10) / 10} minutes: monthly figures scale a very short period; give --period-days`;
  return `${p.start.slice(0, 16).replace('T', ' ')} to ${p.end.slice(0, 16).replace('T', ' ')} UTC (${days})`;
}

/** The import as the terminal shows it. */
export function importText(r: SpanImport | ProviderImport, written: string | null): string {
  const lines: string[] = [];
  if (r.from === 'otel') {
    lines.push(`Read ${plural(r.files.length, 'file')}: ${plural(r.spans, 'span')}, ${plural(r.modelCalls, 'model call')}; period ${periodText(r.period)}.`);
    const ids = Object.keys(r.callSites);
    lines.push(`Matched ${formatTokens(r.matched)} of ${formatTokens(r.modelCalls)} calls to ${plural(ids.length, 'call site')}${ids.length ? ':' : '.'}`);
    for (const id of ids) {
      const d = r.callSites[id];
      const by = Object.entries(d.matchedBy)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ');
      const perMonth = r.period && r.period.days >= MIN_PERIOD_DAYS ? `, ${formatTokens(Math.round(callsPerMonth(d.calls, r.period.days)))}/month` : '';
      const tokens =
        d.inputTokens && d.outputTokens
          ? `; tokens in p50 ${formatTokens(d.inputTokens.p50)} p95 ${formatTokens(d.inputTokens.p95)}, out p50 ${formatTokens(d.outputTokens.p50)} p95 ${formatTokens(d.outputTokens.p95)}`
          : '; no token counts';
      const cost = d.costUsd ? `; ${formatUsd(d.costUsd.p50)} p50 per call` : d.unpriced ? '; model not priced' : '';
      lines.push(`  ${id}: ${plural(d.calls, 'call')}${perMonth} (by ${by})${tokens}${cost}`);
    }
    const missed = r.unmatched.reduce((a, g) => a + g.calls, 0);
    if (missed) {
      lines.push(`Not matched: ${plural(missed, 'call')}:`);
      for (const g of r.unmatched) lines.push(`  ${plural(g.calls, 'call')}: ${g.reason}.\n    To match them: ${g.hint}.`);
    }
    if (r.enclosing) lines.push(`Not counted twice: ${plural(r.enclosing, 'span')} enclosing other model calls (an agent's or a framework's).`);
  } else {
    lines.push(`Read ${plural(r.files.length, 'file')} (${r.from} usage export): ${plural(r.models.length, 'model row')}; period ${periodText(r.period)}.`);
    lines.push('Per model, not per call site: compared with the call sites of each model together.');
    for (const c of r.comparison) lines.push(`  ${measuredModelLine(c)}`);
  }
  lines.push(written ? `Wrote ${written}.` : `Run with --write to store it in ${USAGE_FILE}.`);
  return lines.join('\n') + '\n';
}

export function importJson(r: SpanImport | ProviderImport, written: string | null): string {
  return JSON.stringify({ ...r, written }, null, 2) + '\n';
}
