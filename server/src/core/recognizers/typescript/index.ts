// TypeScript / JavaScript recognizer: the TypeScript compiler API parses the file and its
// binder/checker resolves identifiers to their declarations (imports, variables, parameters,
// class members), so detection follows bindings rather than method names. In layers:
// bindings.ts walks the file once (candidate calls, assignments, loop context); front.ts lowers
// the AST to the intermediate model and answers the shared evaluator (model/evaluate.ts), which
// resolves receivers to SDK clients (model/symbols.ts) and evaluates arguments (values.ts;
// files.ts, prompts read from files); this file finds the calls that are SDK operations, their
// loops, and the edits fixes make.
import ts from 'typescript';
import { exportedParams, paramKey } from '../../model/params';
import { findOperation, PROMPT_LOADERS, type SdkSpec } from '../../catalogue';
import { promptFileRun } from '../../promptfile';
import type { Span } from '../../types';
import { insertInList, inThisFile, replaceValue } from '../edits';
import { TypeScriptWriter } from '../../writers/typescript';
import { quoteIn } from '../../writers/writer';
import type { Edit, Lit } from '../../writers/lit';
import { textChange } from '../../reparse';
import type { LoopCount } from '../../model/ir';
import { detachExport, returnedValue, type ImportContext, type ModuleExport, type ModuleExports, type OpenModule } from '../../workspace';
import { asClient, boundFromArgument, clientCall, operationOf, positionOf } from '../symbols';
import { informative, pushCall, staticString, type CallEdits, type ObjVal, type RawCall, type Val } from '../values';
import { ITERATION_METHODS, TsBindings } from './bindings';
import { paramsOf } from './front';
import { WIRE_HINT, wireCall } from '../wire';
import { TsFiles } from './files';
import { TsValues } from './values';
import { checkerOf, takePrepared } from './checker';
import { isFunctionExpr, isRequire, moduleText, parseTypeScript, propertyKey, returnsOf, scopeName, skipOuter, type JsLanguage } from './syntax';
export { isJsLanguage, parseTypeScript, typeScriptComments, type JsLanguage } from './syntax';
export { typeScriptCheck } from './fixcheck';
export { prepareTypeScript, dropPreparedTypeScript } from './checker';

// TypeScript's API object has over 2,000 properties, which V8 keeps in dictionary mode: every
// `ts.isX(...)` is a hash lookup, and the passes make them on every node. They use copies.
const {
  getModifiers,
  isArrayLiteralExpression,
  isBinaryExpression,
  isClassDeclaration,
  isClassExpression,
  isBindingElement,
  isExpressionStatement,
  isCallExpression,
  isDoStatement,
  isExportAssignment,
  isExportDeclaration,
  isForInStatement,
  isForOfStatement,
  isForStatement,
  isFunctionDeclaration,
  isFunctionLike,
  isIdentifier,
  isNewExpression,
  isImportSpecifier,
  isNamedExports,
  isObjectLiteralExpression,
  isPostfixUnaryExpression,
  isPrefixUnaryExpression,
  isPropertyAccessExpression,
  isPropertyAssignment,
  isShorthandPropertyAssignment,
  isStringLiteral,
  isVariableDeclaration,
  isVariableDeclarationList,
  isVariableStatement,
  isWhileStatement,
} = ts;

/**
 * The calls in `text`, and its syntax tree. With `previous` (the same document's last text and
 * tree, which must not be used again), only what the edit touched is parsed again.
 */
export function recognizeTypeScript(
  text: string,
  language: JsLanguage,
  ctx?: ImportContext,
  previous?: { text: string; sf: ts.SourceFile },
  maxCalls = Number.POSITIVE_INFINITY,
): { calls: RawCall[]; sf: ts.SourceFile } {
  let sf: ts.SourceFile | undefined;
  if (previous) {
    const change = textChange(previous.text, text);
    sf = change
      ? ts.updateSourceFile(previous.sf, text, { span: { start: change.start, length: change.oldEnd - change.start }, newLength: change.newEnd - change.start })
      : previous.sf;
  }
  const file = sf ? tsFile(text, language, ctx, sf) : (preparedFile(text, language, ctx) ?? tsFile(text, language, ctx));
  return { calls: file.run(maxCalls), sf: file.sf };
}

