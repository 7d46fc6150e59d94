import Anthropic from '@anthropic-ai/sdk';

const anthropic = new Anthropic();
const TEAMS = ['billing', 'shipping', 'returns'] as const;

export async function nightlyDigest(notes: Record<string, string>) {
  const out: string[] = [];
  for (const team of TEAMS) {
    const msg = await anthropic.messages.create({
      model: 'claude-haiku-4-5',
      max_tokens: 600,
      messages: [{ role: 'user', content: `Summarize today's ${team} tickets:\n${notes[team]}` }],
    });
    out.push(msg.content[0].type === 'text' ? msg.content[0].text : '');
  }
  return out;
}
