// Markdown for the cost hover over a call site. Plain text in, plain text out.
import { basename } from 'node:path';
import { CATALOGUE } from './core/catalogue';
import { formatPrice, formatRange, formatTokens, formatUsd } from './core/format';
import { monthlyOf } from './core/projection';
import type { Alternative } from './core/alternatives';
import type { CallSite } from './core/types';

const code = (s: string) => `\`${s.replace(/`/g, "'")}\``;

/**
 * The code lens over a call: `≈ $0.0123/call · 1,234 in · ≤ 1,000 out`. The cost is the worst
 * case (the cap, or the model's maximum output); `≈` when a count is approximate or a part unknown.
 */
/** The short cost shown after a call as an inlay hint: `≈ $0.16/call`, `cost unknown`, `$0 (local)`. */
export function inlayHintLabel(c: CallSite): string {
  const e = c.estimate;
  if (e.pricing?.basis === 'local' && !c.model.candidates) return '$0 (local)';
  if (!e.costUsd) return 'cost unknown';
  const approx = e.approximate || e.inputTokens.unknownParts.length ? '≈ ' : '';
  const loop = c.inLoop ? (c.iterations !== undefined ? ` ×${c.iterations.toLocaleString('en-US')}` : ' per iteration') : '';
  return `${approx}${formatUsd(e.costUsd.max)}/call${loop}`;
}

export function codeLensTitle(c: CallSite): string {
  const e = c.estimate;
  const unknownParts = e.inputTokens.unknownParts.length;
  const approx = e.approximate || unknownParts > 0 ? '≈ ' : '';
  const assumed = e.inputTokens.assumed ? ` + ${formatTokens(e.inputTokens.assumed)} assumed` : '';
  const input = `${formatTokens(e.inputTokens.static)} in${assumed}${unknownParts ? ` + ${unknownParts} unknown part${unknownParts === 1 ? '' : 's'}` : ''}`;
  const output =
    e.outputTokens === null
      ? 'output unknown'
      : e.outputTokens === 0 && !c.outputCap
        ? 'no output'
        : `≤ ${formatTokens(e.outputTokens)} out${c.outputCap?.value != null ? '' : ' (uncapped)'}`;
  let cost: string;
  if (e.pricing?.basis === 'local' && !c.model.candidates) cost = '$0 (local)';
  else if (e.costUsd)
    cost = `${approx}${formatUsd(e.costUsd.max)}/call${c.model.candidates ? ` (worst of ${c.model.candidates.filter((m) => m.costUsd).length} priced models)` : ''}`;
  else {
    const why = e.assumptions.find((a) => /cost unknown|no rate card/.test(a));
    cost = `cost unknown${why ? ` (${why.replace(/: cost unknown$/, '').replace(/^model /, '')})` : ''}`;
  }
  const expected = e.expected?.costUsd != null && e.pricing?.basis !== 'local' ? ` · expected ${formatUsd(e.expected.costUsd)}` : '';
  const m = c.measured;
  const measured = m
    ? ` · measured ${m.monthlyUsd !== null ? `${formatUsd(m.monthlyUsd)}/mo` : `${formatTokens(Math.round(m.callsPerMonth))} calls/mo`}${m.staleDays ? ' (stale)' : ''}`
    : '';
  return `${cost}${expected}${measured} · ${input} · ${output}${c.inLoop ? (c.iterations !== undefined ? ` · ×${c.iterations.toLocaleString('en-US')} in a loop` : ' · per iteration') : ''}`;
}

/** The code lens over a prompt constant: `prompt · 1,234 tokens · sent by 2 calls` (a range when tokenizers differ). */
export function promptConstantTitle(name: string, tokens: { min: number; max: number }, calls: number): string {
  const n = tokens.min === tokens.max ? formatTokens(tokens.min) : `${formatTokens(tokens.min)}–${formatTokens(tokens.max)}`;
  return `prompt ${name} · ${n} tokens · sent by ${calls} call${calls === 1 ? '' : 's'}`;
}

