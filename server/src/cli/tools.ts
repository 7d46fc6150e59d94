// The everyday commands: `costlint tokens` (a text's tokens and input cost for a model),
// `costlint models` (the rate cards, searchable) and `costlint usage --init` (a usage template
// listing every call site id).
import { existsSync, writeFileSync } from 'node:fs';
import { readRegularFile, statOrNull } from '../host/fsread';
import { join } from 'node:path';
import { applyEdits, modify } from 'jsonc-parser';
import { CONFIG_FILE, parseConfig } from '../core/config';
import { formatPrice, formatRange, formatTokens, formatUsd } from '../core/format';
import { effectivePrices, type PricedModel, type RateCards } from '../core/ratecards';
import { countTokens } from '../core/tokens';
import type { FileReport } from './report';

export class CommandError extends Error {}

export interface TokenCount {
  model: string;
  provider: string;
  tokens: number;
  encoding: string;
  exact: boolean;
  /** The tokenizer note when the count is an approximation (another provider's tokenizer, a factor). */
  note: string | null;
  inputUsd: number;
  pricePerMillion: number;
}

/** The tokens of `text` as `modelId` counts them, and what sending it as input costs. */
export function countFor(cards: RateCards, modelId: string, text: string, today: string): TokenCount {
  const m = cards.find(modelId);
  if (!m) {
    const near = cards.nearest(modelId);
    throw new CommandError(
      `'${modelId}' is not in the rate cards${near.length ? ` (did you mean ${near.map((n) => `'${n}'`).join(', ')}?)` : ''}; \`costlint models\` lists them`,
    );
  }
  const raw = countTokens(text, m.tokenizer.encoding);
  const factor = m.tokenizer.factor ?? 1;
  const tokens = Math.round(raw * factor);
  const prices = effectivePrices(m, tokens, today, false);
  return {
    model: m.id,
    provider: m.provider,
    tokens,
    encoding: m.tokenizer.encoding,
    exact: m.tokenizer.exact,
    note: m.tokenizer.exact ? null : (m.tokenizer.note ?? `${m.tokenizer.encoding}${factor !== 1 ? ` x ${factor}` : ''}: an approximation`),
    inputUsd: Math.round(((tokens * prices.input) / 1e6) * 1e8) / 1e8,
    pricePerMillion: prices.input,
  };
}

export function tokensText(c: TokenCount): string {
  return `${formatTokens(c.tokens)} tokens for ${c.model} (${c.encoding}${c.exact ? '' : `, approximate: ${c.note}`}); as input ${formatUsd(c.inputUsd)} at ${formatPrice(c.pricePerMillion)} per 1M\n`;
}

export interface ModelRow {
  id: string;
  provider: string;
  aliases: string[];
  inputPerMillion: number;
  outputPerMillion: number | null;
  /** Image models: USD per generated image over the card's sizes and qualities. */
  perImageUsd?: { min: number; max: number };
  cacheReadPerMillion: number | null;
  contextWindow: number | null;
  maxOutput: number | null;
  status: string;
  shutdownDate: string | null;
  replacement: string | null;
  asOf: string;
  source: string;
}

/** Rate-card rows whose id, alias or provider contains every word of `query` (case-insensitive). */
export function modelRows(cards: RateCards, query: string | undefined): ModelRow[] {
  const words = (query ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const hay = (m: PricedModel) => [m.id, m.provider, ...m.aliases].join(' ').toLowerCase();
  return cards.models
    .filter((m) => words.every((w) => hay(m).includes(w)))
    .map((m) => ({
      id: m.id,
      provider: m.provider,
      aliases: m.aliases,
      inputPerMillion: m.input,
      outputPerMillion: m.output,
      ...(m.images ? { perImageUsd: { min: Math.min(...m.images.perImage.map((p) => p.usd)), max: Math.max(...m.images.perImage.map((p) => p.usd)) } } : {}),
      cacheReadPerMillion: m.cacheRead,
      contextWindow: m.contextWindow,
      maxOutput: m.maxOutput,
      status: m.lifecycle.status,
      shutdownDate: m.lifecycle.shutdownDate ?? null,
      replacement: m.lifecycle.replacement ?? null,
      asOf: m.asOf,
      source: m.sources[0].url,
    }))
    .sort((a, b) => a.provider.localeCompare(b.provider) || a.id.localeCompare(b.id));
}

export function modelsText(rows: ModelRow[]): string {
  if (!rows.length) return 'No model matches.\n';
  const head = ['model', 'provider', 'input/1M', 'output/1M', 'cached/1M', 'context', 'max out', 'status', 'as of'];
  const body = rows.map((r) => [
    r.id,
    r.provider,
    formatPrice(r.inputPerMillion),
    r.perImageUsd ? `${formatRange(r.perImageUsd)}/image` : formatPrice(r.outputPerMillion),
    formatPrice(r.cacheReadPerMillion),
    r.contextWindow ? formatTokens(r.contextWindow) : '?',
    r.maxOutput ? formatTokens(r.maxOutput) : '?',
    r.shutdownDate ? `${r.status}, shuts down ${r.shutdownDate}${r.replacement ? ` (→ ${r.replacement})` : ''}` : r.status,
    r.asOf,
  ]);
  const all = [head, ...body];
  const widths = head.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  return (
    all.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ')).join('\n') +
    `\n${rows.length} model${rows.length === 1 ? '' : 's'}\n`
  );
}

/**
 * Adds every call site id of the run to the `usage` of the costlint.json in `root` (creating it),
 * with `null` (not estimated yet) as the placeholder, keeping the file's comments and the entries
 * it has. Returns the ids added.
 */
export function initUsage(root: string, reports: FileReport[]): { path: string; added: string[]; kept: number; measured: number } {
  const path = join(root, CONFIG_FILE);
  // Never written through a link (it could lead anywhere outside the project), only a regular file or a new one.
  const link = statOrNull(path, true);
  if (link?.isSymbolicLink()) throw new CommandError(`${CONFIG_FILE} is a symbolic link: not written (write the usage into the file it links to yourself)`);
  if (link && !link.isFile()) throw new CommandError(`${CONFIG_FILE} is not a regular file: not written`);
  const before = existsSync(path)
    ? readRegularFile(path)
    : '{\n  // Calls per month of each call site (null: not estimated yet). See README, "Configuration".\n  "usage": {}\n}\n';
  const parsed = parseConfig(before);
  if (parsed.issues.some((i) => i.path === '' || i.path === 'usage')) throw new CommandError(`${CONFIG_FILE}: ${parsed.issues[0].message}: fix it first`);
  const existing = parsed.config.usage ?? {};
  // A call site production measured (costlint.usage.json) has its volume: no placeholder for it.
  const ids = reports.flatMap((r) => (r.result?.callSites ?? []).filter((c) => !c.measured).map((c) => `${r.file}::${c.id}`));
  const measured = reports.reduce((n, r) => n + (r.result?.callSites ?? []).filter((c) => c.measured).length, 0);
  const added = ids.filter((id) => !(id in existing));
  let text = before;
  const fmt = { formattingOptions: { insertSpaces: true, tabSize: 2, eol: '\n' } };
  if (!('usage' in (parsed.config as object))) text = applyEdits(text, modify(text, ['usage'], {}, fmt));
  for (const id of added) text = applyEdits(text, modify(text, ['usage', id], null, fmt));
  // `wx` for a new file: one created meanwhile (a link put there) is not followed.
  writeFileSync(path, text, { flag: link ? 'w' : 'wx' });
  return { path, added, kept: ids.length - added.length, measured };
}
