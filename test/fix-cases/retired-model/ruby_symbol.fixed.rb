# A model written as a quoted symbol (the openai-ruby README style) stays a symbol.
require "anthropic"

client = Anthropic::Client.new
client.messages.create(model: :"claude-haiku-4-5-20251001", max_tokens: 300, messages: [{role: "user", content: "Hello"}])
