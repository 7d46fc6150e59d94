// Prompt template files as call sites: a Prompty or Dotprompt file says which model it calls,
// with which parameters, and what it sends. Its front matter (YAML, read with `yaml`) gives the
// model and the cap; its body gives the messages, with `{{variables}}` filled from the front
// matter's sample inputs (Prompty `sample:`, Dotprompt `input.default`) or left as named holes.
// Fixes edit the front matter in place.
import { isMap, parseDocument, type Document, type YAMLMap } from 'yaml';
import type { Span } from './types';
import { mergeParts, NO_EDITS, staticString, type ObjVal, type RawCall, type StrPart, type Val } from './recognizers/values';
import { eolAt, type Edit, type Lit } from './writers/lit';
import { fillTemplate, FILE_MARK } from './recognizers/strings';
import type { ImportContext, PromptFileRef } from './workspace';
import { dotprompt, prompty } from './catalogue/promptfiles';

/** The front matter: after blank lines and `#` comment lines (a license header), as Dotprompt's parser allows, between `---` lines. */
/** Prompty's cap keys: Prompty 1's `parameters` (snake_case), Prompty 2's `options` (camelCase). */
const PROMPTY_CAPS = ['max_tokens', 'max_completion_tokens', 'maxOutputTokens', 'maxTokens'] as const;

