# Anthropic requires max_tokens: the keyword is added like its neighbours (a safe fix: the request failed without it).
require "anthropic"

anthropic = Anthropic::Client.new(api_key: ENV["ANTHROPIC_API_KEY"])

message = anthropic.messages.create(
  model: "claude-sonnet-4-6",
  messages: [{role: "user", content: "Hello, Claude"}],
  max_tokens: 1024
)
puts(message.content)
