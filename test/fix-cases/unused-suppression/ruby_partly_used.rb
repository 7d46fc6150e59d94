# A suppression naming a rule that exists and one that does not: only the unknown id is removed.
require "openai"

client = OpenAI::Client.new
client.chat.completions.create(model: "gpt-5.5", messages: [{role: "user", content: "Hi"}]) # costlint-ignore uncapped-output, uncaped-output
