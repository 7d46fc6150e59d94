// TypeScript and JavaScript: object literals with identifier keys, arrays, strings in the quote
// style around the edit (single quotes when nothing says otherwise).
import { escapeC, LanguageWriter, type WriteContext } from './writer';

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

export class TypeScriptWriter extends LanguageWriter {
  protected literal(value: string, ctx: WriteContext): string {
    return this.quoted(value, ctx.quote ?? "'");
  }

  protected list(items: string[]): string {
    return `[${items.join(', ')}]`;
  }

  protected object(props: [string, string][], _lit: unknown, ctx: WriteContext): string {
    return props.length ? `{ ${props.map(([k, v]) => `${this.key(k, ctx.quote ?? "'")}: ${v}`).join(', ')} }` : '{}';
  }

  /** A property name: bare when it is an identifier, else quoted. */
  key(name: string, quote: string): string {
    return IDENTIFIER.test(name) ? name : this.quoted(name, quote);
  }

  string(value: string, like?: string): string {
    const q = like && /^['"`]/.test(like) ? like[0] : "'";
    return this.quoted(value, q);
  }

  isString(text: string): boolean {
    return /^['"]/.test(text) || (/^`/.test(text) && !text.includes('${'));
  }

  private quoted(value: string, q: string): string {
    const body = escapeC(value, q);
    return `${q}${q === '`' ? body.replace(/\$\{/g, '\\${') : body}${q}`;
  }
}
