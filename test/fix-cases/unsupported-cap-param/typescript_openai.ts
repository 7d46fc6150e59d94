// max_tokens on a GPT-5 chat completion is rejected: the property is renamed to max_completion_tokens.
import OpenAI from 'openai';

const client = new OpenAI();
await client.chat.completions.create({ model: 'gpt-5.5', max_tokens: 300, messages: [{ role: 'user', content: 'Hello' }] });
