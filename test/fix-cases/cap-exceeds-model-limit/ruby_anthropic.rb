# max_tokens above the model's maximum output: the number is lowered to it.
require "anthropic"

client = Anthropic::Client.new
client.messages.create(model: "claude-haiku-4-5", max_tokens: 100_000, messages: [{role: "user", content: "Hello"}])
