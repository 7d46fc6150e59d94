// uncached-prefix: a static prefix (tool definitions and system prompt) at or above the model's
// minimum cacheable length, sent by two or more calls with the same model (`minCallSites`; in this
// file or, joined by the host, in others: prefixes.ts) or by one call in a loop, with no caching
// asked for. Anthropic caches only what `cache_control` marks: the fix marks the
// system prompt. OpenAI caches such prefixes by itself; Gemini needs explicit context caching.
import { z } from 'zod';
import type { BuiltCall } from '../callsite';
import { formatRange, formatTokens, formatUsd } from '../format';
import { readPath } from '../recognizers/values';
import type { PrefixCandidate } from '../types';
import type { Rule } from './types';
import { code, list, obj, str, type Edit } from '../writers/lit';

/** The static prefix a provider could cache: the leading parts before the first message, if none is dynamic. */
export function staticPrefix(call: BuiltCall): { text: string; tokens: number } | null {
  const { prompt } = call.site;
  const lead = prompt.parts.filter((p) => /^(tools|functions|system|instructions|config\.system_instruction|system_instruction)\b/.test(p.where));
  if (!lead.length || prompt.parts.some((p) => p.cached)) return null;
  if (prompt.unknown.some((u) => /^(tools|functions|system|instructions|config\.system_instruction|system_instruction)\b/.test(u.where))) return null;
  return { text: lead.map((p) => p.text).join('\u0000'), tokens: lead.reduce((n, p) => n + (p.tokens ?? 0), 0) };
}

const OPTIONS = z
  .object({
    minCallSites: z
      .number()
      .int()
      .min(2)
      .default(2)
      .describe('How many call sites must send the same prefix before it is reported (a call in a loop always repeats it).'),
  })
  .strict();

export const uncachedPrefix: Rule = {
  meta: {
    id: 'uncached-prefix',
    description: 'A static prefix long enough to cache, repeated by several calls or a loop, with no caching.',
    defaultSeverity: 'warning',
    fixSafety: 'safe',
    docs: 'docs/rules/uncached-prefix.md',
    options: OPTIONS,
  },
  check({ call, calls, options }) {
    const { minCallSites } = options as z.infer<typeof OPTIONS>;
    const { site, model } = call;
    const min = model?.minCacheableTokens;
    if (!model || !min || !site.cacheablePrefix) return [];
    const prefix = staticPrefix(call);
    if (!prefix || prefix.tokens < min) return [];
    // Whether it holds depends on the calls of other files too: the host decides (`prefixReason`).
    const sharing = calls.filter((c) => c !== call && c.model?.id === model.id && staticPrefix(c)?.text === prefix.text).length;
    const candidate = (before: string, after: string) => ({
      key: site.cacheablePrefix!.key,
      sharing,
      loop: site.inLoop ? (site.loop ?? '') : null,
      minCallSites,
      message: [before, after] as [string, string],
    });
    const size = `${site.estimate.approximate ? 'about ' : ''}${formatTokens(prefix.tokens)} tokens`;
    if (model.provider === 'openai') {
      return [
        {
          severity: 'info',
          message: '',
          span: site.nameSpan,
          fix: null,
          prefix: candidate(
            `The ${size} static prefix `,
            `; OpenAI caches it automatically (reads at ${formatUsd(model.cacheRead ?? model.input)} per 1M instead of ${formatUsd(model.input)}). If many users send it, set \`prompt_cache_key\` so their requests land on the same cache.`,
          ),
        },
      ];
    }
    if (model.provider === 'google') {
      const after = ' and is not cached: create it once with explicit context caching (`caches.create`) and pass `cached_content`.';
      return [{ severity: 'info', message: '', span: site.nameSpan, fix: null, prefix: candidate(`The ${size} static prefix `, after) }];
    }
    if (model.provider !== 'anthropic') return [];
    // Anthropic: mark the system prompt. A string becomes the block form; a block list gets the
    // marker on its last block. Each language writes it in its SDK's idiom (writers/).
    const { raw } = call;
    const ephemeral = obj('CacheControlEphemeral', [['type', str('ephemeral')]]);
    const system = readPath(raw.args, 'system').value;
    const last = system?.kind === 'list' ? system.items[system.items.length - 1] : undefined;
    let edits: Edit[] | null = null;
    if (last?.kind === 'obj') edits = raw.edits.set(last, 'cache_control', ephemeral);
    else if (system?.kind === 'str') {
      const block = obj('TextBlockParam', [
        ['type', str('text')],
        ['text', code(system.text)],
        ['cache_control', ephemeral],
      ]);
      edits = raw.edits.set(raw.args, 'system', list('TextBlockParam', [block]));
    }
    // Otherwise (tools only, a system prompt built elsewhere): the top-level automatic form.
    let automatic = false;
    if (!edits && !raw.args.props.has('cache_control')) {
      edits = raw.edits.set(raw.args, 'cache_control', ephemeral);
      automatic = edits !== null;
    }
    const c = site.estimate;
    const write = model.cacheWrite5m;
    const costs =
      write !== null && model.cacheRead !== null && c.costUsd
        ? ` Cached, the first call writes it at ${formatUsd(write)} per 1M and each repeat within 5 minutes reads it at ${formatUsd(model.cacheRead)} instead of ${formatUsd(model.input)} (now ${formatRange(c.costUsd)} per call).`
        : '';
    return [
      {
        severity: 'warning',
        message: '',
        span: site.nameSpan,
        prefix: candidate(`The ${size} static prefix `, `, with no cache_control: Anthropic bills it in full every time.${costs}`),
        fix: edits
          ? { title: automatic ? 'Cache the prompt automatically (top-level cache_control)' : 'Cache the system prompt (cache_control)', safety: 'safe', edits }
          : null,
      },
    ];
  },
};

/**
 * Why a candidate (`RuleFinding.prefix`) holds, given the calls of other files sending its prefix
 * (`elsewhere`): it runs in a loop, or enough calls send the prefix. Null when it does not hold.
 */
export function prefixReason(c: Pick<PrefixCandidate, 'sharing' | 'loop' | 'minCallSites'>, elsewhere?: { files: string[]; calls: number }): string | null {
  if (c.loop !== null) return `runs in a loop${c.loop ? ` (${c.loop})` : ''}`;
  const calls = elsewhere?.calls ?? 0;
  if (c.sharing + calls + 1 < c.minCallSites) return null;
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  const files = elsewhere?.files ?? [];
  const shared = [
    c.sharing ? `${plural(c.sharing, 'other call')} in this file` : '',
    calls
      ? `${plural(calls, 'call')} in ${files.length === 1 ? files[0] : `${files.length} other files (${files.slice(0, 3).join(', ')}${files.length > 3 ? ', ...' : ''})`}`
      : '',
  ].filter(Boolean);
  return `is also sent by ${shared.join(' and ')}`;
}
