import anthropic

client = anthropic.Anthropic()

summary = client.messages.create(
    model="claude-3-haiku-20240307",
    max_tokens=300,
    messages=[{"role": "user", "content": "Summarize the release notes."}],
)
