import Anthropic from '@anthropic-ai/sdk';
import { NextResponse } from 'next/server';
import OpenAI from 'openai';

const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });
const anthropic = new Anthropic();

const SUMMARY_INSTRUCTIONS = `You write short, neutral summaries of web pages for a reading list.
Keep names, numbers and dates. Do not add opinions.`;

export async function POST(req: Request) {
  const { url, text } = await req.json();

  const summary = await openai.responses.create({
    model: 'gpt-5.4-mini',
    instructions: SUMMARY_INSTRUCTIONS,
    input: `Summarize the page at ${url}:\n\n${text}`,
  });

  const stream = anthropic.messages.stream({
    model: 'claude-sonnet-4-6',
    max_tokens: 1024,
    messages: [{ role: 'user', content: `Suggest three follow-up reads for: ${summary.output_text}` }],
  });

  return NextResponse.json({ summary: summary.output_text, followUps: await stream.finalText() });
}
