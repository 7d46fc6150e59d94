# max_tokens above the model's maximum output: the number is lowered to it where the call writes it.
import anthropic

client = anthropic.Anthropic()
message = client.messages.create(model="claude-haiku-4-5", max_tokens=64000, messages=[{"role": "user", "content": "Hello"}])
