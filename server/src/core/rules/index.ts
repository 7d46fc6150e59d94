import { cacheBelowMinimum } from './cache-below-minimum';
import { cacheBustingPrefix } from './cache-busting-prefix';
import { callInLoop } from './call-in-loop';
import { capExceedsModelLimit } from './cap-exceeds-model-limit';
import { overBudget } from './over-budget';
import { promptExceedsContext } from './prompt-exceeds-context';
import { retiredModel } from './retired-model';
import { thinkingBudgetInvalid } from './thinking-budget-invalid';
import { unknownModel } from './unknown-model';
import type { Rule } from './types';
import { uncachedPrefix } from './uncached-prefix';
import { uncappedOutput } from './uncapped-output';
import { unsupportedCapParam } from './unsupported-cap-param';
import { unusedSuppression } from './unused-suppression';

export type { FileContext, Rule, RuleContext, RuleFinding, RuleMeta } from './types';

/** Every rule, in reporting order. Adding a rule: a file here, an entry below, a docs page, fixtures. */
export const RULES = [
  uncappedOutput,
  unsupportedCapParam,
  capExceedsModelLimit,
  promptExceedsContext,
  thinkingBudgetInvalid,
  uncachedPrefix,
  cacheBelowMinimum,
  cacheBustingPrefix,
  unknownModel,
  retiredModel,
  callInLoop,
  overBudget,
  unusedSuppression,
] as const satisfies readonly Rule[];
