// A trailing suppression that silences nothing: the comment is removed, the code stays.
import OpenAI from 'openai';

const client = new OpenAI();
await client.responses.create({ model: 'gpt-5.5', input: 'Summarize this.', max_output_tokens: 200 }); // costlint-ignore uncapped-output
