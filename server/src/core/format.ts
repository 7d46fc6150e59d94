// Number formatting shared by hovers, messages and the CLI.

// toLocaleString with options builds a formatter on every call: these are built once.
const CENTS = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const INTEGER = new Intl.NumberFormat('en-US');

/** The models a call may send, as one line (`gpt-4o / gpt-4o-mini`; `?` for one not known statically). */
export function candidateList(candidates: readonly { value: string | null }[]): string {
  return candidates.map((m) => m.value ?? '?').join(' / ');
}

/** "$0.0042", "$0.066", "$0.60", "$1.28", "$1,234.50": two significant digits below a dollar (at least cents), cents above. */
/** A dollar amount as estimates carry it: to 1e-8 (a hundred-millionth of a dollar), without float noise. */
export function roundUsd(n: number): number {
  return Math.round(n * 1e8) / 1e8;
}

export function formatUsd(n: number): string {
  if (n === 0) return '$0';
  const sign = n < 0 ? '-' : '';
  const a = Math.abs(n);
  if (a >= 1) return `${sign}$${CENTS.format(a)}`;
  const p = Number(a.toPrecision(2));
  const decimals = Math.max(2, -Math.floor(Math.log10(p)) + 1);
  return `${sign}$${p.toFixed(decimals).replace(/(\.\d\d\d*?)0+$/, '$1')}`;
}

export function formatTokens(n: number): string {
  return INTEGER.format(n);
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
