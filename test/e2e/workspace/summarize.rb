require "openai"

client = OpenAI::Client.new
client.chat.completions.create(model: :"gpt-4o", messages: [{role: "user", content: ARGV.first}])
