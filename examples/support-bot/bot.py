"""Customer-support assistant: answers tickets, summarizes threads, tags them."""
import os
from typing import Optional

import anthropic
from openai import OpenAI

SYSTEM_PROMPT = """You are Acme's customer-support assistant.
Answer in the customer's language. Be concise and friendly.
If the question is about billing, explain the relevant plan limits and link to the billing page.
Never promise refunds; escalate refund requests to a human agent.
"""

ANSWER_MODEL = "gpt-4.1-mini"
SUMMARY_MODEL = os.getenv("SUMMARY_MODEL", "claude-haiku-4-5")

openai_client = OpenAI()


class TicketSummarizer:
    def __init__(self, client: Optional[anthropic.Anthropic] = None):
        self.client = client or anthropic.Anthropic()

    def summarize(self, thread: list[str]) -> str:
        response = self.client.messages.create(
            model=SUMMARY_MODEL,
            max_tokens=400,
            system="Summarize the support thread in three bullet points.",
            messages=[{"role": "user", "content": "\n\n".join(thread)}],
        )
        return response.content[0].text

    def tag_all(self, tickets: list[str]) -> list[str]:
        tags = []
        for ticket in tickets:
            msg = self.client.messages.create(
                model="claude-sonnet-4-6",
                messages=[{"role": "user", "content": f"Give one tag for this ticket: {ticket}"}],
            )
            tags.append(msg.content[0].text)
        return tags


def answer(question: str, history: list[dict]) -> str:
    completion = openai_client.chat.completions.create(
        model=ANSWER_MODEL,
        messages=[
            {"role": "system", "content": SYSTEM_PROMPT},
            *history,
            {"role": "user", "content": question},
        ],
        temperature=0.2,
    )
    return completion.choices[0].message.content


def embed(texts: list[str]) -> list[list[float]]:
    result = openai_client.embeddings.create(model="text-embedding-3-small", input=texts)
    return [d.embedding for d in result.data]
