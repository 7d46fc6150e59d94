// Where a call writes its model id in its own arguments: a string literal, or an SDK's model
// constant (`openai.ChatModelGPT4o`), which a literal of the new id may replace. A model fix never
// edits a constant other calls share, or another file.
import { readPath, staticString } from '../recognizers/values';
import { modelParamsOf } from '../catalogue';
import type { BuiltCall } from '../callsite';
import { str, type Edit } from '../writers/lit';

/**
 * The edits replacing the first of `from` the call's own model value contains by `to` (a card id
 * before the whole value keeps a provider prefix: `googleai/gemini-2.0-flash`), or null when the
 * call writes no such value.
 */
export function replaceModelEdit(call: BuiltCall, from: readonly string[], to: string): Edit[] | null {
  const params = modelParamsOf(call.sdk, call.op);
  const param = params.find((p) => call.raw.args.props.has(p));
  const v = param ? readPath(call.raw.args, param).value : undefined;
  const current = v ? staticString(v) : undefined;
  const old = current === undefined ? undefined : from.find((f) => f && current.includes(f));
  if (!v || current === undefined || old === undefined) return null;
  // A literal the call's value was made from (`openai('gpt-4o')` is `openai/gpt-4o`, a factory's
  // `lm('gpt-4o')` too): only the id as written there changes, never to the prefixed value.
  const literal = /^(['"`])([^'"`\\]*)\1$/.exec(v.text)?.[2];
  if (literal !== undefined && literal !== current) return literal.includes(old) ? call.raw.edits.replace(v, str(literal.replace(old, to))) : null;
  return call.raw.edits.replace(v, str(current.replace(old, to)));
}
