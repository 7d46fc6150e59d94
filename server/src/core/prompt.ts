// The prompt a call sends, read from its evaluated parameters: messages, system prompts, content
// blocks, images and tool definitions as counted parts, dynamic parts as holes, and the chat
// format's framing. `readPrompt` is what `buildCallSite` (callsite.ts) calls for every call.
import type { OperationSpec } from './catalogue';
import { fillTemplate } from './recognizers/strings';
import { readPath, staticString, type ImageRef, type ObjVal, type Val } from './recognizers/values';
import type { Prompt, PromptPart, UnknownPart } from './types';

/**
 * A chain headed by a known prompt template: the template's messages, with its variables filled
 * from the invocation's input (`chain.invoke({"topic": "bears"})`) where static, else named holes.
 */
export function templatePrompt(template: Val, params: ObjVal, op: OperationSpec): Prompt {
  const input = params.props.get('input');
  const values = input?.kind === 'obj' ? input.props : new Map<string, Val>();
  const filled = fillTemplate(template, values);
  const span = params.span;
  return readPrompt({ kind: 'obj', props: new Map([['input', filled]]), open: [], node: null, span, text: params.text }, op);
}

export function pipedPrompt(chain: string): Prompt {
  return { parts: [], unknown: [{ name: `input formatted by \`${chain}\``, where: 'input' }], messageCount: 0 };
}

class PromptBuilder {
  readonly parts: PromptPart[] = [];
  readonly unknown: UnknownPart[] = [];
  messageCount = 0;
  names = 0;
  /** Index one past the last part a cache breakpoint (`cache_control`) covers. */
  cachedUpTo = 0;
  breakpointCount = 0;

  /** The longest cache lifetime a breakpoint asks for (`{"type": "ephemeral", "ttl": "1h"}`). */
  cacheTtl: string | undefined;

  /** A block with `cache_control` caches everything up to and including it. */
  private breakpoint(item: Val): void {
    const cc = item.kind === 'obj' ? item.props.get('cache_control') : undefined;
    if (!cc) return;
    this.breakpointCount++;
    const last = this.parts[this.parts.length - 1];
    if (last && this.parts.length > this.cachedUpTo) last.breakpoint = true;
    this.cachedUpTo = this.parts.length;
    const ttl = cc.kind === 'obj' ? staticString(cc.props.get('ttl')) : undefined;
    if (ttl === '1h' || !this.cacheTtl) this.cacheTtl = ttl ?? '5m';
  }

  hole(name: string, where: string): void {
    this.unknown.push({ name, where });
  }

  /** A string, or content blocks (`[{type: 'text', text}]`, images as unknown parts). */
  text(v: Val, where: string): void {
    if (v.kind === 'str') {
      let buf = '';
      // The static text that follows the first dynamic part: what a changing value in front of it keeps from caching.
      let firstHole: string | undefined;
      let after = '';
      for (const p of v.parts) {
        if ('text' in p) {
          buf += p.text;
          if (firstHole !== undefined) after += p.text;
        } else {
          this.hole(p.hole, where);
          firstHole ??= p.hole;
        }
      }
      if (buf) {
        this.parts.push({
          where,
          text: buf,
          ...(v.origin ? { source: { ...v.origin } } : {}),
          ...(firstHole !== undefined && after.trim() ? { dynamicBefore: { name: firstHole, staticAfter: after } } : {}),
        });
      }
    } else if (v.kind === 'list') {
      v.items.forEach((item, i) => {
        if (item.kind === 'obj') {
          const type = staticString(item.props.get('type'));
          const t = item.props.get('text');
          if (type && IMAGE_BLOCKS.has(type)) this.image(item, `${where}[${i}]`);
          else if (t) this.text(t, `${where}[${i}].text`);
          else if (type && type !== 'text' && type !== 'input_text') this.hole(`${type} block`, `${where}[${i}]`);
          else this.hole(item.text, `${where}[${i}]`);
          this.breakpoint(item);
        } else this.text(item, `${where}[${i}]`);
      });
      for (const o of v.open) this.hole(o, where);
    } else if (v.kind === 'num') {
      this.parts.push({ where, text: String(v.value) });
    } else if (v.kind !== 'null') {
      this.hole(v.text, where);
    }
  }

  /** An image block: its size from the file it was read from, OpenAI's `detail`; counted by the estimate. */
  image(item: Val, where: string): void {
    const ref = findImage(item);
    const holder = item.kind === 'obj' ? item.props.get('image_url') : undefined;
    const detail =
      item.kind === 'obj'
        ? (staticString(item.props.get('detail')) ?? (holder?.kind === 'obj' ? staticString(holder.props.get('detail')) : undefined))
        : undefined;
    this.parts.push({
      where,
      text: '',
      image: {
        width: ref?.width ?? null,
        height: ref?.height ?? null,
        detail: detail ?? null,
        file: ref?.path ?? null,
        ...(ref?.error ? { formula: ref.error } : {}),
      },
    });
  }

  /** Gemini: a string, a Content {role, parts: [{text}]}, a Part {text}, or a list of those. */
  geminiContents(v: Val, where: string): void {
    if (v.kind === 'list') {
      v.items.forEach((item, i) => this.geminiContents(item, `${where}[${i}]`));
      for (const o of v.open) this.hole(o, where);
      return;
    }
    if (v.kind === 'obj') {
      const parts = v.props.get('parts');
      const text = v.props.get('text');
      if (v.props.has('inline_data') || v.props.has('inlineData')) this.image(v, where);
      else if (parts) {
        this.messageCount++;
        this.geminiContents(parts, `${where}.parts`);
      } else if (text) this.text(text, `${where}.text`);
      else this.hole(v.text, where);
      for (const o of v.open) this.hole(o, where);
      return;
    }
    this.text(v, where);
  }

