// A value as it is where it is read, after the changes code made to it in place (`ir.ts`
// `InPlace`): a list built in steps, a string appended to, an object's properties set. The
// evaluator (evaluate.ts) asks for names whose bindings report changes.
import { concatStr, type ObjVal, type Val } from '../recognizers/values';
import type { Evaluator } from './evaluate';
import { MAX_REPEAT } from './runtime';
import type { ExprOf, InPlace } from './ir';

/** The most parts (texts and holes) a string built in place may have. */
const MAX_PARTS = 1_000;

export class InPlaceChanges<N> {
  constructor(private readonly ev: Evaluator<N>) {}

  /**
   * A local's value as it is where it is read, after the changes made to it in place: a list
   * built in steps (`messages << m`, `messages.Add(m)`, `append(messages, history...)`), a
   * string appended to (`prompt << "..."`, `$prompt .= "..."`), each step applied in order up to
   * the read. Only when every change is such a step, in the local's function and loop; otherwise
   * (an item removed or set, a step in another loop or in a callback) the value is open: its
   * name is what is not known. A hash changed in place is open too.
   */
  changedIn(v: Val, changes: InPlace<N>[], loop: string | null, use: ExprOf<N, 'name'>, depth: number, key: number): Val | undefined {
    // A list or hash handed to a function (`fill(parts)`) may come back changed: what is known of it, and its name.
    const escaped = (v.kind === 'list' || v.kind === 'obj') && !!this.ev.bindings.escapes?.(use.name, use.node);
    if (!changes.length) return escaped ? opened(v, use.name) : v;
    const at = this.ev.front.span(use.node).start;
    // An object: the properties set or changed inside it (`params.MaxTokens = x`, `params.Messages = append(...)`).
    if (v.kind === 'obj') {
      let obj: Val = v;
      for (const c of changes) {
        if (!c.before && this.ev.front.span(c.at).end > at && c.loop === loop) continue;
        if (!c.path?.length || obj.kind !== 'obj' || this.ev.stepBudget-- <= 0) return opened(v, use.name);
        this.ev.partial.set(key, obj);
        // Set in another loop (an agent loop's `params.Messages = append(...)`), or under a condition
        // (`params[:max_tokens] = 4000 if long`): that property is not known.
        const set = c.kind === 'set' && c.arg && c.loop === loop && !c.conditional ? this.ev.val(c.arg, depth) : undefined;
        obj = setAt(obj, c.path, set, `${use.name}.${c.path.join('.')}`);
      }
      return escaped ? opened(obj, use.name) : obj;
    }
    if (v.kind !== 'list' && v.kind !== 'str' && v.kind !== 'num') return undefined;
    // What is not all known: a list or string open under the name; a number unknown.
    const open = (x: Val) => (x.kind === 'num' ? undefined : opened(x, use.name));
    if (changes.some((c) => c.path?.length || c.kind === 'other' || c.loop !== loop)) return open(v);
    let out: Val = v;
    // In the order they run: by what each appends (`a << b << c` is met outer first).
    const pos = (c: InPlace<N>) => this.ev.front.span(c.arg ?? c.at).start;
    for (const c of [...changes].sort((x, y) => pos(x) - pos(y))) {
      if ((!c.before && this.ev.front.span(c.at).end > at) || !c.arg) continue;
      if (this.ev.stepBudget-- <= 0) return open(out);
      this.ev.partial.set(key, out);
      const arg = this.ev.val(c.arg, depth);
      // A number added to (`cap += 50`), when every step is known and unconditional.
      if (out.kind === 'num') {
        if (arg.kind !== 'num' || c.conditional || c.kind !== 'extend') return undefined;
        out = { ...out, value: out.value + arg.value };
        continue;
      }
      if (out.kind === 'str') {
        // Added to under a condition (`if not big: model += "-mini"`): not known whether it was.
        if (c.conditional) return opened(out, use.name);
        const next = concatStr(out.span, out.text, [out, arg]);
        // A string doubled in place (`p += p`) is not built past MAX_REPEAT characters, nor past
        // MAX_PARTS parts (strings added to each other in chains multiply their holes): it is not known.
        if (!next || next.kind !== 'str' || textLength(next) > MAX_REPEAT || next.parts.length > MAX_PARTS) return undefined;
        out = next;
      } else if (out.kind === 'list') {
        if (c.kind === 'append') out = { ...out, items: [...out.items, arg] };
        else if (arg.kind === 'list') out = { ...out, items: [...out.items, ...arg.items], open: [...out.open, ...arg.open] };
        else out = { ...out, open: [...out.open, arg.text] };
      }
    }
    return escaped ? opened(out, use.name) : out;
  }
}

/** The characters of a string's known text. */
function textLength(v: Val): number {
  return v.kind === 'str' ? v.parts.reduce((n, p) => n + ('text' in p ? p.text.length : 0), 0) : 0;
}
/** A list, hash or string whose content is not all known: what is not, by name, as an open part. */
export function opened(v: Val, name: string): Val {
  if (v.kind === 'list' || v.kind === 'obj') return v.open.includes(name) ? v : { ...v, open: [...v.open, name] };
  if (v.kind === 'str') return { ...v, parts: [...v.parts, { hole: name }] };
  return v;
}
/**
 * `obj` with the property at `path` set to `value`, or, without one, no longer known (a list or
 * object keeps what is known of it and is open under `name`; anything else is unknown by `name`).
 */
function setAt(obj: ObjVal, path: string[], value: Val | undefined, name: string): ObjVal {
  const [key, ...rest] = path;
  const prop = obj.props.get(key);
  let next: Val;
  if (rest.length) next = prop?.kind === 'obj' ? setAt(prop, rest, value, name) : { kind: 'unknown', span: obj.span, text: name };
  else if (value) next = value;
  // Unknown already (`modelConversation.Messages`): it stays as written.
  else if (prop?.kind === 'unknown') next = prop;
  else next = prop && (prop.kind === 'list' || prop.kind === 'obj') ? opened(prop, name) : { kind: 'unknown', span: prop?.span ?? obj.span, text: name };
  return { ...obj, props: new Map(obj.props).set(key, next) };
}
