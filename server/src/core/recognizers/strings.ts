// String operations a prompt is built with, applied to evaluated strings whose dynamic parts
// (holes) stay named: `.format(...)`, `%`, `join`, `dedent`, `strip`/`trim`. Language-neutral;
// each recognizer maps its syntax onto these.
import type { ImportContext, PromptFileRef } from '../workspace';
import { mergeParts, staticString, type StrPart, type Val } from './values';

type Str = Extract<Val, { kind: 'str' }>;

/** Private-use characters stand in for holes while a transformation runs over the text. */
const HOLE = 0xe000;

type Hole = Extract<StrPart, { hole: string }>;

/** The text with each hole as one marker character; the holes themselves (their images and files too) kept aside. */
function toMarked(parts: StrPart[]): { text: string; holes: Hole[] } {
  const holes: Hole[] = [];
  let text = '';
  for (const p of parts) {
    if ('text' in p) text += p.text;
    else {
      text += String.fromCharCode(HOLE + Math.min(holes.length, 0x17ff));
      holes.push(p);
    }
  }
  return { text, holes };
}

function fromMarked(text: string, holes: Hole[]): StrPart[] {
  const parts: StrPart[] = [];
  let buf = '';
  for (const ch of text) {
    const c = ch.charCodeAt(0);
    if (c >= HOLE && c < HOLE + 0x1800 && c - HOLE < holes.length) {
      if (buf) parts.push({ text: buf });
      buf = '';
      parts.push(holes[c - HOLE]);
    } else buf += ch;
  }
  if (buf) parts.push({ text: buf });
  return mergeParts(parts);
}

/** Applies a text transformation to a string, keeping its holes where they were. */
export function mapText(v: Str, f: (s: string) => string, span: Val['span'], text: string): Str {
  const { text: marked, holes } = toMarked(v.parts);
  return { kind: 'str', parts: fromMarked(f(marked), holes), span, text };
}

/** textwrap.dedent / `dedent` packages: removes the common leading whitespace of the lines. */
export function dedent(s: string): string {
  const lines = s.split('\n');
  let common: string | null = null;
  for (const line of lines) {
    if (!line.trim()) continue;
    const indent = /^[ \t]*/.exec(line)![0];
    if (common === null || !indent.startsWith(common)) {
      let i = 0;
      const c: string = common ?? indent;
      while (i < c.length && i < indent.length && c[i] === indent[i]) i++;
      common = common === null ? indent : c.slice(0, i);
    }
  }
  return common ? lines.map((l) => (l.startsWith(common) ? l.slice(common.length) : l.trim() ? l : '')).join('\n') : s;
}

/** The JS dedent packages (dedent, ts-dedent, outdent): also drop the blank first and last lines. */
export function jsDedent(s: string): string {
  return dedent(s)
    .replace(/^[ \t]*\n/, '')
    .replace(/\n[ \t]*$/, '');
}

/** inspect.cleandoc: dedent, without leading and trailing blank lines. */
export function cleandoc(s: string): string {
  const lines = s.split('\n');
  const first = lines.shift() ?? '';
  return [first.trimStart(), ...dedent(lines.join('\n')).split('\n')].join('\n').replace(/^\n+|\n+$/g, '');
}

/** The indentation rules a dedenting function follows (`RuntimeSpec.dedenters`), by name. */
export const DEDENT_STYLES: Record<'textwrap' | 'cleandoc' | 'js', (s: string) => string> = { textwrap: dedent, cleandoc, js: jsDedent };

/** The text of a value used inside another string: its parts, or one hole named after it. */
export function partsOf(v: Val): StrPart[] {
  if (v.kind === 'str') return v.parts;
  if (v.kind === 'num') return [{ text: String(v.value) }];
  if (v.kind === 'bool') return [{ text: v.value ? 'True' : 'False' }];
  return [{ hole: v.text }];
}

/**
 * Python `str.format`: `{}`, `{0}`, `{name}`, `{name!r:>10}` replaced by the arguments' values;
 * `{{`/`}}` are literal braces. A field without a matching argument becomes a hole named after it.
 */
