// OpenAI Responses with a params object on one line: max_output_tokens goes inside it.
import OpenAI from 'openai';

const client = new OpenAI();

export async function haiku(topic: string): Promise<string> {
  const response = await client.responses.create({ model: 'gpt-5.5', input: `Write a haiku about ${topic}.` });
  return response.output_text;
}
