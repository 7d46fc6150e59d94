// The TypeScript recognizer's file layer: prompts and images read from files at run time
// (`fs.readFileSync(path.join(__dirname, 'x.md'), 'utf8')`, uploads), as paths relative to the
// file or the project, for the host to read within the workspace.
import ts from 'typescript';
import type { Span } from '../../types';
import { asClient } from '../symbols';
import { FILE_MARK, imageDataVal, joinRef, parentOf, promptFileVal } from '../strings';
import type { PromptFileRef } from '../../workspace';
import { staticString, type Val } from '../values';
import { MAX_DEPTH, propertyKey, skipAwait, skipOuter } from './syntax';
import type { TsFile } from './index';

// TypeScript's API object has over 2,000 properties, which V8 keeps in dictionary mode: every
// `ts.isX(...)` is a hash lookup, and the passes make them on every node. They use copies.
const {
  isCallExpression,
  isIdentifier,
  isNewExpression,
  isObjectLiteralExpression,
  isParameter,
  isPropertyAccessExpression,
  isPropertyAssignment,
  isStringLiteralLike,
  isVariableDeclaration,
} = ts;

/** Image files by extension: their bytes, read without an encoding, are request images. */
const IMAGE_FILE = /\.(png|jpe?g|gif|webp)$/i;

/** The files one TypeScript file reads prompts and images from (see the file's header). */
export class TsFiles {
  constructor(private readonly cx: TsFile) {}