export function pyFormat(template: Str, positional: Val[], named: Map<string, Val>, span: Val['span'], text: string): Str {
  const out: StrPart[] = [];
  let auto = 0;
  for (const p of template.parts) {
    if ('hole' in p) {
      out.push(p);
      continue;
    }
    const re = /\{\{|\}\}|\{([^{}]*)\}/g;
    let last = 0;
    for (let m = re.exec(p.text); m; m = re.exec(p.text)) {
      out.push({ text: p.text.slice(last, m.index) });
      last = m.index + m[0].length;
      if (m[0] === '{{' || m[0] === '}}') {
        out.push({ text: m[0][0] });
        continue;
      }
      const field = m[1].split(/[!:]/)[0].trim();
      const spec = m[1].slice(field.length);
      const head = field.split(/[.[]/)[0];
      let v: Val | undefined;
      if (field === '') v = positional[auto++];
      else if (/^\d+$/.test(head)) v = positional[Number(head)];
      else v = named.get(head);
      // Attribute/index access and format specs change the text: the field is a hole then.
      if (v && field === head && !/[:]./.test(spec)) out.push(...partsOf(v));
      else out.push({ hole: v ? v.text : field || m[0] });
    }
    out.push({ text: p.text.slice(last) });
  }
  return { kind: 'str', parts: mergeParts(out.filter((x) => !('text' in x) || x.text)), span, text };
}

/**
 * `template % args` (Python, Ruby): printf formatting from a tuple or list, a single value, or a
 * dict or hash by name (`%(name)s`, `%<name>s`, `%{name}`).
 */
export function percentFormat(template: Str, args: Val, span: Val['span'], text: string): Str {
  return printf(template, args.kind === 'list' ? args.items : args.kind === 'obj' ? [] : [args], args.kind === 'obj' ? args.props : new Map(), span, text);
}

/**
 * printf formatting: Python's `%`, Go's `fmt.Sprintf` (`%v`, `%+v`, `%[1]s`), Java's `String.format`
 * (`%n`, `%1$s`), PHP's `sprintf` (`%1$s`, `%'05d`), Ruby's `format` (`%<name>s`, `%{name}`).
 * Each conversion is its argument's value (the next one, the one it numbers or names); a
 * conversion without an argument is a hole named after it. `%%` is `%`, `%n` a newline.
 */
export function printf(template: Str, positional: Val[], named: ReadonlyMap<string, Val>, span: Val['span'], text: string): Str {
  const out: StrPart[] = [];
  let i = 0;
  for (const p of template.parts) {
    if ('hole' in p) {
      out.push(p);
      continue;
    }
    const re = /%%|%n|%(?:(\d+)\$|\(([^)]*)\)|<(\w+)>)?[-+ #0,]*(?:'.)?(?:\[(\d+)\])?(?:\d+|\*)?(?:\.\d+)?[a-zA-Z]|%\{(\w+)\}/g;
    let last = 0;
    for (let m = re.exec(p.text); m; m = re.exec(p.text)) {
      out.push({ text: p.text.slice(last, m.index) });
      last = m.index + m[0].length;
      if (m[0] === '%%' || m[0] === '%n') {
        out.push({ text: m[0] === '%%' ? '%' : '\n' });
        continue;
      }
      const name = m[2] ?? m[3] ?? m[5];
      // Go's `%[2]s` takes the second argument, and the next conversion the third.
      if (m[4] !== undefined) i = Number(m[4]) - 1;
      const v = name !== undefined ? named.get(name) : m[1] !== undefined ? positional[Number(m[1]) - 1] : positional[i++];
      out.push(...(v ? partsOf(v) : [{ hole: name ?? m[0] }]));
    }
    out.push({ text: p.text.slice(last) });
  }
  return { kind: 'str', parts: mergeParts(out.filter((x) => !('text' in x) || x.text)), span, text };
}

/**
 * .NET composite formatting (`string.Format("{0} of {1,5}", a, b)`): each item is its argument's
 * value, padding aside; one with a format string (`{0:N2}`) changes its text, a hole then.
 * `{{` and `}}` are braces.
 */
export function dotnetFormat(template: Str, positional: Val[], span: Val['span'], text: string): Str {
  const out: StrPart[] = [];
  for (const p of template.parts) {
    if ('hole' in p) {
      out.push(p);
      continue;
    }
    const re = /\{\{|\}\}|\{(\d+)\s*(,\s*-?\d+\s*)?(:[^}]*)?\}/g;
    let last = 0;
    for (let m = re.exec(p.text); m; m = re.exec(p.text)) {
      out.push({ text: p.text.slice(last, m.index) });
      last = m.index + m[0].length;
      if (m[0] === '{{' || m[0] === '}}') {
        out.push({ text: m[0][0] });
        continue;
      }
      const v = positional[Number(m[1])];
      out.push(...(v && !m[3] ? partsOf(v) : [{ hole: v ? v.text : m[0] }]));
    }
    out.push({ text: p.text.slice(last) });
  }
  return { kind: 'str', parts: mergeParts(out.filter((x) => !('text' in x) || x.text)), span, text };
}