/** The prompt as the request sends it, part by part: tokens, share of the input, cached or not. */
function promptTable(c: CallSite): string[] {
  const parts = c.prompt.parts;
  const e = c.estimate;
  if (!parts.length && !c.prompt.unknown.length) return [];
  // Each part's input cost at the standard rate, and its share of the expected cost when the
  // configuration gives one, else of the input cost (the worst case is mostly output).
  const price = e.pricing?.basis === 'local' ? 0 : (e.pricing?.input ?? null);
  const usd = (n: number) => (price === null ? '–' : formatUsd((n * price) / 1e6));
  const expected = e.expected?.costUsd ?? null;
  const inputTokens = e.inputTokens.static + e.inputTokens.assumed;
  const share = (n: number) => {
    if (expected !== null && price !== null) return expected > 0 ? `${Math.round(((n * price) / 1e6 / expected) * 100)}%` : '–';
    return inputTokens > 0 ? `${Math.round((n / inputTokens) * 100)}%` : '–';
  };
  const label = (p: (typeof parts)[number]) =>
    `${code(p.where)}${p.image ? ` (image${p.image.file ? ` ${code(p.image.file)}` : ''} ${p.image.width ?? '?'}×${p.image.height ?? '?'} px${p.image.detail ? `, detail ${p.image.detail}` : ''})` : ''}${p.source ? ` (${code(p.source.name)}${p.source.path ? ` from ${code(basename(p.source.path))}` : ''})` : ''}`;
  const rows = parts.map(
    (p) =>
      `| ${label(p)} | ${formatTokens(p.tokens ?? 0)} | ${usd(p.tokens ?? 0)} | ${share(p.tokens ?? 0)} | ${p.cached ? 'cache breakpoint prefix' : 'no'} |`,
  );
  if (c.prompt.overheadTokens)
    rows.push(
      `| format overhead (chat framing, tool-use prompt) | ${formatTokens(c.prompt.overheadTokens)} | ${usd(c.prompt.overheadTokens)} | ${share(c.prompt.overheadTokens)} | no |`,
    );
  for (const u of c.prompt.unknown) {
    rows.push(
      u.assumedTokens !== undefined
        ? `| ${code(u.where)}: ${code(u.name)} | ${formatTokens(u.assumedTokens)} assumed (configured) | ${usd(u.assumedTokens)} | ${share(u.assumedTokens)} | no |`
        : `| ${code(u.where)}: ${code(u.name)} | unknown | – | – | – |`,
    );
  }
  const of = expected !== null && price !== null ? 'Share of expected cost' : 'Share of input cost';
  return ['', '**Prompt**', '', `| Part | Tokens | Input cost | ${of} | Cached |`, '|---|---:|---:|---:|---|', ...rows];
}

function reasoningText(r: NonNullable<CallSite['estimate']['reasoning']>): string {
  if (r.enabled === false) return `off (${r.controls.map(code).join(', ')})`;
  const what = r.budgetTokens
    ? `thinking budget ≤ ${formatTokens(r.budgetTokens)} tokens`
    : r.effort
      ? `effort ${r.effort.startsWith('`') ? r.effort : code(r.effort)}, no budget`
      : 'on by default, no budget';
  return `${what}; billed as output, within the output cap${r.controls.length ? ` (${r.controls.map(code).join(', ')})` : ''}`;
}

/** Per month, with usage from costlint.json or measured volume: the figure and how it was made. */
function monthlyRow(c: CallSite): string[] {
  const m = monthlyOf(c);
  if (!m) return [];
  const calls = m.source === 'measured' ? `measured calls (${code(m.key)})` : `usage ${code(m.key)}`;
  return [`| **Per month** | **${formatUsd(m.usd)}** (${formatUsd(m.perCall)} ${m.basis} × ${formatTokens(m.calls)} calls, ${calls}) |`];
}

/** What production measured (costlint.usage.json), beside the estimate, and where the two drift apart. */
function measuredRows(c: CallSite): string[] {
  const m = c.measured;
  if (!m) return [];
  const days = m.periodDays >= 1 ? `${Math.round(m.periodDays * 10) / 10} days` : `${Math.round(m.periodDays * 1440)} minutes`;
  const tokens =
    m.inputTokens && m.outputTokens
      ? ` · in p50 ${formatTokens(m.inputTokens.p50)} / p95 ${formatTokens(m.inputTokens.p95)} · out p50 ${formatTokens(m.outputTokens.p50)} / p95 ${formatTokens(m.outputTokens.p95)} tokens`
      : ' · no token counts';
  const cost = m.costUsd ? ` · ${formatUsd(m.costUsd.p50)} p50, ${formatUsd(m.costUsd.p95)} p95 per call` : m.unpriced ? ' · model not priced' : '';
  const cache = m.cacheReadShare ? ` · ${Math.round(m.cacheReadShare * 100)}% of input from the cache` : '';
  const monthly = m.monthlyUsd !== null ? `**${formatUsd(m.monthlyUsd)}/month** · ` : '';
  const stale = m.staleDays ? ` · **stale**: ended ${m.staleDays} days ago` : '';
  return [
    `| **Measured** | ${monthly}${formatTokens(m.calls)} calls in ${days} (${formatTokens(Math.round(m.callsPerMonth))}/month)${tokens}${cost}${cache} (${code(m.source.file)}, ${m.source.from}, imported ${m.source.importedAt}${stale}) |`,
    ...m.drift.map((d) => `| Drift | ${d} |`),
  ];
}

/** The call priced on other models of its provider, cheapest first. */
function compareTable(c: CallSite, alternatives: Alternative[]): string[] {
  if (alternatives.length < 2) return [];
  const current = alternatives.find((a) => a.current);
  const expected = alternatives.some((a) => a.expectedUsd !== null);
  const vs = (a: Alternative) => {
    if (!current || a.current) return '';
    const mine = current.expectedUsd ?? current.worstUsd;
    const theirs = a.expectedUsd ?? a.worstUsd;
    if (mine === 0) return '';
    const pct = Math.round(((theirs - mine) / mine) * 100);
    return pct === 0 ? 'same' : `${pct > 0 ? '+' : ''}${pct}%`;
  };
  return [
    '',
    `**Compare models** (same tokens${c.outputCap?.value != null ? ', same cap' : ', each uncapped at its maximum'}; quality differs)`,
    '',
    `| Model | Worst case |${expected ? ' Expected |' : ''} vs now |`,
    `|---|---|${expected ? '---|' : ''}---|`,
    ...alternatives.map(
      (a) =>
        `| ${a.current ? `**${code(a.model)}** (now)` : code(a.model)} | ${formatUsd(a.worstUsd)} |${expected ? ` ${a.expectedUsd === null ? '–' : formatUsd(a.expectedUsd)} |` : ''} ${vs(a)} |`,
    ),
  ];
}