/**
 * A module opened for what it exports that other modules may import (clients, factories, constants),
 * each name computed when asked (`TsFile.exports`): the module stays parsed for the next name. `ctx`
 * is what its lookups of other modules go through (the cache's `ForwardingContext`).
 */
export function openTypeScriptModule(text: string, language: JsLanguage, ctx: ImportContext): OpenModule {
  return tsFile(text, language, ctx);
}

function tsFile(text: string, language: JsLanguage, ctx?: ImportContext, parsed?: ts.SourceFile): TsFile {
  const sf = parsed ?? parseTypeScript(text, language);
  return new TsFile(text, sf, () => checkerOf(sf), ctx);
}

/** A file prepared with others (`prepareTypeScript`): its tree, parsed then, and the checker it shares with them. */
function preparedFile(text: string, language: JsLanguage, ctx?: ImportContext): TsFile | undefined {
  const p = takePrepared(text, language);
  return p && new TsFile(text, p.sf, p.checker, ctx);
}

/**
 * One TypeScript file's analysis: its layers (each reaches the others through this object) and the
 * calls they find.
 */
export class TsFile implements OpenModule {
  /** Nodes being resolved (by `sym` or `val`, by `id`): a cycle stops there. */
  readonly resolving = new Set<number>();
  readonly bindings = new TsBindings(this);
  readonly values = new TsValues(this);
  /** The file's evaluator (values, SDK symbols). */
  get ev() {
    return this.values.evaluator();
  }
  readonly files = new TsFiles(this);
  /** Genkit's prompt runs are looked for only in files that mention it. */
  readonly mentionsGenkit: boolean;

  private typeChecker?: ts.TypeChecker;
  /** Whether `bindings` has walked the file (`exports` is asked once per name). */
  private walked = false;

  constructor(
    readonly text: string,
    readonly sf: ts.SourceFile,
    private readonly newChecker: () => ts.TypeChecker,
    readonly ctx?: ImportContext,
  ) {
    this.mentionsGenkit = text.includes('genkit');
  }

  /**
   * The file's checker, made when first asked for: a program and its checker cost a millisecond or
   * two even for a small file (binding it, and mostly garbage), and a module asked for its exports
   * or a file with no candidate call may never ask (29% of those made on the real-content bench repository).
   */
  get checker(): ts.TypeChecker {
    return (this.typeChecker ??= this.newChecker());
  }

