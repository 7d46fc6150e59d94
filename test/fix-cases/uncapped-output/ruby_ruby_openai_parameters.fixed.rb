# ruby-openai: the cap goes into the `parameters:` hash, spelled as the API spells it (a safe fix).
require "openai"

client = OpenAI::Client.new(access_token: ENV.fetch("OPENAI_ACCESS_TOKEN"))

response = client.chat(
  parameters: {
    model: "gpt-4.1-mini",
    messages: [{role: "user", content: "Hello!"}],
    temperature: 0.7,
    max_tokens: 1024
  }
)
puts response.dig("choices", 0, "message", "content")
