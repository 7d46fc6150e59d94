// What code builds request values with besides the SDKs, per language: the standard library and
// framework calls the evaluator (model/evaluate.ts) reads through. Data, not code in a recognizer:
// supporting another reader of environment variables is an entry here.
import type { OtherFlavor } from './index';

export interface RuntimeSpec {
  /**
   * Calls reading an environment variable or configuration with a default, as written: a
   * receiver and method (`ENV.fetch("MODEL", "gpt-4o")`) or a function (`env('MODEL', 'gpt-4o')`).
   * The value is unknown at run time; the default (the positional argument at `defaultArg`) is
   * what an estimate assumes and says it assumed.
   */
  envDefaults: { call: string; defaultArg: number }[];
  /**
   * Methods that return their receiver's value for all costlint reads (`DEFAULTS = {...}.freeze`,
   * `PROMPT.dup`): read through, so a constant hash or string stays known.
   */
  identityMethods: string[];
  /** Calls that make a list of their arguments (Java's `List.of(a, b)`). */
  listCalls?: string[];
}

export const RUNTIME: Partial<Record<OtherFlavor, RuntimeSpec>> = {
  ruby: {
    envDefaults: [{ call: 'ENV.fetch', defaultArg: 1 }],
    identityMethods: ['freeze', 'dup', 'clone', 'itself'],
  },
  php: {
    // Laravel's env() and config() helpers.
    envDefaults: [
      { call: 'env', defaultArg: 1 },
      { call: 'config', defaultArg: 1 },
    ],
    identityMethods: [],
  },
  java: {
    envDefaults: [],
    identityMethods: [],
    listCalls: ['List.of', 'Arrays.asList'],
  },
};
