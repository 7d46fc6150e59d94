// Number formatting shared by hovers, messages and the CLI.

/** "$0.0042", "$0.066", "$1.28", "$1,234.50": two significant digits below a dollar, cents above. */
export function formatUsd(n: number): string {
  if (n === 0) return '$0';
  if (Math.abs(n) >= 1) return `${n < 0 ? '-' : ''}$${Math.abs(n).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  return `${n < 0 ? '-' : ''}$${Number(Math.abs(n).toPrecision(2)).toString()}`;
}

export function formatTokens(n: number): string {
  return n.toLocaleString('en-US');
}

/** "$0.0042 – $1.28", or the single figure when both ends agree. */
export function formatRange(range: { min: number; max: number } | null): string {
  if (!range) return 'unknown';
  return range.min === range.max ? formatUsd(range.min) : `${formatUsd(range.min)} – ${formatUsd(range.max)}`;
}

/** "$2.50" per 1M tokens. */
export function formatPrice(perMillion: number | null): string {
  return perMillion === null ? 'n/a' : formatUsd(perMillion);
}
