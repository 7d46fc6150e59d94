// Python: dicts with quoted keys, lists, strings in the file's quote style (the SDKs take plain
// dicts for their TypedDict params, so no class is ever needed).
import { escapeC, LanguageWriter, type WriteContext } from './writer';

export class PythonWriter extends LanguageWriter {
  protected literal(value: string, ctx: WriteContext): string {
    return this.quoted(value, ctx.quote ?? '"');
  }

  protected list(items: string[]): string {
    return `[${items.join(', ')}]`;
  }

  protected object(props: [string, string][], _lit: unknown, ctx: WriteContext): string {
    return `{${props.map(([k, v]) => `${this.quoted(k, ctx.quote ?? '"')}: ${v}`).join(', ')}}`;
  }

  string(value: string, like?: string): string {
    // The quote character of `like`, past its prefix (r"...", f'...'); its prefix is not kept (the new text has no escapes to keep raw).
    const q = like ? (/^[rRbBuUfF]*("""|'''|"|')/.exec(like)?.[1]?.[0] ?? '"') : '"';
    return this.quoted(value, q);
  }

  isString(text: string): boolean {
    return /^[uU]?("|')/.test(text) && !/^[uU]?("""|''')/.test(text);
  }

  private quoted(value: string, q: string): string {
    return `${q}${escapeC(value, q, (c) => `\\x${c.toString(16).padStart(2, '0')}`)}${q}`;
  }
}
