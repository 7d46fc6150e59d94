// Go: struct literals of the SDK's param types (`anthropic.TextBlockParam{Text: p}`), slices of
// them with the element type elided (`[]anthropic.TextBlockParam{{Text: p}}`), the SDK's helpers
// where its zero value would be dropped (`anthropic.NewCacheControlEphemeralParam()`), PascalCase
// fields with Go's initialisms. A type the catalogue has no struct for is not written.
import { pascal, type Lit } from './lit';
import { escapeC, LanguageWriter, literalSpec, type WriteContext } from './writer';

/** Go spells these name parts in capitals (`TTL`, `URL`, `ID`). */
const INITIALISMS: Record<string, string> = { Ttl: 'TTL', Url: 'URL', Id: 'ID', Json: 'JSON', Http: 'HTTP', Api: 'API' };

/** A field name as the Go SDKs spell it: `max_tokens` -> `MaxTokens`, `ttl` -> `TTL`. */
export function goField(apiName: string): string {
  return pascal(apiName).replace(/[A-Z][a-z]+/g, (w) => INITIALISMS[w] ?? w);
}

export class GoWriter extends LanguageWriter {
  protected literal(value: string): string {
    return `"${escapeC(value, '"')}"`;
  }

  protected list(items: string[], lit: Extract<Lit, { kind: 'list' }>, ctx: WriteContext): string | null {
    const spec = literalSpec(ctx, lit.of);
    if (!spec) return null;
    // Elements of the slice's own type are written without it: `[]T{{Text: p}}`.
    const prefix = `${this.qualified(spec.name, ctx)}{`;
    const elided = items.map((item, i) => {
      const of = lit.items[i];
      return of.kind === 'obj' && of.type === lit.of && item.startsWith(prefix) ? item.slice(prefix.length - 1) : item;
    });
    return `[]${this.qualified(spec.name, ctx)}{${elided.join(', ')}}`;
  }

  protected object(props: [string, string][], lit: Extract<Lit, { kind: 'obj' }>, ctx: WriteContext): string | null {
    const spec = literalSpec(ctx, lit.type);
    if (!spec) return null;
    if (!props.length && spec.helper) return this.qualified(spec.helper, ctx);
    // A struct with nothing set is its zero value, which the SDK omits from the request.
    if (!props.length) return null;
    return `${this.qualified(spec.name, ctx)}{${props.map(([k, v]) => `${goField(k)}: ${v}`).join(', ')}}`;
  }

  private qualified(name: string, ctx: WriteContext): string {
    return ctx.target.pkg ? `${ctx.target.pkg}.${name}` : name;
  }

  string(value: string, like?: string): string {
    if (like?.startsWith('`') && !value.includes('`')) return `\`${value}\``;
    return `"${escapeC(value, '"')}"`;
  }

  isString(text: string): boolean {
    return /^"/.test(text) || /^`/.test(text);
  }
}
