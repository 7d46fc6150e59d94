// A retired model in a template-free string: replaced inside its quotes.
import OpenAI from 'openai';

const client = new OpenAI();
await client.responses.create({ model: 'o4-mini', input: 'Hello', max_output_tokens: 300 });
