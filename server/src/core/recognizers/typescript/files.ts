// The TypeScript recognizer's file layer: prompts and images read from files at run time
// (`fs.readFileSync(p, 'utf8')`, uploads), for the host to read within the workspace. Their paths
// (`path.join(__dirname, 'x.md')`, `new URL('./x.md', import.meta.url)`) are the evaluator's
// (`Evaluator.pathOf`, from the runtime catalogue's path entries).
import ts from 'typescript';
import type { Span } from '../../types';
import { asClient } from '../symbols';
import { imageDataVal, promptFileVal } from '../strings';
import type { PromptFileRef } from '../../workspace';
import { staticString, type Val } from '../values';
import { MAX_DEPTH, propertyKey, skipAwait, skipOuter } from './syntax';
import type { TsFile } from './index';

// TypeScript's API object has over 2,000 properties, which V8 keeps in dictionary mode: every
// `ts.isX(...)` is a hash lookup, and the passes make them on every node. They use copies.
const { isCallExpression, isIdentifier, isObjectLiteralExpression, isPropertyAccessExpression, isPropertyAssignment, isVariableDeclaration } = ts;

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
      return decl && isVariableDeclaration(decl) && decl.initializer && this.cx.bindings.assignedTo(symbol).length === 0
        ? this.uploadedFile(decl.initializer, depth + 1)
        : undefined;
    }
    if (!isCallExpression(node) || !isPropertyAccessExpression(node.expression) || node.expression.name.text !== 'create') return undefined;
    const files = asClient(this.cx.ev.sym(node.expression.expression));
    if (!files || files.path.join('.') !== 'files') return undefined;
    const opts =
      node.arguments[0] && isObjectLiteralExpression(skipOuter(node.arguments[0])) ? (skipOuter(node.arguments[0]) as ts.ObjectLiteralExpression) : undefined;
    const prop = opts?.properties.find((p): p is ts.PropertyAssignment => isPropertyAssignment(p) && propertyKey(p.name) === 'file');
    if (!prop) return undefined;
    // `fs.createReadStream(p)`, also wrapped: `await toFile(fs.createReadStream(p), ...)`.
    let f = skipAwait(prop.initializer);
    if (isCallExpression(f) && /(^|\.)toFile$/.test(f.expression.getText(this.cx.sf)) && f.arguments[0]) f = skipAwait(f.arguments[0]);
    if (isCallExpression(f) && /(^|\.)createReadStream$/.test(f.expression.getText(this.cx.sf)) && f.arguments[0])
      return this.cx.ev.pathOf(f.arguments[0], depth + 1);
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
      const ref = node.arguments[0] ? this.cx.ev.pathOf(node.arguments[0], 0) : undefined;
      return ref && (ref.param || IMAGE_FILE.test(ref.path)) ? imageDataVal(this.cx.ctx, ref, span, text) : undefined;
    } else {
      const opt = this.cx.values.val(node.arguments[1]);
      encoding = opt.kind === 'obj' ? staticString(opt.props.get('encoding')) : staticString(opt);
    }
    if (!/^(fs\.|fsp\.|fs\.promises\.|promises\.)?(readFileSync|readFile)$|^Deno\.readTextFile(Sync)?$/.test(name)) return undefined;
    const ref = call.arguments[0] ? this.cx.ev.pathOf(call.arguments[0], 0) : undefined;
    if (!ref) return undefined;
    // Base64 of a file's bytes is an image (or a document) sent as data, never prompt text.
    if (encoding === 'base64') return imageDataVal(this.cx.ctx, ref, span, text);
    return promptFileVal(this.cx.ctx, ref, span, text);
  }
}
