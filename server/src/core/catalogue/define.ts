import type { CapSpec, OperationSpec } from './types';

/**
 * An operation with the usual defaults: billed, not streaming, standard price, no cap, no
 * chat framing. Entries state what differs.
 */
export function operation(o: Pick<OperationSpec, 'path' | 'api' | 'prompt'> & Partial<OperationSpec>): OperationSpec {
  return { billed: true, streaming: false, pricing: 'standard', cap: null, chatFraming: false, ...o };
}

/**
 * An optional cap that Python spells snake_case and JS camelCase (`max_tokens` / `maxTokens`,
 * `config.max_output_tokens` / `config.maxOutputTokens`); `also` lists other accepted spellings.
 */
export function capSpelled(python: string, js: string, ...also: string[]): CapSpec {
  return { params: [python, ...also, js], required: false, insert: python, jsInsert: js };
}