/** `sep.join(items)` / `items.join(sep)`: the items' texts with the separator; unknown items are holes. */
export function joinVals(sep: Str, items: Val[], open: string[], span: Val['span'], text: string): Str {
  const out: StrPart[] = [];
  items.forEach((item, i) => {
    if (i > 0) out.push(...sep.parts);
    out.push(...partsOf(item));
  });
  for (const o of open) {
    if (out.length) out.push(...sep.parts);
    out.push({ hole: o });
  }
  return { kind: 'str', parts: mergeParts(out), span, text };
}

/** Stands for the analyzed file itself in a path (`__file__`); its parent is the file's folder. */
export const FILE_MARK = '\u0000file';

export function parentOf(ref: PromptFileRef): PromptFileRef {
  if (ref.param) return { path: FILE_MARK, base: 'file' }; // a parameter's folder: not known here
  if (ref.path === FILE_MARK) return { path: '', base: 'file' };
  return { ...ref, path: ref.path ? `${ref.path}/..` : '..' };
}

export function joinRef(ref: PromptFileRef, segs: string[]): PromptFileRef {
  if (!segs.length) return ref;
  if (ref.param) return { path: FILE_MARK, base: 'file' }; // below a parameter's path: not known here
  // An absolute segment replaces what came before, as os.path.join and Path do.
  let path = ref.path === FILE_MARK ? '' : ref.path;
  let base = ref.base;
  for (const s of segs) {
    if (s.startsWith('/')) {
      path = s;
      base = 'root';
    } else path = path ? `${path}/${s}` : s;
  }
  return { path, base };
}

/** The text of a prompt file read at run time, or a hole naming the file and why it was not read. */
export function promptFileVal(ctx: ImportContext | undefined, ref: PromptFileRef, span: Val['span'], text: string): Val {
  // The path a parameter names: read where the function is called with one known (`withArguments`).
  if (ref.param && ref.path === '') return { kind: 'str', parts: [{ hole: text, fileParam: ref.param }], span, text };
  if (ref.path === FILE_MARK || ref.param) return { kind: 'str', parts: [{ hole: text }], span, text };
  const r = ctx?.promptFile?.(ref);
  if (r && 'text' in r) return { kind: 'str', parts: r.text ? [{ text: r.text }] : [], span, text };
  const why = r ? r.error : 'prompt files are read only when analyzing inside a workspace';
  return { kind: 'str', parts: [{ hole: `contents of ${ref.path} (${why})` }], span, text };
}

/** Fills a template's holes named after variables with the static values given for them. */
export function fillTemplate(v: Val, values: ReadonlyMap<string, Val>): Val {
  switch (v.kind) {
    case 'str': {
      const parts: StrPart[] = [];
      for (const p of v.parts) {
        const given = 'hole' in p ? values.get(p.hole) : undefined;
        if (given && given.kind !== 'unknown') parts.push(...partsOf(given));
        else parts.push(p);
      }
      return { ...v, parts: mergeParts(parts) };
    }
    case 'list':
      return { ...v, items: v.items.map((x) => fillTemplate(x, values)) };
    case 'obj': {
      const props = new Map<string, Val>();
      for (const [k, x] of v.props) props.set(k, fillTemplate(x, values));
      return { ...v, props };
    }
    default:
      return v;
  }
}

/** LangChain's default template format: `{var}` fields become holes named `var`; `{{`/`}}` are braces. */
export function langchainTemplate(s: Val, span: Val['span'], text: string): Val {
  if (s.kind !== 'str') return s;
  return { ...pyFormat(s, [], new Map(), span, text), template: true };
}

