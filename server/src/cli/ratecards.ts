// `costlint ratecards import --from litellm|genai-prices FILE [--out PATH] [--provider P]`: a
// price file the user downloaded, converted offline into rate cards (core/ratecards/importers.ts),
// with what it changes against the bundled cards. Nothing is written when the file cannot be read
// as the format named; entries that do not convert are listed and left out.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readRegularFile } from '../host/fsread';
import { jsonErrorPlace, type RateCards } from '../core/ratecards';
import { cardDifferences, ImportError, importPrices, type ImportFormat, type ImportResult } from '../core/ratecards/importers';
import { CommandError } from './tools';

export interface ImportOptions {
  from: ImportFormat;
  file: string;
  /** A `.json` file (one provider) or a folder (one file per provider); nothing written without it. */
  out?: string;
  providers?: string[];
  asOf: string;
  cwd: string;
  bundled: RateCards;
}

/** Converts the file and writes the cards; the report to print. */
export function importRateCards(o: ImportOptions): { text: string; result: ImportResult; written: string[] } {
  const path = resolve(o.cwd, o.file);
  let text: string;
  try {
    text = readRegularFile(path);
  } catch (e) {
    throw new CommandError(`cannot read ${o.file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new CommandError(`${o.file} is not valid JSON${jsonErrorPlace(text, e)}: nothing written`);
  }
  let result: ImportResult;
  try {
    result = importPrices(o.from, json, { bundled: o.bundled, asOf: o.asOf, providers: o.providers });
  } catch (e) {
    if (e instanceof ImportError) throw new CommandError(`${o.file}: ${e.message}: nothing written`);
    throw e;
  }
  if (!result.cards.length)
    throw new CommandError(
      `${o.file}: no chat or embedding model of a provider costlint prices${o.providers?.length ? ` (${o.providers.join(', ')})` : ''}: nothing written`,
    );
  const written: string[] = [];
  if (o.out) {
    const out = resolve(o.cwd, o.out);
    const body = (c: ImportResult['cards'][number]) => JSON.stringify(c, null, 2) + '\n';
    const files = /\.json$/i.test(out)
      ? [{ path: out, card: result.cards[0] }]
      : result.cards.map((card) => ({ path: join(out, `${card.provider}.json`), card }));
    if (/\.json$/i.test(out) && result.cards.length > 1)
      throw new CommandError(
        `${o.file} has models of ${result.cards.length} providers (${result.cards.map((c) => c.provider).join(', ')}): pass --provider, or --out a folder for one file each; nothing written`,
      );
    try {
      if (!/\.json$/i.test(out)) mkdirSync(out, { recursive: true });
      for (const f of files) {
        writeFileSync(f.path, body(f.card));
        written.push(f.path);
      }
    } catch (e) {
      throw new CommandError(
        `cannot write ${o.out}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}${written.length ? ` (written before the error: ${written.join(', ')})` : ''}`,
      );
    }
  }
  return { text: importReport(o, result, written), result, written };
}

function importReport(o: ImportOptions, result: ImportResult, written: string[]): string {
  const lines: string[] = [];
  const total = result.cards.reduce((n, c) => n + c.models.length, 0);
  lines.push(`${o.file} (${o.from}): ${total} model${total === 1 ? '' : 's'} of ${result.cards.map((c) => `${c.provider} (${c.models.length})`).join(', ')}`);
  for (const d of cardDifferences(result.cards, o.bundled)) {
    if (!d.added.length && !d.changed.length) {
      lines.push(`  ${d.provider}: the same as the bundled cards`);
      continue;
    }
    if (d.added.length) lines.push(`  ${d.provider}: ${d.added.length} new: ${d.added.join(', ')}`);
    for (const c of d.changed) lines.push(`  ${d.provider} ${c.id}: ${c.changes.join('; ')}`);
  }
  const skipped = Object.entries(result.skipped).sort((a, b) => b[1] - a[1]);
  if (skipped.length) lines.push(`skipped: ${skipped.map(([why, n]) => `${n} ${why}`).join(', ')}`);
  for (const i of result.invalid) lines.push(`not converted: ${i.id}: ${i.message}`);
  lines.push(
    written.length
      ? `wrote ${written.join(', ')}: name ${written.length === 1 ? 'it' : 'them'} in costlint.json "rateCards" (entries replace bundled ones with the same id)`
      : 'nothing written (--out FILE.json or --out FOLDER writes the cards)',
  );
  return lines.join('\n') + '\n';
}