  /**
   * What the module exports under `want`, and only that (`OpenModule`): a name, a class's member names
   * (`Provider#*`) or one member (`Provider#client`, whose class lists it), or an injection token's
   * provider (`provide:TOKEN`). Nothing else is evaluated: a file importing two functions of a large
   * module does not evaluate each function it exports.
   */
  exports(want: string): ModuleExports {
    if (!this.walked) this.bindings.walk(this.sf, null);
    this.walked = true;
    const out: ModuleExports = new Map();
    const add = (name: string, decl: ts.Node | undefined, expr?: ts.Expression) => {
      if (!decl && !expr) return;
      if (want.startsWith(`${name}#`)) return addClass(name, decl, expr);
      if (want !== name) return;
      const e: ModuleExport = {};
      // A function: the client and value it returns (`exports.getClient = () => new OpenAI()` too).
      const fnDecl =
        decl &&
        (isFunctionDeclaration(decl)
          ? decl
          : isVariableDeclaration(decl) && decl.initializer && isFunctionExpr(skipOuter(decl.initializer))
            ? skipOuter(decl.initializer)
            : undefined);
      const fn = (fnDecl ?? (expr && isFunctionExpr(skipOuter(expr)) ? skipOuter(expr) : undefined)) as ts.FunctionLikeDeclaration | undefined;
      if (fn) {
        const r = this.ev.symOfReturns(returnsOf(fn));
        if (r) e.returns = r;
        const rv = returnedValue(
          returnsOf(fn).map((x) => this.values.val(x)),
          this.span(fn),
          name,
        );
        if (rv) e.returnsVal = rv;
        // Returns reached only under tests of its parameters: each with its tests (model/params.ts).
        const guards = returnsOf(fn).length > 1 ? returnsOf(fn).map((r) => this.ev.calls.returnGuards(r, fn)) : [];
        if (guards.some((g) => g.length))
          e.branches = returnsOf(fn).map((r, i) => {
            const sym = this.ev.sym(r);
            return { guards: guards[i], val: this.values.val(r), ...(sym ? { sym } : {}) };
          });
        // What a call from another module fills (model/params.ts).
        e.fnKey = paramKey(this.span(fn), this.ctx?.file);
        e.params = exportedParams(paramsOf(fn), (n) => this.values.val(n));
      } else if (decl && (isVariableDeclaration(decl) || isBindingElement(decl))) {
        // A variable, or one destructured from another module (`const { client } = require('./openai')`, re-exported).
        const sym = this.ev.symOfDecls(this.values.bindings.declOf(decl));
        if (sym) e.sym = sym;
        if (isVariableDeclaration(decl) && decl.initializer) {
          const v = this.values.val(decl.initializer);
          if (informative(v)) e.val = v;
        }
      } else if (expr) {
        const sym = this.ev.sym(expr);
        if (sym) e.sym = sym;
        const v = this.values.val(expr);
        if (informative(v)) e.val = v;
      }
      if (e.sym || e.val || e.returns || e.returnsVal || e.branches) out.set(name, detachExport(e));
    };
    // A class: its members' names (`C#*`); one is resolved when a subclass in another module reads it (`C#client`).
    const addClass = (name: string, decl: ts.Node | undefined, expr?: ts.Expression) => {
      const skipped = expr && skipOuter(expr);
      const cls: ts.ClassLikeDeclaration | undefined =
        decl && (isClassDeclaration(decl) || isClassExpression(decl)) ? decl : skipped && isClassExpression(skipped) ? skipped : undefined;
      if (!cls) return;
      if (want === `${name}#*`) {
        const names = this.values.bindings.classMemberNames(cls);
        if (names.length) out.set(want, { members: names });
      } else {
        const m = this.values.bindings.classExport(cls, want.slice(name.length + 1), (decls) => this.ev.symOfDecls(decls));
        if (m) out.set(want, detachExport(m));
      }
    };
    for (const st of this.sf.statements) {
      const exported = getModifiers(st as ts.HasModifiers)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
      const isDefault = getModifiers(st as ts.HasModifiers)?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
      if (isVariableStatement(st) && exported) {
        for (const d of st.declarationList.declarations) if (isIdentifier(d.name)) add(d.name.text, d);
      } else if ((isFunctionDeclaration(st) || isClassDeclaration(st)) && exported) {
        add(isDefault ? 'default' : (st.name?.text ?? 'default'), st);
      } else if (ts.isEnumDeclaration(st) && exported && want === st.name.text) {
        // `export enum Tier { Fast = 'gpt-4.1-mini' }`: its members' values, read as `Tier.Fast` by importers.
        const props = new Map<string, Val>();
        for (const m of st.members) {
          const c = this.checker.getConstantValue(m);
          const key = propertyKey(m.name);
          const span = this.span(m);
          if (key === undefined) continue;
          if (typeof c === 'string') props.set(key, { kind: 'str', parts: [{ text: c }], span, text: m.getText(this.sf) });
          else if (typeof c === 'number') props.set(key, { kind: 'num', value: c, span, text: m.getText(this.sf) });
        }
        if (props.size) out.set(st.name.text, detachExport({ val: { kind: 'obj', props, open: [], node: null, span: this.span(st), text: st.name.text } }));
      } else if (isExportAssignment(st) && !st.isExportEquals && (want === 'default' || want.startsWith('default#'))) {
        const e = skipOuter(st.expression);
        const decl = isIdentifier(e) ? this.checker.getSymbolAtLocation(e)?.valueDeclaration : undefined;
        if (decl) add('default', decl);
        else add('default', undefined, e);
      } else if (isExpressionStatement(st) && isBinaryExpression(st.expression) && st.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
        // CommonJS: `module.exports = client` is what `require('./llm')` gives; `exports.client = client` one of its names.
        const name = commonJsExport(st.expression.left);
        const e = skipOuter(st.expression.right);
        const decl = isIdentifier(e) ? this.checker.getSymbolAtLocation(e)?.valueDeclaration : undefined;
        if (name !== undefined) add(name, decl, decl ? undefined : e);
        // `module.exports = { groq, model: 'x' }`: each property is a name `const { groq } = require(...)` reads.
        if (name === 'default' && isObjectLiteralExpression(e)) {
          for (const p of e.properties) {
            if (isShorthandPropertyAssignment(p)) {
              // (A name destructured from `require` is an alias: its declaration, not a value declaration.)
              const value = this.checker.getShorthandAssignmentValueSymbol(p);
              add(p.name.text, value?.valueDeclaration ?? value?.declarations?.[0]);
            } else if (isPropertyAssignment(p) && propertyKey(p.name) !== undefined) add(propertyKey(p.name)!, undefined, p.initializer);
          }
        }
      } else if (isExportDeclaration(st) && st.exportClause && isNamedExports(st.exportClause)) {
        for (const el of st.exportClause.elements) {
          if (want !== el.name.text && !want.startsWith(`${el.name.text}#`)) continue;
          const local = (el.propertyName ?? el.name).text;
          if (st.moduleSpecifier) {
            // `export { client } from './openai'`: a re-export.
            const again = want === el.name.text ? this.ctx?.exportOf(moduleText(st.moduleSpecifier), local) : undefined;
            if (again) out.set(want, again);
          } else {
            const symbol = this.checker.getSymbolAtLocation(el.propertyName ?? el.name);
            const target = symbol && symbol.flags & ts.SymbolFlags.Alias ? symbol : symbol;
            const decl = target?.valueDeclaration ?? target?.declarations?.[0];
            if (decl && isImportSpecifier(decl)) {
              const again =
                want === el.name.text
                  ? this.ctx?.exportOf(moduleText(decl.parent.parent.parent.moduleSpecifier), (decl.propertyName ?? decl.name).text)
                  : undefined;
              if (again) out.set(want, again);
            } else add(el.name.text, decl);
          }
        }
      }
    }
    if (want.startsWith('provide:') && this.text.includes('provide')) this.providers(out);
    return out;
  }