const FRONT_MATTER = /^(?:(?:#[^\r\n]*|[ \t]*)\r?\n)*---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(\r?\n|$)/d;

/** Where an insertion goes: a YAML map by its key path in the front matter. */
interface YamlTarget {
  path: string[];
}

/**
 * The call a prompt file describes, or null when it has no front matter to read. `bodyOnly`: a
 * file without front matter is a body alone (Genkit allows it; the model then comes from the code).
 */
export function promptFileCall(text: string, bodyOnly = false): { raw: RawCall; notes: string[] } | { error: string } | null {
  // A byte-order mark before the front matter (editors on Windows write one) is not part of it.
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const m = FRONT_MATTER.exec(bom ? text.slice(1) : text);
  if (!m && !bodyOnly) return null;
  const fmStart = m ? bom + m.indices![1][0] : 0;
  const fmText = m ? m[1] : '';
  const bodyStart = m ? bom + m.index + m[0].length : 0;
  const doc = parseDocument(fmText, { keepSourceTokens: true });
  if (doc.errors.length) {
    // Where the YAML is broken, in the file's own lines (the front matter starts after `---`).
    const e = doc.errors[0];
    const line = text.slice(0, fmStart + (e.pos?.[0] ?? 0)).split('\n').length;
    return { error: `the front matter is not valid YAML at line ${line}: ${e.message.split('\n')[0]}` };
  }
  const fm = (doc.toJS() ?? {}) as Record<string, unknown>;
  const body = text.slice(bodyStart);
  const notes: string[] = [];
  const span = (r: [number, number, number?] | undefined, fallback: Span): Span => (r ? { start: fmStart + r[0], end: fmStart + r[1] } : fallback);
  const fileStart: Span = { start: 0, end: Math.min(3, text.length) };
  const str = (s: string, sp: Span): Val => ({ kind: 'str', parts: [{ text: s }], span: sp, text: s });
  const num = (n: number, sp: Span): Val => ({ kind: 'num', value: n, span: sp, text: String(n) });
  const obj = (props: Map<string, Val>, sp: Span, target: YamlTarget): ObjVal => ({ kind: 'obj', props, open: [], node: target, span: sp, text: '' });

  const isPrompty = typeof fm.model === 'object' && fm.model !== null;
  let nested = false;
  const props = new Map<string, Val>();
  let modelSpan = fileStart;
  let target: YamlTarget;
  let values: Record<string, unknown>;
  if (isPrompty) {
    // Prompty 1: `model: {configuration: {azure_deployment|name|model}, parameters: {max_tokens}}`; the nested
    // form of Prompty 2: `model: {id, options: {maxOutputTokens}}`, its options spelled in camelCase.
    const model = fm.model as {
      id?: unknown;
      configuration?: Record<string, unknown>;
      parameters?: Record<string, unknown>;
      options?: Record<string, unknown>;
    };
    const cfg = model.configuration ?? {};
    const key = ['azure_deployment', 'name', 'model'].find((k) => typeof cfg[k] === 'string');
    if (typeof model.id === 'string') {
      modelSpan = span(nodeRange(doc, ['model', 'id']), fileStart);
      props.set('model', str(model.id, modelSpan));
    } else if (key) {
      modelSpan = span(nodeRange(doc, ['model', 'configuration', key]), fileStart);
      props.set('model', str(cfg[key] as string, modelSpan));
    }
    nested = model.options !== undefined || (typeof model.id === 'string' && model.parameters === undefined);
    const holder = nested ? 'options' : 'parameters';
    const settings = (nested ? model.options : model.parameters) ?? {};
    const capKey = PROMPTY_CAPS.find((k) => typeof settings[k] === 'number');
    if (capKey) props.set(capKey, num(settings[capKey] as number, span(nodeRange(doc, ['model', holder, capKey]), fileStart)));
    target = { path: ['model', holder] };
    values = (fm.sample as Record<string, unknown>) ?? {};
    if (Object.keys(values).length) notes.push("template variables filled from the front matter's sample inputs");
  } else {
    if (typeof fm.model === 'string') {
      modelSpan = span(nodeRange(doc, ['model']), fileStart);
      props.set('model', str(fm.model, modelSpan));
    }
    const config = (fm.config as Record<string, unknown>) ?? undefined;
    if (config && typeof config === 'object') {
      const cprops = new Map<string, Val>();
      for (const [k, v] of Object.entries(config)) {
        const sp = span(nodeRange(doc, ['config', k]), fileStart);
        if (typeof v === 'number') cprops.set(k, num(v, sp));
        else if (typeof v === 'string') cprops.set(k, str(v, sp));
      }
      props.set('config', obj(cprops, span(nodeRange(doc, ['config']), fileStart), { path: ['config'] }));
    }
    target = { path: [] };
    values = ((fm.input as { default?: Record<string, unknown> })?.default as Record<string, unknown>) ?? {};
    if (Object.keys(values).length) notes.push("template variables filled from the front matter's input defaults");
  }
  const bodySpan: Span = { start: bodyStart, end: text.length };
  props.set('messages', { kind: 'list', items: parseBody(body, isPrompty, values, bodySpan), open: [], span: bodySpan, text: body });
  const args = obj(props, { start: 0, end: text.length }, target);
  const raw: RawCall = {
    flavor: isPrompty ? 'python' : 'js',
    ...promptFileOperation(isPrompty, nested),
    clientClass: null,
    endpoint: null,
    span: modelSpan,
    nameSpan: modelSpan,
    args,
    bound: null,
    piped: null,
    loop: null,
    edits: {
      set: (o, name, value) => {
        const written = yamlValue(value);
        const e = written === null ? null : insertYaml(text, fmStart, fmText, doc, (o.node as YamlTarget | null)?.path ?? target.path, name, written);
        return e && [e];
      },
      rename: () => null,
      replace: (v, value) => replaceScalar(text, v, value),
    },
  };
  return { raw, notes };
}

function nodeRange(doc: Document, path: string[]): [number, number, number] | undefined {
  const n = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
  return n?.range;
}

/**
 * The body's messages. Prompty: `system:` / `user:` / `assistant:` lines start a message (text
 * before any is system). Dotprompt: `{{role "system"}}` does (text before any is the user's).
 * `{{var}}` is a hole unless the front matter gives a sample; block tags and comments are dropped.
 */
function parseBody(body: string, prompty: boolean, values: Record<string, unknown>, span: Span): Val[] {
  const cleaned = body
    .replace(/\{#[\s\S]*?#\}/g, '')
    .replace(/\{%[\s\S]*?%\}/g, '')
    .replace(/\{\{!--[\s\S]*?--\}\}|\{\{![\s\S]*?\}\}/g, '')
    .replace(/\{\{[#/][^}]*\}\}|\{\{else\}\}/g, '');
  const marker = prompty ? /^[ \t]*(system|user|assistant|developer)[ \t]*:[ \t]*$/gim : /\{\{\s*role\s+"(system|user|model|assistant)"\s*\}\}/g;
  const chunks: { role: string; text: string }[] = [];
  let last = 0;
  let role = prompty ? 'system' : 'user';
  for (let m = marker.exec(cleaned); m; m = marker.exec(cleaned)) {
    chunks.push({ role, text: cleaned.slice(last, m.index) });
    role = m[1].toLowerCase() === 'model' ? 'assistant' : m[1].toLowerCase();
    last = m.index + m[0].length;
  }
  chunks.push({ role, text: cleaned.slice(last) });
  return chunks
    .map((c) => ({ role: c.role, text: c.text.trim() }))
    .filter((c) => c.text)
    .map((c) => {
      const parts: StrPart[] = [];
      let at = 0;
      const re = /\{\{\s*([\w.]+)[^}]*\}\}/g;
      for (let m = re.exec(c.text); m; m = re.exec(c.text)) {
        parts.push({ text: c.text.slice(at, m.index) });
        const name = m[1];
        const v = name.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), values);
        parts.push(typeof v === 'string' || typeof v === 'number' ? { text: String(v) } : { hole: name });
        at = m.index + m[0].length;
      }
      parts.push({ text: c.text.slice(at) });
      const content: Val = { kind: 'str', parts: mergeParts(parts.filter((p) => !('text' in p) || p.text)), span, text: c.text };
      return {
        kind: 'obj',
        props: new Map<string, Val>([
          ['role', { kind: 'str', parts: [{ text: c.role }], span, text: c.role }],
          ['content', content],
        ]),
        open: [],
        node: null,
        span,
        text: c.text,
      };
    });
}

/** A YAML scalar or flow collection of `lit`: plain where YAML reads it back as the same string, else double-quoted. */
function yamlValue(lit: Lit): string | null {
  switch (lit.kind) {
    case 'num':
      return String(lit.value);
    case 'str':
      return yamlString(lit.value);
    case 'code':
      return null;
    case 'list': {
      const items = lit.items.map(yamlValue);
      return items.some((i) => i === null) ? null : `[${items.join(', ')}]`;
    }
    case 'obj': {
      const values = lit.props.map(([, v]) => yamlValue(v));
      return values.some((v) => v === null) ? null : `{ ${lit.props.map(([k], i) => `${yamlString(k)}: ${values[i]}`).join(', ')} }`;
    }
  }
}

function yamlString(s: string): string {
  const plain = /^[A-Za-z_][\w.\-/@]*$/.test(s) && !/^(true|false|null|yes|no|on|off|y|n|~)$/i.test(s);
  return plain ? s : JSON.stringify(s);
}

/** A scalar of the front matter (a model id, a cap) replaced by another value, a string quoted as YAML needs. */
function replaceScalar(text: string, v: Val, value: Lit): Edit[] | null {
  const source = text.slice(v.span.start, v.span.end);
  if (value.kind === 'num' && v.kind === 'num')
    return /^\d+$/.test(source) && Number.isInteger(value.value) ? [{ span: v.span, newText: String(value.value) }] : null;
  if (value.kind !== 'str' || v.kind !== 'str') return null;
  const current = staticString(v);
  if (current === undefined) return null;
  // Plain, or quoted with nothing escaped: the new value is written the same way (quoted when it must be).
  if (source === current) return [{ span: v.span, newText: yamlString(value.value) }];
  if (source === JSON.stringify(current) || source === `'${current}'`) return [{ span: v.span, newText: JSON.stringify(value.value) }];
  return null;
}

/**
 * Adds `name: value` to the YAML map at `path` in the front matter, on its own line with the
 * map's indentation; creates the map under its parent when it is missing (`parameters:` under
 * `model:`). Flow-style maps (`{a: 1}`) are left alone: no fix.
 */
function insertYaml(
  text: string,
  fmStart: number,
  fmText: string,
  doc: Document,
  path: string[],
  name: string,
  value: string,
): { span: Span; newText: string } | null {
  const nl = eolAt(text, fmStart);
  const lineStart = (offset: number) => fmText.lastIndexOf('\n', offset - 1) + 1;
  const endOfMap = (m: YAMLMap) => {
    const end = m.range?.[2] ?? fmText.length;
    return fmText[end - 1] === '\n' || end === fmText.length ? end : end;
  };
  const at = (offset: number, line: string) => {
    const abs = fmStart + offset;
    // Insert a whole line: after the map's last line.
    const needsNewline = offset > 0 && fmText[offset - 1] !== '\n';
    return { span: { start: abs, end: abs }, newText: `${needsNewline ? nl : ''}${line}${offset >= fmText.length ? '' : nl}` };
  };
  const map = path.length ? doc.getIn(path, true) : doc.contents;
  if (isMap(map)) {
    // A key the map has already (with a value costlint did not read, `config: "x"`): a second one would be invalid YAML.
    if (map.flow || map.has(name)) return null;
    const first = map.items[0]?.key as { range?: [number, number, number] } | undefined;
    const indent = first?.range ? ' '.repeat(first.range[0] - lineStart(first.range[0])) : '';
    const end = endOfMap(map);
    return end >= fmText.length
      ? { span: { start: fmStart + fmText.length, end: fmStart + fmText.length }, newText: `${nl}${indent}${name}: ${value}` }
      : at(end, `${indent}${name}: ${value}`);
  }
  if (map !== undefined && map !== null) return null;
  // The map is missing: create it under its parent.
  const parent = path.length > 1 ? doc.getIn(path.slice(0, -1), true) : doc.contents;
  if (!isMap(parent) || parent.flow) return null;
  const first = parent.items[0]?.key as { range?: [number, number, number] } | undefined;
  const indent = first?.range ? ' '.repeat(first.range[0] - lineStart(first.range[0])) : '';
  const block = `${indent}${path[path.length - 1]}:${nl}${indent}  ${name}: ${value}`;
  const end = endOfMap(parent);
  if (end >= fmText.length) return { span: { start: fmStart + fmText.length, end: fmStart + fmText.length }, newText: `${nl}${block}` };
  return at(end, block);
}

/**
 * Code that runs a prompt file (`prompty.execute("x.prompty", inputs=...)`, Genkit's
 * `ai.prompt('name')(input)`): the call the file describes, at the line that runs it, with the
 * input filling the file's variables and the caller's overrides (`{ config: {...} }`) applied.
 * The file is read through the workspace host; undefined when it cannot be read or has no front
 * matter. Fixes belong in the file, so none is offered here.
 */
export function promptFileRun(
  ctx: ImportContext | undefined,
  ref: PromptFileRef,
  at: { span: Span; nameSpan: Span; loop: string | null; whenMissing?: string },
  inputs: Val | undefined,
  overrides?: ObjVal,
  defaultModel?: Val,
): RawCall | undefined {
  if (ref.path === FILE_MARK || ref.param) return undefined;
  const file = ctx?.promptFile?.(ref);
  const parsed = file && 'text' in file ? promptFileCall(file.text, !ref.path.endsWith('.prompty')) : null;
  const call = parsed && 'raw' in parsed ? parsed : null;
  if (!call) {
    // The code runs a prompt file that could not be read: still a call, whose parts are unknown.
    const why =
      (!file
        ? 'prompt files are read only when analyzing inside a workspace'
        : 'error' in file
          ? file.error
          : parsed && 'error' in parsed
            ? parsed.error
            : 'it has no front matter') + (file && 'error' in file && at.whenMissing ? `; ${at.whenMissing}` : '');
    const isPrompty = ref.path.endsWith('.prompty');
    const obj = (props: Map<string, Val>): ObjVal => ({ kind: 'obj', props, open: [], node: null, span: at.span, text: '' });
    const hole: Val = { kind: 'str', parts: [{ hole: `${ref.path} (${why})` }], span: at.span, text: ref.path };
    const props = new Map<string, Val>([['messages', { kind: 'list', items: [obj(new Map([['content', hole]]))], open: [], span: at.span, text: '' }]]);
    if (defaultModel) props.set('model', defaultModel);
    for (const [k, v] of overrides?.props ?? []) props.set(k, v);
    return {
      flavor: isPrompty ? 'python' : 'js',
      ...promptFileOperation(isPrompty),
      clientClass: null,
      endpoint: null,
      span: at.span,
      nameSpan: at.nameSpan,
      args: obj(props),
      bound: null,
      piped: null,
      loop: at.loop,
      notes: [`the prompt file ${ref.path} was not read (${why}): its model, cap and messages are unknown`],
      edits: NO_EDITS,
    };
  }
  const props = new Map(call.raw.args.props);
  const notes = [...call.notes, `priced from ${ref.path}; a cap belongs in its front matter`];
  if (!props.has('model') && defaultModel) {
    props.set('model', defaultModel);
    notes.push("the file names no model: the instance's default model is used");
  }
  const messages = props.get('messages');
  if (messages && inputs?.kind === 'obj') props.set('messages', fillTemplate(messages, inputs.props));
  for (const [k, v] of overrides?.props ?? []) {
    const base = props.get(k);
    if (base?.kind === 'obj' && v.kind === 'obj') props.set(k, { ...base, props: new Map([...base.props, ...v.props]), open: [...base.open, ...v.open] });
    else props.set(k, v);
  }
  return {
    ...call.raw,
    span: at.span,
    nameSpan: at.nameSpan,
    args: { ...call.raw.args, props, open: overrides?.open ?? [], node: null },
    loop: at.loop,
    notes,
    edits: NO_EDITS,
  };
}

/** The catalogue's operation a prompt file describes: Prompty's chat, or Dotprompt's generate. */
function promptFileOperation(isPrompty: boolean, nested = false): Pick<RawCall, 'sdk' | 'op'> {
  const sdk = isPrompty ? prompty : dotprompt;
  return { sdk, op: sdk.operations[isPrompty && nested ? 1 : 0] };
}
