// C#: object initializers of the SDK's classes (`new TextBlockParam { Text = p }`), `new List<T>
// { ... }` for lists (what the SDK's union types convert from), PascalCase properties, and the
// `using` directives they need.
import { eolAt, pascal, type Edit, type Lit } from './lit';
import { escapeC, importLines, LanguageWriter, literalSpec, type WriteContext } from './writer';

export class CSharpWriter extends LanguageWriter {
  protected literal(value: string): string {
    return `"${escapeC(value, '"')}"`;
  }

  protected list(items: string[], lit: Extract<Lit, { kind: 'list' }>, ctx: WriteContext): string | null {
    const spec = literalSpec(ctx, lit.of);
    if (!spec) return null;
    ctx.imports.add('System.Collections.Generic');
    if (spec.import) ctx.imports.add(spec.import);
    return `new List<${spec.name}> { ${items.join(', ')} }`;
  }

  protected object(props: [string, string][], lit: Extract<Lit, { kind: 'obj' }>, ctx: WriteContext): string | null {
    const spec = literalSpec(ctx, lit.type);
    if (!spec) return null;
    if (spec.import) ctx.imports.add(spec.import);
    return props.length ? `new ${spec.name} { ${props.map(([k, v]) => `${pascal(k)} = ${v}`).join(', ')} }` : `new ${spec.name}()`;
  }

  string(value: string): string {
    return `"${escapeC(value, '"')}"`;
  }

  isString(text: string): boolean {
    return /^"/.test(text) && !text.startsWith('"""');
  }

  /** `using N;` after the file's last using directive for each namespace it lacks (a `global using` counts). */
  private importsCache: ReturnType<typeof importLines> | undefined;

  override importEdits(imports: Set<string>): Edit[] {
    if (!imports.size) return [];
    const { names, insertAt } = (this.importsCache ??= importLines(this.text, /^[ \t]*(?:global[ \t]+)?using[ \t]+(?!static\b)(?!\w+[ \t]*=)([\w.]+)[ \t]*;/));
    const missing = [...imports].filter((ns) => !names.has(ns));
    if (!missing.length) return [];
    const at = insertAt ?? 0;
    const eol = eolAt(this.text, Math.max(0, at - 1));
    return [
      {
        span: { start: at, end: at },
        newText: missing
          .sort()
          .map((m) => `using ${m};${eol}`)
          .join(''),
      },
    ];
  }
}
