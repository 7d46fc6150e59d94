# An id no rate card lists, one letter from a known one: the suggestion is offered as a fix (a suggestion, never applied on save).
import anthropic

client = anthropic.Anthropic()
client.messages.create(model="claude-sonnet-4-6", max_tokens=300, messages=[{"role": "user", "content": "Hello"}])
