# OpenAI Chat Completions over lines with a trailing comma: the cap goes on its own line, comma kept.
from openai import OpenAI

client = OpenAI()


def summarize(ticket: str) -> str:
    completion = client.chat.completions.create(
        model="gpt-5.5",
        messages=[
            {"role": "system", "content": "Summarize the support ticket in two sentences."},
            {"role": "user", "content": ticket},
        ],
        max_completion_tokens=1024,
    )
    return completion.choices[0].message.content
