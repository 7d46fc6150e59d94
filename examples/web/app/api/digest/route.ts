import OpenAI from 'openai';

const client = new OpenAI();

// Builds a weekly digest: one short blurb per saved article.
export async function POST(req: Request) {
  const { articles } = (await req.json()) as { articles: { title: string; body: string }[] };
  const blurbs = await Promise.all(
    articles.map((a) =>
      client.chat.completions.create({
        model: 'gpt-5.4-nano',
        max_completion_tokens: 120,
        messages: [
          { role: 'system', content: 'Write a one-sentence blurb for a newsletter.' },
          { role: 'user', content: `${a.title}\n\n${a.body}` },
        ],
      }),
    ),
  );
  return Response.json({ blurbs: blurbs.map((b) => b.choices[0].message.content) });
}
