// The defaults a JavaScript or TypeScript project's environment schema gives its variables:
// `MISTRAL_MODEL: z.string().default('mistral-small-latest')` in a zod object (NestJS's
// `validate`, t3-env's `createEnv`), `Joi.string().default('gpt-4o')` in a Joi schema
// (`validationSchema`). Read from a file's syntax, never run: an upper-case key whose value is a
// chain of calls with `.default(<literal>)` in it. The host finds the files (`ImportHost.envSchema`).
import ts from 'typescript';

/** An upper-snake environment variable name. */
const ENV_NAME = /^[A-Z][A-Z0-9_]*$/;

export function envSchemaDefaults(text: string, fileName = 'env.ts'): Map<string, string> {
  const out = new Map<string, string>();
  if (!text.includes('.default(')) return out;
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, fileName.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const visit = (n: ts.Node): void => {
    if (ts.isPropertyAssignment(n) && (ts.isIdentifier(n.name) || ts.isStringLiteral(n.name)) && ENV_NAME.test(n.name.text) && !out.has(n.name.text)) {
      const d = defaultOf(n.initializer);
      if (d !== undefined) out.set(n.name.text, d);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

/** The literal a chain `z.string().url().default('x').optional()` defaults to. */
function defaultOf(e: ts.Expression): string | undefined {
  for (let x: ts.Expression = e; ts.isCallExpression(x) && ts.isPropertyAccessExpression(x.expression); x = x.expression.expression) {
    if (x.expression.name.text !== 'default' || x.arguments.length !== 1) continue;
    const a = x.arguments[0];
    // `.default('')`: no model to assume.
    if (ts.isStringLiteralLike(a)) return a.text || undefined;
    if (ts.isNumericLiteral(a)) return a.text;
    return undefined;
  }
  return undefined;
}
