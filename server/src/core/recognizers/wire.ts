// Requests to an LLM API sent without its SDK: an HTTP POST (Python's `requests` and `httpx`,
// JavaScript's `fetch` and `axios`) to a URL whose path is one of the APIs' own
// (`/chat/completions`, `/v1/messages`, `/embeddings`, ...), with a JSON body. Read as that API's
// request, in the wire format of the SDK whose path it is (OpenAI's for the OpenAI-compatible paths
// every vendor serves, Anthropic's for `/v1/messages`); the provider is the URL's host's when the
// URL writes it (catalogue/endpoints.ts), else the model's. A URL known only at run time, one
// whose path is no API's, and a path on the app's own server (`/api/responses`) are no call.
import { CATALOGUE, ENDPOINTS, endpointOf, findOperation, type OperationSpec, type SdkSpec } from '../catalogue';
import type { Span } from '../types';
import { clientCall, type ClientSym } from './symbols';
import type { ObjVal, RawCall, StrPart, Val } from './values';

/** Text a file must contain for its HTTP posts to be read (`WIRE_PATHS`' paths). */
export const WIRE_HINT = /\/(?:chat\/completions|messages|embeddings|completions|responses|images\/(?:generations|edits))\b/;

/** API paths, the SDK whose wire format they are, and its operation (most specific first). */
const WIRE_PATHS: readonly { suffix: string; sdk: string; op: string }[] = [
  { suffix: '/chat/completions', sdk: 'openai', op: 'chat.completions.create' },
  { suffix: '/v1/messages', sdk: 'anthropic', op: 'messages.create' },
  { suffix: '/embeddings', sdk: 'openai', op: 'embeddings.create' },
  { suffix: '/images/generations', sdk: 'openai', op: 'images.generate' },
  { suffix: '/images/edits', sdk: 'openai', op: 'images.edit' },
  { suffix: '/responses', sdk: 'openai', op: 'responses.create' },
  { suffix: '/completions', sdk: 'openai', op: 'completions.create' },
];

/** The API a request URL names: its path's SDK and operation, and the base URL written before it (null: set at run time). */
export function wireTarget(url: Val): { sdk: SdkSpec; op: OperationSpec; base: string | null; path: string } | undefined {
  if (url.kind !== 'str') return undefined;
  const parts: StrPart[] = url.parts;
  // The URL as written, each hole a NUL, without its query (`?api-version={v}`) or fragment.
  const written = parts
    .map((p) => ('text' in p ? p.text : '\0'))
    .join('')
    .replace(/[?#][\s\S]*$/, '')
    .replace(/\/+$/, '');
  const wire = WIRE_PATHS.find((w) => written.endsWith(w.suffix));
  if (!wire) return undefined;
  // `fetch('/api/responses', ...)`: the app's own server (a route that may call the API itself), not the API.
  if (written.startsWith('/')) return undefined;
  const sdk = CATALOGUE.find((s) => s.id === wire.sdk);
  const op = sdk && findOperation(sdk, wire.op.split('.'), 'python');
  if (!sdk || !op) return undefined;
  // `https://api.deepseek.com/v1/chat/completions`, `f"{base}/chat/completions"`: the origin, when written.
  const origin = /^https?:\/\/[^/\0]+/.exec(written)?.[0];
  return { sdk, op, base: origin ?? null, path: wire.suffix };
}

/**
 * The request a POST of `body` (written at `bodyAt`) to `url` sends (`wireTarget`), through `via`
 * (`requests.post`, `fetch`): a call of that SDK's operation, the body its parameters (a body not
 * read statically leaves them open), the URL's origin its endpoint.
 */
export function wireCall(
  url: Val,
  body: Val | undefined,
  bodyAt: { span: Span; text: string },
  via: string,
  c: Pick<RawCall, 'flavor' | 'span' | 'nameSpan' | 'loop' | 'edits'> & { iterations: () => number | null },
): RawCall | undefined {
  const target = wireTarget(url);
  if (!target) return undefined;
  const args: ObjVal =
    body?.kind === 'obj' ? body : { kind: 'obj', props: new Map(), open: [body?.text ?? 'body'], node: null, span: bodyAt.span, text: bodyAt.text };
  // Other services share these paths (an SMS API's `/v1/messages`, a survey's `/responses`): a host the
  // catalogue knows serves models, or a body naming a model, makes it a model request.
  const known = target.base !== null && ENDPOINTS.includes(endpointOf(target.base));
  if (!known && !args.props.has('model')) return undefined;
  const note = `sent without an SDK (\`${via}\` to \`${target.path}\`): read as ${target.sdk.displayName}'s API request, whose wire format it is`;
  const receiver: ClientSym = { kind: 'client', sdk: target.sdk, path: [], endpoint: { url: target.base, expression: url.text }, notes: [note] };
  return clientCall(receiver, target.op, { ...c, args });
}
