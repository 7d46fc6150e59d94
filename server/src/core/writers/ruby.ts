// Ruby: hashes with symbol keys (`{type: "text"}`), arrays, double-quoted strings (with `#{`
// escaped), and the SDK's keyword names where they differ from the API's (`system_:`).
import { escapeC, LanguageWriter } from './writer';

const SYMBOL_KEY = /^[a-z_][A-Za-z0-9_]*$/;

export class RubyWriter extends LanguageWriter {
  protected literal(value: string): string {
    return this.quoted(value);
  }

  protected list(items: string[]): string {
    return `[${items.join(', ')}]`;
  }

  protected object(props: [string, string][]): string {
    return `{${props.map(([k, v]) => `${this.pairKey(k)} ${v}`).join(', ')}}`;
  }

  /** A hash pair's key: `name:` for a plain symbol, else `"name" =>`. */
  pairKey(name: string): string {
    return SYMBOL_KEY.test(name) ? `${name}:` : `${this.quoted(name)} =>`;
  }

  string(value: string, like?: string): string {
    if (like?.startsWith(':')) return SYMBOL_KEY.test(value) ? `:${value}` : `:${this.quoted(value)}`;
    if (like?.startsWith("'")) return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
    return this.quoted(value);
  }

  isString(text: string): boolean {
    return (/^"/.test(text) && !text.includes('#{')) || /^'/.test(text) || /^:"[^"#]*"$/.test(text) || /^:[a-z_]\w*$/.test(text);
  }

  private quoted(value: string): string {
    return `"${escapeC(value, '"').replace(/#(?=[{$@])/g, '\\#')}"`;
  }
}
