from openai import OpenAI

client = OpenAI()

POLICY = "You answer questions about ACME's refund policy in at most three sentences."


def reply(ticket: str) -> str:
    r = client.chat.completions.create(
        model="gpt-4o-mini",
        max_tokens=600,
        messages=[{"role": "system", "content": POLICY}, {"role": "user", "content": ticket}],
    )
    return r.choices[0].message.content