  /**
   * NestJS providers (`{ provide: 'LLM_MODEL', useFactory: (config) => createLlmModel(config) }`, `useValue: x`):
   * what each token is made as, exported as `provide:TOKEN` for the classes that `@Inject('LLM_MODEL')` it.
   */
  private providers(out: ModuleExports): void {
    const visit = (n: ts.Node): void => {
      if (isObjectLiteralExpression(n)) {
        const prop = (key: string) => n.properties.find((p): p is ts.PropertyAssignment => isPropertyAssignment(p) && propertyKey(p.name) === key)?.initializer;
        const token = prop('provide');
        const made = prop('useFactory');
        const value = prop('useValue');
        if (token && ts.isStringLiteralLike(token) && (made || value)) {
          const e: ModuleExport = {};
          const fn = made && skipOuter(made);
          if (fn && isFunctionExpr(fn)) {
            const sym = this.ev.symOfReturns(returnsOf(fn));
            const val = returnedValue(
              returnsOf(fn as ts.FunctionLikeDeclaration).map((r) => this.values.val(r)),
              this.span(fn),
              token.text,
            );
            if (sym) e.sym = sym;
            if (val) e.val = val;
          } else if (value) {
            const sym = this.ev.sym(value);
            const val = this.values.val(value);
            if (sym) e.sym = sym;
            if (informative(val)) e.val = val;
          }
          if (e.sym || e.val) out.set(`provide:${token.text}`, detachExport(e));
        }
      }
      ts.forEachChild(n, visit);
    };
    visit(this.sf);
  }

