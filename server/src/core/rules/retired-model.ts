// retired-model: a model past its shutdown date (requests fail: error) or with a shutdown date
// announced (warning, naming the date). The fix moves to the replacement the rate card names.
import { z } from 'zod';
import type { Rule } from './types';
import { replaceModelEdit } from './model-literal';

const DAY = 86_400_000;

const OPTIONS = z
  .object({
    warnWithinDays: z
      .number()
      .int()
      .min(0)
      .nullable()
      .default(null)
      .describe(
        'Warn about an announced shutdown only when it is at most this many days away (null: as soon as a date is announced). Models already shut down are always errors.',
      ),
  })
  .strict();

export const retiredModel: Rule = {
  meta: {
    id: 'retired-model',
    description: 'A model past its shutdown date, or with one announced.',
    defaultSeverity: 'warning',
    fixSafety: 'unsafe',
    docs: 'docs/rules/retired-model.md',
    options: OPTIONS,
  },
  check({ call, settings, options }) {
    const { warnWithinDays } = options as z.infer<typeof OPTIONS>;
    const model = call.model;
    const life = model?.lifecycle;
    // A library's own default (RubyLLM's when the app configures none here): the app's configuration decides.
    if (!model || !life || call.libraryDefaultModel) return [];
    const today = settings.today ?? new Date().toISOString().slice(0, 10);
    const shutdown = life.shutdownDate;
    // The date decides when there is one (the status is as of the card's date); else the status.
    const past = shutdown !== undefined ? shutdown <= today : life.status === 'retired';
    if (!past && !shutdown && life.status !== 'deprecated') return [];
    if (!past && shutdown && warnWithinDays !== null && Date.parse(shutdown) - Date.parse(today) > warnWithinDays * DAY) return [];
    // Retired on the provider's own API but still served elsewhere (Bedrock, Google Cloud): said, not an error.
    const elsewhere = life.note && /still on|except on/i.test(life.note) ? life.note : null;
    let when: string;
    if (shutdown)
      when = past ? `was shut down on ${shutdown}` : `shuts down on ${shutdown} (in ${Math.ceil((Date.parse(shutdown) - Date.parse(today)) / DAY)} days)`;
    else when = past ? 'is retired' : 'is deprecated';
    const effect = past ? (elsewhere ? ` (${elsewhere})` : ': requests to it fail') : '';
    const replacement = life.replacement;
    const edit = replacement ? replaceModelEdit(call, [model.id, call.site.model.value ?? model.id], replacement) : null;
    return [
      {
        severity: past && !elsewhere ? 'error' : 'warning',
        message: `${model.id} ${when}${effect}.${replacement ? ` Its replacement is '${replacement}'.` : ''}`,
        span: call.site.nameSpan,
        fix: edit && replacement ? { title: `Use '${replacement}'`, safety: 'unsafe', edits: edit } : null,
      },
    ];
  },
};
