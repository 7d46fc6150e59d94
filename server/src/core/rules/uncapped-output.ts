// uncapped-output: a call that generates text with no output cap. The worst case is the
// model's maximum output on every call. Where the API requires a cap (Anthropic's
// max_tokens) the request fails outright, so the finding is an error.
import { formatTokens, formatUsd } from '../format';
import { readPath, type ObjVal, type RawCall } from '../recognizers/values';
import { num, obj, type Edit, type Lit } from '../writers/lit';
import type { Rule } from './types';
import { PROMPT_FILE_LANGUAGES } from '../types';

export const uncappedOutput: Rule = {
  meta: {
    id: 'uncapped-output',
    description: 'A call that generates output has no output-token cap.',
    defaultSeverity: 'warning',
    fixSafety: 'unsafe',
    docs: 'docs/rules/uncapped-output.md',
  },
  check({ call, settings }) {
    const { op, site, model, params, raw, cap } = call;
    if (!cap || !op.billed || site.outputCap) return [];
    // A model passed in as a base class (`llm: BaseChatModel`): its cap is set where it is made, not here.
    if (call.sdk.injected || cap.elsewhere) return [];
    // A cap written with the spelling this SDK version ignores: unsupported-cap-param renames it.
    if (call.unsupportedCap?.why === 'ignored') return [];
    // Code that runs a prompt file (`prompty.execute(...)`): the file reports its own missing cap.
    if (!PROMPT_FILE_LANGUAGES.includes(site.language) && (call.sdk.id === 'prompty' || call.sdk.id === 'dotprompt')) return [];
    // Parameters we cannot see (`**kwargs`, `...options`, `config=some_var`) may carry the cap:
    // say nothing rather than guess.
    if (params.open.length || cap.params.some((p) => readPath(params, p).opaque)) return [];

    const param =
      raw.flavor === 'js' && cap.jsInsert
        ? cap.jsInsert
        : // Compatible providers, gateways and proxies take max_tokens, whatever model they route to.
          (model?.acceptsMaxTokens || call.elsewhere) && cap.insertWhenModelAcceptsMaxTokens
          ? cap.insertWhenModelAcceptsMaxTokens
          : cap.insert;
    const value = Math.min(settings.defaultOutputCap, model?.maxOutput ?? Number.POSITIVE_INFINITY);
    const edits = cap.noFix ? null : insertCap(raw, call.insertInto, param, value, cap.required);
    const fix = edits
      ? {
          title: `Add ${param}=${value}`,
          // Capping output can cut off a long answer that used to complete: a behaviour change.
          // Adding the cap Anthropic requires turns a failing request into a working one.
          safety: cap.required ? ('safe' as const) : ('unsafe' as const),
          edits,
        }
      : null;

    const who = `${call.sdk.displayName} ${op.api}`;
    if (cap.required) {
      return [
        {
          severity: 'error',
          message: `${who} call has no ${cap.insert}: the API rejects the request (${cap.insert} is required). Add ${param}.`,
          span: site.nameSpan,
          fix,
        },
      ];
    }
    let worst = '';
    if (model?.maxOutput && model.output !== null) {
      worst = ` It may generate up to ${formatTokens(model.maxOutput)} output tokens (${formatUsd((model.maxOutput * model.output) / 1e6)} per call at ${model.id}'s ${formatUsd(model.output)}/1M output).`;
    } else if (model?.maxOutput) {
      worst = ` It may generate up to ${formatTokens(model.maxOutput)} output tokens per call.`;
    }
    return [
      {
        severity: 'warning',
        message: `${who} call has no output cap.${worst} Add ${cap.advice ?? param}${site.operation !== op.path ? ' to the request bodies of the batch file' : ''}.`,
        span: site.nameSpan,
        fix,
      },
    ];
  },
};

/**
 * The edits that set a cap at a dotted path: into the options object when it exists
 * (`config=types.GenerateContentConfig(...)`), else a new options object holding the cap.
 */
function insertCap(raw: RawCall, params: ObjVal, path: string, value: number, required: boolean): Edit[] | null {
  const segs = path.split('.');
  const { parent } = readPath(params, path);
  if (parent) return raw.edits.set(parent, segs[segs.length - 1], num(value), { required });
  // Build the missing objects from the first absent segment down.
  let depth = 0;
  let holder = params;
  while (depth < segs.length - 1) {
    const next = holder.props.get(segs[depth]);
    if (next?.kind !== 'obj') break;
    holder = next;
    depth++;
  }
  let lit: Lit = num(value);
  for (let i = segs.length - 1; i > depth; i--) lit = obj(undefined, [[segs[i], lit]]);
  return raw.edits.set(holder, segs[depth], lit, { required });
}
