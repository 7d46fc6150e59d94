# max_tokens on a GPT-5 chat completion is rejected: the keyword is renamed to max_completion_tokens.
require "openai"

client = OpenAI::Client.new
client.chat.completions.create(model: "gpt-5.5", max_tokens: 300, messages: [{role: "user", content: "Hello"}])