  run(maxCalls = Number.POSITIVE_INFINITY): RawCall[] {
    this.bindings.walk(this.sf, null);
    const out: RawCall[] = [];
    for (const c of this.bindings.candidates) {
      const call = this.toRawCall(c.node, c.loop);
      if (call) pushCall(out, { ...call, scope: scopeName(c.node) }, maxCalls);
    }
    for (const c of this.bindings.promptRuns) {
      const call = this.genkitRun(c.node, c.loop);
      if (call) out.push({ ...call, scope: scopeName(c.node) });
    }
    if (WIRE_HINT.test(this.text)) {
      for (const c of this.bindings.posts) {
        const call = this.httpPost(c.node, c.loop);
        if (call) pushCall(out, { ...call, scope: scopeName(c.node) }, maxCalls);
      }
      out.sort((a, b) => a.span.start - b.span.start);
    }
    return out;
  }

  /** `fetch(url, { method: 'POST', body: JSON.stringify(req) })`, `axios.post(url, req)`: an API's request sent without its SDK (wire.ts). */
  private httpPost(node: ts.CallExpression, loop: string | null): RawCall | undefined {
    const callee = skipOuter(node.expression);
    const [urlArg, second] = node.arguments;
    if (!urlArg || !second) return undefined;
    let body: Val | undefined;
    let via: string;
    if (isIdentifier(callee)) {
      // The global `fetch` (not a local of that name), posting.
      const decl = this.checker.getSymbolAtLocation(callee)?.declarations?.[0];
      if (decl && decl.getSourceFile() === this.sf) return undefined;
      const init = this.values.val(second);
      const method = init.kind === 'obj' ? staticString(init.props.get('method')) : undefined;
      if (init.kind !== 'obj' || method?.toUpperCase() !== 'POST') return undefined;
      body = init.props.get('body');
      via = 'fetch';
    } else if (isPropertyAccessExpression(callee) && this.isAxios(callee.expression)) {
      body = this.values.val(second);
      via = `${callee.expression.getText(this.sf)}.post`;
    } else return undefined;
    const name = isPropertyAccessExpression(callee) ? callee.name : callee;
    return wireCall(this.values.val(urlArg), body, { span: this.span(second), text: second.getText(this.sf) }, via, {
      flavor: 'js',
      span: this.span(node),
      nameSpan: this.span(name),
      loop,
      iterations: () => this.iterations(node),
      edits: this.edits,
    });
  }

  /** `axios` imported from its package (or an instance it creates: `axios.create(...)`). */
  private isAxios(e: ts.Expression): boolean {
    const x = skipOuter(e);
    if (!isIdentifier(x)) return false;
    const decl = this.checker.getSymbolAtLocation(x)?.declarations?.[0];
    if (!decl) return false;
    const from = (n: ts.Node): string | undefined => {
      for (let p: ts.Node | undefined = n; p; p = p.parent) if (ts.isImportDeclaration(p)) return moduleText(p.moduleSpecifier);
      return undefined;
    };
    if (from(decl) === 'axios') return true;
    if (isVariableDeclaration(decl) && decl.initializer) {
      const init = skipOuter(decl.initializer);
      if (isCallExpression(init) && isRequire(init) && ts.isStringLiteralLike(init.arguments[0]) && init.arguments[0].text === 'axios') return true;
      if (isCallExpression(init) && isPropertyAccessExpression(init.expression) && init.expression.name.text === 'create')
        return this.isAxios(init.expression.expression);
    }
    return false;
  }

