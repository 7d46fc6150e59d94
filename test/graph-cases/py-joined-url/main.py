# Posts to an OpenAI-compatible /chat/completions endpoint
import requests

URL = "https://api.openai.com/v1/chat/" + "completions"


def ask(q):
    return requests.post(URL, json={"model": "gpt-4o", "messages": [{"role": "user", "content": q}], "max_tokens": 100})
