// Where a call writes its model id as a string literal in its own arguments: the span a fix may
// rewrite, so that a model fix never edits a constant other calls share, or another file.
import { readPath, type Val } from '../recognizers/values';
import type { BuiltCall } from '../callsite';

/** An edit replacing `from` by `to` inside the call's own model literal, or null when there is none. */
export function replaceModelEdit(call: BuiltCall, from: string, to: string): { span: Val['span']; newText: string } | null {
  const params = call.sdk.modelParams ?? ['model'];
  const param = params.find((p) => call.raw.args.props.has(p));
  const v = param ? readPath(call.raw.args, param).value : undefined;
  if (v?.kind !== 'str' || !/^['"`]/.test(v.text) || !v.text.includes(from)) return null;
  return { span: v.span, newText: v.text.replace(from, to) };
}
