import type { BuiltCall } from '../callsite';
import type { AnalysisSettings, FixSafety, Severity, Span } from '../types';

export interface RuleMeta {
  /** Stable kebab-case id, used in config, suppressions and output. */
  id: string;
  description: string;
  defaultSeverity: Severity;
  /** Safety of the rule's fix, null when the rule has no fix. */
  fixSafety: FixSafety | null;
  /** Path of the rule's documentation page, relative to the repository root. */
  docs: string;
}

export interface RuleFinding {
  severity: Severity;
  message: string;
  span: Span;
  fix: { title: string; safety: FixSafety; edits: { span: Span; newText: string }[] } | null;
}

export interface RuleContext {
  call: BuiltCall;
  settings: AnalysisSettings;
}

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): RuleFinding[];
}
