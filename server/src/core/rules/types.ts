import type { z } from 'zod';
import type { BuiltCall } from '../callsite';
import type { Suppression } from '../suppressions';
import type { AnalysisSettings, FixSafety, PrefixCandidate, Severity, Span } from '../types';

export interface RuleMeta {
  /** Stable kebab-case id, used in config, suppressions and output. */
  id: string;
  description: string;
  defaultSeverity: Severity;
  /** Safety of the rule's fix, null when the rule has no fix. */
  fixSafety: FixSafety | null;
  /** Path of the rule's documentation page, relative to the repository root. */
  docs: string;
  /**
   * The rule's options (`costlint.json` `"rules": { "<id>": { "options": {...} } }`): a strict zod
   * object whose fields all have defaults and descriptions. It is part of the config's schema, so
   * VS Code completes and checks them; the rule receives them parsed, defaults filled, in `ctx.options`.
   */
  options?: z.ZodObject;
}

export interface RuleFinding {
  severity: Severity;
  message: string;
  span: Span;
  fix: { title: string; safety: FixSafety; edits: { span: Span; newText: string }[] } | null;
  /**
   * A finding that holds by how many calls of other files send a prefix (`uncached-prefix`): its
   * message is `prefix.message` around the reason, and the host decides it (prefixes.ts).
   */
  prefix?: Omit<PrefixCandidate, 'finding' | 'suppressed'>;
}

export interface RuleContext {
  call: BuiltCall;
  /** The rule's options with their defaults (empty for a rule without options). */
  options: Record<string, unknown>;
  settings: AnalysisSettings;
  /** Every call of the file, this one included (rules that compare calls: shared prefixes). */
  calls: readonly BuiltCall[];
}

/** What a file-level rule sees: the file's text and the suppression comments after they were applied. */
export interface FileContext {
  text: string;
  suppressions: Suppression[];
  /** Every rule id there is. */
  ruleIds: readonly string[];
  settings: AnalysisSettings;
  options: Record<string, unknown>;
}

/** A rule checks each call (`check`), or the file as a whole (`checkFile`). */
export interface Rule {
  meta: RuleMeta;
  check?: (ctx: RuleContext) => RuleFinding[];
  checkFile?: (ctx: FileContext) => RuleFinding[];
}
