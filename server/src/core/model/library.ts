// Values that libraries build, read from the catalogue for every language on the model: LangChain
// prompt templates and messages (catalogue/langchain.ts), Genkit instances (PROMPT_LOADERS), JSON
// encoders, dedenting functions and option objects built by a call (catalogue/runtime.ts, the SDKs'
// `optionClasses`). The evaluator (evaluate.ts) asks for calls and `new` expressions.
import { CATALOGUE, MESSAGE_CLASSES, MESSAGE_TEMPLATE_ROLES, PROMPT_LOADERS } from '../catalogue';
import type { Span } from '../types';
import { staticString, type Val } from '../recognizers/values';
import { DEDENT_STYLES, langchainTemplate, mapText, templateMessage } from '../recognizers/strings';
import type { Evaluator } from './evaluate';
import type { Arg, ExprOf } from './ir';

/** Classes whose constructor's keyword arguments are request options (`types.GenerateContentConfig(max_output_tokens=...)`). */
const OPTION_CLASSES: ReadonlySet<string> = new Set(CATALOGUE.flatMap((sdk) => sdk.optionClasses ?? []));

/** A LangChain method, as Python and JavaScript spell it. */
const FROM_TEMPLATE = new Set(['from_template', 'fromTemplate']);
const FROM_MESSAGES = new Set(['from_messages', 'fromMessages']);

export class LibraryValues<N> {
  /** The last names of the calls this reads (a class, a method, a function). */
  private readonly names: ReadonlySet<string>;

  constructor(private readonly ev: Evaluator<N>) {
    const rt = ev.runtime;
    const flavor = ev.front.flavor;
    this.names = new Set([
      'ChatPromptTemplate',
      'PromptTemplate',
      'MessagesPlaceholder',
      ...FROM_TEMPLATE,
      ...FROM_MESSAGES,
      ...MESSAGE_CLASSES,
      ...(flavor === 'python' || flavor === 'js' ? [PROMPT_LOADERS.genkit[flavor].factory] : []),
      ...(rt?.jsonEncoders ?? []).map((c) => c.slice(c.lastIndexOf('.') + 1)),
      ...(rt?.dedenters ?? []).flatMap((d) => d.names),
      ...(flavor === 'python' ? ['dict'] : []),
      ...OPTION_CLASSES,
    ]);
  }

  /** Whether `new cls(...)` may build a library value (a LangChain template or message). */
  known(cls: string): boolean {
    return MESSAGE_CLASSES.has(cls) || cls === 'MessagesPlaceholder';
  }

  /** The value a library call or `new` builds, when the catalogue knows it. */
  value(e: ExprOf<N, 'call'> | ExprOf<N, 'new'>, span: Span, text: string, depth: number): Val | undefined {
    // Most calls are none of these: their names say so before their arguments are read (a function
    // imported under another name, `from textwrap import dedent as dd`, by the name it is imported by).
    if (e.k === 'call' && !this.names.has(e.name)) {
      const f = e.object === null ? this.ev.expr(e.nameNode) : undefined;
      if (f?.k !== 'imported' || !this.names.has(f.name)) return undefined;
    }
    const args = this.ev.args(e);
    if (e.k === 'new') return this.template(e.cls, undefined, true, args, span, text, depth) ?? this.message(e.cls, true, args, span, text, depth);
    const cls = e.object === null ? e.name : this.ev.front.text(e.object);
    const method = e.object === null ? undefined : e.name;
    return (
      this.template(cls, method, false, args, span, text, depth) ??
      this.message(e.name, false, args, span, text, depth) ??
      this.genkit(e, args, span, text, depth) ??
      this.json(e, args, depth) ??
      this.dedented(e, args, span, text, depth) ??
      this.options(e, args, span, text)
    );
  }

