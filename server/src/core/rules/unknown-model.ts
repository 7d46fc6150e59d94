// unknown-model: a model id that the rate card of the provider billing the call does not list.
// Its cost cannot be estimated (never a silent $0), and it is often a typo or a name the provider
// spells differently; the finding suggests the nearest ids.
import type { Rule } from './types';
import { replaceModelEdit } from './model-literal';

export const unknownModel: Rule = {
  meta: {
    id: 'unknown-model',
    description: 'A model id that is not in any rate card: its cost is unknown.',
    defaultSeverity: 'warning',
    fixSafety: 'suggestion',
    docs: 'docs/rules/unknown-model.md',
  },
  check({ call }) {
    const u = call.unknownModel;
    if (!u) return [];
    const where = u.provider ? `the ${u.provider} rate card` : 'any rate card';
    const hint = u.suggestions.length ? ` Did you mean ${u.suggestions.map((s) => `'${s}'`).join(', ')}?` : '';
    const edit = u.suggestions[0] ? replaceModelEdit(call, [u.lookup, u.id], u.suggestions[0]) : null;
    return [
      {
        severity: 'warning',
        message: `Model '${u.id}' is not in ${where}, so its cost is unknown.${hint} If it names a deployment or a fine-tune, map it to the model it runs in costlint.json \`models\` (\`"${u.id}": "<model>"\`); if it is a model of its own, add it with a rate-card file (\`rateCards\`).`,
        span: call.site.nameSpan,
        fix: edit ? { title: `Use '${u.suggestions[0]}'`, safety: 'suggestion', edits: edit } : null,
      },
    ];
  },
};
