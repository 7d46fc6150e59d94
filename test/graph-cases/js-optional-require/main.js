const OpenAI = require?.('openai');
const client = new OpenAI();
async function ask(q) {
  return client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: q }], max_tokens: 100 });
}
module.exports = { ask };