  /**
   * Tool definitions: each is read by the model as its JSON (name, description, parameters).
   * Providers wrap them in their own format, so the count is an estimate, said by the caller.
   */
  tools(v: Val, where: string): void {
    if (v.kind !== 'list') {
      this.hole(v.text, where);
      return;
    }
    v.items.forEach((t, i) => {
      const json = toJson(t);
      if (json === undefined) this.hole(t.text, `${where}[${i}]`);
      else this.parts.push({ where: `${where}[${i}]`, text: JSON.stringify(json) });
      this.breakpoint(t);
    });
    for (const o of v.open) this.hole(o, where);
  }

  /** A string, or messages as `(role, content)` pairs, `{role, content}` dicts or message objects. */
  langchainInput(v: Val, where: string): void {
    if (v.kind !== 'list') {
      this.text(v, where);
      return;
    }
    v.items.forEach((m, i) => {
      this.messageCount++;
      const at = `${where}[${i}]`;
      if (m.kind === 'list' && m.items.length === 2 && m.open.length === 0) this.text(m.items[1], `${at}[1]`);
      else if (m.kind === 'obj' && m.props.has('content')) this.text(m.props.get('content')!, `${at}.content`);
      else if (m.kind === 'str') this.text(m, at);
      else this.hole(m.text, at);
    });
    for (const o of v.open) this.hole(o, where);
  }

  messages(v: Val, where: string): void {
    if (v.kind !== 'list') {
      this.hole(v.text, where);
      return;
    }
    v.items.forEach((m, i) => {
      this.messageCount++;
      if (m.kind !== 'obj') {
        this.hole(m.text, `${where}[${i}]`);
        return;
      }
      const content = m.props.get('content');
      if (content) this.text(content, `${where}[${i}].content`);
      else if (m.open.length) this.hole(m.open.join(', '), `${where}[${i}]`);
      const name = m.props.get('name');
      if (name) {
        this.names++;
        this.text(name, `${where}[${i}].name`);
      }
    });
    for (const o of v.open) this.hole(o, where);
  }
}

/** Content blocks that carry an image: OpenAI chat and Responses, Anthropic, the AI SDK. */
const IMAGE_BLOCKS = new Set(['image_url', 'input_image', 'image']);

/** The image file a block's data comes from, searched through its fields. */
function findImage(v: Val | undefined, depth = 0): ImageRef | undefined {
  if (!v || depth > 4) return undefined;
  if (v.kind === 'str') {
    for (const p of v.parts) if ('image' in p && p.image) return p.image;
    return undefined;
  }
  if (v.kind === 'obj') {
    for (const x of v.props.values()) {
      const r = findImage(x, depth + 1);
      if (r) return r;
    }
  }
  return undefined;
}

/** A fully static value as JSON; undefined when any part is only known at run time. */
function toJson(v: Val): unknown {
  switch (v.kind) {
    case 'str': {
      const s = staticString(v);
      return s;
    }
    case 'num':
    case 'bool':
      return v.value;
    case 'null':
      return null;
    case 'list': {
      if (v.open.length) return undefined;
      const items = v.items.map(toJson);
      return items.some((x) => x === undefined) ? undefined : items;
    }
    case 'obj': {
      if (v.open.length) return undefined;
      const out: Record<string, unknown> = {};
      for (const [k, x] of v.props) {
        if (k === 'cache_control') continue;
        const j = toJson(x);
        if (j === undefined) return undefined;
        out[k] = j;
      }
      return out;
    }
    default:
      return undefined;
  }
}

export function readPrompt(params: ObjVal, op: OperationSpec): Prompt {
  const b = new PromptBuilder();
  for (const spec of op.prompt) {
    const v = readPath(params, spec.param).value;
    if (!v || v.kind === 'null') continue;
    switch (spec.shape) {
      case 'text':
      case 'embedding-input':
        b.text(v, spec.param);
        break;
      case 'messages':
        b.messages(v, spec.param);
        break;
      case 'responses-input':
        if (v.kind === 'list' && v.items.some((i) => i.kind === 'obj')) b.messages(v, spec.param);
        else b.text(v, spec.param);
        break;
      case 'gemini-contents':
        b.geminiContents(v, spec.param);
        break;
      case 'langchain-input':
        b.langchainInput(v, spec.param);
        break;
      case 'batch-inputs':
        b.hole(`${v.text} (one request per input)`, spec.param);
        break;
      case 'tools':
        b.tools(v, spec.param);
        break;
    }
  }
  if (params.open.length) for (const o of params.open) b.hole(o, 'parameters');
  // Anthropic's automatic caching: a top-level `cache_control` puts the breakpoint on the last
  // cacheable block (it moves forward as the conversation grows), so the whole prompt is the prefix.
  const auto = params.props.get('cache_control');
  const automatic = auto?.kind === 'obj' && op.prompt.some((s) => s.shape === 'messages');
  if (automatic) {
    b.cachedUpTo = b.parts.length;
    b.breakpointCount++;
    const ttl = staticString(auto.props.get('ttl'));
    if (ttl === '1h' || !b.cacheTtl) b.cacheTtl = ttl ?? '5m';
  }
  b.parts.forEach((p, i) => {
    if (i < b.cachedUpTo) p.cached = true;
  });
  return {
    parts: b.parts,
    unknown: b.unknown,
    messageCount: op.chatFraming ? b.messageCount : 0,
    ...(b.cacheTtl ? { cacheTtl: b.cacheTtl } : {}),
    ...(b.breakpointCount ? { cacheBreakpoints: b.breakpointCount } : {}),
    ...(automatic ? { automaticCache: true } : {}),
  };
}
