// The AI SDK and Google's JS SDK, as their docs write them.
import { generateText } from 'ai';
import { openai } from '@ai-sdk/openai';
import { GoogleGenAI } from '@google/genai';

export async function colors() {
  const { text } = await generateText({ model: openai('gpt-4o-mini'), prompt: 'Name three colors.', maxOutputTokens: 200 });
  const ai = new GoogleGenAI({});
  const r = await ai.models.generateContent({ model: 'gemini-2.5-flash', contents: 'Name three colors.', config: { maxOutputTokens: 200 } });
  return [text, r.text];
}