  /**
   * LangChain prompt templates: `ChatPromptTemplate.from_messages([("system", "..."), ("human", "{input}")])`
   * (`fromMessages` in JavaScript), `.from_template("...")`, Python's `PromptTemplate(template=...)`
   * and `ChatPromptTemplate(messages)`, `MessagesPlaceholder("history")`.
   */
  private template(cls: string, method: string | undefined, made: boolean, args: Arg<N>[], span: Span, text: string, depth: number): Val | undefined {
    const pos = (i: number) => args.filter((a) => a.kind === 'pos')[i]?.value;
    const kw = (name: string) => args.find((a): a is Extract<Arg<N>, { kind: 'named' }> => a.kind === 'named' && a.name === name)?.value;
    const role = MESSAGE_TEMPLATE_ROLES[cls];
    if (method && FROM_TEMPLATE.has(method) && (cls === 'ChatPromptTemplate' || cls === 'PromptTemplate' || role)) {
      const t = pos(0) ?? kw('template');
      if (t === undefined) return undefined;
      const body = langchainTemplate(this.ev.val(t, depth), span, text);
      if (cls === 'PromptTemplate') return body;
      return { kind: 'list', items: [templateMessage(role ?? 'user', body)], open: [], span, text, template: true };
    }
    if (method && (!FROM_MESSAGES.has(method) || cls !== 'ChatPromptTemplate')) return undefined;
    if (!method && cls === 'MessagesPlaceholder') {
      const n = kw('variable_name') ?? pos(0);
      const name = n === undefined ? undefined : staticString(this.ev.val(n, depth));
      return name ? { kind: 'str', parts: [{ hole: name }], span, text, template: true } : undefined;
    }
    // Python builds templates by calling the class: `PromptTemplate(template=...)`, `ChatPromptTemplate(messages)`.
    if (!method && (made || cls !== 'ChatPromptTemplate')) {
      const t = !made && cls === 'PromptTemplate' ? (kw('template') ?? pos(0)) : undefined;
      return t === undefined ? undefined : langchainTemplate(this.ev.val(t, depth), span, text);
    }
    const list = pos(0) ?? kw('messages');
    const v = list === undefined ? undefined : this.ev.val(list, depth);
    if (v?.kind !== 'list') return undefined;
    const items = v.items.map((m) => {
      if (m.kind !== 'list' || m.items.length !== 2) return m;
      const r = staticString(m.items[0]);
      // ("placeholder", "{history}") stands for the messages passed as `history`.
      if (r === 'placeholder') return { ...langchainTemplate(m.items[1], m.span, m.text), template: true };
      return templateMessage(r ?? 'user', langchainTemplate(m.items[1], m.span, m.text));
    });
    return { kind: 'list', items, open: v.open, span, text, template: true };
  }

  /** LangChain messages: `SystemMessage(content="...")`, `HumanMessage("...")`, `new HumanMessage({ content })`. */
  private message(cls: string, made: boolean, args: Arg<N>[], span: Span, text: string, depth: number): Val | undefined {
    // LangChain is Python's and JavaScript's: Java's `new ChatMessage(role, content)` (TheoKanning's) is another class.
    const flavor = this.ev.front.flavor;
    if (!MESSAGE_CLASSES.has(cls) || (flavor !== 'python' && flavor !== 'js')) return undefined;
    const named = args.find((a) => a.kind === 'named' && a.name === 'content')?.value;
    const first = args.find((a) => a.kind === 'pos')?.value;
    if (named === undefined && first === undefined) return made ? undefined : { kind: 'obj', props: new Map(), open: [], node: null, span, text };
    const v = this.ev.val((named ?? first)!, depth);
    // A message's fields passed as one object (`new HumanMessage({ content })`).
    if (named === undefined && v.kind === 'obj') return { ...v, span, text };
    return { kind: 'obj', props: new Map([['content', v]]), open: [], node: null, span, text };
  }