  /**
   * Genkit: `const greet = ai.prompt('greeting'); await greet({ name })` (also `greet.stream(...)`
   * and `ai.prompt('greeting')(...)`), where `ai = genkit({ promptDir? })`: the call that
   * `prompts/greeting.prompt` describes, its variables filled from the input, the caller's
   * `{ config }` applied, and the instance's default `model` when the file names none.
   */
  private genkitRun(node: ts.CallExpression, loop: string | null): RawCall | undefined {
    let callee = skipOuter(node.expression);
    let nameNode: ts.Node = callee;
    if (isPropertyAccessExpression(callee) && callee.name.text === 'stream') {
      nameNode = callee.name;
      callee = skipOuter(callee.expression);
    }
    let loader: ts.Expression = callee;
    if (isIdentifier(callee)) {
      const decl = this.checker.getSymbolAtLocation(callee)?.valueDeclaration;
      if (!decl || !isVariableDeclaration(decl) || !decl.initializer || this.bindings.assignedTo(this.checker.getSymbolAtLocation(callee)!).length)
        return undefined;
      loader = skipOuter(decl.initializer);
    }
    const G = PROMPT_LOADERS.genkit;
    if (!isCallExpression(loader) || !isPropertyAccessExpression(loader.expression) || loader.expression.name.text !== G.method || !loader.arguments[0])
      return undefined;
    const instance = this.genkitInstance(loader.expression.expression);
    if (!instance) return undefined;
    const name = staticString(this.values.val(loader.arguments[0]));
    if (!name) return undefined;
    const opts = loader.arguments[1] ? this.values.val(loader.arguments[1]) : undefined;
    const variant = opts?.kind === 'obj' ? staticString(opts.props.get('variant')) : undefined;
    const dir = (instance.promptDir ?? G.promptDir).replace(/^\.\//, '').replace(/\/+$/, '');
    const ref = { path: `${dir ? `${dir}/` : ''}${name}${variant ? `.${variant}` : ''}${G.extension}`, base: 'root' as const };
    const input = node.arguments[0] ? this.values.val(node.arguments[0]) : undefined;
    const overrides = node.arguments[1] ? this.values.val(node.arguments[1]) : undefined;
    return promptFileRun(
      this.ctx,
      ref,
      { span: this.span(node), nameSpan: this.span(nameNode), loop, whenMissing: G.whenMissing },
      input,
      overrides?.kind === 'obj' ? overrides : undefined,
      instance.model,
    );
  }

  /** `genkit({...})` from the genkit package, through a const: its prompt folder and default model. */
  private genkitInstance(e: ts.Expression): { promptDir?: string; model?: Val } | undefined {
    // A local const, or one imported from another module (`import { ai } from './genkit'`).
    const v = this.values.val(e);
    if (v.kind !== 'obj' || v.loader !== 'genkit') return undefined;
    const model = v.props.get('model');
    return {
      promptDir: staticString(v.props.get(PROMPT_LOADERS.genkit.js.promptDirOption)),
      model: model && staticString(model) !== undefined ? model : undefined,
    };
  }

  private toRawCall(node: ts.CallExpression, loop: string | null): RawCall | undefined {
    const callee = node.expression as ts.PropertyAccessExpression | ts.Identifier;
    // A bare function resolves to the operation itself (an SDK function imported by name).
    const receiver = asClient(isIdentifier(callee) ? this.ev.sym(callee) : this.ev.sym(callee.expression));
    if (!receiver) return undefined;
    const name: ts.Node = isIdentifier(callee) ? callee : callee.name;
    const path = (isIdentifier(callee) ? [...receiver.path] : [...receiver.path, callee.name.text]).filter((p) => !receiver.sdk.deriveProperties.includes(p));
    let op = operationOf(receiver, path, 'js');
    let args: ObjVal | undefined;
    const commands = receiver.sdk.commands;
    if (!op && commands && path.at(-1) === commands.method && node.arguments[0]) {
      // AWS SDK v3: `client.send(new ConverseCommand(input))`, or a command built earlier.
      const cmd = this.commandOf(node.arguments[0]);
      const opPath = cmd && cmd.sdk === receiver.sdk ? commands.classes[cmd.name] : undefined;
      if (!cmd || !opPath) return undefined;
      op = findOperation(receiver.sdk, opPath.split('.'), 'python');
      args = this.values.optionsOf(cmd.node.arguments?.[0]) ?? { kind: 'obj', props: new Map(), open: [], node: null, span: this.span(cmd.node), text: '' };
    }
    if (!op) return undefined;
    if (receiver.sdk.js.some((p) => this.bindings.mockedModules.has(p.module))) return undefined;
    args ??= this.values.argsOf(node.arguments, op.positional, node);
    const at = op.boundFrom ? positionOf(op, op.boundFrom) : -1;
    const runs =
      at >= 0
        ? boundFromArgument(
            receiver,
            op,
            node.arguments[at] as ts.Expression | undefined,
            (n) => this.ev.sym(n),
            (n) => ({ text: n.getText(this.sf), span: this.span(n) }),
          )
        : receiver;
    return clientCall(runs, op, {
      flavor: 'js',
      span: this.span(node),
      nameSpan: this.span(name),
      args,
      loop,
      iterations: () => this.iterations(node),
      edits: this.edits,
    });
  }

  /** `new ConverseCommand(input)`, directly or through a const. */
  private commandOf(arg: ts.Expression, depth = 0): { node: ts.NewExpression; name: string; sdk: SdkSpec } | undefined {
    const e = skipOuter(arg);
    if (isNewExpression(e)) {
      const cls = this.ev.sym(e.expression);
      return cls?.kind === 'class' ? { node: e, name: cls.name, sdk: cls.sdk } : undefined;
    }
    if (isIdentifier(e) && depth < 3) {
      const decl = this.checker.getSymbolAtLocation(e)?.valueDeclaration;
      if (decl && isVariableDeclaration(decl) && decl.initializer) return this.commandOf(decl.initializer, depth + 1);
    }
    return undefined;
  }

  /**
   * How many times the loops around `node` (up to its function) run it, when each has a static
   * bound: `for (let i = 0; i < 10; i++)`, `for...of` over a list known statically, a `.map()` /
   * `.forEach()` callback over one (`some`, `find`... may stop early: an upper bound). A `while`
   * loop, `for...in`, or any other bound gives null.
   */
  private iterations(node: ts.Node): number | null {
    const counts: (LoopCount<ts.Node> | undefined)[] = [];
    for (let child: ts.Node = node, p = node.parent; p; child = p, p = p.parent) {
      if (isFunctionLike(p)) {
        const call = p.parent;
        if (
          call &&
          isCallExpression(call) &&
          call.arguments.includes(p as unknown as ts.Expression) &&
          isPropertyAccessExpression(call.expression) &&
          ITERATION_METHODS.has(call.expression.name.text)
        ) {
          counts.push(iterable(call.expression.expression));
          continue;
        }
        break;
      }
      if (isWhileStatement(p) || isDoStatement(p) || isForInStatement(p)) return null;
      if (isForOfStatement(p)) {
        if (child === p.expression) continue; // evaluated once
        counts.push(iterable(p.expression));
      } else if (isForStatement(p)) {
        if (child === p.initializer) continue;
        counts.push(countedLoop(p));
      }
    }
    return this.ev.iterations(counts);
  }

  /**
   * A number per node, for the evaluator (cycles) and `resolving`: its kind and its range, which
   * no two nodes of a file share (kinds are under 2^9; zero-width nodes a syntax error leaves
   * missing may share one, harmlessly: they have no value). A map of ids cost 2% of a per-edit
   * analysis, and more in garbage collection.
   */
  id(node: ts.Node): number {
    if (node.end < 2 ** 21) return (node.pos * 2 ** 21 + node.end) * 512 + node.kind;
    // A longer file (a maxFileSize raised past 2,000,000): a number per node, kept beside it.
    const ids = (this.bigIds ??= new WeakMap());
    let id = ids.get(node);
    if (id === undefined) ids.set(node, (id = this.nextBigId++));
    return id;
  }
  private bigIds: WeakMap<ts.Node, number> | undefined;
  private nextBigId = 2 ** 52;

  span(node: ts.Node): Span {
    return { start: node.getStart(this.sf), end: node.end };
  }

  private writerCache: TypeScriptWriter | undefined;
  private get writer(): TypeScriptWriter {
    return (this.writerCache ??= new TypeScriptWriter(this.text));
  }

  /** The edits fixes make here: properties of object literals, written by the TypeScript writer. */
  private readonly edits: CallEdits = {
    set: (obj, name, value) => this.setParam(obj, name, value),
    rename: (obj, name, newName) => this.renameParam(obj, name, newName),
    replace: (v, value) => replaceValue(this.text, this.writer, v, value),
  };

  private renameParam(obj: ObjVal, name: string, newName: string): Edit[] | null {
    const node = obj.node as ts.Node | null;
    if (!node || !isObjectLiteralExpression(node)) return null;
    const prop = node.properties.find((p) => isPropertyAssignment(p) && propertyKey(p.name) === name) as ts.PropertyAssignment | undefined;
    if (!prop) return null;
    const key = prop.name;
    const text = key.getText(this.sf);
    return [{ span: this.span(key), newText: isStringLiteral(key) ? this.writer.string(newName, text) : this.writer.key(newName, "'") }];
  }

  /** `name: value` in an object literal; an existing value of this file is replaced. */
  private setParam(obj: ObjVal, name: string, value: Lit): Edit[] | null {
    const node = obj.node as ts.Node | null;
    if (!node || !isObjectLiteralExpression(node)) return null;
    const quote = quoteIn(node.getText(this.sf));
    const written = this.writer.value(value, { target: {}, imports: new Set(), quote });
    if (written === null) return null;
    const existing = obj.props.get(name);
    if (existing) return inThisFile(this.text, existing) ? [{ span: existing.span, newText: written }] : null;
    const list = {
      startIndex: node.getStart(this.sf),
      endIndex: node.end,
      namedChildren: node.properties.map((p) => ({ type: 'property', startIndex: p.getStart(this.sf), endIndex: p.end })),
    };
    return [insertInList(this.text, list, `${this.writer.key(name, quote ?? "'")}: ${written}`, '{')];
  }
}

/** The name a CommonJS assignment exports: `default` for `module.exports = ...`, `x` for `exports.x = ...` and `module.exports.x = ...`. */
function commonJsExport(left: ts.Expression): string | undefined {
  if (!isPropertyAccessExpression(left)) return undefined;
  const obj = left.expression;
  const isModule = (n: ts.Expression) => isIdentifier(n) && n.text === 'module';
  if (isModule(obj) && left.name.text === 'exports') return 'default';
  if ((isIdentifier(obj) && obj.text === 'exports') || (isPropertyAccessExpression(obj) && isModule(obj.expression) && obj.name.text === 'exports'))
    return left.name.text;
  return undefined;
}

/** `for (let i = a; i < b; i++)` (or `<=`, `++i`, `i += k`): its count, as the model reads it (`LoopCount`); anything else is not counted. */
function countedLoop(loop: ts.ForStatement): LoopCount<ts.Node> | undefined {
  const init = loop.initializer;
  const decl = init && isVariableDeclarationList(init) && init.declarations.length === 1 ? init.declarations[0] : undefined;
  if (!decl || !isIdentifier(decl.name) || !decl.initializer) return undefined;
  const name = decl.name.text;
  const cond = loop.condition;
  if (!cond || !isBinaryExpression(cond) || !isIdentifier(cond.left) || cond.left.text !== name) return undefined;
  const op = cond.operatorToken.kind;
  if (op !== ts.SyntaxKind.LessThanToken && op !== ts.SyntaxKind.LessThanEqualsToken) return undefined;
  const inc = loop.incrementor;
  const count = { from: decl.initializer, to: cond.right, inclusive: op === ts.SyntaxKind.LessThanEqualsToken, upOnly: true };
  if (
    inc &&
    (isPostfixUnaryExpression(inc) || isPrefixUnaryExpression(inc)) &&
    inc.operator === ts.SyntaxKind.PlusPlusToken &&
    isIdentifier(inc.operand) &&
    inc.operand.text === name
  )
    return count;
  // Counting up only: a step that is not a positive number is not counted.
  if (inc && isBinaryExpression(inc) && inc.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken && isIdentifier(inc.left) && inc.left.text === name)
    return { ...count, step: inc.right };
  return undefined;
}

/**
 * What a `for...of` or an iteration method goes over, as the model counts it: an array literal, a
 * name bound to one, `Object.keys` / `values` / `entries` of an object literal.
 */
function iterable(e: ts.Expression): LoopCount<ts.Node> | undefined {
  if (
    isCallExpression(e) &&
    isPropertyAccessExpression(e.expression) &&
    isIdentifier(e.expression.expression) &&
    e.expression.expression.text === 'Object' &&
    ['keys', 'values', 'entries'].includes(e.expression.name.text) &&
    e.arguments.length === 1
  ) {
    return isObjectLiteralExpression(e.arguments[0]) ? { over: e.arguments[0] } : undefined;
  }
  return isArrayLiteralExpression(e) || isIdentifier(e) ? { over: e } : undefined;
}
