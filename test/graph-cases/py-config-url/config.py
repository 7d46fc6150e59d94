CHAT_URL = "https://api.openai.com/v1/chat/completions"
