# One finding of each rule with a fix, as they appear in real code.
from anthropic import Anthropic
from openai import OpenAI

client = OpenAI()
claude = Anthropic()

POLICY = "Refunds are accepted within 30 days with a receipt; store credit after that. " * 120


def plan(task: str):
    # o-series models reject max_tokens on Chat Completions.
    return client.chat.completions.create(model="o3", max_tokens=2000, messages=[{"role": "user", "content": task}])


def typo(task: str):
    return client.chat.completions.create(model="gpt-4oo", max_tokens=200, messages=[{"role": "user", "content": task}])


def triage(tickets: list[str]):
    for t in tickets:
        claude.messages.create(model="claude-sonnet-4-5", max_tokens=300, system=POLICY, messages=[{"role": "user", "content": t}])


def quiet(task: str):
    # costlint-ignore call-in-loop -- there is no loop here any more
    return client.chat.completions.create(model="gpt-4o", max_tokens=100, messages=[{"role": "user", "content": task}])
