# langchainrb: `chat` takes the unified `max_tokens:` keyword for every provider class (Gemini's is sent as maxOutputTokens).
require "langchain"

llm = Langchain::LLM::GoogleGemini.new(api_key: ENV["GEMINI_API_KEY"], default_options: {chat_model: "gemini-2.5-flash-lite"})
response = llm.chat(messages: [{role: "user", parts: [{text: "Summarize the release notes."}]}])
puts response.chat_completion
