// OpenAI-compatible endpoints: where a `base_url` / `baseURL` points, and whose rate card
// prices the calls sent there. Hosts are matched exactly or as a suffix (`.openai.azure.com`).

export interface Endpoint {
  /** Host, or a suffix starting with '.' */
  host: string;
  label: string;
  /** Rate card provider, or null when costlint has no card for it (cost unknown). */
  provider: string | null;
  /** A server on this machine or network: priced $0 and labelled local. */
  local?: boolean;
  /** Said in the estimate's assumptions when this endpoint is used. */
  note?: string;
  /** Keeps the data in a region: billed at the model's `residencyMultiplier` (OpenAI's regional endpoints). */
  residency?: boolean;
}

export const ENDPOINTS: readonly Endpoint[] = [
  { host: 'api.openai.com', label: 'OpenAI', provider: 'openai' },
  // Data residency (pricing facts, OpenAI processing tiers: "data residency adds 10%" on GPT-5 and later).
  { host: 'eu.api.openai.com', label: 'OpenAI (EU data residency)', provider: 'openai', residency: true },
  { host: 'api.anthropic.com', label: "Anthropic's OpenAI-compatible API", provider: 'anthropic' },
  { host: 'api.deepseek.com', label: 'DeepSeek', provider: 'deepseek' },
  { host: 'api.x.ai', label: 'xAI', provider: 'xai' },
  { host: 'api.groq.com', label: 'Groq', provider: 'groq' },
  { host: 'api.together.xyz', label: 'Together AI', provider: 'together' },
  { host: 'api.together.ai', label: 'Together AI', provider: 'together' },
  { host: 'api.fireworks.ai', label: 'Fireworks AI', provider: 'fireworks' },
  { host: 'api.mistral.ai', label: 'Mistral', provider: 'mistral' },
  { host: 'generativelanguage.googleapis.com', label: "Gemini's OpenAI-compatible API", provider: 'google' },
  { host: 'api.cohere.ai', label: "Cohere's compatibility API", provider: 'cohere' },
  { host: 'api.cohere.com', label: "Cohere's compatibility API", provider: 'cohere' },
  {
    host: '.openai.azure.com',
    label: 'Azure OpenAI',
    provider: 'openai',
    note: "Azure OpenAI: priced at OpenAI's list price for the model; data-zone and regional deployments cost more",
  },
  { host: 'openrouter.ai', label: 'OpenRouter', provider: null },
  { host: 'api.perplexity.ai', label: 'Perplexity', provider: null },
  { host: 'models.github.ai', label: 'GitHub Models', provider: null },
  { host: 'models.inference.ai.azure.com', label: 'GitHub Models', provider: null },
  { host: 'localhost', label: 'a local server', provider: null, local: true },
  { host: '127.0.0.1', label: 'a local server', provider: null, local: true },
  { host: '0.0.0.0', label: 'a local server', provider: null, local: true },
  { host: '[::1]', label: 'a local server', provider: null, local: true },
  { host: 'host.docker.internal', label: 'a server on the Docker host', provider: null, local: true },
];

/** The endpoint a base URL points at; for an unlisted host, a null-provider entry named after it. */
export function endpointOf(url: string): Endpoint {
  let host: string;
  try {
    host = new URL(url.includes('://') ? url : `https://${url}`).hostname.toLowerCase();
  } catch {
    return { host: url, label: url, provider: null };
  }
  const hit = ENDPOINTS.find((e) => (e.host.startsWith('.') ? host.endsWith(e.host) : host === e.host));
  return hit ?? { host, label: host, provider: null };
}
