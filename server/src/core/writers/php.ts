// PHP: arrays (`['key' => value]`, keys spelled as the SDK documents: Anthropic's camelCase,
// openai-php's snake_case API names), single-quoted strings unless the code around uses double.
import { camel } from './lit';
import { LanguageWriter, type WriteContext } from './writer';

export class PhpWriter extends LanguageWriter {
  protected literal(value: string, ctx: WriteContext): string {
    return this.quoted(value, ctx.quote ?? "'");
  }

  protected list(items: string[]): string {
    return `[${items.join(', ')}]`;
  }

  protected object(props: [string, string][], _lit: unknown, ctx: WriteContext): string {
    return `[${props.map(([k, v]) => `${this.quoted(this.name(k, ctx), ctx.quote ?? "'")} => ${v}`).join(', ')}]`;
  }

  /** An API name as this SDK spells array keys and named arguments. */
  name(apiName: string, ctx: WriteContext): string {
    return ctx.target.idioms?.keys === 'camel' ? camel(apiName) : apiName;
  }

  string(value: string, like?: string): string {
    return this.quoted(value, like?.startsWith('"') ? '"' : "'");
  }

  isString(text: string): boolean {
    return /^'/.test(text) || (/^"/.test(text) && !/[$\\]/.test(text));
  }

  quoted(value: string, q: string): string {
    if (q === "'") return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
    let out = '';
    for (const ch of value) {
      const c = ch.codePointAt(0)!;
      if (ch === '\\' || ch === '"' || ch === '$') out += `\\${ch}`;
      else if (ch === '\n') out += '\\n';
      else if (ch === '\r') out += '\\r';
      else if (ch === '\t') out += '\\t';
      else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
      else out += ch;
    }
    return `"${out}"`;
  }
}
