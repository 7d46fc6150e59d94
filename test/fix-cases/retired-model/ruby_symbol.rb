# A model written as a quoted symbol (the openai-ruby README style) stays a symbol.
require "anthropic"

client = Anthropic::Client.new
client.messages.create(model: :"claude-3-5-haiku-20241022", max_tokens: 300, messages: [{role: "user", content: "Hello"}])
