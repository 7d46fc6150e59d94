// Java: the SDK's builders (`TextBlockParam.builder().text(p).build()`), `List.of(...)`, long
// literals (`1024L`, what the builders' `long` setters take) and the imports they need.
import { camel, eolAt, type Edit, type Lit } from './lit';
import { escapeC, importLines, LanguageWriter, literalSpec, type WriteContext } from './writer';

export class JavaWriter extends LanguageWriter {
  protected override number(value: number, ctx?: WriteContext): string {
    // An SDK whose setters take Integer (TheoKanning's `maxTokens(Integer)`) gets a plain int.
    return Number.isInteger(value) && !ctx?.target?.idioms?.plainInts ? `${value}L` : String(value);
  }

  protected literal(value: string): string {
    return `"${escapeC(value, '"')}"`;
  }

  protected list(items: string[], _lit: unknown, ctx: WriteContext): string {
    ctx.imports.add('java.util.List');
    return `List.of(${items.join(', ')})`;
  }

  protected object(props: [string, string][], lit: Extract<Lit, { kind: 'obj' }>, ctx: WriteContext): string | null {
    const spec = literalSpec(ctx, lit.type);
    if (!spec) return null;
    if (spec.import) ctx.imports.add(spec.import);
    return `${spec.name}.builder()${props.map(([k, v]) => `.${camel(k)}(${v})`).join('')}.build()`;
  }

  string(value: string): string {
    return `"${escapeC(value, '"')}"`;
  }

  isString(text: string): boolean {
    return /^"/.test(text) && !text.startsWith('"""');
  }

  /** `import a.b.C;` after the file's last import (or its package line) for each class the file lacks, unless a wildcard or its own package covers it. */
  private importsCache: ReturnType<typeof importLines> | undefined;
  /** The file's single-type and wildcard imports, read once. */
  private get imported(): ReturnType<typeof importLines> {
    return (this.importsCache ??= importLines(this.text, /^[ \t]*import[ \t]+(?!static\b)([\w.]+(?:\.\*)?)[ \t]*;/));
  }

  override importEdits(imports: Set<string>): Edit[] {
    if (!imports.size) return [];
    const { names, insertAt } = this.imported;
    const pkg = /^\s*package\s+([\w.]+)\s*;/m.exec(this.text);
    const missing = [...imports].filter((fqn) => {
      const owner = fqn.slice(0, fqn.lastIndexOf('.'));
      const simple = fqn.slice(fqn.lastIndexOf('.') + 1);
      if (names.has(fqn) || names.has(`${owner}.*`) || owner === pkg?.[1] || owner === 'java.lang') return false;
      // Another class of that simple name is imported: writing it would be ambiguous, so it is qualified nowhere: the fix is not offered (see `conflicts`).
      return ![...names].some((n) => n.endsWith(`.${simple}`));
    });
    if (!missing.length) return [];
    const at = insertAt ?? (pkg ? this.text.indexOf('\n', pkg.index) + 1 : 0);
    const eol = eolAt(this.text, Math.max(0, at - 1));
    const lead = insertAt === null && pkg ? eol : '';
    return [
      {
        span: { start: at, end: at },
        newText: `${lead}${missing
          .sort()
          .map((m) => `import ${m};${eol}`)
          .join('')}`,
      },
    ];
  }

  /** Classes the value needs whose simple name the file already imports from elsewhere. */
  conflicts(imports: Set<string>): string[] {
    if (!imports.size) return [];
    const { names } = this.imported;
    return [...imports].filter((fqn) => {
      const simple = fqn.slice(fqn.lastIndexOf('.') + 1);
      return [...names].some((n) => n !== fqn && n.endsWith(`.${simple}`));
    });
  }
}
