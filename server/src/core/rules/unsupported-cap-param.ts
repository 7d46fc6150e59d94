// unsupported-cap-param: a cap parameter that does not work with this model or SDK version.
// OpenAI rejects `max_tokens` on Chat Completions for o-series and GPT-5+ models (every call
// fails); the AI SDK 5+ silently drops `maxTokens` (the output is not capped at all). The fix
// renames it to the parameter that works.
import { readPath } from '../recognizers/values';
import type { Rule } from './types';

export const unsupportedCapParam: Rule = {
  meta: {
    id: 'unsupported-cap-param',
    description: 'A cap parameter the model rejects, or the SDK version ignores.',
    defaultSeverity: 'error',
    fixSafety: 'safe',
    docs: 'docs/rules/unsupported-cap-param.md',
  },
  check({ call }) {
    const u = call.unsupportedCap;
    if (!u) return [];
    const { parent, value } = readPath(call.params, u.param);
    const edit = parent ? call.raw.edits.rename(parent, u.param.split('.').at(-1)!, u.replacement.split('.').at(-1)!) : null;
    const message =
      u.why === 'rejected'
        ? `\`${u.param}\` is not supported here: ${u.detail}. Every call fails; use \`${u.replacement}\`.`
        : `\`${u.param}\` is ignored: ${u.detail}, so the output is not capped. Use \`${u.replacement}\`.`;
    return [
      {
        severity: u.why === 'rejected' ? 'error' : 'warning',
        message,
        span: edit?.[0]?.span ?? value?.span ?? call.site.nameSpan,
        fix: edit ? { title: `Rename ${u.param} to ${u.replacement}`, safety: 'safe', edits: edit } : null,
      },
    ];
  },
};
