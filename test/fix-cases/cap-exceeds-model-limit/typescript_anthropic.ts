// max_tokens above the model's maximum output: the number is lowered to it.
import Anthropic from '@anthropic-ai/sdk';

const client = new Anthropic();
await client.messages.create({ model: 'claude-haiku-4-5', max_tokens: 100000, messages: [{ role: 'user', content: 'Hello' }] });
