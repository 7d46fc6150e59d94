// Where requests set their reasoning controls, in every SDK's spelling: data the estimate reads
// (`callsite.ts` `readReasoning`), never code in a recognizer. A new SDK's spelling of a thinking
// budget, an effort or the object they sit in is an entry here.

export const REASONING = {
  /** Keys holding a thinking budget in tokens (Anthropic `budget_tokens`, Gemini `thinking_budget`). 0 turns thinking off, -1 is dynamic. */
  budgetKeys: new Set(['budget_tokens', 'budgetTokens', 'thinking_budget', 'thinkingBudget']),
  /** Keys holding an effort level (OpenAI `reasoning_effort`, Anthropic `output_config.effort`, Gemini `thinking_level`). `none` turns it off. */
  effortKeys: new Set(['reasoning_effort', 'reasoningEffort', 'effort', 'thinking_level', 'thinkingLevel']),
  /**
   * Objects searched for those keys (four levels deep at most; message lists never are): the
   * controls' own objects (`thinking`, `reasoning`, `thinking_config`), the SDKs' pass-through
   * and config objects (`extra_body`, `providerOptions`, Bedrock's `additionalModelRequestFields`,
   * `generation_config`), and the AI SDK's per-provider options (`providerOptions.anthropic`).
   */
  objects: new Set([
    'thinking',
    'reasoning',
    'output_config',
    'thinking_config',
    'thinkingConfig',
    'providerOptions',
    'provider_options',
    'additionalModelRequestFields',
    'extra_body',
    'model_kwargs',
    'modelKwargs',
    'config',
    'generation_config',
    'generationConfig',
    'inferenceConfig',
    'anthropic',
    'openai',
    'google',
    'vertex',
    'bedrock',
    'xai',
    'deepseek',
  ]),
} as const;
