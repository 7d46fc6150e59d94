// An id no rate card lists: the nearest known id is suggested in place.
import Anthropic from '@anthropic-ai/sdk';

const client = new Anthropic();
await client.messages.create({ model: "claude-sonnet-4-6", max_tokens: 300, messages: [{ role: 'user', content: 'Hello' }] });
