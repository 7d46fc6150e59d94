# An id no rate card lists: the nearest known id is suggested in place.
require "anthropic"

client = Anthropic::Client.new
client.messages.create(model: "claude-sonet-4-6", max_tokens: 300, messages: [{role: "user", content: "Hello"}])
