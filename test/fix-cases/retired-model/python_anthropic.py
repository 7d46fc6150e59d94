# A model past its shutdown date: the literal becomes the replacement the rate card names (an unsafe fix: answers change).
import anthropic

client = anthropic.Anthropic()
message = client.messages.create(model="claude-3-5-haiku-20241022", max_tokens=300, messages=[{"role": "user", "content": "Hello"}])