  /**
   * `await client.files.create({ file: fs.createReadStream('batch.jsonl'), purpose: 'batch' })` on an
   * SDK client (directly or through a const): the file it uploads.
   */
  uploadedFile(e: ts.Expression, depth: number): PromptFileRef | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const node = skipAwait(e);
    if (isIdentifier(node)) {
      const symbol = this.cx.checker.getSymbolAtLocation(node);
      const decl = symbol?.valueDeclaration;
      return decl && isVariableDeclaration(decl) && decl.initializer && this.cx.bindings.assignedTo(symbol!).length === 0 ? this.uploadedFile(decl.initializer, depth + 1) : undefined;
    }
    if (!isCallExpression(node) || !isPropertyAccessExpression(node.expression) || node.expression.name.text !== 'create') return undefined;
    const files = asClient(this.cx.ev.sym(node.expression.expression));
    if (!files || files.path.join('.') !== 'files') return undefined;
    const opts = node.arguments[0] && isObjectLiteralExpression(skipOuter(node.arguments[0])) ? (skipOuter(node.arguments[0]) as ts.ObjectLiteralExpression) : undefined;
    const prop = opts?.properties.find((p): p is ts.PropertyAssignment => isPropertyAssignment(p) && propertyKey(p.name) === 'file');
    if (!prop) return undefined;
    // `fs.createReadStream(p)`, also wrapped: `await toFile(fs.createReadStream(p), ...)`.
    let f = skipAwait(prop.initializer);
    if (isCallExpression(f) && /(^|\.)toFile$/.test(f.expression.getText(this.cx.sf)) && f.arguments[0]) f = skipAwait(f.arguments[0]);
    if (isCallExpression(f) && /(^|\.)createReadStream$/.test(f.expression.getText(this.cx.sf)) && f.arguments[0]) return this.pathOf(f.arguments[0], depth + 1);
    return undefined;
  }

  /**
   * A prompt read from a file at run time: `fs.readFileSync(path.join(__dirname, 'p.md'), 'utf8')`,
   * `await readFile(new URL('./p.md', import.meta.url), 'utf8')`, `readFileSync(p).toString()`.
   */
  fileRead(node: ts.CallExpression, callee: ts.Expression, span: Span, text: string): Val | undefined {
    let call = node;
    let name = callee.getText(this.cx.sf);
    // readFileSync(p).toString(), readFileSync(p).toString('base64'), (await readFile(p)).toString('base64')
    let encoding: string | undefined;
    if (isPropertyAccessExpression(callee) && callee.name.text === 'toString' && isCallExpression(skipOuter(skipAwait(callee.expression)))) {
      call = skipOuter(skipAwait(callee.expression)) as ts.CallExpression;
      name = call.expression.getText(this.cx.sf);
      encoding = node.arguments[0] ? staticString(this.cx.values.val(node.arguments[0])) : 'utf8';
    } else if (!node.arguments[1]) {
      // Without an encoding, readFile returns bytes: an image when the path names one (the AI SDK's
      // `{ type: 'image', image: fs.readFileSync('cat.png') }`), else nothing known.
      if (!/^(fs\.|fsp\.|fs\.promises\.|promises\.)?(readFileSync|readFile)$/.test(name)) return undefined;
      const ref = node.arguments[0] ? this.pathOf(node.arguments[0], 0) : undefined;
      return ref && (ref.param || IMAGE_FILE.test(ref.path)) ? imageDataVal(this.cx.ctx, ref, span, text) : undefined;
    } else {
      const opt = this.cx.values.val(node.arguments[1]);
      encoding = opt.kind === 'obj' ? staticString(opt.props.get('encoding')) : staticString(opt);
    }
    if (!/^(fs\.|fsp\.|fs\.promises\.|promises\.)?(readFileSync|readFile)$|^Deno\.readTextFile(Sync)?$/.test(name)) return undefined;
    const ref = call.arguments[0] ? this.pathOf(call.arguments[0], 0) : undefined;
    if (!ref) return undefined;
    // Base64 of a file's bytes is an image (or a document) sent as data, never prompt text.
    if (encoding === 'base64') return imageDataVal(this.cx.ctx, ref, span, text);
    return promptFileVal(this.cx.ctx, ref, span, text);
  }

  /** A path expression: literals, `__dirname`, `path.join/resolve`, `new URL(..., import.meta.url)`, `process.cwd()`. */
  private pathOf(node: ts.Expression, depth: number): PromptFileRef | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const e = skipOuter(node);
    const t = e.getText(this.cx.sf);
    if (t === '__dirname' || t === 'import.meta.dirname') return { path: '', base: 'file' };
    if (t === '__filename' || t === 'import.meta.url' || t === 'import.meta.filename') return { path: FILE_MARK, base: 'file' };
    if (t === 'process.cwd()') return { path: '', base: 'root' };
    if (isStringLiteralLike(e)) return { path: e.text, base: 'root' };
    if (isIdentifier(e)) {
      const decl = this.cx.checker.getSymbolAtLocation(e)?.valueDeclaration;
      if (decl && isVariableDeclaration(decl) && decl.initializer) return this.pathOf(decl.initializer, depth + 1);
      // A parameter without a default: the path its callers pass (see `withArguments`).
      if (decl && isParameter(decl) && !decl.initializer && isIdentifier(decl.name)) return { path: '', base: 'root', param: decl.name.text };
      const v = staticString(this.cx.values.val(e));
      return v !== undefined ? { path: v, base: 'root' } : undefined;
    }
    if (isNewExpression(e) && e.expression.getText(this.cx.sf) === 'URL' && e.arguments?.[0] && e.arguments[1]) {
      const rel = staticString(this.cx.values.val(e.arguments[0]));
      const base = this.pathOf(e.arguments[1], depth + 1);
      return rel !== undefined && base?.path === FILE_MARK ? { path: rel, base: 'file' } : undefined;
    }
    if (isCallExpression(e)) {
      const fn = e.expression.getText(this.cx.sf);
      const args = e.arguments;
      if (/^(fileURLToPath|url\.fileURLToPath)$/.test(fn) && args[0]) return this.pathOf(args[0], depth + 1);
      if (/^(path\.)?dirname$/.test(fn) && args[0]) {
        const p = this.pathOf(args[0], depth + 1);
        return p ? parentOf(p) : undefined;
      }
      if (/^(path\.)?(join|resolve)$/.test(fn) && args[0]) {
        const first = this.pathOf(args[0], depth + 1);
        const rest = args.slice(1).map((a) => staticString(this.cx.values.val(a)));
        return first && rest.every((x) => x !== undefined) ? joinRef(first, rest as string[]) : undefined;
      }
    }
    return undefined;
  }
}
