"""Ticket triage: one system prompt shared by two calls."""
from openai import OpenAI

SUPPORT_PROMPT = """You are Acme's support triage assistant.
Classify the ticket as billing, bug, or how-to, and answer in one sentence."""

client = OpenAI()


def triage(ticket):
    return client.chat.completions.create(
        model="gpt-4o-mini",
        max_tokens=100,
        messages=[{"role": "system", "content": SUPPORT_PROMPT}, {"role": "user", "content": ticket}],
    )


def escalate(ticket):
    return client.chat.completions.create(
        model="gpt-4o",
        max_tokens=300,
        messages=[{"role": "system", "content": SUPPORT_PROMPT}, {"role": "user", "content": ticket}],
    )
