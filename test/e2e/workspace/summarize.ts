import Anthropic from '@anthropic-ai/sdk';

const anthropic = new Anthropic();

export async function summarize(text: string) {
  const message = await anthropic.messages.create({
    model: 'claude-sonnet-4-6',
    messages: [{ role: 'user', content: `Summarize:\n\n${text}` }],
  });
  return message.content;
}