/** A template message `{role, content}`; LangChain's `human`/`ai` roles are the API's `user`/`assistant`. */
export function templateMessage(role: string, content: Val): Val {
  const r = role === 'human' ? 'user' : role === 'ai' ? 'assistant' : role;
  return {
    kind: 'obj',
    props: new Map<string, Val>([
      ['role', { kind: 'str', parts: [{ text: r }], span: content.span, text: r }],
      ['content', content],
    ]),
    open: [],
    node: null,
    span: content.span,
    text: content.text,
  };
}

/**
 * An image file's bytes, base64-encoded for a request (`base64.b64encode(open(p, "rb").read())`,
 * `fs.readFileSync(p, 'base64')`): a dynamic part that knows the image's pixel size when the host
 * could read the file's header inside the workspace.
 */
export function imageDataVal(ctx: ImportContext | undefined, ref: PromptFileRef, span: Val['span'], text: string): Val {
  if (ref.param)
    return {
      kind: 'str',
      parts: [{ hole: `image ${ref.param}`, image: { path: ref.param, param: ref.param, error: `the path is the parameter \`${ref.param}\`` } }],
      span,
      text,
    };
  if (ref.path === FILE_MARK) return { kind: 'str', parts: [{ hole: text, image: { path: text, error: 'its path is not known statically' } }], span, text };
  const r = ctx?.imageSize?.(ref);
  const image =
    r && 'width' in r
      ? { path: ref.path, width: r.width, height: r.height }
      : { path: ref.path, error: r ? r.error : 'image files are read only when analyzing inside a workspace' };
  return { kind: 'str', parts: [{ hole: `image ${ref.path}`, image }], span, text };
}

/** The id of a file uploaded for a batch: a dynamic string that carries the file's text for the batch's pricing. */
export function uploadedFileVal(ctx: ImportContext | undefined, ref: PromptFileRef, span: Val['span'], text: string): Val {
  const unknownPath = ref.path === FILE_MARK || ref.param;
  const r = unknownPath ? undefined : ctx?.promptFile?.(ref);
  const uploaded =
    r && 'text' in r
      ? { path: ref.path, text: r.text }
      : { path: ref.path, error: unknownPath ? 'its path is not known statically' : r ? r.error : 'files are read only when analyzing inside a workspace' };
  return { kind: 'str', parts: [{ hole: text }], span, text, uploaded };
}

/**
 * A helper's returned value at one of its calls: holes named after its parameters filled with the
 * static arguments (`build_prompt("colors")`), and files and images whose path is a parameter read
 * from the path given (`load_prompt("prompts/system.md")`, `encode_image("chart.png")`).
 */
export function withArguments(ctx: ImportContext | undefined, v: Val, args: ReadonlyMap<string, Val>): Val {
  if (args.size === 0) return v;
  const filled = fillTemplate(v, args);
  const fix = (x: Val): Val => {
    if (x.kind === 'str') {
      if (!x.parts.some((p) => 'hole' in p && (p.image?.param || p.fileParam))) return x;
      const parts = x.parts.flatMap((p): StrPart[] => {
        // The file a parameter names, called with a path known statically: its text.
        const fileParam = 'hole' in p ? p.fileParam : undefined;
        const given = fileParam !== undefined ? args.get(fileParam) : undefined;
        if (given) {
          const file = staticString(given);
          if (file === undefined) return [{ hole: `contents of ${given.text} (its path is not known statically)` }];
          const read = promptFileVal(ctx, { path: file, base: 'root' }, x.span, x.text);
          return read.kind === 'str' ? read.parts : [p];
        }
        const param = 'image' in p ? p.image?.param : undefined;
        const arg = param ? args.get(param) : undefined;
        if (!param || !arg) return [p];
        const path = staticString(arg);
        if (path === undefined) return [{ hole: `image ${arg.text}`, image: { path: arg.text, error: `its path \`${arg.text}\` is not known statically` } }];
        const img = imageDataVal(ctx, { path, base: 'root' }, x.span, x.text);
        return img.kind === 'str' ? [img.parts[0]] : [p];
      });
      return { ...x, parts: mergeParts(parts) };
    }
    if (x.kind === 'list') return { ...x, items: x.items.map(fix) };
    if (x.kind === 'obj') {
      const props = new Map<string, Val>();
      for (const [k, i] of x.props) props.set(k, fix(i));
      return { ...x, props };
    }
    return x;
  };
  return fix(filled);
}