  /** Genkit's factory (`Genkit(...)`, `genkit({...})`) imported from its package: the instance, as its options with a `loader` mark. */
  private genkit(e: ExprOf<N, 'call'>, args: Arg<N>[], span: Span, text: string, depth: number): Val | undefined {
    const flavor = this.ev.front.flavor;
    const G = flavor === 'python' || flavor === 'js' ? PROMPT_LOADERS.genkit[flavor] : undefined;
    if (!G || e.object !== null || e.name !== G.factory) return undefined;
    const f = this.ev.expr(e.nameNode);
    if (f.k !== 'imported' || f.name !== G.factory || !G.packages.some((p) => f.module === p || f.module.startsWith(`${p}.`))) return undefined;
    const props = new Map<string, Val>();
    const open: string[] = [];
    for (const a of args) {
      if (a.kind === 'named') props.set(a.name, this.ev.val(a.value, depth));
      else {
        const v = this.ev.val(a.value, depth);
        if (v.kind === 'obj') {
          for (const [k, pv] of v.props) props.set(k, pv);
          if (a.kind === 'spread') open.push(...v.open);
        } else if (a.kind === 'spread') open.push(this.ev.front.text(a.value));
      }
    }
    return { kind: 'obj', props, open, node: null, span, text, loader: 'genkit' };
  }

  /** `json.dumps({...})`, `JSON.stringify({...})`: Bedrock InvokeModel's body, read as the object it encodes. */
  private json(e: ExprOf<N, 'call'>, args: Arg<N>[], depth: number): Val | undefined {
    const encoders = this.ev.runtime?.jsonEncoders;
    const first = args.find((a) => a.kind === 'pos');
    if (!encoders?.length || !first || !encoders.includes(this.written(e))) return undefined;
    const v = this.ev.val(first.value, depth);
    return v.kind === 'obj' ? v : undefined;
  }

  /** `textwrap.dedent(s)`, `dedent(s)` imported from a package the runtime catalogue lists (`RuntimeSpec.dedenters`). */
  private dedented(e: ExprOf<N, 'call'>, args: Arg<N>[], span: Span, text: string, depth: number): Val | undefined {
    const style = this.dedenter(e);
    const first = args.find((a) => a.kind === 'pos');
    const v = style && first ? this.ev.val(first.value, depth) : undefined;
    return style && v?.kind === 'str' ? mapText(v, DEDENT_STYLES[style], span, text) : undefined;
  }

  /** The dedenting style of the function a call names: `module.name` as written, or a name imported from the module (a default import by its local name). */
  dedenter(e: Pick<ExprOf<N, 'call'>, 'object' | 'name' | 'nameNode'>): keyof typeof DEDENT_STYLES | undefined {
    const all = this.ev.runtime?.dedenters;
    if (!all?.length) return undefined;
    if (e.object !== null) {
      const mod = this.ev.front.text(e.object);
      return all.find((d) => d.names.includes(e.name) && d.modules.includes(mod))?.style;
    }
    const f = this.ev.expr(e.nameNode);
    if (f.k !== 'imported') return undefined;
    const name = f.name === 'default' ? e.name : f.name;
    return all.find((d) => d.names.includes(name) && d.modules.includes(f.module))?.style;
  }

  /**
   * `dict(model=..., max_tokens=...)` and SDK option classes read the same way
   * (`types.GenerateContentConfig(max_output_tokens=...)`): their keyword arguments, the object's
   * node the arguments (fixes edit there).
   */
  private options(e: ExprOf<N, 'call'>, args: Arg<N>[], span: Span, text: string): Val | undefined {
    const isOptions = (e.object === null && e.name === 'dict' && this.ev.front.flavor === 'python') || OPTION_CLASSES.has(e.name);
    if (!isOptions || args.some((a) => a.kind === 'pos')) return undefined;
    return { ...this.ev.keywords(e, span, text), span, text };
  }

  /** A call's function as written (`json.dumps`, `JSON.stringify`). */
  private written(e: ExprOf<N, 'call'>): string {
    return e.object === null ? e.name : `${this.ev.front.text(e.object)}.${e.name}`;
  }
}
