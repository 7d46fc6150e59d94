"""Answers support questions with the help-center policy as context."""
from openai import OpenAI

POLICY = """You are Acme's support assistant. Answer from the policy below, in three sentences at most.
Refunds: within 30 days with a receipt; store credit after that. Shipping: 3-5 business days."""


class SupportBot:
    def __init__(self) -> None:
        self.client = OpenAI()

    def answer(self, question: str) -> str:
        r = self.client.chat.completions.create(
            model="gpt-4o",
            messages=[
                {"role": "system", "content": POLICY},
                {"role": "user", "content": question},
            ],
        )
        return r.choices[0].message.content

    def title(self, question: str) -> str:
        # costlint-ignore retired-model -- migration tracked in #311
        r = self.client.chat.completions.create(model="gpt-4o-mini", max_tokens=20, messages=[{"role": "user", "content": f"Title for: {question}"}])
        return r.choices[0].message.content
