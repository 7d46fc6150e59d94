// test:fast (npm run test:fast: in-process, no CLI or server process)
// The invariants ARCHITECTURE.md states as absences, checked on the source.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { builtinModules } from 'node:module';
import ts from 'typescript';

const ROOT = join(__dirname, '..');
const CORE = join(ROOT, 'server', 'src', 'core');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

function imports(file: string): string[] {
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const out: string[] = [];
  const visit = (n: ts.Node) => {
    if ((ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) && n.moduleSpecifier && ts.isStringLiteral(n.moduleSpecifier))
      out.push(n.moduleSpecifier.text);
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'require' && n.arguments[0] && ts.isStringLiteral(n.arguments[0]))
      out.push(n.arguments[0].text);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

describe('architecture', () => {
  it('the analysis core imports nothing from VS Code, LSP, or the rest of the server', () => {
    const files = sources(CORE);
    assert.ok(files.length > 10);
    for (const file of files) {
      for (const spec of imports(file)) {
        assert.ok(!/^vscode($|-languageserver|-languageclient|-jsonrpc)/.test(spec), `${relative(ROOT, file)} imports ${spec}`);
        if (spec.startsWith('.')) {
          const target = resolve(dirname(file), spec);
          assert.ok(target.startsWith(CORE), `${relative(ROOT, file)} reaches outside the core: ${spec}`);
        }
      }
    }
  });

  it('the analysis core imports no Node built-in: file system and process access live in server/src/host', () => {
    const builtins = new Set(builtinModules);
    const offenders: string[] = [];
    for (const file of sources(CORE)) {
      for (const spec of imports(file)) {
        if (spec.startsWith('node:') || builtins.has(spec) || builtins.has(spec.split('/')[0])) offenders.push(`${relative(ROOT, file)} imports ${spec}`);
      }
    }
    assert.deepEqual(offenders, []);
  });

  it('the analysis core reads no process globals (process, Buffer, __dirname)', () => {
    const offenders: string[] = [];
    for (const file of sources(CORE)) {
      const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
      const visit = (n: ts.Node) => {
        if (ts.isIdentifier(n) && ['process', 'Buffer', '__dirname', '__filename'].includes(n.text)) {
          const p = n.parent;
          const isName = (ts.isPropertyAccessExpression(p) && p.name === n) || (ts.isPropertyAssignment(p) && p.name === n);
          if (!isName) offenders.push(`${relative(ROOT, file)}:${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1} ${n.text}`);
        }
        ts.forEachChild(n, visit);
      };
      visit(sf);
    }
    assert.deepEqual(offenders, []);
  });

  it('only the client imports vscode', () => {
    for (const file of [...sources(join(ROOT, 'server', 'src'))]) {
      assert.ok(!imports(file).includes('vscode'), `${relative(ROOT, file)} imports vscode`);
    }
  });

  it('no server source file is over 800 lines: a file that grows past it is doing more than one job', () => {
    const over = sources(join(ROOT, 'server', 'src'))
      .map((file) => ({ file: relative(ROOT, file), lines: readFileSync(file, 'utf8').split('\n').length }))
      .filter((f) => f.lines > 800)
      .map((f) => `${f.file}: ${f.lines} lines`);
    assert.deepEqual(over, []);
  });
});
