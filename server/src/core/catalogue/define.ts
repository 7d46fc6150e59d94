import type { OperationSpec } from './types';

/**
 * An operation with the usual defaults: billed, not streaming, standard price, no cap, no
 * chat framing. Entries state what differs.
 */
export function operation(o: Pick<OperationSpec, 'path' | 'api' | 'prompt'> & Partial<OperationSpec>): OperationSpec {
  return { billed: true, streaming: false, pricing: 'standard', cap: null, chatFraming: false, ...o };
}
