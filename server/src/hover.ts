// Markdown for the cost hover over a call site. Plain text in, plain text out.
import { CATALOGUE } from './core/catalogue';
import { formatPrice, formatRange, formatTokens } from './core/format';
import type { CallSite } from './core/types';

const code = (s: string) => `\`${s.replace(/`/g, "'")}\``;

export function hoverMarkdown(c: CallSite, rateCardsAsOf: string | null): string {
  const e = c.estimate;
  const model = c.model.value
    ? `${code(c.model.value)}${c.model.resolved ? '' : ` (default of ${code(c.model.expression ?? '')})`}`
    : c.model.expression
      ? `${code(c.model.expression)} (not known statically)`
      : '(none)';
  const input =
    `${e.approximate ? '≈ ' : ''}${formatTokens(e.inputTokens.static)} static` +
    (e.inputTokens.unknownParts.length ? ` + unknown: ${e.inputTokens.unknownParts.map(code).join(', ')}` : '');
  let output: string;
  if (e.outputTokens === null) output = 'unknown';
  else if (e.outputTokens === 0 && !c.outputCap) output = '0 (no generated output)';
  else if (c.outputCap?.value != null) output = `≤ ${formatTokens(e.outputTokens)} (${code(c.outputCap.param)})`;
  else output = `≤ ${formatTokens(e.outputTokens)} (**uncapped**: model maximum)`;
  const p = e.pricing;
  const prices = p ? `${formatPrice(p.input)} in · ${formatPrice(p.output)} out${p.cacheRead !== null ? ` · ${formatPrice(p.cacheRead)} cached` : ''}${p.basis === 'batch' ? ' (batch)' : ''}` : 'not priced';
  const lines = [
    `**costlint** · ${CATALOGUE.find((s) => s.id === c.sdk)?.displayName ?? c.sdk} ${code(c.operation)}${c.streaming ? ' · streaming' : ''}${c.inLoop ? ' · in a loop' : ''}`,
    '',
    '| | |',
    '|---|---|',
    `| Model | ${model} |`,
    `| Input tokens | ${input} |`,
    `| Output tokens | ${output} |`,
    `| Price per 1M tokens | ${prices} |`,
    `| **Cost per call** | **${e.costUsd ? formatRange(e.costUsd) : 'unknown'}**${e.costUsd && e.inputTokens.unknownParts.length ? ' + the unknown input parts' : ''} |`,
    '',
    '**Assumptions**',
    '',
    ...e.assumptions.map((a) => `- ${a}`),
    '',
    `_Rate cards as of ${rateCardsAsOf ?? 'unknown'}${e.encoding ? ` · tokens by ${e.encoding}${e.approximate ? ' (approximate)' : ''}` : ''}_`,
  ];
  return lines.join('\n');
}
