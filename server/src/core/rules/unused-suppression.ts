// unused-suppression: a `costlint-ignore` comment that silences nothing (the finding it was for
// is gone, or it names a rule that does not exist). Left in place, it would hide the next
// finding on that line without anyone deciding to.
import type { Rule, RuleFinding } from './types';

export const unusedSuppression: Rule = {
  meta: {
    id: 'unused-suppression',
    description: 'A costlint-ignore comment that suppresses nothing.',
    defaultSeverity: 'warning',
    fixSafety: 'safe',
    docs: 'docs/rules/unused-suppression.md',
  },
  checkFile({ text, suppressions, ruleIds }) {
    const out: RuleFinding[] = [];
    for (const s of suppressions) {
      const unknown = s.rules.filter((r) => !ruleIds.includes(r));
      const unused = s.rules.filter((r) => ruleIds.includes(r) && !s.used.has(r));
      if (!unknown.length && !unused.length) continue;
      const stale = [...unknown, ...unused];
      // Remove the whole comment when nothing in it is used, else just the stale ids.
      let edit: { span: { start: number; end: number }; newText: string };
      if (stale.length === s.rules.length) {
        const lineStart = text.lastIndexOf('\n', s.comment.start - 1) + 1;
        const nl = text.indexOf('\n', s.comment.end);
        const lineEnd = nl < 0 ? text.length : nl;
        if (s.ownLine && text.slice(s.comment.end, lineEnd).trim() === '') edit = { span: { start: lineStart, end: nl < 0 ? lineEnd : nl + 1 }, newText: '' };
        else {
          let start = s.comment.start;
          while (start > lineStart && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
          edit = { span: { start, end: s.comment.end }, newText: '' };
        }
      } else {
        const kept = s.rules.filter((r) => !stale.includes(r));
        const marker = `costlint-ignore${s.file ? '-file' : ''} `;
        edit = { span: s.span, newText: `${marker}${kept.join(', ')}${s.reason ? ` -- ${s.reason}` : ''}` };
      }
      const parts = [
        ...(unknown.length ? [`names no rule (${unknown.map((r) => `\`${r}\``).join(', ')})`] : []),
        ...(unused.length ? [`suppresses nothing ${s.file ? 'in this file' : 'here'} (${unused.map((r) => `\`${r}\``).join(', ')})`] : []),
      ];
      out.push({
        severity: 'warning',
        message: `This costlint-ignore ${parts.join(' and ')}: remove it, or it will hide a future finding nobody reviewed.`,
        span: s.span,
        fix: {
          title: stale.length === s.rules.length ? 'Remove the suppression comment' : `Remove ${stale.join(', ')} from the suppression`,
          safety: 'safe',
          edits: [edit],
        },
      });
    }
    return out;
  },
};