export function hoverMarkdown(c: CallSite, rateCardsAsOf: string | null, alternatives: Alternative[] = []): string {
  const e = c.estimate;
  const model = c.model.candidates
    ? `one of ${c.model.candidates.map((m) => `${m.value === null ? `a ${m.provider} model not known statically` : code(m.value)} (${m.costUsd ? formatRange(m.costUsd) : 'not priced'})`).join(', ')}, chosen at run time${c.model.expression ? ` by ${code(c.model.expression)}` : ''}`
    : c.model.value
      ? `${code(c.model.value)}${c.model.resolved ? '' : ` (default of ${code(c.model.expression ?? '')})`}`
      : c.model.expression
        ? `${code(c.model.expression)} (not known statically)`
        : '(none)';
  const input =
    `${e.approximate ? '≈ ' : ''}${formatTokens(e.inputTokens.static)} static` +
    (e.inputTokens.assumed ? ` + ${formatTokens(e.inputTokens.assumed)} assumed for dynamic parts (configured)` : '') +
    (e.inputTokens.unknownParts.length ? ` + unknown: ${e.inputTokens.unknownParts.map(code).join(', ')}` : '');
  let output: string;
  const img = e.images;
  if (img) {
    const n = img.count.min === img.count.max ? `${img.count.min}` : `${img.count.min}-${img.count.max}`;
    const each = img.usdPerImage ? ` at ${formatRange(img.usdPerImage)} each` : ' (not priced)';
    output = `${n} image${n === '1' ? '' : 's'}${img.size ? ` · ${img.size}` : ''}${img.quality ? ` · ${img.quality}` : ''}${each}`;
  } else if (e.outputTokens === null) output = 'unknown';
  else if (e.outputTokens === 0 && !c.outputCap) output = '0 (no generated output)';
  else if (c.outputCap?.value != null) output = `≤ ${formatTokens(e.outputTokens)} (${code(c.outputCap.param)})`;
  else output = `≤ ${formatTokens(e.outputTokens)} (**uncapped**: model maximum)`;
  const p = e.pricing;
  const prices = p
    ? `${formatPrice(p.input)} in · ${formatPrice(p.output)} out${p.cacheRead !== null ? ` · ${formatPrice(p.cacheRead)} cached` : ''}${p.basis === 'batch' ? ' (batch)' : ''}`
    : 'not priced';
  const lines = [
    `**costlint** · ${CATALOGUE.find((s) => s.id === c.sdk)?.displayName ?? c.sdk} ${code(c.operation)}${c.streaming ? ' · streaming' : ''}${c.inLoop ? (c.iterations !== undefined ? ` · runs ${c.iterations.toLocaleString('en-US')} times in a loop` : ' · in a loop') : ''}`,
    '',
    '| | |',
    '|---|---|',
    `| Model | ${model} |`,
    `| Input tokens | ${input} |`,
    `| ${img ? 'Output' : 'Output tokens'} | ${output} |`,
    `| Price per 1M tokens | ${prices} |`,
    `| **Cost per call** | **${e.costUsd ? formatRange(e.costUsd) : 'unknown'}**${e.costUsd && e.inputTokens.unknownParts.length ? ' + the unknown input parts' : ''} |`,
    ...(e.reasoning ? [`| Reasoning | ${reasoningText(e.reasoning)} |`] : []),
    ...(e.expected
      ? [
          `| Expected cost | ${e.expected.costUsd === null ? 'unknown' : formatUsd(e.expected.costUsd)} (${formatTokens(e.expected.outputTokens)} output tokens: ${e.expected.basis}) |`,
        ]
      : []),
    ...monthlyRow(c),
    ...measuredRows(c),
    ...(e.cache
      ? [
          `| With the cache | first call ${formatRange(e.cache.firstCallUsd)} · repeats ${formatRange(e.cache.repeatCallUsd)} (${formatTokens(e.cache.tokens)} cached tokens) |`,
        ]
      : []),
    ...promptTable(c),
    ...compareTable(c, alternatives),
    '',
    '**Assumptions**',
    '',
    ...e.assumptions.map((a) => `- ${a}`),
    '',
    `_Rate cards as of ${rateCardsAsOf ?? 'unknown'}${e.encoding ? ` · tokens by ${e.encoding}${e.tokenizer.factor !== 1 ? ` × ${e.tokenizer.factor}` : ''}${e.approximate ? ` (${e.tokenizer.confidence} estimate)` : ''}` : ''}_`,
  ];
  return lines.join('\n');
}
