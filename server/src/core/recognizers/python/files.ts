// The Python recognizer's file layer: prompts and images read from files at run time
// (`open(p).read()`, `Path(p).read_text()`, `base64.b64encode(...)`, uploads), for the host to
// read within the workspace. Their paths (`Path(__file__).parent / "x.md"`, `os.path.join`) are
// the evaluator's (`Evaluator.pathOf`, from the runtime catalogue's path entries).
import type { Node } from 'web-tree-sitter';
import type { Span } from '../../types';
import type { PromptFileRef } from '../../workspace';
import { imageDataVal, promptFileVal } from '../strings';
import { asClient } from '../symbols';
import { staticString, type Val } from '../values';
import type { PythonFile } from './index';
import { MAX_DEPTH } from './syntax';

/** The files one Python file reads prompts and images from (see the file's header). */
export class PyFiles {
  constructor(private readonly cx: PythonFile) {}

  /**
   * A prompt read from a file at run time: `open("prompts/x.md").read()`, `f.read()` in
   * `with open(...) as f`, `Path(__file__).parent / "x.md"` then `.read_text()`. The host reads it,
   * within the workspace only; otherwise the prompt is a hole saying why.
   */
  fileRead(fn: Node, span: Span, text: string, depth: number): Val | undefined {
    if (fn.type !== 'attribute') return undefined;
    const method = fn.childForFieldName('attribute')?.text;
    let obj = fn.childForFieldName('object');
    if (method !== 'read' && method !== 'read_text') return undefined;
    if (method === 'read' && obj?.type === 'identifier') {
      const b = this.cx.bindings.lookup(obj.text, obj)?.bindings;
      obj = b?.length === 1 && b[0].kind === 'value' ? b[0].node : null;
    }
    let ref: PromptFileRef | undefined;
    if (method === 'read') {
      const call = obj?.type === 'call' ? obj : null;
      const callee = call?.childForFieldName('function')?.text;
      const arg = call?.childForFieldName('arguments')?.namedChildren.find((a) => a.type !== 'keyword_argument' && a.type !== 'comment');
      if ((callee === 'open' || callee === 'io.open' || callee === 'codecs.open') && arg && !this.binaryOpen(call!)) ref = this.cx.ev.pathOf(arg, depth);
    } else if (obj) ref = this.cx.ev.pathOf(obj, depth);
    if (!ref) return undefined;
    return promptFileVal(this.cx.ctx, ref, span, text);
  }

  /** `open(p, "rb")`: bytes, not text. */
  private binaryOpen(call: Node): boolean {
    const args = call.childForFieldName('arguments')?.namedChildren ?? [];
    const kw = args.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'mode')?.childForFieldName('value');
    const mode = kw ?? args.filter((a) => a.type !== 'keyword_argument' && a.type !== 'comment')[1];
    return mode ? (staticString(this.cx.values.val(mode)) ?? '').includes('b') : false;
  }

  /**
   * An image file's bytes as request data: `base64.b64encode(open(p, "rb").read()).decode()`,
   * `base64.b64encode(Path(p).read_bytes())`, and the bytes themselves (`Part.from_bytes(data=...)`).
   */
  imageData(fn: Node, positional: Node[], span: Span, text: string, depth: number): Val | undefined {
    const name = fn.text;
    if (fn.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'decode') {
      const obj = fn.childForFieldName('object');
      const inner = obj?.type === 'call' ? this.cx.values.val(obj, depth) : undefined;
      return inner?.kind === 'str' && inner.parts.some((p) => 'image' in p && p.image) ? { ...inner, span, text } : undefined;
    }
    if (!/^(base64\.)?(b64encode|standard_b64encode)$/.test(name) || !positional[0]) return undefined;
    const ref = this.bytesFileOf(positional[0], depth);
    return ref ? imageDataVal(this.cx.ctx, ref, span, text) : undefined;
  }

  /**
   * `client.files.create(file=open("batch.jsonl", "rb"), purpose="batch")` on an SDK client
   * (directly or through a name): the file it uploads.
   */
  uploadedFile(node: Node, depth: number): PromptFileRef | undefined {
    if (depth > MAX_DEPTH) return undefined;
    if (node.type === 'identifier') {
      const b = this.cx.bindings.lookup(node.text, node)?.bindings;
      return b?.length === 1 && b[0].kind === 'value' ? this.uploadedFile(b[0].node, depth + 1) : undefined;
    }
    if (node.type === 'await') return node.namedChildren[0] ? this.uploadedFile(node.namedChildren[0], depth + 1) : undefined;
    if (node.type !== 'call') return undefined;
    const fn = node.childForFieldName('function');
    if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'create') return undefined;
    const files = asClient(this.cx.ev.sym(fn.childForFieldName('object')));
    if (!files || files.path.join('.') !== 'files') return undefined;
    const fileArg = node
      .childForFieldName('arguments')
      ?.namedChildren.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'file')
      ?.childForFieldName('value');
    if (!fileArg) return undefined;
    // `open(p, "rb")`, `Path(p)`, or `Path(p).open("rb")`.
    if (fileArg.type === 'call') {
      const callee = fileArg.childForFieldName('function');
      const first = fileArg.childForFieldName('arguments')?.namedChildren.find((a) => a.type !== 'keyword_argument' && a.type !== 'comment');
      if ((callee?.text === 'open' || callee?.text === 'io.open') && first) return this.cx.ev.pathOf(first, depth + 1);
      if (callee?.type === 'attribute' && callee.childForFieldName('attribute')?.text === 'open')
        return this.cx.ev.pathOf(callee.childForFieldName('object')!, depth + 1);
    }
    return this.cx.ev.pathOf(fileArg, depth + 1);
  }

  /** The file whose bytes an expression is: `open(p, "rb").read()`, `Path(p).read_bytes()`, or a name bound to one. */
  bytesFileOf(node: Node, depth: number): PromptFileRef | undefined {
    if (depth > MAX_DEPTH) return undefined;
    if (node.type === 'identifier') {
      const b = this.cx.bindings.lookup(node.text, node)?.bindings;
      return b?.length === 1 && b[0].kind === 'value' ? this.bytesFileOf(b[0].node, depth + 1) : undefined;
    }
    if (node.type !== 'call') return undefined;
    const fn = node.childForFieldName('function');
    if (fn?.type !== 'attribute') return undefined;
    const method = fn.childForFieldName('attribute')?.text;
    let obj = fn.childForFieldName('object');
    if (method === 'read_bytes' && obj) return this.cx.ev.pathOf(obj, depth + 1);
    if (method !== 'read') return undefined;
    if (obj?.type === 'identifier') {
      // `with open(p, "rb") as f: data = f.read()`
      const b = this.cx.bindings.lookup(obj.text, obj)?.bindings;
      obj = b?.length === 1 && b[0].kind === 'value' ? b[0].node : null;
    }
    const callee = obj?.type === 'call' ? obj.childForFieldName('function')?.text : undefined;
    const arg = obj?.childForFieldName('arguments')?.namedChildren.find((a) => a.type !== 'keyword_argument' && a.type !== 'comment');
    return (callee === 'open' || callee === 'io.open') && arg && this.binaryOpen(obj!) ? this.cx.ev.pathOf(arg, depth + 1) : undefined;
  }
}
